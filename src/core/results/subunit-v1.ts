// subunit v1 decoder: the line protocol stestr and testrepository keep on disk (`.stestr/N`).
//
// The reference is what Debian's `subunit-1to2` does: python-subunit's TestProtocolServer
// (subunit/__init__.py, subunit/details.py, subunit/chunked.py) feeding testtools'
// ExtendedToStreamDecorator, which turns each v1 outcome into StreamResult events. We emit those
// same events (the StreamEvents subunit-v2.ts emits) into the TestAggregator, so a v1 stream gives
// the records python-subunit gives for `subunit-1to2 < file`, read with StreamToDict:
// - `test: NAME` emits an inprogress event stamped with the last `time:`; the test's tag context is
//   a snapshot of the global tags at that moment, later `tags:` lines in the test change only it;
// - an outcome line must name the current test exactly (byte for byte, the last byte of the line
//   is dropped as python's `line[offset:-1]` drops it, newline or not), or it is non-protocol output;
// - details become attachments emitted at the outcome: a bracketed ` [` block is `traceback`
//   (text/x-traceback; charset="utf8"), `reason` for skip, `message` for success (text/plain);
//   ` [ multipart` holds `Content-Type: type/sub` + name lines with HTTP-chunked bodies;
// - error and failure both become `fail` (`fail:` is not a keyword to python-subunit); progress is
//   read and dropped;
// - a stream ending inside a test reports it as `fail` with python's "lost connection" traceback.
// Where python-subunit crashes (bad time, bad chunk header, invalid UTF-8) or passes lines through as
// non-protocol output, we record a Damage with byte offset and line number and keep going.
// Detail blocks are held until their outcome line (python discards them if the stream ends first),
// but only up to the attachment cap: the rest is counted, and long lines are never gathered whole.
import type { DamageKind, TestStatus } from './model.ts';
import type { StreamEvent, StreamSink } from './subunit-v2.ts';

const NL = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');
const encoder = new TextEncoder();

/** bytes.split() whitespace: what python's `line.split(None, 1)` splits on. */
function isByteSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;
}

/** str.split() whitespace in python (what `tags:` values are split on). */
const PY_STR_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

type Outcome = 'success' | 'fail' | 'skip' | 'xfail' | 'uxsuccess';

/** v1 keywords (after stripping trailing colons) and what they do. */
type Keyword = 'test' | 'progress' | 'tags' | 'time' | { outcome: Outcome; label: string };
const KEYWORDS: ReadonlyMap<string, Keyword> = new Map<string, Keyword>([
  ['test', 'test'],
  ['testing', 'test'],
  ['error', { outcome: 'fail', label: 'error' }],
  ['failure', { outcome: 'fail', label: 'failure' }],
  ['skip', { outcome: 'skip', label: 'skip' }],
  ['success', { outcome: 'success', label: 'success' }],
  ['successful', { outcome: 'success', label: 'success' }],
  ['xfail', { outcome: 'xfail', label: 'xfail' }],
  ['uxsuccess', { outcome: 'uxsuccess', label: 'uxsuccess' }],
  ['progress', 'progress'],
  ['tags', 'tags'],
  ['time', 'time'],
]);

const TRACEBACK_MIME = 'text/x-traceback; charset="utf8"';
const LOST_MIME = 'text/x-traceback; charset="utf8"; language="python"';

class V1Error extends Error {
  readonly kind: DamageKind;
  constructor(kind: DamageKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new V1Error('utf8', `${what} is not valid UTF-8`);
  }
}

// ---------------------------------------------------------------------------------------------
// Attachment bytes, kept up to a cap. The aggregator applies the same cap; we keep no more than it
// would so a multi-GB v1 detail block cannot exhaust memory, and report the cut bytes as size.

