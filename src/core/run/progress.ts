// Live progress of a run: tests done of total, failures so far, and an ETA from the baseline's
// durations. Pure: the runner feeds finished tests and the clock, and prints snapshots.
import { FAILING_STATUSES, isListing, type RunResults, type TestRecord } from '../results/model.ts';

export interface ProgressSnapshot {
  done: number;
  /** Tests expected in the run, or null when nobody could say. */
  total: number | null;
  failures: number;
  skipped: number;
  elapsedSeconds: number;
  /** Seconds left, or null until it can be estimated. */
  etaSeconds: number | null;
  /** Id of the last test that finished. */
  last: string | null;
}

export interface ProgressOptions {
  total: number | null;
  /** Test name (id without attributes) to seconds, from the baseline run. */
  baseline: ReadonlyMap<string, number>;
  /** Workers running tests side by side. */
  concurrency: number;
  /** Milliseconds since the epoch when the run started. */
  startedAt: number;
}

/** Test name to duration in seconds, from a baseline's results (the last record of a name wins). */
export function baselineDurations(results: RunResults): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of results.tests) if (t.duration !== null && t.duration >= 0) out.set(t.name, t.duration);
  return out;
}

export class ProgressModel {
  private readonly options: ProgressOptions;
  private readonly seen = new Set<string>();
  private readonly listed = new Set<string>();
  private failures = 0;
  private skipped = 0;
  private last: string | null = null;
  /** Baseline seconds of the tests that finished (only those the baseline knows). */
  private doneBaseline = 0;
  private doneBaselineCount = 0;
  private readonly baselineTotal: number;
  private readonly baselineMean: number;

  constructor(options: ProgressOptions) {
    this.options = options;
    let sum = 0;
    for (const v of options.baseline.values()) sum += v;
    this.baselineTotal = sum;
    this.baselineMean = options.baseline.size ? sum / options.baseline.size : 0;
  }

  /** A test finished. Reruns and a recovered stream may repeat a test: each name counts once. */
  onTest(test: TestRecord): void {
    const key = test.name;
    // stestr announces each worker's tests with 'exists' before running them: a count, not a result.
    if (isListing(test.status)) {
      this.listed.add(key);
      return;
    }
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.last = test.id;
    if (FAILING_STATUSES.has(test.status)) this.failures++;
    if (test.status === 'skip') this.skipped++;
    const b = this.options.baseline.get(test.name);
    if (b !== undefined) {
      this.doneBaseline += b;
      this.doneBaselineCount++;
    }
  }

  snapshot(now: number): ProgressSnapshot {
    const elapsed = Math.max(0, (now - this.options.startedAt) / 1000);
    return {
      done: this.seen.size,
      total: this.total(),
      failures: this.failures,
      skipped: this.skipped,
      elapsedSeconds: elapsed,
      etaSeconds: this.eta(elapsed),
      last: this.last,
    };
  }

  /**
   * Remaining baseline work spread over the workers, scaled by how fast this run has gone so far
   * against the baseline (a slower cloud stays slower). Without a baseline: the average pace so far.
   */
  /** The caller's figure, else the tests the workers announced so far. */
  private total(): number | null {
    if (this.options.total !== null) return this.options.total;
    return this.listed.size ? Math.max(this.listed.size, this.seen.size) : null;
  }

  private eta(elapsed: number): number | null {
    const total = this.total();
    const done = this.seen.size;
    if (total === null || done === 0) return null;
    const left = Math.max(0, total - done);
    if (left === 0) return 0;
    if (this.baselineMean > 0 && this.doneBaselineCount > 0) {
      const remainingWork =
        Math.max(0, this.baselineTotal - this.doneBaseline) + Math.max(0, left - (this.options.baseline.size - this.doneBaselineCount)) * this.baselineMean;
      const expectedSoFar = this.doneBaseline / Math.max(1, this.options.concurrency);
      const pace = expectedSoFar > 0 ? Math.min(4, Math.max(0.25, elapsed / expectedSoFar)) : 1;
      return (remainingWork / Math.max(1, this.options.concurrency)) * pace;
    }
    return (elapsed / done) * left;
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  if (h > 0) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** One progress line for logs: `tests 12/40 (30%), 1 failed, 2 skipped, 0m41s elapsed, ETA 1m35s`. */
export function formatProgress(p: ProgressSnapshot): string {
  const of = p.total !== null ? `${p.done}/${p.total} (${p.total ? Math.floor((100 * p.done) / p.total) : 100}%)` : `${p.done}`;
  const eta = p.etaSeconds !== null ? `, ETA ${formatDuration(p.etaSeconds)}` : '';
  return `tests ${of}, ${p.failures} failed, ${p.skipped} skipped, ${formatDuration(p.elapsedSeconds)} elapsed${eta}`;
}
