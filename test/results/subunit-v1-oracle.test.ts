// Our subunit v1 reader agrees with python-subunit: each v1 stream is converted by Debian's
// `subunit-1to2` and the v2 result read with python-subunit + testtools' StreamToDict (the oracle);
// our direct parse of the v1 text must give the same tests (id, status, tags, timestamps, attachments).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { createResultParser, detectFormat, parseResults } from '../../src/core/results/parse.ts';
import { ours, requireOracle, runOracle, type OracleTest } from '../helpers/oracle.ts';
import { runFilterBatch, type FilterRun } from '../helpers/subunit-filters.ts';
import { genV1Test, v1StreamOf } from '../helpers/streams-v1.ts';

const run = promisify(execFile);
const FIXTURES = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const V1 = { format: 'subunit-v1' as const, attachments: { keep: 'all' as const, capBytes: 1 << 30 } };
const v2Fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.subunit') && !f.includes('.v1.'));

/** Debian's subunit-1to2 on a v1 file: the v2 stream python-subunit makes of it. */
async function oneToTwo(v1: string, v2: string): Promise<void> {
  const { stdout } = await run('/bin/sh', ['-c', 'exec subunit-1to2 < "$1" > "$2"', 'sh', v1, v2]);
  assert.equal(stdout, '');
}

/**
 * Before any `time:` line python stamps events with its wall clock (datetime.now()); we leave them
 * unstamped. Generated times are all before 2024, so later oracle stamps are that wall clock.
 */
function withoutWallClock(tests: OracleTest[], since: number): OracleTest[] {
  return tests.map((t) => ({
    ...t,
    start_us: t.start_us !== null && t.start_us >= since ? null : t.start_us,
    stop_us: t.stop_us !== null && t.stop_us >= since ? null : t.stop_us,
  }));
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tg-v1-'));
}

test('python-subunit and its subunit-1to2 / subunit-2to1 are installed (the oracle)', () => {
  requireOracle();
  execFileSync('/bin/sh', ['-c', 'command -v subunit-1to2 && command -v subunit-2to1'], { stdio: 'pipe' });
});

