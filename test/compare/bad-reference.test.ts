// "What was good is still written" for every verb whose --help says it: a bad known-failures,
// guideline or baseline file is bad input (exit 3), what could be read of it is used, and the
// comparison or report is still written, never as a pass (stages/baseline.ts loadReference).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCommand } from '../helpers/cli.ts';
import { compareCommand } from '../../src/cli/commands/compare.ts';
import { reportCommand } from '../../src/cli/commands/report.ts';
import { baselineCommand } from '../../src/cli/commands/baseline.ts';
import { readKnownFailures } from '../../src/core/compare/index.ts';
import type { CompareDiff } from '../../src/core/compare/index.ts';
import { streamOf, t } from './gen.ts';

const ENTRIES = `- bug: https://bugs.launchpad.net/nova/+bug/1
  expires: 2099-01-01
  test_ids: [tempest.api.x.test_m.T.b]
- bug: broken
  expires: someday
  test: a
- bug: https://bugs.launchpad.net/nova/+bug/2
  expires: 2099-01-01
  test_ids: [tempest.api.x.test_m.T.c]
`;

function files(): { dir: string; run: string; base: string; known: string; badJson: string; badGuideline: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tg-badref-'));
  const run = join(dir, 'run.subunit');
  writeFileSync(run, streamOf([t('a', ['success']), t('b', ['fail']), t('c', ['fail'])]));
  const base = join(dir, 'base.subunit');
  writeFileSync(base, streamOf([t('a', ['success']), t('b', ['success']), t('c', ['success'])]));
  const known = join(dir, 'known.yaml');
  writeFileSync(known, ENTRIES);
  const badJson = join(dir, 'bad.json');
  writeFileSync(badJson, '{"schema": "tempest-gate/baseline@1", "tests": [');
  const badGuideline = join(dir, 'g.json');
  writeFileSync(badGuideline, '{"metadata": {"schema": "2.0"}}');
  return { dir, run, base, known, badJson, badGuideline };
}

test('a known-failures file reads entry by entry: the good entries are kept, each bad one named', () => {
  const { known, problems } = readKnownFailures(ENTRIES, 'known.yaml');
  assert.deepEqual(
    known.entries.map((e) => e.bug),
    ['https://bugs.launchpad.net/nova/+bug/1', 'https://bugs.launchpad.net/nova/+bug/2'],
  );
  assert.deepEqual(
    problems.map((p) => p.message),
    ["known.yaml: line 5, column 12: 'expires' must be a date YYYY-MM-DD, not 'someday'"],
  );
  assert.equal(readKnownFailures('- bug: [x\n', 'k.yaml').known.entries.length, 0);
});

test('compare and report: the good known-failure entries still explain failures; exit 3, never a pass', async () => {
  const f = files();
  try {
    let r = await cliCommand(compareCommand, ['--baseline', f.base, '--results', f.run, '-k', f.known, '--to', 'json']);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stderr, `tempest-gate compare: ${f.known}: line 5, column 12: 'expires' must be a date YYYY-MM-DD, not 'someday'\n`);
    const diff = JSON.parse(r.stdout) as CompareDiff;
    assert.equal(diff.counts.known, 2, 'both good entries explained their failures');
    assert.equal(diff.verdict.failed, true);

    const html = join(f.dir, 'r.html');
    const md = join(f.dir, 'r.md');
    r = await cliCommand(reportCommand, [
      '--results',
      f.run,
      '--baseline',
      f.base,
      '-k',
      f.known,
      '-g',
      f.badGuideline,
      '--html',
      html,
      '--markdown',
      md,
      '--json',
    ]);
    assert.equal(r.code, 3, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stderr);
    assert.match(lines[0] ?? '', /^tempest-gate report: \S+known\.yaml: line 5, column 12: 'expires'/);
    assert.match(lines[1] ?? '', /^tempest-gate report: \S+g\.json: line 1, column 14: not an Interop guideline/);
    const summary = JSON.parse(r.stdout) as { verdict: { result: string; failed: boolean }; counts: { run: number; known: number } };
    assert.equal(summary.counts.run, 3);
    assert.equal(summary.counts.known, 2);
    assert.notEqual(summary.verdict.result, 'pass');
    assert.match(readFileSync(html, 'utf8'), /<html/i);
    assert.match(readFileSync(md, 'utf8'), /damaged/);

    // A baseline that cannot be read: the report is still written, against none, never a pass.
    r = await cliCommand(reportCommand, ['--results', f.run, '--baseline', f.badJson, '--markdown', md, '--json']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /^tempest-gate report: \S+bad\.json: line 1, column \d+: not valid JSON/);
    assert.equal((JSON.parse(r.stdout) as { counts: { run: number } }).counts.run, 3);
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});

test('baseline create --from and diff: a side that cannot be read is reported, the rest still written (exit 3)', async () => {
  const f = files();
  try {
    const out = join(f.dir, 'made.json');
    let r = await cliCommand(baselineCommand, ['create', '--from', f.base, '--from', f.badJson, '-o', out]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /^tempest-gate baseline: \S+bad\.json: line 1, column \d+: not valid JSON/);
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as { tests: unknown[] }).tests.length, 3, 'the readable baseline was written');

    r = await cliCommand(baselineCommand, ['diff', f.badJson, f.run, '--to', 'json']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /bad\.json: line 1, column \d+: not valid JSON/);
    const diff = (JSON.parse(r.stdout) as { diff: CompareDiff }).diff;
    assert.equal(diff.counts.run, 3, 'the newer side was diffed against an empty one');

    r = await cliCommand(baselineCommand, ['show', f.badJson]);
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^tempest-gate baseline: \S+bad\.json: line 1/);

    r = await cliCommand(baselineCommand, ['promote', 'master', '--from', f.badJson, '--store', `dir:${f.dir}`]);
    assert.equal(r.code, 3, 'a damaged input is never promoted');
    assert.match(r.stderr, /not promoted/);
  } finally {
    rmSync(f.dir, { recursive: true, force: true });
  }
});
