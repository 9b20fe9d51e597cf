import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  dataFile
} from "./chunk-B3CI7MJK.js";
import {
  parseGuideline
} from "./chunk-4DEYRYUN.js";
import {
  damageLine
} from "./chunk-PCLUKLK6.js";
import {
  DEFAULT_STORE,
  loadBaselineRef,
  loadStoredBaseline,
  openStore
} from "./chunk-OB5H3VCM.js";
import {
  compareInterop,
  compareRuns,
  gateVerdict,
  parseKnownFailures,
  passedInBaseline,
  passedTests,
  scoreGuideline
} from "./chunk-7PZCJ2RG.js";
import {
  readText
} from "./chunk-ZELLUOP7.js";
import {
  EMPTY_CONTEXT,
  emptyBaseline,
  summarizeRuns
} from "./chunk-MBKGGNZC.js";
import {
  BaselineNotFound
} from "./chunk-OEZSHAT6.js";
import {
  usageError
} from "./chunk-XOD6W3JI.js";

// src/stages/baseline.ts
async function loadBaseline(options) {
  const loaded = await loadBaselineRef(options.ref, {
    store: options.store ?? DEFAULT_STORE,
    repo: options.repo,
    created: options.created,
    github: options.github,
    git: { remote: options.remote, log: options.log },
    stdin: options.stdin
  });
  const line = loaded.results ? damageLine(loaded.source, loaded.results) : null;
  return { baseline: loaded.baseline, source: loaded.source, damage: line ? [line] : [] };
}
async function loadBaselineWithFallback(options) {
  const candidates = [...new Set(options.candidates)];
  const spec = options.store ?? DEFAULT_STORE;
  if (candidates.length === 0) return { loaded: null, used: null, warning: "no baseline name to look up: compared with none, every failure counts" };
  const store = openStore(spec, options.repo, options.github, { remote: options.remote, log: options.log });
  const missing = [];
  for (const name of candidates) {
    try {
      const loaded = await loadStoredBaseline(store, name, { created: options.created });
      const line = loaded.results ? damageLine(loaded.source, loaded.results) : null;
      const warning = missing.length ? `no baseline ${quoted(candidates.slice(0, missing.length))} in ${spec} (${missing[missing.length - 1]?.detail}): compared with '${name}' instead` : null;
      return { loaded: { baseline: loaded.baseline, source: loaded.source, damage: line ? [line] : [] }, used: name, warning };
    } catch (err) {
      if (!(err instanceof BaselineNotFound)) throw err;
      missing.push(err);
    }
  }
  const why = missing.length ? ` (${missing[missing.length - 1]?.detail})` : "";
  return { loaded: null, used: null, warning: `no baseline ${quoted(candidates)} in ${spec}${why}: compared with none, every failure counts` };
}
function quoted(names) {
  const q = names.map((n) => `'${n}'`);
  return q.length <= 1 ? q[0] ?? "" : `${q.slice(0, -1).join(", ")} or ${q[q.length - 1]}`;
}
async function loadKnownFailures(file) {
  if (file === null || file === void 0) return null;
  return parseKnownFailures(await readText(file), file);
}
var BUILTIN_GUIDELINES = ["2020.06"];
function guidelinePath(spec) {
  const m = /^builtin:(.+)$/.exec(spec);
  if (!m) return spec;
  const id = m[1] ?? "";
  if (!BUILTIN_GUIDELINES.includes(id))
    throw usageError(`no built-in guideline '${id}' (built in: ${BUILTIN_GUIDELINES.map((g) => `builtin:${g}`).join(", ")}; or give a file)`);
  return dataFile("interop", `${id}.json`);
}
async function loadGuidelines(specs) {
  const out = [];
  for (const spec of specs) {
    const file = guidelinePath(spec);
    out.push(parseGuideline(await readText(file), spec.startsWith("builtin:") ? spec : file));
  }
  return out;
}

// src/stages/judge.ts
function judgeRuns(options) {
  const passed = options.guidelines?.length ? passedTests(options.runs) : null;
  const interop = passed ? (options.guidelines ?? []).map((g) => scoreGuideline(g, passed)) : [];
  const summary = summarizeRuns(options.runs, { context: { ...EMPTY_CONTEXT, ...options.context } });
  const base = options.baseline;
  const diff = compareRuns(base ? base.baseline : emptyBaseline(options.now), summary, {
    failOn: options.failOn,
    knownFailures: options.knownFailures ?? null,
    today: options.today,
    ...options.relativeThreshold !== void 0 ? { relativeThreshold: options.relativeThreshold } : {},
    ...options.absoluteThreshold !== void 0 ? { absoluteThreshold: options.absoluteThreshold } : {},
    baselineLabel: base ? base.source : "no baseline",
    runLabel: options.runLabel ?? null,
    interop: interop[0] ?? null
  });
  const verdict = gateVerdict({
    diff,
    hasBaseline: base !== null,
    damage: [...base?.damage ?? [], ...options.damage ?? []],
    infrastructure: options.infrastructure ?? null
  });
  const guideline = options.guidelines?.[0];
  if (guideline && base && passed) {
    const before = passedInBaseline(base.baseline.tests);
    const ran = new Set(options.runs.flatMap((r) => r.tests.filter((t) => t.status !== "exists").map((t) => t.name)));
    diff.interopChange = compareInterop(guideline, options.interopTarget ?? guideline.targets[0]?.name ?? "platform", before, passed, ran);
  }
  diff.verdict = { ...diff.verdict, failed: verdict.result !== "pass", reason: verdict.reason, blocking: verdict.blocking };
  return { diff, verdict, interop, hasBaseline: base !== null };
}

export {
  loadBaseline,
  loadBaselineWithFallback,
  loadKnownFailures,
  loadGuidelines,
  judgeRuns
};
