// The gate as the Action runs it, loaded once the settings are read (start-up stays small):
// the baseline first, then the results (a file, or the cloud run), the judge stage's one
// verdict, the report published; or a finished bundle relayed from another run.
import * as core from '@actions/core';
import { UserError, EXIT } from '../core/errors.ts';
import { notRunVerdict, type GateVerdict } from '../core/compare/policy.ts';
import type { KnownFailures } from '../core/compare/index.ts';
import { renderCompareMarkdown } from '../core/render/compare-markdown.ts';
import type { Guideline } from '../core/interop/index.ts';
import { newRunId } from '../core/provision/plan.ts';
import { FAILING_STATUSES, type RunResults } from '../core/results/model.ts';
import { redact } from '../core/render/pr-report.ts';
import type { GitHubClient } from '../edges/github/client.ts';
import { loadBaseline, loadBaselineWithFallback, loadGuidelines, loadKnownFailures, type LoadedBaseline } from '../stages/baseline.ts';
import { judgeRuns, type Judgement } from '../stages/judge.ts';
import { loadRuns } from '../stages/results.ts';
import type { ActionStages } from './cloud.ts';
import { requireCloudInputs, type ActionSettings } from './inputs.ts';
import { publishReport, type PublishOutcome, type Report } from './publish.ts';
import { readBundle } from './report-bundle.ts';
import { STATE } from './state.ts';
import { join } from 'node:path';
import type { ShardManifest } from '../core/select/shard-merge.ts';

export const FORK_HELP =
  "This pull request comes from a fork, and GitHub does not give a fork's workflow run the cloud credentials " +
  '(nor a token that may comment). The gate did not run. A maintainer can run it in a trusted context and publish it ' +
  'with the workflow_run reporting workflow: see docs/action.md, "Pull requests from forks".';

/** Room left in the comment for our header and footer around the compare Markdown. */
const COMPARE_BUDGET = 56_000;

export interface Run {
  settings: ActionSettings;
  stages: ActionStages;
  /** The one GitHub client of the step (retries and throttling), made on first use. */
  github: () => Promise<GitHubClient>;
  signal: AbortSignal;
}

/** The main step's work once the settings are read. */
export async function runGate(run: Run): Promise<void> {
  if (run.settings.reportFrom) await publishFromArtifact(run);
  else if (run.settings.mergeFrom) await mergeShardArtifacts(run);
  else await gate(run);
}

/** The baseline and known failures, loaded before anything runs: bad input is said before an hour on the cloud. */
interface Reference {
  baseline: LoadedBaseline | null;
  knownFailures: KnownFailures | null;
  guidelines: Guideline[];
  /** A line for the report when the baseline was not the one asked for (auto fell back). */
  warning: string | null;
}

async function reference(settings: ActionSettings): Promise<Reference> {
  const ctx = settings.context;
  let baseline: LoadedBaseline | null = null;
  let warning: string | null = null;
  const common = {
    store: settings.baselineStore,
    repo: process.cwd(),
    created: new Date().toISOString(),
    github: { token: settings.githubToken, repository: `${ctx.owner}/${ctx.repo}`, apiUrl: ctx.apiUrl },
    log: (l: string) => core.info(l),
  };
  const asked = settings.baseline ?? (settings.baselineCandidates.length ? 'auto' : null);
  try {
    if (settings.baseline) baseline = await loadBaseline({ ...common, ref: settings.baseline });
    else if (settings.baselineCandidates.length) {
      // auto: the base branch's baseline, else master's, else none; the report says which.
      const r = await loadBaselineWithFallback({ ...common, candidates: settings.baselineCandidates });
      baseline = r.loaded;
      warning = r.warning;
    }
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`input 'baseline' ('${asked}'): ${err.message}`, { exitCode: err.exitCode, cause: err });
    throw err;
  }
  if (baseline) core.info(`Baseline: ${baseline.source}`);
  if (warning) core.warning(`baseline: ${warning}`);
  let knownFailures: KnownFailures | null;
  try {
    knownFailures = await loadKnownFailures(settings.knownFailures);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`input 'known-failures': ${err.message}`, { exitCode: err.exitCode, cause: err });
    throw err;
  }
  let guidelines: Guideline[];
  try {
    guidelines = await loadGuidelines(settings.guidelines);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`input 'guideline': ${err.message}`, { exitCode: err.exitCode, cause: err });
    throw err;
  }
  return { baseline, knownFailures, guidelines, warning };
}

