import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  newRunId
} from "./chunks/chunk-LAJXBLTR.js";
import {
  STATE,
  defaultStages,
  readSettings,
  requireCloudInputs
} from "./chunks/chunk-TPN42IXL.js";
import "./chunks/chunk-LATCVEPG.js";
import {
  endGroup,
  error,
  info,
  notice,
  saveState,
  setFailed,
  setOutput,
  startGroup,
  summary,
  warning
} from "./chunks/chunk-KXWUZ2QK.js";
import "./chunks/chunk-JTCS6GEG.js";
import {
  damageLine,
  parseFile
} from "./chunks/chunk-PFLX7RBJ.js";
import "./chunks/chunk-NVPQEUFB.js";
import "./chunks/chunk-DSMXSV3X.js";
import {
  writeOutput
} from "./chunks/chunk-ZELLUOP7.js";
import "./chunks/chunk-FLRDIUCQ.js";
import {
  buildAnnotations,
  commentMarker,
  fitBody,
  redact,
  renderReportMarkdown
} from "./chunks/chunk-TGND3247.js";
import {
  FAILING_STATUSES,
  RESULTS_SCHEMA
} from "./chunks/chunk-F64MU34C.js";
import {
  EXIT,
  UserError
} from "./chunks/chunk-XOD6W3JI.js";
import "./chunks/chunk-7X7P2LP7.js";
import "./chunks/chunk-NQJFE2ZZ.js";

// src/edges/github/summary.ts
async function writeJobSummary(markdown) {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    info("GITHUB_STEP_SUMMARY is not set: no job summary written.");
    return false;
  }
  await summary.addRaw(markdown, true).write();
  return true;
}

// src/action/publish.ts
import { copyFile, readFile as readFile2, writeFile } from "node:fs/promises";
import { PassThrough, Readable } from "node:stream";
import { join as join2 } from "node:path";

// src/action/report-bundle.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";
var REPORT_SCHEMA = "tempest-gate/report@1";
var FILES = { manifest: "report.json", markdown: "report.md", results: "results.json", subunit: "results.subunit", html: "report.html" };
async function writeBundle(dir, manifest, markdown, resultsJson2) {
  const written = [join(dir, FILES.manifest), join(dir, FILES.markdown)];
  await writeOutput(written[0] ?? "", `${JSON.stringify(manifest, null, 2)}
`);
  await writeOutput(written[1] ?? "", markdown);
  if (resultsJson2 !== null) {
    written.push(join(dir, FILES.results));
    await writeOutput(join(dir, FILES.results), resultsJson2);
  }
  return written;
}
function bad(file, what) {
  return new UserError(`input 'report-from': ${what}`, { exitCode: EXIT.badInput, place: { file } });
}
async function readBundle(dir) {
  const path = join(dir, FILES.manifest);
  let raw;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    const code = err.code;
    throw bad(path, code === "ENOENT" ? "no report.json here: download the tempest-gate artifact into this directory first" : `not valid JSON (${err.message})`);
  }
  const m = raw;
  if (m.schema !== REPORT_SCHEMA) throw bad(path, `unknown report schema '${String(m.schema)}' (expected ${REPORT_SCHEMA})`);
  const pr = m.pullRequest;
  if (pr !== null && (typeof pr?.number !== "number" || !Number.isInteger(pr.number) || typeof pr.headSha !== "string" || !/^[0-9a-f]{40}$/.test(pr.headSha))) {
    throw bad(path, "'pullRequest' must be null or { number, headSha (40 hex) }");
  }
  if (!["pass", "fail", "skipped", "error"].includes(String(m.verdict))) throw bad(path, `unknown verdict '${String(m.verdict)}'`);
  const manifest = {
    schema: REPORT_SCHEMA,
    repository: String(m.repository ?? ""),
    pullRequest: pr ?? null,
    verdict: m.verdict,
    headline: String(m.headline ?? "").slice(0, 1e3),
    problems: Array.isArray(m.problems) ? m.problems.map((p) => String(p).slice(0, 1e3)).slice(0, 20) : [],
    compare: m.compare && typeof m.compare.markdown === "string" ? { markdown: m.compare.markdown, regressions: Number(m.compare.regressions) || 0, fixes: Number(m.compare.fixes) || 0 } : null,
    results: typeof m.results === "string" ? FILES.results : null
  };
  let results = null;
  if (manifest.results) {
    const rpath = join(dir, FILES.results);
    try {
      results = JSON.parse(await readFile(rpath, "utf8"));
    } catch (err) {
      throw bad(rpath, `cannot read the results (${err.message})`);
    }
    if (results.schema !== RESULTS_SCHEMA || !Array.isArray(results.tests)) throw bad(rpath, `not a ${RESULTS_SCHEMA} document`);
  }
  return { manifest, results };
}

