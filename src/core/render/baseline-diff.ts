// `baseline diff OLD NEW` for the release manager deciding a cut: two baselines side by side, per
// test that differs, each side named by its own name (stable/2025.2, master), never "the run".
// Text, Markdown (the job summary, within a budget), JSON and a self-contained HTML page. Pure.
import type { BaselineTest, CompareDiff, Outcome, TestChange } from '../compare/model.ts';
import { describeChange, fmtSeconds } from './compare-sections.ts';
import { escapeHtml } from './report-html.ts';
import { mdText } from './compare-markdown.ts';

export const BASELINE_DIFF_SCHEMA = 'tempest-gate/baseline-diff@1';

export interface SideCell {
  outcome: Outcome | null;
  /** Over that side's runs, when it merged several. */
  passRate: number | null;
  duration: number | null;
}

export interface SideBySideRow {
  name: string;
  kind: TestChange['kind'];
  older: SideCell;
  newer: SideCell;
  /** What changed, in words. */
  change: string;
}

export interface SideBySide {
  schema: typeof BASELINE_DIFF_SCHEMA;
  older: { name: string; source: string; runs: number; tests: number };
  newer: { name: string; source: string; runs: number; tests: number };
  /** One line: what changed from older to newer. */
  summary: string;
  rows: SideBySideRow[];
  /** The comparison itself (counts, verdict, every list), as `compare --json` gives it. */
  diff: CompareDiff;
}

/** Most telling first: what the newer side broke, then what it fixed, then the rest. */
const ORDER: TestChange['kind'][] = ['regression', 'never-finished', 'new', 'still-failing', 'flaky', 'fix', 'skip-change', 'removed', 'slower', 'faster'];

function rateOf(t: BaselineTest | undefined): number | null {
  if (!t) return null;
  return t.passes + t.failures + t.unfinished > 1 ? t.passRate : null;
}

