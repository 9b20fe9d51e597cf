// The action's post step (post-if: always()). Cleanup warns, never fails.
import * as core from '@actions/core';

export async function run(): Promise<void> {
  try {
    core.info('tempest-gate post: no cloud resources were created by this step.');
  } catch (err) {
    core.warning(`cleanup: ${(err as Error).message}`);
  }
}

await run();
