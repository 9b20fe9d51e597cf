// `baseline history NAME`: a branch's kept runs (when, which commit, what passed and failed) and the
// tests whose outcome changed over them, each with its pass rate over the history and its
// outcomes oldest to newest. Text for people, and the same as JSON. Pure.
import { cellOutcome, type BaselineHistory, type CellOutcome } from '../compare/compact.ts';
import type { BaselineContext } from '../compare/model.ts';

export interface HistoryRunRow {
  created: string;
  context: BaselineContext;
  passed: number;
  failed: number;
  skipped: number;
  unfinished: number;
  flaky: number;
}

export interface HistoryTestRow {
  name: string;
  /** passes / runs it ran in (flaky runs count a pass and a failure), or null when only skipped. */
  passRate: number | null;
  /** One letter per kept run, oldest first: P pass, F fail, S skip, U never finished, R flaky in the run, . absent. */
  outcomes: string;
  /** Why it is listed: it both passed and failed (flaky), or it failed in every run it ran. */
  kind: 'flaky' | 'failing';
}

export interface HistoryView {
  source: string;
  keep: number | null;
  tests: number;
  runs: HistoryRunRow[];
  /** Flaky over the history first (lowest pass rate first), then always failing; by name within. */
  changing: HistoryTestRow[];
}

const LETTER: Record<CellOutcome, string> = { absent: '.', pass: 'P', fail: 'F', skip: 'S', unfinished: 'U', flaky: 'R' };

export function historyView(history: BaselineHistory, source: string, keep: number | null): HistoryView {
  const runs = history.runs.map((r): HistoryRunRow => {
    const row = { created: r.created, context: r.context, passed: 0, failed: 0, skipped: 0, unfinished: 0, flaky: 0 };
    for (const cell of r.cells) {
      const o = cellOutcome(cell);
      if (o === 'pass') row.passed++;
      else if (o === 'fail') row.failed++;
      else if (o === 'skip') row.skipped++;
      else if (o === 'unfinished') row.unfinished++;
      else if (o === 'flaky') row.flaky++;
    }
    return row;
  });
  const changing: HistoryTestRow[] = [];
  history.tests.forEach((t, i) => {
    let passes = 0;
    let bad = 0;
    let letters = '';
    for (const r of history.runs) {
      const o = cellOutcome(r.cells[i] ?? 0);
      letters += LETTER[o];
      if (o === 'pass') passes++;
      else if (o === 'fail' || o === 'unfinished') bad++;
      else if (o === 'flaky') {
        passes++;
        bad++;
      }
    }
    if (bad === 0) return;
    changing.push({ name: t.name, passRate: passes + bad === 0 ? null : passes / (passes + bad), outcomes: letters, kind: passes > 0 ? 'flaky' : 'failing' });
  });
  changing.sort((a, b) => (a.kind !== b.kind ? (a.kind === 'flaky' ? -1 : 1) : (a.passRate ?? 0) - (b.passRate ?? 0) || (a.name < b.name ? -1 : 1)));
  return { source, keep, tests: history.tests.length, runs, changing };
}

function pct(rate: number | null): string {
  return rate === null ? 'n/a' : `${Math.round(rate * 100)}%`;
}

export function renderHistoryText(view: HistoryView, options: { max?: number } = {}): string {
  const max = options.max ?? 30;
  const n = view.runs.length;
  const lines = [
    `${view.source}: ${view.tests} tests, history of ${n} run${n === 1 ? '' : 's'}${view.keep !== null ? ` (keeps the newest ${view.keep})` : ''}, oldest first`,
  ];
  view.runs.forEach((r, k) => {
    const where = [
      r.context.commit ? `commit ${r.context.commit.slice(0, 12)}` : '',
      r.context.branch ?? '',
      r.context.tempestVersion ? `tempest ${r.context.tempestVersion}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(
      `  ${String(k + 1).padStart(2)}  ${r.created}  ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.unfinished ? `, ${r.unfinished} never finished` : ''}${r.flaky ? `, ${r.flaky} flaky in the run` : ''}${where ? `  (${where})` : ''}`,
    );
  });
  const flaky = view.changing.filter((t) => t.kind === 'flaky');
  const failing = view.changing.filter((t) => t.kind === 'failing');
  lines.push(
    flaky.length
      ? `Flaky over the history (${flaky.length}): pass rate, outcomes oldest to newest (P pass, F fail, R flaky in the run, . absent)`
      : 'No test both passed and failed over the history.',
  );
  for (const t of flaky.slice(0, max)) lines.push(`  ${pct(t.passRate).padStart(4)}  ${t.outcomes}  ${t.name}`);
  if (flaky.length > max) lines.push(`  … and ${flaky.length - max} more flaky`);
  if (failing.length) lines.push(`Failing in every run it ran (${failing.length}):`);
  for (const t of failing.slice(0, max)) lines.push(`        ${t.outcomes}  ${t.name}`);
  if (failing.length > max) lines.push(`  … and ${failing.length - max} more failing`);
  return `${lines.join('\n')}\n`;
}
