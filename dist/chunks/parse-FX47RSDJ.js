import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  damageLine,
  junitFile,
  resultsJsonFile,
  summarizeFile,
  writeResultsJsonFile
} from "./chunk-ISIXVUSD.js";
import {
  flag,
  str
} from "./chunk-FDIOAVOA.js";
import {
  writeOutput
} from "./chunk-P2FODZ67.js";
import "./chunk-MBFZYV6M.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-AOIPOV6R.js";
import {
  EXIT,
  usageError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

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
function renderResultsText(summary, options) {
  const { counts, workers, problems } = summary;
  const span = summary.start && summary.stop ? (Date.parse(summary.stop) - Date.parse(summary.start)) / 1e3 : null;
  const lines = [];
  lines.push(
    `${options.source}: ${summary.format}, ${summary.total} tests` + (span !== null ? ` in ${seconds(span)}` : "") + (workers ? ` on ${workers} worker${workers === 1 ? "" : "s"}` : "")
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
  const max = options.maxProblems ?? 20;
  for (const t of problems.slice(0, max)) lines.push(...problem(t));
  if (problems.length > max) lines.push(`\u2026 and ${problems.length - max} more`);
  for (const d of summary.damage.slice(0, 10)) lines.push(`DAMAGED at byte ${d.offset}${d.line ? ` (line ${d.line})` : ""}: ${d.message}`);
  if (summary.damage.length > 10) lines.push(`\u2026 and ${summary.damage.length - 10} more damaged regions`);
  return `${lines.join("\n")}
`;
}

// src/cli/commands/parse.ts
var FORMATS = ["json", "junit", "text"];
var INPUT_FORMATS = ["subunit-v2", "subunit-v1", "junit"];
var parseCommand = {
  name: "parse",
  summary: "Read a subunit v2, subunit v1 or JUnit XML result file and summarise or convert it.",
  usage: "<file|-> [--to json|junit|text] [--from FORMAT] [--output FILE]",
  allowPositionals: true,
  options: {
    to: { type: "string" },
    from: { type: "string" },
    output: { type: "string", short: "o" },
    attachments: { type: "string" },
    "attachment-cap": { type: "string" }
  },
  help: `Arguments:
  <file|->                 the result file; '-' reads standard input. The format is detected:
                           subunit v2 (binary), subunit v1 (text, as .stestr/N keeps it), JUnit XML.
Options:
      --to FORMAT          json (the documented results shape, docs/results-json.md), junit
                           (JUnit XML as Debian's subunit2junitxml writes it) or text
                           (default: text, or json with --json)
      --from FORMAT        read the input as subunit-v2, subunit-v1 or junit instead of detecting it
  -o, --output FILE        write the output to FILE instead of standard output
      --attachments WHICH  whose attachment text to keep: failures (default), all, none
      --attachment-cap N   bytes kept per attachment (default 1048576); the rest is counted
Exit codes:
  0  read the whole input (failing tests do not change this)
  2  usage error
  3  the input was damaged or unreadable: what was good is still written, and one line on
     standard error names the file and the place of the first damage (line and byte offset
     for subunit v1 and JUnit XML, byte offset for subunit v2)`,
  async run(args, io) {
    const [file, ...extra] = args.positionals;
    if (file === void 0) throw usageError("missing <file|-> (see --help)");
    if (extra.length) throw usageError(`unexpected argument '${extra[0]}'`);
    const to = str(args, "to") ?? (flag(args, "json") ? "json" : "text");
    if (!FORMATS.includes(to)) throw usageError(`--to must be one of ${FORMATS.join(", ")}, not '${to}'`);
    const from = str(args, "from");
    const inputFormat = INPUT_FORMATS.find((f) => f === from);
    if (from !== void 0 && inputFormat === void 0) throw usageError(`--from must be one of ${INPUT_FORMATS.join(", ")}, not '${from}'`);
    const keep = str(args, "attachments") ?? "failures";
    if (keep !== "all" && keep !== "failures" && keep !== "none") throw usageError(`--attachments must be all, failures or none, not '${keep}'`);
    const capText = str(args, "attachment-cap") ?? "1048576";
    const cap = Number(capText);
    if (!Number.isInteger(cap) || cap < 0) throw usageError(`--attachment-cap must be a whole number of bytes, not '${capText}'`);
    const source = file === "-" ? "<stdin>" : file;
    const output = str(args, "output");
    let out;
    let results;
    if (to === "text") {
      results = await summarizeFile(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat });
      out = renderResultsText(results, { source });
    } else {
      const written = to === "json" && output ? await writeResultsJsonFile(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat }, output) : null;
      if (written) {
        results = written;
        out = null;
      } else {
        const doc = await (to === "json" ? resultsJsonFile : junitFile)(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat });
        results = doc.summary;
        out = output ? doc.transientPieces : doc.pieces;
      }
    }
    if (out !== null) {
      if (output) await writeOutput(output, out);
      else if (typeof out === "string") io.stdout.write(out);
      else for (const piece of out) io.stdout.write(piece);
    }
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
  parseCommand
};
