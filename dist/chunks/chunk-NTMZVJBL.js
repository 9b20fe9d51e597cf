import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url);

// src/core/errors.ts
var EXIT = {
  ok: 0,
  /** The gate's verdict is "fail" (regressions, failures, per policy). */
  gateFailed: 1,
  /** Wrong command line: unknown verb, flag or value. */
  usage: 2,
  /** Input that could not be read whole: damaged stream, malformed file. What was good is still output. */
  badInput: 3,
  /** The cloud, SSH or GitHub failed us: an infrastructure failure, not a test failure. */
  infra: 4,
  /** A bug in tempest-gate. */
  internal: 70
};
function formatPlace(place) {
  const parts = [];
  if (place.file !== void 0) parts.push(place.file);
  if (place.line !== void 0) parts.push(`line ${place.line}${place.column !== void 0 ? `, column ${place.column}` : ""}`);
  if (place.offset !== void 0) parts.push(`byte ${place.offset}`);
  return parts.join(": ");
}
var UserError = class extends Error {
  exitCode;
  place;
  constructor(message, options = {}) {
    super(options.place ? `${formatPlace(options.place)}: ${message}` : message, { cause: options.cause });
    this.name = "UserError";
    this.exitCode = options.exitCode ?? EXIT.badInput;
    this.place = options.place;
  }
};
function usageError(message) {
  return new UserError(message, { exitCode: EXIT.usage });
}

// src/core/render/results-text.ts
function seconds(s) {
  if (s === null) return "?";
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}
function problem(t) {
  const label = t.status === "fail" ? "FAIL" : t.status === "uxsuccess" ? "UNEXPECTED SUCCESS" : t.status.toUpperCase();
  const out = [`${label} ${t.id} (${seconds(t.duration)})`];
  const detail = t.attachments.find((a) => a.name === "traceback") ?? t.attachments.find((a) => a.name === "reason");
  if (detail && detail.text) {
    const lines = detail.text.replace(/\s+$/, "").split("\n");
    out.push(...lines.slice(-6).map((l) => `    ${l}`));
  }
  return out;
}
function renderResultsText(results, options) {
  const { counts, tests } = results;
  const workers = new Set(tests.map((t) => t.worker).filter((w) => w !== null)).size;
  const span = results.start && results.stop ? (Date.parse(results.stop) - Date.parse(results.start)) / 1e3 : null;
  const lines = [];
  lines.push(
    `${options.source}: ${results.format}, ${tests.length} tests` + (span !== null ? ` in ${seconds(span)}` : "") + (workers ? ` on ${workers} worker${workers === 1 ? "" : "s"}` : "")
  );
  const parts = [
    `${counts.success} passed`,
    `${counts.fail} failed`,
    `${counts.skip} skipped`,
    counts.xfail ? `${counts.xfail} expected failures` : "",
    counts.uxsuccess ? `${counts.uxsuccess} unexpected successes` : "",
    counts.inprogress + counts.unknown ? `${counts.inprogress + counts.unknown} never finished` : "",
    counts.exists ? `${counts.exists} listed only` : ""
  ].filter(Boolean);
  lines.push(`  ${parts.join(", ")}`);
  const problems = tests.filter((t) => t.status === "fail" || t.status === "uxsuccess" || t.status === "inprogress" || t.status === "unknown");
  const max = options.maxProblems ?? 20;
  for (const t of problems.slice(0, max)) lines.push(...problem(t));
  if (problems.length > max) lines.push(`\u2026 and ${problems.length - max} more`);
  for (const d of results.damage.slice(0, 10)) lines.push(`DAMAGED at byte ${d.offset}${d.line ? ` (line ${d.line})` : ""}: ${d.message}`);
  if (results.damage.length > 10) lines.push(`\u2026 and ${results.damage.length - 10} more damaged regions`);
  return `${lines.join("\n")}
`;
}

