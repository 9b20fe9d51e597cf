// The Zuul job really runs: zuul/playbooks/ under an emulated executor (executor.ts) against two
// network-namespace nodes with their own sshd (nodes.ts), the CLI installed from this checkout's
// bundle, Debian's `tempest run` on the runner tests' sample suite, and the data the build
// returns (zuul_return) checked for a clean change, a regression and a docs-only change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { encodePacket } from '../../src/core/results/subunit-v2.ts';
import { executorUnavailable, jobOutput, makeJobDir, resultData, ROOT, runBuild, writeBuild, type JobDir, type PhaseResult, type Project } from './executor.ts';
import { makeNodes, nodesUnavailable, type Nodes } from './nodes.ts';

const unavailable =
  nodesUnavailable() ??
  executorUnavailable() ??
  (existsSync('/usr/bin/tempest') ? null : '/usr/bin/tempest is missing: run scripts/setup-machine.sh (tempest)');
// Without CI a missing real part skips with its reason; in CI it fails.
const skip = unavailable !== null && !process.env.CI ? unavailable : false;

const SUITE = join(ROOT, 'test/fixtures/run/sample-suite');
const PLAYBOOKS = {
  pre: [join(ROOT, 'test/zuul/playbooks/pre.yaml')],
  run: join(ROOT, 'zuul/playbooks/run.yaml'),
  post: [join(ROOT, 'zuul/playbooks/post.yaml')],
};
const PROJECT: Project = { name: 'openstack/nova', canonicalName: 'opendev.org/openstack/nova', srcDir: 'src/opendev.org/openstack/nova' };
// Measured: one build (three playbooks, five tests) takes 17-50 s here on 2 cores at load 4-9; a
// playbook that has not ended after 150 s is stuck, not slow.
const PLAYBOOK_TIMEOUT_MS = 150_000;

// The project's rules: a change to nova/ runs two passing tests, the one that always fails, the
// node-count check, and a serial step; nothing else runs anything.
const RULES = `version: 1
selections:
  - name: compute
    files: [^nova/]
    tempest:
      - regex: ^tests\\.test_sample\\.(Fast\\.test_0[12]|Fast\\.test_fails|Config\\.test_min_compute_nodes)$
      - regex: ^tests\\.test_sample\\.Slow\\.
        serial: true
`;

const T0 = Date.UTC(2026, 10, 25, 6, 0, 0) * 1000;

/** A reference run as subunit v2, each test with its status. */
function referenceRun(statuses: Record<string, 'success' | 'fail'>): Buffer {
  const out: Uint8Array[] = [];
  let i = 0;
  for (const [name, status] of Object.entries(statuses)) {
    const start = T0 + i++ * 1_000_000;
    out.push(encodePacket({ testId: name, status: 'inprogress', timestamp: start }));
    out.push(encodePacket({ testId: name, status, timestamp: start + 400_000 }));
  }
  return Buffer.concat(out);
}

function git(repo: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Zuul', '-c', 'user.email=zuul@example.org', '-c', 'init.defaultBranch=master', ...args], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The project as Zuul prepares it: its branch with the change merged on top (HEAD^..HEAD). */
function writeProject(job: JobDir, changed: Record<string, string>): void {
  const repo = join(job.src, PROJECT.canonicalName);
  mkdirSync(repo, { recursive: true });
  const write = (files: Record<string, string>): void => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    }
  };
  git(repo, ['init', '-q']);
  write({ '.tempest-gate.yaml': RULES, 'nova/compute/api.py': 'def create(): pass\n', 'doc/source/index.rst': 'Nova\n====\n' });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'the branch']);
  write(changed);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'the change']);
}

interface Build {
  job: JobDir;
  phases: PhaseResult[];
  data: Record<string, unknown>;
  output: string;
  controllerHome: string;
}

