// The gate's policy: which tests in a diff fail the gate under `fail-on`.
//  - regressions: failures the baseline does not already explain — regressions (passed or skipped
//    before, fail now), new tests that fail, tests that never finished;
//  - failures: every failing test, still-failing ones included;
//  - never: report only.
// Under every policy, a failure matched by a live known-failures entry and a flaky test (failed,
// then passed on rerun; or failing now and flaky in the baseline) are shown but do not block.
// A run with no tests never passes: nothing reports a pass it cannot prove.
//
// `applyPolicy` applies the policy to a diff's lists; `gateVerdict` is the gate's one verdict, the
// only place every entry point (CLI, Action, Zuul through the CLI) takes pass or fail from:
// the policy, plus damaged input, no baseline, a baseline that shares no test with the run,
// and infrastructure failures.
import type { CompareDiff, FailOn, TestChange, PolicyVerdict } from './model.ts';
import { EXIT, type ExitCode } from '../errors.ts';

export const FAIL_ON: readonly FailOn[] = ['regressions', 'failures', 'never'];

type Judged = Pick<CompareDiff, 'counts' | 'regressions' | 'neverFinished' | 'newFailing' | 'stillFailing'>;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function applyPolicy(diff: Judged, failOn: FailOn): PolicyVerdict {
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
    // Even under fail-on: never: an empty run is not a report of anything.
    return { failed: true, failOn, reason: 'the run has no test results: nothing to prove a pass with', blocking: [] };
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

/**
 * What the gate says: `pass` and `fail` are judged from results; `error` means the results
 * cannot prove a pass (damaged input, an infrastructure failure); `skipped` means the gate did
 * not run (a fork without credentials). Never `pass` without results that prove it.
 */
export type GateResult = 'pass' | 'fail' | 'error' | 'skipped';

export interface GateVerdict {
  result: GateResult;
  /** One line for people: the headline of every report. */
  reason: string;
  /** Test names that count against the gate. */
  blocking: string[];
  /** The CLI's exit code for this verdict (0 pass, 1 fail, 3 damaged input, 4 infrastructure). */
  exitCode: ExitCode;
}

export interface GateInput {
  /** The run compared with its baseline, or with no baseline (an empty one): see `hasBaseline`. */
  diff: CompareDiff;
  /** False when no baseline was given: every failure counts, and the reason says so. */
  hasBaseline: boolean;
  /** One line per damaged input (results or baseline): a damaged input never proves a pass. */
  damage?: readonly string[];
  /** An infrastructure failure after which the results are partial (a timeout, a lost node). */
  infrastructure?: string | null;
}

/** The verdict when there are no results at all: the run never happened or produced nothing. */
export function notRunVerdict(why: { infrastructure: string } | { badInput: string } | { skipped: string } | { nothingToRun: string }): GateVerdict {
  // What the run was to be judged against could not be read: nothing ran, and nothing can pass.
  if ('badInput' in why) return { result: 'error', reason: `bad input, not a test failure: ${why.badInput}`, blocking: [], exitCode: EXIT.badInput };
  if ('infrastructure' in why) {
    return { result: 'error', reason: `infrastructure failure, not a test failure: ${why.infrastructure}`, blocking: [], exitCode: EXIT.infra };
  }
  if ('skipped' in why) return { result: 'skipped', reason: why.skipped, blocking: [], exitCode: EXIT.ok };
  const reason = /^nothing to run\b/i.test(why.nothingToRun) ? why.nothingToRun : `nothing to run: ${why.nothingToRun}`;
  return { result: 'pass', reason, blocking: [], exitCode: EXIT.ok };
}

/** Without a baseline every test is new: say it in the run's own terms, not "new failing tests". */
function reasonWithoutBaseline(diff: CompareDiff): string {
  const failing = diff.newFailing.filter((t) => t.known === null).length;
  const unfinished = diff.neverFinished.filter((t) => t.known === null).length;
  const parts = [failing ? `${plural(failing, 'test')} failed` : '', unfinished ? `${unfinished} never finished` : ''].filter(Boolean);
  const notes = [diff.counts.known ? plural(diff.counts.known, 'known failure') : '', diff.counts.flaky ? `${diff.counts.flaky} flaky` : ''].filter(Boolean);
  const tail = notes.length ? ` (${notes.join(', ')})` : '';
  if (!parts.length) return `All ${diff.counts.run} tests passed or were skipped${tail}`;
  const head = `${parts.join(' and ')} of ${diff.counts.run}${tail}`;
  return diff.verdict.failed ? `${head}; no baseline, so every failure counts` : `report only (fail-on: ${diff.verdict.failOn}): ${head}`;
}

/** The gate's verdict on a compared run (see the header of this file). */
export function gateVerdict(input: GateInput): GateVerdict {
  const { diff, hasBaseline } = input;
  const damage = input.damage ?? [];
  let failed = diff.verdict.failed;
  let reason = hasBaseline || diff.counts.run === 0 ? diff.verdict.reason : reasonWithoutBaseline(diff);
  if (hasBaseline && !failed && diff.counts.run > 0 && diff.counts.baseline > 0 && diff.counts.matched === 0) {
    // 7 unrelated skipped tests against a 33-test baseline are not evidence of anything.
    failed = true;
    reason = `none of the run's ${plural(diff.counts.run, 'test')} is in the baseline (${plural(diff.counts.baseline, 'test')}): nothing was compared`;
  }
  const blocking = diff.verdict.blocking;
  if (input.infrastructure) {
    return {
      result: failed ? 'fail' : 'error',
      reason: `${failed ? `${reason}; ` : ''}infrastructure failure, not a test failure: ${input.infrastructure}`,
      blocking,
      exitCode: EXIT.infra,
    };
  }
  if (damage.length) {
    return {
      result: failed ? 'fail' : 'error',
      reason: failed ? `${reason}; input damaged: ${damage[0]}` : `input damaged, verdict not proven: ${damage[0]}`,
      blocking,
      exitCode: EXIT.badInput,
    };
  }
  return { result: failed ? 'fail' : 'pass', reason, blocking, exitCode: failed ? EXIT.gateFailed : EXIT.ok };
}
