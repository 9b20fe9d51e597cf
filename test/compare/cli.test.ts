// The compare and baseline verbs end to end, on real streams, with baselines kept in real git
// repositories in temporary directories (a promote never touches the user's work tree).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliCommand } from '../helpers/cli.ts';
import { compareCommand } from '../../src/cli/commands/compare.ts';
import { baselineCommand } from '../../src/cli/commands/baseline.ts';
import type { CompareDiff } from '../../src/core/compare/index.ts';
import { streamOf, t } from './gen.ts';

const SUBUNIT = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const COMPARE = fileURLToPath(new URL('../fixtures/compare/', import.meta.url));
const TEMPEST = join(SUBUNIT, 'local-tempest-33-compute-identity-mini.subunit');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'tg-cli-'));
}

function gitRepo(dir: string): void {
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  writeFileSync(join(dir, 'README'), 'user work\n');
  execFileSync('git', ['-C', dir, 'add', 'README']);
  execFileSync('git', ['-C', dir, '-c', 'user.name=u', '-c', 'user.email=u@example.invalid', 'commit', '-q', '-m', 'init']);
}

test('compare: real run against a baseline made from it, then against one where its failures passed', async () => {
  const dir = tmp();
  try {
    const base = join(dir, 'base.json');
    let r = await cliCommand(baselineCommand, ['create', '--results', TEMPEST, '--branch', 'master', '--concurrency', '2', '-o', base]);
    assert.equal(r.code, 0, r.stderr);
    r = await cliCommand(compareCommand, ['--baseline', base, '--results', TEMPEST, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const same = JSON.parse(r.stdout) as CompareDiff;
    assert.equal(same.counts.stillFailing, 2);
    assert.equal(same.verdict.failed, false);
    // fail-on: failures counts the two known-broken tests.
    r = await cliCommand(compareCommand, ['--baseline', base, '--results', TEMPEST, '--fail-on', 'failures']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^FAIL: 2 tests still failing \(fail-on: failures\)/);

    // A baseline where those two passed: they are regressions, and the gate fails.
    const doc = JSON.parse(readFileSync(base, 'utf8')) as { tests: { outcome: string; passes: number; failures: number; passRate: number | null }[] };
    for (const x of doc.tests) if (x.outcome === 'fail') Object.assign(x, { outcome: 'pass', passes: 1, failures: 0, passRate: 1 });
    writeFileSync(base, JSON.stringify(doc));
    r = await cliCommand(compareCommand, ['--baseline', base, '--results', TEMPEST, '--to', 'markdown', '--budget', '4000']);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.length <= 4000);
    assert.match(r.stdout, /^### ❌ Tempest gate: 2 regressions/);
    assert.match(r.stdout, /test_get_hypervisor_uptime` — passed in the baseline, fails now/);

    // A known-failures file explains one; the other still blocks.
    const known = join(dir, 'known.yaml');
    writeFileSync(
      known,
      '- bug: https://bugs.launchpad.net/nova/+bug/1\n  test: test_get_hypervisor_uptime\n  signature: None of the hypervisors had a valid uptime\n  expires: 2099-01-01\n',
    );
    r = await cliCommand(compareCommand, ['--baseline', base, '--results', TEMPEST, '-k', known, '--json']);
    assert.equal(r.code, 1);
    const d = JSON.parse(r.stdout) as CompareDiff;
    assert.equal(d.counts.known, 1);
    assert.deepEqual(d.verdict.blocking, ['tempest.api.identity.admin.v3.test_credentials.CredentialsTestJSON.test_credentials_create_get_update_delete']);
    // ...until it expires: then it no longer matches, and the report says so.
    r = await cliCommand(compareCommand, ['--baseline', base, '--results', TEMPEST, '-k', known, '--today', '2099-01-02']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /FAIL: 2 regressions/);
    assert.match(
      r.stdout,
      /Expired known-failure entries \(1\):\n {2}- https:\/\/bugs\.launchpad\.net\/nova\/\+bug\/1 \(.*known\.yaml:1\) expired on 2099-01-01: no longer explains 1 failing test/,
    );

    // With an Interop guideline, the score rides along.
    r = await cliCommand(compareCommand, ['--baseline', base, '--results', TEMPEST, '-g', join(COMPARE, '2020.06.json')]);
    assert.match(r.stdout, /Interop 2020\.06:\n {2}OpenStack Powered Platform: required 3\/286/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('compare: a rerun that passes makes the test flaky, not passed', async () => {
  const dir = tmp();
  try {
    const first = join(dir, 'first.subunit');
    const rerun = join(dir, 'rerun.subunit');
    writeFileSync(first, streamOf([t('a', ['success']), t('b', ['fail'], { traceback: 'Timeout' })]));
    writeFileSync(rerun, streamOf([t('b', ['success'])]));
    const base = join(dir, 'base.subunit');
    writeFileSync(base, streamOf([t('a', ['success']), t('b', ['success'])]));
    const r = await cliCommand(compareCommand, ['--baseline', base, '--results', first, '--results', rerun, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as CompareDiff;
    assert.deepEqual(
      d.flaky.map((x) => [x.name, x.after, x.passRate]),
      [['tempest.api.x.test_m.T.b', 'flaky', 0.5]],
    );
    assert.equal(d.counts.regressions, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input: one line naming the file; damaged results never pass', async () => {
  const dir = tmp();
  try {
    const base = join(dir, 'base.json');
    await cliCommand(baselineCommand, ['create', '--results', TEMPEST, '-o', base]);
    const bytes = readFileSync(TEMPEST);
    const cut = join(dir, 'cut.subunit');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    let r = await cliCommand(compareCommand, ['--baseline', base, '--results', cut]);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /^FAIL: 1 test never finished; input damaged: \S*cut\.subunit: byte \d+/);
    assert.match(r.stderr, /^tempest-gate compare: .*cut\.subunit: byte \d+: /);
    assert.equal(r.stderr.trim().split('\n').length, 1);

    writeFileSync(join(dir, 'v9.json'), JSON.stringify({ schema: 'tempest-gate/baseline@9', tests: [] }));
    r = await cliCommand(compareCommand, ['--baseline', join(dir, 'v9.json'), '--results', TEMPEST]);
    assert.equal(r.code, 3);
    assert.equal(
      r.stderr,
      `tempest-gate compare: ${join(dir, 'v9.json')}: unknown baseline version 'tempest-gate/baseline@9' (this tempest-gate reads tempest-gate/baseline@1)\n`,
    );

    writeFileSync(join(dir, 'g.json'), '{"metadata": {"schema": "2.0"}}');
    r = await cliCommand(compareCommand, ['--baseline', base, '--results', TEMPEST, '-g', join(dir, 'g.json')]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /g\.json: line 1, column 14: not an Interop guideline: metadata\.id: expected the guideline id \(a string\)\n$/);

    // What --help promises: a bad known-failures file is bad input, and the comparison of what
    // was readable is still written, never as a pass.
    writeFileSync(join(dir, 'known.yaml'), '- bug: [unclosed\n');
    r = await cliCommand(compareCommand, ['--baseline', base, '--results', TEMPEST, '-k', join(dir, 'known.yaml'), '--to', 'json']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^tempest-gate compare: \S*known\.yaml: /);
    const written = JSON.parse(r.stdout) as { verdict: { failed: boolean }; counts: { run: number } };
    assert.ok(written.counts.run > 0, 'the comparison was written');
    assert.equal(written.verdict.failed, true, 'and it is not a pass');

    r = await cliCommand(compareCommand, ['--baseline', base, '--results', join(dir, 'missing.subunit')]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /missing\.subunit: cannot read: no such file/);

    r = await cliCommand(compareCommand, ['--baseline', base, '--results', TEMPEST, '--fail-on', 'sometimes']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fail-on must be one of regressions, failures, never/);
    r = await cliCommand(compareCommand, ['--results', TEMPEST]);
    assert.equal(r.code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('baseline promote/list/show/diff in a real git repository; the work tree and index are untouched', async () => {
  const dir = tmp();
  const remote = tmp();
  const files = tmp();
  try {
    gitRepo(dir);
    execFileSync('git', ['init', '-q', '--bare', remote]);
    const statusBefore = execFileSync('git', ['-C', dir, 'status', '--porcelain'], { encoding: 'utf8' });
    const headBefore = execFileSync('git', ['-C', dir, 'symbolic-ref', 'HEAD'], { encoding: 'utf8' });
    const stable = join(files, 'stable.subunit');
    writeFileSync(stable, streamOf([t('a', ['success']), t('b', ['success']), t('gone', ['success'])]));
    const master = join(files, 'master.subunit');
    writeFileSync(master, streamOf([t('a', ['success']), t('b', ['fail']), t('added', ['success'])]));

    let r = await cliCommand(baselineCommand, ['promote', 'stable/2025.2', '--results', stable, '--release', '2025.2', '--repo', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^promoted stable\/2025\.2 to git:tempest-baselines \([0-9a-f]{40}\): 3 tests, history of 1 run \(keeps 30\)\n$/);
    r = await cliCommand(baselineCommand, ['promote', 'master', '--results', master, '--repo', dir, '--push', remote, '-m', 'master baseline']);
    assert.equal(r.code, 0, r.stderr);

    // The user's branch, index and files are as they were; the store branch has two commits.
    assert.equal(execFileSync('git', ['-C', dir, 'status', '--porcelain'], { encoding: 'utf8' }), statusBefore);
    assert.equal(execFileSync('git', ['-C', dir, 'symbolic-ref', 'HEAD'], { encoding: 'utf8' }), headBefore);
    assert.deepEqual(execFileSync('git', ['-C', dir, 'log', '--format=%s', 'tempest-baselines'], { encoding: 'utf8' }).trim().split('\n'), [
      'master baseline',
      'baseline stable/2025.2: 3 tests, history of 1 run',
    ]);
    assert.equal(
      execFileSync('git', ['-C', remote, 'rev-parse', 'tempest-baselines'], { encoding: 'utf8' }),
      execFileSync('git', ['-C', dir, 'rev-parse', 'tempest-baselines'], { encoding: 'utf8' }),
    );

    r = await cliCommand(baselineCommand, ['list', '--repo', dir]);
    assert.equal(r.stdout, 'master\tgit:tempest-baselines:baselines/master.json\nstable/2025.2\tgit:tempest-baselines:baselines/stable/2025.2.json\n');
    r = await cliCommand(baselineCommand, ['show', 'stable/2025.2', '--repo', dir]);
    assert.match(r.stdout, /^git:tempest-baselines:baselines\/stable\/2025\.2\.json: tempest-gate\/baseline@1, 3 tests from 1 run/);
    assert.match(r.stdout, /context: release 2025\.2/);

    r = await cliCommand(baselineCommand, ['diff', 'stable/2025.2', 'master', '--repo', dir]);
    assert.equal(r.code, 0, r.stderr);
    // Side by side, each side by its name: never "the run".
    assert.match(r.stdout, /^master against stable\/2025\.2: 1 regression, 0 fixes, 1 new, 1 removed \(2 tests in both\)\n/);
    assert.match(r.stdout, /\nchange {10}stable\/2025\.2 {2}master {2}test\nregression {6}pass, 1\.00 s {3}fail {4}tempest\.api\.x\.test_m\.T\.b\n/);
    assert.match(r.stdout, /\nremoved {9}pass, 1\.00 s {3}— {7}tempest\.api\.x\.test_m\.T\.gone\n/);
    assert.doesNotMatch(r.stdout, /\b(the|this) run\b/);
    const html = join(dir, 'diff.html');
    r = await cliCommand(baselineCommand, ['diff', 'stable/2025.2', 'master', '--repo', dir, '--to', 'markdown', '--html', html]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^### Baselines: `master` against `stable\/2025\.2`\n/);
    assert.match(r.stdout, /\n\| test \| change \| stable\/2025\.2 \| master \|\n/);
    assert.match(r.stdout, /\n\| `tempest\.api\.x\.test_m\.T\.b` \| passed in stable\/2025\.2, fails in master \| pass, 1\.00 s \| fail \|\n/);
    const page = readFileSync(html, 'utf8');
    assert.match(page, /<h1>Baselines: master against stable\/2025\.2<\/h1>/);
    assert.match(page, /<tr data-kind="regression"><td><code>tempest\.api\.x\.test_m\.T\.b<\/code><\/td>/);
    r = await cliCommand(baselineCommand, ['diff', 'stable/2025.2', 'master', '--repo', dir, '--json']);
    const side = JSON.parse(r.stdout) as { older: { name: string }; newer: { name: string }; rows: { kind: string }[]; diff: CompareDiff };
    assert.deepEqual(
      [side.older.name, side.newer.name, side.rows.map((x) => x.kind), side.diff.counts.regressions],
      ['stable/2025.2', 'master', ['regression', 'removed'], 1],
    );
    r = await cliCommand(baselineCommand, ['diff', 'stable/2025.2', 'master', '--repo', dir, '--fail-on', 'regressions']);
    assert.equal(r.code, 1);

    // compare takes a stored baseline by name, or as git:BRANCH:NAME.
    r = await cliCommand(compareCommand, ['--baseline', 'master', '--results', stable, '--repo', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as CompareDiff).counts.fixes, 1);
    r = await cliCommand(compareCommand, ['--baseline', 'git:tempest-baselines:stable/2025.2', '--results', master, '--repo', dir]);
    assert.equal(r.code, 1);

    r = await cliCommand(compareCommand, ['--baseline', 'stable/2024.1', '--results', master, '--repo', dir]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /no baseline 'stable\/2024\.1' in git:tempest-baselines \(known: master, stable\/2025\.2\)/);
    r = await cliCommand(baselineCommand, ['promote', '../evil', '--results', master, '--repo', dir]);
    assert.equal(r.code, 2);
    r = await cliCommand(baselineCommand, ['list', '--repo', tmpdir()]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /not a git repository/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(remote, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  }
});

test('baseline create merges runs into flaky tests; a dir: store works too; damaged runs are not promoted', async () => {
  const dir = tmp();
  try {
    const runs = [0, 1, 2].map((i) => {
      const f = join(dir, `run${i}.subunit`);
      writeFileSync(f, streamOf([t('steady', ['success']), t('wobbly', [i === 1 ? 'fail' : 'success'])]));
      return f;
    });
    let r = await cliCommand(baselineCommand, ['create', ...runs.flatMap((f) => ['--results', f]), '--concurrency', '4']);
    assert.equal(r.code, 0, r.stderr);
    const b = JSON.parse(r.stdout) as { runs: number; context: { concurrency: number }; tests: { name: string; outcome: string; passRate: number }[] };
    assert.equal(b.runs, 3);
    assert.equal(b.context.concurrency, 4);
    const w = b.tests.find((x) => x.name.endsWith('wobbly'));
    assert.equal(w?.outcome, 'flaky');
    assert.equal(Math.round((w?.passRate ?? 0) * 3), 2);

    r = await cliCommand(baselineCommand, ['promote', 'master', '--results', runs[0] ?? '', '--store', `dir:${join(dir, 'store')}`]);
    assert.equal(r.code, 0, r.stderr);
    r = await cliCommand(baselineCommand, ['list', '--store', `dir:${join(dir, 'store')}`, '--json']);
    assert.deepEqual(JSON.parse(r.stdout), [{ name: 'master', source: join(dir, 'store', 'master.json') }]);

    const cut = join(dir, 'cut.subunit');
    const whole = readFileSync(runs[0] ?? '');
    writeFileSync(cut, whole.subarray(0, whole.length - 3));
    r = await cliCommand(baselineCommand, ['promote', 'master', '--results', cut, '--store', `dir:${join(dir, 'store')}`]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /not promoted: an input was damaged/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('results JSON (parse --to json) works as the run and as the baseline; a foreign JSON is refused by name', async () => {
  const dir = tmp();
  try {
    const { parseResults } = await import('../../src/core/results/parse.ts');
    const json = join(dir, 'run.json');
    writeFileSync(json, JSON.stringify(parseResults(readFileSync(TEMPEST))));
    let r = await cliCommand(compareCommand, ['--baseline', json, '--results', json, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as CompareDiff;
    assert.equal(d.counts.matched, 33);
    assert.equal(d.counts.stillFailing, 2);
    const foreign = join(dir, 'other.json');
    writeFileSync(foreign, '{"hello": 1}');
    r = await cliCommand(compareCommand, ['--baseline', json, '--results', foreign]);
    assert.equal(r.code, 3);
    assert.equal(r.stderr, `tempest-gate compare: ${foreign}: a JSON file that is not tempest-gate results (expected "schema": "tempest-gate/results@1")\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--help lists options and exit codes', async () => {
  for (const cmd of [compareCommand, baselineCommand]) {
    const r = await cliCommand(cmd, ['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: tempest-gate (compare|baseline) /);
    assert.match(r.stdout, /Exit codes:\n {2}0 /);
  }
  const r = await cliCommand(baselineCommand, ['frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown subcommand 'frobnicate' \(known: create, list, show, diff, promote, history\)/);
});

test('Markdown carries the Interop table when a guideline was given', async () => {
  const dir = tmp();
  try {
    const base = join(dir, 'base.json');
    await cliCommand(baselineCommand, ['create', '--results', TEMPEST, '-o', base]);
    const r = await cliCommand(compareCommand, ['-b', base, '-r', TEMPEST, '-g', join(COMPARE, '2020.06.json'), '--to', 'markdown']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /#### Interop 2020\.06\n\n\| Target \| Required \| Required, not flagged \| Advisory \| Compliant \|/);
    assert.match(r.stdout, /\| OpenStack Powered Compute \| 3\/228 \(1\.3%\) \| 1\.4% \| 0\/0 \| ❌ \|/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('compare --selected: the baseline is cut to the tests the change selected, so unselected ones are not "removed"', async () => {
  // The gate on the lab ran 20 selected tests; the bundled baseline holds 33 (the same classes and more).
  const run = join(SUBUNIT, 'lab-tempest-33-live-exists.subunit');
  const list = fileURLToPath(new URL('../fixtures/lab/compute-lab-parallel-include-list.txt', import.meta.url));
  const baseline = fileURLToPath(new URL('../../data/samples/baseline-master.json', import.meta.url));
  let r = await cliCommand(compareCommand, ['--baseline', baseline, '--results', run, '--to', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const whole = JSON.parse(r.stdout) as CompareDiff;
  assert.equal(whole.counts.removed, 13, 'without the selection, every baseline test the run did not hold is removed');
  assert.equal(whole.counts.flaky, 0, "stestr's 'exists' announcements are not attempts");
  r = await cliCommand(compareCommand, ['--baseline', baseline, '--results', run, '--selected', list, '--to', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const scoped = JSON.parse(r.stdout) as CompareDiff;
  assert.equal(scoped.counts.removed, 0);
  assert.equal(scoped.counts.run, 20);
  // A selected test that the run does not hold is still removed.
  const dir = tmp();
  try {
    const extra = join(dir, 'list.txt');
    writeFileSync(
      extra,
      `${readFileSync(list, 'utf8')}tempest.api.compute.admin.test_hypervisor.HypervisorAdminTestJSON.test_get_hypervisor_list[id-7f0ceacd-c64d-4e96-b8ee-d02943142cc5]\n`,
    );
    r = await cliCommand(compareCommand, ['--baseline', baseline, '--results', run, '--selected', extra, '--to', 'json']);
    const one = JSON.parse(r.stdout) as CompareDiff;
    assert.equal(one.counts.removed, 1, 'a selected baseline test missing from the run is still reported');
    r = await cliCommand(compareCommand, ['--baseline', baseline, '--results', run, '--selected', join(dir, 'nope.txt')]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /nope\.txt/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