class CappedBytes {
  private readonly cap: number;
  private chunks: Uint8Array[] = [];
  kept = 0;
  size = 0;
  constructor(cap: number) {
    this.cap = cap;
  }
  add(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.size += bytes.length;
    const room = this.cap - this.kept;
    if (room <= 0) return;
    // Copy: the line buffer this came from is reused.
    // new Uint8Array copies even from a Node Buffer (whose slice() is a view).
    const piece = new Uint8Array(bytes.length <= room ? bytes : bytes.subarray(0, room));
    this.chunks.push(piece);
    this.kept += piece.length;
  }
  bytes(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0] as Uint8Array;
    const all = Buffer.concat(this.chunks, this.kept);
    this.chunks = [all];
    return all;
  }
}

/** Zeros that stand in for bytes cut by the cap: the aggregator counts them and keeps none. */
const PADDING = new Uint8Array(64 * 1024);

// ---------------------------------------------------------------------------------------------
// HTTP chunked decoding, ported from subunit/chunked.py's Decoder (strict mode) including how it
// scans buffered pieces, so odd input ends the same way python's does.

const CHUNK_HEADER_CHARS = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF\r\n') CHUNK_HEADER_CHARS[c.charCodeAt(0)] = 1;

class ChunkedDecoder {
  private buffered: Uint8Array[] = [];
  private state: 'length' | 'body' | 'finished' = 'length';
  private bodyLength = 0;
  private readonly output: (bytes: Uint8Array) => void;
  constructor(output: (bytes: Uint8Array) => void) {
    this.output = output;
  }

  /** Body bytes still expected when nothing is buffered: they can be fed with `feedBody`. */
  bodyRoom(): number {
    return this.state === 'body' && this.buffered.length === 0 ? this.bodyLength : 0;
  }

  /** Pass body bytes straight through (no more than `bodyRoom()`). */
  feedBody(bytes: Uint8Array): void {
    this.output(bytes);
    this.bodyLength -= bytes.length;
    if (this.bodyLength === 0) this.state = 'length';
  }

  /** Feed bytes; returns null while more is expected, or the bytes after the final chunk. */
  write(bytes: Uint8Array): Uint8Array | null {
    if (bytes.length) this.buffered.push(bytes);
    return this.run();
  }

  private run(): Uint8Array | null {
    if (this.state === 'length') return this.readLength();
    if (this.state === 'body') return this.readBody();
    return this.finished();
  }

  private finished(): Uint8Array {
    if (this.buffered.length === 0) throw new V1Error('malformed', 'chunked body continues after its final chunk');
    const rest = Buffer.concat(this.buffered);
    this.buffered = [];
    return rest;
  }

  private readBody(): Uint8Array | null {
    while (this.bodyLength && this.buffered.length) {
      const first = this.buffered[0] as Uint8Array;
      if (this.bodyLength >= first.length) {
        this.output(first);
        this.bodyLength -= first.length;
        this.buffered.shift();
        if (!this.bodyLength) this.state = 'length';
      } else {
        this.output(first.subarray(0, this.bodyLength));
        this.buffered[0] = first.subarray(this.bodyLength);
        this.bodyLength = 0;
        this.state = 'length';
        return this.run();
      }
    }
    return null;
  }

