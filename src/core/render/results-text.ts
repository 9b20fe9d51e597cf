// Plain-text summary of one run, for people at a terminal or in a CI log.
import type { RunSummary, TestRecord } from '../results/model.ts';

function seconds(s: number | null): string {
  if (s === null) return '?';
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

function problem(t: TestRecord): string[] {
  const label = t.status === 'fail' ? 'FAIL' : t.status === 'uxsuccess' ? 'UNEXPECTED SUCCESS' : t.status.toUpperCase();
  const out = [`${label} ${t.id} (${seconds(t.duration)})`];
  const detail = t.attachments.find((a) => a.name === 'traceback') ?? t.attachments.find((a) => a.name === 'reason');
  if (detail && detail.text) {
    // The last lines of a traceback say what went wrong.
    const lines = detail.text.replace(/\s+$/, '').split('\n');
    out.push(...lines.slice(-6).map((l) => `    ${l}`));
  }
  return out;
}

export interface TextOptions {
  source: string;
  /** How many failing tests to detail. */
  maxProblems?: number;
}

export function renderResultsText(summary: RunSummary, options: TextOptions): string {
  const { counts, workers, problems } = summary;
  const span = summary.start && summary.stop ? (Date.parse(summary.stop) - Date.parse(summary.start)) / 1000 : null;
  const lines: string[] = [];
  lines.push(
    `${options.source}: ${summary.format}, ${summary.total} tests` +
      (span !== null ? ` in ${seconds(span)}` : '') +
      (workers ? ` on ${workers} worker${workers === 1 ? '' : 's'}` : ''),
  );
  const parts = [
    `${counts.success} passed`,
    `${counts.fail} failed`,
    `${counts.skip} skipped`,
    counts.xfail ? `${counts.xfail} expected failures` : '',
    counts.uxsuccess ? `${counts.uxsuccess} unexpected successes` : '',
    counts.inprogress + counts.unknown ? `${counts.inprogress + counts.unknown} never finished` : '',
    counts.exists ? `${counts.exists} listed only` : '',
  ].filter(Boolean);
  lines.push(`  ${parts.join(', ')}`);
  const max = options.maxProblems ?? 20;
  for (const t of problems.slice(0, max)) lines.push(...problem(t));
  if (problems.length > max) lines.push(`… and ${problems.length - max} more`);
  for (const d of summary.damage.slice(0, 10)) lines.push(`DAMAGED at byte ${d.offset}${d.line ? ` (line ${d.line})` : ''}: ${d.message}`);
  if (summary.damage.length > 10) lines.push(`… and ${summary.damage.length - 10} more damaged regions`);
  return `${lines.join('\n')}\n`;
}
