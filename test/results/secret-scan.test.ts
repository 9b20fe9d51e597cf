// The secret check of what the Action uploads: a secret is found wherever a reader of the file
// would see it (a file's content cut across subunit packets, XML/HTML references and CDATA, JSON
// escapes, gzip), and a file that holds none is not flagged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { findSecrets, scanFormatOf, MIN_SECRET_LENGTH } from '../../src/core/results/secret-scan.ts';
import { parseResults } from '../../src/core/results/parse.ts';
import { writeJUnit } from '../../src/core/results/junit.ts';
import { escapeHtml } from '../../src/core/render/report-html.ts';
import { encodePacket } from '../../src/core/results/subunit-v2.ts';
import { filePackets, genInjury, genTest, injure, streamOf, streamWith } from '../helpers/streams.ts';
import { genV1Test, v1StreamOf, type V1Test } from '../helpers/streams-v1.ts';

const enc = new TextEncoder();
const DECOY = 'decoy-value-never-written';
// The characters every escaping form treats specially, and multi-byte ones (a packet boundary can
// fall inside a character).
const genSecret = fc.string({ unit: fc.constantFrom(...'Pw9xQ-_&<>"\'\\]'.split(''), ']]>', 'ü', '日', '😀'), minLength: MIN_SECRET_LENGTH, maxLength: 14 });
const bytesHold = (b: Uint8Array, s: string): boolean => Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes(Buffer.from(s));
const concat = (...parts: (string | Uint8Array)[]): Uint8Array => Buffer.concat(parts.map((p) => (typeof p === 'string' ? enc.encode(p) : p)));

test('subunit v2: a secret cut at every byte boundary of an attachment, among other tests, is found', () => {
  let cases = 0;
  let missedByBytes = 0;
  fc.assert(
    fc.property(
      genSecret,
      fc.array(genTest, { maxLength: 5 }),
      fc.nat(),
      fc.boolean(),
      fc.array(fc.nat(), { maxLength: 3 }),
      (secret, others, seed, withId, extra) => {
        const s = enc.encode(secret);
        const prefix = enc.encode('keystoneauth1.exceptions.http.Unauthorized: password=');
        const content = concat(prefix, s, '\nend of traceback');
        for (let k = 1; k < s.length; k++) {
          const packets = filePackets({
            ...(withId ? { testId: 'tempest.api.identity.test_leak.T.test_leak' } : {}),
            fileName: 'traceback',
            mimeType: 'text/x-traceback; charset="utf8"; language="python"',
            content,
            cuts: [prefix.length + k, ...extra.map((c) => c % content.length)],
          });
          const stream = streamWith(others, [packets], seed);
          cases++;
          if (!bytesHold(stream, secret)) missedByBytes++;
          const r = findSecrets(stream, 'auto', [DECOY, secret]);
          assert.deepEqual(r.found, [1], `cut at byte ${k} of the secret`);
          assert.deepEqual(r.readAs, ['subunit-v2']);
        }
      },
    ),
    { numRuns: 120, seed: 20261201 },
  );
  // The packet headers between the pieces: a byte search misses every one of these.
  assert.equal(missedByBytes, cases, `${cases} cases`);
  assert.ok(cases > 500, `${cases} cases`);
});

test('subunit v2: a secret in bytes outside packets, cut by a packet, is found (python-subunit passes them through as one text)', () => {
  const packet = encodePacket({ testId: 'tempest.api.T.test_a', status: 'success', timestamp: 1_700_000_000_000_000 });
  const stream = concat('stray output: Pw-se', packet, 'cret-9931\n', packet);
  assert.ok(!bytesHold(stream, 'Pw-secret-9931'));
  assert.deepEqual(findSecrets(stream, 'auto', ['Pw-secret-9931']).found, [0]);
});

