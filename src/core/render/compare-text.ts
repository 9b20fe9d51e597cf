// Plain text of a diff for a terminal or CI log: verdict first, then each non-empty section.
import type { CompareDiff } from '../compare/model.ts';
import { interopChangeLine } from '../interop/score.ts';
import { changeSections, describeChange, interopLines } from './compare-sections.ts';

export interface CompareTextOptions {
  /** Tests listed per section (default 25); the rest are counted. */
  maxPerSection?: number;
}

export function renderCompareText(diff: CompareDiff, options: CompareTextOptions = {}): string {
  const max = options.maxPerSection ?? 25;
  const c = diff.counts;
  const lines: string[] = [];
  // The reason names the policy itself when it is report only: said once, not twice.
  const policy = diff.verdict.reason.includes('(fail-on: ') ? '' : ` (fail-on: ${diff.verdict.failOn})`;
  lines.push(`${diff.verdict.failed ? 'FAIL' : 'PASS'}: ${diff.verdict.reason}${policy}`);
  lines.push(
    `  run: ${c.run} tests (${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped); baseline: ${c.baseline} tests from ${diff.baseline.runs} run${diff.baseline.runs === 1 ? '' : 's'}; ${c.matched} matched`,
  );
  for (const s of changeSections(diff)) {
    if (s.items.length === 0 && s.notes.length === 0) continue;
    lines.push('', `${s.title} (${s.count}):`);
    for (const n of s.notes) lines.push(`  ${n}`);
    for (const t of s.items.slice(0, max)) {
      lines.push(`  ${t.name}: ${describeChange(t)}${t.known ? ` [known: ${t.known.bug}, until ${t.known.expires}]` : ''}`);
      if (s.tracebacks && t.detail) {
        const tb = t.detail.split('\n').slice(-3);
        for (const l of tb) lines.push(`      ${l}`);
      }
    }
    if (s.items.length > max) lines.push(`  … and ${s.items.length - max} more`);
  }
  if (!diff.durationCheck.compared) lines.push('', `Durations not compared: ${diff.durationCheck.skippedReason}`);
  if (diff.interopChange) lines.push('', interopChangeLine(diff.interopChange));
  if (diff.interop) lines.push('', `Interop ${diff.interop.guideline}:`, ...interopLines(diff.interop).map((l) => `  ${l}`));
  return `${lines.join('\n')}\n`;
}
