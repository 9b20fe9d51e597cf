// Scale-out on the embedded lab, K = 2: two shard jobs at once, each the bundled action as the
// runner runs it (scripts/lab/gate.ts), each provisioning its own environment on the local
// OpenStack (lab hosts: real SSH hosts), stacking the devstack stand-in and running its shard of
// the selection with Tempest; then the merge job downloads both shards' artifacts from the same
// workflow run's artifact backend, merges them and posts one comment and one check run. Nothing
// is left on the cloud.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabGateResult } from '../../scripts/lab/gate.ts';
import { labGateFor } from '../helpers/lab-gate.ts';
import { prepareLab, type Lab } from '../../scripts/lab/lab.ts';
import { leftoverCount, leftoverLine } from '../../scripts/lab/leftovers.ts';
import { newJob, visibleLog } from '../../scripts/lab/action-runner.ts';
import { startArtifactServer } from '../../scripts/lab/artifact-server.ts';
import { startGitHubServer } from '../../scripts/lab/github-server.ts';
import { skipLocal } from '../helpers/local-openstack.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BASELINE = join(ROOT, 'data', 'samples', 'baseline-master.json');

let lab: Lab | null = null;
// Two whole lab environments stacked at once: 440 s on CI's loaded 2 cores, over what `.ci/run`
// can spend on one test; opt in with TG_LAB_FULL=1 (as test/lab/devstack-full.test.ts does).
let why: string | false = process.env.TG_LAB_FULL ? skipLocal : 'two stacked lab environments take ~7 min: set TG_LAB_FULL=1';
if (!why)
  try {
    lab = await prepareLab({ say: () => {} });
  } catch (err) {
    why = `the lab is not ready: ${(err as Error).message}`;
  }

test('K = 2 on the local cloud: two shard environments, one merge, one comment and one check run, nothing left', { skip: why }, async (t) => {
  const l = lab as Lab;
  const artifacts = await startArtifactServer();
  t.after(() => artifacts.stop());
  const lines: string[] = [];
  const gate = labGateFor(t);
  const shard = (i: number): Promise<LabGateResult> =>
    gate({
      change: 'compute-log-wording',
      cloudsYaml: l.cloudsYaml,
      image: l.image,
      flavor: l.flavor,
      devstackRepo: l.devstackRepo,
      subnodes: 0,
      baseline: BASELINE,
      inputs: { 'shard-count': '2', 'shard-index': String(i) },
      artifacts,
      say: (line) => lines.push(`shard ${i}: ${line}`),
    });
  const shards = await Promise.all([shard(0), shard(1)]);
  // Each shard had an environment of its own, and left nothing behind.
  const runIds = shards.map((r) => r.main.state['tempest-gate-run-id']);
  assert.equal(new Set(runIds).size, 2, `two environments: ${runIds.join(', ')}`);
  const ran: boolean[] = [];
  for (const [i, r] of shards.entries()) {
    const log = visibleLog(r.main.stdout);
    assert.match(log, /shards: 2 from \d+ units/, `shard ${i} planned the shards`);
    assert.equal(r.comment, null, `shard ${i} posts no comment`);
    assert.equal(r.checkRun, null, `shard ${i} posts no check run`);
    assert.ok(r.leftovers, `shard ${i} saved a run id`);
    assert.equal(leftoverCount(r.leftovers), 0, `shard ${i}: ${leftoverLine(r.leftovers)}`);
    // A shard whose tests ran leaves the verdict to the merge job (exit 0); one whose environment failed fails itself.
    ran.push(r.main.outputs.result !== 'error');
    if (ran[i]) assert.equal(r.main.code, 0, log.split('\n').slice(-30).join('\n'));
    else assert.match(log, /::error::/);
  }
  assert.deepEqual(artifacts.artifacts.map((a) => a.name).sort(), ['tempest-gate-report-shard-0', 'tempest-gate-report-shard-1']);

  const event = JSON.parse(await readFile(new URL('../fixtures/action/pull_request.synchronize.json', import.meta.url), 'utf8')) as {
    pull_request: Record<string, unknown> & { number: number };
  };
  const gh = await startGitHubServer({ token: 'ghs_labShardMerge_1', pullRequest: event.pull_request });
  t.after(() => gh.stop());
  const merge = await newJob({
    inputs: { 'merge-from': 'tempest-gate-report-shard-*', 'shard-count': '2', baseline: BASELINE },
    githubToken: 'ghs_labShardMerge_1',
    apiUrl: gh.url,
    event,
    env: artifacts.env(),
  });
  const m = await merge.step('index');
  const selected = shards.reduce((a, r) => a + Number(r.main.outputs['selected-count'] ?? 0), 0);
  assert.match(m.stdout, /merged 2 shards of plan [0-9a-f]{16}/, m.stdout);
  // Both environments stack and run (the lab works): a shard whose environment failed is an
  // infrastructure failure of the lab, and this test fails on it rather than passing another way.
  assert.deepEqual(ran, [true, true], 'both shard environments stacked and ran their tests');
  assert.equal(m.outputs['selected-count'], String(selected), 'every test of both shards, once');
  assert.notEqual(m.outputs.result, 'error', visibleLog(m.stdout));
  assert.equal(gh.comments.length, 1);
  assert.equal(gh.checkRuns.length, 1);
  assert.deepEqual(gh.rejections, []);
});