test('subunit v1: a secret cut across the HTTP chunks of a multipart detail is found', () => {
  let cases = 0;
  fc.assert(
    fc.property(genSecret, fc.array(genV1Test, { maxLength: 3 }), (secret, others) => {
      const points = Array.from(secret);
      for (let k = 1; k < points.length; k++) {
        const leak: V1Test = {
          id: 'tempest.api.identity.test_leak.T.test_leak',
          startWord: 'test:',
          outcome: 'failure',
          colon: true,
          details: {
            kind: 'multipart',
            parts: [
              {
                mime: 'text/x-traceback;charset=utf8',
                name: 'traceback',
                chunks: [`password=${points.slice(0, k).join('')}`, `${points.slice(k).join('')}\n`],
              },
            ],
          },
          globalTags: [],
          testTags: [],
          progress: null,
          startTime: null,
          endTime: null,
          noise: null,
          cut: 'none',
        };
        // The leak first: a later test's cut must not end the stream before it.
        const stream = enc.encode(v1StreamOf([leak, ...others.map((t) => ({ ...t, cut: 'none' as const }))]));
        cases++;
        assert.ok(!bytesHold(stream, secret), 'the chunk header sits inside the secret');
        assert.deepEqual(findSecrets(stream, 'auto', [DECOY, secret]).found, [1], `cut at code point ${k}`);
      }
    }),
    { numRuns: 60, seed: 20261202 },
  );
  assert.ok(cases > 150, `${cases} cases`);
});

// JUnit: every way XML can spell a character, and CDATA cut anywhere.
type Form = 'literal' | 'named' | 'decimal' | 'hex';
const NAMES: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };
const genForms = fc.array(fc.record({ form: fc.constantFrom<Form>('literal', 'named', 'decimal', 'hex'), zeros: fc.nat(2), upper: fc.boolean() }), {
  minLength: 30,
  maxLength: 30,
});

function spell(points: string[], forms: { form: Form; zeros: number; upper: boolean }[], inAttr: boolean): string {
  return points
    .map((c, i) => {
      const f = forms[i % forms.length]!;
      const cp = c.codePointAt(0)!;
      // `>` too: a literal `]]>` is not allowed in text.
      const must = c === '&' || c === '<' || c === '>' || (inAttr && c === '"');
      const form = f.form === 'literal' && must ? 'named' : f.form;
      if (form === 'literal') return c;
      if (form === 'named') return NAMES[c] ? `&${NAMES[c]};` : `&#${cp};`;
      if (form === 'decimal') return `&#${'0'.repeat(f.zeros)}${cp};`;
      const hex = cp.toString(16);
      return `&#${f.upper ? 'X' : 'x'}${'0'.repeat(f.zeros)}${f.upper ? hex.toUpperCase() : hex};`;
    })
    .join('');
}

/** Text content: pieces cut at `cuts`, each either CDATA (a `]]>` inside split across two sections) or spelled with references. */
function textContent(points: string[], cuts: number[], cdata: boolean[], forms: { form: Form; zeros: number; upper: boolean }[]): string {
  const bounds = [0, ...[...new Set(cuts.map((c) => c % (points.length + 1)))].sort((a, b) => a - b), points.length];
  let out = '';
  for (let i = 0; i + 1 < bounds.length; i++) {
    const piece = points.slice(bounds[i], bounds[i + 1]);
    if (piece.length === 0) continue;
    out += cdata[i % cdata.length] ? `<![CDATA[${piece.join('').replaceAll(']]>', ']]]]><![CDATA[>')}]]>` : spell(piece, forms, false);
  }
  return out;
}

type Place = 'failure' | 'system-out' | 'message' | 'name' | 'property';

function junitWith(place: Place, text: string, attr: string): string {
  const body = place === 'failure' ? text : 'Traceback (most recent call last):';
  const out = place === 'system-out' ? `<system-out>${text}</system-out>` : '';
  const message = place === 'message' ? attr : 'auth failed';
  const name = place === 'name' ? `test_x[${attr}]` : 'test_x';
  const props = place === 'property' ? `<properties><property name="os_password" value="${attr}"/></properties>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="tempest" tests="2">${props}
  <testcase classname="tempest.api.compute.T" name="test_ok" time="0.1"/>
  <testcase classname="tempest.api.compute.T" name="${name}" time="1.0"><failure message="${message}">${body}</failure>${out}</testcase>
</testsuite></testsuites>
`;
}

