// JUnit XML out agrees with Debian's subunit2junitxml (python3-junitxml) on the same stream, up to
// attribute order and the white space between elements: real streams and generated ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { parseResults } from '../../src/core/results/parse.ts';
import { durationText, formatSeconds, readJUnit, splitJUnitId, writeJUnit } from '../../src/core/results/junit.ts';
import { encodePacket } from '../../src/core/results/subunit-v2.ts';
import { DEBIAN_PYTHON, requireOracle } from '../helpers/oracle.ts';
import { genTest, streamOf } from '../helpers/streams.ts';
import { genV1Test, v1StreamOf } from '../helpers/streams-v1.ts';
import { runFilterBatch } from '../helpers/subunit-filters.ts';
import { xmlTree } from '../helpers/xml-tree.ts';

const run = promisify(execFile);
const FIXTURES = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const KEEP_ALL = { attachments: { keep: 'all' as const, capBytes: 1 << 30 } };
const v2Fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.subunit') && !f.includes('.v1.'));

/**
 * The tree of a JUnit document, for comparing with subunit2junitxml's. A run without test cases
 * has no stamped event to end at, so junitxml times it by its own wall clock (0.000, 0.002, 0.078
 * for the same empty stream): that one figure is left out of the comparison.
 */
function junitTree(xml: string): ReturnType<typeof xmlTree> {
  const tree = xmlTree(xml);
  for (const suite of tree) {
    if (suite.tag === 'testsuite' && suite.children.length === 0) suite.attrs = suite.attrs.filter(([k]) => k !== 'time');
  }
  return tree;
}

/** subunit2junitxml's output for a file (it exits 1 when the run failed: that is not an error here). */
async function subunit2junitxml(file: string): Promise<string> {
  try {
    return (await run('/bin/sh', ['-c', 'exec subunit2junitxml < "$1"', 'sh', file], { maxBuffer: 1 << 28 })).stdout;
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (e.code === 1 && e.stdout && !e.stderr) return e.stdout;
    throw err;
  }
}

test('subunit2junitxml (python3-junitxml) is installed (the oracle)', async () => {
  requireOracle();
  await run('/bin/sh', ['-c', 'command -v subunit2junitxml']);
});

test("every real v2 stream: our JUnit XML is subunit2junitxml's, element for element", async () => {
  const outputs = await Promise.all(v2Fixtures.map((f) => subunit2junitxml(join(FIXTURES, f))));
  assert.equal(v2Fixtures.length, 7);
  let cases = 0;
  v2Fixtures.forEach((f, i) => {
    const want = outputs[i]!;
    const got = writeJUnit(parseResults(readFileSync(join(FIXTURES, f)), KEEP_ALL));
    const tree = xmlTree(want);
    assert.deepEqual(xmlTree(got), tree, f);
    cases += tree[0]!.children.length;
  });
  assert.equal(cases, 147);
});

test('the default attachment policy gives the same JUnit (failure text is always kept)', async () => {
  const file = join(FIXTURES, 'local-tempest-33-compute-identity-mini.subunit');
  const want = await subunit2junitxml(file);
  assert.deepEqual(xmlTree(writeJUnit(parseResults(readFileSync(file)))), xmlTree(want));
});

