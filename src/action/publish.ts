// Publish a finished report everywhere it goes: the report bundle on disk, the PR comment, the
// check run, the job summary and the artifact. Every text is redacted first. A publishing failure
// (e.g. a 403) becomes a problem line in the log and the summary; it never hides the verdict.
import * as core from '@actions/core';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RunResults } from '../core/results/model.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from '../core/select/shard-merge.ts';
import { buildAnnotations, commentMarker, fitBody, redact, renderReportMarkdown, type GateResult } from '../core/render/pr-report.ts';
import { UserError } from '../core/errors.ts';
import { findSecrets, scanFormatOf, type ScanFormat } from '../core/results/secret-scan.ts';
import type { GitHubClient } from '../edges/github/client.ts';
import type { Conclusion } from '../edges/github/check-run.ts';
import { writeJobSummary } from '../edges/github/summary.ts';
import type { ActionSettings } from './inputs.ts';
import type { Judgement } from '../stages/judge.ts';
import { writeReport } from '../stages/report.ts';
import { FILES, REPORT_SCHEMA, writeBundle, type ReportManifest } from './report-bundle.ts';

export interface Report {
  results: RunResults | null;
  verdict: GateResult;
  headline: string;
  problems: string[];
  compare: { markdown: string; regressions: number; fixes: number } | null;
  /** What the judge stage decided, for the HTML report (null when nothing ran). */
  judgement: Judgement | null;
  /** The PR to comment on and the commit to attach the check run to. */
  pullRequest: { number: number; headSha: string } | null;
  /** The raw result file, uploaded as-is when it holds no secret. */
  rawResultsPath: string | null;
  /** Node log archives (masked on the nodes) to upload under logs/. */
  nodeLogs?: string[];
  /** A shard's job: its shard of the plan, uploaded as shard.json beside its results for the merge job. */
  shard?: ShardManifest | null;
}

export interface PublishTargets {
  /** Post the comment and the check run (false: leave them to the trusted reporting workflow). */
  github: boolean;
  /** Upload the artifact (false when publishing from another run's artifact). */
  artifact: boolean;
}

export interface PublishOutcome {
  reportPath: string;
  commentUrl: string | null;
  checkRunId: number | null;
  problems: string[];
}

// Not 'neutral' for skipped: branch protection counts neutral as passing, and a gate that did not
// run has proven nothing.
const CONCLUSION: Record<GateResult, Conclusion> = { pass: 'success', fail: 'failure', skipped: 'action_required', error: 'failure' };
/** GitHub's job summary limit is 1 MiB per step. */
const SUMMARY_LIMIT = 1024 * 1024 - 1024;

