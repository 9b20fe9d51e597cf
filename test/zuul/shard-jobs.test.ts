// The Zuul scale-out path really runs: K = 2 shard jobs (tempest-gate with the shard vars, as
// zuul.d/jobs.yaml gives them) each on their own netns node under the emulated executor, each
// running its part with `tempest run` and returning it (zuul_return artifact 'tempest-gate
// shard', its files in the build's logs); then the merge job (tempest-gate-merge) on a node of its
// own, given the shard builds' artifacts as Zuul gives a job those of the jobs it depends on
// (zuul.artifacts, their URLs resolved against each build's log URL: file:// here). Both parts:
// one merged run, every selected test once, one verdict. Shard 1's artifact missing (its build
// returned nothing): the merge reports that shard's tests as not run, an error, never a pass. A
// shard that holds no tests (K above the classes to share) runs nothing and passes as skipped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { executorUnavailable, ROOT, zuulJobVars } from './executor.ts';
import { nodesUnavailable } from './nodes.ts';
import { cli, rcs, referenceRun, why, zuulBuild, type Build } from './build.ts';

const unavailable =
  nodesUnavailable() ??
  executorUnavailable() ??
  (existsSync('/usr/bin/tempest') ? null : '/usr/bin/tempest is missing: run scripts/setup-machine.sh (tempest)');
// Without CI a missing real part skips with its reason; in CI it fails.
const skip = unavailable !== null && !process.env.CI ? unavailable : false;

const PRE = [join(ROOT, 'test/zuul/playbooks/pre.yaml')];
const K = 2;
// A change to nova/ selects five parallel tests (test_fails among them) and one serial one.
const RULES = `version: 1
selections:
  - name: compute
    files: [^nova/]
    tempest:
      - regex: ^tests\\.test_sample\\.Fast\\.test_0[1-4]$
      - regex: ^tests\\.test_sample\\.Fast\\.test_fails$
      - regex: ^tests\\.test_sample\\.Slow\\.
        serial: true
`;
const SELECTED = [
  'tests.test_sample.Fast.test_01',
  'tests.test_sample.Fast.test_02',
  'tests.test_sample.Fast.test_03',
  'tests.test_sample.Fast.test_04',
  'tests.test_sample.Fast.test_fails',
  'tests.test_sample.Slow.test_slow',
];
const BRANCH = { '.tempest-gate.yaml': RULES, 'nova/compute/api.py': 'def create(): pass\n' };
const CHANGE = { 'nova/compute/api.py': 'def create(): return 1\n' };

interface Artifact {
  name: string;
  url: string;
  metadata?: { type?: string; files?: string[] };
}

