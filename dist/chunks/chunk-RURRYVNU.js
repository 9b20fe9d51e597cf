import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  baselineOptions,
  failOnFrom,
  todayUtc
} from "./chunk-JCV6S2XB.js";
import {
  writeReport
} from "./chunk-HXCKJB2L.js";
import {
  judgeRuns,
  loadReference,
  readSelected
} from "./chunk-FA5S5BMI.js";
import {
  loadRuns
} from "./chunk-ISIXVUSD.js";
import {
  str,
  strs
} from "./chunk-FDIOAVOA.js";
import {
  usageError
} from "./chunk-MY7TWMR2.js";

// src/cli/commands/report.ts
import { basename } from "node:path";
var JUDGE_OPTIONS = {
  baseline: { type: "string", short: "b" },
  "known-failures": { type: "string", short: "k" },
  guideline: { type: "string", short: "g", multiple: true },
  "fail-on": { type: "string" },
  html: { type: "string" },
  markdown: { type: "string" },
  title: { type: "string" },
  store: { type: "string" },
  repo: { type: "string" },
  today: { type: "string" }
};
function referenceFromArgs(args, io, now) {
  const ref = str(args, "baseline");
  return loadReference({
    baseline: ref === void 0 ? null : baselineOptions(ref, args, io, now),
    knownFailures: str(args, "known-failures"),
    guidelines: strs(args, "guideline")
  });
}
async function judgeFromArgs(args, io) {
  const failOn = failOnFrom(args, "regressions");
  const today = todayUtc(args);
  const now = (/* @__PURE__ */ new Date()).toISOString();
  const ref = await referenceFromArgs(args, io, now);
  const { baseline, knownFailures, guidelines, problems } = ref;
  return { ...ref, judge: (o) => judgeRuns({ ...o, damage: [...problems, ...o.damage ?? []], baseline, failOn, knownFailures, guidelines, today, now }) };
}
var reportCommand = {
  name: "report",
  summary: "Write the HTML and Markdown report of a run (and its diff against a baseline).",
  usage: "--results FILE [--results FILE...] [--baseline REF] [--html FILE] [--markdown FILE]",
  options: {
    results: { type: "string", short: "r", multiple: true },
    ...JUDGE_OPTIONS,
    history: { type: "string" },
    selected: { type: "string", multiple: true }
  },
  help: `Options:
  -r, --results FILE         the run's results (subunit v2/v1, JUnit XML, results JSON); repeat for reruns
  -b, --baseline REF         compare with this baseline (as 'tempest-gate compare --baseline' takes it)
  -k, --known-failures FILE  known failures (shown as known, never hidden)
  -g, --guideline FILE       score the run against an Interop guideline (schema 2.0; builtin:2020.06
                             is the one shipped), and against the baseline: capabilities kept, lost, gained
      --fail-on WHAT         regressions (default), failures or never
      --html FILE            write the HTML report there
      --markdown FILE        write the Markdown summary there (at least one of the two)
      --title TEXT           the report's title
      --selected FILE        the tests the run was asked to run (an include list 'select --write-lists'
                             wrote, or a test list; repeatable): the baseline is compared on these
                             only, so a baseline test the change did not select is not 'removed'
      --store SPEC, --repo DIR, --today YYYY-MM-DD, --history N   as for 'compare'
Exit codes:
  0  the report was written and the gate passes
  1  the report was written and the gate fails (per --fail-on; without a baseline every
     failure counts; a run with no tests never passes)
  2  usage error
  3  an input was damaged: the report shows what could be read, never as a pass`,
  async run(args, io) {
    if (args.positionals.length) throw usageError(`unexpected argument '${args.positionals[0]}'`);
    const files = strs(args, "results");
    if (files.length === 0) throw usageError("missing --results (see --help)");
    const { baseline, problems, judge } = await judgeFromArgs(args, io);
    const loaded = await loadRuns(files, io.stdin);
    const { runs } = loaded;
    const damage = [...problems, ...loaded.damage];
    const judgement = judge({
      selected: await readSelected(strs(args, "selected")),
      runs,
      damage: loaded.damage,
      runLabel: files.map((f) => basename(f)).join(", ")
    });
    const title = str(args, "title") ?? "tempest-gate report";
    const html = str(args, "html") ?? null;
    const markdown = str(args, "markdown") ?? null;
    if (html === null && markdown === null) throw usageError("give --html FILE, --markdown FILE or both (see --help)");
    const results = runs[runs.length - 1];
    await writeReport({ results, judgement, title, subtitle: files.map((f) => basename(f)).join(", "), html, markdown });
    const { verdict } = judgement;
    const c = judgement.diff.counts;
    const summary = {
      html,
      markdown,
      verdict: { ...verdict, failed: verdict.result !== "pass" },
      counts: { run: c.run, regressions: c.regressions, fixes: c.fixes, known: c.known, flaky: c.flaky }
    };
    if (args.values.json === true) io.stdout.write(`${JSON.stringify(summary, null, 2)}
`);
    else io.stdout.write(`wrote ${[html, markdown].filter(Boolean).join(" and ")}: ${verdict.result.toUpperCase()}: ${verdict.reason}
`);
    for (const p of [...baseline?.damage ?? [], ...damage]) io.stderr.write(`tempest-gate report: ${p}
`);
    return verdict.exitCode;
  }
};

export {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
};
