// CRCs checked on a worker thread while the main thread decodes trusting them (edges/crc-check.ts,
// parse's readWith): a clean file reads as one checked pass would read it; a file that is not a
// clean chain of good packets is read again, checking, with the same result as a checked pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResults } from '../../src/core/results/parse.ts';
import { summarize } from '../../src/core/results/model.ts';
import { crc32 } from 'node:zlib';
import { crc32Short, crc32Table, packetCrc } from '../../src/core/results/crc32.ts';
import { startCrcCheck } from '../../src/edges/crc-check.ts';
import { parseFile, summarizeFile } from '../../src/stages/results.ts';
import { encodePacket } from '../../src/core/results/subunit-v2.ts';
import { injure, type Injury } from '../helpers/streams.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
const v2 = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.subunit') && !f.includes('.v1.'))
  .map((f) => join(FIXTURES, f));

test('the worker finds every real v2 fixture clean, packet by packet, whatever its read size', async () => {
  for (const file of v2) {
    for (const size of [64, 1 << 20]) {
      const v = await startCrcCheck(file, size).verdict;
      assert.equal(v.clean, true, `${file}: ${v.reason}`);
      const results = parseResults(readFileSync(file));
      assert.equal(results.damage.length, 0);
      assert.ok(v.packets > results.tests.length, `${file}: ${v.packets} packets`);
    }
  }
});

test('a bad CRC, stray bytes, a cut end or a bad length: the worker says not clean, and where', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-crc-'));
  try {
    const bytes = readFileSync(v2[0]!);
    const cases: [string, Uint8Array, RegExp][] = [
      ['flip', Uint8Array.from(bytes, (b, i) => (i === Math.floor(bytes.length / 2) ? b ^ 0x01 : b)), /bad CRC|not a packet signature|packet length/],
      ['garbage', Buffer.concat([bytes.subarray(0, 100), Buffer.from('stray output\n'), bytes.subarray(100)]), /not a packet signature|bad CRC|packet length/],
      ['cut', bytes.subarray(0, bytes.length - 3), /cut short/],
      ['leading', Buffer.concat([Buffer.from('x'), bytes]), /byte 0 is not a packet signature/],
    ];
    for (const [name, data, why] of cases) {
      const file = join(dir, `${name}.subunit`);
      writeFileSync(file, data);
      const v = await startCrcCheck(file, 4096).verdict;
      assert.equal(v.clean, false, name);
      assert.match(v.reason ?? '', why, name);
    }
    const missing = await startCrcCheck(join(dir, 'missing.subunit')).verdict;
    assert.equal(missing.clean, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the JS CRC for short packets, and the choice between it and zlib's, is zlib's at every length and offset", () => {
  const table = crc32Table();
  const bytes = new Uint8Array(1200);
  let seed = 20261207;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  for (let from = 0; from < 9; from++) {
    for (let end = from; end <= bytes.length; end++) {
      const zlib = crc32(bytes.subarray(from, end)) >>> 0;
      assert.equal(crc32Short(table, bytes, from, end), zlib, `bytes ${from} to ${end}`);
      assert.equal(packetCrc(table, crc32, bytes, from, end), zlib, `bytes ${from} to ${end}, either way`);
    }
  }
});

test("packets either side of the worker's cut between its CRC and zlib's: good ones pass, one bit flipped fails", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-crc-len-'));
  try {
    const packets = Array.from({ length: 700 }, (_, n) => encodePacket({ testId: 'x'.repeat(n + 1), status: 'success' }));
    const good = join(dir, 'good.subunit');
    writeFileSync(good, Buffer.concat(packets));
    const clean = await startCrcCheck(good, 1 << 16).verdict;
    assert.deepEqual([clean.clean, clean.packets], [true, packets.length], clean.reason);
    const around = packets.filter((p) => [40, 511, 512, 513, 700].includes(p.length));
    assert.equal(around.length, 5);
    for (const packet of around) {
      for (const at of [6, packet.length - 5]) {
        const bad = Uint8Array.from(packet);
        bad[at]! ^= 0x10;
        const file = join(dir, `bad-${packet.length}-${at}.subunit`);
        writeFileSync(file, Buffer.concat([packets[0]!, bad, packets[1]!]));
        const v = await startCrcCheck(file, 1 << 16).verdict;
        assert.deepEqual([v.clean, v.reason], [false, `byte ${packets[0]!.length}: bad CRC`], `${packet.length}-byte packet, bit flipped at ${at}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('parse with the worker: clean and damaged files give exactly what one checked pass gives', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-crc-'));
  try {
    const files = [...v2];
    // damaged copies: a flipped bit, inserted bytes, a cut, deleted bytes
    const base = readFileSync(v2[0]!);
    const n = base.length;
    const injuries: Injury[] = [
      { kind: 'flip', at: Math.floor(n / 2), xor: 0x08 },
      { kind: 'insert', at: Math.floor(n * 0.3), bytes: [0xb3, 0x20, 0x01, 0xff] },
      { kind: 'truncate', at: Math.floor(n * 0.7) },
      { kind: 'delete', at: Math.floor(n * 0.2), count: 9 },
    ];
    injuries.forEach((inj, i) => {
      const file = join(dir, `injured-${i}.subunit`);
      writeFileSync(file, injure(base, inj));
      files.push(file);
    });
    let damaged = 0;
    for (const file of files) {
      const checked = parseResults(readFileSync(file));
      if (checked.damage.length) damaged++;
      const viaWorker = await parseFile(file, process.stdin, undefined, { crcWorkerMinBytes: 0 });
      assert.deepEqual(viaWorker, checked, file);
      const summary = await summarizeFile(file, process.stdin, undefined, { crcWorkerMinBytes: 0 });
      assert.deepEqual(summary, summarize(checked), file);
    }
    assert.ok(damaged >= 3, `${damaged} damaged files exercised`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
