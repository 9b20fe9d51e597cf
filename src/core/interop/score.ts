// Score a run against a guideline the way RefStack's results report does
// (refstack-ui resultsReportController.js, buildCapabilitiesObject):
// - per target (platform or add-on), each capability takes the most important status any of the
//   target's components gives it (required > advisory > deprecated > removed);
// - a test counts as passed when its name, one of its aliases, or its idempotent id passed;
// - flagged tests are counted in the totals and also apart (flagPassCount/flagFailCount);
// - percent = passed * 100 / count; nonFlaggedPercent counts only tests that are not flagged.
import type { RunResults } from '../results/model.ts';
import {
  CAPABILITY_STATUSES,
  type CapabilityScore,
  type CapabilityStatus,
  type ComponentScore,
  type Guideline,
  type InteropScore,
  type StatusScore,
  type TargetScore,
} from './model.ts';

/** What passed in a run: test names (without attributes) and idempotent ids. */
export interface PassedTests {
  names: Set<string>;
  ids: Set<string>;
}

/** Tests with status success in any of the runs (RefStack counts only successes). */
export function passedTests(runs: RunResults[]): PassedTests {
  const names = new Set<string>();
  const ids = new Set<string>();
  for (const run of runs) {
    for (const t of run.tests) {
      if (t.status !== 'success') continue;
      names.add(t.name);
      if (t.idempotentId !== null) ids.add(t.idempotentId);
    }
  }
  return { names, ids };
}

/** Tests a baseline records as passed (outcome pass), in the same terms as passedTests. */
export function passedInBaseline(tests: readonly { name: string; idempotentId: string | null; outcome: string }[]): PassedTests {
  const names = new Set<string>();
  const ids = new Set<string>();
  for (const t of tests) {
    if (t.outcome !== 'pass') continue;
    names.add(t.name);
    if (t.idempotentId !== null) ids.add(t.idempotentId);
  }
  return { names, ids };
}

const PRIORITY: Record<CapabilityStatus, number> = { required: 1, advisory: 2, deprecated: 3, removed: 4 };

function emptyStatus(): StatusScore {
  return { count: 0, passed: 0, flaggedPassed: 0, flaggedFailed: 0, percent: null, nonFlaggedPercent: null };
}

function finish(s: StatusScore): void {
  s.percent = s.count === 0 ? null : (s.passed * 100) / s.count;
  // RefStack: nonFlagPassCount = (count - flagged) - ((count - passed) - flagFailCount).
  const nonFlagged = s.count - s.flaggedPassed - s.flaggedFailed;
  const nonFlaggedPassed = s.passed - s.flaggedPassed;
  s.nonFlaggedPercent = nonFlagged === 0 ? null : (nonFlaggedPassed * 100) / nonFlagged;
}

function scoreCapability(g: Guideline, name: string, status: CapabilityStatus, passed: PassedTests): CapabilityScore {
  const cap = g.capabilities[name];
  const out: CapabilityScore = { name, status, passed: [], notPassed: [], flagged: [], met: true };
  for (const t of cap?.tests ?? []) {
    const ok = passed.names.has(t.name) || t.aliases.some((a) => passed.names.has(a)) || (t.idempotentId !== null && passed.ids.has(t.idempotentId));
    (ok ? out.passed : out.notPassed).push(t.name);
    if (t.flagged !== null) out.flagged.push(t.name);
    else if (!ok) out.met = false;
  }
  return out;
}

function tally(byStatus: Record<CapabilityStatus, StatusScore>, cap: CapabilityScore): void {
  const s = byStatus[cap.status];
  const flagged = new Set(cap.flagged);
  s.count += cap.passed.length + cap.notPassed.length;
  s.passed += cap.passed.length;
  for (const t of cap.passed) if (flagged.has(t)) s.flaggedPassed++;
  for (const t of cap.notPassed) if (flagged.has(t)) s.flaggedFailed++;
}

function statusRecord(): Record<CapabilityStatus, StatusScore> {
  return { required: emptyStatus(), advisory: emptyStatus(), deprecated: emptyStatus(), removed: emptyStatus() };
}