export async function publishReport(
  settings: ActionSettings,
  report: Report,
  targets: PublishTargets,
  github: () => Promise<GitHubClient>,
): Promise<PublishOutcome> {
  const ctx = settings.context;
  const problems = [...report.problems];
  const clean = (s: string): string => redact(s, settings.secrets);
  // Redacted at the source, before rendering escapes anything (`|` in a table cell, `<` in HTML),
  // and the rendered text once more.
  const resultsText = report.results ? resultsJson(report.results, clean) : null;
  const results = resultsText === null ? null : (JSON.parse(resultsText) as RunResults);
  const render = (extra: string[]): string =>
    clean(
      renderReportMarkdown({
        results,
        verdict: report.verdict,
        headline: report.headline,
        problems: extra,
        ...(report.compare ? { compareMarkdown: report.compare.markdown } : {}),
        ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}),
        ...(settings.artifactName && targets.artifact ? { artifactName: settings.artifactName } : {}),
      }),
    );

  // 1. The bundle on disk (the `report-path` output and the artifact's content).
  const markdown = render(problems);
  const manifest: ReportManifest = {
    schema: REPORT_SCHEMA,
    repository: `${ctx.owner}/${ctx.repo}`,
    pullRequest: report.pullRequest,
    verdict: report.verdict,
    headline: clean(report.headline),
    problems: problems.map(clean),
    compare: report.compare ? { ...report.compare, markdown: clean(report.compare.markdown) } : null,
    results: report.results ? FILES.results : null,
  };
  const files = await writeBundle(settings.reportDir, manifest, markdown, resultsText);
  if (report.shard) {
    const file = join(settings.reportDir, SHARD_MANIFEST_FILE);
    await writeFile(file, `${JSON.stringify(report.shard)}\n`);
    files.push(file);
  }
  const reportPath = join(settings.reportDir, FILES.markdown);

  // 2. The comment and the check run.
  let commentUrl: string | null = null;
  let checkRunId: number | null = null;
  const pointer = ctx.runUrl
    ? `The whole report is in the job summary of [the workflow run](${ctx.runUrl})${settings.artifactName ? ` and its artifact \`${settings.artifactName}\`` : ''}.`
    : 'The whole report is in the job summary and the artifact.';
  if (targets.github && (report.pullRequest || settings.checkRun)) {
    // Loaded on demand (as is the artifact client below): start-up stays small when there is nothing to publish.
    const [{ upsertComment }, { publishCheckRun }, gh] = await Promise.all([
      import('../edges/github/comment.ts'),
      import('../edges/github/check-run.ts'),
      github(),
    ]);
    if (report.pullRequest && settings.commentMode !== 'off') {
      const marker = commentMarker(settings.commentKey);
      const body = fitBody(`${marker}\n${markdown}`, { pointer });
      if (body.cut) core.info(`The comment was cut to GitHub's limit; the whole report is in the job summary and ${reportPath}.`);
      try {
        const r = await upsertComment(gh, {
          owner: ctx.owner,
          repo: ctx.repo,
          issueNumber: report.pullRequest.number,
          marker,
          body: body.body,
          mode: settings.commentMode,
          failing: report.verdict !== 'pass',
        });
        commentUrl = r.url;
        core.info(`Comment ${r.action}${r.url ? `: ${r.url}` : ''}`);
      } catch (err) {
        problems.push(describe(err));
      }
    }
    const sha = report.pullRequest?.headSha ?? ctx.sha;
    if (settings.checkRun && sha) {
      try {
        const annotations = results ? buildAnnotations(results) : [];
        const r = await publishCheckRun(gh, {
          owner: ctx.owner,
          repo: ctx.repo,
          headSha: sha,
          name: settings.checkName,
          conclusion: CONCLUSION[report.verdict],
          title: clean(report.headline).slice(0, 1000),
          summary: fitBody(markdown, { pointer, limit: 65_535 }).body,
          annotations,
          ...(ctx.runUrl ? { detailsUrl: ctx.runUrl } : {}),
        });
        checkRunId = r.id;
        core.info(`Check run '${settings.checkName}' published with ${annotations.length} annotations in ${r.calls} request(s).`);
      } catch (err) {
        problems.push(describe(err));
      }
    }
  }

  // 3. The job summary, with any publishing problem in it.
  const extra = problems.slice(report.problems.length);
  for (const p of extra) core.error(p);
  const summary = extra.length ? render(problems) : markdown;
  try {
    await writeJobSummary(fitBody(summary, { pointer: `The whole report is in ${reportPath} and the artifact.`, limit: SUMMARY_LIMIT }).body);
  } catch (err) {
    core.warning(`could not write the job summary: ${(err as Error).message}`);
  }

  // 4. The artifact: the bundle, the HTML report, plus the raw stream when it holds no secret.
  if (targets.artifact && settings.artifactName) {
    if (results !== null && report.judgement) {
      // From the redacted results, and redacted once more: the page can hold no secret.
      const html = join(settings.reportDir, FILES.html);
      try {
        await writeReport({ results, judgement: report.judgement, title: `tempest-gate: ${ctx.owner}/${ctx.repo}`, html, markdown: null, clean });
        files.push(html);
      } catch (err) {
        core.warning(`the HTML report was not written: ${clean((err as Error).message)}`);
      }
    }
    // The bundle was redacted before it was written; checked again as written, the last line of defence.
    const upload: string[] = [];
    for (const f of files) if (await clearOfSecrets(f, scanFormatOf(f), settings.secrets, clean, 'it is left out of the artifact')) upload.push(f);
    // Raw results cannot be redacted in place (subunit packets carry CRCs): left out when they hold a
    // secret. Their format is told from their bytes, as the reader tells it, whatever the file's name.
    if (report.rawResultsPath && (await clearOfSecrets(report.rawResultsPath, 'auto', settings.secrets, clean, 'only the redacted results.json is uploaded'))) {
      const dest = join(settings.reportDir, FILES.subunit);
      await copyFile(report.rawResultsPath, dest);
      upload.push(dest);
    }
    // Node logs were masked on the nodes before they were fetched (stages/run.ts).
    for (const log of report.nodeLogs ?? []) {
      const dest = join(settings.reportDir, 'logs', basename(log));
      await mkdir(dirname(dest), { recursive: true });
      await copyFile(log, dest);
      files.push(dest);
    }
    try {
      const { uploadArtifact } = await import('../edges/github/artifacts.ts');
      const up = await uploadArtifact({ name: settings.artifactName, files: upload, rootDirectory: settings.reportDir });
      if (up.uploaded) core.info(`Artifact '${settings.artifactName}' uploaded (id ${up.id ?? '?'}, ${up.size ?? '?'} bytes).`);
      else core.info(`Artifact not uploaded: ${up.reason}. The report is in ${settings.reportDir}.`);
    } catch (err) {
      const line = `could not upload the artifact '${settings.artifactName}': ${(err as Error).message}`;
      core.warning(line);
    }
  }
  return { reportPath, commentUrl, checkRunId, problems };
}

/**
 * Whether a file may be uploaded, from its decoded content (subunit files joined across packets, XML
 * and HTML references, JSON escapes, gzip): a secret can be in what a reader sees without being a
 * run of the file's bytes. A file that holds one, or cannot be read whole to be checked, is not.
 */
async function clearOfSecrets(path: string, format: ScanFormat, secrets: readonly string[], clean: (s: string) => string, instead: string): Promise<boolean> {
  const scan = findSecrets(await readFile(path), format, secrets);
  if (scan.found.length) core.warning(clean(`${path} contains a secret value (decoded as ${[...new Set(scan.readAs)].join(', ')}): ${instead}.`));
  else if (scan.unchecked.length) core.warning(clean(`${path} could not be checked for secrets (${scan.unchecked[0]}): ${instead}.`));
  return scan.found.length === 0 && scan.unchecked.length === 0;
}

/** Redact each string value, not the JSON text: a secret holding `"` or `\` is escaped in the text and would not match there. */
function resultsJson(results: RunResults, clean: (s: string) => string): string {
  return JSON.stringify(results, (_key, value: unknown) => (typeof value === 'string' ? clean(value) : value));
}

function describe(err: unknown): string {
  return err instanceof UserError ? err.message : `internal error while publishing: ${(err as Error).message}`;
}
