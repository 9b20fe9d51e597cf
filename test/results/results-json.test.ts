// `parse --to json` writes each test as it finishes (core/results/results-json.ts): the text must
// be exactly JSON.stringify(results, null, 2) of the whole run, whatever the format, the damage,
// and whether the file is read once or twice (the CRC worker's fallback).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createResultParser, parseResults } from '../../src/core/results/parse.ts';
import { ResultsJsonText } from '../../src/core/results/results-json.ts';
import { emptyCounts, finishedFromRecord, parseTestId, type TestRecord } from '../../src/core/results/model.ts';
import { writeJUnit } from '../../src/core/results/junit.ts';
import { encodePacket } from '../../src/core/results/subunit-v2.ts';
import { resultsJsonFile } from '../../src/stages/results.ts';
import { genInjury, genTest, injure, streamOf, type Injury } from '../helpers/streams.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const whole = (bytes: Uint8Array, options = {}): string => `${JSON.stringify(parseResults(bytes, options), null, 2)}\n`;

test('generated streams, clean and damaged, any chunking: the streamed JSON is the whole JSON', () => {
  fc.assert(
    fc.property(
      fc.array(genTest, { maxLength: 10 }),
      fc.nat(),
      fc.array(genInjury, { maxLength: 2 }),
      fc.integer({ min: 1, max: 400 }),
      fc.constantFrom('all' as const, 'failures' as const, 'none' as const),
      (tests, seed, injuries, chunk, keep) => {
        let bytes = streamOf(tests, seed);
        for (const inj of injuries) bytes = injure(bytes, inj);
        const options = { format: 'subunit-v2' as const, attachments: { keep, capBytes: 64 } };
        const json = new ResultsJsonText();
        const parser = createResultParser({ ...options, streamOnly: true, onFinished: (t) => json.add(t) });
        for (let i = 0; i < bytes.length; i += chunk) parser.push(bytes.subarray(i, i + chunk));
        assert.equal([...json.pieces(parser.endSummary())].join(''), whole(bytes, options));
      },
    ),
    { numRuns: 300, seed: 99 },
  );
});

test('a run of several batches (1,300 tests, unfinished ones at the end): the streamed JSON is the whole JSON', () => {
  const packets: Uint8Array[] = [];
  for (let i = 0; i < 1300; i++) {
    const testId = `tempest.api.t${i % 13}.T.test_${i}[id-${String(i).padStart(8, '0')}-1111-2222-3333-444444444444]`;
    packets.push(encodePacket({ testId, status: 'inprogress', tags: [`worker-${i % 3}`], timestamp: 1_700_000_000_000_000 + i * 1000 }));
    if (i % 100 !== 7) packets.push(encodePacket({ testId, status: i % 17 ? 'success' : 'fail', timestamp: 1_700_000_000_000_000 + i * 1000 + 500 }));
  }
  const bytes = Buffer.concat(packets);
  const json = new ResultsJsonText();
  const parser = createResultParser({ streamOnly: true, onFinished: (t) => json.add(t) });
  parser.push(bytes);
  const summary = parser.endSummary();
  assert.equal(summary.total, 1300);
  assert.equal([...json.pieces(summary)].join(''), whole(bytes));
});