  private readLength(): Uint8Array | null {
    // python collects, from every buffered piece, its leading run of header characters up to and
    // including the first newline, and decides on the last collected character.
    const count: number[] = [];
    for (const piece of this.buffered) {
      for (let i = 0; i < piece.length; i++) {
        const b = piece[i] as number;
        if (!CHUNK_HEADER_CHARS[b]) break;
        count.push(b);
        if (b === NL) break;
      }
    }
    if (count.length === 0 || count[count.length - 1] !== NL) return null;
    const header = latin1.decode(Uint8Array.from(count));
    if (!header.endsWith('\r\n')) throw new V1Error('malformed', `chunk header invalid: ${JSON.stringify(header)}`);
    if (header.slice(0, -2).includes('\r')) throw new V1Error('malformed', `too many CRs in chunk header ${JSON.stringify(header)}`);
    const digits = header.replace(/[\r\n]+$/, '');
    if (!/^[0-9a-fA-F]+$/.test(digits)) throw new V1Error('malformed', `chunk header invalid: ${JSON.stringify(header)}`);
    this.bodyLength = parseInt(digits, 16);
    let excess = count.length;
    while (excess) {
      const first = this.buffered[0] as Uint8Array;
      if (excess >= first.length) {
        excess -= first.length;
        this.buffered.shift();
      } else {
        this.buffered[0] = first.subarray(excess);
        excess = 0;
      }
    }
    if (!this.bodyLength) {
      this.state = 'finished';
      if (this.buffered.length === 0) return new Uint8Array(0);
    } else {
      this.state = 'body';
    }
    return this.run();
  }
}

// ---------------------------------------------------------------------------------------------
// time: lines, as subunit/iso8601.py parses them and datetime validates them.

const ISO8601 = /^([0-9]{4})(-([0-9]{1,2})(-([0-9]{1,2})(([^\n])([0-9]{2}):([0-9]{2})(:([0-9]{2})(\.([0-9]+))?)?(Z|(([-+])([0-9]{2}):([0-9]{2})))?)?)?)?/;

function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's algorithm: days since 1970-01-01 of a proleptic Gregorian date.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Microseconds since the epoch for the text of a `time:` line (without its last byte). */
export function parseV1Time(text: string): number {
  const m = ISO8601.exec(text);
  if (!m) throw new V1Error('malformed', `bad time line: unable to parse date string ${JSON.stringify(text)}`);
  const [year, month, day, hour, minute, second] = [m[1], m[3], m[5], m[8], m[9], m[11]];
  if (month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) {
    throw new V1Error('malformed', `bad time line: ${JSON.stringify(text)} lacks a date and an hh:mm:ss time`);
  }
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  // float('0.' + digits) * 1e6 truncated: the same IEEE arithmetic in both languages.
  const micro = m[13] === undefined ? 0 : Math.trunc(Number(`0.${m[13]}`) * 1e6);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59 || micro >= 1e6) {
    throw new V1Error('malformed', `bad time line: ${JSON.stringify(text)} is not a valid date and time`);
  }
  let offsetMinutes = 0;
  if (m[14] !== undefined && m[14] !== 'Z') {
    const sign = m[16] === '-' ? -1 : 1;
    offsetMinutes = sign * (Number(m[17]) * 60 + Number(m[18]));
    if (Math.abs(offsetMinutes) >= 24 * 60) throw new V1Error('malformed', `bad time line: the zone offset in ${JSON.stringify(text)} is a day or more`);
  }
  const seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offsetMinutes * 60;
  // subunit v2 carries seconds as an unsigned 32-bit number: python-subunit fails on anything else.
  if (seconds < 0 || seconds >= 2 ** 32) throw new V1Error('malformed', `bad time line: ${JSON.stringify(text)} is outside 1970..2106`);
  return seconds * 1_000_000 + micro;
}

// ---------------------------------------------------------------------------------------------

interface Detail {
  name: string;
  mimeType: string;
  body: CappedBytes;
}

interface CurrentTest {
  id: string;
  /** The id's UTF-8 bytes: outcome lines are matched against them. */
  idBytes: Uint8Array;
  tags: Set<string>;
  line: number;
  offset: number;
}

interface DetailsState {
  /** Bytes kept per attachment of this outcome. */
  cap: number;
  outcome: Outcome;
  label: string;
  multipart: boolean;
  details: Map<string, Detail>;
  /** Simple details: the message so far. */
  message: CappedBytes | null;
  /** Simple details: part of a line longer than a chunk has been added to the message. */
  midLine: boolean;
  /** Multipart: what the next line is. */
  part: 'content-type' | 'name' | 'body' | 'skip';
  partMime: string;
  partName: string;
  partBody: CappedBytes | null;
  chunks: ChunkedDecoder | null;
}

