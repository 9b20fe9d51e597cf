// The parse verb as a user meets it: exit codes, one-line errors naming file and offset, JSON shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '../helpers/cli.ts';
import { RESULTS_SCHEMA, type RunResults } from '../../src/core/results/model.ts';
import { encodePacket } from '../../src/core/results/subunit-v2.ts';

const FIX = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const MINI = join(FIX, 'local-tempest-33-compute-identity-mini.subunit');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'tg-cli-'));
}

test('parse --json gives the documented shape for a real Tempest run', async () => {
  const r = await cli(['parse', MINI, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const results = JSON.parse(r.stdout) as RunResults;
  assert.equal(results.schema, RESULTS_SCHEMA);
  assert.equal(results.format, 'subunit-v2');
  assert.deepEqual([results.counts.success, results.counts.fail, results.counts.skip], [30, 2, 1]);
  const uptime = results.tests.find((t) => t.method === 'test_get_hypervisor_uptime')!;
  assert.equal(uptime.status, 'fail');
  assert.equal(uptime.idempotentId, '91a50d7d-1c2b-4f24-b55a-a1fe20efca70');
  assert.equal(uptime.className, 'tempest.api.compute.admin.test_hypervisor.HypervisorAdminTestJSON');
  assert.match(uptime.worker ?? '', /^worker-\d$/);
  assert.ok(uptime.duration! > 0 && uptime.duration! < 5);
  const tb = uptime.attachments.find((a) => a.name === 'traceback')!;
  assert.match(tb.text, /None of the hypervisors had a valid uptime/);
  // Passing tests keep attachment names and sizes, not their text (memory stays with test count).
  const ok = results.tests.find((t) => t.status === 'success' && t.attachments.length > 0)!;
  assert.equal(ok.attachments[0]!.text, '');
  assert.ok(ok.attachments[0]!.size > 0);
});

test('a damaged stream: partial results on stdout, one line naming file and byte offset, exit 3', async () => {
  const dir = tmp();
  try {
    const bytes = Buffer.from(readFileSync(MINI));
    bytes[5000] = (bytes[5000] as number) ^ 0xff; // corrupt one packet
    const bad = join(dir, 'bad.subunit');
    writeFileSync(bad, bytes.subarray(0, bytes.length - 100)); // and cut the end
    const r = await cli(['parse', bad, '--json']);
    assert.equal(r.code, 3);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, new RegExp(`^tempest-gate parse: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: byte \\d+: .*kept \\d+ tests$`));
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    const results = JSON.parse(r.stdout) as RunResults;
    assert.ok(results.tests.length >= 30, `kept ${results.tests.length}`);
    assert.ok(results.damage.length >= 2);
    assert.ok(results.damage.every((d) => Number.isInteger(d.offset) && d.offset < bytes.length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an empty file is an empty run, not a crash', async () => {
  const dir = tmp();
  try {
    const empty = join(dir, 'empty.subunit');
    writeFileSync(empty, '');
    const r = await cli(['parse', empty, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const results = JSON.parse(r.stdout) as RunResults;
    assert.equal(results.tests.length, 0);
    assert.deepEqual(results.damage, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing file and bad flags: one line, usage or input exit codes', async () => {
  const missing = await cli(['parse', '/nonexistent/x.subunit']);
  assert.equal(missing.code, 3);
  assert.equal(missing.stderr, 'tempest-gate parse: /nonexistent/x.subunit: cannot read: no such file\n');
  const flag = await cli(['parse', MINI, '--to', 'yaml']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /^tempest-gate parse: --to must be one of/);
  const unknown = await cli(['parse', MINI, '--bogus']);
  assert.equal(unknown.code, 2);
  const verb = await cli(['frobnicate']);
  assert.equal(verb.code, 2);
  assert.match(verb.stderr, /unknown verb 'frobnicate'/);
});

test('stdin and --help', async () => {
  const r = await cli(['parse', '-', '--json'], { stdin: readFileSync(MINI) });
  assert.equal(r.code, 0);
  assert.equal((JSON.parse(r.stdout) as RunResults).tests.length, 33);
  const help = await cli(['parse', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: tempest-gate parse/);
  assert.match(help.stdout, /Exit codes:/);
});

test('an attachment over the cap is cut, with the size that was cut', async () => {
  const dir = tmp();
  try {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const packets = [encodePacket({ testId: 't.T.test_big', status: 'inprogress' })];
    for (let i = 0; i < 32; i++) packets.push(encodePacket({ testId: 't.T.test_big', fileName: 'stdout', fileBytes: chunk }));
    packets.push(encodePacket({ testId: 't.T.test_big', status: 'fail' }));
    const file = join(dir, 'big.subunit');
    writeFileSync(file, Buffer.concat(packets));
    const r = await cli(['parse', file, '--json', '--attachment-cap', '100000']);
    assert.equal(r.code, 0, r.stderr);
    const att = (JSON.parse(r.stdout) as RunResults).tests[0]!.attachments[0]!;
    assert.equal(att.size, 32 * 64 * 1024);
    assert.equal(att.text.length, 100000);
    assert.equal(att.truncatedBytes, 32 * 64 * 1024 - 100000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a v2 stream behind a stray line of output is still read as v2, the stray bytes reported', async () => {
  const dir = tmp();
  try {
    const file = join(dir, 'noisy.subunit');
    writeFileSync(file, Buffer.concat([Buffer.from('WARNING: tempest.conf is deprecated\n'), readFileSync(MINI)]));
    const r = await cli(['parse', file, '--json']);
    assert.equal(r.code, 3);
    const results = JSON.parse(r.stdout) as RunResults;
    assert.equal(results.format, 'subunit-v2');
    assert.equal(results.tests.length, 33);
    assert.deepEqual(
      results.damage.map((d) => [d.kind, d.offset]),
      [['garbage', 0]],
    );
    // A plain subunit v1 file is still v1.
    const v1 = await cli(['parse', join(FIX, 'refstack-client-testrepository-0.v1.subunit'), '--json']);
    assert.equal((JSON.parse(v1.stdout) as RunResults).format, 'subunit-v1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
