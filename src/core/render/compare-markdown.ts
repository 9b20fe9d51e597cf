// Markdown for the pull request (comment, check run summary, job summary): the verdict and what
// blocks it first, then the rest, all within a size budget (GitHub caps a comment at 65536 chars).
import type { CompareDiff, TestChange } from '../compare/model.ts';
import { interopChangeLine } from '../interop/score.ts';
import { tail } from '../compare/baseline.ts';
import { changeSections, describeChange, fmtSeconds, interopLines, pct, type Section } from './compare-sections.ts';

export interface CompareMarkdownOptions {
  /** Maximum length in characters (default 60000). The output never exceeds it. */
  budget?: number;
  /** Heading text (default "Tempest gate"). */
  title?: string;
  /** Link to the full report, shown where lists are cut. */
  detailsUrl?: string;
  /** Failing tests whose traceback is shown (default 10). */
  maxTracebacks?: number;
}

export const DEFAULT_MARKDOWN_BUDGET = 60000;

/** Appends pieces while they fit, keeping `reserve` characters free for the closing note. */
class Budget {
  private readonly parts: string[] = [];
  private used = 0;
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  fits(text: string, reserve = 0): boolean {
    return this.used + text.length + reserve <= this.limit;
  }
  add(text: string): void {
    this.parts.push(text);
    this.used += text.length;
  }
  toString(): string {
    return this.parts.join('');
  }
}

function code(name: string): string {
  // A backtick inside a code span would end it; test ids never hold one, but be safe.
  return `\`${name.replace(/`/g, "'")}\``;
}

/**
 * Free text (skip reasons, bug names) as Markdown that shows as written: no HTML, no emphasis,
 * no links or table breaks, one line.
 */
export function mdText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]<>|#!~]/g, '\\$&');
}

function bugLink(bug: string): string {
  // Only http(s) URLs become links; anything else (LP#123, a ticket key) is shown as text.
  return /^https?:\/\/[^\s()<>]+$/.test(bug) ? `[${mdText(bug)}](${bug})` : mdText(bug);
}

function itemLine(t: TestChange): string {
  const bits = [`- ${code(t.name)}`];
  const desc = describeChange(t);
  if (desc) bits.push(`— ${mdText(desc)}`);
  if (t.known) bits.push(`— known: ${bugLink(t.known.bug)} (until ${t.known.expires})`);
  return `${bits.join(' ')}\n`;
}

