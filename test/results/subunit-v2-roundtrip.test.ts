// Round trip: streams our writer produces are read by python-subunit, and python-subunit's writer
// (Debian's subunit-output) produces streams we read as python-subunit does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResults } from '../../src/core/results/parse.ts';
import { encodeRecords } from '../../src/core/results/subunit-v2.ts';
import { ours, requireOracle, runOracle, type OracleTest } from '../helpers/oracle.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const KEEP_ALL = { format: 'subunit-v2' as const, attachments: { keep: 'all' as const, capBytes: 1 << 30 } };
const sorted = (tests: OracleTest[]): string[] => tests.map((t) => JSON.stringify(t)).sort();

test('python-subunit reads what our writer wrote, record for record', () => {
  requireOracle();
  const dir = mkdtempSync(join(tmpdir(), 'tg-rt-'));
  try {
    const inputs = readdirSync(FIXTURES).filter((f) => f.endsWith('.subunit') && !f.includes('.v1.'));
    const originals = inputs.map((f) => parseResults(readFileSync(join(FIXTURES, f)), KEEP_ALL));
    const written = originals.map((r, i) => {
      const file = join(dir, `${i}.subunit`);
      writeFileSync(file, encodeRecords(r.tests));
      return file;
    });
    const oracle = runOracle(written);
    originals.forEach((r, i) => {
      assert.equal(oracle[i]!.parser_errors.length, 0, inputs[i]);
      assert.deepEqual(sorted(oracle[i]!.tests), sorted(ours(r)), inputs[i]);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('we read what python-subunit wrote (subunit-output), attachments chunked over packets', () => {
  requireOracle();
  const dir = mkdtempSync(join(tmpdir(), 'tg-rt-'));
  try {
    const big = join(dir, 'traceback.txt');
    // 20,000 bytes with multi-byte characters: subunit-output splits it over several packets.
    writeFileSync(big, 'Traceback (most recent call last):\n'.padEnd(19_000, 'é→x').slice(0, 19_000) + '\nAssertionError: boom\n');
    const out = (args: string[]): Buffer => execFileSync('subunit-output', args);
    const stream = Buffer.concat([
      out(['--inprogress', 'tempest.api.a.A.test_one[id-11111111-2222-3333-4444-555555555555,smoke]', '--tag', 'worker-0']),
      out(['--success', 'tempest.api.a.A.test_one[id-11111111-2222-3333-4444-555555555555,smoke]', '--tag', 'worker-0']),
      out(['--inprogress', 'tempest.api.b.B.test_two', '--tag', 'worker-1']),
      out([
        '--fail',
        'tempest.api.b.B.test_two',
        '--attach-file',
        big,
        '--file-name',
        'traceback',
        '--mimetype',
        'text/x-traceback;charset=utf8',
        '--tag',
        'worker-1',
      ]),
      out(['--skip', 'setUpClass (tempest.api.c.CTest)', '--attach-file', big, '--file-name', 'reason']),
      out(['--inprogress', 'tempest.api.d.D.test_hung']),
    ]);
    const file = join(dir, 'python.subunit');
    writeFileSync(file, stream);
    const [oracle] = runOracle([file]);
    const got = parseResults(stream, KEEP_ALL);
    assert.deepEqual(ours(got), oracle!.tests);
    assert.deepEqual(
      got.tests.map((t) => t.status),
      ['success', 'fail', 'skip', 'inprogress'],
    );
    const tb = got.tests[1]!.attachments.find((a) => a.name === 'traceback')!;
    assert.equal(tb.size, readFileSync(big).length);
    assert.ok(tb.text.endsWith('AssertionError: boom\n'));
    assert.equal(got.tests[0]!.idempotentId, '11111111-2222-3333-4444-555555555555');
    assert.deepEqual(got.tests[0]!.attrs, ['smoke']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