describe('the Zuul shard jobs and the merge job under an emulated executor (netns nodes, ansible-playbook, tempest run)', { skip, concurrency: false }, () => {
  let dir: string;
  let baseline: string;
  const shards: Build[] = [];

  before(async () => {
    if (unavailable) throw new Error(`real parts missing: ${unavailable}`);
    dir = mkdtempSync(join(tmpdir(), 'tg-zuul-shards-'));
    // The branch's baseline: test_fails already failed there.
    const stream = join(dir, 'baseline.subunit');
    writeFileSync(stream, referenceRun({ ...Object.fromEntries(SELECTED.map((t) => [t, 'success'] as const)), 'tests.test_sample.Fast.test_fails': 'fail' }));
    baseline = join(dir, 'baseline.json');
    cli(['baseline', 'create', '--results', stream, '-o', baseline]);
    // The K shard jobs run at once, as Zuul runs them: each build has its own node and job dir.
    shards.push(...(await Promise.all(Array.from({ length: K }, (_, i) => shardBuild(`shard-${i}`, K, i)))));
  });
  after(() => {
    // TG_ZUUL_KEEP=1 keeps the job directories (job-output.txt, results.json) to look at.
    if (dir && !process.env.TG_ZUUL_KEEP) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.log(`kept ${dir}`);
  });

  function shardBuild(name: string, count: number, index: number): Promise<Build> {
    return zuulBuild({
      dir,
      name,
      nodes: ['controller'],
      branch: BRANCH,
      change: CHANGE,
      vars: {
        ...zuulJobVars('tempest-gate'),
        tempest_gate_guideline: '',
        tempest_gate_baseline: baseline,
        tempest_gate_shard_count: count,
        tempest_gate_shard_index: index,
      },
      zuul: () => ({ job: `tempest-gate-shard-${index}` }),
      playbooks: { pre: PRE, run: join(ROOT, 'zuul/playbooks/run.yaml'), post: [join(ROOT, 'zuul/playbooks/post.yaml')] },
    });
  }

  /** A shard build's part as the merge job sees it in zuul.artifacts: absolute URL, the job's name. */
  function partOf(b: Build, index: number): Artifact & { job: string } {
    const parts = ((b.data as { zuul?: { artifacts?: Artifact[] } }).zuul?.artifacts ?? []).filter((a) => a.metadata?.type === 'tempest_gate_shard');
    assert.equal(parts.length, 1, why(b));
    const part = parts[0]!;
    // The build's logs are published at its log URL; a relative artifact URL is joined to it.
    return { ...part, url: new URL(part.url, `${pathToFileURL(b.job.logs).href}/`).href, job: `tempest-gate-shard-${index}` };
  }

  function mergeBuild(name: string, artifacts: Artifact[]): Promise<Build> {
    return zuulBuild({
      dir,
      name,
      nodes: ['merger'],
      branch: BRANCH,
      change: CHANGE,
      vars: { ...zuulJobVars('tempest-gate-merge'), tempest_gate_guideline: '', tempest_gate_shard_count: K, tempest_gate_baseline: baseline },
      zuul: () => ({ job: 'tempest-gate-merge', artifacts }),
      playbooks: { pre: PRE, run: join(ROOT, 'zuul/playbooks/merge.yaml'), post: [] },
    });
  }

  test('each shard job runs only its part on its node and returns it, leaving the verdict to the merge job', () => {
    const held: string[] = [];
    for (const [i, b] of shards.entries()) {
      assert.deepEqual(rcs(b), { pre: 0, run: 0, post: 0 }, why(b));
      const part = partOf(b, i);
      assert.deepEqual(part.metadata?.files?.slice().sort(), ['results.json', 'results.subunit', 'run.json', 'shard.json'], why(b));
      const manifest = JSON.parse(readFileSync(join(b.job.logs, 'tempest-gate-shard', 'shard.json'), 'utf8')) as {
        shardIndex: number;
        shardCount: number;
        tests: string[];
      };
      assert.equal(manifest.shardIndex, i);
      assert.equal(manifest.shardCount, K);
      held.push(...manifest.tests);
      // The node ran exactly its shard's tests.
      const run = JSON.parse(readFileSync(join(b.nodes[0]!.home, 'tempest-gate/run/run.json'), 'utf8')) as { counts: { success: number; fail: number } };
      assert.equal(run.counts.success + run.counts.fail, manifest.tests.length, why(b));
    }
    // Every selected test in exactly one shard.
    assert.deepEqual(held.slice().sort(), SELECTED);
  });

  test('the merge job reads both parts and gives one verdict over every selected test once', async () => {
    const b = await mergeBuild(
      'merge',
      shards.map((s, i) => partOf(s, i)),
    );
    assert.deepEqual(rcs(b), { pre: 0, run: 0 }, why(b));
    const data = b.data as {
      zuul?: { artifacts?: Artifact[]; warnings?: string[] };
      tempest_gate?: { verdict: string; reason: string; shards: { index: number }[] };
    };
    assert.equal(data.tempest_gate?.verdict, 'pass', JSON.stringify(data));
    assert.deepEqual(
      data.tempest_gate?.shards.map((s) => s.index),
      [0, 1],
    );
    assert.deepEqual(data.zuul?.warnings ?? [], []);
    assert.deepEqual(
      data.zuul?.artifacts?.map((a) => a.name),
      ['tempest-gate report'],
    );
    const html = readFileSync(join(b.job.logs, 'tempest-gate/index.html'), 'utf8');
    for (const t of SELECTED) assert.ok(html.includes(t), `${t} is in the merged report`);
    // The merged results on the merger hold each selected test's result once.
    const out = b.output.slice(b.output.indexOf('==== run'));
    assert.match(out, /2 of 2 shard jobs returned a part: tempest-gate-shard-0, tempest-gate-shard-1/);
  });

  test('a shard job whose artifact is missing: the merge reports its tests as not run, an error that fails the build, never a pass', async () => {
    const b = await mergeBuild('merge-missing', [partOf(shards[0]!, 0)]);
    assert.equal(rcs(b).run, 2, why(b));
    const tg = (b.data as { tempest_gate?: { verdict: string; reason: string; shards: { index: number; missing: string | null }[] } }).tempest_gate!;
    assert.equal(tg.verdict, 'error', JSON.stringify(tg));
    const held = (JSON.parse(readFileSync(join(shards[1]!.job.logs, 'tempest-gate-shard', 'shard.json'), 'utf8')) as { tests: string[] }).tests;
    assert.match(tg.reason, new RegExp(`shard 1 of 2 brought back no results \\(${held.length} tests? not run`), tg.reason);
    assert.notEqual(tg.shards.find((s) => s.index === 1)?.missing ?? null, null, JSON.stringify(tg.shards));
    const warnings = (b.data as { zuul?: { warnings?: string[] } }).zuul?.warnings ?? [];
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^tempest-gate: ERROR: /);
    assert.match(b.output, /1 of 2 shard jobs returned a part: tempest-gate-shard-0/);
    assert.match(b.output, /TASK \[Fail the job unless the merged run passes\][^\n]*\nfatal: \[merger\]/, why(b));
  });

  test('a shard job whose shard holds no tests (K = 3 over two classes): nothing runs, it passes as skipped and still returns its part', async () => {
    const b = await shardBuild('shard-empty', 3, 2);
    assert.deepEqual(rcs(b), { pre: 0, run: 0, post: 0 }, why(b));
    const tg = (b.data as { tempest_gate?: { verdict: string; reason: string } }).tempest_gate!;
    assert.equal(tg.verdict, 'skipped', JSON.stringify(b.data));
    assert.equal(tg.reason, 'shard 2 of 3 holds no tests (more shards than classes to share)');
    assert.deepEqual(partOf(b, 2).metadata?.files, ['shard.json']);
    assert.equal(existsSync(join(b.nodes[0]!.home, 'tempest-gate/run')), false, 'tempest-gate run was not called');
  });
});
