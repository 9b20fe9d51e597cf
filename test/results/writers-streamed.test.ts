// `parse --to junit` and `--to json` write each test as it finishes, through a spool (memory, then
// an unlinked temporary file), or for JSON into a file straight into it, and make no record of a
// passing test. The output must be
// byte for byte what the writers made before from the whole run: the old JUnit writer is kept in
// test/results/old-junit-writer.ts, and the old JSON was JSON.stringify(results, null, 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createResultParser, parseResults } from '../../src/core/results/parse.ts';
import { JUnitWriter, writeJUnit } from '../../src/core/results/junit.ts';
import { ResultsJsonWriter } from '../../src/core/results/results-json.ts';
import { junitFile, resultsJsonFile, writeResultsJsonFile } from '../../src/stages/results.ts';
import { Spool } from '../../src/edges/spool.ts';
import { oldWriteJUnit } from './old-junit-writer.ts';
import { genInjury, genTest, injure, streamOf, type GenTest } from '../helpers/streams.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const wholeJson = (bytes: Uint8Array, options = {}): string => `${JSON.stringify(parseResults(bytes, options), null, 2)}\n`;
const text = (pieces: Iterable<string | Uint8Array>): string => Buffer.concat([...pieces].map((p) => Buffer.from(p))).toString('utf8');

/** Ids with every character either writer escapes: quotes, backslashes, controls, ']]>', '&', '<', lone surrogates. */
const nastyId = fc
  .string({
    unit: fc.constantFrom('a', '.', '"', '\\', '\n', '\t', '\u0001', ']', ']]>', '&', '<', '>', '[', '(', ')', '\ud800', '😀', 'é'),
    minLength: 1,
    maxLength: 20,
  })
  .map((s) => `tempest.api.${s}`);
const genAnyTest: fc.Arbitrary<GenTest> = fc.oneof(
  genTest,
  fc.tuple(genTest, nastyId).map(([t, id]) => ({ ...t, id })),
);

test('generated streams, clean and damaged, any chunking and attachment policy: streamed JUnit and JSON are the old whole-run output', () => {
  fc.assert(
    fc.property(
      fc.array(genAnyTest, { maxLength: 12 }),
      fc.nat(),
      fc.array(genInjury, { maxLength: 2 }),
      fc.integer({ min: 1, max: 400 }),
      fc.constantFrom('all' as const, 'failures' as const, 'none' as const),
      (tests, seed, injuries, chunk, keep) => {
        let bytes = streamOf(tests, seed);
        for (const inj of injuries) bytes = injure(bytes, inj);
        const options = { format: 'subunit-v2' as const, attachments: { keep, capBytes: 64 } };
        const junit = new JUnitWriter();
        const json = new ResultsJsonWriter();
        const cases: string[] = [];
        const records: string[] = [];
        const parser = createResultParser({
          ...options,
          streamOnly: true,
          onFinished: (t) => {
            cases.push(junit.add(t));
            records.push(json.add(t));
          },
        });
        for (let i = 0; i < bytes.length; i += chunk) parser.push(bytes.subarray(i, i + chunk));
        const summary = parser.endSummary();
        const whole = parseResults(bytes, options);
        assert.equal(`${junit.head()}${cases.join('')}${junit.tail()}`, oldWriteJUnit(whole));
        assert.equal(writeJUnit(whole), oldWriteJUnit(whole));
        assert.equal(`${json.head(summary.format)}${records.join('')}${json.tail(summary)}`, wholeJson(bytes, options));
      },
    ),
    { numRuns: 400, seed: 1616 },
  );
});

