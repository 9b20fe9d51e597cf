// The stages the action drives that other parts of tempest-gate implement: provisioning and
// running Tempest on the cloud (src/edges/openstack, issue 8 / 7), cleanup, and the baseline
// comparison (src/core/compare, issue 4). The action calls them only through these small
// interfaces; `defaultStages` plugs the implementations in, and tests give their own.
import type { RunResults } from '../core/results/model.ts';
import type { ActionSettings, FailOn } from './inputs.ts';

export interface Selection {
  /** 'skip': nothing in the change needs Tempest (e.g. docs only); nothing is provisioned. */
  conclusion: 'run' | 'skip';
  /** The selection in one line ("1211 of 1646 tests selected ... by compute"). */
  summary: string;
  selectedCount: number;
  /** Include lists written for `tempest run`. */
  parallelList: string | null;
  serialList: string | null;
}

export interface CloudRun {
  /** Path of the subunit v2 stream brought back from the controller. */
  resultsPath: string;
  /** Something went wrong after some tests finished (they are still reported). */
  problem?: string;
}

export interface CloudStage {
  /** Select the tests the change needs. Creates nothing in the cloud. */
  select(options: { settings: ActionSettings; log: (line: string) => void }): Promise<Selection>;
  /** Provision the nodes (every resource marked with `runId`), run the selection, bring back the results. */
  provisionAndRun(options: { settings: ActionSettings; selection: Selection; runId: string; log: (line: string) => void }): Promise<CloudRun>;
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

// Implementations load on first use (their own chunks in dist/): start-up only pays for what runs.
export const defaultStages: Stages = {
  cloud: {
    select: async (o) => (await import('./cloud-stage.ts')).verbCloudStage.select(o),
    provisionAndRun: async (o) => (await import('./cloud-stage.ts')).verbCloudStage.provisionAndRun(o),
  },
  cleanup: { cleanup: async (o) => (await import('./cloud-cleanup.ts')).openstackCleanup.cleanup(o) },
  compare: { load: async (o) => (await import('./compare-stage.ts')).compareStage.load(o) },
};