export interface SubunitV1Options {
  /** Bytes kept per attachment (match the aggregator's cap); the rest is counted. */
  capBytes?: number;
  /** Whose attachment bytes to keep (match the aggregator's policy): the rest is only counted. */
  keep?: 'all' | 'failures' | 'none';
}

/** Incremental decoder. Feed chunks with `push`, then call `end` once. */
export class SubunitV1Decoder {
  private readonly sink: StreamSink;
  private readonly cap: number;
  private readonly keep: 'all' | 'failures' | 'none';
  /** Bytes of an incomplete line carried over from the previous chunk. */
  private carry: Uint8Array[] = [];
  private carryBytes = 0;
  /** Stream offset and 1-based number of the next line. */
  private offset = 0;
  private lineNo = 1;
  private now: number | null = null;
  private readonly globalTags = new Set<string>();
  private test: CurrentTest | null = null;
  private details: DetailsState | null = null;
  private garbage: { offset: number; line: number; lines: number; bytes: number } | null = null;

  constructor(sink: StreamSink, options: SubunitV1Options = {}) {
    this.sink = sink;
    this.cap = options.capBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 'all';
  }

  /** The cap for one outcome's details: the aggregator keeps no text of a success under 'failures'. */
  private capFor(outcome: Outcome): number {
    if (this.keep === 'none' || (this.keep === 'failures' && outcome === 'success')) return 0;
    return this.cap;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    for (;;) {
      if (this.carry.length === 0) start += this.bulkBody(chunk, start);
      start += this.streamSimpleDetails(chunk, start);
      const nl = chunk.indexOf(NL, start);
      if (nl < 0) break;
      let line = chunk.subarray(start, nl + 1);
      if (this.carry.length) {
        this.carry.push(line);
        line = Buffer.concat(this.carry, this.carryBytes + line.length);
        this.carry = [];
        this.carryBytes = 0;
      }
      this.line(line);
      start = nl + 1;
    }
    if (start < chunk.length) {
      // Copy: the caller may reuse its chunk.
      const rest = chunk.slice(start);
      this.carry.push(rest);
      this.carryBytes += rest.length;
    }
  }

  /**
   * Inside a chunked body python passes whole lines through untouched until the chunk's length is
   * used up; we hand those bytes over in one piece instead of line by line (same result, less work).
   * Returns how many bytes of `chunk` from `start` were consumed.
   */
  private bulkBody(chunk: Uint8Array, start: number): number {
    const st = this.details;
    if (st === null || st.part !== 'body' || st.chunks === null) return 0;
    const room = st.chunks.bodyRoom();
    if (room === 0) return 0;
    const n = Math.min(room, chunk.length - start);
    const piece = chunk.subarray(start, start + n);
    st.chunks.feedBody(piece);
    this.offset += n;
    for (let i = piece.indexOf(NL); i >= 0; i = piece.indexOf(NL, i + 1)) this.lineNo++;
    return n;
  }

  /**
   * A line of a bracketed detail block that is longer than the chunk (a log with no newlines) is
   * message text whatever follows, once two bytes show it is not the `]` end line: it goes to the
   * capped message as it comes instead of being gathered whole. Returns the bytes consumed.
   */
  private streamSimpleDetails(chunk: Uint8Array, start: number): number {
    const st = this.details;
    if (st === null || st.multipart || start >= chunk.length) return 0;
    const message = st.message as CappedBytes;
    const nl = chunk.indexOf(NL, start);
    if (st.midLine) {
      const end = nl < 0 ? chunk.length : nl + 1;
      message.add(chunk.subarray(start, end));
      this.offset += end - start;
      if (nl >= 0) {
        this.lineNo++;
        st.midLine = false;
      }
      return end - start;
    }
    if (nl >= 0 || this.carryBytes + chunk.length - start < 2) return 0;
    let head = chunk.subarray(start);
    if (this.carry.length) {
      this.carry.push(head);
      head = Buffer.concat(this.carry, this.carryBytes + head.length);
      this.carry = [];
      this.carryBytes = 0;
    }
    // A leading ' ]' is a quoted ']' line: drop the quoting space.
    message.add(head[0] === 0x20 && head[1] === 0x5d ? head.subarray(1) : head);
    this.offset += head.length;
    st.midLine = true;
    return chunk.length - start;
  }

