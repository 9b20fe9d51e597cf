// Fuzz: every result reader (subunit v2, subunit v1, JUnit XML, results JSON, format detection)
// on edits of real streams, random bytes and random chunkings. Bad input is a UserError or
// damage kept in the results (the good records), never another exception; no case hangs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createResultParser, parseResults } from '../../src/core/results/parse.ts';
import { writeJUnit } from '../../src/core/results/junit.ts';
import { resultsFromBytes } from '../../src/core/compare/baseline.ts';
import { genV1Test, v1StreamOf } from '../helpers/streams-v1.ts';
import { chunked, fuzz, mutated, mutatedText, reads, splits } from './harness.ts';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/subunit/${name}`, import.meta.url)));
const V2 = [
  fixture('stestr-failure.subunit'),
  fixture('stestr-successful.subunit'),
  fixture('tempest-describe-calls.subunit'),
  fixture('stackviz-tempest.subunit'),
];
const V1 = readFileSync(new URL('../fixtures/subunit/refstack-client-testrepository-0.v1.subunit', import.meta.url), 'utf8');
// A small real report (a few KB): the edits matter, not the size, and CI time stays low.
const JUNIT = writeJUnit(parseResults(V2[2]!));
const RESULTS_JSON = JSON.stringify(parseResults(V2[2]!));
const enc = new TextEncoder();

/** Parse chunk by chunk with a format (or detected), then check what a verb relies on. */
function parse(bytes: Uint8Array, sizes: readonly number[], options: { format?: 'subunit-v2' | 'subunit-v1' | 'junit'; summary?: boolean } = {}): 'ok' | 'bad' {
  return reads(() => {
    const p = createResultParser({ source: 'fuzz', attachments: { keep: 'failures', capBytes: 4096 }, ...(options.format ? { format: options.format } : {}) });
    for (const c of chunked(bytes, sizes)) p.push(c);
    if (options.summary) {
      const s = p.endSummary();
      assert.ok(Number.isInteger(s.total) && s.total >= 0);
      return;
    }
    const r = p.end();
    assert.ok(Array.isArray(r.tests));
    for (const d of r.damage) assert.ok(Number.isInteger(d.offset) && d.offset >= 0 && d.offset <= bytes.length, `damage offset ${d.offset}`);
    JSON.stringify(r);
  });
}

test('subunit v2: edits of real streams, any chunking, detected or forced', { timeout: 120_000 }, async () => {
  await fuzz(
    'subunit v2 (edited real streams)',
    fc.tuple(
      fc.constantFrom(...V2).chain((b) => mutated(b)),
      splits,
      fc.boolean(),
    ),
    1200,
    ([b, s, summary]) => parse(b, s, { summary }),
  );
  await fuzz('subunit v2 (forced, random bytes)', fc.tuple(fc.uint8Array({ maxLength: 2048 }), splits), 500, ([b, s]) => parse(b, s, { format: 'subunit-v2' }));
});

test('subunit v1: edits of a real stream and of generated ones, keywords inserted', { timeout: 120_000 }, async () => {
  const tokens = [
    'test: ',
    'success: ',
    'failure: ',
    'error: ',
    'skip: ',
    'xfail: ',
    'uxsuccess: ',
    ' [\n',
    ']\n',
    ' [ multipart\n',
    'time: 2026-01-01 00:00:00Z\n',
    'tags: a -b\n',
    'progress: +3\n',
    '\n',
    '\r\n',
  ];
  await fuzz('subunit v1 (edited real stream)', fc.tuple(mutatedText(V1, tokens, 10), splits), 700, ([t, s]) =>
    parse(enc.encode(t), s, { format: 'subunit-v1' }),
  );
  await fuzz(
    'subunit v1 (edited generated streams, detected)',
    fc.tuple(
      fc.array(genV1Test, { maxLength: 5 }).chain((tests) => mutatedText(v1StreamOf(tests), tokens)),
      splits,
    ),
    500,
    ([t, s]) => parse(enc.encode(t), s),
  );
});

test('JUnit XML: edits of a real report (tags, entities, nesting), any chunking', { timeout: 120_000 }, async () => {
  const tokens = [
    '<testcase name="x" classname="a.B">',
    '</testcase>',
    '<testsuite>',
    '</testsuite>',
    '<failure>',
    '</failure>',
    '<skipped/>',
    '&amp;',
    '&#0;',
    '&x;',
    '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    '<![CDATA[',
    ']]>',
    '<!--',
    '-->',
    '"',
    '<',
    '>',
    'time="1e999"',
    'time="-1"',
  ];
  await fuzz('JUnit XML (edited real report)', fc.tuple(mutatedText(JUNIT, tokens, 8), splits, fc.boolean()), 800, ([t, s, detect]) =>
    parse(enc.encode(t), s, detect ? {} : { format: 'junit' }),
  );
  await fuzz('JUnit XML (deep nesting)', fc.integer({ min: 1, max: 1500 }), 20, (depth) =>
    parse(enc.encode(`<testsuites>${'<testsuite>'.repeat(depth)}<testcase name="t" classname="c"/>${'</testsuite>'.repeat(depth)}</testsuites>`), [], {
      format: 'junit',
    }),
  );
});

test('results JSON: edits of a real one and random JSON values', { timeout: 120_000 }, async () => {
  const tokens = [
    '"status": "success"',
    '"status": 7',
    '"tests": null',
    '"tests": [{}]',
    'null',
    '{',
    '}',
    '[',
    ']',
    ',',
    '"schema": "tempest-gate/results@1"',
    '1e999',
    '-0',
    '"\\ud800"',
  ];
  await fuzz('results JSON (edited real file)', mutatedText(RESULTS_JSON, tokens, 6), 700, (t) => reads(() => resultsFromBytes(enc.encode(t), 'fuzz.json')));
  const schema = (JSON.parse(RESULTS_JSON) as { schema: string }).schema;
  await fuzz(
    'results JSON (random values under the schema)',
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
    400,
    (extra) => reads(() => resultsFromBytes(enc.encode(JSON.stringify({ schema, tests: [], ...extra })), 'fuzz.json')),
  );
  await fuzz('results JSON (through the detecting reader)', mutatedText(RESULTS_JSON, tokens, 3), 200, (t) => parse(enc.encode(t), []));
});

test('format detection: any bytes, any chunking, the same answer', { timeout: 120_000 }, async () => {
  const heads = [V2[0]!.subarray(0, 64), enc.encode(V1.slice(0, 64)), enc.encode(JUNIT.slice(0, 64)), enc.encode('WARNING\n'), enc.encode('\ufeff<?xml ')];
  await fuzz(
    'format detection (prefixes and random bytes)',
    fc.tuple(fc.constantFrom(...heads), fc.uint8Array({ maxLength: 256 }), splits),
    600,
    ([head, tail, s]) => {
      const bytes = new Uint8Array([...head, ...tail]);
      const outcome = (sizes: readonly number[]): string => {
        try {
          const p = createResultParser({ source: 'fuzz' });
          for (const c of chunked(bytes, sizes)) p.push(c);
          return `${p.end().format}`;
        } catch (err) {
          return (err as Error).message;
        }
      };
      const whole = outcome([]);
      assert.equal(outcome(s), whole, 'chunking changed the answer');
      return parse(bytes, s);
    },
  );
});