/**
 * The reference, or, when a file or store it names cannot be read (bad input, not a malformed
 * input spec), a report without results that says so on the pull request: the comment and the
 * check run name the input and the place, and the verdict is an error, never a pass. Nothing is
 * provisioned for a run that could not be judged. Null: the step is over.
 */
async function referenceOrReport(run: Run, shard: ShardManifest | null = null): Promise<Reference | null> {
  try {
    return await reference(run.settings);
  } catch (err) {
    if (!(err instanceof UserError) || err.exitCode !== EXIT.badInput) throw err;
    const line = redact(err.message, run.settings.secrets);
    core.error(line);
    await publishWithoutResults(run, notRunVerdict({ badInput: line }), [line], shard);
    core.setFailed(line);
    core.setOutput('result', 'error');
    return null;
  }
}

/** The step's prologue: the reference, its warning the first of the step's problems; null: the step is over (referenceOrReport). */
async function startJudged(run: Run): Promise<{ ref: Reference; problems: string[] } | null> {
  const ref = await referenceOrReport(run);
  if (!ref) return null;
  return { ref, problems: ref.warning ? [`baseline: ${ref.warning}`] : [] };
}

/** The report of a judged run, published as the pull request's (its verdict is the judgement's). */
function judgedReport(
  settings: ActionSettings,
  o: { results: RunResults; judgement: Judgement; problems: string[] } & Pick<Report, 'rawResultsPath' | 'nodeLogs' | 'shard'>,
): Report {
  const { judgement, ...rest } = o;
  return {
    ...rest,
    verdict: judgement.verdict.result,
    headline: judgement.verdict.reason,
    compare: compareOf(judgement),
    judgement,
    pullRequest: prOf(settings),
  };
}

function judgeHere(
  settings: ActionSettings,
  runs: RunResults[],
  damage: string[],
  ref: Awaited<ReturnType<typeof reference>>,
  infrastructure: string | null,
  selected: string[] | null = null,
): Judgement {
  const now = new Date().toISOString();
  return judgeRuns({
    selected,
    runs,
    damage,
    baseline: ref.baseline,
    failOn: settings.failOn,
    knownFailures: ref.knownFailures,
    guidelines: ref.guidelines,
    today: now.slice(0, 10),
    now,
    infrastructure,
  });
}

