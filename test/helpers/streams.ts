// Generated subunit v2 streams for property tests and benchmarks.
import fc from 'fast-check';
import { encodePacket, type PacketInput } from '../../src/core/results/subunit-v2.ts';
import type { TestStatus } from '../../src/core/results/model.ts';

const FINAL: TestStatus[] = ['success', 'fail', 'skip', 'xfail', 'uxsuccess', 'exists'];

export interface GenTest {
  id: string;
  status: TestStatus | null;
  worker: number;
  tags: string[];
  route: string | undefined;
  /** Attachments: name → chunks of text sent in separate packets. */
  files: { name: string; mime: string | undefined; chunks: string[] }[];
  start: number;
  durationUs: number;
  /** Whether the test gets a closing packet at all. */
  finished: boolean;
}

const idChars = fc.constantFrom(...'abcxyz_.0123456789[],-'.split(''), 'é', '→', ' ');
const text = fc.string({ unit: fc.constantFrom(...'abc \n\tXYZ:{}()'.split(''), 'ü', '日', '😀'), maxLength: 40 });

export const genTest: fc.Arbitrary<GenTest> = fc.record({
  id: fc.oneof(
    fc.string({ unit: idChars, minLength: 1, maxLength: 30 }).map((s) => `tempest.api.${s}`),
    fc.uuid().map((u) => `tempest.api.compute.test_x.T.test_y[id-${u},smoke]`),
    fc.constant('setUpClass (tempest.api.compute.test_z.ZTest)'),
  ),
  status: fc.constantFrom<TestStatus | null>(...FINAL, 'inprogress', null),
  worker: fc.integer({ min: 0, max: 3 }),
  tags: fc.uniqueArray(fc.constantFrom('smoke', 'slow', 'network', 'a b'), { maxLength: 3 }),
  route: fc.option(fc.constantFrom('0', '1', '0/1'), { nil: undefined }),
  files: fc.array(
    fc.record({
      name: fc.constantFrom('traceback', 'reason', 'stdout', "pythonlogging:''", 'stderr'),
      mime: fc.option(fc.constantFrom('text/plain;charset=utf8', 'text/x-traceback; charset="utf8"; language="python"'), { nil: undefined }),
      chunks: fc.array(text, { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
  start: fc.integer({ min: 1_400_000_000, max: 1_900_000_000 }).map((s) => s * 1_000_000),
  durationUs: fc.integer({ min: 0, max: 5_000_000 }),
  finished: fc.boolean(),
});

const enc = new TextEncoder();

/** Packets for a list of tests, as a runner writes them (start, attachments, end). */
export function testPackets(t: GenTest): PacketInput[] {
  const tags = [...t.tags, `worker-${t.worker}`];
  const base = { testId: t.id, ...(t.route !== undefined ? { routeCode: t.route } : {}) };
  const packets: PacketInput[] = [{ ...base, status: 'inprogress', tags, timestamp: t.start }];
  for (const f of t.files) {
    f.chunks.forEach((chunk, i) => {
      packets.push({
        ...base,
        fileName: f.name,
        fileBytes: enc.encode(chunk),
        ...(f.mime !== undefined ? { mimeType: f.mime } : {}),
        eof: i === f.chunks.length - 1,
        timestamp: t.start + 1,
      });
    });
  }
  if (t.finished) packets.push({ ...base, status: t.status, tags, timestamp: t.start + t.durationUs });
  return packets;
}

/** Interleave tests' packets the way concurrent workers do (deterministic from `seed`). */
export function streamOf(tests: GenTest[], seed = 1): Uint8Array {
  return framedStreamOf(tests, seed).bytes;
}

/** The stream and the offset where each packet ends. */
export function framedStreamOf(tests: GenTest[], seed = 1): { bytes: Uint8Array; ends: number[] } {
  const queues = tests.map(testPackets);
  const out: Uint8Array[] = [];
  const ends: number[] = [];
  let s = seed >>> 0 || 1;
  const active: number[] = [];
  let next = 0;
  while (next < queues.length || active.length) {
    if (next < queues.length && (active.length < 3 || active.length === 0)) active.push(next++);
    s = (s * 1103515245 + 12345) >>> 0;
    const pick = active[s % active.length] as number;
    const q = queues[pick] as PacketInput[];
    const p = q.shift();
    if (p) {
      const packet = encodePacket(p);
      out.push(packet);
      ends.push((ends.at(-1) ?? 0) + packet.length);
    }
    if (q.length === 0) active.splice(active.indexOf(pick), 1);
  }
  return { bytes: Buffer.concat(out), ends };
}

/** Kinds of damage the property tests inject. */
export type Injury =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; count: number };

export const genInjury: fc.Arbitrary<Injury> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0xb3, 0xe2, 0x80, 0xc3)), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 12 }) }),
);

export function injure(stream: Uint8Array, injury: Injury): Uint8Array {
  const n = stream.length;
  if (n === 0) return stream;
  const at = injury.at % n;
  const b = Buffer.from(stream);
  switch (injury.kind) {
    case 'flip':
      b[at] = (b[at] as number) ^ injury.xor;
      return b;
    case 'truncate':
      return b.subarray(0, at);
    case 'insert':
      return Buffer.concat([b.subarray(0, at), Buffer.from(injury.bytes), b.subarray(at)]);
    case 'delete':
      return Buffer.concat([b.subarray(0, at), b.subarray(at + injury.count)]);
  }
}

/**
 * The packets of one file whose content is cut at the given byte offsets (a cut anywhere, inside a
 * UTF-8 character too): one packet per piece, the last marked eof. No `testId`: packets with no
 * test id, as python-subunit writes a runner's passthrough output.
 */
export function filePackets(o: {
  testId?: string;
  routeCode?: string;
  fileName: string;
  mimeType?: string;
  content: Uint8Array;
  cuts: readonly number[];
  timestamp?: number;
}): PacketInput[] {
  const at = [...new Set(o.cuts.filter((c) => c > 0 && c < o.content.length))].sort((a, b) => a - b);
  const bounds = [0, ...at, o.content.length];
  const packets: PacketInput[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    packets.push({
      ...(o.testId !== undefined ? { testId: o.testId } : {}),
      ...(o.routeCode !== undefined ? { routeCode: o.routeCode } : {}),
      ...(o.mimeType !== undefined ? { mimeType: o.mimeType } : {}),
      ...(o.timestamp !== undefined ? { timestamp: o.timestamp } : {}),
      fileName: o.fileName,
      fileBytes: o.content.subarray(bounds[i], bounds[i + 1]),
      eof: i + 2 === bounds.length,
    });
  }
  return packets;
}

/** Generated tests' packets and extra packet queues, interleaved as concurrent workers write them (deterministic from `seed`). */
export function streamWith(tests: GenTest[], extra: PacketInput[][], seed = 1): Uint8Array {
  const queues = [...tests.map(testPackets), ...extra.map((q) => [...q])];
  const out: Uint8Array[] = [];
  let s = seed >>> 0 || 1;
  const active: number[] = [];
  let next = 0;
  while (next < queues.length || active.length) {
    if (next < queues.length && active.length < 3) active.push(next++);
    s = (s * 1103515245 + 12345) >>> 0;
    const pick = active[s % active.length] as number;
    const q = queues[pick] as PacketInput[];
    const p = q.shift();
    if (p) out.push(encodePacket(p));
    if (q.length === 0) active.splice(active.indexOf(pick), 1);
  }
  return Buffer.concat(out);
}
