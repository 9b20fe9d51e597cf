// One verdict for every entry point: the same results judged by the CLI (`report`, as a user runs
// it), by the Action (the bundled dist/index.js as the runner runs it, against the local GitHub
// API) and by the Zuul role's own command (rendered from its tasks file with Jinja2, Ansible's
// template engine, and run as the role runs it), must give the same verdict and counts, with a
// baseline and without, on damaged input, on an empty run, and under fail-on: never.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGitHubServer, type GitHubServer } from '../../scripts/lab/github-server.ts';
import { newJob } from '../../scripts/lab/action-runner.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const RUN = join(ROOT, 'test/fixtures/subunit/local-tempest-33-compute-identity-mini.subunit');
const BASELINE = join(ROOT, 'data/samples/baseline-master.json');
const EVENT = JSON.parse(readFileSync(new URL('../fixtures/action/pull_request.synchronize.json', import.meta.url), 'utf8')) as {
  pull_request: Record<string, unknown>;
};
const TOKEN = 'ghs_parity';

interface Case {
  name: string;
  results: Buffer;
  baseline: boolean;
  failOn: 'regressions' | 'failures' | 'never';
  /** What all three must say. */
  expect: 'pass' | 'fail' | 'error';
}

const run = readFileSync(RUN);
const CASES: Case[] = [
  // The bundled run against the bundled master baseline: one regression, one still failing.
  { name: 'a real run against its baseline (1 regression)', results: run, baseline: true, failOn: 'regressions', expect: 'fail' },
  { name: 'the same under fail-on: never', results: run, baseline: true, failOn: 'never', expect: 'pass' },
  { name: 'no baseline: every failure counts', results: run, baseline: false, failOn: 'regressions', expect: 'fail' },
  { name: 'no baseline, fail-on: never', results: run, baseline: false, failOn: 'never', expect: 'pass' },
  // Cut inside a packet after the first tests: damaged, and a test never finished.
  { name: 'damaged input', results: run.subarray(0, Math.floor(run.length * 0.9)), baseline: true, failOn: 'never', expect: 'error' },
  { name: 'an empty run never passes, not even under fail-on: never', results: Buffer.alloc(0), baseline: false, failOn: 'never', expect: 'fail' },
];

let dir: string;
let gh: GitHubServer;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tg-parity-'));
  gh = await startGitHubServer({ token: TOKEN, pullRequest: EVENT.pull_request });
});
after(async () => {
  await gh.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Judged {
  result: string;
  /** Whether the job fails on it. */
  fails: boolean;
  regressions: number | null;
}

function cliVerdict(results: string, c: Case): Judged {
  const r = spawnSync(
    process.execPath,
    [CLI, 'report', '--results', results, ...(c.baseline ? ['--baseline', BASELINE] : []), '--fail-on', c.failOn, '--html', join(dir, 'r.html'), '--json'],
    { encoding: 'utf8' },
  );
  const out = JSON.parse(r.stdout) as { verdict: { result: string; exitCode: number }; counts: { regressions: number } };
  assert.equal(r.status, out.verdict.exitCode, 'the exit code is the verdict');
  return { result: out.verdict.result, fails: r.status !== 0, regressions: c.baseline ? out.counts.regressions : null };
}

/** The report task's command, rendered as Ansible renders it (the `quote` filter is shlex.quote). */
function zuulCommand(results: string, c: Case, workdir: string): string {
  const tasks = join(ROOT, 'zuul/playbooks/roles/tempest-gate-report/tasks/main.yaml');
  const script = `
import sys, shlex, yaml, jinja2
tasks = yaml.safe_load(open(sys.argv[1]))
def walk(ts):
  for t in ts:
    yield t
    yield from walk(t.get('block', []) + t.get('rescue', []) + t.get('always', []))
task = next(t for t in walk(tasks) if isinstance(t.get('command'), str) and '}} report' in t['command'])
env = jinja2.Environment()
env.filters['quote'] = lambda s: shlex.quote(str(s))
print(env.from_string(task['command']).render(
  tempest_gate=sys.argv[2], tempest_gate_dir=sys.argv[3], tempest_gate_baseline=sys.argv[4],
  tempest_gate_store='git:tempest-baselines', tempest_gate_known_failures='', tempest_gate_guideline='builtin:2020.06', tempest_gate_fail_on=sys.argv[5], tempest_gate_lists={'files': []},
  zuul={'project': {'src_dir': sys.argv[3], 'name': 'openstack/nova'}}))`;
  mkdirSync(join(workdir, 'run'), { recursive: true });
  cpSync(results, join(workdir, 'run', 'results.subunit'));
  return execFileSync('/usr/bin/python3', ['-c', script, tasks, `${process.execPath} ${CLI}`, workdir, c.baseline ? BASELINE : '', c.failOn], {
    encoding: 'utf8',
  }).trim();
}

function zuulVerdict(results: string, c: Case): Judged {
  const workdir = mkdtempSync(join(dir, 'zuul-'));
  const command = zuulCommand(results, c, workdir);
  // Ansible's command module splits with shlex, as sh does; the role then fails the job on rc 1
  // (the gate's verdict) and the task itself on anything but 0 and 1 (failed_when).
  const r = spawnSync('/bin/sh', ['-c', command.includes('--json') ? command : `${command} --json`], { encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as { verdict: { result: string }; counts: { regressions: number } };
  return { result: out.verdict.result, fails: r.status !== 0, regressions: c.baseline ? out.counts.regressions : null };
}

async function actionVerdict(results: Buffer, c: Case): Promise<Judged> {
  const job = await newJob({
    inputs: { results: 'results.subunit', 'fail-on': c.failOn, ...(c.baseline ? { baseline: BASELINE } : {}), 'upload-artifacts': 'false' },
    githubToken: TOKEN,
    apiUrl: gh.url,
    event: EVENT,
  });
  writeFileSync(join(job.dir, 'workspace', 'results.subunit'), results);
  const r = await job.step('index');
  return { result: r.outputs.result ?? '', fails: r.code !== 0, regressions: c.baseline ? Number(r.outputs.regressions) : null };
}

for (const c of CASES) {
  test(`same verdict from the CLI, the Action and the Zuul role: ${c.name}`, async () => {
    const file = join(dir, `${c.name.replace(/\W+/g, '-')}.subunit`);
    writeFileSync(file, c.results);
    const cli = cliVerdict(file, c);
    const zuul = zuulVerdict(file, c);
    const action = await actionVerdict(c.results, c);
    assert.equal(cli.result, c.expect, 'the CLI');
    if (c.baseline && c.results === run) assert.equal(cli.regressions, 1);
    assert.deepEqual(zuul, cli, 'the Zuul role agrees with the CLI');
    assert.deepEqual(action, cli, 'the Action agrees with the CLI');
  });
}