/** Every string fast-xml-parser decodes from a document: the oracle for what the document says. */
function xmlStrings(xml: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(
    new XMLParser({
      ignoreAttributes: false,
      htmlEntities: true,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      cdataPropName: false,
    }).parse(xml),
  );
  return out;
}

test('JUnit: a secret spelled with entities, decimal and hex references, or cut across CDATA sections, is found wherever it sits', () => {
  let cases = 0;
  let missedByBytes = 0;
  fc.assert(
    fc.property(
      genSecret,
      fc.constantFrom<Place>('failure', 'system-out', 'message', 'name', 'property'),
      genForms,
      fc.array(fc.nat(), { maxLength: 4 }),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      fc.boolean(),
      (secret, place, forms, cuts, cdata, gz) => {
        const points = Array.from(secret);
        const xml = junitWith(place, textContent(points, cuts, cdata, forms), spell(points, forms, true));
        // The document really says the secret (read by fast-xml-parser, not by the code under test).
        if (place === 'message' || place === 'property') assert.ok(xmlStrings(xml).includes(secret), xml);
        else if (place === 'name')
          assert.ok(
            xmlStrings(xml).some((s) => s.includes(secret)),
            xml,
          );
        else
          assert.ok(
            xmlStrings(xml).some((s) => s.includes(secret)) ||
              parseResults(enc.encode(xml), { format: 'junit' }).tests.some((t) => t.attachments.some((a) => a.text.includes(secret))),
            xml,
          );
        const bytes = gz ? gzipSync(xml) : enc.encode(xml);
        cases++;
        if (!bytesHold(bytes, secret)) missedByBytes++;
        const r = findSecrets(bytes, 'auto', [DECOY, secret]);
        assert.deepEqual(r.found, [1], xml);
        assert.deepEqual(r.readAs, gz ? ['gzip', 'junit'] : ['junit']);
      },
    ),
    { numRuns: 400, seed: 20261203 },
  );
  assert.ok(missedByBytes > cases * 0.7, `a byte search missed only ${missedByBytes} of ${cases}`);
});

test('JUnit written by the project (escaped, `]]>` split): the secret in a traceback is found', () => {
  const secret = 'a&b<c>"d]]>e';
  const stream = concat(
    encodePacket({ testId: 'tempest.api.T.test_leak', status: 'inprogress', timestamp: 1_700_000_000_000_000 }),
    encodePacket({
      testId: 'tempest.api.T.test_leak',
      fileName: 'traceback',
      mimeType: 'text/plain; charset="utf8"',
      fileBytes: enc.encode(`password ${secret}`),
      eof: true,
    }),
    encodePacket({ testId: 'tempest.api.T.test_leak', status: 'fail', timestamp: 1_700_000_001_000_000 }),
  );
  const xml = enc.encode(writeJUnit(parseResults(stream, { attachments: { keep: 'all', capBytes: 1 << 20 } })));
  assert.ok(!bytesHold(xml, secret), 'escaped in the XML');
  assert.deepEqual(findSecrets(xml, 'auto', [secret]).found, [0]);
});

test('JUnit: text the reader joins across a child element (mixed content) is found through the reader', () => {
  const xml = enc.encode('<testsuite><testcase classname="c" name="t"><system-out>Pw-e2e-<x/>Cloud-9931</system-out></testcase></testsuite>');
  assert.ok(
    parseResults(xml, { format: 'junit', attachments: { keep: 'all', capBytes: 1 << 20 } }).tests[0]?.attachments[0]?.text.includes('Pw-e2e-Cloud-9931'),
    'the reader joins it',
  );
  assert.deepEqual(findSecrets(xml, 'auto', ['Pw-e2e-Cloud-9931']).found, [0]);
});

