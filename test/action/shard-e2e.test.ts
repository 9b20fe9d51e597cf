// Scale-out end to end on the local GitHub API: a matrix of 3 shard jobs and the merge job, each
// the bundled action (dist/index.js built from source) run as the runner runs it, all of one
// workflow run sharing the local artifact backend (@actions/artifact unmodified: the shards
// upload, the merge job lists and downloads). The shards post nothing; the merge job posts one
// comment and one check run; a shard whose job left no artifact is reported, never passed.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubServer, type GitHubServer } from '../../scripts/lab/github-server.ts';
import { startArtifactServer, type ArtifactServer } from '../../scripts/lab/artifact-server.ts';
import { newJob, type StepResult } from '../../scripts/lab/action-runner.ts';
import { makeRun } from '../helpers/tempest-run.ts';
import { parseResults } from '../../src/core/results/parse.ts';
import { makeRunResults, type RunResults } from '../../src/core/results/model.ts';
import { selectStage } from '../../src/stages/select.ts';

const FIXTURE = new URL('../fixtures/action/pull_request.synchronize.json', import.meta.url);
const TOKEN = 'ghs_shardE2eToken_55Yq';
const K = 3;

type Event = { pull_request: Record<string, unknown> } & Record<string, unknown>;

interface World {
  gh: GitHubServer;
  artifacts: ArtifactServer;
  event: Event;
  run: RunResults;
  /** Each shard's results (the real run's records of the tests the plan gave it). */
  shardResults: RunResults[];
}

/** The inputs every job of the workflow shares (as a matrix job's `with:` would). */
const COMMON = { rules: 'preset:full', 'test-list': 'tests.txt', baseline: '', guideline: '' };

async function world(t: TestContext): Promise<World> {
  const event = JSON.parse(await readFile(FIXTURE, 'utf8')) as Event;
  const gh = await startGitHubServer({ token: TOKEN, pullRequest: event.pull_request });
  const artifacts = await startArtifactServer();
  t.after(async () => {
    await gh.stop();
    await artifacts.stop();
  });
  const run = parseResults(makeRun({ tests: 90, failures: 4 }));
  // The plan the jobs will make (the same selection stage, the same inputs): which records each shard brings back.
  const dir = await mkdtemp(join(tmpdir(), 'tg-shard-plan-'));
  await writeFile(join(dir, 'tests.txt'), `${run.tests.map((x) => x.id).join('\n')}\n`);
  await writeFile(join(dir, 'files.txt'), 'README.md\n');
  const { shards } = await selectStage({
    change: { files: join(dir, 'files.txt'), stdin: process.stdin },
    repo: dir,
    rules: { preset: 'full' },
    tests: { list: join(dir, 'tests.txt') },
    shards: { count: K, index: null, baseline: new Map() },
  });
  assert.ok(shards);
  const shardResults = shards.shards.map((s) => {
    const held = new Set([...s.parallel, ...s.serial]);
    return makeRunResults(
      run.format,
      run.tests.filter((x) => held.has(x.id)),
      [],
    );
  });
  return { gh, artifacts, event, run, shardResults };
}

async function job(w: World, inputs: Record<string, string>, files: Record<string, string> = {}): Promise<StepResult> {
  const j = await newJob({ inputs: { ...COMMON, ...inputs }, githubToken: TOKEN, apiUrl: w.gh.url, event: w.event, env: w.artifacts.env() });
  await writeFile(join(j.dir, 'workspace', 'tests.txt'), `${w.run.tests.map((x) => x.id).join('\n')}\n`);
  for (const [name, text] of Object.entries(files)) await writeFile(join(j.dir, 'workspace', name), text);
  return j.step('index');
}

const shardJob = (w: World, i: number, extra: Record<string, string> = {}): Promise<StepResult> =>
  job(w, { results: 'results.json', 'shard-count': String(K), 'shard-index': String(i), ...extra }, { 'results.json': JSON.stringify(w.shardResults[i]) });

function noRejections(gh: GitHubServer): void {
  assert.deepEqual(gh.rejections, [], 'every request matched the GitHub OpenAPI description');
  assert.deepEqual(gh.badResponses, []);
}

