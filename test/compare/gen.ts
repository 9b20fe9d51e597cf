// Generated runs for compare tests and the benchmark: a plan per test (its executions' statuses,
// duration, reason, traceback) written as a real subunit v2 stream and parsed back.
import fc from 'fast-check';
import { encodePacket } from '../../src/core/results/subunit-v2.ts';
import type { TestStatus } from '../../src/core/results/model.ts';

export interface PlannedTest {
  /** Name without attributes. */
  name: string;
  idempotentId: string | null;
  /** One status per execution (reruns give several); 'inprogress' never finishes. */
  runs: TestStatus[];
  durationS: number;
  reason?: string;
  traceback?: string;
}

const enc = new TextEncoder();

export function fullId(t: PlannedTest): string {
  return t.idempotentId ? `${t.name}[id-${t.idempotentId},smoke]` : t.name;
}

/** A subunit v2 stream of the plan: each execution as inprogress, attachments, final status. */
export function streamOf(plan: readonly PlannedTest[], startUs = 1_700_000_000_000_000): Uint8Array {
  const parts: Uint8Array[] = [];
  let clock = startUs;
  for (const t of plan) {
    const id = fullId(t);
    for (const status of t.runs) {
      parts.push(encodePacket({ testId: id, status: 'inprogress', tags: ['worker-0'], timestamp: clock }));
      const text = status === 'skip' ? t.reason : status === 'fail' || status === 'uxsuccess' ? t.traceback : undefined;
      if (text !== undefined) {
        parts.push(
          encodePacket({
            testId: id,
            fileName: status === 'skip' ? 'reason' : 'traceback',
            mimeType: 'text/plain;charset=utf8',
            fileBytes: enc.encode(text),
            eof: true,
            timestamp: clock,
          }),
        );
      }
      clock += Math.round(t.durationS * 1_000_000);
      if (status !== 'inprogress') parts.push(encodePacket({ testId: id, status, tags: ['worker-0'], timestamp: clock }));
      clock += 1000;
    }
  }
  return Buffer.concat(parts);
}

function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).padStart(width, '0').slice(-width);
}

/** A deterministic uuid for test i (so generated runs can share ids across plans). */
export function uuidFor(i: number, salt = 0): string {
  return `${hex(i, 8)}-${hex(salt, 4)}-4${hex(i >>> 12, 3)}-8${hex(i, 3)}-${hex(i * 2654435761, 8)}${hex(salt, 4)}`;
}

/** n tests, mostly passing, named like Tempest's. `seed` picks which fail or skip. */
export function bigPlan(n: number, seed: number): PlannedTest[] {
  const plan: PlannedTest[] = [];
  let x = seed >>> 0 || 1;
  const rand = (): number => {
    // xorshift32: fast and deterministic.
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
  for (let i = 0; i < n; i++) {
    const r = rand();
    const status: TestStatus = r < 0.01 ? 'fail' : r < 0.05 ? 'skip' : 'success';
    plan.push({
      name: `tempest.api.area${i % 97}.test_mod${i % 1009}.Test${i % 31}.test_case_${i}`,
      idempotentId: uuidFor(i),
      runs: [status],
      durationS: 0.5 + (i % 20),
      ...(status === 'skip' ? { reason: 'feature disabled' } : {}),
      ...(status === 'fail' ? { traceback: `Traceback (most recent call last):\n  File "x.py", line ${i}\nAssertionError: case ${i}` } : {}),
    });
  }
  return plan;
}

const statusArb = fc.constantFrom<TestStatus>('success', 'success', 'success', 'fail', 'skip', 'xfail', 'uxsuccess', 'inprogress');

/** A pair of plans over a shared pool of tests: some in both, some only in one, reruns sometimes. */
export const planPair: fc.Arbitrary<{ base: PlannedTest[]; run: PlannedTest[] }> = fc
  .array(
    fc.record({
      inBase: fc.boolean(),
      inRun: fc.boolean(),
      withId: fc.boolean(),
      base: fc.array(statusArb, { minLength: 1, maxLength: 2 }),
      run: fc.array(statusArb, { minLength: 1, maxLength: 2 }),
      baseDuration: fc.integer({ min: 0, max: 40 }),
      runDuration: fc.integer({ min: 0, max: 40 }),
      reason: fc.constantFrom('disabled', 'no network', 'bug 1'),
      runReason: fc.constantFrom('disabled', 'no network', 'bug 1'),
    }),
    { maxLength: 40 },
  )
  .map((rows) => {
    const base: PlannedTest[] = [];
    const run: PlannedTest[] = [];
    rows.forEach((r, i) => {
      const name = `tempest.api.gen.test_m.T.test_${i}`;
      const idempotentId = r.withId ? uuidFor(i, 7) : null;
      const tb = `Traceback\nAssertionError: ${i}`;
      // Tests that never finish must be the last execution: a stream cannot go on after them for that id.
      const order = (s: TestStatus[]): TestStatus[] => [...s.filter((x) => x !== 'inprogress'), ...s.filter((x) => x === 'inprogress').slice(0, 1)];
      if (r.inBase || !r.inRun) base.push({ name, idempotentId, runs: order(r.base), durationS: r.baseDuration, reason: r.reason, traceback: tb });
      if (r.inRun) run.push({ name, idempotentId, runs: order(r.run), durationS: r.runDuration, reason: r.runReason, traceback: tb });
    });
    return { base, run };
  });

import { parseResults } from '../../src/core/results/parse.ts';
import { summarizeRuns, toBaseline, type Baseline, type BaselineContext, type RunSummary } from '../../src/core/compare/index.ts';

/** The run summary of a plan, through a real stream and the real parser. */
export function summaryOf(plan: readonly PlannedTest[], context: Partial<BaselineContext> = {}): RunSummary {
  return summarizeRuns([parseResults(streamOf(plan))], { context });
}

export function baselineOf(plan: readonly PlannedTest[], context: Partial<BaselineContext> = {}): Baseline {
  return toBaseline(summaryOf(plan, context));
}

/** Shorthand: a test by short name with one status per execution. */
export function t(short: string, runs: TestStatus[], extra: Partial<PlannedTest> = {}): PlannedTest {
  return { name: `tempest.api.x.test_m.T.${short}`, idempotentId: null, runs, durationS: 1, ...extra };
}
