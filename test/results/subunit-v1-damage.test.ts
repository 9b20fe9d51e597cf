// Bad subunit v1 input: what was good is kept, each problem is a Damage with byte offset and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createResultParser, parseResults } from '../../src/core/results/parse.ts';
import { genV1Test, v1StreamOf } from '../helpers/streams-v1.ts';
import { parseV1Time } from '../../src/core/results/subunit-v1.ts';
import { parseCommand } from '../../src/cli/commands/parse.ts';
import { cliCommand } from '../helpers/cli.ts';

const V1 = { format: 'subunit-v1' as const, attachments: { keep: 'all' as const, capBytes: 1 << 20 } };

function lines(...ls: string[]): Buffer {
  return Buffer.from(ls.map((l) => `${l}\n`).join(''));
}

/** Byte offset of the start of 1-based line `n`. */
function offsetOfLine(bytes: Buffer, n: number): number {
  let off = 0;
  for (let i = 1; i < n; i++) off = bytes.indexOf(0x0a, off) + 1;
  return off;
}

test('a bad time line is damage at its line; the tests around it are kept', () => {
  const bytes = lines(
    'time: 2014-08-15 10:34:49.010492Z',
    'test: a.b.C.test_one',
    'success: a.b.C.test_one',
    'time: 2014-13-40 99:00:00Z',
    'test: a.b.C.test_two',
    'failure: a.b.C.test_two [',
    'Traceback: boom',
    ']',
  );
  const r = parseResults(bytes, V1);
  assert.deepEqual(
    r.tests.map((t) => [t.id, t.status]),
    [
      ['a.b.C.test_one', 'success'],
      ['a.b.C.test_two', 'fail'],
    ],
  );
  assert.equal(r.damage.length, 1);
  assert.deepEqual({ ...r.damage[0], message: undefined }, { kind: 'malformed', offset: offsetOfLine(bytes, 4), line: 4, message: undefined });
  // The bad time was not taken: test_two is stamped with the last good one.
  assert.equal(r.tests[1]!.start, '2014-08-15T10:34:49.010492Z');
  assert.equal(r.tests[1]!.attachments[0]!.text, 'Traceback: boom\n');
});

test('a bad chunk header skips that detail block up to its ], keeping the parts before it', () => {
  const bytes = Buffer.from(
    'time: 2014-08-15 10:34:49Z\n' +
      'test: t.one\n' +
      'failure: t.one [ multipart\n' +
      'Content-Type: text/plain\n' +
      'good\n' +
      '3\r\nabc0\r\n' +
      'Content-Type: text/plain\n' +
      'bad\n' +
      'zz not a chunk header\r\n' +
      '3\n' +
      ']\n' +
      'test: t.two\n' +
      'success: t.two\n',
  );
  const r = parseResults(bytes, V1);
  assert.deepEqual(
    r.tests.map((t) => [t.id, t.status]),
    [
      ['t.one', 'fail'],
      ['t.two', 'success'],
    ],
  );
  assert.deepEqual(
    r.tests[0]!.attachments.map((a) => [a.name, a.text]),
    [['good', 'abc']],
  );
  assert.equal(r.damage.length, 1);
  assert.equal(r.damage[0]!.kind, 'malformed');
  // Line 11 ('3'): the chunk parser waits past 'zz...' and rejects the header it then assembles.
  assert.equal(r.damage[0]!.line, 11);
  assert.equal(r.damage[0]!.offset, offsetOfLine(bytes, 11));
});

