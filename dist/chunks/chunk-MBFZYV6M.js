import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  XMLParser,
  XMLValidator
} from "./chunk-DSMXSV3X.js";
import {
  PROBLEM_STATUSES,
  RESULTS_SCHEMA,
  emptyCounts,
  finishedFromRecord,
  isListing,
  isoFromMicros,
  makeRunResults,
  microsFromIso,
  parseTestId,
  summarize
} from "./chunk-AOIPOV6R.js";
import {
  UserError
} from "./chunk-MY7TWMR2.js";

// src/core/results/aggregate.ts
var DEFAULT_ATTACHMENTS = { capBytes: 1024 * 1024, keep: "failures" };
var text = new TextDecoder("utf-8");
var WORKER_TAG = /^worker-\d+$/;
function workerTag(sortedTags, workers) {
  for (const t of sortedTags) if (workers.has(t) || t.startsWith("worker-") && WORKER_TAG.test(t)) return t;
  return null;
}
var TestAggregator = class {
  tests = [];
  damages = [];
  /** Open tests by route code, then test id (no key strings built per packet). */
  open = /* @__PURE__ */ new Map();
  /** Opening order, for reporting unfinished tests last-opened first as testtools does. */
  openSeq = 0;
  /** The open test of the previous packet, kept out of `open`. */
  current;
  policy;
  onTest;
  onFinished;
  problemsOnly;
  keepRecords;
  // Figures over every finished test, records kept or not (see summary()).
  counts = emptyCounts();
  total = 0;
  minStart = Infinity;
  maxStop = -Infinity;
  workers = /* @__PURE__ */ new Set();
  constructor(options = {}) {
    this.policy = options.attachments ?? DEFAULT_ATTACHMENTS;
    this.onTest = options.onTest;
    this.onFinished = options.onFinished;
    this.problemsOnly = options.records === "problems";
    this.keepRecords = options.records !== "none";
  }
  /** The run's summary; with `records: 'problems'` the only way to see the whole run. */
  summary(format) {
    return {
      format,
      total: this.total,
      counts: { ...this.counts },
      start: this.total && this.minStart !== Infinity ? isoFromMicros(this.minStart) : null,
      stop: this.total && this.maxStop !== -Infinity ? isoFromMicros(this.maxStop) : null,
      workers: this.workers.size,
      problems: this.tests.filter((t) => PROBLEM_STATUSES.has(t.status)),
      damage: this.damages
    };
  }
  damage(damage) {
    this.damages.push(damage);
  }
  status(ev) {
    if (ev.testId === null) return;
    let test = this.current;
    if (test === void 0 || test.id !== ev.testId || test.routeCode !== ev.routeCode) {
      if (test !== void 0) this.byRoute(test.routeCode).set(test.id, test);
      const byId = this.byRoute(ev.routeCode);
      test = byId.size === 0 ? void 0 : byId.get(ev.testId);
      if (test === void 0) {
        test = {
          id: ev.testId,
          routeCode: ev.routeCode,
          status: "unknown",
          tags: [],
          start: ev.timestamp,
          stop: null,
          attachments: [],
          seq: this.openSeq++
        };
      } else byId.delete(ev.testId);
      this.current = test;
    }
    if (ev.status !== null) test.status = ev.status;
    test.stop = ev.timestamp;
    if (ev.fileName !== null && ev.fileBytes !== null && ev.fileBytes.length > 0) {
      this.addFile(test, ev.fileName, ev.fileBytes, ev.mimeType);
    }
    if (ev.tags !== null) test.tags = ev.tags;
    if (ev.status !== null && ev.status !== "inprogress") {
      this.current = void 0;
      this.finish(test);
    }
  }
  byRoute(routeCode) {
    let byId = this.open.get(routeCode);
    if (byId === void 0) {
      byId = /* @__PURE__ */ new Map();
      this.open.set(routeCode, byId);
    }
    return byId;
  }
  addFile(test, name, bytes, mimeType) {
    let att = test.attachments.find((a) => a.name === name);
    if (att === void 0) {
      att = { name, contentType: mimeType ?? "application/octet-stream", chunks: [], owned: 0, kept: 0, size: 0 };
      test.attachments.push(att);
    }
    att.size += bytes.length;
    if (this.policy.keep === "none") return;
    const room = this.policy.capBytes - att.kept;
    if (room <= 0) return;
    const piece = bytes.length <= room ? bytes : bytes.subarray(0, room);
    att.chunks.push(piece);
    att.kept += piece.length;
  }
  /** The input is about to be reused: own copies of the attachment pieces open tests still view. */
  detach() {
    const own = (test) => {
      for (const att of test.attachments) {
        for (let i = att.owned; i < att.chunks.length; i++) att.chunks[i] = new Uint8Array(att.chunks[i]);
        att.owned = att.chunks.length;
      }
    };
    if (this.current) own(this.current);
    for (const byId of this.open.values()) for (const test of byId.values()) own(test);
  }
  /** Call at the end of the stream: open tests are reported as they stand, last opened first. */
  finishAll() {
    const open = this.current ? [this.current] : [];
    for (const byId of this.open.values()) open.push(...byId.values());
    open.sort((a, b) => b.seq - a.seq);
    this.open.clear();
    this.current = void 0;
    for (const test of open) {
      test.stop = null;
      this.finish(test);
    }
  }
  finish(test) {
    const tags = test.tags.length > 1 ? test.tags.sort() : test.tags;
    const worker = workerTag(tags, this.workers);
    this.total++;
    this.counts[test.status]++;
    if (test.start !== null && test.start < this.minStart) this.minStart = test.start;
    const end = test.stop ?? test.start;
    if (end !== null && end > this.maxStop) this.maxStop = end;
    if (worker !== null) this.workers.add(worker);
    let record = null;
    if (this.onFinished !== void 0) {
      this.onFinished({
        id: test.id,
        status: test.status,
        startMicros: test.start,
        stopMicros: test.stop,
        record: () => record ??= this.record(test, tags, worker),
        shaped: true
      });
    }
    if (this.problemsOnly && !PROBLEM_STATUSES.has(test.status)) return;
    if (!this.keepRecords && this.onTest === void 0) return;
    record ??= this.record(test, tags, worker);
    if (this.keepRecords) this.tests.push(record);
    this.onTest?.(record);
  }
  record(test, tags, worker) {
    const keepText = this.policy.keep === "all" || this.policy.keep === "failures" && test.status !== "success";
    const attachments = [];
    for (const att of test.attachments) {
      const body = keepText ? text.decode(att.chunks.length === 1 ? att.chunks[0] : Buffer.concat(att.chunks)) : "";
      attachments.push({
        name: att.name,
        contentType: att.contentType,
        size: att.size,
        truncatedBytes: keepText ? att.size - att.kept : att.size,
        text: body
      });
    }
    const parts = parseTestId(test.id);
    const start = test.start === null ? null : isoFromMicros(test.start);
    const stop = test.stop === null ? null : isoFromMicros(test.stop);
    const duration = test.start === null || test.stop === null ? null : (test.stop - test.start) / 1e6;
    return {
      id: test.id,
      name: parts.name,
      className: parts.className,
      method: parts.method,
      attrs: parts.attrs,
      idempotentId: parts.idempotentId,
      status: test.status,
      tags,
      start,
      stop,
      duration,
      worker,
      routeCode: test.routeCode,
      attachments
    };
  }
};

// src/core/results/parse.ts
import { crc32 as crc322 } from "node:zlib";

// src/core/results/subunit-v2.ts
import { crc32 } from "node:zlib";

// src/core/results/crc32.ts
function crc32Table() {
  const table = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
    table[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) table[k * 256 + n] = table[(k - 1) * 256 + n] >>> 8 ^ table[table[(k - 1) * 256 + n] & 255];
  return table;
}
function crc32Short(table, b, p, end) {
  let c = -1;
  for (; p + 8 <= end; p += 8) {
    const w = c ^ (b[p] | b[p + 1] << 8 | b[p + 2] << 16 | b[p + 3] << 24);
    c = table[1792 + (w & 255)] ^ table[1536 + (w >>> 8 & 255)] ^ table[1280 + (w >>> 16 & 255)] ^ table[1024 + (w >>> 24)] ^ table[768 + b[p + 4]] ^ table[512 + b[p + 5]] ^ table[256 + b[p + 6]] ^ table[b[p + 7]];
  }
  for (; p < end; p++) c = table[(c ^ b[p]) & 255] ^ c >>> 8;
  return ~c >>> 0;
}
function packetCrc(table, zlibCrc32, b, p, end) {
  return end - p < 508 ? crc32Short(table, b, p, end) : zlibCrc32(b.subarray(p, end)) >>> 0;
}

