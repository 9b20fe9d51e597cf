// The job summary (GITHUB_STEP_SUMMARY) through core.summary. Outside a runner there is no summary
// file: say so in the log rather than fail.
import * as core from '@actions/core';

export async function writeJobSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info('GITHUB_STEP_SUMMARY is not set: no job summary written.');
    return false;
  }
  await core.summary.addRaw(markdown, true).write();
  return true;
}
