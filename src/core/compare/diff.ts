// The diff of a run against its baseline: match tests (idempotent id first, then name), classify
// each, check durations like for like, explain failures with known-failure entries, and judge.
// One pass over each side with hash maps: linear in the number of tests.
import type { InteropScore } from '../interop/model.ts';
import { KnownFailureMatcher, type KnownFailures } from './known-failures.ts';
import {
  DIFF_SCHEMA,
  type Baseline,
  type BaselineContext,
  type BaselineTest,
  type CompareDiff,
  type DiffCounts,
  type DurationCheck,
  type FailOn,
  type Outcome,
  type RunSummary,
  type TestChange,
} from './model.ts';
import { applyPolicy } from './policy.ts';

export interface CompareOptions {
  failOn?: FailOn;
  knownFailures?: KnownFailures | null;
  /** Today as YYYY-MM-DD (UTC), for known-failure expiry. Core has no clock: the caller passes it. */
  today: string;
  /** A duration change counts when it is at least this fraction of the baseline duration (default 0.5)... */
  relativeThreshold?: number;
  /** ...and at least this many seconds (default 5). */
  absoluteThreshold?: number;
  baselineLabel?: string | null;
  runLabel?: string | null;
  interop?: InteropScore | null;
}

const FAILING: ReadonlySet<Outcome> = new Set(['fail', 'unfinished']);

function change(kind: TestChange['kind'], cur: BaselineTest | null, base: BaselineTest | null): TestChange {
  const named = cur ?? base;
  return {
    kind,
    name: named?.name ?? '',
    idempotentId: named?.idempotentId ?? null,
    renamedFrom: cur && base && cur.name !== base.name ? base.name : null,
    before: base?.outcome ?? null,
    after: cur?.outcome ?? null,
    basePassRate: base && base.passes + base.failures + base.unfinished > 1 ? base.passRate : null,
    passRate: cur && cur.passes + cur.failures + cur.unfinished > 1 ? cur.passRate : null,
    reasonBefore: base?.reason ?? null,
    reasonAfter: cur?.reason ?? null,
    durationBefore: base?.duration ?? null,
    durationAfter: cur?.duration ?? null,
    detail: null,
    known: null,
  };
}

/** Durations compare only like with like: same concurrency, node count and flavor where both say. */
function durationCheck(base: BaselineContext, run: BaselineContext, rel: number, abs: number): DurationCheck {
  const differs: string[] = [];
  const fields: [keyof BaselineContext, string][] = [
    ['concurrency', 'concurrency'],
    ['nodes', 'node count'],
    ['flavor', 'flavor'],
  ];
  for (const [field, label] of fields) {
    const a = base[field];
    const b = run[field];
    if (a !== null && b !== null && a !== b) differs.push(`${label} ${a} in the baseline, ${b} now`);
  }
  return {
    compared: differs.length === 0,
    skippedReason: differs.length ? `not like for like: ${differs.join('; ')}` : null,
    relativeThreshold: rel,
    absoluteThreshold: abs,
  };
}

