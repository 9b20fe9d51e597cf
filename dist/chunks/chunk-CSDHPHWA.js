import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;

// src/core/results/model.ts
var RESULTS_SCHEMA = "tempest-gate/results@1";
var TEST_STATUSES = ["success", "fail", "skip", "xfail", "uxsuccess", "exists", "inprogress", "unknown"];
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
var IDEMPOTENT = /^id-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
function parseTestId(id) {
  const fixture = id.endsWith(")") ? /^(setUpClass|tearDownClass|setUpModule|tearDownModule) \((.*)\)$/.exec(id) : null;
  if (fixture) {
    return { name: id, className: fixture[2] ?? "", method: fixture[1] ?? "", attrs: [], idempotentId: null };
  }
  let name = id;
  const attrs = [];
  let idempotentId = null;
  const open = id.endsWith("]") ? id.lastIndexOf("[") : -1;
  if (open >= 0 && id.indexOf("]", open) === id.length - 1) {
    name = id.slice(0, open);
    for (const raw of id.slice(open + 1, -1).split(",")) {
      const attr = raw.trim();
      if (attr === "") continue;
      if (idempotentId === null && attr.length === 39 && attr.startsWith("id-") && IDEMPOTENT.test(attr)) idempotentId = attr.slice(3).toLowerCase();
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
function isoFromMicros(micros) {
  const second = Math.floor(micros / 1e6);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1e3).toISOString().slice(0, 20);
  }
  return `${cachedPrefix}${String(micros - second * 1e6).padStart(6, "0")}Z`;
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
  FAILING_STATUSES,
  PROBLEM_STATUSES,
  finishedFromRecord,
  parseTestId,
  emptyCounts,
  makeRunResults,
  summarize,
  isoFromMicros,
  microsFromIso
};