export function sideBySide(
  diff: CompareDiff,
  sides: {
    older: { name: string; source: string; runs: number; tests: readonly BaselineTest[] };
    newer: { name: string; source: string; runs: number; tests: readonly BaselineTest[] };
  },
): SideBySide {
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
    diff.durations,
  ];
  const rows: SideBySideRow[] = [];
  for (const list of lists) {
    for (const c of list) {
      const o = olderBy.get(c.renamedFrom ?? c.name);
      const n = newerBy.get(c.name);
      rows.push({
        name: c.name,
        kind: c.kind,
        older: { outcome: c.before, passRate: rateOf(o), duration: c.durationBefore },
        newer: { outcome: c.after, passRate: rateOf(n), duration: c.durationAfter },
        change: describeChange(c)
          .replace(/the baseline's runs/g, `${sides.older.name}'s runs`)
          .replace(/ in the baseline\b/g, ` in ${sides.older.name}`)
          .replace(/\bnot in this run\b/g, `not in ${sides.newer.name}`)
          .replace(/ now\b/g, ` in ${sides.newer.name}`),
      });
    }
  }
  rows.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.name < b.name ? -1 : 1));
  const c = diff.counts;
  const bits = [
    `${c.regressions} regression${c.regressions === 1 ? '' : 's'}`,
    `${c.fixes} fix${c.fixes === 1 ? '' : 'es'}`,
    c.newFailing ? `${c.newFailing} new failing` : '',
    c.flaky ? `${c.flaky} flaky` : '',
    c.skipChanges ? `${c.skipChanges} skip changes` : '',
    `${c.new} new`,
    `${c.removed} removed`,
    c.slower + c.faster ? `${c.slower} slower, ${c.faster} faster` : '',
  ].filter(Boolean);
  return {
    schema: BASELINE_DIFF_SCHEMA,
    older: { name: sides.older.name, source: sides.older.source, runs: sides.older.runs, tests: c.baseline },
    newer: { name: sides.newer.name, source: sides.newer.source, runs: sides.newer.runs, tests: c.run },
    summary: `${sides.newer.name} against ${sides.older.name}: ${bits.join(', ')} (${c.matched} tests in both)`,
    rows,
    diff,
  };
}

function cell(s: SideCell): string {
  if (s.outcome === null) return '—';
  const bits: string[] = [s.outcome];
  if (s.passRate !== null) bits.push(`${Math.round(s.passRate * 100)}%`);
  if (s.duration !== null) bits.push(fmtSeconds(s.duration));
  return bits.join(', ');
}

export function renderSideBySideText(v: SideBySide, options: { max?: number } = {}): string {
  const max = options.max ?? 200;
  const side = (x: SideBySide['older']): string => `  ${x.name}: ${x.source}, ${x.tests} tests from ${x.runs} run${x.runs === 1 ? '' : 's'}`;
  const lines = [v.summary, side(v.older), side(v.newer)];
  if (v.rows.length === 0) return `${[...lines, 'No test differs.'].join('\n')}\n`;
  const wOld = Math.max(v.older.name.length, ...v.rows.slice(0, max).map((r) => cell(r.older).length));
  const wNew = Math.max(v.newer.name.length, ...v.rows.slice(0, max).map((r) => cell(r.newer).length));
  lines.push('', `${'change'.padEnd(15)} ${v.older.name.padEnd(wOld)}  ${v.newer.name.padEnd(wNew)}  test`);
  for (const r of v.rows.slice(0, max)) lines.push(`${r.kind.padEnd(15)} ${cell(r.older).padEnd(wOld)}  ${cell(r.newer).padEnd(wNew)}  ${r.name}`);
  if (v.rows.length > max) lines.push(`… and ${v.rows.length - max} more`);
  return `${lines.join('\n')}\n`;
}

function mdCell(text: string): string {
  return mdText(text).replace(/\|/g, '\\|');
}

/** Markdown for the job summary; never longer than `budget` characters (default 60,000). */
export function renderSideBySideMarkdown(v: SideBySide, options: { budget?: number } = {}): string {
  const budget = options.budget ?? 60_000;
  const head = [
    `### Baselines: \`${mdText(v.newer.name)}\` against \`${mdText(v.older.name)}\``,
    '',
    mdText(v.summary),
    '',
    `| | ${mdCell(v.older.name)} | ${mdCell(v.newer.name)} |`,
    '| --- | --- | --- |',
    `| source | ${mdCell(v.older.source)} | ${mdCell(v.newer.source)} |`,
    `| tests | ${v.older.tests} | ${v.newer.tests} |`,
    `| runs | ${v.older.runs} | ${v.newer.runs} |`,
    '',
  ];
  if (v.rows.length === 0) return `${[...head, 'No test differs.'].join('\n')}\n`;
  head.push(`| test | change | ${mdCell(v.older.name)} | ${mdCell(v.newer.name)} |`, '| --- | --- | --- | --- |');
  let out = `${head.join('\n')}\n`;
  for (const [i, r] of v.rows.entries()) {
    const line = `| \`${r.name.replace(/`/g, "'")}\` | ${mdCell(r.change)} | ${mdCell(cell(r.older))} | ${mdCell(cell(r.newer))} |\n`;
    const more = `\n… and ${v.rows.length - i} more (see the JSON or HTML)\n`;
    if (out.length + line.length + more.length + 40 > budget) return out + more;
    out += line;
  }
  return out;
}

const COLOR: Record<string, string> = { pass: '#1a7f37', fail: '#cf222e', flaky: '#9a6700', unfinished: '#9a6700', skip: '#57606a' };

/** A self-contained page: both sides named in the header, one row per test that differs, a filter. */
export function renderSideBySideHtml(v: SideBySide): string {
  const td = (s: SideCell): string => `<td style="color:${COLOR[s.outcome ?? ''] ?? '#57606a'}">${escapeHtml(cell(s))}</td>`;
  const rows = v.rows
    .map(
      (r) =>
        `<tr data-kind="${escapeHtml(r.kind)}"><td><code>${escapeHtml(r.name)}</code></td><td>${escapeHtml(r.change)}</td>${td(r.older)}${td(r.newer)}</tr>`,
    )
    .join('\n');
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