function byName(a: TestChange, b: TestChange): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function methodOf(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The pairing: for each run test (by index) the index of its baseline test, or -1. */
export interface Matching {
  pairOf: Int32Array;
  /** 1 where the baseline test (by index) has a partner. */
  taken: Uint8Array;
  matched: number;
}

/**
 * Pair run tests with baseline tests, idempotent id first, then name:
 * 1. same idempotent id and same name (nearly every test);
 * 2. same idempotent id under another name (renamed or moved). Ids are not unique — a Tempest
 *    subclass inherits its parent's tests with their ids — so an id shared by several unmatched
 *    tests pairs only where it is one-to-one, or where the method name tells them apart;
 * 3. same name, for tests without an id or whose id changed.
 * Index arrays rather than object-keyed maps: this runs on 100,000-test runs.
 */
export function matchTests(base: readonly BaselineTest[], run: readonly BaselineTest[], found?: Pick<RunSummary, 'index' | 'readAgainst'>): Matching {
  const pairOf = new Int32Array(run.length).fill(-1);
  const taken = new Uint8Array(base.length);
  let matched = 0;
  const pair = (c: number, b: number): void => {
    pairOf[c] = b;
    taken[b] = 1;
    matched++;
  };
  const runOf = runPositions(base, run, found);
  let unmatchedWithId = 0;
  for (let b = 0; b < base.length; b++) {
    const bt = base[b] as BaselineTest;
    if (bt.idempotentId === null) continue;
    const c = runOf(b);
    if (c !== undefined && (run[c] as BaselineTest).name !== bt.name)
      throw new Error('the run summary index does not match its tests (tests changed after summarizeRuns)');
    if (c !== undefined && pairOf[c] === -1 && (run[c] as BaselineTest).idempotentId === bt.idempotentId) pair(c, b);
    else unmatchedWithId++;
  }
  if (unmatchedWithId > 0) {
    const baseById = new Map<string, number[]>();
    const runById = new Map<string, number[]>();
    for (let b = 0; b < base.length; b++) {
      const id = (base[b] as BaselineTest).idempotentId;
      if (id !== null && taken[b] === 0) pushTo(baseById, id, b);
    }
    for (let c = 0; c < run.length; c++) {
      const id = (run[c] as BaselineTest).idempotentId;
      if (id !== null && pairOf[c] === -1) pushTo(runById, id, c);
    }
    for (const [id, cs] of runById) {
      const bs = baseById.get(id);
      if (bs === undefined) continue;
      if (bs.length === 1 && cs.length === 1) {
        pair(cs[0] as number, bs[0] as number);
        continue;
      }
      const byMethod = new Map<string, number[]>();
      for (const b of bs) pushTo(byMethod, methodOf((base[b] as BaselineTest).name), b);
      const runMethods = new Map<string, number>();
      for (const c of cs) {
        const m = methodOf((run[c] as BaselineTest).name);
        runMethods.set(m, (runMethods.get(m) ?? 0) + 1);
      }
      for (const c of cs) {
        const m = methodOf((run[c] as BaselineTest).name);
        const candidates = byMethod.get(m);
        if (candidates?.length === 1 && runMethods.get(m) === 1) pair(c, candidates[0] as number);
      }
    }
  }
  for (let b = 0; b < base.length; b++) {
    if (taken[b] === 1) continue;
    const name = (base[b] as BaselineTest).name;
    const c = runOf(b);
    if (c !== undefined && (run[c] as BaselineTest).name !== name)
      throw new Error('the run summary index does not match its tests (tests changed after summarizeRuns)');
    if (c !== undefined && pairOf[c] === -1) pair(c, b);
  }
  return { pairOf, taken, matched };
}

/**
 * Where in the run the test of baseline test b's name is. A run read against these very baseline
 * tests (RunSummary.readAgainst) says so without a lookup; else the run's name index from
 * summarizeRuns serves (one 100,000-entry map fewer), else one is built here.
 */
function runPositions(
  base: readonly BaselineTest[],
  run: readonly BaselineTest[],
  found?: Pick<RunSummary, 'index' | 'readAgainst'>,
): (b: number) => number | undefined {
  const against = found?.readAgainst;
  if (against !== undefined && against.tests === base) {
    const at = against.runAt;
    return (b) => {
      const c = at[b] as number;
      return c === -1 ? undefined : c;
    };
  }
  let byName = found?.index !== undefined && found.index.size === run.length ? found.index : undefined;
  if (byName === undefined) {
    const built = new Map<string, number>();
    for (let c = 0; c < run.length; c++) built.set((run[c] as BaselineTest).name, c);
    byName = built;
  }
  const index = byName;
  return (b) => index.get((base[b] as BaselineTest).name);
}

/** Compare a run (summarised with `summarizeRuns`) with a baseline. */
export function compareRuns(baseline: Baseline, run: RunSummary, options: CompareOptions): CompareDiff {
  const rel = options.relativeThreshold ?? 0.5;
  const abs = options.absoluteThreshold ?? 5;
  const durations = durationCheck(baseline.context, run.context, rel, abs);
  const known = new KnownFailureMatcher(options.knownFailures ?? null, options.today);

  const { pairOf, taken, matched } = matchTests(baseline.tests, run.tests, run);

  const lists = {
    regressions: [] as TestChange[],
    neverFinished: [] as TestChange[],
    newFailing: [] as TestChange[],
    stillFailing: [] as TestChange[],
    flaky: [] as TestChange[],
    fixes: [] as TestChange[],
    skipChanges: [] as TestChange[],
    added: [] as TestChange[],
    removed: [] as TestChange[],
    durations: [] as TestChange[],
  };
  const counts: DiffCounts = {
    baseline: baseline.tests.length,
    run: run.tests.length,
    matched,
    regressions: 0,
    fixes: 0,
    stillFailing: 0,
    new: 0,
    newFailing: 0,
    removed: 0,
    skipChanges: 0,
    neverFinished: 0,
    flaky: 0,
    known: 0,
    slower: 0,
    faster: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
  };

  const explain = (ch: TestChange): TestChange => {
    ch.detail = run.details[ch.name] ?? null;
    ch.known = known.match(ch.name, ch.detail);
    if (ch.known) counts.known++;
    return ch;
  };

  for (let ci = 0; ci < run.tests.length; ci++) {
    const c = run.tests[ci] as BaselineTest;
    const bi = pairOf[ci] ?? -1;
    const b = bi === -1 ? null : (baseline.tests[bi] as BaselineTest);
    const now = c.outcome;
    if (now === 'pass' || now === 'flaky') counts.passed++;
    else if (now === 'skip') counts.skipped++;
    else counts.failed++;

    if (b === null) {
      counts.new++;
      if (now === 'unfinished') lists.neverFinished.push(explain(change('never-finished', c, null)));
      else if (now === 'fail') lists.newFailing.push(explain(change('new', c, null)));
      else if (now === 'flaky') lists.flaky.push(explain(change('flaky', c, null)));
      else lists.added.push(change('new', c, null));
      continue;
    }
    const before = b.outcome;
    if (now === 'unfinished') {
      lists.neverFinished.push(explain(change('never-finished', c, b)));
    } else if (now === 'flaky') {
      lists.flaky.push(explain(change('flaky', c, b)));
    } else if (now === 'fail') {
      if (before === 'pass' || before === 'skip') lists.regressions.push(explain(change('regression', c, b)));
      else if (before === 'flaky') lists.flaky.push(explain(change('flaky', c, b)));
      else lists.stillFailing.push(explain(change('still-failing', c, b)));
    } else if (now === 'pass') {
      if (FAILING.has(before)) lists.fixes.push(change('fix', c, b));
      else if (before === 'skip') lists.skipChanges.push(change('skip-change', c, b));
      else if (durations.compared && c.duration !== null && b.duration !== null) {
        const delta = c.duration - b.duration;
        if (Math.abs(delta) >= abs && Math.abs(delta) >= rel * b.duration) {
          lists.durations.push(change(delta > 0 ? 'slower' : 'faster', c, b));
        }
      }
    } else if (now === 'skip') {
      if (before !== 'skip' || (b.reason ?? '') !== (c.reason ?? '')) lists.skipChanges.push(change('skip-change', c, b));
    }
  }
  baseline.tests.forEach((b, i) => {
    if (taken[i] === 0) lists.removed.push(change('removed', null, b));
  });

  for (const list of Object.values(lists)) list.sort(byName);
  // Biggest duration changes first: a reader looks at the top few.
  lists.durations.sort((x, y) => Math.abs((y.durationAfter ?? 0) - (y.durationBefore ?? 0)) - Math.abs((x.durationAfter ?? 0) - (x.durationBefore ?? 0)));

  counts.regressions = lists.regressions.length;
  counts.fixes = lists.fixes.length;
  counts.stillFailing = lists.stillFailing.length;
  counts.newFailing = lists.newFailing.length;
  counts.removed = lists.removed.length;
  counts.skipChanges = lists.skipChanges.length;
  counts.neverFinished = lists.neverFinished.length;
  counts.flaky = lists.flaky.length;
  counts.slower = lists.durations.filter((d) => d.kind === 'slower').length;
  counts.faster = lists.durations.length - counts.slower;

  const failOn = options.failOn ?? 'regressions';
  const partial = {
    schema: DIFF_SCHEMA as typeof DIFF_SCHEMA,
    baseline: { context: baseline.context, runs: baseline.runs, created: baseline.created, label: options.baselineLabel ?? null },
    run: { context: run.context, label: options.runLabel ?? null },
    counts,
    ...lists,
    durationCheck: durations,
    expiredKnownFailures: known.expiredEntries(),
    interop: options.interop ?? null,
  };
  return { ...partial, verdict: applyPolicy(partial, failOn) };
}