test('matrix of 3 shards, then the merge job: one comment and one check run for the whole run, every test once', async (t) => {
  const w = await world(t);
  for (let i = 0; i < K; i++) {
    const r = await shardJob(w, i);
    assert.equal(r.code, 0, `shard ${i} posts nothing and leaves the verdict to the merge job:\n${r.stdout}`);
    assert.match(r.stdout, new RegExp(`Shard ${i} of ${K}: the merge job judges the whole run`));
  }
  assert.equal(w.gh.comments.length, 0, 'no shard commented');
  assert.equal(w.gh.checkRuns.length, 0, 'no shard made a check run');
  assert.deepEqual(
    w.artifacts.artifacts.map((a) => a.name),
    [0, 1, 2].map((i) => `tempest-gate-report-shard-${i}`),
  );

  const merge = await job(w, { 'merge-from': 'tempest-gate-report-shard-*', 'shard-count': String(K) });
  assert.deepEqual(w.artifacts.errors, []);
  noRejections(w.gh);
  assert.equal(merge.code, 1, merge.stdout);
  assert.equal(merge.outputs.result, 'fail');
  assert.equal(merge.outputs.regressions, '4', 'the 4 failures, each counted once');
  assert.equal(merge.outputs['selected-count'], String(w.run.tests.length));
  assert.match(merge.stdout, new RegExp(`merged 3 shards of plan [0-9a-f]{16}: ${w.run.tests.length} test records`));
  assert.equal(w.gh.comments.length, 1, 'one comment');
  assert.equal(w.gh.checkRuns.length, 1, 'one check run');
  assert.equal(w.gh.checkRuns[0]?.conclusion, 'failure');
  assert.equal(w.gh.checkRuns[0]?.annotations.length, 4);
  assert.match(w.gh.comments[0]?.body ?? '', /4 tests failed of 90/);
  // The merged report went up as the job's own artifact, beside the shards'.
  assert.equal(w.artifacts.artifacts.at(-1)?.name, 'tempest-gate-report');
});

test('a shard whose job left no artifact: the merge job reports what it held, as an infrastructure failure, never a pass', async (t) => {
  const w = await world(t);
  // Shard 2's job died before it uploaded anything (its runner was lost, say); shards 0 and 1 pass.
  const passing = w.shardResults.map((r) =>
    makeRunResults(
      r.format,
      r.tests.map((x) => ({ ...x, status: 'success' as const, attachments: [] })),
      [],
    ),
  );
  w.shardResults = passing;
  for (const i of [0, 1]) assert.equal((await shardJob(w, i)).code, 0);
  const merge = await job(w, { 'merge-from': 'tempest-gate-report-shard-*', 'shard-count': String(K) });
  noRejections(w.gh);
  assert.equal(merge.code, 1);
  assert.equal(merge.outputs.result, 'error', 'every test that ran passed, but one shard did not run: not a pass');
  const held = w.shardResults[2]?.tests.length ?? 0;
  assert.ok(held > 0);
  assert.match(merge.stdout, new RegExp(`shard 2: NO RESULTS \\(${held} tests held`));
  const body = w.gh.comments[0]?.body ?? '';
  assert.match(body, new RegExp(`shard 2 of 3 brought back no results \\(${held} tests not run`));
  assert.match(body, /no artifact matching 'tempest-gate-report-shard-\*' came from it/);
  assert.equal(w.gh.checkRuns.length, 1);
  assert.equal(w.gh.checkRuns[0]?.conclusion, 'failure');
  assert.equal(merge.outputs['selected-count'], String(w.run.tests.length), 'the not-run tests are still counted as selected');
});

test('bad input: shard-index past shard-count; shards of another selection; the same shard twice', async (t) => {
  const w = await world(t);
  const over = await job(w, { results: 'results.json', 'shard-count': '3', 'shard-index': '3' }, { 'results.json': '{}' });
  assert.equal(over.code, 1);
  assert.match(over.stdout, /::error::input 'shard-index' must be below 'shard-count' \(0\.\.2\); got 3 of 3/);
  assert.equal(over.stdout.split('\n').filter((l) => l.startsWith('::error::')).length, 1);

  // Shard 1 planned from another test list (one test fewer): another plan id.
  assert.equal((await shardJob(w, 0)).code, 0);
  const j = await newJob({
    inputs: { ...COMMON, results: 'results.json', 'shard-count': '3', 'shard-index': '1' },
    githubToken: TOKEN,
    apiUrl: w.gh.url,
    event: w.event,
    env: w.artifacts.env(),
  });
  await writeFile(
    join(j.dir, 'workspace', 'tests.txt'),
    `${w.run.tests
      .slice(1)
      .map((x) => x.id)
      .join('\n')}\n`,
  );
  await writeFile(join(j.dir, 'workspace', 'results.json'), JSON.stringify(w.shardResults[1]));
  assert.equal((await j.step('index')).code, 0);
  const mixed = await job(w, { 'merge-from': 'tempest-gate-report-shard-*', 'shard-count': '3' });
  assert.equal(mixed.code, 1);
  assert.match(
    mixed.stdout,
    /::error::input 'merge-from': shards planned from different selections or baselines: artifact 'tempest-gate-report-shard-0' has plan [0-9a-f]{16} \(3 shards\), artifact 'tempest-gate-report-shard-1' has plan [0-9a-f]{16}/,
  );
  assert.equal(w.gh.comments.length, 0, 'nothing published from parts that do not belong together');

  // The same shard uploaded under two names.
  w.artifacts.clear();
  assert.equal((await shardJob(w, 0)).code, 0);
  assert.equal((await shardJob(w, 0, { 'artifact-name': 'tempest-gate-report-again' })).code, 0);
  const twice = await job(w, { 'merge-from': 'tempest-gate-report-*', 'shard-count': '3' });
  assert.match(
    twice.stdout,
    /::error::input 'merge-from': shard 0 appears twice: artifact 'tempest-gate-report-again-shard-0' and artifact 'tempest-gate-report-shard-0'/,
  );
});
