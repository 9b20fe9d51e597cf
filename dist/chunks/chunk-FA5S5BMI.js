import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseGuideline
} from "./chunk-74PQCRED.js";
import {
  damageLine
} from "./chunk-ISIXVUSD.js";
import {
  dataFile
} from "./chunk-5O3VW5PT.js";
import {
  testIdsOf
} from "./chunk-6Z2THX75.js";
import {
  DEFAULT_STORE,
  checkName,
  loadBaselineRef,
  loadStoredBaseline,
  openStore,
  pushStore
} from "./chunk-X7KFTTWK.js";
import {
  compareInterop,
  compareRuns,
  gateVerdict,
  passedInBaseline,
  passedTests,
  readKnownFailures,
  scoreGuideline
} from "./chunk-X4FZVZJY.js";
import {
  readText,
  writeOutput
} from "./chunk-P2FODZ67.js";
import {
  EMPTY_CONTEXT,
  appendHistory,
  baselineFromText,
  baselineOfHistory,
  emptyBaseline,
  encodeCompact,
  historyOfBaseline,
  knownTests,
  lastRuns,
  summarizeRuns
} from "./chunk-6K5OT3X4.js";
import {
  BaselineNotFound
} from "./chunk-4E3TQ2AB.js";
import {
  namesThatRan,
  parseTestId
} from "./chunk-AOIPOV6R.js";
import {
  EXIT,
  UserError,
  usageError
} from "./chunk-MY7TWMR2.js";

// src/edges/memory.ts
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
var gc;
function collectGarbage() {
  if (gc === void 0) {
    try {
      setFlagsFromString("--expose-gc");
      gc = runInNewContext("gc");
    } catch {
      gc = null;
    }
  }
  gc?.();
}

