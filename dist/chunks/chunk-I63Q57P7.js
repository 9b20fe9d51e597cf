import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  RE2JS,
  require_ajv
} from "./chunk-FFUPZC6L.js";
import {
  require_dist
} from "./chunk-JTCS6GEG.js";
import {
  parseResults
} from "./chunk-NVPQEUFB.js";
import {
  RESULTS_SCHEMA
} from "./chunk-F64MU34C.js";
import {
  UserError
} from "./chunk-XOD6W3JI.js";
import {
  __toESM
} from "./chunk-NQJFE2ZZ.js";

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
var import_ajv = __toESM(require_ajv(), 1);
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
function tail(text, max) {
  const trimmed = text.replace(/\s+$/, "");
  return trimmed.length <= max ? trimmed : `\u2026${trimmed.slice(trimmed.length - max)}`;
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
  const text = attachmentText(rec, "traceback") ?? attachmentText(rec, "reason");
  return text === null ? null : tail(text, DETAIL_CHARS);
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
function lineColumn(text, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
function jsonErrorOffset(message, text) {
  const pos = /at position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  const quoted = /, \.\.\."(.*)"(?:\.\.\.)? is not valid JSON$/s.exec(message);
  if (quoted) {
    const at = text.indexOf(quoted[1] ?? "");
    if (at >= 0) return at + 10;
  }
  return null;
}
function parseJsonText(text, file) {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const offset = jsonErrorOffset(message, text);
    const short = message.replace(/ in JSON at position \d+.*$/, "").replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "");
    const place = offset === null ? { file } : { file, ...lineColumn(text, offset) };
    throw new UserError(`not valid JSON: ${short}`, { place });
  }
}
function parseBaseline(text, file) {
  const value = parseJsonText(text, file);
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
    return value;
  }
  return parseResults(bytes, { attachments: REFERENCE_ATTACHMENTS });
}
function baselineFromBytes(bytes, source, options) {
  if (firstNonSpace(bytes) === 123) {
    const text = Buffer.from(bytes).toString("utf8");
    const value = parseJsonText(text, source);
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
function parseKnownFailures(text, file) {
  const lc = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lc, prettyErrors: false });
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

// src/core/compare/policy.ts
var FAIL_ON = ["regressions", "failures", "never"];
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
function judge(diff, failOn) {
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
    return { failed: failOn !== "never", failOn, reason: "the run has no test results: nothing to prove a pass with", blocking: [] };
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
  return { ...partial, verdict: judge(partial, failOn) };
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
  fits(text, reserve = 0) {
    return this.used + text.length + reserve <= this.limit;
  }
  add(text) {
    this.parts.push(text);
    this.used += text.length;
  }
  toString() {
    return this.parts.join("");
  }
};
function code(name) {
  return `\`${name.replace(/`/g, "'")}\``;
}
function mdText(text) {
  return text.replace(/\s+/g, " ").replace(/[\\`*_{}[\]<>|#!~]/g, "\\$&");
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
  const body = lines.slice(-15).join("\n").slice(-1500).replace(/```/g, "'''");
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
  lines.push(`${diff.verdict.failed ? "FAIL" : "PASS"}: ${diff.verdict.reason} (fail-on: ${diff.verdict.failOn})`);
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
  if (diff.interop) lines.push("", `Interop ${diff.interop.guideline}:`, ...interopLines(diff.interop).map((l) => `  ${l}`));
  return `${lines.join("\n")}
`;
}

export {
  EMPTY_CONTEXT,
  summarizeRuns,
  toBaseline,
  mergeBaselines,
  parseJsonText,
  parseBaseline,
  resultsFromBytes,
  baselineFromBytes,
  parseKnownFailures,
  FAIL_ON,
  compareRuns,
  renderCompareMarkdown,
  renderCompareText
};
