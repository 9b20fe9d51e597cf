// Format detection: the answer depends on the bytes only, never on how a pipe or a file chunks
// them; each accepted format is read as itself (our results JSON included); a file that is none
// of them is a one-line error naming it; a format forced onto the wrong input is damage, never a
// crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { createResultParser, DETECT_WINDOW, detectFormat, parseResults } from '../../src/core/results/parse.ts';
import { writeJUnit } from '../../src/core/results/junit.ts';
import type { ResultFormat, RunResults } from '../../src/core/results/model.ts';
import { UserError } from '../../src/core/errors.ts';
import { parseCommand } from '../../src/cli/commands/parse.ts';
import { cliCommand } from '../helpers/cli.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.subunit'))
  .sort()
  .map((f) => ({ name: f, bytes: readFileSync(join(FIXTURES, f)) }));
const KEEP_ALL = { attachments: { keep: 'all' as const, capBytes: 1 << 30 } };

/** Feed `bytes` in pieces cut at `cuts`; a transient piece is overwritten after the push, as a reused read buffer would be. */
function parseInPieces(bytes: Uint8Array, cuts: number[], transient: boolean): RunResults {
  const parser = createResultParser(KEEP_ALL);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const at of [...points, bytes.length]) {
    if (at < from) continue;
    const piece = Buffer.from(bytes.subarray(from, at));
    parser.push(piece, transient);
    if (transient) piece.fill(0xaa);
    from = at;
  }
  return parser.end();
}

const STRAY = ['', 'WARNING\n', 'stray output\nmore stray output\n', 'error: a plugin failed to load\n', '\n\n', 'x', 'caf\u00e9 \u00b3 no newline'];

test('every chunking of a real stream with stray text in front reads as the whole buffer does', () => {
  assert.ok(fixtures.length >= 6, `only ${fixtures.length} fixtures`);
  fc.assert(
    fc.property(fc.constantFrom(...fixtures), fc.constantFrom(...STRAY), fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), (fx, stray, cuts, transient) => {
      const bytes = Buffer.concat([Buffer.from(stray), fx.bytes]);
      const whole = parseResults(bytes, KEEP_ALL);
      // Small pieces at the start too, where detection happens.
      const early = cuts.map((c) => c % 64);
      assert.deepEqual(parseInPieces(bytes, [...cuts, ...early], transient), whole);
      // Stray text in front does not change the format of the stream behind it.
      assert.equal(whole.format, parseResults(fx.bytes).format, fx.name);
    }),
    { numRuns: 300, seed: 20261202 },
  );
});

test('one byte at a time: a v2 stream behind a line of output is v2, as the whole file is', () => {
  const fx = fixtures.find((f) => f.name === 'local-tempest-33-compute-identity-mini.subunit');
  assert.ok(fx);
  const bytes = Buffer.concat([Buffer.from('WARNING\n'), fx.bytes]);
  const cuts = Array.from({ length: 600 }, (_, i) => i + 1);
  const r = parseInPieces(bytes, cuts, true);
  assert.equal(r.format, 'subunit-v2');
  assert.equal(r.tests.length, 33);
  assert.deepEqual(r, parseResults(bytes, KEEP_ALL));
});

test('text with no v2 packet and no v1 test line in the detection window is read as subunit v1, damaged', () => {
  const text = Buffer.from('x'.repeat(DETECT_WINDOW + 10) + '\ntest: a\nsuccess: a\n');
  const r = parseInPieces(text, [1, 100, DETECT_WINDOW - 1, DETECT_WINDOW + 3], false);
  assert.equal(r.format, 'subunit-v1');
  assert.deepEqual(r, parseResults(text));
  assert.ok(r.damage.length >= 1);
});

// ---- the matrix: each input read as detected, and read as each other format forced ----------

const v2 = readFileSync(join(FIXTURES, 'stestr-failure.subunit'));
const v1 = readFileSync(join(FIXTURES, 'refstack-client-testrepository-0.v1.subunit'));
const v2Results = parseResults(v2, KEEP_ALL);
const junit = Buffer.from(writeJUnit(v2Results));
const json = Buffer.from(JSON.stringify(v2Results, null, 2));
// A README as a user would pass one by mistake: prose, a table, a code block. Fixed text, not
// the project's README (whose wording changes, and may start a line with a v1 keyword).
const readme = Buffer.from(
  [
    '# tempest-gate',
    '',
    'Gate every pull request on Tempest, the test suite OpenStack gates on.',
    '',
    '| verb | what |',
    '| --- | --- |',
    '| select | the tests a change needs |',
    '',
    '```sh',
    'npx tempest-gate parse run.subunit',
    '```',
    '',
  ].join('\n'),
);
const binary = gzipSync(v2);

const INPUTS: { name: string; bytes: Uint8Array; detected: ResultFormat | 'results-json' | 'not-results'; tests: number }[] = [
  { name: 'subunit v2', bytes: v2, detected: 'subunit-v2', tests: v2Results.tests.length },
  { name: 'subunit v1', bytes: v1, detected: 'subunit-v1', tests: 2 },
  { name: 'JUnit XML', bytes: junit, detected: 'junit', tests: v2Results.tests.length },
  { name: 'results JSON', bytes: json, detected: 'results-json', tests: v2Results.tests.length },
  { name: 'text', bytes: readme, detected: 'not-results', tests: 0 },
  { name: 'binary', bytes: binary, detected: 'not-results', tests: 0 },
  { name: 'empty', bytes: new Uint8Array(0), detected: 'subunit-v2', tests: 0 },
];

