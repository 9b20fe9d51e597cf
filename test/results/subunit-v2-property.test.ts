// Property tests: generated streams, clean and damaged at random offsets, read by us and by
// python-subunit (the oracle) must give the same tests; damage is recorded, never fatal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createResultParser, parseResults } from '../../src/core/results/parse.ts';
import { summarize } from '../../src/core/results/model.ts';
import { encodePacket } from '../../src/core/results/subunit-v2.ts';
import { ours, requireOracle, runOracle } from '../helpers/oracle.ts';
import { framedStreamOf, genInjury, genTest, injure, streamOf, type Injury } from '../helpers/streams.ts';

const KEEP_ALL = { format: 'subunit-v2' as const, attachments: { keep: 'all' as const, capBytes: 1 << 30 } };

interface Case {
  bytes: Uint8Array;
  injuries: Injury[];
}

const genCase = fc
  .record({ tests: fc.array(genTest, { minLength: 0, maxLength: 12 }), seed: fc.nat(), injuries: fc.array(genInjury, { maxLength: 3 }) })
  .map(({ tests, seed, injuries }): Case => {
    let bytes = streamOf(tests, seed);
    for (const inj of injuries) bytes = injure(bytes, inj);
    return { bytes, injuries };
  });

test('generated streams, clean and damaged, agree with python-subunit test by test', () => {
  requireOracle();
  const cases = fc.sample(genCase, { numRuns: 400, seed: 20261125 });
  const dir = mkdtempSync(join(tmpdir(), 'tg-prop-'));
  try {
    const files = cases.map((c, i) => {
      const f = join(dir, `${i}.subunit`);
      writeFileSync(f, c.bytes);
      return f;
    });
    const oracle = runOracle(files);
    let damaged = 0;
    let compared = 0;
    cases.forEach((c, i) => {
      const expected = oracle[i]!;
      // python-subunit itself crashes on a few malformed packets (struct.error); nothing to compare.
      if (expected.crashed !== null) return;
      const got = parseResults(c.bytes, KEEP_ALL);
      const context = `case ${i} (injuries ${JSON.stringify(c.injuries)}), file ${files[i]}`;
      assert.deepEqual(ours(got), expected.tests, context);
      // Every packet python-subunit rejected is a damage record for us (we also report garbage bytes).
      const packetDamage = got.damage.filter((d) => d.kind !== 'garbage');
      assert.equal(packetDamage.length, expected.parser_errors.length, context);
      if (got.damage.length) damaged++;
      compared++;
    });
    assert.ok(compared >= 380, `compared ${compared} of ${cases.length}`);
    console.log(`compared ${compared} streams with python-subunit, ${damaged} of them damaged`);
    assert.ok(damaged >= 150, `only ${damaged} damaged streams were exercised`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('any chunking of a stream gives the same results as reading it whole', () => {
  fc.assert(
    fc.property(genCase, fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }), (c, sizes) => {
      const whole = parseResults(c.bytes, KEEP_ALL);
      const parser = createResultParser(KEEP_ALL);
      let pos = 0;
      let k = 0;
      while (pos < c.bytes.length) {
        const size = sizes[k++ % sizes.length] as number;
        parser.push(c.bytes.subarray(pos, pos + size));
        pos += size;
      }
      assert.deepEqual(parser.end(), whole);
    }),
    { numRuns: 200, seed: 7 },
  );
});

test('chunks pushed through one reused buffer (transient) give the same results, and the same summary', () => {
  fc.assert(
    fc.property(
      genCase,
      fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }),
      fc.constantFrom('all' as const, 'failures' as const),
      (c, sizes, keep) => {
        const options = { format: 'subunit-v2' as const, attachments: { keep, capBytes: 1 << 30 } };
        const whole = parseResults(c.bytes, options);
        const buffer = new Uint8Array(300);
        const feed = (parser: ReturnType<typeof createResultParser>): void => {
          let pos = 0;
          let k = 0;
          while (pos < c.bytes.length) {
            const size = Math.min(sizes[k++ % sizes.length] as number, c.bytes.length - pos);
            buffer.set(c.bytes.subarray(pos, pos + size));
            parser.push(buffer.subarray(0, size), true);
            // What a reused read buffer does next: any view the parser kept now reads other bytes.
            buffer.fill(0xb3);
            pos += size;
          }
        };
        const parser = createResultParser(options);
        feed(parser);
        assert.deepEqual(parser.end(), whole);
        const summarizing = createResultParser({ ...options, summaryOnly: true });
        feed(summarizing);
        assert.deepEqual(summarizing.endSummary(), summarize(whole));
      },
    ),
    { numRuns: 300, seed: 8 },
  );
});

