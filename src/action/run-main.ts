// The action's main step: read the settings, get results (a result file, the cloud run, or a
// finished report from another run's artifact), judge them, publish the report, set the outputs.
import * as core from '@actions/core';
import { UserError, EXIT } from '../core/errors.ts';
import { newRunId } from '../core/provision/plan.ts';
import type { RunResults } from '../core/results/model.ts';
import { FAILING_STATUSES } from '../core/results/model.ts';
import { redact, type Verdict } from '../core/render/pr-report.ts';
import { parseFile, damageLine } from '../cli/commands/parse.ts';
import type { GitHubClient } from '../edges/github/client.ts';
import { writeJobSummary } from '../edges/github/summary.ts';
import { readSettings, requireCloudInputs, type ActionSettings } from './inputs.ts';
import { publishReport, type PublishOutcome, type Report } from './publish.ts';
import { readBundle } from './report-bundle.ts';
import { defaultStages, type Stages, type CompareOutcome, type LoadedReference } from './stages.ts';
import { STATE } from './state.ts';

export const FORK_HELP =
  'This pull request comes from a fork, and GitHub does not give a fork\'s workflow run the cloud credentials ' +
  '(nor a token that may comment). The gate did not run. A maintainer can run it in a trusted context and publish it ' +
  'with the workflow_run reporting workflow: see docs/action.md, "Pull requests from forks".';

export interface MainOptions {
  stages?: Stages;
  /** A client to use instead of creating one (benchmarks). */
  client?: GitHubClient;
}

