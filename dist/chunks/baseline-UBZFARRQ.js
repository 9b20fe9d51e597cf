import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  CONTEXT_HELP,
  CONTEXT_OPTIONS,
  baselineFromArgs,
  contextFromArgs,
  emit,
  failOnFrom,
  githubFromEnv,
  outputFormat,
  todayUtc
} from "./chunk-JCV6S2XB.js";
import {
  escapeHtml
} from "./chunk-C2PR4P7J.js";
import {
  historyToPromote,
  orProblem,
  promoteBaseline
} from "./chunk-FA5S5BMI.js";
import "./chunk-74PQCRED.js";
import {
  loadRuns
} from "./chunk-ISIXVUSD.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-6Z2THX75.js";
import {
  str,
  strs,
  wholeOption,
  writeJson
} from "./chunk-FDIOAVOA.js";
import {
  DEFAULT_STORE,
  checkName,
  openStore
} from "./chunk-X7KFTTWK.js";
import {
  compareRuns,
  describeChange,
  fmtSeconds,
  mdText
} from "./chunk-X4FZVZJY.js";
import "./chunk-JTCS6GEG.js";
import {
  writeOutput
} from "./chunk-P2FODZ67.js";
import {
  cellOutcome,
  emptyBaseline,
  historyOfBaseline,
  mergeBaselines,
  summarizeRuns,
  toBaseline
} from "./chunk-6K5OT3X4.js";
import "./chunk-MBFZYV6M.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-AOIPOV6R.js";
import {
  EXIT,
  usageError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/core/render/history-text.ts
var LETTER = { absent: ".", pass: "P", fail: "F", skip: "S", unfinished: "U", flaky: "R" };
function historyView(history, source, keep) {
  const runs = history.runs.map((r) => {
    const row = { created: r.created, context: r.context, passed: 0, failed: 0, skipped: 0, unfinished: 0, flaky: 0 };
    for (const cell2 of r.cells) {
      const o = cellOutcome(cell2);
      if (o === "pass") row.passed++;
      else if (o === "fail") row.failed++;
      else if (o === "skip") row.skipped++;
      else if (o === "unfinished") row.unfinished++;
      else if (o === "flaky") row.flaky++;
    }
    return row;
  });
  const changing = [];
  history.tests.forEach((t, i) => {
    let passes = 0;
    let bad = 0;
    let letters = "";
    for (const r of history.runs) {
      const o = cellOutcome(r.cells[i] ?? 0);
      letters += LETTER[o];
      if (o === "pass") passes++;
      else if (o === "fail" || o === "unfinished") bad++;
      else if (o === "flaky") {
        passes++;
        bad++;
      }
    }
    if (bad === 0) return;
    changing.push({ name: t.name, passRate: passes + bad === 0 ? null : passes / (passes + bad), outcomes: letters, kind: passes > 0 ? "flaky" : "failing" });
  });
  changing.sort((a, b) => a.kind !== b.kind ? a.kind === "flaky" ? -1 : 1 : (a.passRate ?? 0) - (b.passRate ?? 0) || (a.name < b.name ? -1 : 1));
  return { source, keep, tests: history.tests.length, runs, changing };
}
function pct(rate) {
  return rate === null ? "n/a" : `${Math.round(rate * 100)}%`;
}
function renderHistoryText(view, options = {}) {
  const max = options.max ?? 30;
  const n = view.runs.length;
  const lines = [
    `${view.source}: ${view.tests} tests, history of ${n} run${n === 1 ? "" : "s"}${view.keep !== null ? ` (keeps the newest ${view.keep})` : ""}, oldest first`
  ];
  view.runs.forEach((r, k) => {
    const where = [
      r.context.commit ? `commit ${r.context.commit.slice(0, 12)}` : "",
      r.context.branch ?? "",
      r.context.tempestVersion ? `tempest ${r.context.tempestVersion}` : ""
    ].filter(Boolean).join(", ");
    lines.push(
      `  ${String(k + 1).padStart(2)}  ${r.created}  ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.unfinished ? `, ${r.unfinished} never finished` : ""}${r.flaky ? `, ${r.flaky} flaky in the run` : ""}${where ? `  (${where})` : ""}`
    );
  });
  const flaky = view.changing.filter((t) => t.kind === "flaky");
  const failing = view.changing.filter((t) => t.kind === "failing");
  lines.push(
    flaky.length ? `Flaky over the history (${flaky.length}): pass rate, outcomes oldest to newest (P pass, F fail, R flaky in the run, . absent)` : "No test both passed and failed over the history."
  );
  for (const t of flaky.slice(0, max)) lines.push(`  ${pct(t.passRate).padStart(4)}  ${t.outcomes}  ${t.name}`);
  if (flaky.length > max) lines.push(`  \u2026 and ${flaky.length - max} more flaky`);
  if (failing.length) lines.push(`Failing in every run it ran (${failing.length}):`);
  for (const t of failing.slice(0, max)) lines.push(`        ${t.outcomes}  ${t.name}`);
  if (failing.length > max) lines.push(`  \u2026 and ${failing.length - max} more failing`);
  return `${lines.join("\n")}
`;
}

// src/core/render/baseline-diff.ts
var BASELINE_DIFF_SCHEMA = "tempest-gate/baseline-diff@1";
var ORDER = ["regression", "never-finished", "new", "still-failing", "flaky", "fix", "skip-change", "removed", "slower", "faster"];
function rateOf(t) {
  if (!t) return null;
  return t.passes + t.failures + t.unfinished > 1 ? t.passRate : null;
}
function sideBySide(diff, sides) {
  const olderBy = new Map(sides.older.tests.map((t) => [t.name, t]));
  const newerBy = new Map(sides.newer.tests.map((t) => [t.name, t]));
  const lists = [
    diff.regressions,
    diff.neverFinished,
    diff.newFailing,
    diff.stillFailing,
    diff.flaky,
    diff.fixes,
    diff.skipChanges,
    diff.removed,
    diff.durations
  ];
  const rows = [];
  for (const list of lists) {
    for (const c2 of list) {
      const o = olderBy.get(c2.renamedFrom ?? c2.name);
      const n = newerBy.get(c2.name);
      rows.push({
        name: c2.name,
        kind: c2.kind,
        older: { outcome: c2.before, passRate: rateOf(o), duration: c2.durationBefore },
        newer: { outcome: c2.after, passRate: rateOf(n), duration: c2.durationAfter },
        change: describeChange(c2).replace(/the baseline's runs/g, `${sides.older.name}'s runs`).replace(/ in the baseline\b/g, ` in ${sides.older.name}`).replace(/\bnot in this run\b/g, `not in ${sides.newer.name}`).replace(/ now\b/g, ` in ${sides.newer.name}`)
      });
    }
  }
  rows.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.name < b.name ? -1 : 1));
  const c = diff.counts;
  const bits = [
    `${c.regressions} regression${c.regressions === 1 ? "" : "s"}`,
    `${c.fixes} fix${c.fixes === 1 ? "" : "es"}`,
    c.newFailing ? `${c.newFailing} new failing` : "",
    c.flaky ? `${c.flaky} flaky` : "",
    c.skipChanges ? `${c.skipChanges} skip changes` : "",
    `${c.new} new`,
    `${c.removed} removed`,
    c.slower + c.faster ? `${c.slower} slower, ${c.faster} faster` : ""
  ].filter(Boolean);
  return {
    schema: BASELINE_DIFF_SCHEMA,
    older: { name: sides.older.name, source: sides.older.source, runs: sides.older.runs, tests: c.baseline },
    newer: { name: sides.newer.name, source: sides.newer.source, runs: sides.newer.runs, tests: c.run },
    summary: `${sides.newer.name} against ${sides.older.name}: ${bits.join(", ")} (${c.matched} tests in both)`,
    rows,
    diff
  };
}
function cell(s) {
  if (s.outcome === null) return "\u2014";
  const bits = [s.outcome];
  if (s.passRate !== null) bits.push(`${Math.round(s.passRate * 100)}%`);
  if (s.duration !== null) bits.push(fmtSeconds(s.duration));
  return bits.join(", ");
}
function renderSideBySideText(v, options = {}) {
  const max = options.max ?? 200;
  const side = (x) => `  ${x.name}: ${x.source}, ${x.tests} tests from ${x.runs} run${x.runs === 1 ? "" : "s"}`;
  const lines = [v.summary, side(v.older), side(v.newer)];
  if (v.rows.length === 0) return `${[...lines, "No test differs."].join("\n")}
`;
  const wOld = Math.max(v.older.name.length, ...v.rows.slice(0, max).map((r) => cell(r.older).length));
  const wNew = Math.max(v.newer.name.length, ...v.rows.slice(0, max).map((r) => cell(r.newer).length));
  lines.push("", `${"change".padEnd(15)} ${v.older.name.padEnd(wOld)}  ${v.newer.name.padEnd(wNew)}  test`);
  for (const r of v.rows.slice(0, max)) lines.push(`${r.kind.padEnd(15)} ${cell(r.older).padEnd(wOld)}  ${cell(r.newer).padEnd(wNew)}  ${r.name}`);
  if (v.rows.length > max) lines.push(`\u2026 and ${v.rows.length - max} more`);
  return `${lines.join("\n")}
`;
}
function mdCell(text) {
  return mdText(text).replace(/\|/g, "\\|");
}
function renderSideBySideMarkdown(v, options = {}) {
  const budget = options.budget ?? 6e4;
  const head = [
    `### Baselines: \`${mdText(v.newer.name)}\` against \`${mdText(v.older.name)}\``,
    "",
    mdText(v.summary),
    "",
    `| | ${mdCell(v.older.name)} | ${mdCell(v.newer.name)} |`,
    "| --- | --- | --- |",
    `| source | ${mdCell(v.older.source)} | ${mdCell(v.newer.source)} |`,
    `| tests | ${v.older.tests} | ${v.newer.tests} |`,
    `| runs | ${v.older.runs} | ${v.newer.runs} |`,
    ""
  ];
  if (v.rows.length === 0) return `${[...head, "No test differs."].join("\n")}
`;
  head.push(`| test | change | ${mdCell(v.older.name)} | ${mdCell(v.newer.name)} |`, "| --- | --- | --- | --- |");
  let out = `${head.join("\n")}
`;
  for (const [i, r] of v.rows.entries()) {
    const line = `| \`${r.name.replace(/`/g, "'")}\` | ${mdCell(r.change)} | ${mdCell(cell(r.older))} | ${mdCell(cell(r.newer))} |
`;
    const more = `
\u2026 and ${v.rows.length - i} more (see the JSON or HTML)
`;
    if (out.length + line.length + more.length + 40 > budget) return out + more;
    out += line;
  }
  return out;
}
var COLOR = { pass: "#1a7f37", fail: "#cf222e", flaky: "#9a6700", unfinished: "#9a6700", skip: "#57606a" };
function renderSideBySideHtml(v) {
  const td = (s) => `<td style="color:${COLOR[s.outcome ?? ""] ?? "#57606a"}">${escapeHtml(cell(s))}</td>`;
  const rows = v.rows.map(
    (r) => `<tr data-kind="${escapeHtml(r.kind)}"><td><code>${escapeHtml(r.name)}</code></td><td>${escapeHtml(r.change)}</td>${td(r.older)}${td(r.newer)}</tr>`
  ).join("\n");
  const title = `${v.newer.name} against ${v.older.name}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}code{font-size:12px}</style></head>
<body><h1>Baselines: ${escapeHtml(title)}</h1><p id="summary">${escapeHtml(v.summary)}</p>
<table id="sides"><tr><th></th><th>${escapeHtml(v.older.name)}</th><th>${escapeHtml(v.newer.name)}</th></tr>
<tr><td>source</td><td>${escapeHtml(v.older.source)}</td><td>${escapeHtml(v.newer.source)}</td></tr>
<tr><td>tests</td><td>${v.older.tests}</td><td>${v.newer.tests}</td></tr></table>
<h2>Tests that differ (${v.rows.length})</h2>
<p><input id="filter" type="search" placeholder="Filter tests by name" aria-label="Filter tests by name"></p>
<table id="tests"><thead><tr><th>test</th><th>change</th><th>${escapeHtml(v.older.name)}</th><th>${escapeHtml(v.newer.name)}</th></tr></thead><tbody>
${rows}
</tbody></table>
<script>document.getElementById('filter').addEventListener('input',function(e){var q=e.target.value.toLowerCase();document.querySelectorAll('#tests tbody tr').forEach(function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':''})})</script>
</body></html>
`;
}

// src/cli/commands/baseline.ts
var SUBCOMMANDS = ["create", "list", "show", "diff", "promote", "history"];
function baselineJson(b) {
  return `${JSON.stringify(toBaseline(b), null, 1)}
`;
}
async function buildBaseline(args, io) {
  const created = (/* @__PURE__ */ new Date()).toISOString();
  const files = strs(args, "results");
  const from = strs(args, "from");
  if (files.length === 0 && from.length === 0) throw usageError("give --results FILE (one or more runs) or --from BASELINE");
  const context = contextFromArgs(args);
  const parts = [];
  const damage = [];
  for (const ref of from) {
    const loaded = await orProblem(() => baselineFromArgs(ref, args, io, created), damage);
    if (loaded) parts.push(loaded.baseline);
    damage.push(...loaded?.damage ?? []);
  }
  if (files.length) {
    const runs = await loadRuns(files, io.stdin);
    damage.push(...runs.damage);
    parts.push(toBaseline(summarizeRuns(runs.runs, { created })));
  }
  const baseline = parts.length === 1 && from.length === 0 ? parts[0] : mergeBaselines(parts, { created });
  baseline.context = { ...baseline.context, ...context };
  baseline.created = created;
  return { baseline, damage };
}
async function promoteParts(args, io) {
  const created = (/* @__PURE__ */ new Date()).toISOString();
  const files = strs(args, "results");
  const from = strs(args, "from");
  if (files.length === 0 && from.length === 0) throw usageError("give --results FILE (one or more runs) or --from BASELINE");
  const added = [];
  const damage = [];
  for (const ref of from) {
    const loaded = await orProblem(() => baselineFromArgs(ref, args, io, created), damage);
    if (loaded) added.push(historyToPromote(loaded));
    damage.push(...loaded?.damage ?? []);
  }
  if (files.length) {
    const runs = await loadRuns(files, io.stdin);
    damage.push(...runs.damage);
    added.push(historyOfBaseline(toBaseline(summarizeRuns(runs.runs, { created, context: contextFromArgs(args) }))));
  }
  return { added, damage };
}
function showText(b, source, kept = null) {
  const count = (o) => b.tests.filter((t) => t.outcome === o).length;
  const ctx = Object.entries(b.context).filter(([, v]) => v !== null).map(([k, v]) => `${k} ${v}`).join(", ");
  const lines = [
    `${source}: ${b.schema}, ${b.tests.length} tests from ${b.runs} run${b.runs === 1 ? "" : "s"}, made ${b.created}`,
    `  context: ${ctx || "none recorded"}`,
    ...kept ? [
      `  history: ${kept.runs} run${kept.runs === 1 ? "" : "s"} kept${kept.keep !== null ? ` (keeps ${kept.keep})` : ""}: pass rates and flaky tests over them ('baseline history')`
    ] : [],
    `  ${count("pass")} pass, ${count("fail")} fail, ${count("flaky")} flaky, ${count("skip")} skip, ${count("unfinished")} never finished`
  ];
  const flaky = b.tests.filter((t) => t.outcome === "flaky");
  for (const t of flaky.slice(0, 20))
    lines.push(`  flaky ${t.name} (pass rate ${Math.round((t.passRate ?? 0) * 100)}%, ${t.passes}/${t.passes + t.failures + t.unfinished})`);
  if (flaky.length > 20) lines.push(`  \u2026 and ${flaky.length - 20} more flaky`);
  for (const t of b.tests.filter((x) => x.outcome === "fail").slice(0, 20)) lines.push(`  fail ${t.name}`);
  return `${lines.join("\n")}
`;
}
function finish(damage, io) {
  for (const d of damage) io.stderr.write(`tempest-gate baseline: ${d}
`);
  return damage.length ? EXIT.badInput : EXIT.ok;
}
var baselineCommand = {
  name: "baseline",
  summary: "Make, list, show, diff and promote baselines (the reference results of a branch or release).",
  usage: "<create|list|show|diff|promote|history> [arguments] [options]",
  allowPositionals: true,
  options: {
    results: { type: "string", short: "r", multiple: true },
    from: { type: "string", multiple: true },
    output: { type: "string", short: "o" },
    store: { type: "string" },
    repo: { type: "string" },
    push: { type: "string" },
    message: { type: "string", short: "m" },
    to: { type: "string" },
    budget: { type: "string" },
    "fail-on": { type: "string" },
    today: { type: "string" },
    keep: { type: "string" },
    history: { type: "string" },
    html: { type: "string" },
    ...CONTEXT_OPTIONS
  },
  help: `Subcommands:
  create --results FILE... [--from REF...] [-o FILE]
                         make a baseline (tempest-gate/baseline@1 JSON, docs/compare.md) from one or
                         more runs; a test that passed in one and failed in another is flaky, with
                         its pass rate. Written to standard output unless -o.
  list                   the baselines in --store
  show REF               a baseline's context, counts and flaky tests (--json: the baseline itself)
  diff OLD NEW           OLD and NEW side by side, per test that differs, each named as given (e.g.
                         diff stable/2025.2 master); --to text, markdown (the job summary) or json,
                         --html FILE for a page; reports only unless --fail-on is given
  promote NAME (--results FILE... | --from REF...) [--keep N] [--push REMOTE] [-m MESSAGE] [-o FILE]
                         add a run to NAME's history (a branch or release: master, stable/2025.2) in
                         --store and keep its newest N runs (default: what the store kept, else 30);
                         the --results of one promote are one run (a rerun makes its tests flaky),
                         --from adds a baseline's own history. Pass rates and flaky tests come from
                         the history. Git stores: commits baselines/NAME.json (compact encoding) to
                         the store branch without touching your work tree, then pushes it if --push.
                         -o FILE writes the new baseline there instead (an artifact store's next
                         artifact, read from --store artifact:NAME)
  history NAME           NAME's kept runs and the tests flaky or failing over them (--json)
A REF is a file (baseline JSON, results JSON or a result stream), git:BRANCH:NAME, or a NAME in --store.
Options:
      --store SPEC       git:BRANCH (default git:tempest-baselines) or dir:PATH
      --repo DIR         the git repository (default: the current directory)
      --history N        show, diff, history: judge by the newest N runs of a stored history only
${CONTEXT_HELP}
Exit codes:
  0  done (diff: also when tests changed, unless --fail-on says otherwise)
  1  diff with --fail-on: the newer baseline fails the policy against the older
  2  usage error
  3  an input could not be read whole (what was readable is still used and reported), or does
     not exist (no such file, store branch or name in the store)
  4  git itself failed (not installed, a git command or the push refused)`,
  async run(args, io) {
    const [sub, ...rest] = args.positionals;
    if (sub === void 0) throw usageError(`missing subcommand: ${SUBCOMMANDS.join(", ")} (see --help)`);
    const repo = str(args, "repo") ?? io.cwd;
    const storeSpec = str(args, "store") ?? DEFAULT_STORE;
    const tooMany = (n) => {
      if (rest.length > n) throw usageError(`unexpected argument '${rest[n]}'`);
    };
    switch (sub) {
      case "create": {
        tooMany(0);
        const { baseline, damage } = await buildBaseline(args, io);
        await emit(baselineJson(baseline), args, io);
        return finish(damage, io);
      }
      case "list": {
        tooMany(0);
        const list = await openStore(storeSpec, repo, githubFromEnv(io.env)).list();
        if (args.values.json === true) writeJson(io, list);
        else io.stdout.write(list.length ? `${list.map((b) => `${b.name}	${b.source}`).join("\n")}
` : `no baselines in ${storeSpec}
`);
        return EXIT.ok;
      }
      case "show": {
        tooMany(1);
        const ref = rest[0];
        if (ref === void 0) throw usageError("baseline show needs a REF");
        const unread = [];
        const loaded = await orProblem(() => baselineFromArgs(ref, args, io, (/* @__PURE__ */ new Date()).toISOString()), unread);
        if (loaded === null) return finish(unread, io);
        if (args.values.json === true) writeJson(io, toBaseline(loaded.baseline));
        else io.stdout.write(showText(loaded.baseline, loaded.source, loaded.history ? { runs: loaded.history.runs.length, keep: loaded.keep ?? null } : null));
        return finish(loaded.damage, io);
      }
      case "diff": {
        tooMany(2);
        const [older, newer] = rest;
        if (older === void 0 || newer === void 0) throw usageError("baseline diff needs OLD and NEW");
        const now = (/* @__PURE__ */ new Date()).toISOString();
        const unread = [];
        const side = async (ref) => await orProblem(() => baselineFromArgs(ref, args, io, now), unread) ?? { baseline: emptyBaseline(now), source: ref, damage: [] };
        const a = await side(older);
        const b = await side(newer);
        const diff = compareRuns(
          a.baseline,
          { ...b.baseline, details: {} },
          {
            failOn: failOnFrom(args, "never"),
            today: todayUtc(args),
            baselineLabel: a.source,
            runLabel: b.source
          }
        );
        const view = sideBySide(diff, {
          older: { name: older, source: a.source, runs: a.baseline.runs, tests: a.baseline.tests },
          newer: { name: newer, source: b.source, runs: b.baseline.runs, tests: b.baseline.tests }
        });
        const to = outputFormat(args);
        const budget = wholeOption(args, "budget", { min: 200, fallback: 6e4 });
        await emit(
          to === "json" ? `${JSON.stringify(view, null, 2)}
` : to === "markdown" ? renderSideBySideMarkdown(view, { budget }) : renderSideBySideText(view),
          args,
          io
        );
        const html = str(args, "html");
        if (html !== void 0) await writeOutput(html, renderSideBySideHtml(view));
        const code = finish([...unread, ...a.damage, ...b.damage], io);
        return code !== EXIT.ok ? code : diff.verdict.failed ? EXIT.gateFailed : EXIT.ok;
      }
      case "promote": {
        tooMany(1);
        const name = rest[0];
        if (name === void 0) throw usageError("baseline promote needs a NAME (a branch or release, e.g. master)");
        checkName(name);
        const { added, damage } = await promoteParts(args, io);
        if (damage.length) {
          for (const d of damage) io.stderr.write(`tempest-gate baseline: ${d}
`);
          io.stderr.write("tempest-gate baseline: not promoted: an input was damaged\n");
          return EXIT.badInput;
        }
        const p = await promoteBaseline({
          name,
          store: storeSpec,
          repo,
          github: githubFromEnv(io.env),
          log: (line) => io.stderr.write(`${line}
`),
          added,
          keep: wholeOption(args, "keep", { min: 1, fallback: null }),
          created: (/* @__PURE__ */ new Date()).toISOString(),
          message: str(args, "message"),
          output: str(args, "output"),
          push: str(args, "push")
        });
        const runs = p.history.runs.length;
        if (args.values.json === true)
          writeJson(io, { name, store: p.store, written: p.written, tests: p.baseline.tests.length, runs, keep: p.keep, dropped: p.dropped });
        else
          io.stdout.write(
            `promoted ${name} to ${p.store} (${p.written}): ${p.baseline.tests.length} tests, history of ${runs} run${runs === 1 ? "" : "s"} (keeps ${p.keep}${p.dropped ? `, ${p.dropped} older let go` : ""})
`
          );
        return EXIT.ok;
      }
      case "history": {
        tooMany(1);
        const ref = rest[0];
        if (ref === void 0) throw usageError("baseline history needs a NAME (or any REF)");
        const unread = [];
        const loaded = await orProblem(() => baselineFromArgs(ref, args, io, (/* @__PURE__ */ new Date()).toISOString()), unread);
        if (loaded === null) return finish(unread, io);
        const view = historyView(loaded.history ?? historyOfBaseline(loaded.baseline), loaded.source, loaded.keep ?? null);
        if (args.values.json === true) writeJson(io, view);
        else io.stdout.write(renderHistoryText(view));
        return finish(loaded.damage, io);
      }
      default:
        throw usageError(`unknown subcommand '${sub}' (known: ${SUBCOMMANDS.join(", ")})`);
    }
  }
};
export {
  baselineCommand
};
