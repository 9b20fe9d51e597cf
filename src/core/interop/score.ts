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
