// Our subunit v2 reader agrees with python-subunit + testtools' StreamToDict, test by test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createResultParser, parseResults } from '../../src/core/results/parse.ts';
import { ours, requireOracle, runOracle } from '../helpers/oracle.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const KEEP_ALL = { attachments: { keep: 'all' as const, capBytes: 1 << 30 } };
const v2Fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.subunit') && !f.includes('.v1.'));

test('python-subunit is installed (the oracle)', () => requireOracle());

test('every real v2 stream reads as python-subunit reads it', () => {
  const files = v2Fixtures.map((f) => join(FIXTURES, f));
  const oracle = runOracle(files);
  assert.equal(files.length, 7);
  files.forEach((file, i) => {
    const expected = oracle[i]!;
    const got = parseResults(readFileSync(file), KEEP_ALL);
    assert.equal(expected.crashed, null, file);
    assert.deepEqual(ours(got), expected.tests, file);
    assert.equal(got.damage.length, 0, file);
    assert.ok(got.tests.length > 0, file);
  });
});

test('the same stream fed one byte at a time gives the same records', () => {
  const bytes = readFileSync(join(FIXTURES, 'local-tempest-33-compute-identity-mini.subunit'));
  const whole = parseResults(bytes, KEEP_ALL);
  const parser = createResultParser(KEEP_ALL);
  for (let i = 0; i < bytes.length; i += 7) parser.push(bytes.subarray(i, i + 7));
  assert.deepEqual(parser.end(), whole);
  assert.equal(whole.tests.length, 33);
  assert.deepEqual({ success: whole.counts.success, fail: whole.counts.fail, skip: whole.counts.skip }, { success: 30, fail: 2, skip: 1 });
});
