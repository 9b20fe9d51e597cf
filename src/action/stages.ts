// The stages the action drives that other parts of tempest-gate implement: provisioning and
// running Tempest on the cloud (src/edges/openstack, issue 8 / 7), cleanup, and the baseline
// comparison (src/core/compare, issue 4). The action calls them only through these small
// interfaces. SEAM: `defaultStages` is where the implementations are plugged in; a stage that
// has not landed is null and the action says so in one line instead of pretending.
import type { RunResults } from '../core/results/model.ts';
import type { ActionSettings, FailOn } from './inputs.ts';

export interface CloudRun {
  /** Path of the subunit v2 stream brought back from the controller. */
  resultsPath: string;
  /** Number of tests selected for the change. */
  selectedCount: number | null;
}

export interface CloudStage {
  /** Provision the nodes (every resource marked with `runId`), run the selected tests, bring back the results. */
  provisionAndRun(options: { settings: ActionSettings; runId: string; log: (line: string) => void }): Promise<CloudRun>;
}

export interface CleanupReport {
  /** Human-readable line per deleted or leftover resource. */
  deleted: string[];
  leftover: string[];
}

export interface CleanupStage {
  /** Delete every resource of run `runId`. Must be safe to call when nothing was created. */
  cleanup(options: { settings: ActionSettings; runId: string; log: (line: string) => void }): Promise<CleanupReport>;
}

export interface CompareOutcome {
  verdict: 'pass' | 'fail';
  headline: string;
  regressions: number;
  fixes: number;
  /** renderCompareMarkdown's output. */
  markdown: string;
}

export interface LoadedReference {
  /** Where the baseline came from, for people. */
  source: string;
  /** Judge a run against it. */
  compare(options: { results: RunResults; failOn: FailOn }): CompareOutcome;
}

export interface CompareStage {
  /**
   * Load the baseline (and known failures) before anything runs: an unknown baseline is bad input,
   * reported before any cloud resource is created (a UserError naming the input).
   */
  load(options: { settings: ActionSettings; workspace: string }): Promise<LoadedReference>;
}

export interface Stages {
  cloud: CloudStage | null;
  cleanup: CleanupStage | null;
  compare: CompareStage | null;
}

// SEAM: `cloud` is null until provision (src/edges/openstack/provisioner.ts), selection and the
// Tempest run are wired into one stage; the action then says so instead of pretending.
// Implementations load on first use (their own chunks in dist/): start-up only pays for what runs.
export const defaultStages: Stages = {
  cloud: null,
  cleanup: { cleanup: async (o) => (await import('./cloud-cleanup.ts')).openstackCleanup.cleanup(o) },
  compare: { load: async (o) => (await import('./compare-stage.ts')).compareStage.load(o) },
};
