import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  writeReport
} from "./chunk-HXCKJB2L.js";
import "./chunk-C2PR4P7J.js";
import {
  judgeRuns,
  loadBaseline,
  loadBaselineWithFallback,
  loadGuidelines,
  loadKnownFailures
} from "./chunk-FA5S5BMI.js";
import "./chunk-74PQCRED.js";
import {
  loadRuns
} from "./chunk-ISIXVUSD.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-6Z2THX75.js";
import {
  newRunId
} from "./chunk-BRQWLC3M.js";
import {
  writeJobSummary
} from "./chunk-POZU2ICL.js";
import {
  buildAnnotations,
  commentMarker,
  fitBody,
  redact,
  renderReportMarkdown,
  secretForms
} from "./chunk-FYXSTOGF.js";
import {
  STATE,
  requireCloudInputs
} from "./chunk-KW2B7DHJ.js";
import "./chunk-X7KFTTWK.js";
import {
  notRunVerdict,
  renderCompareMarkdown
} from "./chunk-X4FZVZJY.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import {
  writeOutput
} from "./chunk-P2FODZ67.js";
import {
  resultsFromBytes
} from "./chunk-6K5OT3X4.js";
import {
  SIGNATURE,
  SubunitV1Decoder,
  SubunitV2Decoder,
  detectFormat,
  parseResults
} from "./chunk-MBFZYV6M.js";
import "./chunk-4E3TQ2AB.js";
import {
  endGroup,
  error,
  info,
  notice,
  saveState,
  setFailed,
  setOutput,
  startGroup,
  warning
} from "./chunk-KXWUZ2QK.js";
import "./chunk-DSMXSV3X.js";
import {
  SHARD_MANIFEST_FILE
} from "./chunk-DWO264YH.js";
import {
  FAILING_STATUSES
} from "./chunk-AOIPOV6R.js";
import "./chunk-7X7P2LP7.js";
import {
  EXIT,
  UserError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/action/publish.ts
import { copyFile, mkdir, readFile as readFile2, writeFile } from "node:fs/promises";
import { basename, dirname, join as join2 } from "node:path";

// src/core/results/secret-scan.ts
import { gunzipSync, constants as zlib } from "node:zlib";
var MIN_SECRET_LENGTH = 4;
var MAX_INFLATED = 1 << 30;
var MAX_DEPTH = 4;
var UNCAPPED = { capBytes: Number.MAX_SAFE_INTEGER, keep: "all" };
function scanFormatOf(fileName) {
  const name = fileName.toLowerCase().replace(/\.gz$/, "");
  if (name.endsWith(".md") || name.endsWith(".markdown")) return "markdown";
  if (name.endsWith(".html") || name.endsWith(".htm")) return "html";
  if (name.endsWith(".txt") || name.endsWith(".log")) return "text";
  return "auto";
}
function findSecrets(bytes, format, secrets, options = {}) {
  const finder = new Finder(secrets);
  const out = { found: [], unchecked: [], readAs: [] };
  scan(bytes, format, finder, { depth: 0, where: "the file", max: options.maxInflatedBytes ?? MAX_INFLATED, out });
  out.found = finder.found();
  return out;
}
var Finder = class {
  forms = [];
  hits = /* @__PURE__ */ new Set();
  constructor(secrets) {
    secrets.forEach((s, index) => {
      if (s.length < MIN_SECRET_LENGTH) return;
      const texts = secretForms(s);
      this.forms.push({ index, texts, bytes: texts.map((t) => Buffer.from(t, "utf8")) });
    });
  }
  get done() {
    return this.hits.size === this.forms.length;
  }
  bytes(b) {
    if (b.length === 0) return;
    const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    for (const f of this.forms) if (!this.hits.has(f.index) && f.bytes.some((x) => buf.includes(x))) this.hits.add(f.index);
  }
  text(s) {
    if (s.length === 0) return;
    for (const f of this.forms) if (!this.hits.has(f.index) && f.texts.some((x) => s.includes(x))) this.hits.add(f.index);
  }
  found() {
    return [...this.hits].sort((a, b) => a - b);
  }
};
var isGzip = (b) => b.length >= 2 && b[0] === 31 && b[1] === 139;
function scan(bytes, format, finder, ctx) {
  finder.bytes(bytes);
  if (ctx.depth > MAX_DEPTH) {
    ctx.out.unchecked.push(`${ctx.where}: nested deeper than ${MAX_DEPTH} levels`);
    return;
  }
  if (isGzip(bytes)) {
    ctx.out.readAs.push("gzip");
    const inner = inflate(bytes, ctx);
    if (inner !== null) scan(inner, format, finder, { ...ctx, depth: ctx.depth + 1, where: `${ctx.where} (inflated)` });
    return;
  }
  const kind = format === "auto" ? detect(bytes) : format;
  ctx.out.readAs.push(kind);
  switch (kind) {
    case "subunit-v2":
    case "subunit-v1":
      return scanSubunit(bytes, kind, finder, ctx);
    case "junit":
      return scanJUnit(bytes, finder);
    case "json":
      return scanJson(utf8(bytes), finder);
    case "html":
      return scanMarkup(utf8(bytes), "html", finder);
    case "markdown":
      return scanMarkdown(utf8(bytes), finder);
    case "text":
      return finder.text(utf8(bytes));
  }
}
function inflate(bytes, ctx) {
  try {
    return gunzipSync(bytes, { finishFlush: zlib.Z_SYNC_FLUSH, maxOutputLength: ctx.max });
  } catch (err) {
    const why = err.code === "ERR_BUFFER_TOO_LARGE" ? `inflates to more than ${ctx.max} bytes` : `damaged gzip data (${err.message})`;
    ctx.out.unchecked.push(`${ctx.where}: ${why}`);
    return null;
  }
}
function detect(bytes) {
  let i = bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191 ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 10 || bytes[i] === 13 || bytes[i] === 9)) i++;
  const b = bytes[i];
  if (b === 123 || b === 91) return "json";
  if (b === 60) {
    const head = Buffer.from(bytes.subarray(i, i + 64)).toString("latin1").toLowerCase();
    return head.startsWith("<!doctype html") || head.startsWith("<html") ? "html" : "junit";
  }
  const found = detectFormat(bytes);
  return found === "results-json" ? "json" : found === "not-results" ? "text" : found;
}
var utf8Decoder = new TextDecoder("utf-8");
var utf8 = (b) => utf8Decoder.decode(b);
var ScanSink = class {
  files = /* @__PURE__ */ new Map();
  offsets = [];
  finder;
  constructor(finder) {
    this.finder = finder;
  }
  status(ev) {
    this.offsets.push(ev.offset);
    const f = this.finder;
    for (const s of [ev.testId, ev.routeCode, ev.fileName, ev.mimeType]) if (s !== null) f.text(s);
    if (ev.tags !== null) for (const t of ev.tags) f.text(t);
    if (ev.fileBytes !== null && ev.fileBytes.length > 0) {
      const key = JSON.stringify([ev.testId, ev.routeCode, ev.fileName]);
      const parts = this.files.get(key);
      if (parts) parts.push(ev.fileBytes);
      else this.files.set(key, [ev.fileBytes]);
    }
  }
  damage() {
  }
};
function scanSubunit(bytes, format, finder, ctx) {
  const sink = new ScanSink(finder);
  const decoder = format === "subunit-v2" ? new SubunitV2Decoder(sink, { trustCrc: true }) : new SubunitV1Decoder(sink, UNCAPPED);
  decoder.push(bytes);
  decoder.end();
  let n = 0;
  for (const parts of sink.files.values()) {
    const content = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    n++;
    if (isGzip(content)) scan(content, "auto", finder, { ...ctx, depth: ctx.depth + 1, where: `${ctx.where}, attachment ${n}` });
    else finder.bytes(content);
  }
  if (format === "subunit-v2") finder.bytes(outsidePackets(bytes, sink.offsets));
}
function outsidePackets(bytes, offsets) {
  const parts = [];
  let pos = 0;
  for (const at of offsets) {
    if (at < pos || bytes[at] !== SIGNATURE) continue;
    if (at > pos) parts.push(bytes.subarray(pos, at));
    pos = at + packetLength(bytes, at);
  }
  if (pos < bytes.length) parts.push(bytes.subarray(pos));
  return Buffer.concat(parts);
}
function packetLength(bytes, at) {
  const b0 = bytes[at + 3] ?? 0;
  const size = (b0 & 192) === 0 ? 1 : (b0 & 192) === 64 ? 2 : 3;
  let length = b0 & 63;
  for (let k = 1; k < size; k++) length = length * 256 + (bytes[at + 3 + k] ?? 0);
  return Math.max(length, 6);
}
function scanJUnit(bytes, finder) {
  scanRecords(parseResults(bytes, { format: "junit", attachments: UNCAPPED }), finder);
  scanMarkup(xmlText(bytes), "xml", finder);
}
function scanRecords(results, finder) {
  for (const t of results.tests) {
    finder.text(t.id);
    for (const tag of t.tags) finder.text(tag);
    for (const a of t.attachments) {
      finder.text(a.name);
      finder.text(a.text);
    }
  }
}
function xmlText(bytes) {
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(Buffer.from(bytes.subarray(0, 256)).toString("latin1"))?.[1];
  try {
    return new TextDecoder(declared ?? "utf-8").decode(bytes);
  } catch {
    return utf8(bytes);
  }
}
var NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\xA0" };
function decodeReferences(s, mode) {
  if (!s.includes("&")) return s;
  const re = mode === "xml" ? /&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));/g : /&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));?/g;
  return s.replace(re, (whole, hex, dec, name) => {
    if (name !== void 0) return NAMED[name] ?? whole;
    const code = hex !== void 0 ? Number.parseInt(hex, 16) : Number(dec);
    return Number.isSafeInteger(code) && code <= 1114111 ? String.fromCodePoint(code) : whole;
  });
}
function scanMarkup(doc, mode, finder) {
  finder.text(doc);
  let run = "";
  const flush = () => {
    finder.text(run);
    run = "";
  };
  let pos = 0;
  const n = doc.length;
  while (pos < n) {
    const lt = doc.indexOf("<", pos);
    const stop = lt < 0 ? n : lt;
    if (stop > pos) run += decodeReferences(doc.slice(pos, stop), mode);
    if (lt < 0) break;
    if (doc.startsWith("<![CDATA[", lt)) {
      const end = doc.indexOf("]]>", lt + 9);
      run += doc.slice(lt + 9, end < 0 ? n : end);
      pos = end < 0 ? n : end + 3;
    } else if (doc.startsWith("<!--", lt)) {
      const end = doc.indexOf("-->", lt + 4);
      finder.text(doc.slice(lt + 4, end < 0 ? n : end));
      pos = end < 0 ? n : end + 3;
    } else if (doc.startsWith("<?", lt)) {
      const end = doc.indexOf("?>", lt + 2);
      pos = end < 0 ? n : end + 2;
    } else if (/^<[!/]?[A-Za-z]/.test(doc.slice(lt, lt + 3))) {
      const end = tagEnd(doc, lt);
      for (const m of doc.slice(lt, end).matchAll(/=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)) finder.text(decodeReferences(m[1] ?? m[2] ?? m[3] ?? "", mode));
      if (mode === "xml") flush();
      pos = end;
    } else {
      run += "<";
      pos = lt + 1;
    }
    if (finder.done) return;
  }
  flush();
}
function tagEnd(doc, lt) {
  let quote = "";
  for (let i = lt + 1; i < doc.length; i++) {
    const c = doc[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i + 1;
  }
  return doc.length;
}
function scanJson(text, finder) {
  finder.text(text);
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    for (const m of text.matchAll(/"(?:[^"\\\n]|\\.)*"/g)) {
      try {
        finder.text(JSON.parse(m[0]));
      } catch {
      }
    }
    return;
  }
  walk(doc, finder);
}
function walk(value, finder) {
  if (typeof value === "string") finder.text(value);
  else if (Array.isArray(value)) for (const v of value) walk(v, finder);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      finder.text(k);
      walk(v, finder);
    }
  }
}
function scanMarkdown(text, finder) {
  finder.text(text);
  scanMarkup(text.replace(/\\([!-/:-@[-`{-~])/g, "$1"), "html", finder);
}

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
    throw bad(
      path,
      code === "ENOENT" ? "no report.json here: download the tempest-gate artifact into this directory first" : `not valid JSON (${err.message})`
    );
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
    let bytes;
    try {
      bytes = await readFile(rpath);
    } catch (err) {
      throw bad(rpath, `cannot read the results (${err.message})`);
    }
    try {
      results = resultsFromBytes(bytes, rpath);
    } catch (err) {
      if (err instanceof UserError) throw bad(rpath, err.message);
      throw err;
    }
  }
  return { manifest, results };
}

// src/action/publish.ts
var CONCLUSION = { pass: "success", fail: "failure", skipped: "action_required", error: "failure" };
var SUMMARY_LIMIT = 1024 * 1024 - 1024;
async function publishReport(settings, report, targets, github) {
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
  if (report.shard) {
    const file = join2(settings.reportDir, SHARD_MANIFEST_FILE);
    await writeFile(file, `${JSON.stringify(report.shard)}
`);
    files.push(file);
  }
  const reportPath = join2(settings.reportDir, FILES.markdown);
  let commentUrl = null;
  let checkRunId = null;
  const pointer = ctx.runUrl ? `The whole report is in the job summary of [the workflow run](${ctx.runUrl})${settings.artifactName ? ` and its artifact \`${settings.artifactName}\`` : ""}.` : "The whole report is in the job summary and the artifact.";
  if (targets.github && (report.pullRequest || settings.checkRun)) {
    const [{ upsertComment }, { publishCheckRun }, gh] = await Promise.all([
      import("./comment-XDQF3TCN.js"),
      import("./check-run-RSQ7N4GT.js"),
      github()
    ]);
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
  const summary = extra.length ? render(problems) : markdown;
  try {
    await writeJobSummary(fitBody(summary, { pointer: `The whole report is in ${reportPath} and the artifact.`, limit: SUMMARY_LIMIT }).body);
  } catch (err) {
    warning(`could not write the job summary: ${err.message}`);
  }
  if (targets.artifact && settings.artifactName) {
    if (results !== null && report.judgement) {
      const html = join2(settings.reportDir, FILES.html);
      try {
        await writeReport({ results, judgement: report.judgement, title: `tempest-gate: ${ctx.owner}/${ctx.repo}`, html, markdown: null, clean });
        files.push(html);
      } catch (err) {
        warning(`the HTML report was not written: ${clean(err.message)}`);
      }
    }
    const upload = [];
    for (const f of files) if (await clearOfSecrets(f, scanFormatOf(f), settings.secrets, clean, "it is left out of the artifact")) upload.push(f);
    if (report.rawResultsPath && await clearOfSecrets(report.rawResultsPath, "auto", settings.secrets, clean, "only the redacted results.json is uploaded")) {
      const dest = join2(settings.reportDir, FILES.subunit);
      await copyFile(report.rawResultsPath, dest);
      upload.push(dest);
    }
    for (const log of report.nodeLogs ?? []) {
      const dest = join2(settings.reportDir, "logs", basename(log));
      await mkdir(dirname(dest), { recursive: true });
      await copyFile(log, dest);
      files.push(dest);
    }
    try {
      const { uploadArtifact } = await import("./artifacts-IONVOI2Z.js");
      const up = await uploadArtifact({ name: settings.artifactName, files: upload, rootDirectory: settings.reportDir });
      if (up.uploaded) info(`Artifact '${settings.artifactName}' uploaded (id ${up.id ?? "?"}, ${up.size ?? "?"} bytes).`);
      else info(`Artifact not uploaded: ${up.reason}. The report is in ${settings.reportDir}.`);
    } catch (err) {
      const line = `could not upload the artifact '${settings.artifactName}': ${err.message}`;
      warning(line);
    }
  }
  return { reportPath, commentUrl, checkRunId, problems };
}
async function clearOfSecrets(path, format, secrets, clean, instead) {
  const scan2 = findSecrets(await readFile2(path), format, secrets);
  if (scan2.found.length) warning(clean(`${path} contains a secret value (decoded as ${[...new Set(scan2.readAs)].join(", ")}): ${instead}.`));
  else if (scan2.unchecked.length) warning(clean(`${path} could not be checked for secrets (${scan2.unchecked[0]}): ${instead}.`));
  return scan2.found.length === 0 && scan2.unchecked.length === 0;
}
function resultsJson(results, clean) {
  return JSON.stringify(results, (_key, value) => typeof value === "string" ? clean(value) : value);
}
function describe(err) {
  return err instanceof UserError ? err.message : `internal error while publishing: ${err.message}`;
}

// src/action/gate.ts
import { join as join3 } from "node:path";
var FORK_HELP = `This pull request comes from a fork, and GitHub does not give a fork's workflow run the cloud credentials (nor a token that may comment). The gate did not run. A maintainer can run it in a trusted context and publish it with the workflow_run reporting workflow: see docs/action.md, "Pull requests from forks".`;
var COMPARE_BUDGET = 56e3;
async function runGate(run) {
  if (run.settings.reportFrom) await publishFromArtifact(run);
  else if (run.settings.mergeFrom) await mergeShardArtifacts(run);
  else await gate(run);
}
async function reference(settings) {
  const ctx = settings.context;
  let baseline = null;
  let warning2 = null;
  const common = {
    store: settings.baselineStore,
    repo: process.cwd(),
    created: (/* @__PURE__ */ new Date()).toISOString(),
    github: { token: settings.githubToken, repository: `${ctx.owner}/${ctx.repo}`, apiUrl: ctx.apiUrl },
    log: (l) => info(l)
  };
  const asked = settings.baseline ?? (settings.baselineCandidates.length ? "auto" : null);
  try {
    if (settings.baseline) baseline = await loadBaseline({ ...common, ref: settings.baseline });
    else if (settings.baselineCandidates.length) {
      const r = await loadBaselineWithFallback({ ...common, candidates: settings.baselineCandidates });
      baseline = r.loaded;
      warning2 = r.warning;
    }
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`input 'baseline' ('${asked}'): ${err.message}`, { exitCode: err.exitCode, cause: err });
    throw err;
  }
  if (baseline) info(`Baseline: ${baseline.source}`);
  if (warning2) warning(`baseline: ${warning2}`);
  let knownFailures;
  try {
    knownFailures = await loadKnownFailures(settings.knownFailures);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`input 'known-failures': ${err.message}`, { exitCode: err.exitCode, cause: err });
    throw err;
  }
  let guidelines;
  try {
    guidelines = await loadGuidelines(settings.guidelines);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`input 'guideline': ${err.message}`, { exitCode: err.exitCode, cause: err });
    throw err;
  }
  return { baseline, knownFailures, guidelines, warning: warning2 };
}
async function referenceOrReport(run, shard = null) {
  try {
    return await reference(run.settings);
  } catch (err) {
    if (!(err instanceof UserError) || err.exitCode !== EXIT.badInput) throw err;
    const line = redact(err.message, run.settings.secrets);
    error(line);
    await publishWithoutResults(run, notRunVerdict({ badInput: line }), [line], shard);
    setFailed(line);
    setOutput("result", "error");
    return null;
  }
}
async function startJudged(run) {
  const ref = await referenceOrReport(run);
  if (!ref) return null;
  return { ref, problems: ref.warning ? [`baseline: ${ref.warning}`] : [] };
}
function judgedReport(settings, o) {
  const { judgement, ...rest } = o;
  return {
    ...rest,
    verdict: judgement.verdict.result,
    headline: judgement.verdict.reason,
    compare: compareOf(judgement),
    judgement,
    pullRequest: prOf(settings)
  };
}
function judgeHere(settings, runs, damage, ref, infrastructure, selected = null) {
  const now = (/* @__PURE__ */ new Date()).toISOString();
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
    infrastructure
  });
}
function compareOf(j) {
  if (!j.hasBaseline) return null;
  return { markdown: renderCompareMarkdown(j.diff, { budget: COMPARE_BUDGET }), regressions: j.diff.counts.regressions, fixes: j.diff.counts.fixes };
}
function readOnlyFork(settings) {
  return settings.context.pullRequest?.fromFork === true && settings.context.eventName === "pull_request";
}
function prOf(settings) {
  const pr = settings.context.pullRequest;
  return pr ? { number: pr.number, headSha: pr.headSha } : null;
}
async function publishWithoutResults(run, verdict, problems, shard = null) {
  const { settings } = run;
  const report = {
    results: null,
    verdict: verdict.result,
    headline: verdict.reason,
    problems,
    compare: null,
    judgement: null,
    pullRequest: prOf(settings),
    rawResultsPath: null,
    shard
  };
  const out = await publishReport(settings, report, { github: postsToGitHub(settings), artifact: true }, run.github);
  setOutputs(report, out, 0, null);
}
function postsToGitHub(settings) {
  return !readOnlyFork(settings) && settings.shardCount <= 1;
}
async function runOnCloud(run, problems, durations) {
  const { settings, stages } = run;
  const pr = settings.context.pullRequest;
  if (!settings.cloud) {
    if (pr?.fromFork) {
      error(FORK_HELP);
      await publishWithoutResults(run, notRunVerdict({ skipped: "Not run: this pull request comes from a fork." }), [FORK_HELP]);
      setFailed("tempest-gate did not run: pull request from a fork without cloud credentials (see the job summary).");
      return null;
    }
    throw new UserError(
      "no cloud credentials: set input 'clouds-yaml' (a secret) and 'cloud', or the OS_* environment variables; or set 'results' to report an existing result file",
      { exitCode: EXIT.usage }
    );
  }
  requireCloudInputs(settings);
  const log = (l) => info(l);
  startGroup("Select");
  const selection = await stages.select({ settings, log, signal: run.signal, github: await run.github(), workspace: process.cwd(), durations });
  endGroup();
  info(`Selection: ${selection.summary}`);
  const shard = selection.shard ?? null;
  if (selection.conclusion === "skip") {
    await publishWithoutResults(run, notRunVerdict({ nothingToRun: selection.summary }), problems, shard);
    return null;
  }
  const runId = newRunId(Date.now(), Math.random);
  saveState(STATE.runId, runId);
  if (settings.cloud.name) saveState(STATE.cloudName, settings.cloud.name);
  info(`Run id ${runId}: every cloud resource of this run carries it.`);
  startGroup("Provision and run");
  let ran;
  try {
    ran = await stages.provisionAndRun({ settings, selection, runId, log, signal: run.signal, durations });
  } catch (err) {
    endGroup();
    const line = redact(err instanceof UserError ? err.message : `internal error: ${err.message}`, settings.secrets);
    error(line);
    await publishWithoutResults(run, notRunVerdict({ infrastructure: line }), problems, shard);
    setFailed(line);
    setOutput("result", "error");
    return null;
  }
  endGroup();
  return {
    resultsPath: ran.resultsPath,
    selectedCount: selection.selectedCount,
    selected: selection.selected ?? null,
    problem: ran.problem ?? null,
    logFiles: ran.logFiles ?? [],
    shard
  };
}
async function gate(run) {
  const { settings } = run;
  const started = await startJudged(run);
  if (!started) return;
  const { ref, problems } = started;
  let resultsPath = settings.results;
  let selectedCount = null;
  let selected = null;
  let infrastructure = null;
  let logFiles = [];
  let shard = null;
  const durations = /* @__PURE__ */ new Map();
  for (const t of ref.baseline?.baseline.tests ?? []) if (t.duration !== null) durations.set(t.name, t.duration);
  if (!resultsPath) {
    const ran = await runOnCloud(run, problems, durations);
    if (!ran) return;
    ({ resultsPath, selectedCount, selected, logFiles, shard } = ran);
    infrastructure = ran.problem;
    if (infrastructure) problems.push(infrastructure);
  } else if (settings.shardCount > 1) {
    startGroup("Select (the shard plan)");
    const selection = await run.stages.select({
      settings,
      log: (l) => info(l),
      signal: run.signal,
      github: await run.github(),
      workspace: process.cwd(),
      durations
    });
    endGroup();
    shard = selection.shard ?? null;
  }
  startGroup(`Read ${resultsPath}`);
  const { runs, damage } = await loadRuns([resultsPath], process.stdin);
  endGroup();
  problems.push(...damage);
  const judgement = judgeHere(settings, runs, damage, ref, infrastructure, selected);
  if (judgement.notSelected > 0)
    info(`Compared with the baseline's tests that this change selected: ${judgement.notSelected} baseline test(s) outside the selection are left out.`);
  const results = runs[0];
  const report = judgedReport(settings, { results, judgement, problems, rawResultsPath: resultsPath, nodeLogs: logFiles, shard });
  if (readOnlyFork(settings))
    notice("Pull request from a fork: the report is uploaded as an artifact for the workflow_run reporting workflow to publish.");
  if (shard) info(`Shard ${shard.shardIndex} of ${shard.shardCount}: the merge job judges the whole run and publishes it (input 'merge-from').`);
  const out = await publishReport(settings, report, { github: postsToGitHub(settings), artifact: true }, run.github);
  setOutputs(report, out, selectedCount ?? results.tests.length, judgement);
  if (out.problems.length > problems.length) {
    setFailed(`tempest-gate could not publish everything: ${out.problems[problems.length]}`);
  } else if (judgement.verdict.result !== "pass" && (settings.shardCount <= 1 || judgement.verdict.result === "error")) {
    setFailed(`tempest-gate: ${redact(judgement.verdict.reason, settings.secrets)}`);
  }
}
async function mergeShardArtifacts(run) {
  const { settings } = run;
  const pattern = settings.mergeFrom ?? "";
  const started = await startJudged(run);
  if (!started) return;
  const { ref, problems } = started;
  startGroup(`Download the shards' artifacts ('${pattern}')`);
  const { downloadMatchingArtifacts } = await import("./artifacts-IONVOI2Z.js");
  let found;
  try {
    found = await downloadMatchingArtifacts({ pattern, path: join3(settings.reportDir, "shards"), log: (l) => info(l) });
  } catch (err) {
    endGroup();
    throw new UserError(`input 'merge-from': could not download the shards' artifacts: ${err.message}`, { exitCode: EXIT.infra, cause: err });
  }
  endGroup();
  const expected = settings.shardCount > 1 ? settings.shardCount : null;
  if (!found.length) {
    const line = `no artifact of this workflow run matches '${pattern}': no shard left results${expected ? ` (${expected} expected)` : ""}`;
    error(line);
    await publishWithoutResults(run, notRunVerdict({ infrastructure: line }), problems);
    setFailed(line);
    return;
  }
  startGroup("Merge the shards");
  const { mergeStage } = await import("./merge-IW5KTXTT.js");
  const { renderMergeText } = await import("./shard-merge-645KR426.js");
  let outcome;
  try {
    outcome = await mergeStage({
      dirs: found.map((f) => f.dir),
      shardCount: expected,
      absentReason: `no artifact matching '${pattern}' came from it (its job failed or was cancelled before it uploaded one)`,
      log: (l) => info(l)
    });
  } catch (err) {
    endGroup();
    const named = found.reduce((m, f) => m.split(f.dir).join(`artifact '${f.name}'`), err instanceof Error ? err.message : String(err));
    if (err instanceof UserError) throw new UserError(`input 'merge-from': ${named}`, { exitCode: err.exitCode, cause: err });
    throw err;
  }
  const { merged, damage } = outcome;
  info(renderMergeText(merged).trimEnd());
  endGroup();
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
    judgement
  );
  if (out.problems.length > problems.length) setFailed(`tempest-gate could not publish everything: ${out.problems[problems.length]}`);
  else if (judgement.verdict.result !== "pass") setFailed(`tempest-gate: ${redact(judgement.verdict.reason, settings.secrets)}`);
}
function setOutputs(report, out, selected, judgement) {
  const failing = report.results ? report.results.tests.filter((t) => FAILING_STATUSES.has(t.status)).length : 0;
  setOutput("result", report.verdict);
  setOutput("regressions", judgement?.hasBaseline ? judgement.diff.counts.regressions : failing);
  setOutput("fixes", judgement?.hasBaseline ? judgement.diff.counts.fixes : 0);
  setOutput("selected-count", selected);
  setOutput("report-path", out.reportPath);
  if (out.commentUrl) setOutput("comment-url", out.commentUrl);
  if (out.checkRunId !== null) setOutput("check-run-id", out.checkRunId);
}
var UNVERIFIED = "reported by the pull request's own workflow, not verified";
async function publishFromArtifact(run) {
  const { settings } = run;
  const dir = settings.reportFrom ?? "";
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
      { exitCode: EXIT.badInput }
    );
  }
  const where = `pull request #${manifest.pullRequest.number}`;
  let headSha;
  try {
    const pull = await (await run.github()).rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: manifest.pullRequest.number });
    headSha = pull.data.head.sha;
  } catch (err) {
    throw (await import("./client-VYIOHZLW.js")).explainGitHubError(err, "pull request", where);
  }
  if (headSha !== wr.headSha) {
    throw new UserError(`input 'report-from': ${where} is at ${headSha.slice(0, 12)}, not at the reported commit ${wr.headSha.slice(0, 12)}; not publishing`, {
      exitCode: EXIT.badInput
    });
  }
  let report;
  if (results) {
    const judgement = judgeHere(settings, [results], results.damage.length ? [`${dir}: the results were damaged`] : [], await reference(settings), null);
    const v = judgement.verdict;
    const verdict = v.result === "pass" ? "skipped" : v.result;
    report = {
      results,
      verdict,
      headline: v.result === "pass" ? `${v.reason} (${UNVERIFIED})` : v.reason,
      problems: [
        ...manifest.problems,
        ...v.result === "pass" ? [
          `These results were ${UNVERIFIED}: the check is not a pass. To gate on them, run the gate in a trusted workflow (docs/action.md, "Pull requests from forks").`
        ] : []
      ],
      compare: compareOf(judgement),
      judgement,
      pullRequest: manifest.pullRequest,
      rawResultsPath: null
    };
  } else {
    report = {
      results: null,
      verdict: manifest.verdict === "pass" ? "skipped" : manifest.verdict,
      headline: `${manifest.headline} (${UNVERIFIED})`,
      problems: manifest.problems,
      compare: null,
      judgement: null,
      pullRequest: manifest.pullRequest,
      rawResultsPath: null
    };
  }
  const out = await publishReport(settings, report, { github: true, artifact: false }, run.github);
  setOutput("result", report.verdict);
  setOutput("report-path", out.reportPath);
  if (out.commentUrl) setOutput("comment-url", out.commentUrl);
  if (out.checkRunId !== null) setOutput("check-run-id", out.checkRunId);
  if (out.problems.length > report.problems.length) setFailed(`tempest-gate could not publish everything: ${out.problems[report.problems.length]}`);
}
export {
  FORK_HELP,
  UNVERIFIED,
  runGate
};
