// What the compare renderers (Markdown, text) share: the sections of a diff in the order a reader
// needs them, most important first, and how one change is described.
import type { CompareDiff, TestChange } from '../compare/model.ts';
import type { InteropScore } from '../interop/model.ts';

export interface Section {
  title: string;
  count: number;
  items: TestChange[];
  /** Lines shown under the heading before the items. */
  notes: string[];
  /** Show failure details (tracebacks) for the items. */
  tracebacks: boolean;
}

export function fmtSeconds(s: number | null): string {
  if (s === null) return '?';
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

export function pct(p: number | null): string {
  return p === null ? 'n/a' : `${Math.round(p * 10) / 10}%`;
}

function rate(r: number | null): string {
  return r === null ? '' : `${Math.round(r * 100)}%`;
}

/** The baseline's pass rate when it merged several runs (a stored history): how often the test passed there. */
function overHistory(t: TestChange): string {
  return t.basePassRate === null ? '' : ` (pass rate ${rate(t.basePassRate)} over the baseline's runs)`;
}

/** One short phrase for a change: what it was, what it is, and why it matters. */
export function describeChange(t: TestChange): string {
  const bits: string[] = [];
  switch (t.kind) {
    case 'regression':
      bits.push(`${t.before === 'skip' ? 'was skipped' : `passed${overHistory(t)}`} in the baseline, fails now`);
      break;
    case 'never-finished':
      bits.push(t.before ? `started and never finished (baseline: ${t.before})` : 'started and never finished (new test)');
      break;
    case 'new':
      bits.push(t.after === 'fail' ? 'new test, fails' : `new test, ${t.after === 'skip' ? 'skipped' : 'passes'}`);
      break;
    case 'still-failing':
      bits.push(`fails, as in the baseline${overHistory(t)}`);
      break;
    case 'flaky':
      if (t.after === 'flaky') bits.push(`failed, then passed on rerun (pass rate ${rate(t.passRate) || 'n/a'})`);
      else bits.push(`fails now; flaky in the baseline${overHistory(t)}`);
      break;
    case 'fix':
      bits.push(`${t.before === 'unfinished' ? 'never finished' : 'failed'} in the baseline${overHistory(t)}, passes now`);
      break;
    case 'skip-change':
      if (t.before === 'skip' && t.after === 'skip') bits.push(`skip reason changed: "${t.reasonBefore ?? ''}" → "${t.reasonAfter ?? ''}"`);
      else if (t.after === 'skip')
        bits.push(`${t.before === 'pass' ? 'passed' : (t.before ?? '?')} in the baseline, skipped now${t.reasonAfter ? `: ${t.reasonAfter}` : ''}`);
      else bits.push(`skipped in the baseline${t.reasonBefore ? ` (${t.reasonBefore})` : ''}, ${t.after === 'pass' ? 'passes' : (t.after ?? '?')} now`);
      break;
    case 'removed':
      bits.push(`in the baseline (${t.before ?? '?'}), not in this run`);
      break;
    case 'slower':
    case 'faster': {
      const b = t.durationBefore ?? 0;
      const a = t.durationAfter ?? 0;
      const change = b > 0 ? ` (${a > b ? '+' : ''}${Math.round(((a - b) / b) * 100)}%)` : '';
      bits.push(`${fmtSeconds(b)} → ${fmtSeconds(a)}${change}`);
      break;
    }
  }
  if (t.renamedFrom) bits.push(`(was ${t.renamedFrom})`);
  return bits.join(' ');
}

/** The diff's sections, most important first. Empty sections are kept (renderers skip them). */
export function changeSections(diff: CompareDiff): Section[] {
  const known = [...diff.regressions, ...diff.neverFinished, ...diff.newFailing, ...diff.stillFailing].filter((t) => t.known !== null);
  const unexplained = (list: TestChange[]): TestChange[] => list.filter((t) => t.known === null);
  const sec = (title: string, items: TestChange[], tracebacks = false, notes: string[] = []): Section => ({
    title,
    count: items.length,
    items,
    notes,
    tracebacks,
  });
  const expired = diff.expiredKnownFailures.map(
    (e) =>
      `- ${e.bug} (${e.source}) expired on ${e.expires}${e.wouldMatch.length ? `: no longer explains ${e.wouldMatch.length} failing test${e.wouldMatch.length === 1 ? '' : 's'} (${e.wouldMatch.slice(0, 5).join(', ')}${e.wouldMatch.length > 5 ? ', …' : ''})` : ''}`,
  );
  const durations = diff.durationCheck.compared ? diff.durations : [];
  return [
    sec('Regressions', unexplained(diff.regressions), true),
    sec('Never finished', unexplained(diff.neverFinished), true),
    sec('New failing tests', unexplained(diff.newFailing), true),
    sec('Still failing', unexplained(diff.stillFailing), true),
    sec('Flaky', diff.flaky, true),
    sec('Known failures', known),
    { title: 'Expired known-failure entries', count: expired.length, items: [], notes: expired, tracebacks: false },
    sec('Fixes', diff.fixes),
    sec('Skip changes', diff.skipChanges),
    sec('New tests', diff.added),
    sec('Removed tests', diff.removed),
    sec(`Duration changes (≥ ${Math.round(diff.durationCheck.relativeThreshold * 100)}% and ≥ ${diff.durationCheck.absoluteThreshold} s)`, durations),
  ];
}

/** One line per Interop target, for text output. */
export function interopLines(score: InteropScore): string[] {
  return score.targets.map((t) => {
    const r = t.byStatus.required;
    const flagged = r.flaggedPassed + r.flaggedFailed;
    return `${t.name}: required ${r.passed}/${r.count} (${pct(r.percent)}), not flagged ${pct(r.nonFlaggedPercent)}${flagged ? `, ${flagged} flagged` : ''}, advisory ${t.byStatus.advisory.passed}/${t.byStatus.advisory.count}: ${t.compliant ? 'compliant' : 'NOT compliant'}`;
  });
}
