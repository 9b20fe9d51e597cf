// Reading JUnit XML written by other tools: a real pytest run (Debian's python3-pytest), nested
// suites, and malformed XML (damage with line and byte offset, whole test cases before it kept).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { detectFormat, parseResults } from '../../src/core/results/parse.ts';
import { readJUnit, writeJUnit } from '../../src/core/results/junit.ts';
import { parseCommand } from '../../src/cli/commands/parse.ts';
import { DEBIAN_PYTHON } from '../helpers/oracle.ts';
import { cliCommand } from '../helpers/cli.ts';
import { xmlTree } from '../helpers/xml-tree.ts';

const run = promisify(execFile);
const FIXTURES = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const KEEP_ALL = { attachments: { keep: 'all' as const, capBytes: 1 << 30 } };

const PYTEST_SUITE = `import sys
import pytest

class TestThing:
    def test_pass(self):
        print("hello from stdout")

    def test_fail(self):
        print("before the failure")
        sys.stderr.write("to stderr\\n")
        assert 1 + 1 == 3, "arithmetic is broken"

    @pytest.mark.skip(reason="not on this cloud")
    def test_skip(self):
        pass

    @pytest.mark.xfail(reason="known bug 123")
    def test_xfail(self):
        assert False

@pytest.fixture
def broken():
    raise RuntimeError("fixture exploded")

def test_error(broken):
    pass

@pytest.mark.parametrize("n", [1, 2])
def test_param(n):
    assert n < 2

def test_unicod\u00e9():
    print("<tag> &amp; ]]> done")
`;

let pytestXml: Buffer | null = null;

/** Run a real pytest session (Debian's python3-pytest) and return its --junitxml report. */
async function pytestJUnit(): Promise<Buffer> {
  if (pytestXml) return pytestXml;
  const dir = mkdtempSync(join(tmpdir(), 'tg-pytest-'));
  try {
    writeFileSync(join(dir, 'test_sample.py'), PYTEST_SUITE);
    const args = ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-o', 'junit_logging=all', '--junitxml', join(dir, 'out.xml'), 'test_sample.py'];
    // pytest exits 1 when tests failed, which these do on purpose.
    await run(DEBIAN_PYTHON, args, { cwd: dir }).catch((err: { code?: number }) => {
      if (err.code !== 1) throw err;
    });
    pytestXml = readFileSync(join(dir, 'out.xml'));
    return pytestXml;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('pytest is installed (python3-pytest writes the JUnit we read)', async () => {
  if (!existsSync(DEBIAN_PYTHON)) throw new Error(`${DEBIAN_PYTHON} is missing: run scripts/setup-machine.sh`);
  await run(DEBIAN_PYTHON, ['-c', 'import pytest']);
});

test('a real pytest --junitxml report: every test, status, reason, traceback and output', async () => {
  const xml = await pytestJUnit();
  assert.equal(detectFormat(xml), 'junit');
  const r = parseResults(xml, KEEP_ALL);
  assert.equal(r.format, 'junit');
  assert.deepEqual(r.damage, []);
  assert.deepEqual(
    r.tests.map((t) => [t.id, t.status]),
    [
      ['test_sample.TestThing.test_pass', 'success'],
      ['test_sample.TestThing.test_fail', 'fail'],
      ['test_sample.TestThing.test_skip', 'skip'],
      ['test_sample.TestThing.test_xfail', 'xfail'],
      ['test_sample.test_error', 'fail'],
      ['test_sample.test_param[1]', 'success'],
      ['test_sample.test_param[2]', 'fail'],
      ['test_sample.test_unicod\u00e9', 'success'],
    ],
  );
  const byId = new Map(r.tests.map((t) => [t.id, t]));
  const att = (id: string, name: string): string => byId.get(id)?.attachments.find((a) => a.name === name)?.text ?? '';
  assert.match(att('test_sample.TestThing.test_fail', 'traceback'), /AssertionError: arithmetic is broken/);
  assert.match(att('test_sample.TestThing.test_fail', 'stdout'), /before the failure/);
  assert.match(att('test_sample.TestThing.test_fail', 'stderr'), /to stderr/);
  assert.match(att('test_sample.TestThing.test_pass', 'stdout'), /hello from stdout/);
  assert.match(att('test_sample.TestThing.test_skip', 'reason'), /not on this cloud/);
  assert.match(att('test_sample.test_error', 'traceback'), /RuntimeError: fixture exploded/);
  assert.match(att('test_sample.test_unicod\u00e9', 'stdout'), /<tag> &amp; \]\]> done/);
  const param = byId.get('test_sample.test_param[2]')!;
  assert.deepEqual([param.name, param.className, param.method, param.attrs], ['test_sample.test_param', 'test_sample', 'test_param', ['2']]);
  for (const t of r.tests) assert.equal(typeof t.duration, 'number');
  assert.deepEqual([r.counts.success, r.counts.fail, r.counts.skip, r.counts.xfail], [3, 3, 1, 1]);
});

