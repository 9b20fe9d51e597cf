// The data shapes of comparison: a baseline (what a branch or release normally does, from one or
// more runs), and the diff of a run against it. Pure types and small helpers; no I/O.
// The baseline JSON (`BASELINE_SCHEMA`) is documented in docs/compare.md; keep both in step.

import type { TestStatus } from '../results/model.ts';
import type { InteropScore } from '../interop/model.ts';
import type { InteropChange } from '../interop/score.ts';

export const BASELINE_SCHEMA = 'tempest-gate/baseline@1';
export const DIFF_SCHEMA = 'tempest-gate/compare@1';

/**
 * What a test did, reduced to what a gate cares about:
 * - pass: success or expected failure (xfail);
 * - fail: fail or unexpected success (uxsuccess);
 * - skip;
 * - unfinished: started and never finished (inprogress), only file events (unknown), or only
 *   listed (exists);
 * - flaky: over several runs (or reruns inside one), it both passed and failed.
 */
export type Outcome = 'pass' | 'fail' | 'skip' | 'unfinished' | 'flaky';

export function outcomeOf(status: TestStatus): Exclude<Outcome, 'flaky'> {
  switch (status) {
    case 'success':
    case 'xfail':
      return 'pass';
    case 'fail':
    case 'uxsuccess':
      return 'fail';
    case 'skip':
      return 'skip';
    default:
      return 'unfinished';
  }
}

/** Where and how the runs were made: durations only compare like with like. */
export interface BaselineContext {
  branch: string | null;
  release: string | null;
  commit: string | null;
  tempestVersion: string | null;
  /** Node count (controller + subnodes). */
  nodes: number | null;
  flavor: string | null;
  /** Tempest workers. */
  concurrency: number | null;
  cloud: string | null;
}

export const EMPTY_CONTEXT: BaselineContext = {
  branch: null,
  release: null,
  commit: null,
  tempestVersion: null,
  nodes: null,
  flavor: null,
  concurrency: null,
  cloud: null,
};

/** One test over every run merged into a baseline (or over the reruns of one run). */
export interface BaselineTest {
  /** Full id as last seen, attributes included. */
  id: string;
  /** The id without `[...]`. */
  name: string;
  /** Tempest's idempotent id (lower-case uuid), or null. */
  idempotentId: string | null;
  outcome: Outcome;
  /** Times it passed, failed, was skipped, never finished, over all runs and reruns. */
  passes: number;
  failures: number;
  skips: number;
  unfinished: number;
  /** passes / (passes + failures + unfinished), or null when it never ran to an outcome. */
  passRate: number | null;
  /** Median duration (seconds) of its passing executions, or null. */
  duration: number | null;
  /** Skip reason (the `reason` attachment), first 500 characters, or null. */
  reason: string | null;
}

/** A baseline file (and the in-memory summary of the run being judged, same shape). */
export interface Baseline {
  schema: typeof BASELINE_SCHEMA;
  /** ISO 8601 time the baseline was made. */
  created: string;
  context: BaselineContext;
  /** How many runs were merged. */
  runs: number;
  /** Sorted by name in files (toBaseline); in run summaries, in the order first seen. */
  tests: BaselineTest[];
}

/** The run being judged: a Baseline-shaped summary plus what only the fresh run has. */
export interface RunSummary extends Baseline {
  /** Failure text by test name (traceback, else reason), kept only for failing tests. */
  details: Record<string, string>;
  /** In memory only (never written): test name → its position in `tests`, from summarizeRuns. */
  index?: ReadonlyMap<string, number>;
  /**
   * In memory only, instead of `index` when the run was read against baseline tests
   * (SummarizerOptions.known): per one of those tests, the position of the run's test of the
   * same name (-1: none).
   */
  readAgainst?: { tests: readonly BaselineTest[]; runAt: Int32Array };
}