describe('the Zuul job under an emulated executor (netns nodes, real sshd, ansible-playbook, tempest run)', { skip, concurrency: false }, () => {
  let dir: string;
  let baselines: { known: string; passing: string };
  const open: Nodes[] = [];

  before(() => {
    if (unavailable) throw new Error(`real parts missing: ${unavailable}`);
    dir = mkdtempSync(join(tmpdir(), 'tg-zuul-'));
    // The branch's baseline: test_fails already failed there (clean), or it passed (a regression).
    const tests = {
      'tests.test_sample.Fast.test_01': 'success',
      'tests.test_sample.Fast.test_02': 'success',
      'tests.test_sample.Config.test_min_compute_nodes': 'success',
      'tests.test_sample.Slow.test_slow': 'success',
    } as const;
    const make = (name: string, fails: 'success' | 'fail'): string => {
      const stream = join(dir, `${name}.subunit`);
      writeFileSync(stream, referenceRun({ ...tests, 'tests.test_sample.Fast.test_fails': fails }));
      const out = join(dir, `${name}.json`);
      execFileSync(process.execPath, [join(ROOT, 'src/cli/bin.ts'), 'baseline', 'create', '--results', stream, '-o', out], { stdio: 'pipe' });
      return out;
    };
    baselines = { known: make('baseline-known', 'fail'), passing: make('baseline-passing', 'success') };
  });
  after(() => {
    for (const n of open) n.close();
    // TG_ZUUL_KEEP=1 keeps the job directories (job-output.txt, results.json) to look at.
    if (dir && !process.env.TG_ZUUL_KEEP) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.log(`kept ${dir}`);
  });

  async function build(name: string, changed: Record<string, string>, vars: Record<string, unknown>): Promise<Build> {
    const job = makeJobDir(join(dir, name));
    const nodes = await makeNodes(join(dir, name, 'nodes'), ['controller', 'compute1'], job.publicKey);
    open.push(nodes);
    try {
      writeProject(job, changed);
      writeBuild(job, nodes.nodes, PROJECT, {
        // The parent job's and the test's settings: devstack's base dir under the node's /root,
        // Tempest run as the SSH user (root here), the Node 24 this test runs on.
        devstack_base_dir: '/root/stack',
        tempest_gate_run_as: '',
        tempest_gate_node: process.execPath,
        stand_in_tempest_suite: SUITE,
        tempest_gate_rules: '.tempest-gate.yaml',
        tempest_gate_fail_on: 'regressions',
        ...vars,
      });
      const phases = await runBuild(job, PLAYBOOKS, PLAYBOOK_TIMEOUT_MS);
      console.log(`${name}: ${phases.map((p) => `${p.phase} rc ${p.rc} in ${p.seconds.toFixed(1)} s`).join(', ')}`);
      return { job, phases, data: resultData(job), output: jobOutput(job), controllerHome: nodes.nodes[0]!.home };
    } finally {
      nodes.close();
    }
  }

  /** What to show when an assertion fails: the failed tasks and the end of the build's output. */
  const why = (b: Build): string => {
    const failed = b.output
      .split('\n')
      .filter((l) => /^(fatal|failed):/.test(l))
      .map((l) => l.slice(0, 1500));
    return `${failed.join('\n')}\n...\n${b.output.slice(-3000)}`;
  };
  const rcs = (b: Build): Record<string, number> => Object.fromEntries(b.phases.map((p) => [p.phase, p.rc]));

  test('a clean change: its tests run through tempest-gate run, the failure the baseline knows passes the gate', async () => {
    const b = await build('clean', { 'nova/compute/api.py': 'def create(): return 1\n' }, { tempest_gate_baseline: baselines.known });
    assert.deepEqual(rcs(b), { pre: 0, run: 0, post: 0 }, why(b));
    const data = b.data as { zuul?: { artifacts?: unknown[]; warnings?: unknown[] }; tempest_gate?: Record<string, unknown> };
    assert.deepEqual(data.zuul?.artifacts, [{ name: 'tempest-gate report', url: 'tempest-gate/index.html', metadata: { type: 'tempest_gate_report' } }]);
    assert.deepEqual(data.zuul?.warnings ?? [], []);
    const tg = data.tempest_gate as { verdict: string; selected: number; run: { outcome: string; counts: Record<string, number> } };
    assert.equal(tg.verdict, 'pass', JSON.stringify(tg));
    assert.equal(tg.selected, 5);
    // The run itself failed a test (exit 1): the gate's verdict is the report's, not the run's.
    assert.equal(tg.run.outcome, 'tests-failed');
    assert.equal(tg.run.counts.success, 4);
    assert.equal(tg.run.counts.fail, 1);
    // Both nodes counted: min_compute_nodes reached Tempest as 2.
    const run = JSON.parse(readFileSync(join(b.controllerHome, 'tempest-gate/run/run.json'), 'utf8')) as { failed: string[]; steps: { name: string }[] };
    assert.deepEqual(run.failed, ['tests.test_sample.Fast.test_fails']);
    assert.deepEqual(
      run.steps.map((s) => s.name),
      ['parallel', 'serial'],
    );
    assert.match(readFileSync(join(b.job.logs, 'tempest-gate/index.html'), 'utf8'), /tests\.test_sample\.Fast\.test_fails/);
    assert.ok(existsSync(join(b.job.logs, 'tempest-gate/summary.md')));
    // The CLI ran from the bundle copied to the node, not from this checkout.
    assert.ok(existsSync(join(b.controllerHome, 'tempest-gate/dist/cli.js')));
    assert.match(b.output, /"\/root\/tempest-gate\/dist\/cli\.js", "run", "--host", "127\.0\.0\.1", "--host", "198\.51\.100\.\d+"/);
  });

  test('a regression: the build returns its data, then the run playbook fails the job', async () => {
    const b = await build('regression', { 'nova/compute/api.py': 'def create(): return 2\n' }, { tempest_gate_baseline: baselines.passing });
    assert.equal(rcs(b).run, 2, why(b));
    assert.equal(rcs(b).post, 0, `post-run must not fail (POST_FAILURE): ${why(b)}`);
    const data = b.data as { zuul?: { artifacts?: unknown[]; warnings?: string[] }; tempest_gate?: Record<string, unknown> };
    assert.equal(data.zuul?.artifacts?.length, 1, 'the report was linked once, not again by post-run');
    assert.equal(data.zuul?.warnings?.length, 1, JSON.stringify(data.zuul?.warnings));
    assert.match(data.zuul?.warnings?.[0] ?? '', /^tempest-gate: FAIL: .*regress/i);
    assert.equal((data.tempest_gate as { verdict: string }).verdict, 'fail');
    // The failing task is the verdict's, after zuul_return.
    const out = b.output.slice(b.output.indexOf('==== run'));
    assert.ok(
      out.indexOf('TASK [tempest-gate-report : Return the verdict') < out.indexOf("TASK [tempest-gate-report : Fail the job when the gate's verdict is fail]"),
      why(b),
    );
    assert.match(out, /TASK \[tempest-gate-report : Fail the job when the gate's verdict is fail\][\s\S]*?fatal: \[controller\]/);
  });

  test('an infrastructure failure (no Tempest on the controller): returned as an error, then the run playbook fails', async () => {
    const b = await build(
      'infra',
      { 'nova/compute/api.py': 'def create(): return 3\n' },
      { tempest_gate_baseline: baselines.known, tempest_gate_tempest: '/nonexistent/tempest' },
    );
    assert.equal(rcs(b).run, 2, why(b));
    assert.equal(rcs(b).post, 0, why(b));
    const data = b.data as { zuul?: { artifacts?: unknown[]; warnings?: string[] }; tempest_gate?: { verdict: string; reason: string } };
    assert.equal(data.tempest_gate?.verdict, 'error');
    assert.equal(data.zuul?.artifacts, undefined, 'no report without results');
    assert.deepEqual(data.zuul?.warnings, [`tempest-gate: no test results: ${data.tempest_gate?.reason}`]);
    const run = JSON.parse(readFileSync(join(b.controllerHome, 'tempest-gate/run/run.json'), 'utf8')) as { exitCode: number; reason: string };
    assert.equal(run.exitCode, 4);
    assert.equal(data.tempest_gate?.reason, run.reason);
    // The infrastructure failure is the play's last word, after the verdict was returned.
    const out = b.output.slice(b.output.indexOf('==== run'), b.output.indexOf('==== post'));
    assert.match(
      out,
      /TASK \[Fail the job on an infrastructure failure of the run\][^\n]*\nfatal: \[controller\]: FAILED! => \{[^\n]*tempest-gate run \(exit 4\)/,
      why(b),
    );
    assert.ok(
      out.indexOf('TASK [tempest-gate-report : No results to judge]') < out.indexOf('TASK [Fail the job on an infrastructure failure of the run]'),
      why(b),
    );
  });

  test('a docs-only change: nothing is selected, nothing runs, the build passes with a skipped verdict', async () => {
    const b = await build('docs', { 'doc/source/index.rst': 'Nova\n====\n\nMore words.\n' }, { tempest_gate_baseline: baselines.known });
    assert.deepEqual(rcs(b), { pre: 0, run: 0, post: 0 }, why(b));
    const data = b.data as { zuul?: unknown; tempest_gate?: { verdict: string; reason: string } };
    assert.equal(data.zuul, undefined, 'no artifact, no warning');
    assert.equal(data.tempest_gate?.verdict, 'skipped');
    assert.match(data.tempest_gate?.reason ?? '', /nothing to run/);
    assert.equal(existsSync(join(b.controllerHome, 'tempest-gate/run')), false, 'tempest-gate run was not called');
    assert.equal(readFileSync(join(b.controllerHome, 'stack/tempest/.stestr/next-stream'), 'utf8').trim(), '0', 'Tempest ran nothing');
  });
});