test('strings a run repeats (tags, attributes, workers, route codes, attachment names and MIME types, durations), escaped or not and past the cache bound: the streamed JSON is the whole JSON', () => {
  // The writer makes each repeated string's JSON once (results-json.ts, Quoted): a cached text
  // given to the wrong string, or kept across a clear, would show here.
  const tags = ['worker-0', 'smoke', 'worker-1', 'a "quoted" tag', 'back\\slash', 'tab\there', 'worker-2'];
  const mimes = ['text/plain; charset="utf8"', 'text/plain;charset=utf8', 'application/x-"odd"'];
  const packets: Uint8Array[] = [];
  for (let i = 0; i < 3000; i++) {
    // attributes too (one list of them is made once, as a tag list is), and ids that need escapes
    const attrs = ['', '[smoke]', `[id-${String(i).padStart(8, '0')}-1111-2222-3333-444444444444,smoke,slow]`, '[a "b"]'][i % 4];
    const testId = i % 9 === 5 ? `tempest.api."t${i % 7}".T.test_${i}${attrs}` : `tempest.api.t${i % 7}.T.test_${i}${attrs}`;
    const start = 1_700_000_000_000_000 + i * 1000;
    const tagList = i % 5 === 4 ? [tags[i % tags.length]!, tags[(i + 1) % tags.length]!] : [tags[i % tags.length]!];
    const routeCode = i % 3 === 0 ? undefined : i % 3 === 1 ? '0' : 'r"1';
    packets.push(encodePacket({ testId, status: 'inprogress', tags: tagList, timestamp: start, routeCode }));
    // 1,500 names used once each (past the bound of 1,024 entries), the rest a few over and over
    const fileName = i % 2 ? `log-"${i}"` : ['traceback', 'reason', "pythonlogging:''"][i % 3]!;
    packets.push(
      encodePacket({ testId, fileName, mimeType: mimes[i % mimes.length]!, fileBytes: Buffer.from(`line ${i}\n`), timestamp: start + 1, routeCode }),
    );
    // durations: runs of one value, then another, now and then a new one
    const stop = start + (i % 11 === 0 ? 1 + (i % 997) : 500 + 250 * ((i >> 4) % 3));
    packets.push(encodePacket({ testId, status: i % 13 ? 'success' : 'fail', timestamp: stop, routeCode }));
  }
  const bytes = Buffer.concat(packets);
  for (const keep of ['all', 'failures', 'none'] as const) {
    const options = { attachments: { keep, capBytes: 64 } };
    const json = new ResultsJsonText();
    const parser = createResultParser({ ...options, streamOnly: true, onFinished: (t) => json.add(t) });
    parser.push(bytes);
    const summary = parser.endSummary();
    assert.equal(summary.total, 3000);
    assert.equal([...json.pieces(summary)].join(''), whole(bytes, options));
  }
});

test('every fixture (v2, v1, JUnit), and damaged copies read twice by the CRC fallback: the CLI JSON is the whole JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-json-'));
  try {
    const files = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.subunit'))
      .map((f) => join(FIXTURES, f));
    const v2 = files.find((f) => f.includes('local-tempest'))!;
    const xml = join(dir, 'run.xml');
    writeFileSync(xml, writeJUnit(parseResults(readFileSync(v2))));
    files.push(xml);
    const base = readFileSync(v2);
    const injuries: Injury[] = [
      { kind: 'flip', at: Math.floor(base.length / 2), xor: 0x20 },
      { kind: 'truncate', at: Math.floor(base.length * 0.8) },
    ];
    injuries.forEach((inj, i) => {
      const f = join(dir, `injured-${i}.subunit`);
      writeFileSync(f, injure(base, inj));
      files.push(f);
    });
    const formats = new Set<string>();
    for (const file of files) {
      const want = whole(readFileSync(file));
      formats.add(parseResults(readFileSync(file)).format);
      for (const crcWorkerMinBytes of [0, Infinity]) {
        const got = await resultsJsonFile(file, process.stdin, undefined, { crcWorkerMinBytes });
        assert.equal(Buffer.concat([...got.pieces].map((p) => Buffer.from(p))).toString('utf8'), want, `${file} (worker from ${crcWorkerMinBytes} bytes)`);
      }
    }
    assert.deepEqual([...formats].sort(), ['junit', 'subunit-v1', 'subunit-v2']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a passing test's one attachment without text, the same list test after test: one that differs in size, cut bytes or MIME type alone gets its own text", () => {
  // The writer makes such a list once per attachment name (results-json.ts, emptyAttachment):
  // a remembered list handed to an attachment that differs in any one field would show here.
  const base: TestRecord = {
    id: 'tempest.api.t.T.test_a[smoke]',
    ...parseTestId('tempest.api.t.T.test_a[smoke]'),
    status: 'success',
    tags: ['worker-0'],
    start: '2025-11-24T16:00:00.000000Z',
    stop: '2025-11-24T16:00:00.030000Z',
    duration: 0.03,
    worker: 'worker-0',
    routeCode: null,
    attachments: [],
  };
  const att = { name: "pythonlogging:''", contentType: 'text/plain', size: 100, truncatedBytes: 100, text: '' };
  const variants = [
    att,
    att,
    { ...att, size: 101 },
    { ...att, size: 101, truncatedBytes: 50 },
    { ...att, size: 101, truncatedBytes: 50, contentType: 'text/x-log' },
    att,
  ];
  const records = variants.map((a, i) => ({ ...base, id: `${base.id}${i}`, attachments: [{ ...a }] }));
  const json = new ResultsJsonText();
  for (const r of records) json.add(finishedFromRecord(r, true));
  const summary = { format: 'subunit-v2' as const, total: 0, counts: emptyCounts(), start: null, stop: null, workers: 0, problems: [], damage: [] };
  const doc = JSON.parse([...json.pieces(summary)].join('')) as { tests: TestRecord[] };
  assert.deepEqual(
    doc.tests.map((t) => t.attachments),
    records.map((r) => r.attachments),
  );
});
