// The action's main step: read the settings, then run the gate (gate.ts, loaded only now, so
// that start-up and a bad input stay fast); a failure outside publishing is one line in the log
// and the job summary.
import * as core from '@actions/core';
import { UserError } from '../core/errors.ts';
import { redact } from '../core/render/pr-report.ts';
import type { GitHubClient } from '../edges/github/client.ts';
import { writeJobSummary } from '../edges/github/summary.ts';
import type { ActionStages } from './cloud.ts';
import { readSettings, type ActionSettings } from './inputs.ts';
import { STATE } from './state.ts';

export interface MainOptions {
  /** Replace stages (tests); the others are the real ones. */
  stages?: Partial<ActionStages>;
  /** A client to use instead of creating one (benchmarks). */
  client?: GitHubClient;
}

export async function runMain(options: MainOptions = {}): Promise<void> {
  core.saveState(STATE.started, 'true');
  let settings: ActionSettings;
  try {
    settings = readSettings();
  } catch (err) {
    await fail(err, null);
    return;
  }
  // Job cancellation (SIGINT, then SIGTERM) stops the stages, which clean up after themselves.
  const abort = new AbortController();
  const stop = (): void => abort.abort(new Error('the job was cancelled'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let client: Promise<GitHubClient> | undefined = options.client ? Promise.resolve(options.client) : undefined;
  const github = (): Promise<GitHubClient> =>
    (client ??= import('../edges/github/client.ts').then(({ createGitHubClient }) =>
      createGitHubClient({ token: settings.githubToken, baseUrl: settings.context.apiUrl, log: (l) => core.info(l) }),
    ));
  try {
    // Loaded only now: the engine, the cloud stages and the publishing chunks.
    const [{ runGate }, { defaultStages }] = await Promise.all([import('./gate.ts'), import('./cloud.ts')]);
    await runGate({ settings, stages: { ...defaultStages, ...options.stages }, github, signal: abort.signal });
  } catch (err) {
    await fail(err, settings);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** A failure before or outside publishing: one line in the log, the same line in the job summary. */
async function fail(err: unknown, settings: ActionSettings | null): Promise<void> {
  const raw = err instanceof UserError ? err.message : `internal error: ${(err as Error).message}`;
  const line = settings ? redact(raw, settings.secrets) : raw;
  core.setOutput('result', 'error');
  core.setFailed(line);
  try {
    await writeJobSummary(`### ⚠️ tempest-gate: error\n\n${line}\n`);
  } catch (e) {
    core.warning(`could not write the job summary: ${(e as Error).message}`);
  }
}
