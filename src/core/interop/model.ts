// Shapes for scoring a run against an OpenStack Interop (DefCore) guideline, schema 2.0.
// Pure types; the guideline reader is guideline.ts, the scorer score.ts.

export type CapabilityStatus = 'required' | 'advisory' | 'deprecated' | 'removed';
export const CAPABILITY_STATUSES: readonly CapabilityStatus[] = ['required', 'advisory', 'deprecated', 'removed'];

export interface GuidelineTest {
  /** Fully qualified test name, the key in the guideline. */
  name: string;
  /** Lower-case uuid without the `id-` prefix, or null. */
  idempotentId: string | null;
  aliases: string[];
  /** The flag's reason when the test is flagged (`flagged`, or `flag` as the schema spells it). */
  flagged: string | null;
}

export interface Capability {
  name: string;
  project: string | null;
  admin: boolean;
  description: string | null;
  tests: GuidelineTest[];
}

export interface Component {
  name: string;
  capabilities: Record<CapabilityStatus, string[]>;
}

/** A platform (e.g. "OpenStack Powered Compute") or an add-on (e.g. "DNS"): a set of components. */
export interface Target {
  name: string;
  kind: 'platform' | 'add-on';
  components: string[];
}

export interface Guideline {
  id: string;
  schema: string;
  /** Where it was read from (for messages). */
  source: string;
  targets: Target[];
  components: Record<string, Component>;
  capabilities: Record<string, Capability>;
}

/** Passed/total counts the way RefStack's report computes them. */
export interface StatusScore {
  /** Tests counted (each test once per capability), flagged included. */
  count: number;
  passed: number;
  flaggedPassed: number;
  flaggedFailed: number;
  /** passed * 100 / count (RefStack's requiredPassPercent), or null when count is 0. */
  percent: number | null;
  /** Pass percent over tests that are not flagged (RefStack's nonFlagRequiredPassPercent). */
  nonFlaggedPercent: number | null;
}

export interface CapabilityScore {
  name: string;
  status: CapabilityStatus;
  passed: string[];
  notPassed: string[];
  flagged: string[];
  /** Every non-flagged test passed. */
  met: boolean;
}

export interface TargetScore {
  name: string;
  kind: 'platform' | 'add-on';
  byStatus: Record<CapabilityStatus, StatusScore>;
  capabilities: CapabilityScore[];
  /** Every non-flagged test of every required capability passed. */
  compliant: boolean;
}

/** A component scored on its own (the same counts, for one component). */
export interface ComponentScore {
  name: string;
  byStatus: Record<CapabilityStatus, StatusScore>;
}

export interface InteropScore {
  guideline: string;
  targets: TargetScore[];
  components: ComponentScore[];
}
