// The judge stage: a run (and its reruns) compared with its baseline, or with none, and the
// gate's one verdict (core/compare/policy.ts gateVerdict). The CLI's compare and report verbs,
// the Action and the Zuul job (through the CLI) all take pass or fail from here.
import {
  compareRuns,
  emptyBaseline,
  EMPTY_CONTEXT,
  gateVerdict,
  summarizeRuns,
  type BaselineContext,
  type CompareDiff,
  type FailOn,
  type GateVerdict,
  type KnownFailures,
  type RunSummary,
} from '../core/compare/index.ts';
import { knownTests, type RanTests } from '../core/compare/baseline.ts';
import { compareInterop, passedInBaseline, passedTests, scoreGuideline, type Guideline, type InteropScore } from '../core/interop/index.ts';
import { namesThatRan, type RunResults } from '../core/results/model.ts';
import { baselineInScope } from '../core/compare/scope.ts';
import { testIdsOf } from '../core/select/stestr.ts';
import { readText } from '../edges/files.ts';
import type { LoadedBaseline } from './baseline.ts';

export interface JudgeOptions {
  /** The run, then its reruns of failed tests (a test that failed, then passed, is flaky). */
  runs?: RunResults[];
  /**
   * Instead of `runs`' records, the same runs summarised as they were read (summarizeRunFiles:
   * the compare verb's path, with no record per passing test); `ran` is needed with guidelines.
   */
  summarized?: { summary: RunSummary; ran: RanTests | null };
  /** One line per damaged input of the run. */
  damage?: readonly string[];
  /** Null: no baseline, every failure counts. */
  baseline: LoadedBaseline | null;
  failOn: FailOn;
  knownFailures?: KnownFailures | null;
  guidelines?: readonly Guideline[];
  /** Today (YYYY-MM-DD, UTC) for known-failure expiry, and now (ISO 8601): the caller's clock. */
  today: string;
  now: string;
  context?: Partial<BaselineContext>;
  relativeThreshold?: number;
  absoluteThreshold?: number;
  runLabel?: string | null;
  /** An infrastructure failure after which the results are partial. */
  infrastructure?: string | null;
  /** The Interop target to weigh against the baseline (default: the guideline's first, the platform). */
  interopTarget?: string;
  /**
   * The tests the run was asked to run (the selection's ids): the baseline is cut to them, so a
   * baseline test the change did not select is not "removed". Null or absent: the whole baseline.
   */
  selected?: readonly string[] | null;
}

export interface Judgement {
  diff: CompareDiff;
  verdict: GateVerdict;
  /** One score per guideline given; the diff carries the first. */
  interop: InteropScore[];
  hasBaseline: boolean;
  /** Baseline tests left out of the comparison because the selection does not hold them. */
  notSelected: number;
}

export function judgeRuns(options: JudgeOptions): Judgement {
  const given = options.summarized;
  if (given && options.guidelines?.length && given.ran === null) throw new Error('internal: judgeRuns with guidelines needs the runs summarised with interop');
  const passed = options.guidelines?.length ? (given ? (given.ran?.passed ?? null) : passedTests(options.runs ?? [])) : null;
  const interop = passed ? (options.guidelines ?? []).map((g) => scoreGuideline(g, passed)) : [];
  const base = options.baseline;
  // Records are read against the baseline they are compared with, as the compare verb reads a stream (SummarizerOptions.known).
  const summary = given
    ? given.summary
    : summarizeRuns(
        options.runs ?? [],
        { context: { ...EMPTY_CONTEXT, ...options.context } },
        { known: base && !options.selected ? (knownTests(base.baseline.tests) ?? undefined) : undefined },
      );
  const scoped = base && options.selected ? baselineInScope(base.baseline, options.selected) : null;
  const diff = compareRuns(scoped ? scoped.baseline : base ? base.baseline : emptyBaseline(options.now), summary, {
    failOn: options.failOn,
    knownFailures: options.knownFailures ?? null,
    today: options.today,
    ...(options.relativeThreshold !== undefined ? { relativeThreshold: options.relativeThreshold } : {}),
    ...(options.absoluteThreshold !== undefined ? { absoluteThreshold: options.absoluteThreshold } : {}),
    baselineLabel: base ? base.source : 'no baseline',
    runLabel: options.runLabel ?? null,
    interop: interop[0] ?? null,
  });
  const verdict = gateVerdict({
    diff,
    hasBaseline: base !== null,
    damage: [...(base?.damage ?? []), ...(options.damage ?? [])],
    infrastructure: options.infrastructure ?? null,
  });
  const guideline = options.guidelines?.[0];
  if (guideline && base && passed) {
    const before = passedInBaseline(base.baseline.tests);
    const ran = given?.ran?.ran ?? namesThatRan((options.runs ?? []).flatMap((r) => r.tests));
    diff.interopChange = compareInterop(guideline, options.interopTarget ?? guideline.targets[0]?.name ?? 'platform', before, passed, ran);
  }
  // Every renderer shows diff.verdict: it carries the gate's verdict, not the policy's alone.
  diff.verdict = { ...diff.verdict, failed: verdict.result !== 'pass', reason: verdict.reason, blocking: verdict.blocking };
  return { diff, verdict, interop, hasBaseline: base !== null, notSelected: scoped?.outOfScope ?? 0 };
}

/** The selected test ids of include lists or test lists (`--selected FILE`, repeatable); null for none. */
export async function readSelected(files: readonly string[]): Promise<string[] | null> {
  if (files.length === 0) return null;
  const ids: string[] = [];
  for (const f of files) ids.push(...testIdsOf(await readText(f)));
  return ids;
}
