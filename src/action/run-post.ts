// The action's post step (runs with post-if: always(), after success, failure, cancellation or a
// timeout of main): delete every cloud resource this run tagged. It warns, it never fails the job,
// and it never needs main to have finished.
import * as core from '@actions/core';
import type { ActionStages } from './cloud.ts';
import { readSettings } from './inputs.ts';
import { STATE } from './state.ts';

export async function runPost(options: { stages?: Partial<ActionStages> } = {}): Promise<void> {
  try {
    const stages = { ...(await import('./cloud.ts')).defaultStages, ...options.stages };
    const runId = core.getState(STATE.runId);
    if (runId === '') {
      core.info('tempest-gate post: no cloud resources were requested by this run; nothing to clean up.');
      return;
    }
    // Reading the settings again masks the secrets in this process too, before anything is logged.
    const settings = readSettings();
    core.info(`tempest-gate post: deleting the cloud resources of run '${runId}'`);
    const report = await stages.cleanup({ settings, runId, log: (l) => core.info(l), signal: new AbortController().signal });
    for (const d of report.deleted) core.info(`deleted ${d}`);
    for (const l of report.leftover) core.warning(`not deleted: ${l} (run '${runId}'; delete it with 'tempest-gate cleanup --run-id ${runId}')`);
    core.info(`tempest-gate post: ${report.deleted.length} deleted, ${report.leftover.length} left over.`);
  } catch (err) {
    core.warning(`tempest-gate post: cleanup failed: ${(err as Error).message}`);
  }
}