/** Packets read one at a time through one reused buffer, filled with `fill` after each (what a reused read buffer does to any view kept). */
function packetByPacket(packets: readonly Uint8Array[], options: Parameters<typeof createResultParser>[0], fill: number) {
  const parser = createResultParser(options);
  const buffer = new Uint8Array(4096);
  for (const p of packets) {
    buffer.set(p);
    parser.push(buffer.subarray(0, p.length), true);
    buffer.fill(fill);
  }
  return parser.end();
}

test('through a reused buffer, an empty string after a chunk boundary is empty (not the last string remembered)', () => {
  const packets = [
    encodePacket({ testId: 'tempest.a.T.test_1', status: 'inprogress', tags: ['worker-1'], routeCode: '0' }),
    encodePacket({ testId: 'tempest.a.T.test_1', status: 'success', tags: ['worker-1'], routeCode: '0' }),
    encodePacket({ testId: '', status: 'inprogress', tags: [''], routeCode: '' }),
    encodePacket({ testId: '', status: 'fail', tags: [''], routeCode: '' }),
  ];
  const options = { format: 'subunit-v2' as const, attachments: { keep: 'all' as const, capBytes: 1 << 30 } };
  const whole = parseResults(Buffer.concat(packets), options);
  assert.deepEqual(
    whole.tests.map((x) => [x.id, x.tags, x.routeCode]),
    [
      ['tempest.a.T.test_1', ['worker-1'], '0'],
      ['', [''], ''],
    ],
  );
  assert.deepEqual(packetByPacket(packets, options, 0), whole);
});

test('a stream cut anywhere keeps exactly the tests of its whole packets, and says where it was cut', () => {
  fc.assert(
    fc.property(fc.array(genTest, { minLength: 1, maxLength: 10 }), fc.nat(), (tests, cut) => {
      const { bytes, ends } = framedStreamOf(tests, 3);
      const at = cut % (bytes.length + 1);
      const whole = ends.filter((e) => e <= at).at(-1) ?? 0;
      const truncated = parseResults(bytes.subarray(0, at), KEEP_ALL);
      const packetsOnly = parseResults(bytes.subarray(0, whole), KEEP_ALL);
      assert.deepEqual(truncated.tests, packetsOnly.tests);
      assert.equal(packetsOnly.damage.length, 0);
      if (at > whole) {
        assert.equal(truncated.damage.length, 1);
        assert.equal(truncated.damage[0]!.kind, 'truncated');
        assert.equal(truncated.damage[0]!.offset, whole);
      } else assert.equal(truncated.damage.length, 0);
    }),
    { numRuns: 300, seed: 11 },
  );
});

test('a string one byte off the one remembered (same length, same tag slot) reads as itself, at every position', () => {
  // The decoder compares a repeated test id, tag or route code in place with the last one seen
  // (tags by a slot chosen from the length and last byte, ids eight bytes at a time): a change in
  // any one byte, at any length around the word sizes, must be seen.
  const expected: [string, string[], string][] = [];
  const packets: Uint8Array[] = [];
  for (let n = 1; n <= 41; n++) {
    const base = Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join('');
    for (let i = 0; i < n; i++) {
      for (const ch of ['Z', 'é']) {
        if (ch === 'é' && i !== n - 1) continue; // a two-byte tail: the length changes, the slot may not
        const variant = base.slice(0, i) + ch + base.slice(i + 1);
        for (const s of [base, variant, base]) {
          const id = `t.${s}`;
          packets.push(encodePacket({ testId: id, status: 'inprogress', tags: [s], routeCode: s }));
          packets.push(encodePacket({ testId: id, status: 'success', tags: [s], routeCode: s }));
          expected.push([id, [s], s]);
        }
      }
    }
  }
  const bytes = Buffer.concat(packets);
  const options = { format: 'subunit-v2' as const, attachments: { keep: 'all' as const, capBytes: 1 << 30 } };
  const got = parseResults(bytes, options).tests.map((x) => [x.id, x.tags, x.routeCode]);
  // the same test id finished more than once is one record per run of it: compare in order
  assert.equal(got.length, expected.length);
  assert.deepEqual(got, expected);
  // and through one reused buffer, a packet at a time
  assert.deepEqual(
    packetByPacket(packets, options, 0x61).tests.map((x) => [x.id, x.tags, x.routeCode]),
    expected,
  );
});