test('invalid UTF-8 in a test id is damage; the line is skipped', () => {
  const bytes = Buffer.concat([
    lines('time: 2014-08-15 10:34:49Z'),
    Buffer.from([0x74, 0x65, 0x73, 0x74, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
    lines('test: ok.one', 'successful: ok.one'),
  ]);
  const r = parseResults(bytes, V1);
  assert.deepEqual(
    r.tests.map((t) => [t.id, t.status]),
    [['ok.one', 'success']],
  );
  assert.deepEqual(
    r.damage.map((d) => [d.kind, d.line, d.offset]),
    [['utf8', 2, offsetOfLine(bytes, 2)]],
  );
});

test('non-protocol lines are one damage record per run of lines, with where they start', () => {
  const bytes = lines('time: 2014-08-15 10:34:49Z', 'hello', 'world', 'test: x.y', 'success: x.y', '', 'trailing junk');
  const r = parseResults(bytes, V1);
  assert.equal(r.tests.length, 1);
  assert.deepEqual(
    r.damage.map((d) => [d.kind, d.line, d.offset]),
    [
      ['garbage', 2, offsetOfLine(bytes, 2)],
      ['garbage', 7, offsetOfLine(bytes, 7)],
    ],
  );
});

test('a stream cut inside a test reports it failed (as python-subunit does) and records where it ended', () => {
  const bytes = lines('time: 2014-08-15 10:34:49Z', 'test: x.done', 'success: x.done', 'test: x.cut', 'failure: x.cut [', 'partial trace');
  const r = parseResults(bytes, V1);
  assert.deepEqual(
    r.tests.map((t) => [t.id, t.status]),
    [
      ['x.done', 'success'],
      ['x.cut', 'fail'],
    ],
  );
  const traceback = r.tests[1]!.attachments[0]!;
  assert.equal(traceback.text, "testtools.testresult.real._StringException: lost connection during failure report of test 'x.cut'\n");
  assert.deepEqual(
    r.damage.map((d) => [d.kind, d.line, d.offset]),
    [['truncated', 7, bytes.length]],
  );
});

test('an empty v1 file is an empty run', () => {
  const r = parseResults(Buffer.from(''), V1);
  assert.deepEqual([r.tests, r.damage], [[], []]);
});

test('attachments over the cap are counted, not kept', () => {
  const body = 'x'.repeat(5000);
  const bytes = lines('time: 2014-08-15 10:34:49Z', 'test: big.one', 'failure: big.one [', body, ']');
  const r = parseResults(bytes, { format: 'subunit-v1', attachments: { keep: 'all', capBytes: 100 } });
  const a = r.tests[0]!.attachments[0]!;
  assert.deepEqual([a.name, a.size, a.truncatedBytes, a.text.length], ['traceback', 5001, 4901, 100]);
  const none = parseResults(bytes, { format: 'subunit-v1', attachments: { keep: 'none', capBytes: 100 } });
  assert.deepEqual([none.tests[0]!.attachments[0]!.size, none.tests[0]!.attachments[0]!.text], [5001, '']);
});

test('time lines: python-subunit iso8601 spellings', () => {
  assert.equal(parseV1Time('2014-08-15 10:34:49.010492Z'), Date.UTC(2014, 7, 15, 10, 34, 49) * 1000 + 10492);
  assert.equal(parseV1Time('2014-08-15T10:34:49+02:00'), Date.UTC(2014, 7, 15, 8, 34, 49) * 1000);
  // float('0.' + digits) * 1e6, truncated, as python does it.
  assert.equal(parseV1Time('2014-08-15 10:34:49.0000019'), Date.UTC(2014, 7, 15, 10, 34, 49) * 1000 + 1);
  assert.throws(() => parseV1Time('2014-08-15 10:34Z'));
  assert.throws(() => parseV1Time('2014-02-30 10:34:49Z'));
});

test('parse CLI: a damaged v1 file exits 3 with one line naming the file, line and byte', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-v1cli-'));
  try {
    const file = join(dir, 'run.v1');
    const bytes = lines('time: 2014-08-15 10:34:49Z', 'test: a.b', 'success: a.b', 'time: never', 'test: c.d', 'success: c.d');
    writeFileSync(file, bytes);
    const res = await cliCommand(parseCommand, [file, '--json']);
    assert.equal(res.code, 3);
    const out = JSON.parse(res.stdout) as { format: string; tests: unknown[] };
    assert.equal(out.format, 'subunit-v1');
    assert.equal(out.tests.length, 2);
    const errLines = res.stderr.trim().split('\n');
    assert.equal(errLines.length, 1);
    assert.match(errLines[0]!, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 4, byte ${offsetOfLine(bytes, 4)}: `));
    assert.doesNotMatch(res.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('attachment policies: what is kept is exactly the kept-all text cut to the cap, sizes always whole', () => {
  fc.assert(
    fc.property(
      fc.array(genV1Test, { maxLength: 8 }),
      fc.constantFrom('all' as const, 'failures' as const, 'none' as const),
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 1, max: 64 }),
      (tests, keep, cap, chunk) => {
        const bytes = Buffer.from(v1StreamOf(tests));
        const full = parseResults(bytes, V1);
        const parser = createResultParser({ format: 'subunit-v1', attachments: { keep, capBytes: cap } });
        for (let i = 0; i < bytes.length; i += chunk) parser.push(bytes.subarray(i, i + chunk));
        const got = parser.end();
        assert.deepEqual(got.damage, full.damage);
        assert.equal(got.tests.length, full.tests.length);
        got.tests.forEach((t, i) => {
          const f = full.tests[i]!;
          assert.deepEqual({ ...t, attachments: [] }, { ...f, attachments: [] });
          const keepText = keep === 'all' || (keep === 'failures' && t.status !== 'success');
          assert.deepEqual(
            t.attachments,
            f.attachments.map((a) => {
              const kept = keepText ? Buffer.from(a.text, 'utf8').subarray(0, cap) : Buffer.alloc(0);
              return { ...a, text: new TextDecoder().decode(kept), truncatedBytes: a.size - kept.length };
            }),
          );
        });
      },
    ),
    { numRuns: 300, seed: 17 },
  );
});

test('a 64 MiB detail line and a 64 MiB chunked body stream through: sizes counted, memory flat', () => {
  const MiB = 1024 * 1024;
  const block = Buffer.alloc(MiB, 0x78); // 'x', no newline: one huge line
  const parser = createResultParser({ format: 'subunit-v1', attachments: { keep: 'all', capBytes: 1000 } });
  const before = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const feed = (b: Uint8Array): void => {
    parser.push(b);
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
  };
  feed(Buffer.from('time: 2014-08-15 10:34:49Z\ntest: big.simple\nfailure: big.simple [\n'));
  for (let i = 0; i < 64; i++) feed(block);
  feed(Buffer.from('\n]\ntest: big.multipart\nskip: big.multipart [ multipart\nContent-Type: text/plain;charset=utf8\nstdout\n'));
  feed(Buffer.from(`${(64 * MiB).toString(16)}\r\n`));
  for (let i = 0; i < 64; i++) feed(block);
  feed(Buffer.from('0\r\n]\n'));
  const r = parser.end();
  assert.deepEqual(r.damage, []);
  assert.deepEqual(
    r.tests.map((t) => [t.id, t.status, t.attachments.map((a) => [a.name, a.size, a.truncatedBytes, a.text.length])]),
    [
      ['big.simple', 'fail', [['traceback', 64 * MiB + 1, 64 * MiB + 1 - 1000, 1000]]],
      ['big.multipart', 'skip', [['stdout', 64 * MiB, 64 * MiB - 1000, 1000]]],
    ],
  );
  assert.ok(peak < 24 * MiB, `buffers grew by ${(peak / MiB).toFixed(1)} MiB for 128 MiB of attachments`);
});