export async function runMain(options: MainOptions = {}): Promise<void> {
  const stages = options.stages ?? defaultStages;
  core.saveState(STATE.started, 'true');
  let settings: ActionSettings;
  try {
    settings = readSettings();
  } catch (err) {
    await fail(err, null);
    return;
  }
  try {
    if (settings.reportFrom) await publishFromArtifact(settings, stages, options.client);
    else await gate(settings, stages, options.client);
  } catch (err) {
    await fail(err, settings);
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

function verdictOnFailures(results: RunResults, failOn: ActionSettings['failOn']): { verdict: Verdict; headline: string } {
  const failing = results.tests.filter((t) => FAILING_STATUSES.has(t.status)).length;
  const unfinished = results.tests.filter((t) => t.status === 'inprogress').length;
  const failed = failing - unfinished;
  const fails = failing > 0 && failOn !== 'never';
  const parts = [failed ? `${failed} ${failed === 1 ? 'test' : 'tests'} failed` : '', unfinished ? `${unfinished} never finished` : ''].filter(Boolean);
  const headline = failing === 0 ? `All ${results.tests.length} tests passed or were skipped.` : `${parts.join(' and ')} of ${results.tests.length}.`;
  return { verdict: fails ? 'fail' : 'pass', headline: failOn === 'never' && failing ? `${headline} (fail-on: never)` : headline };
}

/** The verdict: against the baseline when there is one, else on failures; a damaged stream cannot pass. */
function judge(
  settings: ActionSettings,
  results: RunResults,
  reference: LoadedReference | null,
  damaged: boolean,
): { judged: { verdict: Verdict; headline: string }; compare: CompareOutcome | null } {
  let compare: CompareOutcome | null = null;
  let judged = verdictOnFailures(results, settings.failOn);
  if (reference) {
    compare = reference.compare({ results, failOn: settings.failOn });
    judged = { verdict: compare.verdict, headline: compare.headline };
  } else if (!settings.baseline && settings.failOn === 'regressions' && judged.verdict === 'fail') {
    // Without a baseline nothing tells a regression from an old failure: every failure counts.
    judged.headline += ' No baseline is set, so every failure counts as a regression.';
  }
  if (damaged && judged.verdict === 'pass') judged = { verdict: 'error', headline: `${judged.headline} The result stream was damaged.` };
  return { judged, compare };
}

/** A fork's `pull_request` run: its token is read-only, so the trusted reporting workflow publishes. */
function readOnlyFork(settings: ActionSettings): boolean {
  return settings.context.pullRequest?.fromFork === true && settings.context.eventName === 'pull_request';
}

function prOf(settings: ActionSettings): Report['pullRequest'] {
  const pr = settings.context.pullRequest;
  return pr ? { number: pr.number, headSha: pr.headSha } : null;
}

/** Publish a report that has no results (not run, nothing to run) and set the outputs. */
async function publishWithoutResults(settings: ActionSettings, report: Report, client: GitHubClient | undefined): Promise<void> {
  const out = await publishReport(settings, report, { github: !readOnlyFork(settings), artifact: true }, client);
  setOutputs(report, out, 0, null);
}

/**
 * Select, provision and run on the cloud. Returns the results file, or null when the step is
 * over (a fork without credentials, or nothing to run: both already published).
 */
async function runOnCloud(
  settings: ActionSettings,
  stages: Stages,
  problems: string[],
  client: GitHubClient | undefined,
): Promise<{ resultsPath: string; selectedCount: number } | null> {
  const pr = settings.context.pullRequest;
  if (!settings.cloud) {
    if (pr?.fromFork) {
      // Not an obscure failure: say what to do, in the log and the summary. The bundle (with no
      // results) still goes up, so the workflow_run reporting workflow can tell the contributor.
      core.error(FORK_HELP);
      const headline = 'Not run: this pull request comes from a fork.';
      await publishWithoutResults(settings, { results: null, verdict: 'skipped', headline, problems: [FORK_HELP], compare: null, pullRequest: prOf(settings), rawResultsPath: null }, client);
      core.setFailed('tempest-gate did not run: pull request from a fork without cloud credentials (see the job summary).');
      return null;
    }
    throw new UserError(
      "no cloud credentials: set input 'clouds-yaml' (a secret) and 'cloud', or the OS_* environment variables; or set 'results' to report an existing result file",
      { exitCode: EXIT.usage },
    );
  }
  requireCloudInputs(settings);
  if (!stages.cloud) throw new UserError("this build has no cloud stage; set 'results' to report an existing result file", { exitCode: EXIT.internal });
  const selection = await stages.cloud.select({ settings, log: (l) => core.info(l) });
  core.info(`Selection: ${selection.summary}`);
  if (selection.conclusion === 'skip') {
    // Nothing in the change needs Tempest (e.g. docs only): nothing is provisioned; say why.
    const headline = `Nothing to run: ${selection.summary}.`;
    await publishWithoutResults(settings, { results: null, verdict: 'pass', headline, problems, compare: null, pullRequest: prOf(settings), rawResultsPath: null }, client);
    return null;
  }
  // Saved before anything is created: the post step cleans up by this id even if main dies mid-way.
  const runId = newRunId(Date.now(), Math.random);
  core.saveState(STATE.runId, runId);
  if (settings.cloud.name) core.saveState(STATE.cloudName, settings.cloud.name);
  core.info(`Run id ${runId}: every cloud resource of this run carries it.`);
  const run = await stages.cloud.provisionAndRun({ settings, selection, runId, log: (l) => core.info(l) });
  if (run.problem) problems.push(run.problem);
  return { resultsPath: run.resultsPath, selectedCount: selection.selectedCount };
}

async function gate(settings: ActionSettings, stages: Stages, client: GitHubClient | undefined): Promise<void> {
  const problems: string[] = [];
  // The baseline is loaded first: an unknown one is bad input, said before an hour on the cloud.
  let reference: LoadedReference | null = null;
  if (settings.baseline) {
    if (!stages.compare) problems.push("input 'baseline' is set, but this build has no compare engine: judged on failures alone");
    else {
      reference = await stages.compare.load({ settings, workspace: process.cwd() });
      core.info(`Baseline: ${reference.source}`);
    }
  }
  let resultsPath = settings.results;
  let selectedCount: number | null = null;
  if (!resultsPath) {
    const ran = await runOnCloud(settings, stages, problems, client);
    if (!ran) return;
    ({ resultsPath, selectedCount } = ran);
  }

  core.startGroup(`Read ${resultsPath}`);
  const results = await parseFile(resultsPath, process.stdin);
  core.endGroup();
  const damage = damageLine(resultsPath, results);
  if (damage) problems.push(damage);
  const { judged, compare } = judge(settings, results, reference, damage !== null);
  const report: Report = {
    results,
    verdict: judged.verdict,
    headline: judged.headline,
    problems,
    compare: compare ? { markdown: compare.markdown, regressions: compare.regressions, fixes: compare.fixes } : null,
    pullRequest: prOf(settings),
    rawResultsPath: resultsPath,
  };
  if (readOnlyFork(settings)) core.notice('Pull request from a fork: the report is uploaded as an artifact for the workflow_run reporting workflow to publish.');
  const out = await publishReport(settings, report, { github: !readOnlyFork(settings), artifact: true }, client);
  setOutputs(report, out, selectedCount ?? results.tests.length, compare);
  if (out.problems.length > problems.length) {
    core.setFailed(`tempest-gate could not publish everything: ${out.problems[problems.length]}`);
  } else if (judged.verdict !== 'pass') {
    core.setFailed(`tempest-gate: ${redact(judged.headline, settings.secrets)}`);
  }
}

function setOutputs(report: Report, out: PublishOutcome, selected: number, compare: CompareOutcome | null): void {
  const failing = report.results ? report.results.tests.filter((t) => FAILING_STATUSES.has(t.status)).length : 0;
  core.setOutput('result', report.verdict);
  core.setOutput('regressions', compare ? compare.regressions : failing);
  core.setOutput('fixes', compare ? compare.fixes : 0);
  core.setOutput('selected-count', selected);
  core.setOutput('report-path', out.reportPath);
  if (out.commentUrl) core.setOutput('comment-url', out.commentUrl);
  if (out.checkRunId !== null) core.setOutput('check-run-id', out.checkRunId);
}

/**
 * The trusted half of the fork-safe setup (a `workflow_run` workflow): publish a report bundle
 * made by the untrusted run. The bundle says which PR it is for; that claim is checked against
 * the workflow_run event and GitHub before anything is posted.
 */
async function publishFromArtifact(settings: ActionSettings, stages: Stages, client: GitHubClient | undefined): Promise<void> {
  const dir = settings.reportFrom ?? '';
  const { manifest, results } = await readBundle(dir);
  const ctx = settings.context;
  if (!manifest.pullRequest) throw new UserError(`input 'report-from': the report in ${dir} is not for a pull request; nothing to publish`, { exitCode: EXIT.badInput });
  const wr = ctx.workflowRun;
  if (!wr) {
    throw new UserError("input 'report-from' is for a workflow triggered by `workflow_run` (the event has no workflow_run)", { exitCode: EXIT.usage });
  }
  if (wr.headSha !== manifest.pullRequest.headSha) {
    throw new UserError(
      `input 'report-from': the report is for commit ${manifest.pullRequest.headSha.slice(0, 12)}, but the workflow run that made it built ${wr.headSha.slice(0, 12)}; not publishing`,
      { exitCode: EXIT.badInput },
    );
  }
  const { createGitHubClient, explainGitHubError } = await import('../edges/github/client.ts');
  const gh = client ?? createGitHubClient({ token: settings.githubToken, baseUrl: ctx.apiUrl, log: (l) => core.info(l) });
  const where = `pull request #${manifest.pullRequest.number}`;
  let headSha: string;
  try {
    const pull = await gh.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: manifest.pullRequest.number });
    headSha = pull.data.head.sha;
  } catch (err) {
    throw explainGitHubError(err, 'pull request', where);
  }
  if (headSha !== wr.headSha) {
    throw new UserError(`input 'report-from': ${where} is at ${headSha.slice(0, 12)}, not at the reported commit ${wr.headSha.slice(0, 12)}; not publishing`, {
      exitCode: EXIT.badInput,
    });
  }
  // The bundle came from an untrusted run: its verdict and Markdown are not reused. The verdict is
  // judged again here from its results (against this workflow's baseline, when one is set).
  let report: Report;
  if (results) {
    let reference: LoadedReference | null = null;
    if (settings.baseline && stages.compare) reference = await stages.compare.load({ settings, workspace: process.cwd() });
    const { judged, compare } = judge(settings, results, reference, results.damage.length > 0);
    report = {
      results,
      verdict: judged.verdict,
      headline: judged.headline,
      problems: manifest.problems,
      compare: compare ? { markdown: compare.markdown, regressions: compare.regressions, fixes: compare.fixes } : null,
      pullRequest: manifest.pullRequest,
      rawResultsPath: null,
    };
  } else {
    // Nothing ran (skipped or an error before the run): there is nothing to judge, only to say.
    report = { results: null, verdict: manifest.verdict === 'pass' ? 'error' : manifest.verdict, headline: manifest.headline, problems: manifest.problems, compare: null, pullRequest: manifest.pullRequest, rawResultsPath: null };
  }
  const out = await publishReport(settings, report, { github: true, artifact: false }, gh);
  core.setOutput('result', report.verdict);
  core.setOutput('report-path', out.reportPath);
  if (out.commentUrl) core.setOutput('comment-url', out.commentUrl);
  if (out.checkRunId !== null) core.setOutput('check-run-id', out.checkRunId);
  if (out.problems.length > report.problems.length) core.setFailed(`tempest-gate could not publish everything: ${out.problems[report.problems.length]}`);
}
