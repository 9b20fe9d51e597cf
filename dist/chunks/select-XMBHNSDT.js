import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  DEFAULT_RULES_FILE,
  selectStage
} from "./chunk-RGHY52AG.js";
import "./chunk-5O3VW5PT.js";
import {
  renderShardPlanText
} from "./chunk-YYL6EWH6.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-6Z2THX75.js";
import {
  flag,
  str,
  wholeOption,
  writeJson
} from "./chunk-FDIOAVOA.js";
import "./chunk-ER65E557.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-FYXSTOGF.js";
import "./chunk-X4FZVZJY.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-P2FODZ67.js";
import "./chunk-6K5OT3X4.js";
import "./chunk-MBFZYV6M.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-DWO264YH.js";
import "./chunk-AOIPOV6R.js";
import {
  createGitHubClient
} from "./chunk-L7QYIRYK.js";
import "./chunk-WEZUQMLQ.js";
import "./chunk-7X7P2LP7.js";
import {
  EXIT,
  usageError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/cli/commands/select.ts
import { resolve } from "node:path";

// src/core/select/explain.ts
function shellQuote(arg) {
  return /^[\w./=:,@+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
function renderSelectText(result, options = {}) {
  const out = [];
  out.push(`select: ${result.summary}`);
  if (result.conclusion === "skip") out.push("  the gate is neutral: nothing runs, nothing fails");
  for (const [i, r] of result.run.entries()) {
    out.push(`  run ${i + 1}: tempest run ${r.args.map(shellQuote).join(" ")}   (${r.count} tests)`);
  }
  out.push("", "rules:");
  for (const rule of result.rules) {
    const mark = rule.fired ? "+" : "-";
    const what = rule.fired ? ` -> ${rule.selected} tests` : "";
    const preset = rule.preset ? ` [preset ${rule.preset}]` : "";
    out.push(`  ${mark} ${rule.name}${preset}: ${rule.reason}${what}`);
    if (!rule.fired) continue;
    rule.steps.forEach((s, i) => {
      const attrs = [...s.attrs.map((a) => `attr ${a}`), ...s.excludeAttrs.map((a) => `not attr ${a}`)];
      const args = s.args.length ? s.args.map(shellQuote).join(" ") : "(all tests)";
      out.push(`      step ${i + 1}: ${args}${attrs.length ? ` [${attrs.join(", ")}]` : ""}: ${s.selected} selected`);
      for (const e of s.excluded) out.push(`        excluded ${e.count} by ${e.by} '${e.pattern}'`);
    });
  }
  if (options.explain && result.explanation) {
    out.push("", "tests:");
    for (const t of result.explanation) {
      const why = t.chosenBy.map((c) => `${c.rule} step ${c.step}${c.filter ? ` by ${c.filter}` : " (no filter: every test)"}${c.file ? ` for ${c.file}` : ""}`).join("; ");
      out.push(`  ${t.test}  [${t.serial ? "serial" : "parallel"}] <- ${why}`);
    }
  }
  return `${out.join("\n")}
`;
}

// src/cli/commands/select.ts
function changeFromArgs(args, io) {
  const sources = ["files", "git", "pr"].filter((k) => str(args, k) !== void 0);
  if (sources.length !== 1) throw usageError("give the change as exactly one of --files FILE|-, --git BASE...HEAD or --pr OWNER/REPO#N");
  const files = str(args, "files");
  if (files !== void 0) return { files, stdin: io.stdin };
  const range = str(args, "git");
  if (range !== void 0) return { git: range };
  const pr = str(args, "pr");
  const m = /^([\w.-]+)\/([\w.-]+)#(\d+)$/.exec(pr);
  if (!m) throw usageError(`--pr expects OWNER/REPO#NUMBER, not '${pr}'`);
  const token = io.env.GITHUB_TOKEN;
  if (!token) throw usageError("--pr needs a token in GITHUB_TOKEN");
  const github = createGitHubClient({ token, baseUrl: io.env.GITHUB_API_URL || "https://api.github.com" });
  return { pullRequest: { owner: m[1], repo: m[2], number: Number(m[3]) }, github };
}
var selectCommand = {
  name: "select",
  summary: "Select the Tempest tests a change needs (Zuul file filters, stestr selection) and explain why.",
  usage: "(--files FILE|- | --git BASE...HEAD | --pr OWNER/REPO#N) (--test-list FILE | --workspace DIR) [--rules FILE | --preset NAME] [--explain] [--shards K [--shard-index I] --baseline FILE [--split-classes]]",
  options: {
    rules: { type: "string" },
    preset: { type: "string" },
    files: { type: "string" },
    git: { type: "string" },
    pr: { type: "string" },
    repo: { type: "string" },
    "test-list": { type: "string" },
    workspace: { type: "string" },
    "list-command": { type: "string" },
    explain: { type: "boolean" },
    "write-lists": { type: "string" },
    shards: { type: "string" },
    "shard-index": { type: "string" },
    baseline: { type: "string" },
    "split-classes": { type: "boolean" }
  },
  help: `The change (exactly one):
      --files FILE|-       changed paths, one per line ('-' reads standard input)
      --git RANGE          git diff --name-status BASE...HEAD in --repo (renames count both paths)
      --pr OWNER/REPO#N    the pull request's files via the GitHub API (token in GITHUB_TOKEN,
                           GITHUB_API_URL for GitHub Enterprise)
The tests (one; the rules' test-list is the fallback):
      --test-list FILE     a cached list, one id per line as 'stestr list' prints them
      --workspace DIR      run 'stestr list' in a Tempest workspace
      --list-command CMD   with --workspace: the listing command instead, split at spaces
                           (e.g. 'tempest run --list-tests')
The rules:
      --rules FILE         the rules file (default: ${DEFAULT_RULES_FILE} in --repo; without one, a
                           service repository (GITHUB_REPOSITORY's name, else --repo's directory
                           name: nova, neutron, ...) gets its default preset)
      --preset NAME        without a rules file: a service's default rules (nova, neutron, cinder,
                           glance, swift, placement, devstack, tempest) or a Tempest tox env that
                           then runs for every change (integrated-compute, full, smoke, ...)
      --repo DIR           the repository the paths are relative to (default: current directory)
Shards (one job or machine each, balanced by the baseline's durations; docs/select.md):
      --shards K           split the selection into K shards (classes and the serial tests stay whole)
      --shard-index I      this job's shard, 0..K-1: --write-lists writes only its lists
      --baseline FILE      the durations: a tempest-gate baseline JSON, a results JSON or a result
                           file (subunit, JUnit)
      --split-classes      let a class longer than total/K be split (its fixtures run again)
Output:
      --explain            for each selected test, the rule, step, regex and changed file that chose it
      --write-lists DIR    write parallel-include-list.txt and serial-include-list.txt for 'tempest run'
                           (--shards without --shard-index: DIR/shard-N/ for every shard)
      --json               the selection as JSON (docs/select.md)
Exit codes:
  0  selected (tests to run, or nothing to run: see "conclusion", a neutral gate)
  2  usage error, an unknown --preset NAME among them (the known names are listed)
  3  bad input: a malformed rules file (an unknown preset in it too), an invalid regex or an
     unreadable list, named with file, line and column; a --git range git cannot diff (an
     unknown revision, not a repository); nothing is selected
  4  the GitHub API failed (--pr)`,
  async run(args, io) {
    if (args.positionals.length) throw usageError(`unexpected argument '${args.positionals[0]}'`);
    const repo = resolve(io.cwd, str(args, "repo") ?? ".");
    const rulesArg = str(args, "rules");
    const preset = str(args, "preset");
    if (rulesArg !== void 0 && preset !== void 0) throw usageError("give --rules or --preset, not both (a rules file can name a preset itself)");
    const rules = preset !== void 0 ? { preset } : rulesArg !== void 0 ? { file: resolve(io.cwd, rulesArg) } : { default: { serviceName: io.env.GITHUB_REPOSITORY?.split("/").pop() ?? "" } };
    const testListArg = str(args, "test-list");
    const workspace = str(args, "workspace");
    if (testListArg !== void 0 && workspace !== void 0) throw usageError("give --test-list or --workspace, not both");
    if (str(args, "list-command") !== void 0 && workspace === void 0) throw usageError("--list-command needs --workspace");
    const tests = testListArg !== void 0 ? { list: resolve(io.cwd, testListArg) } : workspace !== void 0 ? { workspace: resolve(io.cwd, workspace), command: str(args, "list-command")?.split(/\s+/).filter(Boolean) } : "rules";
    const explain = flag(args, "explain");
    const listsDir = str(args, "write-lists");
    const count = wholeOption(args, "shards", { min: 1, fallback: null });
    const index = wholeOption(args, "shard-index", { min: 0, fallback: null });
    const baseline = str(args, "baseline");
    if (count === null && (index !== null || baseline !== void 0 || flag(args, "split-classes")))
      throw usageError("--shard-index, --baseline and --split-classes need --shards K");
    if (count !== null && index !== null && index >= count) throw usageError(`--shard-index must be below --shards (0..${count - 1}), not ${index}`);
    if (count !== null && baseline === void 0) throw usageError("--shards needs --baseline FILE (the durations to balance by)");
    const { result, shards } = await selectStage({
      change: changeFromArgs(args, io),
      repo,
      rules,
      tests,
      explain,
      writeLists: listsDir === void 0 ? null : resolve(io.cwd, listsDir),
      shards: count === null ? null : { count, index, baseline: resolve(io.cwd, baseline), splitClasses: flag(args, "split-classes") }
    });
    if (flag(args, "json")) writeJson(io, shards ? { ...result, shards, shardIndex: index } : result);
    else io.stdout.write(renderSelectText(result, { explain }) + (shards ? renderShardPlanText(shards, index) : ""));
    return EXIT.ok;
  }
};
export {
  selectCommand
};