function compareOf(j: Judgement): Report['compare'] {
  if (!j.hasBaseline) return null;
  return { markdown: renderCompareMarkdown(j.diff, { budget: COMPARE_BUDGET }), regressions: j.diff.counts.regressions, fixes: j.diff.counts.fixes };
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
async function publishWithoutResults(run: Run, verdict: GateVerdict, problems: string[], shard: ShardManifest | null = null): Promise<void> {
  const { settings } = run;
  const report: Report = {
    results: null,
    verdict: verdict.result,
    headline: verdict.reason,
    problems,
    compare: null,
    judgement: null,
    pullRequest: prOf(settings),
    rawResultsPath: null,
    shard,
  };
  const out = await publishReport(settings, report, { github: postsToGitHub(settings), artifact: true }, run.github);
  setOutputs(report, out, 0, null);
}

/** A shard's job leaves the comment and the check run to the merge job: one of each for the whole run. */
function postsToGitHub(settings: ActionSettings): boolean {
  return !readOnlyFork(settings) && settings.shardCount <= 1;
}

/**
 * Select, provision and run on the cloud. Returns the results file, or null when the step is
 * over (a fork without credentials, or nothing to run: both already published).
 */
async function runOnCloud(
  run: Run,
  problems: string[],
  durations: Map<string, number>,
): Promise<{
  resultsPath: string;
  selectedCount: number;
  selected: string[] | null;
  problem: string | null;
  logFiles: string[];
  shard: ShardManifest | null;
} | null> {
  const { settings, stages } = run;
  const pr = settings.context.pullRequest;
  if (!settings.cloud) {
    if (pr?.fromFork) {
      // Not an obscure failure: say what to do, in the log and the summary. The bundle (with no
      // results) still goes up, so the workflow_run reporting workflow can tell the contributor.
      core.error(FORK_HELP);
      await publishWithoutResults(run, notRunVerdict({ skipped: 'Not run: this pull request comes from a fork.' }), [FORK_HELP]);
      core.setFailed('tempest-gate did not run: pull request from a fork without cloud credentials (see the job summary).');
      return null;
    }
    throw new UserError(
      "no cloud credentials: set input 'clouds-yaml' (a secret) and 'cloud', or the OS_* environment variables; or set 'results' to report an existing result file",
      { exitCode: EXIT.usage },
    );
  }
  requireCloudInputs(settings);
  const log = (l: string): void => core.info(l);
  core.startGroup('Select');
  const selection = await stages.select({ settings, log, signal: run.signal, github: await run.github(), workspace: process.cwd(), durations });
  core.endGroup();
  core.info(`Selection: ${selection.summary}`);
  const shard = selection.shard ?? null;
  if (selection.conclusion === 'skip') {
    // Nothing in the change needs Tempest (e.g. docs only): nothing is provisioned; say why.
    await publishWithoutResults(run, notRunVerdict({ nothingToRun: selection.summary }), problems, shard);
    return null;
  }
  // Saved before anything is created: the post step cleans up by this id even if main dies mid-way.
  const runId = newRunId(Date.now(), Math.random);
  core.saveState(STATE.runId, runId);
  if (settings.cloud.name) core.saveState(STATE.cloudName, settings.cloud.name);
  core.info(`Run id ${runId}: every cloud resource of this run carries it.`);
  core.startGroup('Provision and run');
  let ran;
  try {
    ran = await stages.provisionAndRun({ settings, selection, runId, log, signal: run.signal, durations });
  } catch (err) {
    core.endGroup();
    // No results at all: the pull request still hears why, as an infrastructure failure.
    const line = redact(err instanceof UserError ? err.message : `internal error: ${(err as Error).message}`, settings.secrets);
    core.error(line);
    await publishWithoutResults(run, notRunVerdict({ infrastructure: line }), problems, shard);
    core.setFailed(line);
    core.setOutput('result', 'error');
    return null;
  }
  core.endGroup();
  return {
    resultsPath: ran.resultsPath,
    selectedCount: selection.selectedCount,
    selected: selection.selected ?? null,
    problem: ran.problem ?? null,
    logFiles: ran.logFiles ?? [],
    shard,
  };
}

async function gate(run: Run): Promise<void> {
  const { settings } = run;
  const started = await startJudged(run);
  if (!started) return;
  const { ref, problems } = started;
  let resultsPath = settings.results;
  let selectedCount: number | null = null;
  let selected: string[] | null = null;
  let infrastructure: string | null = null;
  let logFiles: string[] = [];
  let shard: ShardManifest | null = null;
  // The baseline's durations give the run its ETA, balance its workers and, sharded, its shards.
  const durations = new Map<string, number>();
  for (const t of ref.baseline?.baseline.tests ?? []) if (t.duration !== null) durations.set(t.name, t.duration);
  if (!resultsPath) {
    const ran = await runOnCloud(run, problems, durations);
    if (!ran) return;
    ({ resultsPath, selectedCount, selected, logFiles, shard } = ran);
    infrastructure = ran.problem;
    if (infrastructure) problems.push(infrastructure);
  } else if (settings.shardCount > 1) {
    // Results given to a shard's job: the plan still says which shard they are, for the merge job.
    core.startGroup('Select (the shard plan)');
    const selection = await run.stages.select({
      settings,
      log: (l) => core.info(l),
      signal: run.signal,
      github: await run.github(),
      workspace: process.cwd(),
      durations,
    });
    core.endGroup();
    shard = selection.shard ?? null;
  }

  core.startGroup(`Read ${resultsPath}`);
  const { runs, damage } = await loadRuns([resultsPath], process.stdin);
  core.endGroup();
  problems.push(...damage);
  const judgement = judgeHere(settings, runs, damage, ref, infrastructure, selected);
  if (judgement.notSelected > 0)
    core.info(`Compared with the baseline's tests that this change selected: ${judgement.notSelected} baseline test(s) outside the selection are left out.`);
  const results = runs[0]!;
  const report = judgedReport(settings, { results, judgement, problems, rawResultsPath: resultsPath, nodeLogs: logFiles, shard });
  if (readOnlyFork(settings))
    core.notice('Pull request from a fork: the report is uploaded as an artifact for the workflow_run reporting workflow to publish.');
  if (shard) core.info(`Shard ${shard.shardIndex} of ${shard.shardCount}: the merge job judges the whole run and publishes it (input 'merge-from').`);
  const out = await publishReport(settings, report, { github: postsToGitHub(settings), artifact: true }, run.github);
  setOutputs(report, out, selectedCount ?? results.tests.length, judgement);
  if (out.problems.length > problems.length) {
    core.setFailed(`tempest-gate could not publish everything: ${out.problems[problems.length]}`);
  } else if (judgement.verdict.result !== 'pass' && (settings.shardCount <= 1 || judgement.verdict.result === 'error')) {
    // A shard's failing tests are the merge job's to weigh against the whole baseline; its own infrastructure failure is its own.
    core.setFailed(`tempest-gate: ${redact(judgement.verdict.reason, settings.secrets)}`);
  }
}

/**
 * The merge job: the shards' artifacts of this workflow run downloaded, merged into one run
 * (every test once, checked to come from one plan), judged once against the baseline, and
 * published as one comment and one check run. A shard that left no results is an infrastructure
 * failure of the gate (gateVerdict), with the tests it held and why: never a pass.
 */
async function mergeShardArtifacts(run: Run): Promise<void> {
  const { settings } = run;
  const pattern = settings.mergeFrom ?? '';
  const started = await startJudged(run);
  if (!started) return;
  const { ref, problems } = started;
  core.startGroup(`Download the shards' artifacts ('${pattern}')`);
  const { downloadMatchingArtifacts } = await import('../edges/github/artifacts.ts');
  let found;
  try {
    found = await downloadMatchingArtifacts({ pattern, path: join(settings.reportDir, 'shards'), log: (l) => core.info(l) });
  } catch (err) {
    core.endGroup();
    throw new UserError(`input 'merge-from': could not download the shards' artifacts: ${(err as Error).message}`, { exitCode: EXIT.infra, cause: err });
  }
  core.endGroup();
  const expected = settings.shardCount > 1 ? settings.shardCount : null;
  if (!found.length) {
    const line = `no artifact of this workflow run matches '${pattern}': no shard left results${expected ? ` (${expected} expected)` : ''}`;
    core.error(line);
    await publishWithoutResults(run, notRunVerdict({ infrastructure: line }), problems);
    core.setFailed(line);
    return;
  }
  core.startGroup('Merge the shards');
  const { mergeStage } = await import('../stages/merge.ts');
  const { renderMergeText } = await import('../core/select/shard-merge.ts');
  let outcome;
  try {
    outcome = await mergeStage({
      dirs: found.map((f) => f.dir),
      shardCount: expected,
      absentReason: `no artifact matching '${pattern}' came from it (its job failed or was cancelled before it uploaded one)`,
      log: (l) => core.info(l),
    });
  } catch (err) {
    core.endGroup();
    // Named by the artifact, not the folder it was unpacked into.
    const named = found.reduce((m, f) => m.split(f.dir).join(`artifact '${f.name}'`), err instanceof Error ? err.message : String(err));
    if (err instanceof UserError) throw new UserError(`input 'merge-from': ${named}`, { exitCode: err.exitCode, cause: err });
    throw err;
  }
  const { merged, damage } = outcome;
  core.info(renderMergeText(merged).trimEnd());
  core.endGroup();
  for (const s of merged.shards)
    if (s.missing !== null) problems.push(`shard ${s.index} of ${merged.shardCount}: no results (${s.held} tests held, not run): ${s.missing}`);
  problems.push(...damage);
  const judgement = judgeHere(settings, [merged.results], damage, ref, merged.infrastructure, merged.selected);
  const report = judgedReport(settings, { results: merged.results, judgement, problems, rawResultsPath: null });
  const out = await publishReport(settings, report, { github: !readOnlyFork(settings), artifact: true }, run.github);
  setOutputs(
    report,
    out,
    merged.shards.reduce((n, s) => n + s.held, 0),
    judgement,
  );
  if (out.problems.length > problems.length) core.setFailed(`tempest-gate could not publish everything: ${out.problems[problems.length]}`);
  else if (judgement.verdict.result !== 'pass') core.setFailed(`tempest-gate: ${redact(judgement.verdict.reason, settings.secrets)}`);
}

function setOutputs(report: Report, out: PublishOutcome, selected: number, judgement: Judgement | null): void {
  const failing = report.results ? report.results.tests.filter((t) => FAILING_STATUSES.has(t.status)).length : 0;
  core.setOutput('result', report.verdict);
  core.setOutput('regressions', judgement?.hasBaseline ? judgement.diff.counts.regressions : failing);
  core.setOutput('fixes', judgement?.hasBaseline ? judgement.diff.counts.fixes : 0);
  core.setOutput('selected-count', selected);
  core.setOutput('report-path', out.reportPath);
  if (out.commentUrl) core.setOutput('comment-url', out.commentUrl);
  if (out.checkRunId !== null) core.setOutput('check-run-id', out.checkRunId);
}

/** What the relay of an untrusted bundle may say: never a pass it cannot verify. */
export const UNVERIFIED = "reported by the pull request's own workflow, not verified";

/**
 * The trusted half of the fork-safe setup (a `workflow_run` workflow): publish a report bundle
 * made by the untrusted run. The bundle says which PR it is for; that claim is checked against
 * the workflow_run event and GitHub before anything is posted. Its results are judged again
 * here, and since they were made where they could be forged, a judged pass is published as
 * unverified (never a successful check): only failures are taken at their word.
 */
async function publishFromArtifact(run: Run): Promise<void> {
  const { settings } = run;
  const dir = settings.reportFrom ?? '';
  const { manifest, results } = await readBundle(dir);
  const ctx = settings.context;
  if (!manifest.pullRequest)
    throw new UserError(`input 'report-from': the report in ${dir} is not for a pull request; nothing to publish`, { exitCode: EXIT.badInput });
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
  const where = `pull request #${manifest.pullRequest.number}`;
  let headSha: string;
  try {
    const pull = await (await run.github()).rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: manifest.pullRequest.number });
    headSha = pull.data.head.sha;
  } catch (err) {
    throw (await import('../edges/github/client.ts')).explainGitHubError(err, 'pull request', where);
  }
  if (headSha !== wr.headSha) {
    throw new UserError(`input 'report-from': ${where} is at ${headSha.slice(0, 12)}, not at the reported commit ${wr.headSha.slice(0, 12)}; not publishing`, {
      exitCode: EXIT.badInput,
    });
  }
  let report: Report;
  if (results) {
    const judgement = judgeHere(settings, [results], results.damage.length ? [`${dir}: the results were damaged`] : [], await reference(settings), null);
    const v = judgement.verdict;
    const verdict = v.result === 'pass' ? 'skipped' : v.result;
    report = {
      results,
      verdict,
      headline: v.result === 'pass' ? `${v.reason} (${UNVERIFIED})` : v.reason,
      problems: [
        ...manifest.problems,
        ...(v.result === 'pass'
          ? [
              `These results were ${UNVERIFIED}: the check is not a pass. To gate on them, run the gate in a trusted workflow (docs/action.md, "Pull requests from forks").`,
            ]
          : []),
      ],
      compare: compareOf(judgement),
      judgement,
      pullRequest: manifest.pullRequest,
      rawResultsPath: null,
    };
  } else {
    // Nothing ran (skipped or an error before the run): there is nothing to judge, only to say.
    report = {
      results: null,
      verdict: manifest.verdict === 'pass' ? 'skipped' : manifest.verdict,
      headline: `${manifest.headline} (${UNVERIFIED})`,
      problems: manifest.problems,
      compare: null,
      judgement: null,
      pullRequest: manifest.pullRequest,
      rawResultsPath: null,
    };
  }
  const out = await publishReport(settings, report, { github: true, artifact: false }, run.github);
  core.setOutput('result', report.verdict);
  core.setOutput('report-path', out.reportPath);
  if (out.commentUrl) core.setOutput('comment-url', out.commentUrl);
  if (out.checkRunId !== null) core.setOutput('check-run-id', out.checkRunId);
  if (out.problems.length > report.problems.length) core.setFailed(`tempest-gate could not publish everything: ${out.problems[report.problems.length]}`);
}