export function scoreGuideline(g: Guideline, passed: PassedTests): InteropScore {
  const targets: TargetScore[] = g.targets.map((target) => {
    const statusOf = new Map<string, CapabilityStatus>();
    for (const comp of target.components) {
      const c = g.components[comp];
      if (!c) continue;
      for (const status of CAPABILITY_STATUSES) {
        for (const cap of c.capabilities[status]) {
          const prev = statusOf.get(cap);
          if (prev === undefined || PRIORITY[status] < PRIORITY[prev]) statusOf.set(cap, status);
        }
      }
    }
    const byStatus = statusRecord();
    const capabilities: CapabilityScore[] = [];
    for (const [cap, status] of statusOf) {
      const cs = scoreCapability(g, cap, status, passed);
      tally(byStatus, cs);
      capabilities.push(cs);
    }
    for (const status of CAPABILITY_STATUSES) finish(byStatus[status]);
    const compliant = capabilities.every((c) => c.status !== 'required' || c.met);
    return { name: target.name, kind: target.kind, byStatus, capabilities, compliant };
  });
  const components: ComponentScore[] = Object.values(g.components).map((c) => {
    const byStatus = statusRecord();
    for (const status of CAPABILITY_STATUSES) for (const cap of c.capabilities[status]) tally(byStatus, scoreCapability(g, cap, status, passed));
    for (const status of CAPABILITY_STATUSES) finish(byStatus[status]);
    return { name: c.name, byStatus };
  });
  return { guideline: g.id, targets, components };
}

/** What a change does to a target's required capabilities, against the baseline. */
export interface InteropChange {
  guideline: string;
  target: string;
  /** Required capabilities met in the baseline and not failing now (`exercised` of them ran). */
  kept: number;
  exercised: number;
  /** Met in the baseline; a test of theirs ran and did not pass. */
  lost: string[];
  /** Not met in the baseline; every test of theirs passed now. */
  gained: string[];
  required: number;
}

/**
 * A pull request runs a subset: a capability whose tests did not run is kept as the baseline had
 * it. Lost means one of its tests ran and did not pass; gained means all of them passed now.
 */
export function compareInterop(g: Guideline, target: string, baseline: PassedTests, run: PassedTests, ran: Set<string>): InteropChange {
  const t = g.targets.find((x) => x.name === target) ?? g.targets[0];
  const out: InteropChange = { guideline: g.id, target: t?.name ?? target, kept: 0, exercised: 0, lost: [], gained: [], required: 0 };
  if (!t) return out;
  const passes = (p: PassedTests, test: Guideline['capabilities'][string]['tests'][number]): boolean =>
    p.names.has(test.name) || test.aliases.some((a) => p.names.has(a)) || (test.idempotentId !== null && p.ids.has(test.idempotentId));
  const names = new Set<string>();
  for (const comp of t.components) for (const name of g.components[comp]?.capabilities.required ?? []) names.add(name);
  for (const name of [...names].sort()) {
    const tests = (g.capabilities[name]?.tests ?? []).filter((x) => x.flagged === null);
    out.required++;
    const metBefore = tests.every((x) => passes(baseline, x));
    const exercised = tests.filter((x) => ran.has(x.name) || x.aliases.some((a) => ran.has(a)));
    const failing = exercised.some((x) => !passes(run, x));
    const metNow = tests.length > 0 && tests.every((x) => passes(run, x));
    if (metBefore && failing) out.lost.push(name);
    else if (!metBefore && metNow) out.gained.push(name);
    else if (metBefore) {
      out.kept++;
      if (exercised.length) out.exercised++;
    }
  }
  return out;
}

/**
 * One line for people, read on a subset as much as on a full run: "Interop 2020.06 platform: the
 * baseline meets 45 of 78 required capabilities; this run exercised 12 of them: lost: a, b;
 * gained: c". Capabilities the run did not exercise are kept as the baseline had them.
 */
export function interopChangeLine(c: InteropChange): string {
  const met = c.kept + c.lost.length;
  const parts = [`the baseline meets ${met} of ${c.required} required capabilities; this run exercised ${c.exercised + c.lost.length} of them`];
  parts.push(c.lost.length ? `lost: ${c.lost.join(', ')}` : 'none lost');
  if (c.gained.length) parts.push(`gained: ${c.gained.join(', ')}`);
  return `Interop ${c.guideline} ${c.target}: ${parts[0]}: ${parts.slice(1).join('; ')}`;
}