// src/core/results/subunit-v2.ts
var SIGNATURE = 179;
var FLAG_TEST_ID = 2048;
var FLAG_ROUTE_CODE = 1024;
var FLAG_TIMESTAMP = 512;
var FLAG_RUNNABLE = 256;
var FLAG_TAGS = 128;
var FLAG_FILE_CONTENT = 64;
var FLAG_MIME_TYPE = 32;
var FLAG_EOF = 16;
var STATUS_CODES = [null, "exists", "inprogress", "success", "uxsuccess", "skip", "fail", "xfail"];
var ParseError = class extends Error {
  kind;
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
};
var utf8 = new TextDecoder("utf-8", { fatal: true });
var Utf8Tracker = class {
  pending = [];
  mid = false;
  feed(byte) {
    const p = this.pending;
    if (p.length === 0) {
      if (byte < 128) this.mid = false;
      else if (byte >= 194 && byte <= 244) {
        p.push(byte);
        this.mid = true;
      } else this.mid = false;
      return;
    }
    const lead = p[0];
    let lo = 128;
    let hi = 191;
    if (p.length === 1) {
      if (lead === 224) lo = 160;
      else if (lead === 237) hi = 159;
      else if (lead === 240) lo = 144;
      else if (lead === 244) hi = 143;
    }
    if (byte < lo || byte > hi) {
      this.mid = false;
      return;
    }
    const need = lead >= 240 ? 4 : lead >= 224 ? 3 : 2;
    if (p.length + 1 === need) {
      this.pending = [];
      this.mid = false;
    } else {
      p.push(byte);
      this.mid = true;
    }
  }
};
function roundHalfEven(numerator, denominator) {
  const q = Math.floor(numerator / denominator);
  const r = numerator - q * denominator;
  const twice = 2 * r;
  if (twice > denominator) return q + 1;
  if (twice < denominator) return q;
  return q % 2 === 0 ? q : q + 1;
}
var cursor = 0;
function readVarint(body, pos, end, max3) {
  if (pos >= end) throw new ParseError("malformed", `varint at body offset ${pos} is past the end of the packet`);
  const b0 = body[pos];
  const type = b0 & 192;
  let value = b0 & 63;
  if (type === 0) {
    cursor = pos + 1;
    return value;
  }
  const size = type === 64 ? 2 : type === 128 ? 3 : 4;
  if (size === 4 && max3) throw new ParseError("malformed", "3 byte maximum given but 4 byte value found.");
  if (pos + size > end) throw new ParseError("malformed", `varint at body offset ${pos} is past the end of the packet`);
  for (let i = 1; i < size; i++) value = value * 256 + body[pos + i];
  cursor = pos + size;
  return value;
}
var NO_BYTES = new Uint8Array(0);
var CRC_TABLE = crc32Table();
var EMPTY_VIEW = new DataView(new ArrayBuffer(0));
var bodyView = EMPTY_VIEW;
var bodyBase = 0;
function sameBytes(body, start, last) {
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
  const end = n - 8;
  if (a.getFloat64(i0 + end, true) !== b.getFloat64(j0 + end, true)) return false;
  for (let k = 0; k < end; k += 8) if (a.getFloat64(i0 + k, true) !== b.getFloat64(j0 + k, true)) return false;
  return true;
}
var noString = () => ({ bytes: NO_BYTES, text: "", view: EMPTY_VIEW, at: 0 });
function readString(body, pos, end, last) {
  const length = readVarint(body, pos, end, false);
  const start = cursor;
  if (start + length > end) {
    throw new ParseError("malformed", `UTF8 string extends past end of packet: claimed ${length} bytes, ${Math.max(0, end - start)} available`);
  }
  const stop = start + length;
  cursor = stop;
  if (last !== void 0 && last.bytes.length === length && sameBytes(body, start, last)) return last.text;
  const view = body.subarray(start, stop);
  let text2;
  try {
    text2 = utf8.decode(view);
  } catch {
    if (view.indexOf(0) >= 0) throw new ParseError("utf8", "UTF8 string contains NUL byte");
    throw new ParseError("utf8", "UTF8 string is not valid UTF-8");
  }
  if (text2.indexOf("\0") >= 0) throw new ParseError("utf8", "UTF8 string contains NUL byte");
  if (last !== void 0) {
    last.bytes = view;
    last.text = text2;
    last.view = bodyView;
    last.at = bodyBase + start;
  }
  return text2;
}
function plain(bytes) {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
var SubunitV2Decoder = class {
  sink;
  chunks = [];
  buffered = 0;
  /** Stream offset of the first byte in `chunks`. */
  base = 0;
  utf8 = new Utf8Tracker();
  /** After a declared length under 6, python reads to EOF: everything else is swallowed. */
  swallowFrom = null;
  garbageStart = null;
  garbageBytes = 0;
  lastId = noString();
  lastMime = noString();
  lastFile = noString();
  /** Tags and route codes: a run has a few (worker-0..N), alternating from test to test. */
  recentShort = Array.from({ length: 32 }, noString);
  /** Whether this decoder checks CRCs; see DecoderOptions.trustCrc. */
  checkCrc;
  constructor(sink, options = {}) {
    this.sink = sink;
    this.checkCrc = options.trustCrc !== true;
  }
  /**
   * Feed the next bytes. With `transient`, the caller reuses `input`'s memory once this returns
   * (one read buffer for a whole file: no fresh pages to fault in per chunk), so nothing may keep
   * a view of it: the unread tail is copied, the repeat-string memory forgotten, and the sink told
   * to detach what it holds.
   */
  push(input, transient = false) {
    this.feed(input);
    if (!transient) return;
    if (this.chunks.length) this.chunks = [new Uint8Array(this.joined())];
    for (const last of [this.lastId, this.lastMime, this.lastFile, ...this.recentShort]) {
      last.bytes = NO_BYTES;
      last.text = "";
      last.view = EMPTY_VIEW;
    }
    this.sink.detach?.();
  }
  feed(input) {
    let chunk = plain(input);
    if (chunk.length === 0) return;
    if (this.swallowFrom === null && this.buffered > 0) {
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
  tailLacks() {
    const tail = this.joined();
    if (tail[0] !== SIGNATURE || this.utf8.mid || tail.length < 6) return 0;
    const b0 = tail[3];
    if ((b0 & 192) === 192) return 0;
    const size = (b0 & 192) === 0 ? 1 : (b0 & 192) === 64 ? 2 : 3;
    let length = b0 & 63;
    for (let i = 1; i < size; i++) length = length * 256 + tail[3 + i];
    return length > tail.length ? length - tail.length : 0;
  }
  end() {
    bodyView = EMPTY_VIEW;
    if (this.swallowFrom !== null) {
      this.flushGarbage();
      this.sink.damage({
        kind: "truncated",
        offset: this.swallowFrom,
        message: `declared packet length under 6 bytes: the rest of the stream (${this.base - this.swallowFrom} bytes) could not be read`
      });
      this.swallowFrom = null;
      return;
    }
    this.drain(true);
    this.flushGarbage();
  }
  flushGarbage() {
    if (this.garbageStart !== null) {
      this.sink.damage({
        kind: "garbage",
        offset: this.garbageStart,
        message: `${this.garbageBytes} bytes of non-subunit data`
      });
      this.garbageStart = null;
      this.garbageBytes = 0;
    }
  }
  /** Join the buffered chunks into one array (cheap when there is one). */
  joined() {
    if (this.chunks.length === 1) return this.chunks[0];
    const all = plain(Buffer.concat(this.chunks, this.buffered));
    this.chunks = [all];
    return all;
  }
  drain(final) {
    let data = this.joined();
    let pos = 0;
    const len = data.length;
    const view = new DataView(data.buffer);
    const base = data.byteOffset;
    while (pos < len) {
      const byte = data[pos];
      if (byte !== SIGNATURE || this.utf8.mid) {
        if (this.garbageStart === null) this.garbageStart = this.base + pos;
        this.garbageBytes++;
        this.utf8.feed(byte);
        pos++;
        continue;
      }
      this.flushGarbage();
      bodyView = view;
      bodyBase = base;
      const used = this.packet(data, pos, final);
      if (used === 0) break;
      pos += used;
    }
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
  packet(data, p, final) {
    const avail = data.length - p;
    const offset = this.base + p;
    if (avail < 6) {
      if (!final) return 0;
      this.fail(offset, "truncated", `Short read - got ${avail - 1} bytes, wanted 5 bytes`);
      return avail;
    }
    const flags = data[p + 1] << 8 | data[p + 2];
    let length;
    let lenBytes;
    try {
      length = readVarint(data, p + 3, p + 6, true);
      lenBytes = cursor - (p + 3);
    } catch (err) {
      this.fail(offset, "malformed", err.message);
      return 6;
    }
    if (length < 6) {
      this.fail(offset, "truncated", `declared packet length ${length} is under the 6-byte minimum`);
      this.swallowFrom = offset;
      return avail;
    }
    if (avail < length) {
      if (!final) return 0;
      this.fail(offset, "truncated", `Short read - got ${avail - 6} bytes, wanted ${length - 6} bytes`);
      return avail;
    }
    const end = p + length;
    if (lenBytes === 3 && length < 10) {
      this.fail(offset, "crc", `packet length ${length} leaves no room for its CRC`);
      return length;
    }
    const stored = (data[end - 4] << 24 | data[end - 3] << 16 | data[end - 2] << 8 | data[end - 1]) >>> 0;
    const computed = this.checkCrc ? packetCrc(CRC_TABLE, crc32, data, p, end - 4) : stored;
    if (stored !== computed) {
      this.fail(offset, "crc", `Bad checksum - calculated (0x${computed.toString(16)}), stored (0x${stored.toString(16)})`);
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
  readShort(body, pos, end) {
    const length = readVarint(body, pos, end, false);
    const start = cursor;
    if (start + length > end) return readString(body, pos, end);
    const slot = this.recentShort[(length > 0 ? body[start + length - 1] : 0) + length * 10 & 31];
    if (slot.bytes.length === length && sameBytes(body, start, slot)) {
      cursor = start + length;
      return slot.text;
    }
    return readString(body, pos, end, slot);
  }
  fields(body, flags, start, end, offset) {
    let pos = start;
    let timestamp = null;
    if (flags & FLAG_TIMESTAMP) {
      if (pos + 4 > end) throw new ParseError("malformed", "timestamp extends past end of packet");
      const seconds = (body[pos] << 24 | body[pos + 1] << 16 | body[pos + 2] << 8 | body[pos + 3]) >>> 0;
      const nanos = readVarint(body, pos + 4, end, false);
      pos = cursor;
      timestamp = seconds * 1e6 + roundHalfEven(nanos, 1e3);
    }
    let testId = null;
    if (flags & FLAG_TEST_ID) {
      testId = readString(body, pos, end, this.lastId);
      pos = cursor;
    }
    let tags = null;
    if (flags & FLAG_TAGS) {
      const count = readVarint(body, pos, end, false);
      pos = cursor;
      tags = [];
      for (let i = 0; i < count; i++) {
        const tag = this.readShort(body, pos, end);
        pos = cursor;
        if (!tags.includes(tag)) tags.push(tag);
      }
    }
    let mimeType = null;
    if (flags & FLAG_MIME_TYPE) {
      mimeType = readString(body, pos, end, this.lastMime);
      pos = cursor;
    }
    let fileName = null;
    let fileBytes = null;
    if (flags & FLAG_FILE_CONTENT) {
      fileName = readString(body, pos, end, this.lastFile);
      const size = readVarint(body, cursor, end, false);
      pos = cursor;
      if (pos + size > end) {
        throw new ParseError("malformed", `File content extends past end of packet: claimed ${size} bytes, ${Math.max(0, end - pos)} available`);
      }
      fileBytes = body.subarray(pos, pos + size);
      pos += size;
    }
    let routeCode = null;
    if (flags & FLAG_ROUTE_CODE) routeCode = this.readShort(body, pos, end);
    return {
      offset,
      testId,
      status: STATUS_CODES[flags & 7] ?? null,
      tags,
      runnable: (flags & FLAG_RUNNABLE) !== 0,
      mimeType,
      eof: (flags & FLAG_EOF) !== 0,
      fileName,
      fileBytes,
      routeCode,
      timestamp
    };
  }
  fail(offset, kind, message) {
    this.sink.damage({ kind, offset, message });
  }
};
var encoder = new TextEncoder();

// src/core/results/subunit-v1.ts
var NL = 10;
var utf82 = new TextDecoder("utf-8", { fatal: true });
var latin1 = new TextDecoder("latin1");
var encoder2 = new TextEncoder();
function isByteSpace(b) {
  return b === 32 || b === 9 || b === 10 || b === 13 || b === 11 || b === 12;
}
var PY_STR_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
var KEYWORDS = /* @__PURE__ */ new Map([
  ["test", "test"],
  ["testing", "test"],
  ["error", { outcome: "fail", label: "error" }],
  ["failure", { outcome: "fail", label: "failure" }],
  ["skip", { outcome: "skip", label: "skip" }],
  ["success", { outcome: "success", label: "success" }],
  ["successful", { outcome: "success", label: "success" }],
  ["xfail", { outcome: "xfail", label: "xfail" }],
  ["uxsuccess", { outcome: "uxsuccess", label: "uxsuccess" }],
  ["progress", "progress"],
  ["tags", "tags"],
  ["time", "time"]
]);
var TRACEBACK_MIME = 'text/x-traceback; charset="utf8"';
var LOST_MIME = 'text/x-traceback; charset="utf8"; language="python"';
var V1Error = class extends Error {
  kind;
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
};
function decodeUtf8(bytes, what) {
  try {
    return utf82.decode(bytes);
  } catch {
    throw new V1Error("utf8", `${what} is not valid UTF-8`);
  }
}
var CappedBytes = class {
  cap;
  chunks = [];
  kept = 0;
  size = 0;
  constructor(cap) {
    this.cap = cap;
  }
  add(bytes) {
    if (bytes.length === 0) return;
    this.size += bytes.length;
    const room = this.cap - this.kept;
    if (room <= 0) return;
    const piece = new Uint8Array(bytes.length <= room ? bytes : bytes.subarray(0, room));
    this.chunks.push(piece);
    this.kept += piece.length;
  }
  bytes() {
    if (this.chunks.length === 1) return this.chunks[0];
    const all = Buffer.concat(this.chunks, this.kept);
    this.chunks = [all];
    return all;
  }
};
var PADDING = new Uint8Array(64 * 1024);
var CHUNK_HEADER_CHARS = new Uint8Array(256);
for (const c of "0123456789abcdefABCDEF\r\n") CHUNK_HEADER_CHARS[c.charCodeAt(0)] = 1;
var ChunkedDecoder = class {
  buffered = [];
  state = "length";
  bodyLength = 0;
  output;
  constructor(output) {
    this.output = output;
  }
  /** Body bytes still expected when nothing is buffered: they can be fed with `feedBody`. */
  bodyRoom() {
    return this.state === "body" && this.buffered.length === 0 ? this.bodyLength : 0;
  }
  /** Pass body bytes straight through (no more than `bodyRoom()`). */
  feedBody(bytes) {
    this.output(bytes);
    this.bodyLength -= bytes.length;
    if (this.bodyLength === 0) this.state = "length";
  }
  /** Feed bytes; returns null while more is expected, or the bytes after the final chunk. */
  write(bytes) {
    if (bytes.length) this.buffered.push(bytes);
    return this.run();
  }
  run() {
    if (this.state === "length") return this.readLength();
    if (this.state === "body") return this.readBody();
    return this.finished();
  }
  finished() {
    if (this.buffered.length === 0) throw new V1Error("malformed", "chunked body continues after its final chunk");
    const rest = Buffer.concat(this.buffered);
    this.buffered = [];
    return rest;
  }
  readBody() {
    while (this.bodyLength && this.buffered.length) {
      const first = this.buffered[0];
      if (this.bodyLength >= first.length) {
        this.output(first);
        this.bodyLength -= first.length;
        this.buffered.shift();
        if (!this.bodyLength) this.state = "length";
      } else {
        this.output(first.subarray(0, this.bodyLength));
        this.buffered[0] = first.subarray(this.bodyLength);
        this.bodyLength = 0;
        this.state = "length";
        return this.run();
      }
    }
    return null;
  }
  readLength() {
    const count = [];
    for (const piece of this.buffered) {
      for (let i = 0; i < piece.length; i++) {
        const b = piece[i];
        if (!CHUNK_HEADER_CHARS[b]) break;
        count.push(b);
        if (b === NL) break;
      }
    }
    if (count.length === 0 || count[count.length - 1] !== NL) return null;
    const header = latin1.decode(Uint8Array.from(count));
    if (!header.endsWith("\r\n")) throw new V1Error("malformed", `chunk header invalid: ${JSON.stringify(header)}`);
    if (header.slice(0, -2).includes("\r")) throw new V1Error("malformed", `too many CRs in chunk header ${JSON.stringify(header)}`);
    const digits = header.replace(/[\r\n]+$/, "");
    if (!/^[0-9a-fA-F]+$/.test(digits)) throw new V1Error("malformed", `chunk header invalid: ${JSON.stringify(header)}`);
    this.bodyLength = parseInt(digits, 16);
    let excess = count.length;
    while (excess) {
      const first = this.buffered[0];
      if (excess >= first.length) {
        excess -= first.length;
        this.buffered.shift();
      } else {
        this.buffered[0] = first.subarray(excess);
        excess = 0;
      }
    }
    if (!this.bodyLength) {
      this.state = "finished";
      if (this.buffered.length === 0) return new Uint8Array(0);
    } else {
      this.state = "body";
    }
    return this.run();
  }
};
var ISO8601 = /^([0-9]{4})(-([0-9]{1,2})(-([0-9]{1,2})(([^\n])([0-9]{2}):([0-9]{2})(:([0-9]{2})(\.([0-9]+))?)?(Z|(([-+])([0-9]{2}):([0-9]{2})))?)?)?)?/;
function daysFromCivil(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
function daysInMonth(y, m) {
  if (m === 2) return y % 4 === 0 && y % 100 !== 0 || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}
function parseV1Time(text2) {
  const m = ISO8601.exec(text2);
  if (!m) throw new V1Error("malformed", `bad time line: unable to parse date string ${JSON.stringify(text2)}`);
  const [year, month, day, hour, minute, second] = [m[1], m[3], m[5], m[8], m[9], m[11]];
  if (month === void 0 || day === void 0 || hour === void 0 || minute === void 0 || second === void 0) {
    throw new V1Error("malformed", `bad time line: ${JSON.stringify(text2)} lacks a date and an hh:mm:ss time`);
  }
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  const micro = m[13] === void 0 ? 0 : Math.trunc(Number(`0.${m[13]}`) * 1e6);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59 || micro >= 1e6) {
    throw new V1Error("malformed", `bad time line: ${JSON.stringify(text2)} is not a valid date and time`);
  }
  let offsetMinutes = 0;
  if (m[14] !== void 0 && m[14] !== "Z") {
    const sign = m[16] === "-" ? -1 : 1;
    offsetMinutes = sign * (Number(m[17]) * 60 + Number(m[18]));
    if (Math.abs(offsetMinutes) >= 24 * 60) throw new V1Error("malformed", `bad time line: the zone offset in ${JSON.stringify(text2)} is a day or more`);
  }
  const seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offsetMinutes * 60;
  if (seconds < 0 || seconds >= 2 ** 32) throw new V1Error("malformed", `bad time line: ${JSON.stringify(text2)} is outside 1970..2106`);
  return seconds * 1e6 + micro;
}
var SubunitV1Decoder = class _SubunitV1Decoder {
  sink;
  cap;
  keep;
  /** Bytes of an incomplete line carried over from the previous chunk. */
  carry = [];
  carryBytes = 0;
  /** Stream offset and 1-based number of the next line. */
  offset = 0;
  lineNo = 1;
  now = null;
  globalTags = /* @__PURE__ */ new Set();
  test = null;
  details = null;
  garbage = null;
  constructor(sink, options = {}) {
    this.sink = sink;
    this.cap = options.capBytes ?? 1024 * 1024;
    this.keep = options.keep ?? "all";
  }
  /** The cap for one outcome's details: the aggregator keeps no text of a success under 'failures'. */
  capFor(outcome) {
    if (this.keep === "none" || this.keep === "failures" && outcome === "success") return 0;
    return this.cap;
  }
  push(chunk) {
    let start = 0;
    for (; ; ) {
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
  bulkBody(chunk, start) {
    const st = this.details;
    if (st === null || st.part !== "body" || st.chunks === null) return 0;
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
  streamSimpleDetails(chunk, start) {
    const st = this.details;
    if (st === null || st.multipart || start >= chunk.length) return 0;
    const message = st.message;
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
    message.add(head[0] === 32 && head[1] === 93 ? head.subarray(1) : head);
    this.offset += head.length;
    st.midLine = true;
    return chunk.length - start;
  }
  end() {
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
  line(line) {
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
  protocolLine(line, offset, lineNo) {
    let cmdEnd = 0;
    while (cmdEnd < line.length && !isByteSpace(line[cmdEnd])) cmdEnd++;
    let restStart = cmdEnd;
    while (restStart < line.length && isByteSpace(line[restStart])) restStart++;
    if (cmdEnd === 0 || restStart >= line.length) return this.other(line, offset, lineNo);
    let keyEnd = cmdEnd;
    while (keyEnd > 0 && line[keyEnd - 1] === 58) keyEnd--;
    const keyword = KEYWORDS.get(latin1.decode(line.subarray(0, keyEnd)));
    if (keyword === void 0) return this.other(line, offset, lineNo);
    const argStart = cmdEnd + 1;
    if (keyword === "test") {
      if (this.test !== null) return this.other(line, offset, lineNo);
      const idBytes = line.slice(argStart, line.length - 1);
      const id2 = decodeUtf8(idBytes, "test id");
      this.flushGarbage();
      this.test = { id: id2, idBytes, tags: new Set(this.globalTags), line: lineNo, offset };
      this.emit({ offset, testId: id2, status: "inprogress" });
      return;
    }
    if (keyword === "tags") {
      const words = decodeUtf8(line.subarray(argStart), "tags line").split(PY_STR_SPACE).filter(Boolean);
      const target = this.test?.tags ?? this.globalTags;
      const gone = [];
      for (const w of words) {
        if (w.startsWith("-")) gone.push(w.slice(1));
        else target.add(w);
      }
      for (const g of gone) target.delete(g);
      this.flushGarbage();
      return;
    }
    if (keyword === "time") {
      this.now = parseV1Time(latin1.decode(line.subarray(argStart, line.length - 1)));
      this.flushGarbage();
      return;
    }
    if (keyword === "progress") {
      const arg = latin1.decode(line.subarray(argStart)).trim();
      if (arg !== "push" && arg !== "pop" && !/^[+-]?[0-9]+(_[0-9]+)*$/.test(arg)) {
        throw new V1Error("malformed", `progress value ${JSON.stringify(arg)} is not a number, push or pop`);
      }
      this.flushGarbage();
      return;
    }
    const test = this.test;
    if (test === null) return this.other(line, offset, lineNo);
    const name = line.subarray(argStart, line.length - 1);
    const id = test.idBytes;
    const prefixed = name.length >= id.length && Buffer.compare(name.subarray(0, id.length), id) === 0;
    if (!prefixed) return this.other(line, offset, lineNo);
    const tail = latin1.decode(name.subarray(id.length));
    if (tail !== "" && tail !== " [" && tail !== " [ multipart") return this.other(line, offset, lineNo);
    this.flushGarbage();
    if (tail === "") {
      this.outcome(offset, keyword.outcome, /* @__PURE__ */ new Map());
      return;
    }
    const multipart = tail === " [ multipart";
    const cap = this.capFor(keyword.outcome);
    this.details = {
      cap,
      outcome: keyword.outcome,
      label: keyword.label,
      multipart,
      details: /* @__PURE__ */ new Map(),
      message: multipart ? null : new CappedBytes(cap),
      midLine: false,
      part: "content-type",
      partMime: "",
      partName: "",
      partBody: null,
      chunks: null
    };
  }
  /** A line that is not protocol: python passes it through as output; we note it as damage. */
  other(line, offset, lineNo) {
    let blank = true;
    for (const b of line) if (!isByteSpace(b)) blank = false;
    if (blank) return;
    if (this.garbage === null) this.garbage = { offset, line: lineNo, lines: 0, bytes: 0 };
    this.garbage.lines++;
    this.garbage.bytes += line.length;
  }
  flushGarbage() {
    const g = this.garbage;
    if (g === null) return;
    this.garbage = null;
    this.sink.damage({
      kind: "garbage",
      offset: g.offset,
      line: g.line,
      message: `${g.lines} line${g.lines === 1 ? "" : "s"} (${g.bytes} bytes) of non-subunit output`
    });
  }
  // -- details --------------------------------------------------------------------------------
  static isEndMarker(line) {
    return line.length === 2 && line[0] === 93 && line[1] === NL;
  }
  detailsLine(line, offset, lineNo) {
    const st = this.details;
    if (!st.multipart) {
      if (_SubunitV1Decoder.isEndMarker(line)) return this.endDetails(offset);
      st.message.add(line[0] === 32 && line[1] === 93 ? line.subarray(1) : line);
      return;
    }
    switch (st.part) {
      case "skip":
        if (_SubunitV1Decoder.isEndMarker(line)) this.endDetails(offset);
        return;
      case "content-type": {
        if (_SubunitV1Decoder.isEndMarker(line)) return this.endDetails(offset);
        const text2 = this.partHeader(st, line, "multipart Content-Type line");
        const space = text2.indexOf(" ");
        const value = space < 0 ? null : text2.slice(space + 1);
        const slash = value === null ? -1 : value.indexOf("/");
        if (value === null || slash < 0 || value.indexOf("/", slash + 1) >= 0) {
          st.part = "skip";
          throw new V1Error(
            "malformed",
            `Invalid MIME type line ${JSON.stringify(text2)} in details of test '${this.test?.id}' (line ${lineNo}); its details are skipped up to ']'`
          );
        }
        st.partMime = value;
        st.part = "name";
        return;
      }
      case "name": {
        st.partName = this.partHeader(st, line, "multipart part name");
        st.partBody = new CappedBytes(st.cap);
        const body = st.partBody;
        st.chunks = new ChunkedDecoder((bytes) => body.add(bytes));
        st.part = "body";
        return;
      }
      case "body": {
        let residue;
        try {
          residue = st.chunks.write(line);
        } catch (err) {
          if (err instanceof V1Error) st.part = "skip";
          throw err;
        }
        if (residue === null) return;
        if (residue.length) {
          st.part = "skip";
          throw new V1Error("malformed", `${residue.length} bytes after the final chunk of '${st.partName}'; details skipped up to ']'`);
        }
        st.details.set(st.partName, { name: st.partName, mimeType: st.partMime, body: st.partBody });
        st.partBody = null;
        st.chunks = null;
        st.part = "content-type";
        return;
      }
    }
  }
  partHeader(st, line, what) {
    try {
      return decodeUtf8(line.subarray(0, line.length - 1), what);
    } catch (err) {
      st.part = "skip";
      throw err;
    }
  }
  endDetails(offset) {
    const st = this.details;
    this.details = null;
    let details = st.details;
    if (!st.multipart) {
      const message = st.message;
      const name = st.outcome === "skip" ? "reason" : st.outcome === "success" ? "message" : "traceback";
      const mime = name === "traceback" ? TRACEBACK_MIME : "text/plain";
      details = /* @__PURE__ */ new Map([[name, { name, mimeType: mime, body: message }]]);
    }
    this.outcome(offset, st.outcome, details);
  }
  // -- events ---------------------------------------------------------------------------------
  outcome(offset, status, details) {
    const test = this.test;
    for (const d of details.values()) this.emitFile(offset, test.id, d);
    this.emit({ offset, testId: test.id, status, tags: test.tags.size ? [...test.tags] : null });
    this.test = null;
  }
  emitFile(offset, testId, d) {
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
  lostConnection() {
    const test = this.test;
    const st = this.details;
    this.details = null;
    const where = st === null ? "" : `${st.label} report of `;
    const message = `lost connection during ${where}test '${test.id}'`;
    this.sink.damage({
      kind: "truncated",
      offset: this.offset,
      line: this.lineNo,
      message: `stream ended inside test '${test.id}' (started on line ${test.line}${st === null ? "" : `, in its ${st.label} details`})`
    });
    const body = new CappedBytes(this.cap);
    body.add(encoder2.encode(`testtools.testresult.real._StringException: ${message}
`));
    this.emitFile(this.offset, test.id, { name: "traceback", mimeType: LOST_MIME, body });
    this.emit({ offset: this.offset, testId: test.id, status: "fail", tags: test.tags.size ? [...test.tags] : null });
    this.test = null;
  }
  emit(ev) {
    const event = {
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
      timestamp: this.now
    };
    this.sink.status(event);
  }
};

// src/core/results/junit.ts
var NON_CDATA = /[\0-\b\x0B-\x1F\uD800-\uDFFF\uFFFE\uFFFF]+/gu;
function escapeContent(s) {
  return s.replace(NON_CDATA, "").replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll("]]>", "]]&gt;");
}
function escapeAttr(s) {
  return escapeContent(s).replaceAll('"', "&quot;").replaceAll("	", "&#x9;").replaceAll("\n", "&#xA;");
}
function formatSeconds(x) {
  const mag = Math.abs(x);
  const sixteenths = mag * 16;
  if (Number.isInteger(sixteenths) && sixteenths % 2 === 1) {
    const k = Math.floor(mag * 1e3);
    const n = k % 2 === 0 ? k : k + 1;
    const s = `${Math.floor(n / 1e3)}.${String(n % 1e3).padStart(3, "0")}`;
    return x < 0 ? `-${s}` : s;
  }
  return x.toFixed(3);
}
function durationOf(fromMicros, toMicros) {
  const delta = toMicros - fromMicros;
  const seconds = Math.floor(delta / 1e6);
  return seconds + 1e-6 * (delta - seconds * 1e6);
}
var THREE_DIGITS = Array.from({ length: 1e3 }, (_, i) => String(i).padStart(3, "0"));
function durationText(fromMicros, toMicros) {
  const delta = toMicros - fromMicros;
  const micros = delta % 1e3;
  if (delta < 0 || delta >= 1e14 || micros === 500 || !Number.isInteger(delta)) return formatSeconds(durationOf(fromMicros, toMicros));
  const millis = (delta - micros) / 1e3 + (micros > 500 ? 1 : 0);
  const ms = millis % 1e3;
  return `${(millis - ms) / 1e3}.${THREE_DIGITS[ms]}`;
}
var PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
var PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "gu");
function parseContentType(mime) {
  const parts = [];
  let s = `;${mime}`;
  while (s.startsWith(";")) {
    s = s.slice(1);
    let end = s.indexOf(";");
    const quotesBefore = (e) => (s.slice(0, e).match(/"/g)?.length ?? 0) - (s.slice(0, e).match(/\\"/g)?.length ?? 0);
    while (end > 0 && quotesBefore(end) % 2) end = s.indexOf(";", end + 1);
    if (end < 0) end = s.length;
    parts.push(s.slice(0, end).trim());
    s = s.slice(end);
  }
  let full = parts[0] ?? "";
  const params = /* @__PURE__ */ new Map();
  for (const p of parts.slice(1)) {
    const i = p.indexOf("=");
    if (i < 0) continue;
    const name = p.slice(0, i).trim().toLowerCase();
    let value = p.slice(i + 1).trim();
    if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
      value = value.slice(1, -1).replaceAll("\\\\", "\\").replaceAll('\\"', '"');
    }
    params.set(name, value);
  }
  if (full === "*") full = "*/*";
  const typeParts = full.includes("/") ? full.split("/") : null;
  if (!typeParts || typeParts.length > 2) return null;
  const charset = params.get("charset");
  if (charset !== void 0 && charset.includes(",")) params.set("charset", charset.slice(0, charset.indexOf(",")));
  return { type: (typeParts[0] ?? "").trim(), subtype: (typeParts[1] ?? "").trim(), params };
}
function contentTypeRepr(ct) {
  const params = [...ct.params].map(([k, v]) => `${k}="${v}"`).sort(compareCodePoints);
  return `${ct.type}/${ct.subtype}${params.length ? `; ${params.join("; ")}` : ""}`;
}
function compareCodePoints(a, b) {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (; ; ) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0);
    const cy = y.value.codePointAt(0);
    if (cx !== cy) return cx - cy;
  }
}
var LATIN1 = /* @__PURE__ */ new Set(["latin-1", "latin1", "iso-8859-1", "iso8859-1", "8859", "cp819", "l1", "iso-ir-100", "ascii", "us-ascii"]);
var UTF8 = /* @__PURE__ */ new Set(["utf-8", "utf8", "u8", "utf"]);
function asText(att, ct) {
  const charset = (ct.params.get("charset") ?? "ISO-8859-1").toLowerCase().replaceAll("_", "-");
  if (UTF8.has(charset)) return att.text;
  const bytes = Buffer.from(att.text, "utf8");
  if (LATIN1.has(charset)) return bytes.toString("latin1");
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return att.text;
  }
}
function pyStrip(s) {
  return s.replace(PY_STRIP, "");
}
function detailsToStr(attachments, special) {
  const empty = [];
  const binary = [];
  const texts = [];
  let specialContent = null;
  const sorted = [...attachments].sort((a, b) => compareCodePoints(a.name, b.name));
  for (const att of sorted) {
    const ct = parseContentType(att.contentType) ?? { type: "application", subtype: "octet-stream", params: /* @__PURE__ */ new Map() };
    if (ct.type !== "text") {
      binary.push([att.name, contentTypeRepr(ct)]);
      continue;
    }
    const text2 = pyStrip(asText(att, ct));
    if (!text2) {
      empty.push(att.name);
      continue;
    }
    if (att.name === special) {
      specialContent = `${text2}
`;
      continue;
    }
    texts.push(text2.includes("\n") ? `${att.name}: {{{
${text2}
}}}
` : `${att.name}: {{{${text2}}}}`);
  }
  if (texts.length && !texts[texts.length - 1].endsWith("\n")) texts.push("");
  if (specialContent) texts.push(specialContent);
  let out = "";
  if (binary.length) {
    out += "Binary content:\n";
    for (const [name, ct] of binary) out += `  ${name} (${ct})
`;
  }
  if (empty.length) {
    out += "Empty attachments:\n";
    for (const name of empty) out += `  ${name}
`;
  }
  if ((binary.length || empty.length) && texts.length) out += "\n";
  return out + texts.join("\n");
}
function skipReason(test) {
  const reason = test.attachments.find((a) => a.name === "reason");
  if (reason === void 0) return detailsToStr(test.attachments, null);
  const ct = parseContentType(reason.contentType);
  return ct !== null && ct.type === "text" ? asText(reason, ct) : reason.text;
}
function splitJUnitId(id) {
  const paren = id.indexOf("(");
  const end = paren < 0 ? id.length - 1 : paren;
  const dot = end <= 0 ? -1 : id.lastIndexOf(".", end - 1);
  return dot < 0 ? { classname: "", name: id } : { classname: id.slice(0, dot), name: id.slice(dot + 1) };
}
var STRING_EXCEPTION = "testtools.testresult.real._StringException";
var ATTR_PLAIN = /^[^\0-\x1F&<"\uD800-\uDFFF\uFFFE\uFFFF]*$/;
function isPlainAttr(s) {
  return ATTR_PLAIN.test(s) && !s.includes("]]>");
}
function attr(s) {
  return isPlainAttr(s) ? s : escapeAttr(s);
}
var JUnitWriter = class {
  now = null;
  runStart = null;
  tests = 0;
  failures = 0;
  setTime(t) {
    this.now = t;
    if (this.runStart === null || this.runStart > t) this.runStart = t;
  }
  /** The <testcase> element of a finished test, or '' for one the report leaves out (`exists`). */
  add(test) {
    const status = test.status;
    if (isListing(status)) return "";
    this.tests++;
    if (test.startMicros !== null) this.setTime(test.startMicros);
    const testStart = this.now;
    if (test.stopMicros !== null) this.setTime(test.stopMicros);
    const duration = testStart === null || this.now === null ? "0.000" : durationText(testStart, this.now);
    const { classname, name } = splitJUnitId(test.id);
    const plainId = isPlainAttr(test.id);
    const open = `<testcase classname="${plainId ? classname : attr(classname)}" name="${plainId ? name : attr(name)}" time="${duration}"`;
    switch (status) {
      case "success":
      case "xfail":
        return `${open}/>
`;
      case "skip":
        return `${open}>
<skipped>${escapeAttr(skipReason(test.record()))}</skipped>
</testcase>
`;
      case "uxsuccess":
        this.failures++;
        return `${open}>
<failure type="unittest.case._UnexpectedSuccess"/>
</testcase>
`;
      default: {
        this.failures++;
        const message = detailsToStr(test.record().attachments, "traceback");
        const exc = message ? `${STRING_EXCEPTION}: ${message}
` : `${STRING_EXCEPTION}
`;
        return `${open}>
<failure type="${STRING_EXCEPTION}">${escapeContent(exc)}</failure>
</testcase>
`;
      }
    }
  }
  /** The opening <testsuite> with the totals of every test added. */
  head() {
    const runDuration = this.runStart === null || this.now === null ? "0.000" : durationText(this.runStart, this.now);
    return `<testsuite errors="0" failures="${this.failures}" name="" tests="${this.tests}" time="${runDuration}">
`;
  }
  tail() {
    return "</testsuite>\n";
  }
};
function xmlParser() {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // Decodes numeric character references (junitxml writes &#xA; and &#x9; in attributes) besides
    // the five XML entities; it also accepts a few HTML names, which valid JUnit never holds.
    htmlEntities: true,
    // Suites nest to any depth (the parser keeps its own stack, and so does collect).
    maxNestedTags: Number.MAX_SAFE_INTEGER,
    // No callback of ours takes the element's path: with the default (true) the parser builds it
    // as a string for every text and attribute, a cost in the nesting depth, so a deeply nested
    // file read in quadratic time (4,000 levels: 2.5 s; found by test/fuzz).
    jPath: false
  });
}
function tagOf(node) {
  for (const k of Object.keys(node)) if (k !== ":@") return k;
  return "";
}
function childrenOf(node) {
  const v = node[tagOf(node)];
  return Array.isArray(v) ? v : [];
}
function attrsOf(node) {
  const a = node[":@"];
  return a && typeof a === "object" ? a : {};
}
function textOf(node) {
  let s = "";
  for (const c of childrenOf(node)) {
    const tag = tagOf(c);
    if (tag === "#text") s += typeof c["#text"] === "string" ? c["#text"] : "";
    else if (tag === "#cdata") s += textOf(c);
  }
  return s;
}
var TRACEBACK_MIME2 = 'text/x-traceback; charset="utf8"';
var TEXT_MIME = 'text/plain; charset="utf8"';
function attachment(name, contentType, text2, keepText, cap) {
  const bytes = Buffer.from(text2, "utf8");
  const kept = keepText ? Math.min(bytes.length, cap) : 0;
  return {
    name,
    contentType,
    size: bytes.length,
    truncatedBytes: bytes.length - kept,
    text: kept === bytes.length ? text2 : bytes.subarray(0, kept).toString("utf8")
  };
}
function parseTimestamp(s) {
  if (s === void 0) return null;
  const t = s.trim();
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/.test(t)) return null;
  const micros = microsFromIso(t);
  return Number.isFinite(micros) ? micros : null;
}
function testcaseRecord(node, policy) {
  const a = attrsOf(node);
  const classname = a.classname ?? a.class ?? "";
  const name = a.name ?? "";
  const id = classname ? `${classname}.${name}` : name;
  let status = "success";
  const found = [];
  for (const child of childrenOf(node)) {
    const tag = tagOf(child);
    const ca = attrsOf(child);
    const body = textOf(child);
    if (tag === "failure" || tag === "error") {
      status = ca.type === "unittest.case._UnexpectedSuccess" ? "uxsuccess" : "fail";
      const text2 = body || ca.message || "";
      if (text2) found.push({ name: "traceback", mime: TRACEBACK_MIME2, text: text2 });
    } else if (tag === "skipped") {
      status = ca.type === "pytest.xfail" ? "xfail" : "skip";
      const text2 = body || ca.message || "";
      if (text2) found.push({ name: "reason", mime: TEXT_MIME, text: text2 });
    } else if (tag === "system-out" && body) found.push({ name: "stdout", mime: TEXT_MIME, text: body });
    else if (tag === "system-err" && body) found.push({ name: "stderr", mime: TEXT_MIME, text: body });
  }
  const keepText = policy.keep === "all" || policy.keep === "failures" && status !== "success";
  const attachments = [];
  for (const f of found) {
    const same = attachments.findIndex((x) => x.name === f.name);
    const att = attachment(f.name, f.mime, f.text, keepText, policy.capBytes);
    if (same >= 0) attachments[same] = att;
    else attachments.push(att);
  }
  const time = a.time === void 0 ? Number.NaN : Number(a.time.replaceAll(",", ""));
  const duration = Number.isFinite(time) ? time : null;
  const startUs = parseTimestamp(a.timestamp);
  const start = startUs === null ? null : isoFromMicros(startUs);
  const stop = startUs === null || duration === null ? null : isoFromMicros(startUs + Math.round(duration * 1e6));
  return {
    id,
    ...parseTestId(id),
    status,
    tags: [],
    start,
    stop,
    duration,
    worker: null,
    routeCode: null,
    attachments
  };
}
function collect(nodes, policy, out) {
  const stack = [{ nodes, i: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const node = top.nodes[top.i++];
    if (node === void 0) {
      stack.pop();
      continue;
    }
    const tag = tagOf(node);
    if (tag === "testcase") out.push(testcaseRecord(node, policy));
    else if (tag === "testsuite" || tag === "testsuites") stack.push({ nodes: childrenOf(node), i: 0 });
  }
}
function byteOffset(text2, line, column) {
  let pos = 0;
  for (let l = 1; l < line; l++) {
    const nl = text2.indexOf("\n", pos);
    if (nl < 0) break;
    pos = nl + 1;
  }
  return Buffer.byteLength(text2.slice(0, Math.min(text2.length, pos + Math.max(0, column - 1))), "utf8");
}
function lineOfIndex(text2, index) {
  let line = 1;
  for (let i = text2.indexOf("\n"); i >= 0 && i < index; i = text2.indexOf("\n", i + 1)) line++;
  return line;
}
var isXmlSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;
var isNameChar = (c) => c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 95 || c === 45 || c === 46 || c === 58 || c > 127;
function lastCompleteTestcase(text2, limit) {
  let end = 0;
  let i = text2.indexOf("<", 0);
  while (i >= 0 && i < limit) {
    if (text2.startsWith("</testcase", i)) {
      let j = i + 10;
      while (j < limit && isXmlSpace(text2.charCodeAt(j))) j++;
      if (j < limit && text2.charCodeAt(j) === 62) end = j + 1;
      i = text2.indexOf("<", j);
    } else if (text2.startsWith("<testcase", i) && !isNameChar(text2.charCodeAt(i + 9))) {
      let j = i + 9;
      let quote = 0;
      for (; j < limit; j++) {
        const c = text2.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
      }
      if (j >= limit) break;
      if (text2.charCodeAt(j - 1) === 47) end = j + 1;
      i = text2.indexOf("<", j + 1);
    } else i = text2.indexOf("<", i + 1);
  }
  return end;
}
function readJUnit(bytes, options = {}) {
  const policy = options.attachments ?? DEFAULT_ATTACHMENTS;
  const damage = [];
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(Buffer.from(bytes.subarray(0, 256)).toString("latin1"))?.[1];
  let encoding = "utf-8";
  if (declared !== void 0) {
    try {
      encoding = new TextDecoder(declared).encoding;
    } catch {
      damage.push({ kind: "xml", offset: 0, line: 1, message: `unknown encoding '${declared}' in the XML declaration; read as UTF-8` });
    }
  }
  let text2;
  try {
    text2 = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    text2 = new TextDecoder(encoding).decode(bytes);
    const bad = text2.indexOf("\uFFFD");
    const offset = Buffer.byteLength(text2.slice(0, Math.max(0, bad)), "utf8");
    damage.push({ kind: "utf8", offset, line: lineOfIndex(text2, bad), message: `invalid ${encoding} text (replaced with U+FFFD)` });
  }
  const tests = [];
  if (text2.trim() === "") return makeRunResults("junit", tests, damage);
  let source = text2;
  const valid = XMLValidator.validate(text2);
  if (valid !== true) {
    const { line, col, msg, code } = valid.err;
    const atEnd = msg.startsWith("Unclosed tag ") || code === "InvalidXml" && msg.startsWith("Invalid '[");
    if (atEnd) {
      damage.push({
        kind: "xml",
        offset: bytes.length,
        line: lineOfIndex(text2, text2.length),
        message: `malformed XML: ended before its elements were closed (${msg})`
      });
      source = text2.slice(0, lastCompleteTestcase(text2, text2.length));
    } else {
      const offset = Math.min(bytes.length, byteOffset(text2, line, col));
      damage.push({ kind: "xml", offset, line, message: `malformed XML at column ${col}: ${msg}` });
      let index = 0;
      for (let l = 1; l < line; l++) index = text2.indexOf("\n", index) + 1;
      source = text2.slice(0, lastCompleteTestcase(text2, index + Math.max(0, col - 1)));
    }
  }
  let doc = [];
  try {
    doc = source ? xmlParser().parse(source) : [];
  } catch (err) {
    if (valid === true) damage.push({ kind: "xml", offset: 0, line: 1, message: `unreadable XML: ${err.message}` });
  }
  collect(doc, policy, tests);
  if (valid === true && !doc.some((n) => tagOf(n) === "testsuite" || tagOf(n) === "testsuites")) {
    damage.push({ kind: "xml", offset: 0, line: 1, message: "no <testsuites> or <testsuite> element: not JUnit XML" });
  }
  return makeRunResults("junit", tests, damage);
}

// src/core/results/parse.ts
function aggregated(format, options, decoderFor) {
  const records = options.streamOnly ? "none" : options.summaryOnly ? "problems" : "all";
  const agg = new TestAggregator({ attachments: options.attachments, onTest: options.onTest, onFinished: options.onFinished, records });
  const decoder = decoderFor(agg);
  const finish = () => {
    decoder.end();
    agg.finishAll();
    return agg;
  };
  return {
    format,
    push: (chunk, transient) => decoder.push(chunk, transient),
    end: () => {
      if (records !== "all") throw new Error("internal: end() on a summaryOnly or streamOnly parser (use endSummary())");
      return makeRunResults(format, finish().tests, agg.damages);
    },
    endSummary: () => finish().summary(format)
  };
}
var DETECT_WINDOW = 1 << 20;
var isBlank = (b) => b === 32 || b === 10 || b === 13 || b === 9;
var RESULTS_JSON_HEAD = /^\{\s*"schema"\s*:\s*"tempest-gate\/results@/;
var JSON_HEAD_BYTES = 256;
var FormatDetector = class {
  buf = new Uint8Array(4096);
  len = 0;
  /** Bytes before this were looked at and decide nothing. */
  pos = -1;
  lineStart = true;
  sawV1Command = false;
  /** Append bytes (copied). */
  add(chunk) {
    if (this.len + chunk.length > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.len + chunk.length) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }
  /** Everything added so far. */
  bytes() {
    return this.buf.subarray(0, this.len);
  }
  /** The format, or undefined while more bytes are needed; `final` when the stream has ended. */
  decide(final) {
    const head = this.buf;
    const len = this.len;
    if (this.pos < 0) {
      let i = 0;
      if (len >= 3 && head[0] === 239 && head[1] === 187 && head[2] === 191) i = 3;
      else if (!final && len < 3 && head[0] === 239) return void 0;
      while (i < len && isBlank(head[i])) i++;
      if (i >= len) return final ? "subunit-v2" : void 0;
      const b = head[i];
      if (b === 179) return "subunit-v2";
      if (b === 60) return "junit";
      if (b === 123) {
        if (!final && len - i < JSON_HEAD_BYTES) return void 0;
        if (RESULTS_JSON_HEAD.test(latin12.decode(head.subarray(i, i + JSON_HEAD_BYTES)))) return "results-json";
      }
      this.pos = 0;
    }
    const limit = Math.min(len, DETECT_WINDOW);
    for (let p = this.pos; p < limit; p++) {
      if (this.lineStart) {
        const cmd = v1CommandAt(head, p, len, final);
        if (cmd === "wait") return this.wait(p);
        if (cmd === "test") return "subunit-v1";
        if (cmd === "other") this.sawV1Command = true;
        this.lineStart = false;
      }
      const c = head[p];
      if (c === 179) {
        const packet = v2PacketAt(head, p, len, final);
        if (packet === "yes") return "subunit-v2";
        if (packet === "wait") return this.wait(p);
      }
      if (c === 10) this.lineStart = true;
    }
    this.pos = limit;
    if (limit >= DETECT_WINDOW) return "subunit-v1";
    if (!final) return void 0;
    return this.sawV1Command ? "subunit-v1" : "not-results";
  }
  wait(p) {
    this.pos = p;
    return void 0;
  }
};
var latin12 = new TextDecoder("latin1");
var V1_WORDS = /* @__PURE__ */ new Set(["test", "testing", "error", "failure", "skip", "success", "successful", "xfail", "uxsuccess", "progress", "tags", "time"]);
var isByteSpace2 = (b) => b === 32 || b === 9 || b === 10 || b === 13 || b === 11 || b === 12;
function v1CommandAt(head, p, len, final) {
  let q = p;
  while (q < len && q - p < 16 && head[q] >= 97 && head[q] <= 122) q++;
  const wordEnd = q;
  while (q < len && q - p < 24 && head[q] === 58) q++;
  if (q >= len) return final || q - p >= 24 ? "none" : "wait";
  if (wordEnd === p || !isByteSpace2(head[q])) return "none";
  while (q < len && head[q] !== 10 && isByteSpace2(head[q])) q++;
  if (q >= len) return final ? "none" : "wait";
  if (head[q] === 10) return "none";
  const word = latin12.decode(head.subarray(p, wordEnd));
  return word === "test" || word === "testing" ? "test" : V1_WORDS.has(word) ? "other" : "none";
}
function v2PacketAt(head, i, len, final) {
  const more = (end2) => !final && end2 > len && end2 <= DETECT_WINDOW ? "wait" : "no";
  if (i + 2 > len) return more(i + 6);
  if ((head[i + 1] & 240) !== 32) return "no";
  if (i + 4 > len) return more(i + 6);
  const b0 = head[i + 3];
  const size = (b0 & 192) === 0 ? 1 : (b0 & 192) === 64 ? 2 : 3;
  if (i + 3 + size > len) return more(i + 6);
  let length = b0 & 63;
  for (let k = 1; k < size; k++) length = length * 256 + head[i + 3 + k];
  if (length < 10) return "no";
  const end = i + length;
  if (end > len) return more(end);
  const stored = (head[end - 4] << 24 | head[end - 3] << 16 | head[end - 2] << 8 | head[end - 1]) >>> 0;
  return crc322(head.subarray(i, end - 4)) >>> 0 === stored ? "yes" : "no";
}
function detectFormat(head) {
  const d = new FormatDetector();
  d.add(head);
  return d.decide(true);
}
function createSubunitV2Parser(options = {}) {
  return aggregated("subunit-v2", options, (agg) => new SubunitV2Decoder(agg, { trustCrc: options.trustCrc === true }));
}
function createSubunitV1Parser(options = {}) {
  const policy = options.attachments ?? DEFAULT_ATTACHMENTS;
  return aggregated("subunit-v1", { ...options, attachments: policy }, (agg) => {
    const decoder = new SubunitV1Decoder(agg, { capBytes: policy.capBytes, keep: policy.keep });
    return { push: (chunk, transient) => decoder.push(transient ? new Uint8Array(chunk) : chunk), end: () => decoder.end() };
  });
}
function handOver(tests, options, shaped) {
  for (const t of tests) {
    options.onFinished?.(finishedFromRecord(t, shaped));
    options.onTest?.(t);
  }
}
function createJUnitParser(options = {}) {
  const chunks = [];
  const end = () => {
    const results = readJUnit(Buffer.concat(chunks), { attachments: options.attachments });
    handOver(results.tests, options, true);
    return results;
  };
  return { format: "junit", push: (chunk, transient) => void chunks.push(transient ? new Uint8Array(chunk) : chunk), end, endSummary: () => summarize(end()) };
}
var FACTORIES = {
  "subunit-v2": createSubunitV2Parser,
  "subunit-v1": createSubunitV1Parser,
  junit: createJUnitParser
};
var EXPECTED = "expected subunit v1/v2, JUnit XML or tempest-gate results JSON";
function inputError(options, message, offset) {
  return new UserError(message, { place: options.source !== void 0 || offset !== void 0 ? { file: options.source, offset } : void 0 });
}
var STATUSES = new Set(Object.keys(emptyCounts()));
function createResultsJsonParser(options = {}) {
  const chunks = [];
  const end = () => {
    const text2 = new TextDecoder().decode(Buffer.concat(chunks));
    let doc;
    try {
      doc = JSON.parse(text2);
    } catch (err) {
      const at = /at position (\d+)/.exec(err.message)?.[1];
      const offset = at !== void 0 ? Buffer.byteLength(text2.slice(0, Number(at)), "utf8") : Buffer.byteLength(text2, "utf8");
      throw inputError(options, `malformed tempest-gate results JSON: ${err.message.replace(/\s+/g, " ")}`, offset);
    }
    const bad = (what) => inputError(options, `not tempest-gate results JSON (${RESULTS_SCHEMA}): ${what}`);
    if (typeof doc !== "object" || doc === null) throw bad("not an object");
    const d = doc;
    if (d.schema !== RESULTS_SCHEMA) throw bad(`"schema" is ${JSON.stringify(d.schema)}`);
    if (d.format !== "subunit-v2" && d.format !== "subunit-v1" && d.format !== "junit") throw bad(`"format" is ${JSON.stringify(d.format)}`);
    if (!Array.isArray(d.tests)) throw bad('"tests" is not a list');
    d.tests.forEach((t, i) => {
      const r = t;
      if (typeof r !== "object" || r === null || typeof r.id !== "string" || typeof r.status !== "string" || !STATUSES.has(r.status) || !Array.isArray(r.attachments)) {
        throw bad(`tests[${i}] is not a test record (id, status, attachments)`);
      }
    });
    const damage = Array.isArray(d.damage) ? d.damage : [];
    const results = makeRunResults(d.format, d.tests, damage);
    options.onFormat?.(d.format);
    handOver(results.tests, options, false);
    return results;
  };
  return {
    format: void 0,
    push: (chunk, transient) => void chunks.push(transient ? new Uint8Array(chunk) : chunk),
    end,
    endSummary: () => summarize(end())
  };
}
function createResultParser(options = {}) {
  let inner = null;
  const detector = new FormatDetector();
  const start = (detected) => {
    if (detected === "not-results") throw inputError(options, `not a result file (${EXPECTED})`);
    if (detected === "results-json") return createResultsJsonParser(options);
    options.onFormat?.(detected);
    return FACTORIES[detected](options);
  };
  if (options.format !== void 0) {
    options.onFormat?.(options.format);
    inner = FACTORIES[options.format](options);
  }
  const settle = () => {
    if (!inner) {
      inner = start(detector.decide(true));
      const head = detector.bytes();
      if (head.length) inner.push(head);
    }
    return inner;
  };
  return {
    get format() {
      return inner?.format;
    },
    push(chunk, transient) {
      if (inner) return inner.push(chunk, transient);
      detector.add(chunk);
      const detected = detector.decide(false);
      if (detected === void 0) return;
      inner = start(detected);
      inner.push(detector.bytes());
    },
    end() {
      return settle().end();
    },
    endSummary() {
      return settle().endSummary();
    }
  };
}
function parseResults(bytes, options = {}) {
  const parser = createResultParser(options);
  parser.push(bytes);
  return parser.end();
}

export {
  crc32Table,
  crc32Short,
  packetCrc,
  SIGNATURE,
  SubunitV2Decoder,
  SubunitV1Decoder,
  JUnitWriter,
  detectFormat,
  createResultParser,
  parseResults
};