test('every fixture and damaged copies, read once or twice (CRC worker), spool in memory or on disk: the files are the old output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-writers-'));
  try {
    const files = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.subunit'))
      .map((f) => join(FIXTURES, f));
    const v2 = readFileSync(files.find((f) => f.includes('local-tempest'))!);
    const xml = join(dir, 'run.xml');
    writeFileSync(xml, oldWriteJUnit(parseResults(v2)));
    files.push(xml);
    // A generated run big enough for several spool buffers, with failures and skips.
    const big: GenTest[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `tempest.api.t${i % 13}.T.test_${i}[id-${String(i).padStart(8, '0')}-1111-2222-3333-444444444444,smoke]`,
      status: i % 17 === 0 ? 'fail' : i % 23 === 0 ? 'skip' : 'success',
      worker: i % 4,
      tags: [],
      route: undefined,
      files: i % 5 === 0 ? [{ name: i % 17 === 0 ? 'traceback' : 'reason', mime: 'text/plain;charset=utf8', chunks: [`line ${i}\n`.repeat(40)] }] : [],
      start: 1_700_000_000_000_000 + i * 1000,
      durationUs: 500 + i,
      finished: i % 101 !== 0,
    }));
    const bigFile = join(dir, 'big.subunit');
    const bigStream = streamOf(big, 7);
    writeFileSync(bigFile, bigStream);
    files.push(bigFile);
    // Damaged late: a first pass writes megabytes of output before the second starts again.
    const bigInjured = join(dir, 'big-injured.subunit');
    writeFileSync(bigInjured, injure(bigStream, { kind: 'flip', at: Math.floor(bigStream.length * 0.9), xor: 0x20 }));
    files.push(bigInjured);
    // Our own results JSON read back: its format is known only once it is read whole.
    const resultsJson = join(dir, 'big.json');
    writeFileSync(resultsJson, wholeJson(bigStream));
    files.push(resultsJson);
    for (const [i, at] of [0.5, 0.8].entries()) {
      const f = join(dir, `injured-${i}.subunit`);
      writeFileSync(
        f,
        injure(v2, i === 0 ? { kind: 'flip', at: Math.floor(v2.length * at), xor: 0x20 } : { kind: 'truncate', at: Math.floor(v2.length * at) }),
      );
      files.push(f);
    }
    for (const file of files) {
      const bytes = readFileSync(file);
      const wantXml = oldWriteJUnit(parseResults(bytes));
      const wantJson = wholeJson(bytes);
      for (const crcWorkerMinBytes of [0, Infinity]) {
        for (const spoolMemoryBytes of [0, 4 << 20]) {
          const where = `${file} (worker from ${crcWorkerMinBytes} bytes, spool ${spoolMemoryBytes})`;
          const x = await junitFile(file, process.stdin, undefined, { crcWorkerMinBytes, spoolMemoryBytes });
          assert.equal(text(spoolMemoryBytes ? x.pieces : x.transientPieces), wantXml, `junit ${where}`);
          const j = await resultsJsonFile(file, process.stdin, undefined, { crcWorkerMinBytes, spoolMemoryBytes });
          assert.equal(text(spoolMemoryBytes ? j.transientPieces : j.pieces), wantJson, `json ${where}`);
        }
        // Straight into the output file (`parse --to json -o`): a damaged file read twice empties it first.
        const outDir = join(dir, 'out');
        const out = join(outDir, 'results.json');
        const summary = await writeResultsJsonFile(file, process.stdin, undefined, { crcWorkerMinBytes }, out);
        assert.equal(readFileSync(out, 'utf8'), wantJson, `json into its file: ${file} (worker from ${crcWorkerMinBytes} bytes)`);
        assert.equal(summary?.total, parseResults(bytes).tests.length);
        assert.deepEqual(readdirSync(outDir), ['results.json'], 'no partial file is left');
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the spool keeps text in order across buffers, memory and disk, and starts again on reset', () => {
  // short pieces too, as many as a run's elements (the spool joins them before it encodes them)
  const short = Array.from({ length: 30_000 }, (_, i) => (i % 7 === 0 ? `<t${i} é日/>\n` : `<testcase n="${i}"/>\n`));
  const pieces = ['', 'a', 'é日😀', 'x'.repeat(1 << 20), 'tail\n', ...short, 'ü'.repeat(400_000), ...short.slice(0, 500), 'end'];
  for (const limit of [0, 1 << 10, 64 << 20]) {
    for (const reuse of [false, true]) {
      const spool = new Spool(limit);
      spool.write('dropped');
      spool.write('z'.repeat(3 << 20));
      spool.write('dropped too'); // not yet encoded when reset comes
      spool.reset();
      for (const p of pieces) spool.write(p);
      assert.equal(spool.size, Buffer.byteLength(pieces.join('')));
      assert.equal(spool.onDisk, limit < spool.size);
      const got: Buffer[] = [];
      for (const chunk of spool.drain(reuse, 1000)) got.push(Buffer.from(chunk)); // copied as it comes: with reuse, a chunk lasts until the next
      assert.equal(Buffer.concat(got).toString('utf8'), pieces.join(''), `limit ${limit}, reuse ${reuse}`);
      assert.equal(spool.size, 0);
    }
  }
});

test('results JSON straight into its file: an input that is no result file leaves the old file and no partial one; a device is written through the spool', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-json-out-'));
  try {
    const out = join(dir, 'results.json');
    writeFileSync(out, 'the old results\n');
    const readme = join(dir, 'README.md');
    writeFileSync(readme, '# not results\n\nJust a page of text.\n');
    await assert.rejects(writeResultsJsonFile(readme, process.stdin, undefined, {}, out), /README\.md: not a result file/);
    assert.equal(readFileSync(out, 'utf8'), 'the old results\n');
    assert.deepEqual(readdirSync(dir).sort(), ['README.md', 'results.json']);
    // Not a regular file's place: the caller writes it as it is (it could not be emptied for a second pass).
    assert.equal(await writeResultsJsonFile(readme, process.stdin, undefined, {}, '/dev/null'), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
