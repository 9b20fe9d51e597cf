// subunit v2 decoder: bytes in, StreamResult-style events out, incrementally over chunks.
//
// The reference is python-subunit's ByteStreamToStreamResult (subunit/v2.py). We follow it byte for
// byte, including how it recovers from damage, because users compare our numbers with what
// subunit2junitxml / stestr show for the same file:
// - outside a packet, a 0xB3 byte starts a packet only when the bytes before it do not end in the
//   middle of a UTF-8 character (python feeds non-subunit bytes through an incremental UTF-8
//   decoder whose state survives packets and errors);
// - a bad packet consumes exactly `length` bytes (its declared length) and parsing resumes after it;
// - a declared length under 6 makes python read(-n), which swallows the rest of the input.
// Each bad packet becomes a Damage record with the byte offset of its signature.
import { crc32 } from 'node:zlib';
import { crc32Table, packetCrc } from './crc32.ts';
import { microsFromIso, type Damage, type DamageKind, type TestRecord, type TestStatus } from './model.ts';

export const SIGNATURE = 0xb3;
export const FLAG_TEST_ID = 0x0800;
export const FLAG_ROUTE_CODE = 0x0400;
export const FLAG_TIMESTAMP = 0x0200;
export const FLAG_RUNNABLE = 0x0100;
export const FLAG_TAGS = 0x0080;
export const FLAG_FILE_CONTENT = 0x0040;
export const FLAG_MIME_TYPE = 0x0020;
export const FLAG_EOF = 0x0010;
export const VERSION_2 = 0x2000;

export const STATUS_CODES: readonly (TestStatus | null)[] = [null, 'exists', 'inprogress', 'success', 'uxsuccess', 'skip', 'fail', 'xfail'];

/** One packet, as python-subunit's `status(...)` call receives it. */
export interface StreamEvent {
  /** Byte offset of the packet's signature. */
  offset: number;
  testId: string | null;
  status: TestStatus | null;
  tags: string[] | null;
  runnable: boolean;
  mimeType: string | null;
  eof: boolean;
  fileName: string | null;
  fileBytes: Uint8Array | null;
  routeCode: string | null;
  /** Microseconds since the epoch, rounded as python's timedelta rounds nanoseconds. */
  timestamp: number | null;
}

export interface StreamSink {
  status(event: StreamEvent): void;
  damage(damage: Damage): void;
  /**
   * The input passed so far is about to be overwritten (a reused read buffer): copy out any bytes
   * still held by reference (attachment pieces of open tests).
   */
  detach?(): void;
}

