import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  judgeRuns,
  loadBaseline,
  loadReference,
  readSelected
} from "./chunk-FA5S5BMI.js";
import {
  summarizeRunFiles
} from "./chunk-ISIXVUSD.js";
import {
  flag,
  str,
  strs,
  wholeOption
} from "./chunk-FDIOAVOA.js";
import {
  DEFAULT_STORE
} from "./chunk-X7KFTTWK.js";
import {
  FAIL_ON,
  renderCompareMarkdown,
  renderCompareText
} from "./chunk-X4FZVZJY.js";
import {
  writeOutput
} from "./chunk-P2FODZ67.js";
import {
  usageError
} from "./chunk-MY7TWMR2.js";

// src/cli/commands/compare.ts
import { resolve } from "node:path";

// src/cli/github-env.ts
function githubFromEnv(env) {
  const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
  if (!token) return void 0;
  return {
    token,
    repository: env.GITHUB_REPOSITORY ?? "",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    ...env.TEMPEST_GATE_BASELINE_WORKFLOW ? { workflow: env.TEMPEST_GATE_BASELINE_WORKFLOW } : {}
  };
}

// src/cli/commands/compare.ts
var CONTEXT_OPTIONS = {
  branch: { type: "string" },
  release: { type: "string" },
  commit: { type: "string" },
  "tempest-version": { type: "string" },
  nodes: { type: "string" },
  flavor: { type: "string" },
  concurrency: { type: "string" },
  cloud: { type: "string" }
};
var CONTEXT_HELP = `Run context (recorded in baselines; durations compare only like for like):
      --branch B, --release R, --commit SHA, --tempest-version V, --cloud NAME
      --nodes N            node count (controller + subnodes)
      --flavor F           node flavor
      --concurrency N      Tempest workers`;