function traceback(t: TestChange): string {
  if (!t.detail) return '';
  const lines = t.detail.split('\n');
  const body = tail(lines.slice(-15).join('\n'), 1500).replace(/```/g, "'''");
  return `  <details><summary>traceback</summary>\n\n  \`\`\`\n${body.replace(/^/gm, '  ')}\n  \`\`\`\n  </details>\n`;
}

function verdictLine(diff: CompareDiff, title: string): string {
  const icon = diff.verdict.failed ? '❌' : '✅';
  return `### ${icon} ${title}: ${diff.verdict.reason}\n\n`;
}

function contextLine(diff: CompareDiff): string {
  const b = diff.baseline;
  const label = b.label ?? b.context.release ?? b.context.branch ?? 'baseline';
  const what = [`${b.runs} run${b.runs === 1 ? '' : 's'}`];
  if (b.context.commit) what.push(`commit ${b.context.commit.slice(0, 12)}`);
  const run = diff.run.label ?? diff.run.context.commit?.slice(0, 12) ?? 'this run';
  return `Compared ${run} with ${code(label)} (${what.join(', ')}), fail-on: ${diff.verdict.failOn}.\n\n`;
}

function summaryTable(diff: CompareDiff): string {
  const c = diff.counts;
  const rows: [string, number][] = [
    ['Regressions', c.regressions],
    ['Never finished', c.neverFinished],
    ['New failing', c.newFailing],
    ['Still failing', c.stillFailing],
    ['Flaky', c.flaky],
    ['Known failures', c.known],
    ['Fixes', c.fixes],
    ['Skip changes', c.skipChanges],
    ['New tests', c.new],
    ['Removed tests', c.removed],
    ['Slower / faster', c.slower + c.faster],
  ];
  const head = `| Passed | Failed | Skipped | Tests (baseline) |\n| ---: | ---: | ---: | ---: |\n| ${c.passed} | ${c.failed} | ${c.skipped} | ${c.run} (${c.baseline}) |\n\n`;
  const nonzero = rows.filter(([, n]) => n > 0);
  const changes = nonzero.length ? `${nonzero.map(([k, n]) => `${k}: **${n}**`).join(' · ')}\n\n` : 'No changes from the baseline.\n\n';
  return head + changes;
}

export function renderCompareMarkdown(diff: CompareDiff, options: CompareMarkdownOptions = {}): string {
  const limit = Math.max(200, options.budget ?? DEFAULT_MARKDOWN_BUDGET);
  const out = new Budget(limit);
  const more = (n: number): string => `- … and ${n} more${options.detailsUrl ? ` ([full report](${options.detailsUrl}))` : ''}\n`;
  // Room kept for the last line that says what was left out.
  const RESERVE = 160 + (options.detailsUrl?.length ?? 0);
  let tracebacksLeft = options.maxTracebacks ?? 10;
  let omitted = 0;

  const head = verdictLine(diff, options.title ?? 'Tempest gate');
  out.add(head.length <= limit ? head : `${head.slice(0, limit - 2)}…\n`);
  for (const piece of [contextLine(diff), summaryTable(diff)]) {
    if (out.fits(piece, RESERVE)) out.add(piece);
  }

  const sections: Section[] = changeSections(diff);
  for (const s of sections) {
    if (s.items.length === 0 && s.notes.length === 0) continue;
    const heading = `#### ${s.title} (${s.count})\n\n`;
    if (!out.fits(heading, RESERVE + 80)) {
      omitted++;
      continue;
    }
    out.add(heading);
    for (const note of s.notes) {
      const line = `- ${mdText(note.replace(/^- /, ''))}\n`;
      if (out.fits(line, RESERVE)) out.add(line);
    }
    let shown = 0;
    for (const t of s.items) {
      const line = itemLine(t);
      let tb = s.tracebacks && tracebacksLeft > 0 ? traceback(t) : '';
      // Without room for the traceback, the test's name still matters more.
      if (tb && !out.fits(line + tb, RESERVE)) tb = '';
      if (!out.fits(line, RESERVE)) break;
      out.add(line + tb);
      if (tb) tracebacksLeft--;
      shown++;
    }
    if (shown < s.items.length) out.add(more(s.items.length - shown));
    out.add('\n');
  }

  if (diff.interopChange) {
    const line = `${interopChangeLine(diff.interopChange)}\n\n`;
    if (out.fits(line, RESERVE)) out.add(line);
    else omitted++;
  }
  if (diff.interop) {
    const lines = interopLines(diff.interop).map((l) => `${l}\n`);
    const heading = `#### Interop ${diff.interop.guideline}\n\n| Target | Required | Required, not flagged | Advisory | Compliant |\n| --- | ---: | ---: | ---: | :---: |\n`;
    if (out.fits(heading + (lines[0] ?? ''), RESERVE)) {
      out.add(heading);
      for (const t of diff.interop.targets) {
        const r = t.byStatus.required;
        const a = t.byStatus.advisory;
        const row = `| ${mdText(t.name)} | ${r.passed}/${r.count} (${pct(r.percent)}) | ${pct(r.nonFlaggedPercent)} | ${a.passed}/${a.count} | ${t.compliant ? '✅' : '❌'} |\n`;
        if (!out.fits(row, RESERVE)) {
          omitted++;
          break;
        }
        out.add(row);
      }
      out.add('\n');
    } else omitted++;
  }

  const durationNote = diff.durationCheck.compared ? '' : `Durations not compared: ${diff.durationCheck.skippedReason}.\n`;
  if (durationNote && out.fits(durationNote, RESERVE)) out.add(durationNote);
  if (omitted) {
    const note = `\n_${omitted} more section${omitted === 1 ? '' : 's'} left out to stay within ${limit} characters${options.detailsUrl ? `: [full report](${options.detailsUrl})` : ''}._\n`;
    if (out.fits(note)) out.add(note);
  }
  return out.toString();
}

export { fmtSeconds };