// src/action/publish.ts
var CONCLUSION = { pass: "success", fail: "failure", skipped: "action_required", error: "failure" };
var SUMMARY_LIMIT = 1024 * 1024 - 1024;
async function publishReport(settings, report, targets, client) {
  const ctx = settings.context;
  const problems = [...report.problems];
  const clean = (s) => redact(s, settings.secrets);
  const resultsText = report.results ? resultsJson(report.results, clean) : null;
  const results = resultsText === null ? null : JSON.parse(resultsText);
  const render = (extra2) => clean(
    renderReportMarkdown({
      results,
      verdict: report.verdict,
      headline: report.headline,
      problems: extra2,
      ...report.compare ? { compareMarkdown: report.compare.markdown } : {},
      ...ctx.runUrl ? { runUrl: ctx.runUrl } : {},
      ...settings.artifactName && targets.artifact ? { artifactName: settings.artifactName } : {}
    })
  );
  const markdown = render(problems);
  const manifest = {
    schema: REPORT_SCHEMA,
    repository: `${ctx.owner}/${ctx.repo}`,
    pullRequest: report.pullRequest,
    verdict: report.verdict,
    headline: clean(report.headline),
    problems: problems.map(clean),
    compare: report.compare ? { ...report.compare, markdown: clean(report.compare.markdown) } : null,
    results: report.results ? FILES.results : null
  };
  const files = await writeBundle(settings.reportDir, manifest, markdown, resultsText);
  const reportPath = join2(settings.reportDir, FILES.markdown);
  let commentUrl = null;
  let checkRunId = null;
  const pointer = ctx.runUrl ? `The whole report is in the job summary of [the workflow run](${ctx.runUrl})${settings.artifactName ? ` and its artifact \`${settings.artifactName}\`` : ""}.` : "The whole report is in the job summary and the artifact.";
  if (targets.github && (report.pullRequest || settings.checkRun)) {
    const [{ createGitHubClient }, { upsertComment }, { publishCheckRun }] = await Promise.all([
      import("./chunks/client-2DKE65CN.js"),
      import("./chunks/comment-F2XJNNZD.js"),
      import("./chunks/check-run-VNG5EOBV.js")
    ]);
    const gh = client ?? createGitHubClient({ token: settings.githubToken, baseUrl: ctx.apiUrl, log: (l) => info(l) });
    if (report.pullRequest && settings.commentMode !== "off") {
      const marker = commentMarker(settings.commentKey);
      const body = fitBody(`${marker}