  end(): void {
    if (this.carry.length) {
      const last = Buffer.concat(this.carry, this.carryBytes);
      this.carry = [];
      this.carryBytes = 0;
      this.line(last);
    }
    this.flushGarbage();
    if (this.test !== null) this.lostConnection();
  }

  // -- lines ----------------------------------------------------------------------------------

  private line(line: Uint8Array): void {
    const offset = this.offset;
    const lineNo = this.lineNo;
    try {
      if (this.details !== null) this.detailsLine(line, offset, lineNo);
      else this.protocolLine(line, offset, lineNo);
    } catch (err) {
      if (!(err instanceof V1Error)) throw err;
      this.flushGarbage();
      this.sink.damage({ kind: err.kind, offset, line: lineNo, message: err.message });
    }
    this.offset += line.length;
    if (line[line.length - 1] === NL) this.lineNo++;
  }

  private protocolLine(line: Uint8Array, offset: number, lineNo: number): void {
    // python: parts = line.split(None, 1); a command needs no leading space and something after it.
    let cmdEnd = 0;
    while (cmdEnd < line.length && !isByteSpace(line[cmdEnd] as number)) cmdEnd++;
    let restStart = cmdEnd;
    while (restStart < line.length && isByteSpace(line[restStart] as number)) restStart++;
    if (cmdEnd === 0 || restStart >= line.length) return this.other(line, offset, lineNo);
    let keyEnd = cmdEnd;
    while (keyEnd > 0 && line[keyEnd - 1] === 0x3a) keyEnd--;
    const keyword = KEYWORDS.get(latin1.decode(line.subarray(0, keyEnd)));
    if (keyword === undefined) return this.other(line, offset, lineNo);
    const argStart = cmdEnd + 1;
    if (keyword === 'test') {
      if (this.test !== null) return this.other(line, offset, lineNo);
      const idBytes = line.slice(argStart, line.length - 1);
      const id = decodeUtf8(idBytes, 'test id');
      this.flushGarbage();
      this.test = { id, idBytes, tags: new Set(this.globalTags), line: lineNo, offset };
      this.emit({ offset, testId: id, status: 'inprogress' });
      return;
    }
    if (keyword === 'tags') {
      const words = decodeUtf8(line.subarray(argStart), 'tags line').split(PY_STR_SPACE).filter(Boolean);
      const target = this.test?.tags ?? this.globalTags;
      const gone: string[] = [];
      for (const w of words) {
        if (w.startsWith('-')) gone.push(w.slice(1));
        else target.add(w);
      }
      for (const g of gone) target.delete(g);
      this.flushGarbage();
      return;
    }
    if (keyword === 'time') {
      this.now = parseV1Time(latin1.decode(line.subarray(argStart, line.length - 1)));
      this.flushGarbage();
      return;
    }
    if (keyword === 'progress') {
      const arg = latin1.decode(line.subarray(argStart)).trim();
      if (arg !== 'push' && arg !== 'pop' && !/^[+-]?[0-9]+(_[0-9]+)*$/.test(arg)) {
        throw new V1Error('malformed', `progress value ${JSON.stringify(arg)} is not a number, push or pop`);
      }
      this.flushGarbage();
      return;
    }
    // An outcome: it must name the current test.
    const test = this.test;
    if (test === null) return this.other(line, offset, lineNo);
    const name = line.subarray(argStart, line.length - 1);
    const id = test.idBytes;
    const prefixed = name.length >= id.length && Buffer.compare(name.subarray(0, id.length), id) === 0;
    if (!prefixed) return this.other(line, offset, lineNo);
    const tail = latin1.decode(name.subarray(id.length));
    if (tail !== '' && tail !== ' [' && tail !== ' [ multipart') return this.other(line, offset, lineNo);
    this.flushGarbage();
    if (tail === '') {
      this.outcome(offset, keyword.outcome, new Map());
      return;
    }
    const multipart = tail === ' [ multipart';
    const cap = this.capFor(keyword.outcome);
    this.details = {
      cap,
      outcome: keyword.outcome,
      label: keyword.label,
      multipart,
      details: new Map(),
      message: multipart ? null : new CappedBytes(cap),
      midLine: false,
      part: 'content-type',
      partMime: '',
      partName: '',
      partBody: null,
      chunks: null,
    };
  }

