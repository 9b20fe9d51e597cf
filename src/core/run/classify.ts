// What kind of end a run came to. The gate must tell an infrastructure failure (devstack broke,
// SSH died, the run timed out) from a test failure: only the second is about the change.
import { EXIT, type ExitCode } from '../errors.ts';
import { FAILING_STATUSES, isListing, type RunResults, type TestStatus } from '../results/model.ts';

export type RunOutcome = 'passed' | 'tests-failed' | 'infra-failed' | 'timeout' | 'cancelled';

export type Stage = 'connect' | 'bootstrap' | 'wait-ready' | 'discover-hosts' | 'prepare' | 'run' | 'rerun' | 'fetch-logs';

export interface StageFailure {
  stage: Stage;
  node: string;
  message: string;
  /** Tail of the log that explains it (devstack's, tempest's stderr). */
  logTail?: string;
}

export interface RunEnd {
  /** Failures of stages that stop the run (anything before `run`, or the run itself). */
  failure: StageFailure | null;
  timedOut: { stage: Stage; seconds: number } | null;
  cancelled: boolean;
  /** Exit status of each step's process (null: unknown, e.g. killed with the connection). */
  stepExitCodes: (number | null)[];
  results: RunResults;
}

export interface Classification {
  outcome: RunOutcome;
  exitCode: ExitCode;
  /** One line for people. */
  reason: string;
  /** Tests whose first record failed and a rerun passed. */
  flaky: string[];
  /** Tests whose last record is failing. */
  failed: string[];
}

/** Last status of each test name, and the names that failed first and then passed. */
export function finalStatuses(results: RunResults): { last: Map<string, TestStatus>; flaky: string[] } {
  const last = new Map<string, TestStatus>();
  const failedOnce = new Set<string>();
  for (const t of results.tests) {
    if (isListing(t.status) && last.has(t.name)) continue;
    if (FAILING_STATUSES.has(t.status)) failedOnce.add(t.name);
    last.set(t.name, t.status);
  }
  const flaky = [...failedOnce].filter((n) => {
    const s = last.get(n);
    return s !== undefined && !FAILING_STATUSES.has(s);
  });
  return { last, flaky };
}

export function classifyRun(end: RunEnd): Classification {
  const { last, flaky } = finalStatuses(end.results);
  const failed = [...last].filter(([, s]) => FAILING_STATUSES.has(s)).map(([n]) => n);
  const ran = end.results.tests.filter((t) => !isListing(t.status)).length;
  const base = { flaky, failed };
  const kept = `${ran} test result${ran === 1 ? '' : 's'} kept`;
  if (end.cancelled) return { ...base, outcome: 'cancelled', exitCode: EXIT.infra, reason: `cancelled; ${kept}` };
  if (end.timedOut) {
    return { ...base, outcome: 'timeout', exitCode: EXIT.infra, reason: `stage ${end.timedOut.stage} timed out after ${end.timedOut.seconds}s; ${kept}` };
  }
  if (end.failure) {
    const f = end.failure;
    return { ...base, outcome: 'infra-failed', exitCode: EXIT.infra, reason: `${f.stage} failed on ${f.node}: ${f.message}; ${kept}` };
  }
  if (ran === 0) {
    const rc = end.stepExitCodes.find((c) => c !== 0 && c !== null);
    const why = rc !== undefined ? `tempest exited with status ${rc} and produced no results` : 'no test ran (is the selection empty of tests this cloud has?)';
    return { ...base, outcome: rc !== undefined ? 'infra-failed' : 'passed', exitCode: rc !== undefined ? EXIT.infra : EXIT.ok, reason: why };
  }
  if (failed.length) {
    return {
      ...base,
      outcome: 'tests-failed',
      exitCode: EXIT.gateFailed,
      reason: `${failed.length} of ${ran} tests failed${flaky.length ? `, ${flaky.length} passed on rerun` : ''}`,
    };
  }
  // With --subunit, tempest's status is non-zero only when it could not produce the stream.
  const bad = end.stepExitCodes.find((c) => c !== 0 && c !== null);
  if (bad !== undefined) {
    return { ...base, outcome: 'infra-failed', exitCode: EXIT.infra, reason: `tempest exited with status ${bad} although no test failed; ${kept}` };
  }
  if (end.results.damage.length) {
    const d = end.results.damage[0];
    return {
      ...base,
      outcome: 'infra-failed',
      exitCode: EXIT.infra,
      reason: `the result stream is damaged at byte ${d?.offset ?? 0}: ${d?.message ?? ''}; ${kept}`,
    };
  }
  return {
    ...base,
    outcome: 'passed',
    exitCode: EXIT.ok,
    reason: `${last.size} tests passed or skipped${flaky.length ? `, ${flaky.length} only on rerun (flaky)` : ''}`,
  };
}