// src/cli/command.ts
var COMMON_OPTIONS = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" }
};
function str(args, name) {
  const v = args.values[name];
  return typeof v === "string" ? v : void 0;
}
function flag(args, name) {
  return args.values[name] === true;
}

// src/core/results/model.ts
var RESULTS_SCHEMA = "tempest-gate/results@1";
var ID_ATTRS = /^(.*)\[([^\[\]]*)\]$/;
var IDEMPOTENT = /^id-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
function parseTestId(id) {
  const fixture = /^(setUpClass|tearDownClass|setUpModule|tearDownModule) \((.*)\)$/.exec(id);
  if (fixture) {
    return { name: id, className: fixture[2] ?? "", method: fixture[1] ?? "", attrs: [], idempotentId: null };
  }
  let name = id;
  let attrs = [];
  let idempotentId = null;
  const m = ID_ATTRS.exec(id);
  if (m) {
    name = m[1] ?? id;
    for (const raw of (m[2] ?? "").split(",")) {
      const attr = raw.trim();
      if (attr === "") continue;
      const idm = IDEMPOTENT.exec(attr);
      if (idm && idempotentId === null) idempotentId = (idm[1] ?? "").toLowerCase();
      else attrs.push(attr);
    }
  }
  const dot = name.lastIndexOf(".");
  const className = dot > 0 ? name.slice(0, dot) : "";
  const method = dot > 0 ? name.slice(dot + 1) : name;
  return { name, className, method, attrs, idempotentId };
}
function emptyCounts() {
  return { success: 0, fail: 0, skip: 0, xfail: 0, uxsuccess: 0, exists: 0, inprogress: 0, unknown: 0 };
}
function makeRunResults(format, tests, damage) {
  const counts = emptyCounts();
  let start = null;
  let stop = null;
  for (const t of tests) {
    counts[t.status]++;
    if (t.start !== null && (start === null || t.start < start)) start = t.start;
    const end = t.stop ?? t.start;
    if (end !== null && (stop === null || end > stop)) stop = end;
  }
  return { schema: RESULTS_SCHEMA, format, tests, counts, start, stop, damage };
}
function durationSeconds(start, stop) {
  if (start === null || stop === null) return null;
  return (microsFromIso(stop) - microsFromIso(start)) / 1e6;
}
function isoFromMicros(micros) {
  const ms = Math.floor(micros / 1e3);
  const frac = micros - ms * 1e3;
  const base = new Date(ms).toISOString();
  return `${base.slice(0, 23)}${String(frac).padStart(3, "0")}Z`;
}
function microsFromIso(iso) {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)?$/.exec(iso);
  if (!m) return Date.parse(iso) * 1e3;
  const secs = Date.parse(`${m[1]}${m[3] ?? "Z"}`);
  const frac = (m[2] ?? "").padEnd(6, "0").slice(0, 6);
  return secs * 1e3 + Number(frac);
}

