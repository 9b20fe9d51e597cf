// `baseline: auto` and `devstack-branch: auto` (action.yml's defaults) follow the branch the
// change is for: the pull request's base branch, or the pushed branch.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autoDevstackBranch, baselineCandidates, readSettings } from '../../src/action/inputs.ts';

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
  process.env['INPUT_GITHUB-TOKEN'] = 'ghs_inputs_test';
});

test('the pure resolution: the base branch first, then master; devstack only on branches devstack has', () => {
  assert.deepEqual(baselineCandidates('stable/2025.2'), ['stable/2025.2', 'master']);
  assert.deepEqual(baselineCandidates('master'), ['master'], 'master is tried once');
  assert.deepEqual(baselineCandidates('feature/sriov'), ['feature/sriov', 'master']);
  assert.deepEqual(baselineCandidates(null), ['master']);
  assert.deepEqual(baselineCandidates('wip..x'), ['master'], 'a branch that cannot name a baseline only falls back');
  assert.equal(autoDevstackBranch('stable/2025.2'), 'stable/2025.2');
  assert.equal(autoDevstackBranch('master'), 'master');
  assert.equal(autoDevstackBranch('feature/sriov'), 'master');
  assert.equal(autoDevstackBranch('unstable/x'), 'master');
  assert.equal(autoDevstackBranch(null), 'master');
});

async function event(payload: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'tg-auto-')), 'event.json');
  await writeFile(file, JSON.stringify(payload));
  return file;
}

const pr = (base: string): unknown => ({
  pull_request: { number: 4, head: { sha: 'a'.repeat(40), repo: { full_name: 'o/nova' } }, base: { ref: base, repo: { full_name: 'o/nova' } } },
});

test('auto in readSettings: a pull request to stable/2025.2, a pull request to a feature branch, a push to stable, a tag', async () => {
  process.env.INPUT_BASELINE = 'auto';
  process.env['INPUT_DEVSTACK-BRANCH'] = 'auto';
  const toStable = readSettings({ GITHUB_EVENT_PATH: await event(pr('stable/2025.2')), GITHUB_REF: 'refs/pull/4/merge', GITHUB_REPOSITORY: 'o/nova' });
  assert.equal(toStable.context.baseBranch, 'stable/2025.2');
  assert.equal(toStable.baseline, null, 'auto is no reference: the lookup is by candidates');
  assert.deepEqual(toStable.baselineCandidates, ['stable/2025.2', 'master']);
  assert.equal(toStable.devstackBranch, 'stable/2025.2');

  const toFeature = readSettings({ GITHUB_EVENT_PATH: await event(pr('feature/sriov')), GITHUB_REPOSITORY: 'o/nova' });
  assert.deepEqual(toFeature.baselineCandidates, ['feature/sriov', 'master']);
  assert.equal(toFeature.devstackBranch, 'master');

  const push = readSettings({
    GITHUB_EVENT_PATH: await event({ ref: 'refs/heads/stable/2024.1' }),
    GITHUB_REF: 'refs/heads/stable/2024.1',
    GITHUB_REF_NAME: 'stable/2024.1',
    GITHUB_REPOSITORY: 'o/nova',
  });
  assert.equal(push.context.baseBranch, 'stable/2024.1');
  assert.deepEqual(push.baselineCandidates, ['stable/2024.1', 'master']);
  assert.equal(push.devstackBranch, 'stable/2024.1');

  const tag = readSettings({ GITHUB_REF: 'refs/tags/v1.0.0', GITHUB_REF_NAME: 'v1.0.0' });
  assert.equal(tag.context.baseBranch, null, 'a tag is not a branch');
  assert.deepEqual(tag.baselineCandidates, ['master']);
  assert.equal(tag.devstackBranch, 'master');
});

test('other values: empty is no baseline and master devstack, as before auto; a reference is kept; no candidates then', async () => {
  const env = { GITHUB_EVENT_PATH: await event(pr('stable/2025.2')), GITHUB_REPOSITORY: 'o/nova' };
  let s = readSettings(env);
  assert.equal(s.baseline, null);
  assert.deepEqual(s.baselineCandidates, []);
  assert.equal(s.devstackBranch, 'master');
  process.env.INPUT_BASELINE = 'stable/2024.1';
  process.env['INPUT_DEVSTACK-BRANCH'] = 'stable/2024.1';
  s = readSettings(env);
  assert.equal(s.baseline, 'stable/2024.1');
  assert.deepEqual(s.baselineCandidates, []);
  assert.equal(s.devstackBranch, 'stable/2024.1');
});