test("gzip: a planted secret is found through one or more gzip layers and members, and in a gzip'd attachment", () => {
  fc.assert(
    fc.property(genSecret, fc.integer({ min: 1, max: 3 }), fc.nat(), fc.array(genTest, { maxLength: 3 }), (secret, layers, cut, others) => {
      const s = enc.encode(secret);
      const content = concat('password=', s, '\n');
      const k = 9 + 1 + (cut % (s.length - 1));
      let bytes: Uint8Array = streamWith(others, [filePackets({ testId: 'tempest.api.T.test_leak', fileName: 'stdout', content, cuts: [k] })], cut);
      // Two members (gzip -c a b > c): the split falls anywhere.
      const at = cut % bytes.length;
      bytes = Buffer.concat([gzipSync(bytes.subarray(0, at)), gzipSync(bytes.subarray(at))]);
      for (let i = 1; i < layers; i++) bytes = gzipSync(bytes);
      const r = findSecrets(bytes, 'auto', [DECOY, secret]);
      assert.deepEqual(r.found, [1]);
      assert.deepEqual(r.unchecked, []);
      assert.deepEqual(r.readAs, [...Array<string>(layers).fill('gzip'), 'subunit-v2']);
    }),
    { numRuns: 100, seed: 20261204 },
  );
  // A log a test attached gzip'd, itself cut across packets.
  const log = gzipSync('2026-11-25 06:00:00 DEBUG auth password=Pw-e2e-Cloud-9931\n');
  const stream = streamWith(
    [],
    [filePackets({ testId: 'tempest.api.T.test_x', fileName: 'n-cpu.log.gz', mimeType: 'application/gzip', content: log, cuts: [7, 19] })],
  );
  assert.deepEqual(findSecrets(stream, 'auto', ['Pw-e2e-Cloud-9931']).found, [0]);
});

test('gzip that cannot be read whole is unchecked, never clean: corrupt, or over the size limit', () => {
  const good = gzipSync(Buffer.alloc(1 << 20, 0x41));
  const corrupt = Buffer.from(good);
  corrupt[20] = (corrupt[20] as number) ^ 0xff;
  const r = findSecrets(corrupt, 'auto', ['Pw-secret']);
  assert.deepEqual(r.found, []);
  assert.match(r.unchecked[0] ?? '', /^the file: damaged gzip data/);
  const big = findSecrets(good, 'auto', ['Pw-secret'], { maxInflatedBytes: 1000 });
  assert.deepEqual(big.unchecked, ['the file: inflates to more than 1000 bytes']);
  // Truncated: what it holds is read (as a reader of the partial file would).
  const truncated = gzipSync('0123456789 Pw-secret and more text'.repeat(50)).subarray(0, 60);
  assert.deepEqual(findSecrets(truncated, 'auto', ['Pw-secret']).found, [0]);
});