test('detected: each format is read as itself; text and binary are not result files; empty is an empty run', () => {
  for (const input of INPUTS) {
    assert.equal(detectFormat(input.bytes), input.detected, input.name);
    if (input.detected === 'not-results') {
      assert.throws(
        () => parseResults(input.bytes, { source: 'some/file' }),
        (e: unknown) =>
          e instanceof UserError &&
          e.exitCode === 3 &&
          e.message === 'some/file: not a result file (expected subunit v1/v2, JUnit XML or tempest-gate results JSON)',
        input.name,
      );
      continue;
    }
    const r = parseResults(input.bytes, KEEP_ALL);
    assert.equal(r.tests.length, input.tests, input.name);
    assert.deepEqual(r.damage, [], input.name);
  }
  // Our own JSON reads back to the results it was written from.
  assert.deepEqual(parseResults(json, KEEP_ALL), v2Results);
});

test('forced: a format read where another is expected gives damage or an error, never a crash', () => {
  for (const forced of ['subunit-v2', 'subunit-v1', 'junit'] as const) {
    for (const input of INPUTS) {
      if (input.detected === forced) continue;
      const r = parseResults(input.bytes, { format: forced });
      assert.equal(r.format, forced);
      if (input.bytes.length === 0) {
        assert.deepEqual([r.tests.length, r.damage], [0, []], `${input.name} as ${forced}`);
        continue;
      }
      assert.ok(r.damage.length >= 1, `${input.name} read as ${forced}: no damage`);
      assert.ok(r.tests.length < Math.max(1, input.tests), `${input.name} read as ${forced}: ${r.tests.length} tests`);
    }
  }
});

test('results JSON that is cut, or of another schema, is a one-line error naming the file', () => {
  const cut = json.subarray(0, 5000);
  assert.throws(
    () => parseResults(cut, { source: 'r.json' }),
    (e: unknown) =>
      e instanceof UserError && e.exitCode === 3 && /^r\.json: byte \d+: malformed tempest-gate results JSON: /.test(e.message) && !e.message.includes('\n'),
  );
  const other = Buffer.from(JSON.stringify({ ...v2Results, schema: 'tempest-gate/results@9' }));
  assert.throws(
    () => parseResults(other, { source: 'r.json' }),
    (e: unknown) =>
      e instanceof UserError && e.message === 'r.json: not tempest-gate results JSON (tempest-gate/results@1): "schema" is "tempest-gate/results@9"',
  );
  const badTest = Buffer.from(JSON.stringify({ ...v2Results, tests: [{ id: 'x', status: 'passed', attachments: [] }] }));
  assert.throws(
    () => parseResults(badTest),
    (e: unknown) => e instanceof UserError && e.message.includes('tests[0] is not a test record'),
  );
  // A JSON log line in front of a v2 stream is stray output, not a results document.
  const logged = Buffer.concat([Buffer.from('{"level": "info", "msg": "starting"}\n'), v2]);
  assert.equal(detectFormat(logged), 'subunit-v2');
});

test('parse CLI: a text file is one line, exit 3, naming it; results JSON reads back; damaged subunit still names the byte', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-detect-'));
  try {
    const text = join(dir, 'README.md');
    writeFileSync(text, readme);
    const res = await cliCommand(parseCommand, [text]);
    assert.equal(res.code, 3);
    assert.equal(res.stderr, `tempest-gate parse: ${text}: not a result file (expected subunit v1/v2, JUnit XML or tempest-gate results JSON)\n`);
    assert.equal(res.stdout, '');

    const r = join(dir, 'r.json');
    writeFileSync(r, (await cliCommand(parseCommand, [join(FIXTURES, 'stestr-failure.subunit'), '--to', 'json'])).stdout);
    const back = await cliCommand(parseCommand, [r, '--to', 'json']);
    assert.equal(back.code, 0, back.stderr);
    assert.deepEqual(JSON.parse(back.stdout), JSON.parse(readFileSync(r, 'utf8')));

    const damaged = join(dir, 'damaged.subunit');
    writeFileSync(damaged, Buffer.concat([v2.subarray(0, 4000), Buffer.from('garbage in the middle'), v2.subarray(4000)]));
    const d = await cliCommand(parseCommand, [damaged, '--to', 'json']);
    assert.equal(d.code, 3);
    assert.match(d.stderr, /^tempest-gate parse: .*damaged\.subunit: byte \d+: .*; kept \d+ tests\n$/);
    assert.ok((JSON.parse(d.stdout) as { tests: unknown[] }).tests.length > 0);

    const empty = join(dir, 'empty.subunit');
    writeFileSync(empty, '');
    const e = await cliCommand(parseCommand, [empty, '--to', 'json']);
    assert.deepEqual([e.code, (JSON.parse(e.stdout) as { tests: unknown[] }).tests.length], [0, 0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