export type ChangeKind =
  | 'regression' // passed in the baseline, fails or never finishes now
  | 'fix' // failed (or was flaky) in the baseline, passes now
  | 'still-failing' // failed in the baseline and still fails
  | 'new' // not in the baseline
  | 'removed' // in the baseline, not in the run
  | 'skip-change' // became skipped, stopped being skipped, or its skip reason changed
  | 'never-finished' // started and never finished in this run
  | 'flaky' // failed then passed on rerun, or fails now and was flaky in the baseline
  | 'slower'
  | 'faster';

/** A known-failures entry that matched a failing test: shown as known, never hidden. */
export interface KnownMatch {
  bug: string;
  /** The entry's description, if any. */
  description: string | null;
  expires: string;
  /** Where the entry is: `file:line`. */
  source: string;
}

/** One test in a diff. */
export interface TestChange {
  kind: ChangeKind;
  /** Name in this run (or in the baseline, for removed tests). */
  name: string;
  idempotentId: string | null;
  /** The baseline's name when matched by idempotent id under another name (renamed or moved). */
  renamedFrom: string | null;
  before: Outcome | null;
  after: Outcome | null;
  /** Baseline pass rate when the baseline merged several runs. */
  basePassRate: number | null;
  /** Pass rate in this run (meaningful with reruns). */
  passRate: number | null;
  /** Skip reasons before and after (skip changes). */
  reasonBefore: string | null;
  reasonAfter: string | null;
  /** Durations in seconds (duration changes; also set where known). */
  durationBefore: number | null;
  durationAfter: number | null;
  /** Traceback tail or reason for a failing test, trimmed. */
  detail: string | null;
  /** Set when a known-failures entry explains this failure. */
  known: KnownMatch | null;
}

export type FailOn = 'regressions' | 'failures' | 'never';

export interface PolicyVerdict {
  /** True when the gate fails under the policy. */
  failed: boolean;
  failOn: FailOn;
  /** One line saying why, for people. */
  reason: string;
  /** Tests that count against the gate under this policy (names). */
  blocking: string[];
}

/** A known-failures entry whose expiry has passed: it no longer matches, and the report says so. */
export interface ExpiredEntry {
  bug: string;
  expires: string;
  source: string;
  /** Failing tests it would have matched had it not expired. */
  wouldMatch: string[];
}

export interface DurationCheck {
  /** False when contexts differ (concurrency, nodes, flavor): no duration changes are reported. */
  compared: boolean;
  /** Why durations were not compared, or null. */
  skippedReason: string | null;
  relativeThreshold: number;
  absoluteThreshold: number;
}

export interface DiffCounts {
  baseline: number;
  run: number;
  matched: number;
  regressions: number;
  fixes: number;
  stillFailing: number;
  new: number;
  newFailing: number;
  removed: number;
  skipChanges: number;
  neverFinished: number;
  flaky: number;
  known: number;
  slower: number;
  faster: number;
  /** Outcomes in this run. */
  passed: number;
  failed: number;
  skipped: number;
}

/** The comparison of a run with its baseline: what the gate reports. */
export interface CompareDiff {
  schema: typeof DIFF_SCHEMA;
  baseline: { context: BaselineContext; runs: number; created: string; label: string | null };
  run: { context: BaselineContext; label: string | null };
  counts: DiffCounts;
  verdict: PolicyVerdict;
  /** Each list sorted by name. A test appears in one list only, except duration changes. */
  regressions: TestChange[];
  neverFinished: TestChange[];
  /** New tests that fail. Listed apart from `added` because they count as failures. */
  newFailing: TestChange[];
  stillFailing: TestChange[];
  flaky: TestChange[];
  fixes: TestChange[];
  skipChanges: TestChange[];
  /** New tests that pass or skip. */
  added: TestChange[];
  removed: TestChange[];
  durations: TestChange[];
  durationCheck: DurationCheck;
  expiredKnownFailures: ExpiredEntry[];
  /** Optional Interop score of the run (see src/core/interop). */
  interop: InteropScore | null;
  /** What the run does to the guideline's required capabilities against the baseline. */
  interopChange?: InteropChange | null;
}