${markdown}`, { pointer });
      if (body.cut) info(`The comment was cut to GitHub's limit; the whole report is in the job summary and ${reportPath}.`);
      try {
        const r = await upsertComment(gh, {
          owner: ctx.owner,
          repo: ctx.repo,
          issueNumber: report.pullRequest.number,
          marker,
          body: body.body,
          mode: settings.commentMode,
          failing: report.verdict !== "pass"
        });
        commentUrl = r.url;
        info(`Comment ${r.action}${r.url ? `: ${r.url}` : ""}`);
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
          title: clean(report.headline).slice(0, 1e3),
          summary: fitBody(markdown, { pointer, limit: 65535 }).body,
          annotations,
          ...ctx.runUrl ? { detailsUrl: ctx.runUrl } : {}
        });
        checkRunId = r.id;
        info(`Check run '${settings.checkName}' published with ${annotations.length} annotations in ${r.calls} request(s).`);
      } catch (err) {
        problems.push(describe(err));
      }
    }
  }
  const extra = problems.slice(report.problems.length);
  for (const p of extra) error(p);
  const summary2 = extra.length ? render(problems) : markdown;
  try {
    await writeJobSummary(fitBody(summary2, { pointer: `The whole report is in ${reportPath} and the artifact.`, limit: SUMMARY_LIMIT }).body);
  } catch (err) {
    warning(`could not write the job summary: ${err.message}`);
  }
  if (targets.artifact && settings.artifactName) {
    if (resultsText !== null) {
      const html = await writeHtmlReport(settings, join2(settings.reportDir, FILES.results), clean);
      if (html) files.push(html);
    }
    if (report.rawResultsPath) {
      const raw = await readFile2(report.rawResultsPath);
      const leaks = settings.secrets.filter((s) => s.length >= 4 && raw.includes(Buffer.from(s)));
      if (leaks.length) warning(`${report.rawResultsPath} contains a secret value: only the redacted results.json is uploaded.`);
      else {
        const dest = join2(settings.reportDir, FILES.subunit);
        await copyFile(report.rawResultsPath, dest);
        files.push(dest);
      }
    }
    try {
      const { uploadArtifact } = await import("./chunks/artifacts-AHDUS2E5.js");
      const up = await uploadArtifact({ name: settings.artifactName, files, rootDirectory: settings.reportDir });
      if (up.uploaded) info(`Artifact '${settings.artifactName}' uploaded (id ${up.id ?? "?"}, ${up.size ?? "?"} bytes).`);
      else info(`Artifact not uploaded: ${up.reason}. The report is in ${settings.reportDir}.`);
    } catch (err) {
      const line = `could not upload the artifact '${settings.artifactName}': ${err.message}`;
      warning(line);
    }
  }
  return { reportPath, commentUrl, checkRunId, problems };
}
function resultsJson(results, clean) {
  return JSON.stringify(results, (_key, value) => typeof value === "string" ? clean(value) : value);
}
async function writeHtmlReport(settings, resultsJsonPath, clean) {
  const [{ runCommand }, { reportCommand }] = await Promise.all([import("./chunks/main-YIHMI24S.js"), import("./chunks/report-PZ44VZEI.js")]);
  const html = join2(settings.reportDir, FILES.html);
  const argv = ["--results", resultsJsonPath, "--html", html, "--fail-on", settings.failOn, "--title", `tempest-gate: ${settings.context.owner}/${settings.context.repo}`];
  if (settings.baseline) argv.push("--baseline", settings.baseline, "--store", settings.baselineStore, "--repo", process.cwd());
  if (settings.knownFailures) argv.push("--known-failures", settings.knownFailures);
  const errors = [];
  const sink = new PassThrough();
  sink.on("data", (c) => errors.push(c.toString("utf8")));
  const env = { ...process.env, GITHUB_TOKEN: settings.githubToken };
  const code = await runCommand(reportCommand, argv, { stdout: new PassThrough(), stderr: sink, stdin: Readable.from([]), cwd: process.cwd(), env, signal: new AbortController().signal });
  if (code !== EXIT.ok && code !== EXIT.gateFailed) {
    warning(`the HTML report was not written: ${clean(errors.join("").trim().split("\n").pop() ?? `exit ${code}`)}`);
    return null;
  }
  await writeFile(html, clean(await readFile2(html, "utf8")));
  return html;
}
function describe(err) {
  return err instanceof UserError ? err.message : `internal error while publishing: ${err.message}`;
}