function contextFromArgs(args) {
  const ctx = {};
  for (const [opt, key] of [
    ["branch", "branch"],
    ["release", "release"],
    ["commit", "commit"],
    ["tempest-version", "tempestVersion"],
    ["flavor", "flavor"],
    ["cloud", "cloud"]
  ]) {
    const v = str(args, opt);
    if (v !== void 0) ctx[key] = v;
  }
  const nodes = wholeOption(args, "nodes", { min: 1, fallback: null });
  if (nodes !== null) ctx.nodes = nodes;
  const concurrency = wholeOption(args, "concurrency", { min: 1, fallback: null });
  if (concurrency !== null) ctx.concurrency = concurrency;
  return ctx;
}
function baselineOptions(ref, args, io, now) {
  return {
    ref,
    store: str(args, "store") ?? DEFAULT_STORE,
    repo: resolve(io.cwd, str(args, "repo") ?? "."),
    created: now,
    github: githubFromEnv(io.env),
    stdin: () => readStdin(io),
    // What a git store fetched is said on stderr: stdout may be the JSON or Markdown being asked for.
    log: (line) => io.stderr.write(`${line}
`),
    history: wholeOption(args, "history", { min: 1, fallback: null })
  };
}
async function baselineFromArgs(ref, args, io, now) {
  return loadBaseline(baselineOptions(ref, args, io, now));
}
async function readStdin(io) {
  const chunks = [];
  for await (const c of io.stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks);
}
function todayUtc(args) {
  const given = str(args, "today");
  if (given !== void 0) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(given)) throw usageError(`--today must be YYYY-MM-DD, not '${given}'`);
    return given;
  }
  return (/* @__PURE__ */ new Date()).toISOString().slice(0, 10);
}
function number(args, name, fallback) {
  const v = str(args, name);
  if (v === void 0) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw usageError(`--${name} must be a number of at least 0, not '${v}'`);
  return n;
}
function failOnFrom(args, fallback) {
  const v = str(args, "fail-on") ?? fallback;
  if (!FAIL_ON.includes(v)) throw usageError(`--fail-on must be one of ${FAIL_ON.join(", ")}, not '${v}'`);
  return v;
}
var OUTPUTS = ["json", "markdown", "text"];
function outputFormat(args) {
  const to = str(args, "to") ?? (flag(args, "json") ? "json" : "text");
  if (!OUTPUTS.includes(to)) throw usageError(`--to must be one of ${OUTPUTS.join(", ")}, not '${to}'`);
  return to;
}
function renderDiff(diff, to, args) {
  if (to === "json") return `${JSON.stringify(diff, null, 2)}
`;
  if (to === "markdown") {
    const budgetText = str(args, "budget");
    const budget = budgetText === void 0 ? void 0 : Number(budgetText);
    if (budget !== void 0 && (!Number.isInteger(budget) || budget < 200))
      throw usageError(`--budget must be a whole number of characters, at least 200, not '${budgetText}'`);
    return renderCompareMarkdown(diff, { budget });
  }
  return renderCompareText(diff);
}
async function emit(text, args, io) {
  const output = str(args, "output");
  if (output) await writeOutput(output, text);
  else io.stdout.write(text);
}
var compareCommand = {
  name: "compare",
  summary: "Compare a run with its baseline: regressions, fixes, flaky and known failures, skips, durations, Interop.",
  usage: "--baseline REF --results FILE [--results FILE...] [options]",
  options: {
    baseline: { type: "string", short: "b" },
    results: { type: "string", short: "r", multiple: true },
    "fail-on": { type: "string" },
    "known-failures": { type: "string", short: "k" },
    guideline: { type: "string", short: "g", multiple: true },
    to: { type: "string" },
    budget: { type: "string" },
    output: { type: "string", short: "o" },
    store: { type: "string" },
    repo: { type: "string" },
    "relative-threshold": { type: "string" },
    "absolute-threshold": { type: "string" },
    today: { type: "string" },
    history: { type: "string" },
    selected: { type: "string", multiple: true },
    ...CONTEXT_OPTIONS
  },
  help: `Options:
  -b, --baseline REF          the reference: a baseline file (tempest-gate/baseline@1 JSON), a results
                              file (subunit v2/v1, JUnit XML, or 'parse --to json' output), git:BRANCH:NAME
                              (a baseline promoted to a branch of the repository), or a bare NAME
                              (master, stable/2025.2) looked up in --store
  -r, --results FILE          the run's results ('-' for stdin); repeat for reruns of failed tests:
                              a test that failed and then passed is reported flaky, never as passed
      --fail-on WHAT          regressions (default): failures the baseline does not explain fail the
                              gate (regressions, new failing tests, tests that never finished);
                              failures: every failing test, still-failing ones too; never: report only.
                              Known failures and flaky tests are shown and never fail the gate.
  -k, --known-failures FILE   YAML list of known failures (bug, expires, test/test_ids/signature)
  -g, --guideline FILE        score the run against an Interop guideline (schema 2.0; builtin:2020.06
                              is the one shipped); repeatable. The first is also weighed against the
                              baseline: required capabilities kept, lost and gained
      --to FORMAT             text (default), markdown (for a pull request) or json
      --budget N              Markdown size budget in characters (default 60000)
  -o, --output FILE           write there instead of standard output
      --store SPEC            where bare baseline names live: git:BRANCH (default git:tempest-baselines),
                              dir:PATH
      --repo DIR              the git repository of git stores (default: the current directory)
      --history N             a stored baseline keeps its branch's last runs (promote --keep): judge by
                              the newest N of them only (default: all it keeps; pass rates and flaky
                              tests come from them)
      --relative-threshold X  a duration change must be at least this fraction (default 0.5)
      --absolute-threshold S  and at least this many seconds (default 5)
      --today YYYY-MM-DD      the date known-failure expiry is checked against (default: today, UTC)
      --selected FILE         the tests the run was asked to run (an include list 'select --write-lists'
                              wrote, or a test list; repeatable): the baseline is compared on these
                              only, so a baseline test the change did not select is not 'removed'
${CONTEXT_HELP}
Exit codes:
  0  the gate passes under --fail-on
  1  the gate fails (regressions, or failures, per --fail-on)
  2  usage error
  3  bad input: a baseline, results, known-failures or guideline file that cannot be read whole.
     The comparison of what was readable is still written, but never as a pass. A baseline
     that does not exist (no such file, store branch or name in the store) is bad input too.
  4  git itself failed on a stored baseline (not installed, a git command refused)`,
  async run(args, io) {
    if (args.positionals.length) throw usageError(`unexpected argument '${args.positionals[0]}'`);
    const ref = str(args, "baseline");
    if (ref === void 0) throw usageError("missing --baseline (see --help)");
    const files = strs(args, "results");
    if (files.length === 0) throw usageError("missing --results (see --help)");
    const failOn = failOnFrom(args, "regressions");
    const to = outputFormat(args);
    const today = todayUtc(args);
    const context = contextFromArgs(args);
    const relativeThreshold = number(args, "relative-threshold", 0.5);
    const absoluteThreshold = number(args, "absolute-threshold", 5);
    const now = (/* @__PURE__ */ new Date()).toISOString();
    const {
      baseline,
      knownFailures,
      guidelines,
      problems: unread
    } = await loadReference({
      baseline: baselineOptions(ref, args, io, now),
      knownFailures: str(args, "known-failures"),
      guidelines: strs(args, "guideline")
    });
    const summarized = await summarizeRunFiles(files, io.stdin, { context, interop: guidelines.length > 0, known: baseline?.baseline.tests });
    const damage = [...unread, ...summarized.damage];
    const {
      diff,
      verdict,
      interop: scores
    } = judgeRuns({
      selected: await readSelected(strs(args, "selected")),
      summarized,
      damage,
      baseline,
      failOn,
      knownFailures,
      guidelines,
      today,
      now,
      context,
      relativeThreshold,
      absoluteThreshold,
      runLabel: files.join(", ")
    });
    const problems = [...baseline?.damage ?? [], ...damage];
    const text = to === "json" ? `${JSON.stringify(scores.length > 1 ? { ...diff, interopAll: scores } : diff, null, 2)}
` : renderDiff(diff, to, args);
    await emit(text, args, io);
    for (const p of problems) io.stderr.write(`tempest-gate compare: ${p}
`);
    return verdict.exitCode;
  }
};

export {
  githubFromEnv,
  CONTEXT_OPTIONS,
  CONTEXT_HELP,
  contextFromArgs,
  baselineOptions,
  baselineFromArgs,
  todayUtc,
  failOnFrom,
  outputFormat,
  renderDiff,
  emit,
  compareCommand
};