  /** A line that is not protocol: python passes it through as output; we note it as damage. */
  private other(line: Uint8Array, offset: number, lineNo: number): void {
    let blank = true;
    for (const b of line) if (!isByteSpace(b)) blank = false;
    if (blank) return;
    if (this.garbage === null) this.garbage = { offset, line: lineNo, lines: 0, bytes: 0 };
    this.garbage.lines++;
    this.garbage.bytes += line.length;
  }

  private flushGarbage(): void {
    const g = this.garbage;
    if (g === null) return;
    this.garbage = null;
    this.sink.damage({
      kind: 'garbage',
      offset: g.offset,
      line: g.line,
      message: `${g.lines} line${g.lines === 1 ? '' : 's'} (${g.bytes} bytes) of non-subunit output`,
    });
  }

  // -- details --------------------------------------------------------------------------------

  private static isEndMarker(line: Uint8Array): boolean {
    return line.length === 2 && line[0] === 0x5d && line[1] === NL;
  }

  private detailsLine(line: Uint8Array, offset: number, lineNo: number): void {
    const st = this.details as DetailsState;
    if (!st.multipart) {
      if (SubunitV1Decoder.isEndMarker(line)) return this.endDetails(offset);
      // A leading ' ]' is a quoted ']' line: drop the quoting space.
      (st.message as CappedBytes).add(line[0] === 0x20 && line[1] === 0x5d ? line.subarray(1) : line);
      return;
    }
    switch (st.part) {
      case 'skip':
        if (SubunitV1Decoder.isEndMarker(line)) this.endDetails(offset);
        return;
      case 'content-type': {
        if (SubunitV1Decoder.isEndMarker(line)) return this.endDetails(offset);
        const text = this.partHeader(st, line, 'multipart Content-Type line');
        const space = text.indexOf(' ');
        const value = space < 0 ? null : text.slice(space + 1);
        const slash = value === null ? -1 : value.indexOf('/');
        if (value === null || slash < 0 || value.indexOf('/', slash + 1) >= 0) {
          st.part = 'skip';
          throw new V1Error(
            'malformed',
            `Invalid MIME type line ${JSON.stringify(text)} in details of test '${this.test?.id}' (line ${lineNo}); its details are skipped up to ']'`,
          );
        }
        st.partMime = value;
        st.part = 'name';
        return;
      }
      case 'name': {
        st.partName = this.partHeader(st, line, 'multipart part name');
        st.partBody = new CappedBytes(st.cap);
        const body = st.partBody;
        st.chunks = new ChunkedDecoder((bytes) => body.add(bytes));
        st.part = 'body';
        return;
      }
      case 'body': {
        let residue: Uint8Array | null;
        try {
          residue = (st.chunks as ChunkedDecoder).write(line);
        } catch (err) {
          if (err instanceof V1Error) st.part = 'skip';
          throw err;
        }
        if (residue === null) return;
        if (residue.length) {
          st.part = 'skip';
          throw new V1Error('malformed', `${residue.length} bytes after the final chunk of '${st.partName}'; details skipped up to ']'`);
        }
        // A repeated name replaces the earlier body but keeps its place, as a python dict does.
        st.details.set(st.partName, { name: st.partName, mimeType: st.partMime, body: st.partBody as CappedBytes });
        st.partBody = null;
        st.chunks = null;
        st.part = 'content-type';
        return;
      }
    }
  }