// src/action/run-main.ts
var FORK_HELP = `This pull request comes from a fork, and GitHub does not give a fork's workflow run the cloud credentials (nor a token that may comment). The gate did not run. A maintainer can run it in a trusted context and publish it with the workflow_run reporting workflow: see docs/action.md, "Pull requests from forks".`;
async function runMain(options = {}) {
  const stages = options.stages ?? defaultStages;
  saveState(STATE.started, "true");
  let settings;
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
async function fail(err, settings) {
  const raw = err instanceof UserError ? err.message : `internal error: ${err.message}`;
  const line = settings ? redact(raw, settings.secrets) : raw;
  setOutput("result", "error");
  setFailed(line);
  try {
    await writeJobSummary(`### \u26A0\uFE0F tempest-gate: error

${line}
`);
  } catch (e) {
    warning(`could not write the job summary: ${e.message}`);
  }
}
function verdictOnFailures(results, failOn) {
  const failing = results.tests.filter((t) => FAILING_STATUSES.has(t.status)).length;
  const unfinished = results.tests.filter((t) => t.status === "inprogress").length;
  const failed = failing - unfinished;
  const fails = failing > 0 && failOn !== "never";
  const parts = [failed ? `${failed} ${failed === 1 ? "test" : "tests"} failed` : "", unfinished ? `${unfinished} never finished` : ""].filter(Boolean);
  const headline = failing === 0 ? `All ${results.tests.length} tests passed or were skipped.` : `${parts.join(" and ")} of ${results.tests.length}.`;
  return { verdict: fails ? "fail" : "pass", headline: failOn === "never" && failing ? `${headline} (fail-on: never)` : headline };
}
function judge(settings, results, reference, damaged) {
  let compare = null;
  let judged = verdictOnFailures(results, settings.failOn);
  if (reference) {
    compare = reference.compare({ results, failOn: settings.failOn });
    judged = { verdict: compare.verdict, headline: compare.headline };
  } else if (!settings.baseline && settings.failOn === "regressions" && judged.verdict === "fail") {
    judged.headline += " No baseline is set, so every failure counts as a regression.";
  }
  if (damaged && judged.verdict === "pass") judged = { verdict: "error", headline: `${judged.headline} The result stream was damaged.` };
  return { judged, compare };
}
function readOnlyFork(settings) {
  return settings.context.pullRequest?.fromFork === true && settings.context.eventName === "pull_request";
}
function prOf(settings) {
  const pr = settings.context.pullRequest;
  return pr ? { number: pr.number, headSha: pr.headSha } : null;
}
async function publishWithoutResults(settings, report, client) {
  const out = await publishReport(settings, report, { github: !readOnlyFork(settings), artifact: true }, client);
  setOutputs(report, out, 0, null);
}
async function runOnCloud(settings, stages, problems, client) {
  const pr = settings.context.pullRequest;
  if (!settings.cloud) {
    if (pr?.fromFork) {
      error(FORK_HELP);
      const headline = "Not run: this pull request comes from a fork.";
      await publishWithoutResults(settings, { results: null, verdict: "skipped", headline, problems: [FORK_HELP], compare: null, pullRequest: prOf(settings), rawResultsPath: null }, client);
      setFailed("tempest-gate did not run: pull request from a fork without cloud credentials (see the job summary).");
      return null;
    }
    throw new UserError(
      "no cloud credentials: set input 'clouds-yaml' (a secret) and 'cloud', or the OS_* environment variables; or set 'results' to report an existing result file",
      { exitCode: EXIT.usage }
    );
  }
  requireCloudInputs(settings);
  if (!stages.cloud) throw new UserError("this build has no cloud stage; set 'results' to report an existing result file", { exitCode: EXIT.internal });
  const selection = await stages.cloud.select({ settings, log: (l) => info(l) });
  info(`Selection: ${selection.summary}`);
  if (selection.conclusion === "skip") {
    const headline = `Nothing to run: ${selection.summary}.`;
    await publishWithoutResults(settings, { results: null, verdict: "pass", headline, problems, compare: null, pullRequest: prOf(settings), rawResultsPath: null }, client);
    return null;
  }
  const runId = newRunId(Date.now(), Math.random);
  saveState(STATE.runId, runId);
  if (settings.cloud.name) saveState(STATE.cloudName, settings.cloud.name);
  info(`Run id ${runId}: every cloud resource of this run carries it.`);
  const run = await stages.cloud.provisionAndRun({ settings, selection, runId, log: (l) => info(l) });
  if (run.problem) problems.push(run.problem);
  return { resultsPath: run.resultsPath, selectedCount: selection.selectedCount };
}
async function gate(settings, stages, client) {
  const problems = [];
  let reference = null;
  if (settings.baseline) {
    if (!stages.compare) problems.push("input 'baseline' is set, but this build has no compare engine: judged on failures alone");
    else {
      reference = await stages.compare.load({ settings, workspace: process.cwd() });
      info(`Baseline: ${reference.source}`);
    }
  }
  let resultsPath = settings.results;
  let selectedCount = null;
  if (!resultsPath) {
    const ran = await runOnCloud(settings, stages, problems, client);
    if (!ran) return;
    ({ resultsPath, selectedCount } = ran);
  }
  startGroup(`Read ${resultsPath}`);
  const results = await parseFile(resultsPath, process.stdin);
  endGroup();
  const damage = damageLine(resultsPath, results);
  if (damage) problems.push(damage);
  const { judged, compare } = judge(settings, results, reference, damage !== null);
  const report = {
    results,
    verdict: judged.verdict,
    headline: judged.headline,
    problems,
    compare: compare ? { markdown: compare.markdown, regressions: compare.regressions, fixes: compare.fixes } : null,
    pullRequest: prOf(settings),
    rawResultsPath: resultsPath
  };
  if (readOnlyFork(settings)) notice("Pull request from a fork: the report is uploaded as an artifact for the workflow_run reporting workflow to publish.");
  const out = await publishReport(settings, report, { github: !readOnlyFork(settings), artifact: true }, client);
  setOutputs(report, out, selectedCount ?? results.tests.length, compare);
  if (out.problems.length > problems.length) {
    setFailed(`tempest-gate could not publish everything: ${out.problems[problems.length]}`);
  } else if (judged.verdict !== "pass") {
    setFailed(`tempest-gate: ${redact(judged.headline, settings.secrets)}`);
  }
}
function setOutputs(report, out, selected, compare) {
  const failing = report.results ? report.results.tests.filter((t) => FAILING_STATUSES.has(t.status)).length : 0;
  setOutput("result", report.verdict);
  setOutput("regressions", compare ? compare.regressions : failing);
  setOutput("fixes", compare ? compare.fixes : 0);
  setOutput("selected-count", selected);
  setOutput("report-path", out.reportPath);
  if (out.commentUrl) setOutput("comment-url", out.commentUrl);
  if (out.checkRunId !== null) setOutput("check-run-id", out.checkRunId);
}
async function publishFromArtifact(settings, stages, client) {
  const dir = settings.reportFrom ?? "";
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
      { exitCode: EXIT.badInput }
    );
  }
  const { createGitHubClient, explainGitHubError } = await import("./chunks/client-2DKE65CN.js");
  const gh = client ?? createGitHubClient({ token: settings.githubToken, baseUrl: ctx.apiUrl, log: (l) => info(l) });
  const where = `pull request #${manifest.pullRequest.number}`;
  let headSha;
  try {
    const pull = await gh.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: manifest.pullRequest.number });
    headSha = pull.data.head.sha;
  } catch (err) {
    throw explainGitHubError(err, "pull request", where);
  }
  if (headSha !== wr.headSha) {
    throw new UserError(`input 'report-from': ${where} is at ${headSha.slice(0, 12)}, not at the reported commit ${wr.headSha.slice(0, 12)}; not publishing`, {
      exitCode: EXIT.badInput
    });
  }
  let report;
  if (results) {
    let reference = null;
    if (settings.baseline && stages.compare) reference = await stages.compare.load({ settings, workspace: process.cwd() });
    const { judged, compare } = judge(settings, results, reference, results.damage.length > 0);
    report = {
      results,
      verdict: judged.verdict,
      headline: judged.headline,
      problems: manifest.problems,
      compare: compare ? { markdown: compare.markdown, regressions: compare.regressions, fixes: compare.fixes } : null,
      pullRequest: manifest.pullRequest,
      rawResultsPath: null
    };
  } else {
    report = { results: null, verdict: manifest.verdict === "pass" ? "error" : manifest.verdict, headline: manifest.headline, problems: manifest.problems, compare: null, pullRequest: manifest.pullRequest, rawResultsPath: null };
  }
  const out = await publishReport(settings, report, { github: true, artifact: false }, gh);
  setOutput("result", report.verdict);
  setOutput("report-path", out.reportPath);
  if (out.commentUrl) setOutput("comment-url", out.commentUrl);
  if (out.checkRunId !== null) setOutput("check-run-id", out.checkRunId);
  if (out.problems.length > report.problems.length) setFailed(`tempest-gate could not publish everything: ${out.problems[report.problems.length]}`);
}

// src/action/main.ts
await runMain();
