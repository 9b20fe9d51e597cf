// The gate's policy: which tests in a diff fail the gate under `fail-on`.
//  - regressions: failures the baseline does not already explain — regressions (passed or skipped
//    before, fail now), new tests that fail, tests that never finished;
//  - failures: every failing test, still-failing ones included;
//  - never: report only.
// Under every policy, a failure matched by a live known-failures entry and a flaky test (failed,
// then passed on rerun; or failing now and flaky in the baseline) are shown but do not block.
// A run with no tests never passes: nothing reports a pass it cannot prove.
import type { CompareDiff, FailOn, TestChange, Verdict } from './model.ts';

export const FAIL_ON: readonly FailOn[] = ['regressions', 'failures', 'never'];

type Judged = Pick<CompareDiff, 'counts' | 'regressions' | 'neverFinished' | 'newFailing' | 'stillFailing'>;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function judge(diff: Judged, failOn: FailOn): Verdict {
  const unexplained = (list: TestChange[]): string[] => list.filter((t) => t.known === null).map((t) => t.name);
  const regressions = unexplained(diff.regressions);
  const newFailing = unexplained(diff.newFailing);
  const neverFinished = unexplained(diff.neverFinished);
  const stillFailing = unexplained(diff.stillFailing);

  const parts: string[] = [];
  if (regressions.length) parts.push(plural(regressions.length, 'regression'));
  if (newFailing.length) parts.push(plural(newFailing.length, 'new failing test'));
  if (neverFinished.length) parts.push(`${plural(neverFinished.length, 'test')} never finished`);
  const still = stillFailing.length ? `${plural(stillFailing.length, 'test')} still failing` : '';

  if (diff.counts.run === 0) {
    return { failed: failOn !== 'never', failOn, reason: 'the run has no test results: nothing to prove a pass with', blocking: [] };
  }
  if (failOn === 'never') {
    const seen = [...parts, still].filter(Boolean);
    return { failed: false, failOn, reason: `report only (fail-on: never)${seen.length ? `: ${seen.join(', ')}` : ''}`, blocking: [] };
  }
  const blocking = [...regressions, ...newFailing, ...neverFinished];
  if (failOn === 'failures') {
    blocking.push(...stillFailing);
    if (still) parts.push(still);
  }
  if (blocking.length) return { failed: true, failOn, reason: parts.join(', '), blocking: blocking.sort() };
  const notes: string[] = [];
  if (diff.counts.known) notes.push(`${plural(diff.counts.known, 'known failure')}`);
  if (failOn === 'regressions' && still) notes.push(`${still} as in the baseline`);
  return {
    failed: false,
    failOn,
    reason: `no ${failOn === 'failures' ? 'failures' : 'regressions'}${notes.length ? ` (${notes.join(', ')})` : ''}`,
    blocking: [],
  };
}