test('JSON, HTML and Markdown: the escaped forms the renderers write are found (the last line of defence)', () => {
  const secret = 'os-env"pass\\5512';
  const json = enc.encode(JSON.stringify({ tests: [{ attachments: [{ text: `auth with password ${secret}` }] }] }));
  assert.ok(!bytesHold(json, secret));
  assert.deepEqual(findSecrets(json, scanFormatOf('results.json'), [secret]).found, [0]);
  // \u escapes, in JSON lines that are no single document.
  assert.deepEqual(findSecrets(enc.encode('{"a": "\\u0050w-\\u0065"}\n{"b": "x"}\n'), 'json', ['Pw-e']).found, [0]);
  const html = enc.encode(`<!DOCTYPE html><html><body><pre>${escapeHtml(`a&b<"${secret}'`)}</pre></body></html>`);
  assert.ok(!bytesHold(html, secret));
  assert.deepEqual(findSecrets(html, scanFormatOf('report.html'), [secret]).found, [0]);
  assert.deepEqual(findSecrets(html, 'auto', [secret]).readAs, ['html']);
  // In HTML a tag inside a word still shows one word.
  assert.deepEqual(findSecrets(enc.encode('<p>Pw-e2e-<b>Cloud</b>-9931</p>'), 'html', ['Pw-e2e-Cloud-9931']).found, [0]);
  const md = enc.encode('| test | note |\n|---|---|\n| `t` | Pw\\|e2e\\*x &amp; y |\n');
  assert.deepEqual(findSecrets(md, scanFormatOf('report.md'), ['Pw|e2e*x & y']).found, [0]);
  // A secret JSON-escaped or percent-encoded inside a text (a logged request body or URL).
  const logged = enc.encode(`POST /v3/auth/tokens {"password": ${JSON.stringify(secret)}} GET /x?p=${encodeURIComponent(secret)}`);
  assert.deepEqual(findSecrets(logged, 'text', [secret, 'p@ss w/rd']).found, [0]);
  assert.deepEqual(findSecrets(enc.encode('GET /x?p=p%40ss%20w%2Frd'), 'text', ['p@ss w/rd']).found, [0]);
});

test('only indexes come back, never values; values shorter than redaction takes are ignored', () => {
  const r = findSecrets(enc.encode('pw=abc Pw-long-secret'), 'text', ['abc', 'Pw-long-secret']);
  assert.deepEqual(r, { found: [1], unchecked: [], readAs: ['text'] });
});

// Clean files. Secrets from letters the generated streams never hold (their ids and texts use
// others), long enough that a CRC or timestamp byte run cannot spell one by chance.
const genCleanSecret = fc.string({ unit: fc.constantFrom(...'QRSVW#%$'.split('')), minLength: 8, maxLength: 12 });

test('a clean stream, whole or damaged anywhere, is not flagged and nothing is left unchecked', () => {
  fc.assert(
    fc.property(
      fc.array(genTest, { maxLength: 10 }),
      fc.nat(),
      fc.array(genInjury, { maxLength: 3 }),
      fc.array(genCleanSecret, { minLength: 1, maxLength: 3 }),
      fc.boolean(),
      (tests, seed, injuries, secrets, gz) => {
        let bytes = streamOf(tests, seed);
        for (const inj of injuries) bytes = injure(bytes, inj);
        const r = findSecrets(gz ? gzipSync(bytes) : bytes, 'auto', secrets);
        assert.deepEqual(r.found, []);
        assert.deepEqual(r.unchecked, []);
      },
    ),
    { numRuns: 300, seed: 20261205 },
  );
  fc.assert(
    fc.property(fc.array(genV1Test, { maxLength: 6 }), fc.array(genCleanSecret, { minLength: 1, maxLength: 3 }), (tests, secrets) => {
      assert.deepEqual(findSecrets(enc.encode(v1StreamOf(tests)), 'auto', secrets).found, []);
    }),
    { numRuns: 150, seed: 20261206 },
  );
});

test('halves of a secret in two different attachments, or two different XML elements, are not joined into one', () => {
  const secret = 'QRSV#%QRSV#%';
  const a = secret.slice(0, 6);
  const b = secret.slice(6);
  fc.assert(
    fc.property(fc.array(genTest, { maxLength: 4 }), fc.nat(), fc.constantFrom('two tests', 'two files', 'two routes'), (others, seed, how) => {
      const first = filePackets({ testId: 'tempest.api.T.test_a', fileName: 'stdout', content: enc.encode(a), cuts: [] });
      const second = filePackets({
        testId: how === 'two tests' ? 'tempest.api.T.test_b' : 'tempest.api.T.test_a',
        ...(how === 'two routes' ? { routeCode: '1' } : {}),
        fileName: how === 'two files' ? 'stderr' : 'stdout',
        content: enc.encode(b),
        cuts: [],
      });
      assert.deepEqual(findSecrets(streamWith(others, [[...first, ...second]], seed), 'auto', [secret]).found, []);
    }),
    { numRuns: 100, seed: 20261207 },
  );
  const xml = enc.encode(
    `<testsuite><testcase name="t1"><system-out>${a}</system-out></testcase><testcase name="t2"><system-out>${b}</system-out></testcase></testsuite>`,
  );
  assert.deepEqual(findSecrets(xml, 'auto', [secret]).found, []);
});

test("scanFormatOf: the Action's file names", () => {
  assert.equal(scanFormatOf('report.md'), 'markdown');
  assert.equal(scanFormatOf('report.html'), 'html');
  assert.equal(scanFormatOf('results.json'), 'auto');
  assert.equal(scanFormatOf('results.subunit'), 'auto');
  assert.equal(scanFormatOf('tempest.log.gz'), 'text');
});