// src/core/results/aggregate.ts
var DEFAULT_ATTACHMENTS = { capBytes: 1024 * 1024, keep: "failures" };
var text = new TextDecoder("utf-8");
var TestAggregator = class {
  tests = [];
  damages = [];
  open = /* @__PURE__ */ new Map();
  policy;
  onTest;
  constructor(options = {}) {
    this.policy = options.attachments ?? DEFAULT_ATTACHMENTS;
    this.onTest = options.onTest;
  }
  damage(damage) {
    this.damages.push(damage);
  }
  status(ev) {
    if (ev.testId === null) return;
    const key = ev.routeCode === null ? `\0${ev.testId}` : `${ev.routeCode}\0${ev.testId}`;
    let test = this.open.get(key);
    if (test === void 0) {
      test = {
        id: ev.testId,
        routeCode: ev.routeCode,
        status: "unknown",
        tags: [],
        start: ev.timestamp,
        stop: null,
        attachments: /* @__PURE__ */ new Map()
      };
      this.open.set(key, test);
    }
    if (ev.status !== null) test.status = ev.status;
    test.stop = ev.timestamp;
    if (ev.fileName !== null && ev.fileBytes !== null && ev.fileBytes.length > 0) {
      this.addFile(test, ev.fileName, ev.fileBytes, ev.mimeType);
    }
    if (ev.tags !== null) test.tags = ev.tags;
    if (ev.status !== null && ev.status !== "inprogress") {
      this.open.delete(key);
      this.finish(test);
    }
  }
  addFile(test, name, bytes, mimeType) {
    let att = test.attachments.get(name);
    if (att === void 0) {
      att = { name, contentType: mimeType ?? "application/octet-stream", chunks: [], kept: 0, size: 0 };
      test.attachments.set(name, att);
    }
    att.size += bytes.length;
    if (this.policy.keep === "none") return;
    const room = this.policy.capBytes - att.kept;
    if (room <= 0) return;
    const piece = bytes.length <= room ? bytes.slice() : bytes.slice(0, room);
    att.chunks.push(piece);
    att.kept += piece.length;
  }
  /** Call at the end of the stream: open tests are reported as they stand, last opened first. */
  finishAll() {
    const open = [...this.open.values()].reverse();
    this.open.clear();
    for (const test of open) {
      test.stop = null;
      this.finish(test);
    }
  }
  finish(test) {
    const keepText = this.policy.keep === "all" || this.policy.keep === "failures" && test.status !== "success";
    const attachments = [];
    for (const att of test.attachments.values()) {
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
    const tags = [...test.tags].sort();
    const record = {
      id: test.id,
      ...parts,
      status: test.status,
      tags,
      start,
      stop,
      duration: durationSeconds(start, stop),
      worker: tags.find((t) => /^worker-\d+$/.test(t)) ?? null,
      routeCode: test.routeCode,
      attachments
    };
    this.tests.push(record);
    this.onTest?.(record);
  }
};

// src/core/results/subunit-v2.ts
import { crc32 } from "node:zlib";
var SIGNATURE = 179;
var FLAG_TEST_ID = 2048;
var FLAG_ROUTE_CODE = 1024;
var FLAG_TIMESTAMP = 512;
var FLAG_RUNNABLE = 256;
var FLAG_TAGS = 128;
var FLAG_FILE_CONTENT = 64;
var FLAG_MIME_TYPE = 32;
var FLAG_EOF = 16;
var STATUS_CODES = [
  null,
  "exists",
  "inprogress",
  "success",
  "uxsuccess",
  "skip",
  "fail",
  "xfail"
];
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
function readVarint(body, pos, end, max3) {
  if (pos >= end) throw new ParseError("malformed", `varint at body offset ${pos} is past the end of the packet`);
  const b0 = body[pos];
  const type = b0 & 192;
  const v0 = b0 & 63;
  const size = type === 0 ? 1 : type === 64 ? 2 : type === 128 ? 3 : 4;
  if (size === 4 && max3) throw new ParseError("malformed", "3 byte maximum given but 4 byte value found.");
  if (pos + size > end) throw new ParseError("malformed", `varint at body offset ${pos} is past the end of the packet`);
  let value = v0;
  for (let i = 1; i < size; i++) value = value * 256 + body[pos + i];
  return [value, size];
}
function readString(body, pos, end) {
  const [length, used] = readVarint(body, pos, end, false);
  const start = pos + used;
  if (start + length > end) {
    throw new ParseError(
      "malformed",
      `UTF8 string extends past end of packet: claimed ${length} bytes, ${Math.max(0, end - start)} available`
    );
  }
  const bytes = body.subarray(start, start + length);
  if (bytes.includes(0)) throw new ParseError("utf8", "UTF8 string contains NUL byte");
  let text2;
  try {
    text2 = utf8.decode(bytes);
  } catch {
    throw new ParseError("utf8", "UTF8 string is not valid UTF-8");
  }
  return [text2, start + length];
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
  constructor(sink) {
    this.sink = sink;
  }
  push(chunk) {
    if (chunk.length === 0) return;
    if (this.swallowFrom !== null) {
      this.base += chunk.length;
      return;
    }
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.drain(false);
  }
  end() {
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
    const all = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    return all;
  }
  drain(final) {
    let data = this.joined();
    let pos = 0;
    const len = data.length;
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
      [length, lenBytes] = readVarint(data, p + 3, p + 6, true);
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
    const computed = crc32(data.subarray(p, end - 4)) >>> 0;
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
  fields(body, flags, start, end, offset) {
    let pos = start;
    let timestamp = null;
    if (flags & FLAG_TIMESTAMP) {
      if (pos + 4 > end) throw new ParseError("malformed", "timestamp extends past end of packet");
      const seconds2 = (body[pos] << 24 | body[pos + 1] << 16 | body[pos + 2] << 8 | body[pos + 3]) >>> 0;
      const [nanos, used] = readVarint(body, pos + 4, end, false);
      pos += 4 + used;
      timestamp = seconds2 * 1e6 + roundHalfEven(nanos, 1e3);
    }
    let testId = null;
    if (flags & FLAG_TEST_ID) [testId, pos] = readString(body, pos, end);
    let tags = null;
    if (flags & FLAG_TAGS) {
      const [count, used] = readVarint(body, pos, end, false);
      pos += used;
      const set = /* @__PURE__ */ new Set();
      for (let i = 0; i < count; i++) {
        let tag;
        [tag, pos] = readString(body, pos, end);
        set.add(tag);
      }
      tags = [...set];
    }
    let mimeType = null;
    if (flags & FLAG_MIME_TYPE) [mimeType, pos] = readString(body, pos, end);
    let fileName = null;
    let fileBytes = null;
    if (flags & FLAG_FILE_CONTENT) {
      [fileName, pos] = readString(body, pos, end);
      const [size, used] = readVarint(body, pos, end, false);
      pos += used;
      if (pos + size > end) {
        throw new ParseError("malformed", `File content extends past end of packet: claimed ${size} bytes, ${Math.max(0, end - pos)} available`);
      }
      fileBytes = body.subarray(pos, pos + size);
      pos += size;
    }
    let routeCode = null;
    if (flags & FLAG_ROUTE_CODE) [routeCode, pos] = readString(body, pos, end);
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

// src/core/results/parse.ts
function detectFormat(head) {
  let i = 0;
  if (head[0] === 239 && head[1] === 187 && head[2] === 191) i = 3;
  while (i < head.length && (head[i] === 32 || head[i] === 10 || head[i] === 13 || head[i] === 9)) i++;
  if (i >= head.length) return "subunit-v2";
  const b = head[i];
  if (b === 179) return "subunit-v2";
  if (b === 60) return "junit";
  return "subunit-v1";
}
function createSubunitV2Parser(options = {}) {
  const agg = new TestAggregator({ attachments: options.attachments, onTest: options.onTest });
  const decoder = new SubunitV2Decoder(agg);
  return {
    push: (chunk) => decoder.push(chunk),
    end: () => {
      decoder.end();
      agg.finishAll();
      return makeRunResults("subunit-v2", agg.tests, agg.damages);
    }
  };
}
var FACTORIES = {
  "subunit-v2": createSubunitV2Parser
};
function createResultParser(options = {}) {
  let inner = null;
  const pending = [];
  const start = (head) => {
    const format = options.format ?? detectFormat(head);
    const factory = FACTORIES[format];
    if (!factory) throw new Error(`no parser for format '${format}'`);
    return factory(options);
  };
  return {
    push(chunk) {
      if (inner) return inner.push(chunk);
      pending.push(chunk);
      const head = Buffer.concat(pending);
      if (options.format === void 0 && head.every((b) => b === 32 || b === 10 || b === 13 || b === 9)) return;
      inner = start(head);
      pending.length = 0;
      inner.push(head);
    },
    end() {
      if (!inner) {
        inner = start(Buffer.concat(pending));
        if (pending.length) inner.push(Buffer.concat(pending));
      }
      return inner.end();
    }
  };
}

// src/edges/files.ts
import { createReadStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
function describe(err) {
  const e = err;
  switch (e.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    default:
      return e.message ?? String(err);
  }
}
async function* readChunks(path, stdin = process.stdin) {
  const source = path === "-" ? stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of source) {
      yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    }
  } catch (err) {
    throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}
async function writeOutput(path, data) {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  } catch (err) {
    throw new UserError(`cannot write: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}

// src/cli/commands/parse.ts
var FORMATS = ["json", "text"];
function damageLine(file, results) {
  const first = results.damage[0];
  if (!first) return null;
  const more = results.damage.length > 1 ? ` (and ${results.damage.length - 1} more damaged regions)` : "";
  const where = first.line !== void 0 ? `line ${first.line}, byte ${first.offset}` : `byte ${first.offset}`;
  return `${file}: ${where}: ${first.message}${more}; kept ${results.tests.length} tests`;
}
async function parseFile(path, stdin, attachments) {
  const parser = createResultParser({ attachments });
  for await (const chunk of readChunks(path, stdin)) parser.push(chunk);
  return parser.end();
}
var parseCommand = {
  name: "parse",
  summary: "Read a subunit v2, subunit v1 or JUnit XML result file and summarise or convert it.",
  usage: "<file|-> [--to json|text] [--output FILE]",
  allowPositionals: true,
  options: {
    to: { type: "string" },
    output: { type: "string", short: "o" },
    attachments: { type: "string" },
    "attachment-cap": { type: "string" }
  },
  help: `Arguments:
  <file|->                 the result file; '-' reads standard input. The format is detected:
                           subunit v2 (binary), subunit v1 (text, as .stestr/N keeps it), JUnit XML.
Options:
      --to FORMAT          json (the documented results shape, docs/results-json.md) or text
                           (default: text, or json with --json)
  -o, --output FILE        write the output to FILE instead of standard output
      --attachments WHICH  whose attachment text to keep: failures (default), all, none
      --attachment-cap N   bytes kept per attachment (default 1048576); the rest is counted
Exit codes:
  0  read the whole input (failing tests do not change this)
  2  usage error
  3  the input was damaged or unreadable: what was good is still written, and one line on
     standard error names the file and byte offset of the first damage`,
  async run(args, io) {
    const [file, ...extra] = args.positionals;
    if (file === void 0) throw usageError("missing <file|-> (see --help)");
    if (extra.length) throw usageError(`unexpected argument '${extra[0]}'`);
    const to = str(args, "to") ?? (flag(args, "json") ? "json" : "text");
    if (!FORMATS.includes(to)) throw usageError(`--to must be one of ${FORMATS.join(", ")}, not '${to}'`);
    const keep = str(args, "attachments") ?? "failures";
    if (keep !== "all" && keep !== "failures" && keep !== "none") throw usageError(`--attachments must be all, failures or none, not '${keep}'`);
    const capText = str(args, "attachment-cap") ?? "1048576";
    const cap = Number(capText);
    if (!Number.isInteger(cap) || cap < 0) throw usageError(`--attachment-cap must be a whole number of bytes, not '${capText}'`);
    const results = await parseFile(file, io.stdin, { keep, capBytes: cap });
    const source = file === "-" ? "<stdin>" : file;
    let out;
    if (to === "json") out = `${JSON.stringify(results, null, 2)}
`;
    else out = renderResultsText(results, { source });
    const output = str(args, "output");
    if (output) await writeOutput(output, out);
    else io.stdout.write(out);
    const damage = damageLine(source, results);
    if (damage) {
      io.stderr.write(`tempest-gate parse: ${damage}
`);
      return EXIT.badInput;
    }
    return EXIT.ok;
  }
};

export {
  EXIT,
  UserError,
  COMMON_OPTIONS,
  renderResultsText,
  damageLine,
  parseFile,
  parseCommand
};