  private partHeader(st: DetailsState, line: Uint8Array, what: string): string {
    try {
      return decodeUtf8(line.subarray(0, line.length - 1), what);
    } catch (err) {
      st.part = 'skip';
      throw err;
    }
  }

  private endDetails(offset: number): void {
    const st = this.details as DetailsState;
    this.details = null;
    let details = st.details;
    if (!st.multipart) {
      const message = st.message as CappedBytes;
      const name = st.outcome === 'skip' ? 'reason' : st.outcome === 'success' ? 'message' : 'traceback';
      const mime = name === 'traceback' ? TRACEBACK_MIME : 'text/plain';
      details = new Map([[name, { name, mimeType: mime, body: message }]]);
    }
    this.outcome(offset, st.outcome, details);
  }

  // -- events ---------------------------------------------------------------------------------

  private outcome(offset: number, status: Outcome, details: Map<string, Detail>): void {
    const test = this.test as CurrentTest;
    for (const d of details.values()) this.emitFile(offset, test.id, d);
    this.emit({ offset, testId: test.id, status, tags: test.tags.size ? [...test.tags] : null });
    this.test = null;
  }

  private emitFile(offset: number, testId: string, d: Detail): void {
    const kept = d.body.kept ? d.body.bytes() : new Uint8Array(0);
    let rest = d.body.size - d.body.kept;
    this.emit({ offset, testId, fileName: d.name, mimeType: d.mimeType, fileBytes: kept, eof: rest === 0 });
    while (rest > 0) {
      const n = Math.min(rest, PADDING.length);
      rest -= n;
      this.emit({ offset, testId, fileName: d.name, mimeType: d.mimeType, fileBytes: PADDING.subarray(0, n), eof: rest === 0 });
    }
  }

  /** End of input inside a test: python reports it as an error with a "lost connection" traceback. */
  private lostConnection(): void {
    const test = this.test as CurrentTest;
    const st = this.details;
    this.details = null;
    const where = st === null ? '' : `${st.label} report of `;
    const message = `lost connection during ${where}test '${test.id}'`;
    this.sink.damage({
      kind: 'truncated',
      offset: this.offset,
      line: this.lineNo,
      message: `stream ended inside test '${test.id}' (started on line ${test.line}${st === null ? '' : `, in its ${st.label} details`})`,
    });
    const body = new CappedBytes(this.cap);
    body.add(encoder.encode(`testtools.testresult.real._StringException: ${message}\n`));
    this.emitFile(this.offset, test.id, { name: 'traceback', mimeType: LOST_MIME, body });
    this.emit({ offset: this.offset, testId: test.id, status: 'fail', tags: test.tags.size ? [...test.tags] : null });
    this.test = null;
  }

  private emit(ev: {
    offset: number;
    testId: string;
    status?: TestStatus;
    tags?: string[] | null;
    fileName?: string;
    mimeType?: string;
    fileBytes?: Uint8Array;
    eof?: boolean;
  }): void {
    const event: StreamEvent = {
      offset: ev.offset,
      testId: ev.testId,
      status: ev.status ?? null,
      tags: ev.tags ?? null,
      runnable: true,
      mimeType: ev.mimeType ?? null,
      eof: ev.eof ?? false,
      fileName: ev.fileName ?? null,
      fileBytes: ev.fileBytes ?? null,
      routeCode: null,
      timestamp: this.now,
    };
    this.sink.status(event);
  }
}