// src/stages/baseline.ts
function historyOf(loaded, last) {
  if (loaded.compact === null) return { history: null, keep: null };
  return { history: lastRuns(loaded.compact.history, last ?? null), keep: loaded.compact.keep };
}
var BIG_BASELINE = 2e5;
async function loadBaseline(options) {
  const loaded = await loadBaselineRef(options.ref, {
    store: options.store ?? DEFAULT_STORE,
    repo: options.repo,
    created: options.created,
    github: options.github,
    git: { remote: options.remote, log: options.log },
    stdin: options.stdin,
    history: options.history
  });
  const line = loaded.results ? damageLine(loaded.source, loaded.results) : null;
  return { baseline: loaded.baseline, source: loaded.source, damage: line ? [line] : [], ...historyOf(loaded, options.history) };
}
async function loadBaselineWithFallback(options) {
  const candidates = [...new Set(options.candidates)];
  const spec = options.store ?? DEFAULT_STORE;
  if (candidates.length === 0) return { loaded: null, used: null, warning: "no baseline name to look up: compared with none, every failure counts" };
  const store = openStore(spec, options.repo, options.github, { remote: options.remote, log: options.log });
  const missing = [];
  for (const name of candidates) {
    try {
      const loaded = await loadStoredBaseline(store, name, { created: options.created, history: options.history });
      const line = loaded.results ? damageLine(loaded.source, loaded.results) : null;
      const warning = missing.length ? `no baseline ${quoted(candidates.slice(0, missing.length))} in ${spec} (${missing[missing.length - 1]?.detail}): compared with '${name}' instead` : null;
      return {
        loaded: { baseline: loaded.baseline, source: loaded.source, damage: line ? [line] : [], ...historyOf(loaded, options.history) },
        used: name,
        warning
      };
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
  const { known, problems } = readKnownFailures(await readText(file), file);
  if (problems[0] !== void 0) throw problems[0];
  return known;
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
async function orProblem(load, problems) {
  try {
    return await load();
  } catch (err) {
    if (!(err instanceof UserError) || err.exitCode !== EXIT.badInput) throw err;
    problems.push(err.message);
    return null;
  }
}
async function baselineToJudgeBy(options, problems) {
  const loaded = await orProblem(() => loadBaseline(options), problems);
  return loaded ? { ...loaded, history: null } : null;
}
async function loadReference(options) {
  const problems = [];
  let knownFailures = null;
  const kf = options.knownFailures;
  if (kf !== null && kf !== void 0) {
    const text = await orProblem(() => readText(kf), problems);
    if (text !== null) {
      const read = readKnownFailures(text, kf);
      knownFailures = read.known;
      problems.push(...read.problems.map((p) => p.message));
    }
  }
  const guidelines = [];
  for (const spec of options.guidelines ?? []) {
    const [g] = await orProblem(() => loadGuidelines([spec]), problems) ?? [];
    if (g) guidelines.push(g);
  }
  const baselineOptions = options.baseline;
  const baseline = baselineOptions ? await baselineToJudgeBy(baselineOptions, problems) : null;
  if ((baseline?.baseline.tests.length ?? 0) >= BIG_BASELINE) collectGarbage();
  return { baseline, knownFailures, guidelines, problems };
}
var DEFAULT_KEEP = 30;
async function promoteBaseline(options) {
  const name = checkName(options.name);
  const spec = options.store ?? DEFAULT_STORE;
  if (options.push !== void 0 && !spec.startsWith("git:")) throw usageError("--push works with git stores only");
  if (options.added.length === 0) throw usageError("nothing to promote");
  const store = openStore(spec, options.repo, options.github, { remote: options.remote, log: options.log });
  let previous = null;
  let storedKeep = null;
  try {
    const found = await store.read(name);
    const { baseline: baseline2, compact } = baselineFromText(found.text, found.source, { created: options.created });
    previous = compact ? compact.history : historyOfBaseline(baseline2);
    storedKeep = compact?.keep ?? null;
  } catch (err) {
    if (!(err instanceof BaselineNotFound)) throw err;
    options.log?.(`baselines: no baseline '${name}' in ${spec} yet (${err.detail}): its history starts here`);
  }
  const keep = options.keep ?? storedKeep ?? DEFAULT_KEEP;
  const before = previous?.runs.length ?? 0;
  const added = options.added.reduce((n, h) => n + h.runs.length, 0);
  const history = appendHistory(previous, options.added, keep);
  const baseline = baselineOfHistory(history, { created: options.created });
  const text = encodeCompact(history, { created: options.created, keep });
  const commit = baseline.context.commit ? ` at ${baseline.context.commit}` : "";
  const message = options.message ?? `baseline ${name}: ${baseline.tests.length} tests, history of ${history.runs.length} run${history.runs.length === 1 ? "" : "s"}${commit}`;
  let written;
  if (options.output !== void 0) {
    await writeOutput(options.output, text);
    written = options.output;
  } else {
    written = await store.write(name, text, message);
  }
  if (options.push !== void 0 && options.output === void 0) await pushStore(options.repo, spec.slice(4), options.push);
  return { written, store: store.spec, baseline, history, keep, previous: before, dropped: Math.max(0, before + added - history.runs.length) };
}
function historyToPromote(loaded) {
  return loaded.history ?? historyOfBaseline(loaded.baseline);
}

// src/core/compare/scope.ts
function fixtureClass(name) {
  const m = /^(?:setUpClass|tearDownClass) \((.*)\)$/.exec(name);
  return m ? m[1] ?? null : null;
}
function baselineInScope(baseline, selected) {
  const names = /* @__PURE__ */ new Set();
  const classes = /* @__PURE__ */ new Set();
  for (const id of selected) {
    const parts = parseTestId(id);
    names.add(parts.name);
    if (parts.className !== "") classes.add(parts.className);
  }
  const tests = baseline.tests.filter((t) => {
    if (names.has(t.name)) return true;
    const cls = fixtureClass(t.name);
    return cls !== null && classes.has(cls);
  });
  if (tests.length === baseline.tests.length) return { baseline, outOfScope: 0 };
  return { baseline: { ...baseline, tests }, outOfScope: baseline.tests.length - tests.length };
}

// src/stages/judge.ts
function judgeRuns(options) {
  const given = options.summarized;
  if (given && options.guidelines?.length && given.ran === null) throw new Error("internal: judgeRuns with guidelines needs the runs summarised with interop");
  const passed = options.guidelines?.length ? given ? given.ran?.passed ?? null : passedTests(options.runs ?? []) : null;
  const interop = passed ? (options.guidelines ?? []).map((g) => scoreGuideline(g, passed)) : [];
  const base = options.baseline;
  const summary = given ? given.summary : summarizeRuns(
    options.runs ?? [],
    { context: { ...EMPTY_CONTEXT, ...options.context } },
    { known: base && !options.selected ? knownTests(base.baseline.tests) ?? void 0 : void 0 }
  );
  const scoped = base && options.selected ? baselineInScope(base.baseline, options.selected) : null;
  const diff = compareRuns(scoped ? scoped.baseline : base ? base.baseline : emptyBaseline(options.now), summary, {
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
    const ran = given?.ran?.ran ?? namesThatRan((options.runs ?? []).flatMap((r) => r.tests));
    diff.interopChange = compareInterop(guideline, options.interopTarget ?? guideline.targets[0]?.name ?? "platform", before, passed, ran);
  }
  diff.verdict = { ...diff.verdict, failed: verdict.result !== "pass", reason: verdict.reason, blocking: verdict.blocking };
  return { diff, verdict, interop, hasBaseline: base !== null, notSelected: scoped?.outOfScope ?? 0 };
}
async function readSelected(files) {
  if (files.length === 0) return null;
  const ids = [];
  for (const f of files) ids.push(...testIdsOf(await readText(f)));
  return ids;
}

export {
  loadBaseline,
  loadBaselineWithFallback,
  loadKnownFailures,
  loadGuidelines,
  orProblem,
  loadReference,
  promoteBaseline,
  historyToPromote,
  judgeRuns,
  readSelected
};
