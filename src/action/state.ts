// Every key the main step saves for the post step (core.saveState / core.getState), in one place.
export const STATE = {
  /** Set by main as soon as it starts: the post step knows main ran (even if it crashed later). */
  started: 'tempest-gate-started',
  /** The run id every cloud resource of this run is marked with; cleanup deletes by it. Saved before provisioning starts. */
  runId: 'tempest-gate-run-id',
  /** The cloud name (not credentials: the post step reads those from its own inputs again). */
  cloudName: 'tempest-gate-cloud-name',
} as const;

export type StateKey = (typeof STATE)[keyof typeof STATE];