class ParseError extends Error {
  readonly kind: DamageKind;
  constructor(kind: DamageKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Mirrors CPython's incremental UTF-8 decoder fed one byte at a time: `mid` says whether the bytes
 * so far end inside a character. On an invalid byte CPython raises without touching its buffer, so
 * the pending prefix stays; we keep that quirk.
 */
class Utf8Tracker {
  private pending: number[] = [];
  mid = false;

  feed(byte: number): void {
    const p = this.pending;
    if (p.length === 0) {
      if (byte < 0x80) this.mid = false;
      else if (byte >= 0xc2 && byte <= 0xf4) {
        p.push(byte);
        this.mid = true;
      } else this.mid = false;
      return;
    }
    const lead = p[0] as number;
    let lo = 0x80;
    let hi = 0xbf;
    if (p.length === 1) {
      if (lead === 0xe0) lo = 0xa0;
      else if (lead === 0xed) hi = 0x9f;
      else if (lead === 0xf0) lo = 0x90;
      else if (lead === 0xf4) hi = 0x8f;
    }
    if (byte < lo || byte > hi) {
      // Invalid: python's decode() raises; its buffer keeps the old prefix.
      this.mid = false;
      return;
    }
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (p.length + 1 === need) {
      this.pending = [];
      this.mid = false;
    } else {
      p.push(byte);
      this.mid = true;
    }
  }
}

function roundHalfEven(numerator: number, denominator: number): number {
  const q = Math.floor(numerator / denominator);
  const r = numerator - q * denominator;
  const twice = 2 * r;
  if (twice > denominator) return q + 1;
  if (twice < denominator) return q;
  return q % 2 === 0 ? q : q + 1;
}

/**
 * Where the last readVarint/readString stopped. The readers return their value and leave the
 * position here rather than in a [value, position] pair: no array per field of every packet.
 */
let cursor = 0;

/** Read a subunit varint at `pos` of `body` (bounded by `end`); `cursor` is left after it. */
function readVarint(body: Uint8Array, pos: number, end: number, max3: boolean): number {
  if (pos >= end) throw new ParseError('malformed', `varint at body offset ${pos} is past the end of the packet`);
  const b0 = body[pos] as number;
  const type = b0 & 0xc0;
  let value = b0 & 0x3f;
  if (type === 0x00) {
    cursor = pos + 1;
    return value;
  }
  const size = type === 0x40 ? 2 : type === 0x80 ? 3 : 4;
  if (size === 4 && max3) throw new ParseError('malformed', '3 byte maximum given but 4 byte value found.');
  if (pos + size > end) throw new ParseError('malformed', `varint at body offset ${pos} is past the end of the packet`);
  for (let i = 1; i < size; i++) value = value * 256 + (body[pos + i] as number);
  cursor = pos + size;
  return value;
}

const NO_BYTES = new Uint8Array(0);
const CRC_TABLE = crc32Table();

/**
 * The bytes being decoded as a DataView, and where the packet array's first byte sits in it: set by
 * drain before each packet, since reading a typed array's `.buffer` is a call into the runtime,
 * too dear for every compare.
 */
const EMPTY_VIEW: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
let bodyView = EMPTY_VIEW;
let bodyBase = 0;

/**
 * Whether body[start..] begins with the last string's bytes; from the end, where test ids differ.
 * Eight bytes at a time as float64 (DataView reads unaligned; in V8 a float64 read and compare
 * costs less than two uint32 ones): equal bits are equal floats except NaN, which only makes a
 * same string read as different (it is then decoded: slower, not wrong), and different bits
 * compare equal only for +0 and -0, eight and seven NUL bytes, which the last string (decoded
 * text, checked for NUL) never holds.
 */
function sameBytes(body: Uint8Array, start: number, last: LastString): boolean {
  const bytes = last.bytes;
  const n = bytes.length;
  if (n < 8) {
    for (let i = n - 1; i >= 0; i--) if (body[start + i] !== bytes[i]) return false;
    return true;
  }
  const a = bodyView;
  const b = last.view;
  const i0 = bodyBase + start;
  const j0 = last.at;
  // the last eight bytes first (they overlap the word before when n is not a multiple of 8)
  const end = n - 8;
  if (a.getFloat64(i0 + end, true) !== b.getFloat64(j0 + end, true)) return false;
  for (let k = 0; k < end; k += 8) if (a.getFloat64(i0 + k, true) !== b.getFloat64(j0 + k, true)) return false;
  return true;
}

/**
 * The last string read for one field. Packets of a test repeat its id (start, every attachment
 * chunk, end) and attachments repeat their name and MIME type: comparing the bytes with the
 * previous value's in place is cheaper than decoding again, and gives the aggregator the very same
 * string (its hash already computed for the map lookups).
 */
interface LastString {
  bytes: Uint8Array;
  text: string;
  /** `bytes` as a DataView and where they start in it (for sameBytes). */
  view: DataView<ArrayBufferLike>;
  at: number;
}

const noString = (): LastString => ({ bytes: NO_BYTES, text: '', view: EMPTY_VIEW, at: 0 });

/** Read a subunit string at `pos`; `cursor` is left after it. */
function readString(body: Uint8Array, pos: number, end: number, last?: LastString): string {
  const length = readVarint(body, pos, end, false);
  const start = cursor;
  if (start + length > end) {
    throw new ParseError('malformed', `UTF8 string extends past end of packet: claimed ${length} bytes, ${Math.max(0, end - start)} available`);
  }
  const stop = start + length;
  cursor = stop;
  if (last !== undefined && last.bytes.length === length && sameBytes(body, start, last)) return last.text;
  const view = body.subarray(start, stop);
  let text: string;
  // No JS loop over the bytes: V8's decoder validates natively (SIMD), far faster per byte. NUL is
  // looked for after, except on a decode error: python-subunit checks NUL first, so a string with
  // both is reported as NUL.
  try {
    text = utf8.decode(view);
  } catch {
    if (view.indexOf(0) >= 0) throw new ParseError('utf8', 'UTF8 string contains NUL byte');
    throw new ParseError('utf8', 'UTF8 string is not valid UTF-8');
  }
  if (text.indexOf('\0') >= 0) throw new ParseError('utf8', 'UTF8 string contains NUL byte');
  if (last !== undefined) {
    // a view, not a copy (allocating a buffer costs more than the decode): it pins one input
    // chunk until the field's next new value
    last.bytes = view;
    last.text = text;
    last.view = bodyView;
    last.at = bodyBase + start;
  }
  return text;
}

/**
 * A plain Uint8Array over the same bytes. Buffer#subarray makes a Buffer (FastBuffer) each call,
 * several times slower than a Uint8Array view, and the decoder takes a few views per packet.
 */
function plain(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface DecoderOptions {
  /**
   * Take every CRC as good. Only for a caller that checks them elsewhere and decodes again,
   * checking, when one is bad (edges/crc-check.ts does the checking on another core).
   */
  trustCrc?: boolean;
}

/** Incremental decoder. Feed chunks with `push`, then call `end` once. */
export class SubunitV2Decoder {
  private readonly sink: StreamSink;
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /** Stream offset of the first byte in `chunks`. */
  private base = 0;
  private readonly utf8 = new Utf8Tracker();
  /** After a declared length under 6, python reads to EOF: everything else is swallowed. */
  private swallowFrom: number | null = null;
  private garbageStart: number | null = null;
  private garbageBytes = 0;
  private readonly lastId = noString();
  private readonly lastMime = noString();
  private readonly lastFile = noString();
  /** Tags and route codes: a run has a few (worker-0..N), alternating from test to test. */
  private readonly recentShort: LastString[] = Array.from({ length: 32 }, noString);

  /** Whether this decoder checks CRCs; see DecoderOptions.trustCrc. */
  private readonly checkCrc: boolean;

  constructor(sink: StreamSink, options: DecoderOptions = {}) {
    this.sink = sink;
    this.checkCrc = options.trustCrc !== true;
  }

  /**
   * Feed the next bytes. With `transient`, the caller reuses `input`'s memory once this returns
   * (one read buffer for a whole file: no fresh pages to fault in per chunk), so nothing may keep
   * a view of it: the unread tail is copied, the repeat-string memory forgotten, and the sink told
   * to detach what it holds.
   */
  push(input: Uint8Array, transient = false): void {
    this.feed(input);
    if (!transient) return;
    if (this.chunks.length) this.chunks = [new Uint8Array(this.joined())]; // a copy even of a Node Buffer
    // (the text too: an empty string would match the empty bytes)
    for (const last of [this.lastId, this.lastMime, this.lastFile, ...this.recentShort]) {
      last.bytes = NO_BYTES;
      last.text = '';
      last.view = EMPTY_VIEW;
    }
    this.sink.detach?.();
  }

  private feed(input: Uint8Array): void {
    let chunk = plain(input);
    if (chunk.length === 0) return;
    if (this.swallowFrom === null && this.buffered > 0) {
      // The unread tail is the start of a packet: complete it with just the bytes it lacks, rather
      // than joining the tail with the whole chunk (a copy of every input byte, over a run).
      const lacking = this.tailLacks();
      if (lacking > 0 && lacking <= chunk.length) {
        this.chunks.push(chunk.subarray(0, lacking));
        this.buffered += lacking;
        this.drain(false);
        chunk = chunk.subarray(lacking);
        if (chunk.length === 0) return;
      }
    }
    if (this.swallowFrom !== null) {
      this.base += chunk.length;
      return;
    }
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.drain(false);
  }

  /** Bytes the packet starting the unread tail still needs, or 0 when that is not known. */
  private tailLacks(): number {
    const tail = this.joined();
    if (tail[0] !== SIGNATURE || this.utf8.mid || tail.length < 6) return 0;
    const b0 = tail[3] as number;
    if ((b0 & 0xc0) === 0xc0) return 0;
    const size = (b0 & 0xc0) === 0 ? 1 : (b0 & 0xc0) === 0x40 ? 2 : 3;
    let length = b0 & 0x3f;
    for (let i = 1; i < size; i++) length = length * 256 + (tail[3 + i] as number);
    return length > tail.length ? length - tail.length : 0;
  }

  end(): void {
    bodyView = EMPTY_VIEW; // it would keep the stream's last buffer alive
    if (this.swallowFrom !== null) {
      this.flushGarbage();
      this.sink.damage({
        kind: 'truncated',
        offset: this.swallowFrom,
        message: `declared packet length under 6 bytes: the rest of the stream (${this.base - this.swallowFrom} bytes) could not be read`,
      });
      this.swallowFrom = null;
      return;
    }
    this.drain(true);
    this.flushGarbage();
  }

  private flushGarbage(): void {
    if (this.garbageStart !== null) {
      this.sink.damage({
        kind: 'garbage',
        offset: this.garbageStart,
        message: `${this.garbageBytes} bytes of non-subunit data`,
      });
      this.garbageStart = null;
      this.garbageBytes = 0;
    }
  }

  /** Join the buffered chunks into one array (cheap when there is one). */
  private joined(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0] as Uint8Array;
    const all = plain(Buffer.concat(this.chunks, this.buffered));
    this.chunks = [all];
    return all;
  }

  private drain(final: boolean): void {
    let data = this.joined();
    let pos = 0;
    const len = data.length;
    const view = new DataView(data.buffer);
    const base = data.byteOffset;
    while (pos < len) {
      const byte = data[pos] as number;
      if (byte !== SIGNATURE || this.utf8.mid) {
        if (this.garbageStart === null) this.garbageStart = this.base + pos;
        this.garbageBytes++;
        this.utf8.feed(byte);
        pos++;
        continue;
      }
      this.flushGarbage();
      // set for each packet: a sink that decodes another stream from its callback moves them
      bodyView = view;
      bodyBase = base;
      const used = this.packet(data, pos, final);
      if (used === 0) break; // need more bytes
      pos += used;
    }
    // Keep the unread tail for the next chunk.
    if (this.swallowFrom !== null) {
      this.base += len;
      this.chunks = [];
      this.buffered = 0;
      return;
    }
    this.base += pos;
    data = data.subarray(pos);
    this.chunks = data.length ? [data] : [];
    this.buffered = data.length;
  }

  /**
   * Parse the packet at data[p]. Returns the bytes consumed, or 0 when more input is needed.
   * At the end of input (`final`), a short packet is damage and consumes what is left.
   */
  private packet(data: Uint8Array, p: number, final: boolean): number {
    const avail = data.length - p;
    const offset = this.base + p;
    if (avail < 6) {
      if (!final) return 0;
      this.fail(offset, 'truncated', `Short read - got ${avail - 1} bytes, wanted 5 bytes`);
      return avail;
    }
    const flags = ((data[p + 1] as number) << 8) | (data[p + 2] as number);
    let length: number;
    let lenBytes: number;
    try {
      length = readVarint(data, p + 3, p + 6, true);
      lenBytes = cursor - (p + 3);
    } catch (err) {
      this.fail(offset, 'malformed', (err as Error).message);
      return 6;
    }
    if (length < 6) {
      this.fail(offset, 'truncated', `declared packet length ${length} is under the 6-byte minimum`);
      this.swallowFrom = offset;
      return avail;
    }
    if (avail < length) {
      if (!final) return 0;
      this.fail(offset, 'truncated', `Short read - got ${avail - 6} bytes, wanted ${length - 6} bytes`);
      return avail;
    }
    const end = p + length;
    if (lenBytes === 3 && length < 10) {
      // python-subunit crashes here (struct.error on a CRC shorter than 4 bytes); we call it damage.
      this.fail(offset, 'crc', `packet length ${length} leaves no room for its CRC`);
      return length;
    }
    const stored = (((data[end - 4] as number) << 24) | ((data[end - 3] as number) << 16) | ((data[end - 2] as number) << 8) | (data[end - 1] as number)) >>> 0;
    const computed = this.checkCrc ? packetCrc(CRC_TABLE, crc32, data, p, end - 4) : stored;
    if (stored !== computed) {
      this.fail(offset, 'crc', `Bad checksum - calculated (0x${computed.toString(16)}), stored (0x${stored.toString(16)})`);
      return length;
    }
    try {
      this.sink.status(this.fields(data, flags, p + 3 + lenBytes, end - 4, offset));
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      this.fail(offset, err.kind, err.message);
    }
    return length;
  }

  /**
   * A tag or route code: compared in place with the one last seen in its slot, or read and kept
   * there. The slot comes from the length and the last byte: `worker-0` to `worker-15` (stestr's
   * tags) and the route codes `0` and `1` each have their own, so a tag costs one compare.
   */
  private readShort(body: Uint8Array, pos: number, end: number): string {
    const length = readVarint(body, pos, end, false);
    const start = cursor;
    if (start + length > end) return readString(body, pos, end); // reports the overrun
    const slot = this.recentShort[((length > 0 ? (body[start + length - 1] as number) : 0) + length * 10) & 31]!;
    if (slot.bytes.length === length && sameBytes(body, start, slot)) {
      cursor = start + length;
      return slot.text;
    }
    return readString(body, pos, end, slot);
  }

  private fields(body: Uint8Array, flags: number, start: number, end: number, offset: number): StreamEvent {
    let pos = start;
    let timestamp: number | null = null;
    if (flags & FLAG_TIMESTAMP) {
      if (pos + 4 > end) throw new ParseError('malformed', 'timestamp extends past end of packet');
      const seconds = (((body[pos] as number) << 24) | ((body[pos + 1] as number) << 16) | ((body[pos + 2] as number) << 8) | (body[pos + 3] as number)) >>> 0;
      const nanos = readVarint(body, pos + 4, end, false);
      pos = cursor;
      timestamp = seconds * 1_000_000 + roundHalfEven(nanos, 1000);
    }
    let testId: string | null = null;
    if (flags & FLAG_TEST_ID) {
      testId = readString(body, pos, end, this.lastId);
      pos = cursor;
    }
    let tags: string[] | null = null;
    if (flags & FLAG_TAGS) {
      const count = readVarint(body, pos, end, false);
      pos = cursor;
      // a set, as python keeps it; a run has a tag or two per packet, so a list does
      tags = [];
      for (let i = 0; i < count; i++) {
        const tag = this.readShort(body, pos, end);
        pos = cursor;
        if (!tags.includes(tag)) tags.push(tag);
      }
    }
    let mimeType: string | null = null;
    if (flags & FLAG_MIME_TYPE) {
      mimeType = readString(body, pos, end, this.lastMime);
      pos = cursor;
    }
    let fileName: string | null = null;
    let fileBytes: Uint8Array | null = null;
    if (flags & FLAG_FILE_CONTENT) {
      fileName = readString(body, pos, end, this.lastFile);
      const size = readVarint(body, cursor, end, false);
      pos = cursor;
      if (pos + size > end) {
        throw new ParseError('malformed', `File content extends past end of packet: claimed ${size} bytes, ${Math.max(0, end - pos)} available`);
      }
      fileBytes = body.subarray(pos, pos + size);
      pos += size;
    }
    let routeCode: string | null = null;
    if (flags & FLAG_ROUTE_CODE) routeCode = this.readShort(body, pos, end);
    return {
      offset,
      testId,
      status: STATUS_CODES[flags & 0x7] ?? null,
      tags,
      runnable: (flags & FLAG_RUNNABLE) !== 0,
      mimeType,
      eof: (flags & FLAG_EOF) !== 0,
      fileName,
      fileBytes,
      routeCode,
      timestamp,
    };
  }

  private fail(offset: number, kind: DamageKind, message: string): void {
    this.sink.damage({ kind, offset, message });
  }
}

// ---------------------------------------------------------------------------------------------
// Writer: the inverse, used by tests, benchmarks and `parse --to subunit`.

function varintBytes(value: number): number[] {
  if (value < 0x40) return [value];
  if (value < 0x4000) return [0x40 | (value >> 8), value & 0xff];
  if (value < 0x400000) return [0x80 | (value >> 16), (value >> 8) & 0xff, value & 0xff];
  if (value < 0x40000000) return [0xc0 | (value >>> 24), (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
  throw new RangeError(`varint too large: ${value}`);
}

const encoder = new TextEncoder();

function stringBytes(out: number[], text: string): Uint8Array[] {
  const bytes = encoder.encode(text);
  out.push(...varintBytes(bytes.length));
  return [bytes];
}

export interface PacketInput {
  testId?: string;
  status?: TestStatus | null;
  tags?: string[];
  runnable?: boolean;
  mimeType?: string;
  eof?: boolean;
  fileName?: string;
  fileBytes?: Uint8Array;
  routeCode?: string;
  /** Microseconds since the epoch. */
  timestamp?: number;
}

/** Encode one subunit v2 packet. */
export function encodePacket(input: PacketInput): Uint8Array {
  let flags = VERSION_2;
  const parts: (number[] | Uint8Array)[] = [];
  const push = (nums: number[], extra: Uint8Array[] = []): void => {
    parts.push(nums, ...extra);
  };
  if (input.timestamp !== undefined) {
    flags |= FLAG_TIMESTAMP;
    const seconds = Math.floor(input.timestamp / 1_000_000);
    const nanos = (input.timestamp - seconds * 1_000_000) * 1000;
    push([(seconds >>> 24) & 0xff, (seconds >> 16) & 0xff, (seconds >> 8) & 0xff, seconds & 0xff, ...varintBytes(nanos)]);
  }
  if (input.testId !== undefined) {
    flags |= FLAG_TEST_ID;
    const n: number[] = [];
    push(n, stringBytes(n, input.testId));
  }
  if (input.tags !== undefined) {
    flags |= FLAG_TAGS;
    push(varintBytes(input.tags.length));
    for (const tag of input.tags) {
      const n: number[] = [];
      push(n, stringBytes(n, tag));
    }
  }
  if (input.mimeType !== undefined) {
    flags |= FLAG_MIME_TYPE;
    const n: number[] = [];
    push(n, stringBytes(n, input.mimeType));
  }
  if (input.fileName !== undefined) {
    flags |= FLAG_FILE_CONTENT;
    const n: number[] = [];
    const name = stringBytes(n, input.fileName);
    const bytes = input.fileBytes ?? new Uint8Array();
    push(n, name);
    push(varintBytes(bytes.length), [bytes]);
  }
  if (input.routeCode !== undefined) {
    flags |= FLAG_ROUTE_CODE;
    const n: number[] = [];
    push(n, stringBytes(n, input.routeCode));
  }
  if (input.runnable ?? true) flags |= FLAG_RUNNABLE;
  if (input.eof) flags |= FLAG_EOF;
  const code = input.status ? STATUS_CODES.indexOf(input.status) : 0;
  if (code < 0) throw new RangeError(`status '${String(input.status)}' has no subunit v2 code`);
  flags |= code;

  let bodyLength = 0;
  for (const part of parts) bodyLength += part.length;
  // signature + flags(2) + length varint + body + crc(4); the length counts itself.
  let total = 1 + 2 + 1 + bodyLength + 4;
  for (;;) {
    const size = varintBytes(total).length;
    const next = 1 + 2 + size + bodyLength + 4;
    if (next === total) break;
    total = next;
  }
  const out = new Uint8Array(total);
  let pos = 0;
  out[pos++] = SIGNATURE;
  out[pos++] = (flags >> 8) & 0xff;
  out[pos++] = flags & 0xff;
  for (const b of varintBytes(total)) out[pos++] = b;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  const crc = crc32(out.subarray(0, pos)) >>> 0;
  out[pos++] = (crc >>> 24) & 0xff;
  out[pos++] = (crc >>> 16) & 0xff;
  out[pos++] = (crc >>> 8) & 0xff;
  out[pos] = crc & 0xff;
  return out;
}

/**
 * Write test records back as a subunit v2 stream: per test an inprogress packet (start, tags),
 * one packet per kept attachment, and the closing status packet (stop). Tests that never finished
 * get no closing packet, so a reader sees them as inprogress again.
 */
export function encodeRecords(tests: readonly TestRecord[]): Uint8Array {
  const out: Uint8Array[] = [];
  for (const t of tests) {
    const route = t.routeCode === null ? {} : { routeCode: t.routeCode };
    const start = t.start === null ? {} : { timestamp: microsFromIso(t.start) };
    out.push(encodePacket({ testId: t.id, status: 'inprogress', tags: t.tags, ...route, ...start }));
    for (const a of t.attachments) {
      if (a.text === '') continue;
      out.push(encodePacket({ testId: t.id, fileName: a.name, mimeType: a.contentType, fileBytes: encoder.encode(a.text), eof: true, ...route, ...start }));
    }
    if (t.status === 'inprogress' || t.status === 'unknown') continue;
    const stop = t.stop === null ? {} : { timestamp: microsFromIso(t.stop) };
    out.push(encodePacket({ testId: t.id, status: t.status, tags: t.tags, ...route, ...stop }));
  }
  return Buffer.concat(out);
}
