// Salvaging a broken JUnit file: a multi-megabyte report cut or damaged anywhere keeps exactly the
// test cases that were whole before the fault, in one pass; suites nested deeper than the XML
// parser's default limit read like any others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJUnit } from '../../src/core/results/junit.ts';

interface Doc {
  text: string;
  /** For each test case: its id and the offset just after its end tag. */
  ends: { id: string; end: number }[];
}

/** A pytest/junitxml-shaped report: failures with tracebacks, quotes and `>` in attributes, skips, self-closing passes. */
function makeDoc(n: number): Doc {
  let text = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n<testsuite name="tempest" tests="' + n + '">\n';
  const ends: Doc['ends'] = [];
  for (let i = 0; i < n; i++) {
    const cls = `tempest.api.compute.servers.test_servers_${i % 97}.ServersTestJSON`;
    const name = `test_case_${i}`;
    const kind = i % 3;
    if (kind === 0) text += `<testcase classname="${cls}" name="${name}" time="0.${i % 10}"/>\n`;
    else if (kind === 1) {
      text += `<testcase classname="${cls}" name="${name}" time="1.5"><failure message="expected 'a' &gt; &quot;b&quot; > c" type="AssertionError">Traceback (most recent call last):\n  File "x.py", line ${i}, in test\n    assert a > b, "it's ${i}"\nAssertionError</failure><system-out>out ${i} &lt;tag&gt;</system-out></testcase>\n`;
    } else text += `<testcase classname='${cls}' name='${name}' time='0'>\n  <skipped message='not "today"'/>\n</testcase>\n`;
    ends.push({ id: `${cls}.${name}`, end: text.length - 1 });
  }
  text += '</testsuite>\n</testsuites>\n';
  return { text, ends };
}

const read = (text: string) => readJUnit(new TextEncoder().encode(text));
const keptBefore = (doc: Doc, at: number): string[] => doc.ends.filter((e) => e.end <= at).map((e) => e.id);

test('a multi-megabyte JUnit file cut anywhere keeps every test case that ended before the cut', () => {
  const doc = makeDoc(15_000);
  assert.ok(doc.text.length > 3_000_000, `only ${doc.text.length} bytes`);
  const whole = read(doc.text);
  assert.deepEqual(whole.damage, []);
  assert.equal(whole.tests.length, 15_000);
  // Cuts inside an attribute (open quote), inside text, inside a tag name, right after an end tag,
  // and at the very end before the closing suites.
  const cuts = [0.25, 0.5, 0.75, 0.999].map((f) => Math.floor(doc.text.length * f));
  const endTag = doc.ends[9_000] as { end: number };
  cuts.push(endTag.end, endTag.end + 2, doc.text.lastIndexOf('</testsuite>'));
  for (const at of cuts) {
    const r = read(doc.text.slice(0, at));
    assert.deepEqual(
      r.tests.map((t) => t.id),
      keptBefore(doc, at),
      `cut at ${at}`,
    );
    assert.equal(r.damage.length, 1, `cut at ${at}`);
    const d = r.damage[0] as { offset: number; line?: number };
    assert.ok(
      d.offset <= at && d.offset >= (keptBefore(doc, at).length ? (doc.ends[keptBefore(doc, at).length - 1] as { end: number }).end : 0) - 1,
      `damage at ${d.offset} for a cut at ${at}`,
    );
  }
});

test('damage in the middle of a large file keeps the test cases before it', () => {
  const doc = makeDoc(8_000);
  const at = (doc.ends[4_321] as { end: number }).end + 1; // between two test cases
  const all = doc.ends.map((e) => e.id);
  // Where the validator names the fault, exactly the cases before it are kept. A stray end tag or
  // an element never closed is only noticed later (at the next end tag, at the end): every case
  // read is still whole and in order.
  for (const [junk, exact] of [
    ['<<', true],
    ['&', true],
    ['</testsuite>', false],
    ['<extra>', false],
  ] as const) {
    const r = read(doc.text.slice(0, at) + junk + doc.text.slice(at));
    assert.equal(r.damage.length, 1, junk);
    const ids = r.tests.map((t) => t.id);
    if (exact) assert.deepEqual(ids, keptBefore(doc, at), junk);
    else assert.deepEqual(ids, all.slice(0, ids.length), `${junk}: not a prefix`);
    assert.ok(ids.length >= 4_322, `${junk}: kept only ${ids.length}`);
  }
});

test('a file that ends with its suites still open keeps all its whole test cases', () => {
  const doc = makeDoc(50);
  const cut = (doc.ends[39] as { end: number }).end + 1; // the newline after a test case: only the suites are open
  for (const text of [doc.text.slice(0, cut), doc.text.slice(0, cut) + '<t', doc.text.slice(0, cut) + '<testcase classname="a" name="b">']) {
    const r = read(text);
    assert.deepEqual(
      r.tests.map((t) => t.id),
      keptBefore(doc, cut),
    );
    assert.equal(r.damage.length, 1);
    const d = r.damage[0] as { offset: number; line?: number; message: string };
    assert.ok(d.offset > 0, d.message);
  }
});

test('suites nested 1,001 and 3,000 levels deep are read', () => {
  for (const depth of [1_001, 3_000]) {
    const open = '<testsuite name="s">'.repeat(depth);
    const close = '</testsuite>'.repeat(depth);
    const text = `<?xml version="1.0"?>\n<testsuites>${open}<testcase classname="deep" name="test_a"/>${close}<testsuite name="t"><testcase classname="flat" name="test_b"><failure message="x">tb</failure></testcase></testsuite></testsuites>\n`;
    const r = read(text);
    assert.deepEqual(r.damage, [], `depth ${depth}`);
    assert.deepEqual(
      r.tests.map((t) => [t.id, t.status]),
      [
        ['deep.test_a', 'success'],
        ['flat.test_b', 'fail'],
      ],
      `depth ${depth}`,
    );
  }
});
