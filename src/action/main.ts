// The action's main step. Reads its inputs, runs the engine, reports.
import * as core from '@actions/core';
import { readSettings } from './inputs.ts';
import { parseFile, damageLine } from '../cli/commands/parse.ts';
import { renderResultsText } from '../core/render/results-text.ts';
import { UserError } from '../core/errors.ts';

export async function run(): Promise<void> {
  try {
    const settings = readSettings();
    core.startGroup(`Parse ${settings.results}`);
    const results = await parseFile(settings.results, process.stdin);
    core.info(renderResultsText(results, { source: settings.results }));
    core.endGroup();
    core.setOutput('tests', results.tests.length);
    core.setOutput('failures', results.counts.fail + results.counts.uxsuccess);
    core.setOutput('result', results.counts.fail + results.counts.uxsuccess > 0 ? 'fail' : 'pass');
    const damage = damageLine(settings.results, results);
    if (damage) core.setFailed(damage);
  } catch (err) {
    core.setFailed(err instanceof UserError ? err.message : `internal error: ${(err as Error).message}`);
  }
}

await run();
