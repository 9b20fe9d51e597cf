// Known-failures files: the accepted shapes, and one-line errors that name the file, line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseKnownFailures, KnownFailureMatcher } from '../../src/core/compare/index.ts';
import { UserError } from '../../src/core/errors.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/compare/${name}`, import.meta.url), 'utf8');

function errorOf(text: string): string {
  try {
    parseKnownFailures(text, 'known.yaml');
  } catch (err) {
    assert.ok(err instanceof UserError, String(err));
    assert.ok(!err.message.includes('\n'), 'one line');
    return err.message;
  }
  assert.fail('expected an error');
}

test('entries: test regexes, test_ids, signature; a bare list or a known-failures mapping', () => {
  const k = parseKnownFailures(
    `known-failures:
  - bug: https://bugs.launchpad.net/tempest/+bug/1775947
    description: device tagging metadata timeout
    test_ids:
      - tempest.api.compute.servers.test_device_tagging.TaggedAttachmentsTest.test_tagged_attachment
    signature: 'Details: Timeout while verifying metadata on server\\.'
    expires: 2027-01-31
  - bug: https://bugs.launchpad.net/nova/+bug/99
    tests: ['^tempest\\.scenario\\.', 'test_volume_boot_pattern']
    expires: "2027-02-01"
`,
    'k.yaml',
  );
  assert.equal(k.entries.length, 2);
  const m = new KnownFailureMatcher(k, '2026-11-25');
  const tagged = 'tempest.api.compute.servers.test_device_tagging.TaggedAttachmentsTest.test_tagged_attachment';
  assert.equal(m.match(tagged, 'Details: Timeout while verifying metadata on server.')?.bug, 'https://bugs.launchpad.net/tempest/+bug/1775947');
  assert.equal(m.match(tagged, 'another error'), null, 'signature must match too');
  assert.equal(m.match(tagged, null), null);
  assert.equal(m.match('tempest.scenario.test_x.T.test_y', null)?.source, 'k.yaml:8');
  assert.equal(m.match('tempest.api.volume.test_volume_boot_pattern', 'x')?.expires, '2027-02-01');
  assert.equal(m.match('tempest.api.other', 'x'), null);
});

test('regexes are RE2: a catastrophic pattern runs in linear time', () => {
  const k = parseKnownFailures(`- bug: b\n  signature: '(a+)+$'\n  expires: 2030-01-01\n`, 'k.yaml');
  const m = new KnownFailureMatcher(k, '2026-01-01');
  const started = performance.now();
  assert.equal(m.match('t', `${'a'.repeat(5000)}!`), null);
  assert.ok(performance.now() - started < 2000);
});

test('errors name the file, line and column', () => {
  assert.equal(errorOf('- bug: x\n  expires: 2026-13-45\n  test: a\n'), "known.yaml: line 2, column 12: 'expires' must be a date YYYY-MM-DD, not '2026-13-45'");
  assert.equal(errorOf('- bug: x\n  test: a\n'), "known.yaml: line 1, column 3: entry has no 'expires'");
  assert.equal(errorOf('- bug: x\n  expires: 2026-01-01\n'), 'known.yaml: line 1, column 3: entry matches nothing: give test (regex), test_ids or signature');
  assert.match(errorOf('- bug: x\n  expires: 2026-01-01\n  test: "a(("\n'), /^known\.yaml: line 3, column 9: bad regular expression 'a\(\('/);
  assert.match(errorOf('- bug: x\n  expires: 2026-01-01\n  tset: a\n'), /^known\.yaml: line 3, column 3: unknown key 'tset'/);
  assert.match(errorOf('- bug: [x\n'), /^known\.yaml: line \d+, column \d+: not valid YAML/);
  assert.match(errorOf('bug: x\n'), /^known\.yaml: line 1, column 1: expected a list of entries/);
});

test("elastic-recheck queries are refused with a way forward: their Logstash 'query' cannot run here", () => {
  for (const f of ['1775947.yaml', '1798475.yaml', '1260311.yaml']) {
    // An elastic-recheck file is one mapping; as a list entry with a bug and an expiry it names the query key.
    const entry = `- bug: https://bugs.launchpad.net/bugs/${f.slice(0, -5)}\n  expires: 2027-01-01\n${fixture(f).replace(/^/gm, '  ')}`;
    assert.match(errorOf(entry), /^known\.yaml: line 3, column 3: 'query' is an elastic-recheck Logstash query.*use 'signature'/);
  }
});

test('an elastic-recheck query rewritten as an entry matches the failure it was written for', () => {
  // 1775947.yaml: message "Details: Timeout while verifying metadata on server." on test_tagged_attachment.
  const src = fixture('1775947.yaml');
  const testId = /- (tempest\.\S+)/.exec(src)?.[1] ?? '';
  const message = /message:"([^"]+)"/.exec(src)?.[1] ?? '';
  const k = parseKnownFailures(
    `- bug: https://bugs.launchpad.net/bugs/1775947\n  test_ids: [${testId}]\n  signature: ${JSON.stringify(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))}\n  expires: 2027-01-01\n`,
    'k.yaml',
  );
  const m = new KnownFailureMatcher(k, '2026-11-25');
  assert.ok(m.match(testId, `Traceback...\ntempest.lib.exceptions.TimeoutException: Request timed out\n${message}`));
  assert.equal(m.match(testId, 'a different failure'), null);
});
