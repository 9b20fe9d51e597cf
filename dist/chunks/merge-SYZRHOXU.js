import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs
} from "./chunk-RURRYVNU.js";
import "./chunk-JCV6S2XB.js";
import {
  mergeStage
} from "./chunk-G36PBVS2.js";
import {
  writeReport
} from "./chunk-HXCKJB2L.js";
import "./chunk-C2PR4P7J.js";
import "./chunk-FA5S5BMI.js";
import "./chunk-74PQCRED.js";
import "./chunk-ISIXVUSD.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-6Z2THX75.js";
import {
  str,
  wholeOption,
  writeJson
} from "./chunk-FDIOAVOA.js";
import "./chunk-FYXSTOGF.js";
import "./chunk-X7KFTTWK.js";
import "./chunk-X4FZVZJY.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-P2FODZ67.js";
import "./chunk-6K5OT3X4.js";
import "./chunk-MBFZYV6M.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import {
  renderMergeText
} from "./chunk-DWO264YH.js";
import "./chunk-AOIPOV6R.js";
import {
  usageError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/cli/commands/merge.ts
import { resolve } from "node:path";
var mergeCommand = {
  name: "merge",
  summary: "Merge the shards' results into one run and judge it once against the baseline.",
  usage: "DIR... [--shards K] [--out FILE] [--baseline REF] [--html FILE] [--markdown FILE]",
  allowPositionals: true,
  options: {
    shards: { type: "string" },
    out: { type: "string", short: "o" },
    ...JUDGE_OPTIONS
  },
  help: `Arguments:
  DIR...                     a shard's folder (its shard.json, written by 'select --shards K --shard-index I
                             --write-lists DIR', and its results: results.json, results.subunit or
                             tempest.subunit; without results, report.json's or run.json's reason), or a
                             folder of such folders (downloaded artifacts, one per shard)
Options:
      --shards K             the shard count this job expects (default: the manifests'); a shard with no
                             folder is reported with the tests it held, as not run
  -o, --out FILE             write the merged results JSON there (as 'parse --to json' writes)
  -b, --baseline REF         compare the merged run with this baseline (as 'compare --baseline' takes it)
                             on the tests the shards' manifests hold (a baseline test the change did not
                             select is not 'removed')
  -k, --known-failures FILE, -g, --guideline FILE, --fail-on WHAT, --store SPEC, --repo DIR, --today D
                             as for 'report'
      --html FILE, --markdown FILE, --title TEXT
                             write the merged run's report
Exit codes:
  0  merged, and the gate passes
  1  merged, and the gate fails (per --fail-on)
  2  usage error
  3  bad input: shards of different plans (another selection, baseline or K), a shard index twice, a
     test in two shards' results, an index not below the shard count, a damaged result file; a bad
     known-failures, guideline or baseline file (what could be read of it is used and the report
     still written, never as a pass)
  4  a shard brought back no results: its tests did not run (the report lists it, what it held, why)`,
  async run(args, io) {
    if (args.positionals.length === 0) throw usageError("give the shards' folders (see --help)");
    const shardCount = wholeOption(args, "shards", { min: 1, fallback: null });
    const { baseline, problems, judge } = await judgeFromArgs(args, io);
    const out = str(args, "out");
    const { merged, damage: read } = await mergeStage({
      dirs: args.positionals.map((d) => resolve(io.cwd, d)),
      shardCount,
      out: out === void 0 ? null : resolve(io.cwd, out),
      log: (l) => io.stderr.write(`${l}
`)
    });
    const damage = [...problems, ...read];
    const judgement = judge({
      runs: [merged.results],
      damage: read,
      runLabel: `${merged.shardCount} shards merged`,
      infrastructure: merged.infrastructure,
      selected: merged.selected
    });
    const html = str(args, "html") ?? null;
    const markdown = str(args, "markdown") ?? null;
    if (html !== null || markdown !== null)
      await writeReport({
        results: merged.results,
        judgement,
        title: str(args, "title") ?? "tempest-gate report",
        subtitle: `${merged.shardCount} shards merged`,
        html: html === null ? null : resolve(io.cwd, html),
        markdown: markdown === null ? null : resolve(io.cwd, markdown)
      });
    const { verdict } = judgement;
    if (args.values.json === true) {
      const { results: _results, selected: _selected, ...rest } = merged;
      writeJson(io, {
        ...rest,
        records: merged.results.tests.length,
        counts: merged.results.counts,
        verdict: { ...verdict, failed: verdict.result !== "pass" }
      });
    } else io.stdout.write(`${renderMergeText(merged)}${verdict.result.toUpperCase()}: ${verdict.reason}
`);
    for (const p of [...baseline?.damage ?? [], ...damage]) io.stderr.write(`tempest-gate merge: ${p}
`);
    return verdict.exitCode;
  }
};
export {
  mergeCommand
};