test('generated v2 streams: our JUnit XML agrees with subunit2junitxml', () => {
  requireOracle();
  // `exists` after `inprogress` (never seen in a real run) leaves the test open for
  // subunit2junitxml, which drops exists packets; our records close it. Such streams are left out.
  // Stamps are kept before 2024: junitxml starts its run clock at the wall clock and only moves it
  // back, so a run stamped wholly in the future would be measured from today.
  const runTest = genTest.map((t) => ({
    ...t,
    status: t.status === 'exists' ? ('success' as const) : t.status,
    start: 1_400_000_000_000_000 + (t.start % 300_000_000_000_000),
  }));
  const runs = fc.sample(fc.record({ tests: fc.array(runTest, { maxLength: 12 }), seed: fc.nat() }), { numRuns: 250, seed: 4242 });
  const dir = mkdtempSync(join(tmpdir(), 'tg-junit-'));
  try {
    const pairs = runs.map(({ tests, seed }, i): [string, string] => {
      writeFileSync(join(dir, `${i}.subunit`), streamOf(tests, seed));
      return [join(dir, `${i}.subunit`), join(dir, `${i}.xml`)];
    });
    const conversions = runFilterBatch('subunit2junitxml', pairs);
    let compared = 0;
    const crashed: string[] = [];
    pairs.forEach(([input, output], i) => {
      if (conversions[i]!.crashed !== null) {
        // testtools raises on a skip whose `reason` attachment is not text (no MIME type given).
        crashed.push(conversions[i]!.crashed);
        return;
      }
      const got = writeJUnit(parseResults(readFileSync(input), KEEP_ALL));
      assert.deepEqual(junitTree(got), junitTree(readFileSync(output, 'utf8')), `case ${i}: ${input}`);
      compared++;
    });
    console.log(`compared ${compared} generated streams' JUnit XML with subunit2junitxml (it gave up on ${crashed.length})`);
    assert.ok(compared >= 200, `only ${compared} compared; crashes: ${crashed.slice(0, 3).join(' | ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('subunit v1 streams (the real one and generated ones): our JUnit is subunit-1to2 | subunit2junitxml', () => {
  requireOracle();
  const dir = mkdtempSync(join(tmpdir(), 'tg-junit-v1-'));
  try {
    // Stamped from the first line on, so python never falls back to its wall clock.
    const texts = [
      readFileSync(join(FIXTURES, 'refstack-client-testrepository-0.v1.subunit'), 'utf8'),
      ...fc.sample(fc.array(genV1Test, { maxLength: 8 }), { numRuns: 80, seed: 31 }).map((t) => v1StreamOf(t)),
    ];
    const v1 = texts.map((t, i) => {
      writeFileSync(join(dir, `${i}.v1`), t);
      return join(dir, `${i}.v1`);
    });
    const conv = runFilterBatch(
      'subunit-1to2',
      v1.map((f): [string, string] => [f, `${f}.v2`]),
    );
    // --no-passthrough: stray v1 output would otherwise be copied in front of the XML.
    const junit = runFilterBatch(
      'subunit2junitxml',
      v1.map((f): [string, string] => [`${f}.v2`, `${f}.xml`]),
      ['--no-passthrough'],
    );
    let compared = 0;
    v1.forEach((f, i) => {
      if (conv[i]!.crashed !== null || junit[i]!.crashed !== null) return;
      const got = writeJUnit(parseResults(readFileSync(f), { ...KEEP_ALL, format: 'subunit-v1' }));
      assert.deepEqual(junitTree(got), junitTree(readFileSync(`${f}.xml`, 'utf8')), f);
      compared++;
    });
    console.log(`compared ${compared} v1 streams' JUnit XML with subunit-1to2 | subunit2junitxml`);
    assert.ok(compared >= 70, `only ${compared} compared`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a listing stream (exists only, as `stestr list --subunit` writes) gives no test cases, as with subunit2junitxml', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-junit-'));
  try {
    const file = join(dir, 'list.subunit');
    writeFileSync(
      file,
      Buffer.concat(['a.b.C.test_one', 'a.b.C.test_two'].map((id) => encodePacket({ testId: id, status: 'exists', timestamp: 1_700_000_000_000_000 }))),
    );
    // With no test to time, junitxml times the suite by the wall clock between its own start and
    // stop (time="0.001" on a loaded machine, "0.000" on an idle one): that attribute is the
    // machine's speed, not the stream's, so both sides are compared without it.
    const untimed = (xml: string) => xmlTree(xml).map((n) => ({ ...n, attrs: n.attrs.filter(([k]) => k !== 'time') }));
    const want = await subunit2junitxml(file);
    const got = writeJUnit(parseResults(readFileSync(file)));
    assert.deepEqual(untimed(got), untimed(want));
    assert.match(got, /<testsuite [^>]*time="0\.000"/);
    assert.equal(xmlTree(got)[0]!.children.length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('round trip: JUnit we write reads back to the same tests and statuses', () => {
  for (const f of v2Fixtures) {
    const results = parseResults(readFileSync(join(FIXTURES, f)), KEEP_ALL);
    const back = readJUnit(Buffer.from(writeJUnit(results)), KEEP_ALL);
    assert.deepEqual(back.damage, [], f);
    const expected = results.tests
      .filter((t) => t.status !== 'exists')
      .map((t) => [t.id, t.status === 'xfail' ? 'success' : t.status === 'inprogress' || t.status === 'unknown' ? 'fail' : t.status]);
    assert.deepEqual(
      back.tests.map((t) => [t.id, t.status]),
      expected,
      f,
    );
    for (const t of back.tests) {
      if (t.status === 'fail') assert.match(t.attachments[0]!.text, /^testtools\.testresult\.real\._StringException/);
    }
  }
});

test('formatting and id splitting follow python', () => {
  // '%0.3f' rounds exact ties to even.
  assert.deepEqual([0.0625, 0.1875, 1.0005, 2.5, 0.0004999].map(formatSeconds), ['0.062', '0.188', '1.000', '2.500', '0.000']);
  assert.deepEqual(splitJUnitId('a.b.C.test_x[id-1,smoke]'), { classname: 'a.b.C', name: 'test_x[id-1,smoke]' });
  assert.deepEqual(splitJUnitId('setUpClass (a.b.C)'), { classname: '', name: 'setUpClass (a.b.C)' });
  assert.deepEqual(splitJUnitId('x.'), { classname: '', name: 'x.' });
  assert.deepEqual(splitJUnitId('.x'), { classname: '', name: 'x' });
});

test("a test's time from whole microseconds is python's '%0.3f' of junitxml's float, ties and big spans too", async () => {
  requireOracle();
  // Every span up to 1 s a microsecond apart, every tie (…500 µs) to 200 s, spans around the
  // 1e14 µs cut where the writer goes back to the float, and negative spans (a clock set back).
  const deltas: number[] = [];
  for (let d = 0; d <= 1_000_000; d++) deltas.push(d);
  for (let ms = 0; ms < 200_000; ms++) deltas.push(ms * 1000 + 500);
  for (let k = -3; k <= 3; k++) for (const base of [1e14, 99_999_999_999_500, 3_600_000_000_500, 86_400_000_000 * 365]) deltas.push(base + k * 1000 + 499);
  for (let d = -2_500; d < 0; d++) deltas.push(d, d * 997_331);
  const start = 1_764_000_000_000_000;
  const ours = deltas.map((d) => durationText(start, start + d));
  // junitxml's _duration: seconds = days * 86400 + seconds; seconds + 0.000001 * microseconds
  const script = [
    'import sys, datetime',
    'out = []',
    'for line in sys.stdin:',
    '    d = datetime.timedelta(microseconds=int(line))',
    "    out.append('%0.3f' % ((d.days * 3600 * 24 + d.seconds) + 0.000001 * d.microseconds))",
    "sys.stdout.write('\\n'.join(out))",
  ].join('\n');
  const running = promisify(execFile)(DEBIAN_PYTHON, ['-c', script], { maxBuffer: 1 << 28 });
  running.child.stdin!.end(deltas.join('\n'));
  const python = (await running).stdout.split('\n');
  assert.equal(python.length, deltas.length);
  const wrong = deltas.flatMap((d, i) => (ours[i] === python[i] ? [] : [`${d} µs: ${ours[i]} (python ${python[i]})`]));
  assert.deepEqual(wrong.slice(0, 10), []);
});
