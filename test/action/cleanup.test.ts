// The post step always cleans up: main saves the run id before anything is created, and post
// deletes by it whatever happened to main. The stage contract is exercised in-process (runMain /
// runPost with stages given); the real OpenStack cleanup is run from dist/post.js against a cloud
// that does not answer, to prove it warns, never fails the job, and never prints the password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../../src/action/run-main.ts';
import { runPost } from '../../src/action/run-post.ts';
import { STATE } from '../../src/action/state.ts';
import type { ActionSelection as Selection, ActionStages } from '../../src/action/cloud.ts';
import { parseCommandFile, newJob, visibleLog } from '../../scripts/lab/action-runner.ts';
import { makeRun } from '../helpers/tempest-run.ts';

const PASSWORD = 'cleanup-Secret-Pw-77';

// core.summary remembers the summary file of its first write: one file for the whole process,
// emptied per test.
const SUMMARY = join(await mkdtemp(join(tmpdir(), 'tg-summary-')), 'summary.md');

/** Point @actions/core at fresh runner files and set the inputs, as the runner would for one step. */
async function runnerEnv(
  inputs: Record<string, string>,
): Promise<{ dir: string; state: () => Promise<Record<string, string>>; summary: () => Promise<string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tg-inproc-'));
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_') || k.startsWith('STATE_')) delete process.env[k];
  for (const f of ['state', 'output']) await writeFile(join(dir, f), '');
  await writeFile(SUMMARY, '');
  Object.assign(process.env, {
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: SUMMARY,
    GITHUB_REPOSITORY: 'octocat/Hello-World',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: dir,
  });
  delete process.env.GITHUB_EVENT_PATH;
  delete process.env.OS_AUTH_URL;
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  return {
    dir,
    state: async () => parseCommandFile(await readFile(join(dir, 'state'), 'utf8')),
    summary: () => readFile(SUMMARY, 'utf8'),
  };
}

const SELECTED: Selection = { conclusion: 'run', summary: '3 of 10 tests selected', selectedCount: 3, parallelList: null, serialList: null };

const CLOUD_INPUTS = {
  'github-token': 'ghs_inproc',
  'clouds-yaml': `clouds:\n  lab:\n    auth:\n      auth_url: http://127.0.0.1:9/v3\n      username: demo\n      password: ${PASSWORD}\n      project_name: demo\n`,
  cloud: 'lab',
  flavor: 'm1.small',
  image: 'cirros',
  'check-run': 'false',
  'upload-artifacts': 'false',
};

test('main dies mid-provision: the run id was saved first, and post cleans up by it', async () => {
  const cleaned: string[] = [];
  let provisionedWith = '';
  const stages: Partial<ActionStages> = {
    select: async () => SELECTED,
    async provisionAndRun({ runId }) {
      provisionedWith = runId;
      throw new Error('Nova said ERROR for node 2');
    },
    async cleanup({ runId }) {
      cleaned.push(runId);
      return { deleted: [`server tg-${runId}-controller`], leftover: [] };
    },
  };
  const env = await runnerEnv(CLOUD_INPUTS);
  await runMain({ stages });
  assert.equal(process.exitCode, 1);
  process.exitCode = 0;
  const state = await env.state();
  assert.match(state[STATE.runId] ?? '', /^[0-9a-z]+-[0-9a-z]{4}$/);
  assert.equal(state[STATE.runId], provisionedWith);
  assert.match(await env.summary(), /internal error: Nova said ERROR for node 2/);

  // The post step: the runner hands the state back as STATE_<name>.
  process.env[`STATE_${STATE.runId}`] = state[STATE.runId];
  await runPost({ stages });
  assert.deepEqual(cleaned, [provisionedWith]);
  assert.notEqual(process.exitCode, 1, 'cleanup never fails the job');
});

test('post never fails the job: a cleanup error becomes a warning; no run id means nothing to do', async () => {
  let calls = 0;
  const stages: Partial<ActionStages> = {
    async cleanup() {
      calls++;
      throw new Error('Keystone unreachable');
    },
  };
  await runnerEnv(CLOUD_INPUTS);
  await runPost({ stages });
  assert.equal(calls, 0, 'no run id saved: nothing was created');
  process.env[`STATE_${STATE.runId}`] = 'abc123-zz99';
  await runPost({ stages });
  assert.equal(calls, 1);
  assert.notEqual(process.exitCode, 1);
});

test('bad input discovered before provisioning creates nothing (no run id saved)', async () => {
  const stages: Partial<ActionStages> = {
    select: async () => SELECTED,
    async provisionAndRun() {
      throw new Error('must not provision');
    },
  };
  const env = await runnerEnv({ ...CLOUD_INPUTS, baseline: 'baselines/nope.json' });
  await runMain({ stages });
  process.exitCode = 0;
  assert.equal((await env.state())[STATE.runId], undefined);
  assert.match(await env.summary(), /input 'baseline' \('baselines\/nope.json'\): \S*baselines\/nope.json: cannot read: no such file/);
});

test('dist/post.js with the real OpenStack cleanup and an unreachable cloud: a warning, exit 0, no password', async () => {
  // A port that refuses connections: bind, note the port, close.
  const port = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 9));
    });
  });
  const inputs = { ...CLOUD_INPUTS, 'clouds-yaml': CLOUD_INPUTS['clouds-yaml'].replace('127.0.0.1:9', `127.0.0.1:${port}`) };
  const job = await newJob({
    inputs,
    githubToken: 'ghs_x',
    apiUrl: 'http://127.0.0.1:9',
    event: {},
    eventName: 'push',
    state: { [STATE.runId]: 'mq1x2y3z-ab12' },
  });
  const r = await job.step('post');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /deleting the cloud resources of run 'mq1x2y3z-ab12'/);
  assert.match(r.stdout, /::warning::tempest-gate post: cleanup failed: /);
  assert.ok(r.stdout.includes(`::add-mask::${PASSWORD}`));
  assert.ok(!visibleLog(r.stdout).includes(PASSWORD) && !r.stderr.includes(PASSWORD));
});

test('a damaged result file still reports what was good, and cannot pass', async () => {
  const env = await runnerEnv({ 'github-token': 'ghs_x', results: 'r.subunit', 'check-run': 'false', 'upload-artifacts': 'false' });
  const bytes = makeRun({ tests: 10, failures: 0 });
  await writeFile(join(env.dir, 'r.subunit'), bytes.subarray(0, bytes.length - 7));
  const cwd = process.cwd();
  process.chdir(env.dir);
  try {
    await runMain();
  } finally {
    process.chdir(cwd);
  }
  assert.equal(process.exitCode, 1);
  process.exitCode = 0;
  const summary = await env.summary();
  assert.match(
    summary,
    /tempest-gate: fail\n\n1 never finished of 10; no baseline, so every failure counts; input damaged: r\.subunit: byte \d+/,
    'the test cut off by the damage counts against the run',
  );
  assert.match(summary, /r\.subunit: byte \d+: Short read.*; kept 10 tests/);
});
