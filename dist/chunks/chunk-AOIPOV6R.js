import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;

// src/core/results/model.ts
var RESULTS_SCHEMA = "tempest-gate/results@1";
var TEST_STATUSES = ["success", "fail", "skip", "xfail", "uxsuccess", "exists", "inprogress", "unknown"];
function isListing(status) {
  return status === "exists";
}
function namesThatRan(tests) {
  const names = /* @__PURE__ */ new Set();
  for (const t of tests) if (!isListing(t.status)) names.add(t.name);
  return names;
}
var FAILING_STATUSES = /* @__PURE__ */ new Set(["fail", "uxsuccess", "inprogress"]);
var PROBLEM_STATUSES = /* @__PURE__ */ new Set(["fail", "uxsuccess", "inprogress", "unknown"]);
function finishedFromRecord(record, shaped) {
  return {
    id: record.id,
    status: record.status,
    startMicros: record.start === null ? null : microsFromIso(record.start),
    stopMicros: record.stop === null ? null : microsFromIso(record.stop),
    record: () => record,
    shaped
  };
}
function idempotentAttr(attr) {
  return attr.length === 39 ? idempotentAt(attr, 0) : 0;
}
function idempotentAt(s, at) {
  if (!s.startsWith("id-", at)) return 0;
  let upper = false;
  for (let i = 3; i < 39; i++) {
    const c = s.charCodeAt(at + i);
    if (i === 11 || i === 16 || i === 21 || i === 26) {
      if (c !== 45) return 0;
    } else if (c >= 65 && c <= 70) upper = true;
    else if (!(c >= 48 && c <= 57 || c >= 97 && c <= 102)) return 0;
  }
  return upper ? 2 : 1;
}
function uuidOf(attr, kind) {
  return kind === 2 ? attr.slice(3).toLowerCase() : attr.slice(3);
}
var FIXTURE = /^(setUpClass|tearDownClass|setUpModule|tearDownModule) \((.*)\)$/;
function attrsOpen(id) {
  const open = id.endsWith("]") ? id.lastIndexOf("[") : -1;
  return open >= 0 && id.indexOf("]", open) === id.length - 1 ? open : -1;
}
function attrEnd(id, from, end) {
  const comma = id.indexOf(",", from);
  return comma < 0 || comma > end ? end : comma;
}
function parseTestId(id) {
  const fixture = id.endsWith(")") ? FIXTURE.exec(id) : null;
  if (fixture) {
    return { name: id, className: fixture[2] ?? "", method: fixture[1] ?? "", attrs: [], idempotentId: null };
  }
  let name = id;
  const attrs = [];
  let idempotentId = null;
  const open = attrsOpen(id);
  if (open >= 0) {
    name = id.slice(0, open);
    const end = id.length - 1;
    for (let s = open + 1; s <= end; ) {
      const e = attrEnd(id, s, end);
      const attr = id.slice(s, e).trim();
      s = e + 1;
      if (attr === "") continue;
      const kind = idempotentId === null ? idempotentAttr(attr) : 0;
      if (kind !== 0) idempotentId = uuidOf(attr, kind);
      else attrs.push(attr);
    }
  }
  const dot = name.lastIndexOf(".");
  const className = dot > 0 ? name.slice(0, dot) : "";
  const method = dot > 0 ? name.slice(dot + 1) : name;
  return { name, className, method, attrs, idempotentId };
}
function testNameOf(id) {
  if (id.endsWith(")") && FIXTURE.test(id)) return { name: id, idempotentId: null };
  const open = attrsOpen(id);
  if (open < 0) return { name: id, idempotentId: null };
  const end = id.length - 1;
  for (let s = open + 1; s <= end; ) {
    const e = attrEnd(id, s, end);
    const attr = id.slice(s, e).trim();
    const kind = idempotentAttr(attr);
    if (kind !== 0) return { name: id.slice(0, open), idempotentId: uuidOf(attr, kind) };
    s = e + 1;
  }
  return { name: id.slice(0, open), idempotentId: null };
}
function namesId(id, name, idempotentId) {
  const n = name.length;
  if (idempotentId === null) {
    if (id === name && attrsOpen(id) < 0) return true;
  } else if (id.length >= n + 41 && id.startsWith(name) && id.charCodeAt(n) === 91 && (id.length === n + 41 || id.charCodeAt(n + 40) === 44) && attrsOpen(id) === n && idempotentAt(id, n + 1) === 1 && id.startsWith(idempotentId, n + 4) && idempotentId.length === 36)
    return true;
  const own = testNameOf(id);
  return own.name === name && own.idempotentId === idempotentId;
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
function summarize(results) {
  const workers = /* @__PURE__ */ new Set();
  for (const t of results.tests) if (t.worker !== null) workers.add(t.worker);
  return {
    format: results.format,
    total: results.tests.length,
    counts: results.counts,
    start: results.start,
    stop: results.stop,
    workers: workers.size,
    problems: results.tests.filter((t) => PROBLEM_STATUSES.has(t.status)),
    damage: results.damage
  };
}
var cachedSecond = Number.NaN;
var cachedPrefix = "";
var DIGITS3 = Array.from({ length: 1e3 }, (_, i) => String(i).padStart(3, "0"));
function isoFromMicros(micros) {
  const second = Math.floor(micros / 1e6);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1e3).toISOString().slice(0, 20);
  }
  const fraction = micros - second * 1e6;
  const digits = Number.isInteger(fraction) ? DIGITS3[Math.floor(fraction / 1e3)] + DIGITS3[fraction % 1e3] : String(fraction).padStart(6, "0");
  return `${cachedPrefix}${digits}Z`;
}
function microsFromIso(iso) {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)?$/.exec(iso);
  if (!m) return Date.parse(iso) * 1e3;
  const secs = Date.parse(`${m[1]}${m[3] ?? "Z"}`);
  const frac = (m[2] ?? "").padEnd(6, "0").slice(0, 6);
  return secs * 1e3 + Number(frac);
}

export {
  RESULTS_SCHEMA,
  TEST_STATUSES,
  isListing,
  namesThatRan,
  FAILING_STATUSES,
  PROBLEM_STATUSES,
  finishedFromRecord,
  parseTestId,
  testNameOf,
  namesId,
  emptyCounts,
  makeRunResults,
  summarize,
  isoFromMicros,
  microsFromIso
};