test('nested suites, error elements, message-only failures and timestamps', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="all">
  <testsuite name="outer" tests="3">
    <testsuite name="inner" timestamp="2024-05-01T10:00:00">
      <testcase classname="org.example.FooTest" name="testA" time="1.5" timestamp="2024-05-01T10:00:00"/>
      <testcase classname="org.example.FooTest" name="testB" time="0.25">
        <error message="java.lang.NullPointerException" type="java.lang.NullPointerException"/>
        <system-err><![CDATA[stack <here>]]></system-err>
      </testcase>
    </testsuite>
    <testcase name="bare_name" time="1,234.5"><skipped/></testcase>
  </testsuite>
</testsuites>`;
  const r = readJUnit(Buffer.from(xml), KEEP_ALL);
  assert.deepEqual(r.damage, []);
  assert.deepEqual(
    r.tests.map((t) => [t.id, t.status]),
    [
      ['org.example.FooTest.testA', 'success'],
      ['org.example.FooTest.testB', 'fail'],
      ['bare_name', 'skip'],
    ],
  );
  const [a, b, c] = r.tests;
  // Some tools group thousands in the time attribute.
  assert.equal(c!.duration, 1234.5);
  assert.deepEqual([a!.start, a!.stop, a!.duration], ['2024-05-01T10:00:00.000000Z', '2024-05-01T10:00:01.500000Z', 1.5]);
  assert.deepEqual(
    b!.attachments.map((x) => [x.name, x.text]),
    [
      ['traceback', 'java.lang.NullPointerException'],
      ['stderr', 'stack <here>'],
    ],
  );
});

test('malformed XML: damage with line, column and byte offset; whole test cases before it are kept', () => {
  const xml =
    '<testsuite>\n<testcase classname="a" name="one"/>\n<testcase classname="a" name="two"><failure>x</failure></testcase>\n<testcase classname="a" name="three"><failure>oops</testcase>\n</testsuite>\n';
  const r = readJUnit(Buffer.from(xml));
  assert.deepEqual(
    r.tests.map((t) => [t.id, t.status]),
    [
      ['a.one', 'success'],
      ['a.two', 'fail'],
    ],
  );
  assert.equal(r.damage.length, 1);
  const d = r.damage[0]!;
  assert.equal(d.kind, 'xml');
  assert.equal(d.line, 4);
  assert.match(d.message, /column \d+/);
  assert.ok(d.offset > xml.indexOf('name="three"') && d.offset < xml.length, `offset ${d.offset}`);
});

test('a JUnit report cut anywhere keeps a prefix of its tests and says where it broke', async () => {
  const xml = (await pytestJUnit()).toString('utf8');
  const whole = readJUnit(Buffer.from(xml), KEEP_ALL).tests.map((t) => [t.id, t.status]);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: xml.length - 1 }), (at) => {
      const cut = Buffer.from(xml.slice(0, at));
      const r = readJUnit(cut, KEEP_ALL);
      const got = r.tests.map((t) => [t.id, t.status]);
      assert.deepEqual(got, whole.slice(0, got.length));
      assert.ok(r.damage.length >= 1, `no damage for a cut at ${at}`);
      for (const d of r.damage) {
        assert.ok(d.offset >= 0 && d.offset <= cut.length, `offset ${d.offset} of ${cut.length}`);
        assert.ok(d.line !== undefined && d.line >= 1);
      }
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('encodings: a declared ISO-8859-1 document, and invalid UTF-8 reported where it is', () => {
  const latin = Buffer.concat([
    Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<testsuite><testcase classname="a" name="caf'),
    Buffer.from([0xe9]),
    Buffer.from('"/></testsuite>\n'),
  ]);
  const r = readJUnit(latin);
  assert.deepEqual([r.tests.map((t) => t.id), r.damage], [['a.caf\u00e9'], []]);
  const bad = Buffer.concat([
    Buffer.from('<testsuite>\n<testcase classname="a" name="one"/>\n<testcase classname="a" name="t'),
    Buffer.from([0xff]),
    Buffer.from('"/></testsuite>\n'),
  ]);
  const b = readJUnit(bad);
  assert.deepEqual(
    b.tests.map((t) => t.id),
    ['a.one', 'a.t\ufffd'],
  );
  assert.deepEqual(
    b.damage.map((d) => [d.kind, d.line, d.offset]),
    [['utf8', 3, bad.indexOf(0xff)]],
  );
});

test('empty and non-JUnit XML', () => {
  assert.deepEqual(readJUnit(Buffer.from('')).tests, []);
  const html = readJUnit(Buffer.from('<html><body/></html>'));
  assert.deepEqual([html.tests.length, html.damage[0]?.kind], [0, 'xml']);
});

test('parse CLI: --to junit writes what subunit2junitxml writes; JUnit input reads back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-junit-cli-'));
  try {
    const file = join(FIXTURES, 'stestr-failure.subunit');
    const want = await run('/bin/sh', ['-c', 'subunit2junitxml < "$1"; true', 'sh', file]);
    const res = await cliCommand(parseCommand, [file, '--to', 'junit']);
    assert.equal(res.code, 0);
    assert.deepEqual(xmlTree(res.stdout), xmlTree(want.stdout));

    const out = join(dir, 'report.xml');
    writeFileSync(out, res.stdout);
    const back = await cliCommand(parseCommand, [out, '--json']);
    assert.equal(back.code, 0);
    const json = JSON.parse(back.stdout) as { format: string; counts: { fail: number; success: number } };
    assert.deepEqual([json.format, json.counts.fail, json.counts.success], ['junit', 1, 62]);

    writeFileSync(out, res.stdout.slice(0, 2000));
    const broken = await cliCommand(parseCommand, [out, '--json']);
    assert.equal(broken.code, 3);
    assert.match(broken.stderr.trim(), new RegExp(`^tempest-gate parse: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line \\d+, byte \\d+: malformed XML`));
    assert.equal(broken.stderr.trim().split('\n').length, 1);

    const usage = await cliCommand(parseCommand, [file, '--from', 'csv']);
    assert.equal(usage.code, 2);
    const forced = await cliCommand(parseCommand, [join(FIXTURES, 'refstack-client-testrepository-0.v1.subunit'), '--from', 'subunit-v1', '--json']);
    assert.equal((JSON.parse(forced.stdout) as { tests: unknown[] }).tests.length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('JUnit we write for a JUnit we read is stable (writer and reader agree)', async () => {
  const r = parseResults(await pytestJUnit(), KEEP_ALL);
  const once = writeJUnit(r);
  const twice = writeJUnit(readJUnit(Buffer.from(once), KEEP_ALL));
  assert.deepEqual(
    xmlTree(twice).map((s) => s.children.map((c) => [c.attrs, c.children.map((x) => x.tag)])),
    xmlTree(once).map((s) => s.children.map((c) => [c.attrs, c.children.map((x) => x.tag)])),
  );
});

test('corrupted JUnit (bytes inserted, deleted, flipped): never a crash, every damage located', async () => {
  const docs = [await pytestJUnit(), Buffer.from(writeJUnit(parseResults(readFileSync(join(FIXTURES, 'stestr-failure.subunit')), KEEP_ALL)))];
  const injury = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete', 'flip'), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) });
  fc.assert(
    fc.property(fc.constantFrom(0, 1), fc.array(injury, { minLength: 1, maxLength: 3 }), (which, injuries) => {
      let b = Buffer.from(docs[which]!);
      for (const inj of injuries) {
        const at = inj.at % b.length;
        if (inj.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(inj.bytes), b.subarray(at)]);
        else if (inj.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + inj.bytes.length)]);
        else b[at] = inj.bytes[0]!;
      }
      const r = readJUnit(b);
      const lines = b.toString('utf8').split('\n').length;
      for (const d of r.damage) {
        assert.ok(d.offset >= 0 && d.offset <= b.length, `offset ${d.offset} of ${b.length}`);
        assert.ok(d.line !== undefined && d.line >= 1 && d.line <= lines, `line ${d.line} of ${lines}`);
      }
      assert.ok(r.tests.length <= readJUnit(docs[which]!).tests.length + 1);
    }),
    { numRuns: 400, seed: 23 },
  );
});
