import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  RE2JS,
  require_ajv
} from "./chunk-FFUPZC6L.js";
import {
  require_dist
} from "./chunk-JTCS6GEG.js";
import {
  PROBLEM_STATUSES,
  RESULTS_SCHEMA,
  TEST_STATUSES,
  emptyCounts,
  isoFromMicros,
  makeRunResults,
  microsFromIso,
  parseTestId,
  summarize
} from "./chunk-2DRLFCGB.js";
import {
  EXIT,
  UserError
} from "./chunk-XOD6W3JI.js";
import {
  XMLParser,
  XMLValidator
} from "./chunk-DSMXSV3X.js";
import {
  __toESM
} from "./chunk-NQJFE2ZZ.js";

// src/core/results/aggregate.ts
var DEFAULT_ATTACHMENTS = { capBytes: 1024 * 1024, keep: "failures" };
var text = new TextDecoder("utf-8");
function workerTag(sortedTags) {
  for (const t of sortedTags) if (t.startsWith("worker-") && /^worker-\d+$/.test(t)) return t;
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
      test = byId.get(ev.testId);
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
    const worker = workerTag(tags);
    this.total++;
    this.counts[test.status]++;
    if (test.start !== null && test.start < this.minStart) this.minStart = test.start;
    const end = test.stop ?? test.start;
    if (end !== null && end > this.maxStop) this.maxStop = end;
    if (worker !== null) this.workers.add(worker);
    if (this.problemsOnly && !PROBLEM_STATUSES.has(test.status)) return;
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
    const record = {
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
    if (this.keepRecords) this.tests.push(record);
    this.onTest?.(record);
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
function writeJUnit(results) {
  const out = [];
  let now = null;
  let runStart = null;
  let tests = 0;
  let failures = 0;
  const setTime = (t) => {
    now = t;
    if (runStart === null || runStart > t) runStart = t;
  };
  for (const test of results.tests) {
    if (test.status === "exists") continue;
    tests++;
    if (test.start !== null) setTime(microsFromIso(test.start));
    const testStart = now;
    if (test.stop !== null) setTime(microsFromIso(test.stop));
    const duration = testStart === null || now === null ? 0 : durationOf(testStart, now);
    const { classname, name } = splitJUnitId(test.id);
    out.push(`<testcase classname="${escapeAttr(classname)}" name="${escapeAttr(name)}" time="${formatSeconds(duration)}"`);
    switch (test.status) {
      case "success":
      case "xfail":
        out.push("/>\n");
        break;
      case "skip":
        out.push(`>
<skipped>${escapeAttr(skipReason(test))}</skipped>
</testcase>
`);
        break;
      case "uxsuccess":
        failures++;
        out.push('>\n<failure type="unittest.case._UnexpectedSuccess"/>\n</testcase>\n');
        break;
      default: {
        failures++;
        const message = detailsToStr(test.attachments, "traceback");
        const exc = message ? `${STRING_EXCEPTION}: ${message}
` : `${STRING_EXCEPTION}
`;
        out.push(`>
<failure type="${STRING_EXCEPTION}">${escapeContent(exc)}</failure>
</testcase>
`);
      }
    }
  }
  const runDuration = runStart === null || now === null ? 0 : durationOf(runStart, now);
  return `<testsuite errors="0" failures="${failures}" name="" tests="${tests}" time="${formatSeconds(runDuration)}">
${out.join("")}</testsuite>
`;
}
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
    maxNestedTags: Number.MAX_SAFE_INTEGER
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
var TRACEBACK_MIME = 'text/x-traceback; charset="utf8"';
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
      if (text2) found.push({ name: "traceback", mime: TRACEBACK_MIME, text: text2 });
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
    const { line, col, msg, code: code2 } = valid.err;
    const atEnd = msg.startsWith("Unclosed tag ") || code2 === "InvalidXml" && msg.startsWith("Invalid '[");
    if (atEnd) {
      damage.push({ kind: "xml", offset: bytes.length, line: lineOfIndex(text2, text2.length), message: `malformed XML: ended before its elements were closed (${msg})` });
      source = text2.slice(0, lastCompleteTestcase(text2, text2.length));
    } else {
      const offset = byteOffset(text2, line, col);
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

// src/core/compare/baseline.ts
var import_ajv = __toESM(require_ajv(), 1);

// src/core/results/parse.ts
import { crc32 as crc322 } from "node:zlib";

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
function sameBytes(body, start, bytes) {
  const n = bytes.length;
  if (n < 16) {
    for (let i = n - 1; i >= 0; i--) if (body[start + i] !== bytes[i]) return false;
    return true;
  }
  const a = viewOf(body.buffer);
  const b = viewOf(bytes.buffer);
  const i0 = body.byteOffset + start;
  const j0 = bytes.byteOffset;
  if (a.getUint32(i0 + n - 4) !== b.getUint32(j0 + n - 4)) return false;
  let k = 0;
  for (; k + 4 <= n; k += 4) if (a.getUint32(i0 + k) !== b.getUint32(j0 + k)) return false;
  for (; k < n; k++) if (a.getUint8(i0 + k) !== b.getUint8(j0 + k)) return false;
  return true;
}
var viewBuffer1 = null;
var view1 = null;
var viewBuffer2 = null;
var view2 = null;
function forgetViews() {
  viewBuffer1 = viewBuffer2 = null;
  view1 = view2 = null;
}
function viewOf(buffer) {
  if (buffer === viewBuffer1) return view1;
  if (buffer === viewBuffer2) return view2;
  viewBuffer2 = viewBuffer1;
  view2 = view1;
  viewBuffer1 = buffer;
  view1 = new DataView(buffer);
  return view1;
}
function readString(body, pos, end, last) {
  const length = readVarint(body, pos, end, false);
  const start = cursor;
  if (start + length > end) {
    throw new ParseError(
      "malformed",
      `UTF8 string extends past end of packet: claimed ${length} bytes, ${Math.max(0, end - start)} available`
    );
  }
  const stop = start + length;
  cursor = stop;
  if (last !== void 0 && last.bytes.length === length && sameBytes(body, start, last.bytes)) return last.text;
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
  lastId = { bytes: NO_BYTES, text: "" };
  lastMime = { bytes: NO_BYTES, text: "" };
  lastFile = { bytes: NO_BYTES, text: "" };
  /** Tags and route codes: a run has a few (worker-0..N), alternating from test to test. */
  recentShort = Array.from({ length: 8 }, () => ({ bytes: NO_BYTES, text: "" }));
  nextShort = 0;
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
    const tail2 = this.joined();
    if (tail2[0] !== SIGNATURE || this.utf8.mid || tail2.length < 6) return 0;
    const b0 = tail2[3];
    if ((b0 & 192) === 192) return 0;
    const size = (b0 & 192) === 0 ? 1 : (b0 & 192) === 64 ? 2 : 3;
    let length = b0 & 63;
    for (let i = 1; i < size; i++) length = length * 256 + tail2[3 + i];
    return length > tail2.length ? length - tail2.length : 0;
  }
  end() {
    forgetViews();
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
    const computed = this.checkCrc ? crc32(data.subarray(p, end - 4)) >>> 0 : stored;
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
  /** A tag or route code: one of the few seen lately (compared in place), or read and remembered. */
  readShort(body, pos, end) {
    const length = readVarint(body, pos, end, false);
    const start = cursor;
    if (start + length <= end) {
      for (const r of this.recentShort) {
        if (r.bytes.length === length && sameBytes(body, start, r.bytes)) {
          cursor = start + length;
          return r.text;
        }
      }
    }
    const slot = this.recentShort[this.nextShort];
    this.nextShort = (this.nextShort + 1) % this.recentShort.length;
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
var TRACEBACK_MIME2 = 'text/x-traceback; charset="utf8"';
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
    const tail2 = latin1.decode(name.subarray(id.length));
    if (tail2 !== "" && tail2 !== " [" && tail2 !== " [ multipart") return this.other(line, offset, lineNo);
    this.flushGarbage();
    if (tail2 === "") {
      this.outcome(offset, keyword.outcome, /* @__PURE__ */ new Map());
      return;
    }
    const multipart = tail2 === " [ multipart";
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
          throw new V1Error("malformed", `Invalid MIME type line ${JSON.stringify(text2)} in details of test '${this.test?.id}' (line ${lineNo}); its details are skipped up to ']'`);
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
      const mime = name === "traceback" ? TRACEBACK_MIME2 : "text/plain";
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

// src/core/results/parse.ts
function aggregated(format, options, decoderFor) {
  const records = options.streamOnly ? "none" : options.summaryOnly ? "problems" : "all";
  const agg = new TestAggregator({ attachments: options.attachments, onTest: options.onTest, records });
  const decoder = decoderFor(agg);
  const finish2 = () => {
    decoder.end();
    agg.finishAll();
    return agg;
  };
  return {
    format,
    push: (chunk, transient) => decoder.push(chunk, transient),
    end: () => {
      if (records !== "all") throw new Error("internal: end() on a summaryOnly or streamOnly parser (use endSummary())");
      return makeRunResults(format, finish2().tests, agg.damages);
    },
    endSummary: () => finish2().summary(format)
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
function createJUnitParser(options = {}) {
  const chunks = [];
  const end = () => {
    const results = readJUnit(Buffer.concat(chunks), { attachments: options.attachments });
    if (options.onTest) for (const t of results.tests) options.onTest(t);
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
    if (options.onTest) for (const t of results.tests) options.onTest(t);
    return results;
  };
  return { format: void 0, push: (chunk, transient) => void chunks.push(transient ? new Uint8Array(chunk) : chunk), end, endSummary: () => summarize(end()) };
}
function createResultParser(options = {}) {
  let inner = null;
  const detector = new FormatDetector();
  const start = (detected) => {
    if (detected === "not-results") throw inputError(options, `not a result file (${EXPECTED})`);
    if (detected === "results-json") return createResultsJsonParser(options);
    return FACTORIES[detected](options);
  };
  if (options.format !== void 0) inner = FACTORIES[options.format](options);
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

// src/core/compare/model.ts
var BASELINE_SCHEMA = "tempest-gate/baseline@1";
var DIFF_SCHEMA = "tempest-gate/compare@1";
function outcomeOf(status) {
  switch (status) {
    case "success":
    case "xfail":
      return "pass";
    case "fail":
    case "uxsuccess":
      return "fail";
    case "skip":
      return "skip";
    default:
      return "unfinished";
  }
}
var EMPTY_CONTEXT = {
  branch: null,
  release: null,
  commit: null,
  tempestVersion: null,
  nodes: null,
  flavor: null,
  concurrency: null,
  cloud: null
};

// src/core/compare/baseline.ts
var REASON_CHARS = 500;
var DETAIL_CHARS = 2e3;
function addDuration(t, d) {
  if (t.duration === null) t.duration = d;
  else (t.moreDurations ??= []).push(d);
}
function attachmentText(t, name) {
  for (const a of t.attachments) if (a.name === name && a.text !== "") return a.text;
  return null;
}
function tail(text2, max) {
  const trimmed = text2.replace(/\s+$/, "");
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(trimmed.length - max);
  const line = cut.indexOf("\n");
  if (line >= 0 && line < max / 2) return `\u2026
${cut.slice(line + 1)}`;
  const word = cut.search(/\s/);
  return word >= 0 && word < max / 2 ? `\u2026${cut.slice(word)}` : `\u2026${cut}`;
}
function median(values) {
  if (values.length === 0) return null;
  if (values.length === 1) return values[0] ?? null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] ?? null : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
function keyOf(name) {
  return name;
}
function outcomeFromTally(t) {
  const bad = t.failures + t.unfinished;
  if (t.passes > 0 && bad > 0) return "flaky";
  if (t.failures > 0) return "fail";
  if (t.unfinished > 0) return "unfinished";
  if (t.passes > 0) return "pass";
  if (t.skips > 0) return "skip";
  return "unfinished";
}
function passRate(t) {
  const ran = t.passes + t.failures + t.unfinished;
  return ran === 0 ? null : t.passes / ran;
}
function toBaselineTest(t) {
  return {
    id: t.id,
    name: t.name,
    idempotentId: t.idempotentId,
    outcome: outcomeFromTally(t),
    passes: t.passes,
    failures: t.failures,
    skips: t.skips,
    unfinished: t.unfinished,
    passRate: passRate(t),
    duration: t.moreDurations === null ? t.duration : median([t.duration ?? 0, ...t.moreDurations]),
    reason: t.reason
  };
}
function byName(a, b) {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
function summarizeRuns(runs, options = {}) {
  const indexOf = /* @__PURE__ */ new Map();
  const tallies = [];
  for (const run of runs) {
    for (const rec of run.tests) {
      const key = keyOf(rec.name);
      const at = indexOf.get(key);
      let t = at === void 0 ? void 0 : tallies[at];
      if (t === void 0) {
        t = {
          id: rec.id,
          name: rec.name,
          idempotentId: rec.idempotentId,
          passes: 0,
          failures: 0,
          skips: 0,
          unfinished: 0,
          duration: null,
          moreDurations: null,
          reason: null,
          detail: null
        };
        indexOf.set(key, tallies.length);
        tallies.push(t);
      } else {
        t.id = rec.id;
        t.name = rec.name;
      }
      switch (outcomeOf(rec.status)) {
        case "pass":
          t.passes++;
          if (rec.duration !== null) addDuration(t, rec.duration);
          break;
        case "fail":
          t.failures++;
          t.detail = failureDetail(rec) ?? t.detail;
          break;
        case "skip": {
          t.skips++;
          const reason = attachmentText(rec, "reason");
          if (reason !== null) t.reason = reason.trim().slice(0, REASON_CHARS);
          break;
        }
        default:
          t.unfinished++;
          t.detail = failureDetail(rec) ?? t.detail;
      }
    }
  }
  const tests = [];
  const details = {};
  for (const t of tallies) {
    const bt = toBaselineTest(t);
    tests.push(bt);
    if (t.detail !== null && (t.failures > 0 || t.unfinished > 0)) details[t.name] = t.detail;
  }
  return {
    schema: BASELINE_SCHEMA,
    created: options.created ?? (/* @__PURE__ */ new Date(0)).toISOString(),
    context: { ...EMPTY_CONTEXT, ...options.context },
    runs: runs.length,
    tests,
    details,
    index: indexOf
  };
}
function failureDetail(rec) {
  const text2 = attachmentText(rec, "traceback") ?? attachmentText(rec, "reason");
  return text2 === null ? null : tail(text2, DETAIL_CHARS);
}
function toBaseline(summary) {
  const { schema, created, context, runs, tests } = summary;
  return { schema, created, context, runs, tests: [...tests].sort(byName) };
}
function mergeBaselines(baselines, options = {}) {
  const tallies = /* @__PURE__ */ new Map();
  let runs = 0;
  let context = { ...EMPTY_CONTEXT };
  for (const b of baselines) {
    runs += b.runs;
    context = { ...context, ...Object.fromEntries(Object.entries(b.context).filter(([, v]) => v !== null)) };
    for (const bt of b.tests) {
      const key = keyOf(bt.name);
      let t = tallies.get(key);
      if (t === void 0) {
        t = { ...bt, duration: null, moreDurations: null, detail: null };
        t.passes = t.failures = t.skips = t.unfinished = 0;
        tallies.set(key, t);
      }
      t.id = bt.id;
      t.name = bt.name;
      t.passes += bt.passes;
      t.failures += bt.failures;
      t.skips += bt.skips;
      t.unfinished += bt.unfinished;
      if (bt.reason !== null) t.reason = bt.reason;
      if (bt.duration !== null) addDuration(t, bt.duration);
    }
  }
  const tests = [...tallies.values()].map(toBaselineTest).sort(byName);
  return {
    schema: BASELINE_SCHEMA,
    created: options.created ?? (/* @__PURE__ */ new Date(0)).toISOString(),
    context: { ...context, ...options.context },
    runs,
    tests
  };
}
var BASELINE_JSON_SCHEMA = {
  $id: "https://tempest-gate.invalid/schemas/baseline-1.json",
  type: "object",
  required: ["schema", "created", "context", "runs", "tests"],
  properties: {
    schema: { const: BASELINE_SCHEMA },
    created: { type: "string" },
    runs: { type: "integer", minimum: 0 },
    context: {
      type: "object",
      properties: {
        branch: { type: ["string", "null"] },
        release: { type: ["string", "null"] },
        commit: { type: ["string", "null"] },
        tempestVersion: { type: ["string", "null"] },
        nodes: { type: ["integer", "null"], minimum: 1 },
        flavor: { type: ["string", "null"] },
        concurrency: { type: ["integer", "null"], minimum: 1 },
        cloud: { type: ["string", "null"] }
      }
    },
    tests: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "name", "idempotentId", "outcome", "passes", "failures", "skips", "unfinished", "passRate", "duration", "reason"],
        properties: {
          id: { type: "string" },
          name: { type: "string", minLength: 1 },
          idempotentId: { type: ["string", "null"] },
          outcome: { enum: ["pass", "fail", "skip", "unfinished", "flaky"] },
          passes: { type: "integer", minimum: 0 },
          failures: { type: "integer", minimum: 0 },
          skips: { type: "integer", minimum: 0 },
          unfinished: { type: "integer", minimum: 0 },
          passRate: { type: ["number", "null"], minimum: 0, maximum: 1 },
          duration: { type: ["number", "null"], minimum: 0 },
          reason: { type: ["string", "null"] }
        }
      }
    }
  }
};
var validator = null;
function describeAjvError(e) {
  const where = e.instancePath === "" ? "the top level" : e.instancePath.slice(1).replace(/\//g, ".");
  if (e.keyword === "enum" && Array.isArray(e.params.allowedValues)) return `${where} must be one of ${e.params.allowedValues.join(", ")}`;
  return `${where} ${e.message ?? "is invalid"}`;
}
function lineColumn(text2, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = text2.indexOf("\n"); i !== -1 && i < offset; i = text2.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
function jsonErrorOffset(message, text2) {
  const pos = /at position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  if (/Unexpected end of JSON input/.test(message)) return text2.length;
  const quoted = /, \.\.\."(.*)"(?:\.\.\.)? is not valid JSON$/s.exec(message);
  if (quoted) {
    const at = text2.indexOf(quoted[1] ?? "");
    if (at >= 0) return at + 10;
  }
  return null;
}
function parseJsonText(text2, file) {
  try {
    return JSON.parse(text2);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const offset = jsonErrorOffset(message, text2);
    const short = message.replace(/ in JSON at position \d+.*$/, "").replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "");
    const place = offset === null ? { file } : { file, ...lineColumn(text2, offset) };
    throw new UserError(`not valid JSON: ${short}`, { place });
  }
}
function parseBaseline(text2, file) {
  const value = parseJsonText(text2, file);
  return validateBaseline(value, file);
}
function validateBaseline(value, file) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError("not a tempest-gate baseline (expected a JSON object)", { place: { file } });
  }
  const schema = value.schema;
  if (schema !== BASELINE_SCHEMA) {
    if (typeof schema === "string" && schema.startsWith("tempest-gate/baseline@")) {
      throw new UserError(`unknown baseline version '${schema}' (this tempest-gate reads ${BASELINE_SCHEMA})`, { place: { file } });
    }
    throw new UserError(`not a tempest-gate baseline: "schema" is ${JSON.stringify(schema) ?? "missing"}, expected "${BASELINE_SCHEMA}"`, { place: { file } });
  }
  validator ??= new import_ajv.Ajv({ allErrors: false }).compile(BASELINE_JSON_SCHEMA);
  if (!validator(value)) {
    const first = validator.errors?.[0];
    throw new UserError(`invalid baseline: ${first ? describeAjvError(first) : "does not match the schema"}`, { place: { file } });
  }
  return value;
}
function firstNonSpace(bytes) {
  for (const b of bytes) if (b !== 32 && b !== 10 && b !== 13 && b !== 9 && b !== 239 && b !== 187 && b !== 191) return b;
  return void 0;
}
var REFERENCE_ATTACHMENTS = { keep: "failures", capBytes: 64 * 1024 };
function resultsFromBytes(bytes, source) {
  if (firstNonSpace(bytes) === 123) {
    const value = parseJsonText(Buffer.from(bytes).toString("utf8"), source);
    if (typeof value !== "object" || value === null || value.schema !== RESULTS_SCHEMA) {
      throw new UserError(`a JSON file that is not tempest-gate results (expected "schema": "${RESULTS_SCHEMA}")`, { place: { file: source } });
    }
    const tests = value.tests;
    if (!Array.isArray(tests)) throw new UserError('results JSON without a "tests" list', { place: { file: source } });
    return checkedResults(value, tests, source);
  }
  return parseResults(bytes, { attachments: REFERENCE_ATTACHMENTS, source });
}
var STATUS_SET = new Set(TEST_STATUSES);
function checkedResults(value, tests, source) {
  const bad = (i, what) => {
    throw new UserError(`tests[${i}]: ${what}`, { place: { file: source } });
  };
  const str = (v) => typeof v === "string";
  const strOrNull = (v) => v === null || v === void 0 || typeof v === "string";
  const counts = Object.fromEntries(TEST_STATUSES.map((st) => [st, 0]));
  const records = tests.map((t, i) => {
    if (typeof t !== "object" || t === null) return bad(i, "not an object");
    const r = t;
    if (!str(r.id) || r.id === "") bad(i, '"id" must be a non-empty string');
    if (!str(r.status) || !STATUS_SET.has(r.status)) bad(i, `"status" must be one of ${TEST_STATUSES.join(", ")}`);
    if (!strOrNull(r.start) || !strOrNull(r.stop) || !strOrNull(r.worker) || !strOrNull(r.routeCode)) bad(i, '"start", "stop", "worker" and "routeCode" must be strings or null');
    if (r.duration !== null && r.duration !== void 0 && (typeof r.duration !== "number" || !Number.isFinite(r.duration))) bad(i, '"duration" must be a number or null');
    const tags = r.tags ?? [];
    if (!Array.isArray(tags) || !tags.every(str)) bad(i, '"tags" must be a list of strings');
    const attachments = r.attachments ?? [];
    if (!Array.isArray(attachments)) bad(i, '"attachments" must be a list');
    const atts = attachments.map((a) => {
      const x = typeof a === "object" && a !== null ? a : {};
      if (!str(x.name) || !str(x.text)) bad(i, 'each attachment needs a "name" and a "text" string');
      return {
        name: x.name,
        contentType: str(x.contentType) ? x.contentType : "application/octet-stream",
        size: typeof x.size === "number" ? x.size : Buffer.byteLength(x.text),
        truncatedBytes: typeof x.truncatedBytes === "number" ? x.truncatedBytes : 0,
        text: x.text
      };
    });
    const status = r.status;
    counts[status]++;
    return {
      ...parseTestId(r.id),
      id: r.id,
      status,
      tags,
      start: r.start ?? null,
      stop: r.stop ?? null,
      duration: r.duration ?? null,
      worker: r.worker ?? null,
      routeCode: r.routeCode ?? null,
      attachments: atts
    };
  });
  const damage = Array.isArray(value.damage) ? value.damage.filter((d) => typeof d === "object" && d !== null && typeof d.offset === "number" && typeof d.message === "string") : [];
  const format = value.format === "subunit-v1" || value.format === "junit" ? value.format : "subunit-v2";
  return {
    schema: RESULTS_SCHEMA,
    format,
    tests: records,
    counts,
    start: typeof value.start === "string" ? value.start : null,
    stop: typeof value.stop === "string" ? value.stop : null,
    damage
  };
}
function baselineFromBytes(bytes, source, options) {
  if (firstNonSpace(bytes) === 123) {
    const text2 = Buffer.from(bytes).toString("utf8");
    const value = parseJsonText(text2, source);
    if (typeof value === "object" && value !== null && value.schema === RESULTS_SCHEMA) {
      const results2 = resultsFromBytes(bytes, source);
      return { baseline: toBaseline(summarizeRuns([results2], { created: options.created })), results: results2 };
    }
    return { baseline: validateBaseline(value, source), results: null };
  }
  const results = parseResults(bytes, { attachments: REFERENCE_ATTACHMENTS });
  if (results.tests.length === 0 && results.damage.length > 0) {
    const d = results.damage[0];
    throw new UserError(`not a baseline, results JSON or readable result stream: ${d?.message ?? "unreadable"}`, { place: { file: source, offset: d?.offset, line: d?.line } });
  }
  return { baseline: toBaseline(summarizeRuns([results], { created: options.created })), results };
}
function emptyBaseline(created) {
  return { schema: BASELINE_SCHEMA, created, context: { ...EMPTY_CONTEXT }, runs: 0, tests: [] };
}

// src/core/compare/policy.ts
var FAIL_ON = ["regressions", "failures", "never"];
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function applyPolicy(diff, failOn) {
  const unexplained = (list) => list.filter((t) => t.known === null).map((t) => t.name);
  const regressions = unexplained(diff.regressions);
  const newFailing = unexplained(diff.newFailing);
  const neverFinished = unexplained(diff.neverFinished);
  const stillFailing = unexplained(diff.stillFailing);
  const parts = [];
  if (regressions.length) parts.push(plural(regressions.length, "regression"));
  if (newFailing.length) parts.push(plural(newFailing.length, "new failing test"));
  if (neverFinished.length) parts.push(`${plural(neverFinished.length, "test")} never finished`);
  const still = stillFailing.length ? `${plural(stillFailing.length, "test")} still failing` : "";
  if (diff.counts.run === 0) {
    return { failed: true, failOn, reason: "the run has no test results: nothing to prove a pass with", blocking: [] };
  }
  if (failOn === "never") {
    const seen = [...parts, still].filter(Boolean);
    return { failed: false, failOn, reason: `report only (fail-on: never)${seen.length ? `: ${seen.join(", ")}` : ""}`, blocking: [] };
  }
  const blocking = [...regressions, ...newFailing, ...neverFinished];
  if (failOn === "failures") {
    blocking.push(...stillFailing);
    if (still) parts.push(still);
  }
  if (blocking.length) return { failed: true, failOn, reason: parts.join(", "), blocking: blocking.sort() };
  const notes = [];
  if (diff.counts.known) notes.push(`${plural(diff.counts.known, "known failure")}`);
  if (failOn === "regressions" && still) notes.push(`${still} as in the baseline`);
  return {
    failed: false,
    failOn,
    reason: `no ${failOn === "failures" ? "failures" : "regressions"}${notes.length ? ` (${notes.join(", ")})` : ""}`,
    blocking: []
  };
}
function notRunVerdict(why) {
  if ("infrastructure" in why) {
    return { result: "error", reason: `infrastructure failure, not a test failure: ${why.infrastructure}`, blocking: [], exitCode: EXIT.infra };
  }
  if ("skipped" in why) return { result: "skipped", reason: why.skipped, blocking: [], exitCode: EXIT.ok };
  const reason = /^nothing to run\b/i.test(why.nothingToRun) ? why.nothingToRun : `nothing to run: ${why.nothingToRun}`;
  return { result: "pass", reason, blocking: [], exitCode: EXIT.ok };
}
function reasonWithoutBaseline(diff) {
  const failing = diff.newFailing.filter((t) => t.known === null).length;
  const unfinished = diff.neverFinished.filter((t) => t.known === null).length;
  const parts = [failing ? `${plural(failing, "test")} failed` : "", unfinished ? `${unfinished} never finished` : ""].filter(Boolean);
  const notes = [diff.counts.known ? plural(diff.counts.known, "known failure") : "", diff.counts.flaky ? `${diff.counts.flaky} flaky` : ""].filter(Boolean);
  const tail2 = notes.length ? ` (${notes.join(", ")})` : "";
  if (!parts.length) return `All ${diff.counts.run} tests passed or were skipped${tail2}`;
  const head = `${parts.join(" and ")} of ${diff.counts.run}${tail2}`;
  return diff.verdict.failed ? `${head}; no baseline, so every failure counts` : `report only (fail-on: ${diff.verdict.failOn}): ${head}`;
}
function gateVerdict(input) {
  const { diff, hasBaseline } = input;
  const damage = input.damage ?? [];
  let failed = diff.verdict.failed;
  let reason = hasBaseline || diff.counts.run === 0 ? diff.verdict.reason : reasonWithoutBaseline(diff);
  if (hasBaseline && !failed && diff.counts.run > 0 && diff.counts.baseline > 0 && diff.counts.matched === 0) {
    failed = true;
    reason = `none of the run's ${plural(diff.counts.run, "test")} is in the baseline (${plural(diff.counts.baseline, "test")}): nothing was compared`;
  }
  const blocking = diff.verdict.blocking;
  if (input.infrastructure) {
    return {
      result: failed ? "fail" : "error",
      reason: `${failed ? `${reason}; ` : ""}infrastructure failure, not a test failure: ${input.infrastructure}`,
      blocking,
      exitCode: EXIT.infra
    };
  }
  if (damage.length) {
    return {
      result: failed ? "fail" : "error",
      reason: failed ? `${reason}; input damaged: ${damage[0]}` : `input damaged, verdict not proven: ${damage[0]}`,
      blocking,
      exitCode: EXIT.badInput
    };
  }
  return { result: failed ? "fail" : "pass", reason, blocking, exitCode: failed ? EXIT.gateFailed : EXIT.ok };
}

// src/core/compare/known-failures.ts
var import_yaml = __toESM(require_dist(), 1);
var KEYS = /* @__PURE__ */ new Set(["bug", "description", "expires", "test", "tests", "test_ids", "signature"]);
function fail(message, file, lc, node) {
  const offset = node?.range?.[0];
  if (offset === void 0) throw new UserError(message, { place: { file } });
  const { line, col } = lc.linePos(offset);
  throw new UserError(message, { place: { file, line, column: col } });
}
function compile(pattern, file, lc, node) {
  try {
    return RE2JS.compile(pattern);
  } catch (err) {
    fail(`bad regular expression '${pattern}': ${err instanceof Error ? err.message : String(err)}`, file, lc, node);
  }
}
function parseKnownFailures(text2, file) {
  const lc = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text2, { lineCounter: lc, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const [offset] = yamlError.pos;
    const { line, col } = lc.linePos(offset);
    throw new UserError(`not valid YAML: ${yamlError.message.split("\n")[0]}`, { place: { file, line, column: col } });
  }
  let root = doc.contents;
  if ((0, import_yaml.isMap)(root)) {
    const inner = root.get("known-failures", true);
    if (!(0, import_yaml.isSeq)(inner)) fail("expected a list of entries, or a mapping with a 'known-failures' list", file, lc, root);
    root = inner;
  }
  if (root === null) return { file, entries: [] };
  if (!(0, import_yaml.isSeq)(root)) fail("expected a list of known-failure entries", file, lc, root);
  const entries = [];
  for (const item of root.items) {
    if (!(0, import_yaml.isMap)(item)) fail("each entry must be a mapping with bug, expires and test/test_ids/signature", file, lc, item);
    const where = (key) => {
      const pair = item.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === key);
      return pair?.value ?? null;
    };
    for (const pair of item.items) {
      const key = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : "?";
      if (key === "query") fail("'query' is an elastic-recheck Logstash query, which tempest-gate cannot run: use 'signature' (a regex on the traceback) and 'test_ids'", file, lc, pair.key);
      if (!KEYS.has(key)) fail(`unknown key '${key}' (known: ${[...KEYS].join(", ")})`, file, lc, pair.key);
    }
    const str = (key, required) => {
      const node = where(key);
      if (node === null) {
        if (required) fail(`entry has no '${key}'`, file, lc, item);
        return null;
      }
      if (!(0, import_yaml.isScalar)(node) || typeof node.value !== "string" && typeof node.value !== "number") fail(`'${key}' must be a string`, file, lc, node);
      return String(node.value);
    };
    const list = (key) => {
      const node = where(key);
      if (node === null) return [];
      if ((0, import_yaml.isScalar)(node)) return [{ value: String(node.value), node }];
      if (!(0, import_yaml.isSeq)(node)) fail(`'${key}' must be a string or a list of strings`, file, lc, node);
      return node.items.map((n) => {
        if (!(0, import_yaml.isScalar)(n)) fail(`'${key}' must be a list of strings`, file, lc, n);
        return { value: String(n.value), node: n };
      });
    };
    const bug = str("bug", true) ?? "";
    const expires = str("expires", true) ?? "";
    const expiresNode = where("expires");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(`${expires}T00:00:00Z`))) {
      fail(`'expires' must be a date YYYY-MM-DD, not '${expires}'`, file, lc, expiresNode);
    }
    const tests = [...list("test"), ...list("tests")].map((t) => compile(t.value, file, lc, t.node));
    const testIds = new Set(list("test_ids").map((t) => t.value));
    const sigText = str("signature", false);
    const signature = sigText === null ? null : compile(sigText, file, lc, where("signature") ?? item);
    if (tests.length === 0 && testIds.size === 0 && signature === null) {
      fail("entry matches nothing: give test (regex), test_ids or signature", file, lc, item);
    }
    const { line } = lc.linePos(item.range?.[0] ?? 0);
    entries.push({ bug, description: str("description", false), expires, tests, testIds, signature, source: `${file}:${line}` });
  }
  return { file, entries };
}
function isExpired(entry, today) {
  return today > entry.expires;
}
function entryMatches(entry, name, detail) {
  const byTest = entry.tests.length === 0 && entry.testIds.size === 0 ? true : entry.testIds.has(name) || entry.tests.some((r) => r.matcher(name).find());
  if (!byTest) return false;
  if (entry.signature === null) return true;
  return detail !== null && entry.signature.matcher(detail).find();
}
var KnownFailureMatcher = class {
  live;
  expired;
  constructor(known, today) {
    const entries = known?.entries ?? [];
    this.live = entries.filter((e) => !isExpired(e, today));
    this.expired = entries.filter((e) => isExpired(e, today)).map((entry) => ({ entry, wouldMatch: [] }));
  }
  match(name, detail) {
    for (const x of this.expired) if (entryMatches(x.entry, name, detail)) x.wouldMatch.push(name);
    for (const e of this.live) {
      if (entryMatches(e, name, detail)) return { bug: e.bug, description: e.description, expires: e.expires, source: e.source };
    }
    return null;
  }
  expiredEntries() {
    return this.expired.map(({ entry, wouldMatch }) => ({ bug: entry.bug, expires: entry.expires, source: entry.source, wouldMatch: [...wouldMatch].sort() }));
  }
};

// src/core/compare/diff.ts
var FAILING = /* @__PURE__ */ new Set(["fail", "unfinished"]);
function change(kind, cur, base) {
  const named = cur ?? base;
  return {
    kind,
    name: named?.name ?? "",
    idempotentId: named?.idempotentId ?? null,
    renamedFrom: cur && base && cur.name !== base.name ? base.name : null,
    before: base?.outcome ?? null,
    after: cur?.outcome ?? null,
    basePassRate: base && base.passes + base.failures + base.unfinished > 1 ? base.passRate : null,
    passRate: cur && cur.passes + cur.failures + cur.unfinished > 1 ? cur.passRate : null,
    reasonBefore: base?.reason ?? null,
    reasonAfter: cur?.reason ?? null,
    durationBefore: base?.duration ?? null,
    durationAfter: cur?.duration ?? null,
    detail: null,
    known: null
  };
}
function durationCheck(base, run, rel, abs) {
  const differs = [];
  const fields = [
    ["concurrency", "concurrency"],
    ["nodes", "node count"],
    ["flavor", "flavor"]
  ];
  for (const [field, label] of fields) {
    const a = base[field];
    const b = run[field];
    if (a !== null && b !== null && a !== b) differs.push(`${label} ${a} in the baseline, ${b} now`);
  }
  return {
    compared: differs.length === 0,
    skippedReason: differs.length ? `not like for like: ${differs.join("; ")}` : null,
    relativeThreshold: rel,
    absoluteThreshold: abs
  };
}
function byName2(a, b) {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
function methodOf(name) {
  return name.slice(name.lastIndexOf(".") + 1);
}
function pushTo(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
function matchTests(base, run, runIndex) {
  const pairOf = new Int32Array(run.length).fill(-1);
  const taken = new Uint8Array(base.length);
  let matched = 0;
  const pair = (c, b) => {
    pairOf[c] = b;
    taken[b] = 1;
    matched++;
  };
  let runByName = runIndex !== void 0 && runIndex.size === run.length ? runIndex : void 0;
  if (runByName === void 0) {
    const built = /* @__PURE__ */ new Map();
    for (let c = 0; c < run.length; c++) built.set(run[c].name, c);
    runByName = built;
  }
  let unmatchedWithId = 0;
  for (let b = 0; b < base.length; b++) {
    const bt = base[b];
    if (bt.idempotentId === null) continue;
    const c = runByName.get(bt.name);
    if (c !== void 0 && run[c].name !== bt.name) throw new Error("the run summary index does not match its tests (tests changed after summarizeRuns)");
    if (c !== void 0 && pairOf[c] === -1 && run[c].idempotentId === bt.idempotentId) pair(c, b);
    else unmatchedWithId++;
  }
  if (unmatchedWithId > 0) {
    const baseById = /* @__PURE__ */ new Map();
    const runById = /* @__PURE__ */ new Map();
    for (let b = 0; b < base.length; b++) {
      const id = base[b].idempotentId;
      if (id !== null && taken[b] === 0) pushTo(baseById, id, b);
    }
    for (let c = 0; c < run.length; c++) {
      const id = run[c].idempotentId;
      if (id !== null && pairOf[c] === -1) pushTo(runById, id, c);
    }
    for (const [id, cs] of runById) {
      const bs = baseById.get(id);
      if (bs === void 0) continue;
      if (bs.length === 1 && cs.length === 1) {
        pair(cs[0], bs[0]);
        continue;
      }
      const byMethod = /* @__PURE__ */ new Map();
      for (const b of bs) pushTo(byMethod, methodOf(base[b].name), b);
      const runMethods = /* @__PURE__ */ new Map();
      for (const c of cs) {
        const m = methodOf(run[c].name);
        runMethods.set(m, (runMethods.get(m) ?? 0) + 1);
      }
      for (const c of cs) {
        const m = methodOf(run[c].name);
        const candidates = byMethod.get(m);
        if (candidates?.length === 1 && runMethods.get(m) === 1) pair(c, candidates[0]);
      }
    }
  }
  for (let b = 0; b < base.length; b++) {
    if (taken[b] === 1) continue;
    const name = base[b].name;
    const c = runByName.get(name);
    if (c !== void 0 && run[c].name !== name) throw new Error("the run summary index does not match its tests (tests changed after summarizeRuns)");
    if (c !== void 0 && pairOf[c] === -1) pair(c, b);
  }
  return { pairOf, taken, matched };
}
function compareRuns(baseline, run, options) {
  const rel = options.relativeThreshold ?? 0.5;
  const abs = options.absoluteThreshold ?? 5;
  const durations = durationCheck(baseline.context, run.context, rel, abs);
  const known = new KnownFailureMatcher(options.knownFailures ?? null, options.today);
  const { pairOf, taken, matched } = matchTests(baseline.tests, run.tests, run.index);
  const lists = {
    regressions: [],
    neverFinished: [],
    newFailing: [],
    stillFailing: [],
    flaky: [],
    fixes: [],
    skipChanges: [],
    added: [],
    removed: [],
    durations: []
  };
  const counts = {
    baseline: baseline.tests.length,
    run: run.tests.length,
    matched,
    regressions: 0,
    fixes: 0,
    stillFailing: 0,
    new: 0,
    newFailing: 0,
    removed: 0,
    skipChanges: 0,
    neverFinished: 0,
    flaky: 0,
    known: 0,
    slower: 0,
    faster: 0,
    passed: 0,
    failed: 0,
    skipped: 0
  };
  const explain = (ch) => {
    ch.detail = run.details[ch.name] ?? null;
    ch.known = known.match(ch.name, ch.detail);
    if (ch.known) counts.known++;
    return ch;
  };
  for (let ci = 0; ci < run.tests.length; ci++) {
    const c = run.tests[ci];
    const bi = pairOf[ci] ?? -1;
    const b = bi === -1 ? null : baseline.tests[bi];
    const now = c.outcome;
    if (now === "pass" || now === "flaky") counts.passed++;
    else if (now === "skip") counts.skipped++;
    else counts.failed++;
    if (b === null) {
      counts.new++;
      if (now === "unfinished") lists.neverFinished.push(explain(change("never-finished", c, null)));
      else if (now === "fail") lists.newFailing.push(explain(change("new", c, null)));
      else if (now === "flaky") lists.flaky.push(explain(change("flaky", c, null)));
      else lists.added.push(change("new", c, null));
      continue;
    }
    const before = b.outcome;
    if (now === "unfinished") {
      lists.neverFinished.push(explain(change("never-finished", c, b)));
    } else if (now === "flaky") {
      lists.flaky.push(explain(change("flaky", c, b)));
    } else if (now === "fail") {
      if (before === "pass" || before === "skip") lists.regressions.push(explain(change("regression", c, b)));
      else if (before === "flaky") lists.flaky.push(explain(change("flaky", c, b)));
      else lists.stillFailing.push(explain(change("still-failing", c, b)));
    } else if (now === "pass") {
      if (FAILING.has(before)) lists.fixes.push(change("fix", c, b));
      else if (before === "skip") lists.skipChanges.push(change("skip-change", c, b));
      else if (durations.compared && c.duration !== null && b.duration !== null) {
        const delta = c.duration - b.duration;
        if (Math.abs(delta) >= abs && Math.abs(delta) >= rel * b.duration) {
          lists.durations.push(change(delta > 0 ? "slower" : "faster", c, b));
        }
      }
    } else if (now === "skip") {
      if (before !== "skip" || (b.reason ?? "") !== (c.reason ?? "")) lists.skipChanges.push(change("skip-change", c, b));
    }
  }
  baseline.tests.forEach((b, i) => {
    if (taken[i] === 0) lists.removed.push(change("removed", null, b));
  });
  for (const list of Object.values(lists)) list.sort(byName2);
  lists.durations.sort((x, y) => Math.abs((y.durationAfter ?? 0) - (y.durationBefore ?? 0)) - Math.abs((x.durationAfter ?? 0) - (x.durationBefore ?? 0)));
  counts.regressions = lists.regressions.length;
  counts.fixes = lists.fixes.length;
  counts.stillFailing = lists.stillFailing.length;
  counts.newFailing = lists.newFailing.length;
  counts.removed = lists.removed.length;
  counts.skipChanges = lists.skipChanges.length;
  counts.neverFinished = lists.neverFinished.length;
  counts.flaky = lists.flaky.length;
  counts.slower = lists.durations.filter((d) => d.kind === "slower").length;
  counts.faster = lists.durations.length - counts.slower;
  const failOn = options.failOn ?? "regressions";
  const partial = {
    schema: DIFF_SCHEMA,
    baseline: { context: baseline.context, runs: baseline.runs, created: baseline.created, label: options.baselineLabel ?? null },
    run: { context: run.context, label: options.runLabel ?? null },
    counts,
    ...lists,
    durationCheck: durations,
    expiredKnownFailures: known.expiredEntries(),
    interop: options.interop ?? null
  };
  return { ...partial, verdict: applyPolicy(partial, failOn) };
}

// src/core/interop/model.ts
var CAPABILITY_STATUSES = ["required", "advisory", "deprecated", "removed"];

// src/core/interop/score.ts
function passedTests(runs) {
  const names = /* @__PURE__ */ new Set();
  const ids = /* @__PURE__ */ new Set();
  for (const run of runs) {
    for (const t of run.tests) {
      if (t.status !== "success") continue;
      names.add(t.name);
      if (t.idempotentId !== null) ids.add(t.idempotentId);
    }
  }
  return { names, ids };
}
var PRIORITY = { required: 1, advisory: 2, deprecated: 3, removed: 4 };
function emptyStatus() {
  return { count: 0, passed: 0, flaggedPassed: 0, flaggedFailed: 0, percent: null, nonFlaggedPercent: null };
}
function finish(s) {
  s.percent = s.count === 0 ? null : s.passed * 100 / s.count;
  const nonFlagged = s.count - s.flaggedPassed - s.flaggedFailed;
  const nonFlaggedPassed = s.passed - s.flaggedPassed;
  s.nonFlaggedPercent = nonFlagged === 0 ? null : nonFlaggedPassed * 100 / nonFlagged;
}
function scoreCapability(g, name, status, passed) {
  const cap = g.capabilities[name];
  const out = { name, status, passed: [], notPassed: [], flagged: [], met: true };
  for (const t of cap?.tests ?? []) {
    const ok = passed.names.has(t.name) || t.aliases.some((a) => passed.names.has(a)) || t.idempotentId !== null && passed.ids.has(t.idempotentId);
    (ok ? out.passed : out.notPassed).push(t.name);
    if (t.flagged !== null) out.flagged.push(t.name);
    else if (!ok) out.met = false;
  }
  return out;
}
function tally(byStatus, cap) {
  const s = byStatus[cap.status];
  const flagged = new Set(cap.flagged);
  s.count += cap.passed.length + cap.notPassed.length;
  s.passed += cap.passed.length;
  for (const t of cap.passed) if (flagged.has(t)) s.flaggedPassed++;
  for (const t of cap.notPassed) if (flagged.has(t)) s.flaggedFailed++;
}
function statusRecord() {
  return { required: emptyStatus(), advisory: emptyStatus(), deprecated: emptyStatus(), removed: emptyStatus() };
}
function scoreGuideline(g, passed) {
  const targets = g.targets.map((target) => {
    const statusOf = /* @__PURE__ */ new Map();
    for (const comp of target.components) {
      const c = g.components[comp];
      if (!c) continue;
      for (const status of CAPABILITY_STATUSES) {
        for (const cap of c.capabilities[status]) {
          const prev = statusOf.get(cap);
          if (prev === void 0 || PRIORITY[status] < PRIORITY[prev]) statusOf.set(cap, status);
        }
      }
    }
    const byStatus = statusRecord();
    const capabilities = [];
    for (const [cap, status] of statusOf) {
      const cs = scoreCapability(g, cap, status, passed);
      tally(byStatus, cs);
      capabilities.push(cs);
    }
    for (const status of CAPABILITY_STATUSES) finish(byStatus[status]);
    const compliant = capabilities.every((c) => c.status !== "required" || c.met);
    return { name: target.name, kind: target.kind, byStatus, capabilities, compliant };
  });
  const components = Object.values(g.components).map((c) => {
    const byStatus = statusRecord();
    for (const status of CAPABILITY_STATUSES) for (const cap of c.capabilities[status]) tally(byStatus, scoreCapability(g, cap, status, passed));
    for (const status of CAPABILITY_STATUSES) finish(byStatus[status]);
    return { name: c.name, byStatus };
  });
  return { guideline: g.id, targets, components };
}
function compareInterop(g, target, baseline, run, ran) {
  const t = g.targets.find((x) => x.name === target) ?? g.targets[0];
  const out = { guideline: g.id, target: t?.name ?? target, kept: 0, exercised: 0, lost: [], gained: [], required: 0 };
  if (!t) return out;
  const passes = (p, test) => p.names.has(test.name) || test.aliases.some((a) => p.names.has(a)) || test.idempotentId !== null && p.ids.has(test.idempotentId);
  const names = /* @__PURE__ */ new Set();
  for (const comp of t.components) for (const name of g.components[comp]?.capabilities.required ?? []) names.add(name);
  for (const name of [...names].sort()) {
    const tests = (g.capabilities[name]?.tests ?? []).filter((x) => x.flagged === null);
    out.required++;
    const metBefore = tests.every((x) => passes(baseline, x));
    const exercised = tests.filter((x) => ran.has(x.name) || x.aliases.some((a) => ran.has(a)));
    const failing = exercised.some((x) => !passes(run, x));
    const metNow = tests.length > 0 && tests.every((x) => passes(run, x));
    if (metBefore && failing) out.lost.push(name);
    else if (!metBefore && metNow) out.gained.push(name);
    else if (metBefore) {
      out.kept++;
      if (exercised.length) out.exercised++;
    }
  }
  return out;
}
function interopChangeLine(c) {
  const parts = [`${c.kept} of ${c.required} required capabilities kept (${c.exercised} exercised by this run)`];
  parts.push(c.lost.length ? `lost: ${c.lost.join(", ")}` : "none lost");
  if (c.gained.length) parts.push(`gained: ${c.gained.join(", ")}`);
  return `Interop ${c.guideline} ${c.target}: ${parts.join("; ")}`;
}

// src/core/render/compare-sections.ts
function fmtSeconds(s) {
  if (s === null) return "?";
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}
function pct(p) {
  return p === null ? "n/a" : `${Math.round(p * 10) / 10}%`;
}
function rate(r) {
  return r === null ? "" : `${Math.round(r * 100)}%`;
}
function describeChange(t) {
  const bits = [];
  switch (t.kind) {
    case "regression":
      bits.push(`${t.before === "skip" ? "was skipped" : "passed"} in the baseline, fails now`);
      break;
    case "never-finished":
      bits.push(t.before ? `started and never finished (baseline: ${t.before})` : "started and never finished (new test)");
      break;
    case "new":
      bits.push(t.after === "fail" ? "new test, fails" : `new test, ${t.after === "skip" ? "skipped" : "passes"}`);
      break;
    case "still-failing":
      bits.push("fails, as in the baseline");
      break;
    case "flaky":
      if (t.after === "flaky") bits.push(`failed, then passed on rerun (pass rate ${rate(t.passRate) || "n/a"})`);
      else bits.push(`fails now; flaky in the baseline${t.basePassRate !== null ? ` (pass rate ${rate(t.basePassRate)})` : ""}`);
      break;
    case "fix":
      bits.push(`${t.before === "unfinished" ? "never finished" : "failed"} in the baseline, passes now`);
      break;
    case "skip-change":
      if (t.before === "skip" && t.after === "skip") bits.push(`skip reason changed: "${t.reasonBefore ?? ""}" \u2192 "${t.reasonAfter ?? ""}"`);
      else if (t.after === "skip") bits.push(`${t.before === "pass" ? "passed" : t.before ?? "?"} in the baseline, skipped now${t.reasonAfter ? `: ${t.reasonAfter}` : ""}`);
      else bits.push(`skipped in the baseline${t.reasonBefore ? ` (${t.reasonBefore})` : ""}, ${t.after === "pass" ? "passes" : t.after ?? "?"} now`);
      break;
    case "removed":
      bits.push(`in the baseline (${t.before ?? "?"}), not in this run`);
      break;
    case "slower":
    case "faster": {
      const b = t.durationBefore ?? 0;
      const a = t.durationAfter ?? 0;
      const change2 = b > 0 ? ` (${a > b ? "+" : ""}${Math.round((a - b) / b * 100)}%)` : "";
      bits.push(`${fmtSeconds(b)} \u2192 ${fmtSeconds(a)}${change2}`);
      break;
    }
  }
  if (t.renamedFrom) bits.push(`(was ${t.renamedFrom})`);
  return bits.join(" ");
}
function changeSections(diff) {
  const known = [...diff.regressions, ...diff.neverFinished, ...diff.newFailing, ...diff.stillFailing].filter((t) => t.known !== null);
  const unexplained = (list) => list.filter((t) => t.known === null);
  const sec = (title, items, tracebacks = false, notes = []) => ({ title, count: items.length, items, notes, tracebacks });
  const expired = diff.expiredKnownFailures.map(
    (e) => `- ${e.bug} (${e.source}) expired on ${e.expires}${e.wouldMatch.length ? `: no longer explains ${e.wouldMatch.length} failing test${e.wouldMatch.length === 1 ? "" : "s"} (${e.wouldMatch.slice(0, 5).join(", ")}${e.wouldMatch.length > 5 ? ", \u2026" : ""})` : ""}`
  );
  const durations = diff.durationCheck.compared ? diff.durations : [];
  return [
    sec("Regressions", unexplained(diff.regressions), true),
    sec("Never finished", unexplained(diff.neverFinished), true),
    sec("New failing tests", unexplained(diff.newFailing), true),
    sec("Still failing", unexplained(diff.stillFailing), true),
    sec("Flaky", diff.flaky, true),
    sec("Known failures", known),
    { title: "Expired known-failure entries", count: expired.length, items: [], notes: expired, tracebacks: false },
    sec("Fixes", diff.fixes),
    sec("Skip changes", diff.skipChanges),
    sec("New tests", diff.added),
    sec("Removed tests", diff.removed),
    sec(`Duration changes (\u2265 ${Math.round(diff.durationCheck.relativeThreshold * 100)}% and \u2265 ${diff.durationCheck.absoluteThreshold} s)`, durations)
  ];
}
function interopLines(score) {
  return score.targets.map((t) => {
    const r = t.byStatus.required;
    const flagged = r.flaggedPassed + r.flaggedFailed;
    return `${t.name}: required ${r.passed}/${r.count} (${pct(r.percent)}), not flagged ${pct(r.nonFlaggedPercent)}${flagged ? `, ${flagged} flagged` : ""}, advisory ${t.byStatus.advisory.passed}/${t.byStatus.advisory.count}: ${t.compliant ? "compliant" : "NOT compliant"}`;
  });
}

// src/core/render/compare-markdown.ts
var DEFAULT_MARKDOWN_BUDGET = 6e4;
var Budget = class {
  parts = [];
  used = 0;
  limit;
  constructor(limit) {
    this.limit = limit;
  }
  fits(text2, reserve = 0) {
    return this.used + text2.length + reserve <= this.limit;
  }
  add(text2) {
    this.parts.push(text2);
    this.used += text2.length;
  }
  toString() {
    return this.parts.join("");
  }
};
function code(name) {
  return `\`${name.replace(/`/g, "'")}\``;
}
function mdText(text2) {
  return text2.replace(/\s+/g, " ").replace(/[\\`*_{}[\]<>|#!~]/g, "\\$&");
}
function bugLink(bug) {
  return /^https?:\/\/[^\s()<>]+$/.test(bug) ? `[${mdText(bug)}](${bug})` : mdText(bug);
}
function itemLine(t) {
  const bits = [`- ${code(t.name)}`];
  const desc = describeChange(t);
  if (desc) bits.push(`\u2014 ${mdText(desc)}`);
  if (t.known) bits.push(`\u2014 known: ${bugLink(t.known.bug)} (until ${t.known.expires})`);
  return `${bits.join(" ")}
`;
}
function traceback(t) {
  if (!t.detail) return "";
  const lines = t.detail.split("\n");
  const body = tail(lines.slice(-15).join("\n"), 1500).replace(/```/g, "'''");
  return `  <details><summary>traceback</summary>

  \`\`\`
${body.replace(/^/gm, "  ")}
  \`\`\`
  </details>
`;
}
function verdictLine(diff, title) {
  const icon = diff.verdict.failed ? "\u274C" : "\u2705";
  return `### ${icon} ${title}: ${diff.verdict.reason}

`;
}
function contextLine(diff) {
  const b = diff.baseline;
  const label = b.label ?? b.context.release ?? b.context.branch ?? "baseline";
  const what = [`${b.runs} run${b.runs === 1 ? "" : "s"}`];
  if (b.context.commit) what.push(`commit ${b.context.commit.slice(0, 12)}`);
  const run = diff.run.label ?? diff.run.context.commit?.slice(0, 12) ?? "this run";
  return `Compared ${run} with ${code(label)} (${what.join(", ")}), fail-on: ${diff.verdict.failOn}.

`;
}
function summaryTable(diff) {
  const c = diff.counts;
  const rows = [
    ["Regressions", c.regressions],
    ["Never finished", c.neverFinished],
    ["New failing", c.newFailing],
    ["Still failing", c.stillFailing],
    ["Flaky", c.flaky],
    ["Known failures", c.known],
    ["Fixes", c.fixes],
    ["Skip changes", c.skipChanges],
    ["New tests", c.new],
    ["Removed tests", c.removed],
    ["Slower / faster", c.slower + c.faster]
  ];
  const head = `| Passed | Failed | Skipped | Tests (baseline) |
| ---: | ---: | ---: | ---: |
| ${c.passed} | ${c.failed} | ${c.skipped} | ${c.run} (${c.baseline}) |

`;
  const nonzero = rows.filter(([, n]) => n > 0);
  const changes = nonzero.length ? `${nonzero.map(([k, n]) => `${k}: **${n}**`).join(" \xB7 ")}

` : "No changes from the baseline.\n\n";
  return head + changes;
}
function renderCompareMarkdown(diff, options = {}) {
  const limit = Math.max(200, options.budget ?? DEFAULT_MARKDOWN_BUDGET);
  const out = new Budget(limit);
  const more = (n) => `- \u2026 and ${n} more${options.detailsUrl ? ` ([full report](${options.detailsUrl}))` : ""}
`;
  const RESERVE = 160 + (options.detailsUrl?.length ?? 0);
  let tracebacksLeft = options.maxTracebacks ?? 10;
  let omitted = 0;
  const head = verdictLine(diff, options.title ?? "Tempest gate");
  out.add(head.length <= limit ? head : `${head.slice(0, limit - 2)}\u2026
`);
  for (const piece of [contextLine(diff), summaryTable(diff)]) {
    if (out.fits(piece, RESERVE)) out.add(piece);
  }
  const sections = changeSections(diff);
  for (const s of sections) {
    if (s.items.length === 0 && s.notes.length === 0) continue;
    const heading = `#### ${s.title} (${s.count})

`;
    if (!out.fits(heading, RESERVE + 80)) {
      omitted++;
      continue;
    }
    out.add(heading);
    for (const note of s.notes) {
      const line = `- ${mdText(note.replace(/^- /, ""))}
`;
      if (out.fits(line, RESERVE)) out.add(line);
    }
    let shown = 0;
    for (const t of s.items) {
      const line = itemLine(t);
      let tb = s.tracebacks && tracebacksLeft > 0 ? traceback(t) : "";
      if (tb && !out.fits(line + tb, RESERVE)) tb = "";
      if (!out.fits(line, RESERVE)) break;
      out.add(line + tb);
      if (tb) tracebacksLeft--;
      shown++;
    }
    if (shown < s.items.length) out.add(more(s.items.length - shown));
    out.add("\n");
  }
  if (diff.interopChange) {
    const line = `${interopChangeLine(diff.interopChange)}

`;
    if (out.fits(line, RESERVE)) out.add(line);
    else omitted++;
  }
  if (diff.interop) {
    const lines = interopLines(diff.interop).map((l) => `${l}
`);
    const heading = `#### Interop ${diff.interop.guideline}

| Target | Required | Required, not flagged | Advisory | Compliant |
| --- | ---: | ---: | ---: | :---: |
`;
    if (out.fits(heading + (lines[0] ?? ""), RESERVE)) {
      out.add(heading);
      for (const t of diff.interop.targets) {
        const r = t.byStatus.required;
        const a = t.byStatus.advisory;
        const row = `| ${mdText(t.name)} | ${r.passed}/${r.count} (${pct(r.percent)}) | ${pct(r.nonFlaggedPercent)} | ${a.passed}/${a.count} | ${t.compliant ? "\u2705" : "\u274C"} |
`;
        if (!out.fits(row, RESERVE)) {
          omitted++;
          break;
        }
        out.add(row);
      }
      out.add("\n");
    } else omitted++;
  }
  const durationNote = diff.durationCheck.compared ? "" : `Durations not compared: ${diff.durationCheck.skippedReason}.
`;
  if (durationNote && out.fits(durationNote, RESERVE)) out.add(durationNote);
  if (omitted) {
    const note = `
_${omitted} more section${omitted === 1 ? "" : "s"} left out to stay within ${limit} characters${options.detailsUrl ? `: [full report](${options.detailsUrl})` : ""}._
`;
    if (out.fits(note)) out.add(note);
  }
  return out.toString();
}

// src/core/render/compare-text.ts
function renderCompareText(diff, options = {}) {
  const max = options.maxPerSection ?? 25;
  const c = diff.counts;
  const lines = [];
  const policy = diff.verdict.reason.includes("(fail-on: ") ? "" : ` (fail-on: ${diff.verdict.failOn})`;
  lines.push(`${diff.verdict.failed ? "FAIL" : "PASS"}: ${diff.verdict.reason}${policy}`);
  lines.push(`  run: ${c.run} tests (${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped); baseline: ${c.baseline} tests from ${diff.baseline.runs} run${diff.baseline.runs === 1 ? "" : "s"}; ${c.matched} matched`);
  for (const s of changeSections(diff)) {
    if (s.items.length === 0 && s.notes.length === 0) continue;
    lines.push("", `${s.title} (${s.count}):`);
    for (const n of s.notes) lines.push(`  ${n}`);
    for (const t of s.items.slice(0, max)) {
      lines.push(`  ${t.name}: ${describeChange(t)}${t.known ? ` [known: ${t.known.bug}, until ${t.known.expires}]` : ""}`);
      if (s.tracebacks && t.detail) {
        const tb = t.detail.split("\n").slice(-3);
        for (const l of tb) lines.push(`      ${l}`);
      }
    }
    if (s.items.length > max) lines.push(`  \u2026 and ${s.items.length - max} more`);
  }
  if (!diff.durationCheck.compared) lines.push("", `Durations not compared: ${diff.durationCheck.skippedReason}`);
  if (diff.interopChange) lines.push("", interopChangeLine(diff.interopChange));
  if (diff.interop) lines.push("", `Interop ${diff.interop.guideline}:`, ...interopLines(diff.interop).map((l) => `  ${l}`));
  return `${lines.join("\n")}
`;
}

export {
  EMPTY_CONTEXT,
  SIGNATURE,
  SubunitV2Decoder,
  SubunitV1Decoder,
  writeJUnit,
  detectFormat,
  createResultParser,
  parseResults,
  summarizeRuns,
  toBaseline,
  mergeBaselines,
  parseJsonText,
  parseBaseline,
  resultsFromBytes,
  baselineFromBytes,
  emptyBaseline,
  parseKnownFailures,
  FAIL_ON,
  notRunVerdict,
  gateVerdict,
  compareRuns,
  CAPABILITY_STATUSES,
  passedTests,
  scoreGuideline,
  compareInterop,
  renderCompareMarkdown,
  renderCompareText
};