test('the real testrepository v1 stream reads as python-subunit reads it', async () => {
  const dir = tempDir();
  try {
    const file = join(FIXTURES, 'refstack-client-testrepository-0.v1.subunit');
    const bytes = readFileSync(file);
    assert.equal(detectFormat(bytes), 'subunit-v1');
    await oneToTwo(file, join(dir, 'out.v2'));
    const [expected] = runOracle([join(dir, 'out.v2')]);
    const got = parseResults(bytes, V1);
    assert.equal(got.format, 'subunit-v1');
    assert.deepEqual(ours(got), expected!.tests);
    assert.deepEqual(got.damage, []);
    // The refstack-client fixture's own expectation: these two tests, the second with its idempotent id.
    const want = JSON.parse(readFileSync(join(FIXTURES, 'refstack-client-testrepository-0.expected.json'), 'utf8')) as {
      results: { name: string; uuid?: string }[];
    };
    assert.deepEqual(
      got.tests.map((t) => ({ name: t.name, ...(t.idempotentId ? { uuid: t.idempotentId } : {}) })),
      want.results,
    );
    assert.deepEqual(
      got.tests.map((t) => t.status),
      ['success', 'success'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every real v2 stream, turned into v1 by subunit-2to1, reads as python-subunit reads that v1', async () => {
  const dir = tempDir();
  try {
    const v1Files = await Promise.all(
      v2Fixtures.map(async (f) => {
        const v1 = join(dir, `${f}.v1`);
        await run('/bin/sh', ['-c', 'exec subunit-2to1 < "$1" > "$2"', 'sh', join(FIXTURES, f), v1]);
        await oneToTwo(v1, join(dir, `${f}.v2`));
        return v1;
      }),
    );
    const oracle = runOracle(v2Fixtures.map((f) => join(dir, `${f}.v2`)));
    assert.equal(v1Files.length, 7);
    let tests = 0;
    v1Files.forEach((v1, i) => {
      const got = parseResults(readFileSync(v1), V1);
      assert.equal(oracle[i]!.crashed, null, v1);
      assert.deepEqual(ours(got), oracle[i]!.tests, v1);
      assert.deepEqual(got.damage, [], v1);
      assert.ok(got.tests.length > 0, v1);
      tests += got.tests.length;
    });
    // The v2 originals and their v1 round trips hold the same tests and statuses (v1 has no
    // listing: a live stream's 'exists' announcements are not in its v1).
    const originals = v2Fixtures.map((f) => parseResults(readFileSync(join(FIXTURES, f))));
    v1Files.forEach((v1, i) => {
      const got = parseResults(readFileSync(v1), V1);
      const want = originals[i]!.tests.filter((t) => t.status !== 'exists');
      assert.deepEqual(got.tests.map((t) => [t.id, t.status]).sort(), want.map((t) => [t.id, t.status]).sort(), v1);
    });
    assert.equal(tests, 147);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Convert many v1 files with Debian's subunit-1to2 script in one python process. */
function batchOneToTwo(pairs: [string, string][]): FilterRun[] {
  return runFilterBatch('subunit-1to2', pairs);
}

const genRun = fc.array(genV1Test, { minLength: 0, maxLength: 10 });

test('generated v1 streams agree with subunit-1to2 + python-subunit test by test', () => {
  requireOracle();
  const runs = fc.sample(genRun, { numRuns: 300, seed: 20261125 });
  const dir = tempDir();
  try {
    const pairs = runs.map((tests, i): [string, string] => {
      writeFileSync(join(dir, `${i}.v1`), v1StreamOf(tests));
      return [join(dir, `${i}.v1`), join(dir, `${i}.v2`)];
    });
    const conversions = batchOneToTwo(pairs);
    const oracle = runOracle(pairs.map((p) => p[1]));
    let compared = 0;
    let withDetails = 0;
    let cut = 0;
    const crashed: string[] = [];
    runs.forEach((tests, i) => {
      const context = `case ${i}: ${pairs[i]![0]}`;
      const got = parseResults(readFileSync(pairs[i]![0]), V1);
      if (conversions[i]!.crashed !== null) {
        // subunit-1to2 gives up on a few generated streams: a detail line `]` ends a block early
        // and what follows may be a line it cannot read; a skip whose multipart `reason`
        // is not text makes testtools' summary raise. Nothing to compare with.
        crashed.push(`${context}: ${conversions[i]!.crashed}`);
        return;
      }
      assert.deepEqual(ours(got), oracle[i]!.tests, context);
      compared++;
      if (got.tests.some((t) => t.attachments.length)) withDetails++;
      if (got.damage.some((d) => d.kind === 'truncated')) cut++;
    });
    console.log(
      `compared ${compared} generated v1 streams with python-subunit (${withDetails} with attachments, ${cut} cut inside a test; subunit-1to2 gave up on ${crashed.length})`,
    );
    assert.ok(compared >= 270, `only ${compared} of 300 compared`);
    assert.ok(withDetails >= 100 && cut >= 20, `too few interesting cases: ${withDetails} with details, ${cut} cut`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('any chunking of a v1 stream gives the same results as reading it whole', () => {
  fc.assert(
    fc.property(genRun, fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 10 }), (tests, sizes) => {
      const bytes = Buffer.from(v1StreamOf(tests));
      const whole = parseResults(bytes, V1);
      const parser = createResultParser(V1);
      let pos = 0;
      let k = 0;
      while (pos < bytes.length) {
        const size = sizes[k++ % sizes.length] as number;
        // A fresh copy each time: the decoder must not depend on the caller keeping its chunks.
        parser.push(Buffer.from(bytes.subarray(pos, pos + size)));
        pos += size;
      }
      assert.deepEqual(parser.end(), whole);
    }),
    { numRuns: 200, seed: 7 },
  );
});

// Line-level damage: python-subunit passes unknown lines through and crashes on a few malformed
// ones. Where it does not crash, we agree with it; either way we never throw, and say where.
type V1Injury =
  | { kind: 'insert'; line: number; text: string }
  | { kind: 'delete'; line: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'replace'; at: number; byte: number };

const genInjury: fc.Arbitrary<V1Injury> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    line: fc.nat(),
    text: fc.constantFrom(
      'garbage here',
      'time: yesterday',
      'time: 2014-13-01 00:00:00Z',
      'progress: lots',
      'tags: x -y',
      '5\r',
      'Content-Type: nonsense',
      'success:',
      ']',
      'test: injected',
      'error: injected',
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), byte: fc.constantFrom(0x20, 0x0a, 0x5d, 0x3a, 0x41, 0x30, 0x0d) }),
);

function injureV1(text: string, injury: V1Injury): Buffer {
  const bytes = Buffer.from(text);
  if (bytes.length === 0) return bytes;
  const lines = text.split(/(?<=\n)/);
  switch (injury.kind) {
    case 'insert':
      lines.splice(injury.line % (lines.length + 1), 0, `${injury.text}\n`);
      return Buffer.from(lines.join(''));
    case 'delete':
      lines.splice(injury.line % lines.length, 1);
      return Buffer.from(lines.join(''));
    case 'truncate':
      return bytes.subarray(0, injury.at % bytes.length);
    case 'replace': {
      const b = Buffer.from(bytes);
      b[injury.at % b.length] = injury.byte;
      return b;
    }
  }
}

test('damaged v1 streams: no crash, damage located, and agreement with python-subunit where it copes', () => {
  const cases = fc.sample(
    fc.record({ tests: fc.array(genV1Test, { minLength: 1, maxLength: 8 }), injuries: fc.array(genInjury, { minLength: 1, maxLength: 3 }) }),
    { numRuns: 200, seed: 99 },
  );
  const dir = tempDir();
  try {
    const inputs = cases.map(({ tests, injuries }) => {
      let bytes: Buffer = Buffer.from(v1StreamOf(tests));
      for (const inj of injuries) bytes = injureV1(bytes.toString('utf8'), inj);
      return bytes;
    });
    const pairs = inputs.map((bytes, i): [string, string] => {
      writeFileSync(join(dir, `${i}.v1`), bytes);
      return [join(dir, `${i}.v1`), join(dir, `${i}.v2`)];
    });
    const since = Date.now() * 1000 - 60_000_000;
    const conversions = batchOneToTwo(pairs);
    const oracle = runOracle(pairs.map((p) => p[1]));
    let compared = 0;
    let damaged = 0;
    inputs.forEach((bytes, i) => {
      const got = parseResults(bytes, V1);
      const lines = bytes.toString('latin1').split('\n').length;
      for (const d of got.damage) {
        assert.ok(d.offset >= 0 && d.offset <= bytes.length, `damage offset ${d.offset} in ${bytes.length} bytes`);
        assert.ok(d.line !== undefined && d.line >= 1 && d.line <= lines + 1, `damage line ${d.line} of ${lines}`);
      }
      if (got.damage.length) damaged++;
      // python-subunit gave up part way: nothing to compare with (we went on, checked above).
      if (conversions[i]!.crashed !== null) return;
      assert.deepEqual(ours(got), withoutWallClock(oracle[i]!.tests, since), `case ${i}: ${pairs[i]![0]}`);
      compared++;
    });
    console.log(`damaged v1 streams: ${compared} of ${inputs.length} compared with python-subunit, ${damaged} with damage records`);
    assert.ok(compared >= 120, `only ${compared} compared`);
    assert.ok(damaged >= 100, `only ${damaged} had damage`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
