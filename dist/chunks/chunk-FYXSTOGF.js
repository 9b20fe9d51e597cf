import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  FAILING_STATUSES
} from "./chunk-AOIPOV6R.js";

// src/core/run/mask.ts
function secretValues(envText) {
  const out = /* @__PURE__ */ new Set();
  for (const line of envText.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=(.*)$/.exec(line);
    if (!m) continue;
    let v = (m[1] ?? "").trim();
    if (v.length >= 2 && (v.startsWith('"') && v.endsWith('"') || v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    if (v.length >= 6) out.add(v);
  }
  return [...out].sort((a, b) => b.length - a.length);
}
function maskSecrets(text, secrets) {
  let out = text;
  for (const s of secrets) out = out.split(s).join("***");
  return out;
}
function secretForms(secret) {
  let url = secret;
  try {
    url = encodeURIComponent(secret);
  } catch {
  }
  return [.../* @__PURE__ */ new Set([secret, JSON.stringify(secret).slice(1, -1), url])];
}

// src/core/render/pr-report.ts
var GITHUB_BODY_LIMIT = 65536;
var ANNOTATIONS_PER_REQUEST = 50;
var ICON = { pass: "\u2705", fail: "\u274C", skipped: "\u23ED\uFE0F", error: "\u26A0\uFE0F" };
function commentMarker(key) {
  return `<!-- tempest-gate:report key=${key.replace(/[^A-Za-z0-9_.:/@-]/g, "_")} -->`;
}
function escapeCell(text) {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function seconds(s) {
  if (s === null) return "\u2013";
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}
function failureDetail(t) {
  const a = t.attachments.find((x) => x.name === "traceback") ?? t.attachments.find((x) => x.name === "reason");
  if (!a || !a.text) return "";
  const lines = a.text.replace(/\s+$/, "").split("\n").slice(-12);
  const longest = Math.max(2, ...[...a.text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}
${lines.join("\n")}
${fence}`;
}
function failingTests(results) {
  return results.tests.filter((t) => FAILING_STATUSES.has(t.status));
}
function countsLine(results) {
  const c = results.counts;
  const parts = [
    `**${results.tests.length}** tests`,
    `${c.success} passed`,
    `${c.fail + c.uxsuccess} failed`,
    `${c.skip} skipped`,
    c.xfail ? `${c.xfail} expected failures` : "",
    c.inprogress + c.unknown ? `${c.inprogress + c.unknown} never finished` : ""
  ].filter(Boolean);
  return parts.join(" \xB7 ");
}
function renderReportMarkdown(input) {
  const out = [];
  const compared = input.compareMarkdown !== void 0 && input.compareMarkdown.trim() !== "";
  if (!compared) out.push(`### ${ICON[input.verdict]} ${input.title ?? "tempest-gate"}: ${input.verdict}`, "", input.headline);
  if (compared) out.push((input.compareMarkdown ?? "").trim());
  for (const p of input.problems ?? []) {
    out.push("");
    out.push(`> [!WARNING]
> ${p.replace(/\r?\n/g, " ")}`);
  }
  const r = input.results;
  if (r) {
    if (!compared) out.push("", countsLine(r));
    if (r.damage.length) out.push("", `\u26A0\uFE0F the result stream was damaged at byte ${r.damage[0]?.offset}: only what was readable is reported.`);
    if (!compared) {
      const failing = failingTests(r);
      if (failing.length) {
        const max = input.maxFailures ?? 50;
        out.push("", `#### Failing tests (${failing.length})`, "", "| Test | Status | Duration |", "| --- | --- | --- |");
        for (const t of failing.slice(0, max)) out.push(`| \`${escapeCell(t.name)}\` | ${t.status} | ${seconds(t.duration)} |`);
        if (failing.length > max) out.push("", `\u2026 and ${failing.length - max} more (see the job summary).`);
        const detailed = failing.slice(0, Math.min(max, 20)).filter((t) => failureDetail(t) !== "");
        for (const t of detailed) {
          out.push("", `<details><summary><code>${htmlEscape(t.name)}</code></summary>`, "", failureDetail(t), "", "</details>");
        }
      }
    }
  }
  const links = [];
  if (input.runUrl) links.push(`[workflow run and job summary](${input.runUrl})`);
  if (input.artifactName) links.push(`artifact \`${input.artifactName}\``);
  if (links.length) out.push("", `<sub>Details: ${links.join(" \xB7 ")}</sub>`);
  return `${out.join("\n")}
`;
}
function htmlEscape(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function fitBody(body, options) {
  const limit = options.limit ?? GITHUB_BODY_LIMIT;
  if (body.length <= limit) return { body, cut: false };
  const tail = `

---
\u2702\uFE0F This report was cut to fit GitHub's ${limit.toLocaleString("en-US")}-character limit. ${options.pointer}
`;
  const room = limit - tail.length - 100;
  let kept = body.slice(0, Math.max(0, room));
  const nl = kept.lastIndexOf("\n");
  if (nl > 0) kept = kept.slice(0, nl);
  let closing = "";
  const fences = kept.match(/^`{3,}/gm) ?? [];
  if (fences.length % 2 === 1) closing += `
${fences[fences.length - 1]}`;
  const opened = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  if (opened > 0) closing += "\n</details>";
  return { body: `${kept}${closing}${tail}`, cut: true };
}
function redact(text, secrets) {
  let out = text;
  const forms = new Set(secrets.filter((x) => x.length >= 4).flatMap(secretForms));
  for (const s of [...forms].sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join("***");
  }
  return out;
}
function modulePath(className) {
  const parts = className.split(".");
  const mod = parts.length > 1 ? parts.slice(0, -1) : parts;
  return `${mod.join("/")}.py`;
}
function tracebackLine(text, path) {
  let line = 1;
  const re = /File "([^"]+)", line (\d+)/g;
  for (const m of text.matchAll(re)) {
    const file = m[1] ?? "";
    if (file === path || file.endsWith(`/${path}`)) line = Number(m[2]);
  }
  return line;
}
function buildAnnotations(results, options = {}) {
  const out = [];
  for (const t of failingTests(results)) {
    const path = modulePath(t.className || t.name);
    const tb = t.attachments.find((a) => a.name === "traceback") ?? t.attachments.find((a) => a.name === "reason");
    const text = tb?.text ?? "";
    const line = tracebackLine(text, path);
    const last = text.replace(/\s+$/, "").split("\n").pop() ?? "";
    out.push({
      path: `${options.pathPrefix ?? ""}${path}`,
      start_line: line,
      end_line: line,
      annotation_level: "failure",
      title: `${t.status === "uxsuccess" ? "Unexpected success" : t.status === "fail" ? "Failed" : "Did not finish"}: ${t.method}`.slice(0, 255),
      message: (last || `${t.name}: ${t.status}`).slice(0, 64e3),
      ...text ? { raw_details: text.slice(-64e3) } : {}
    });
  }
  return out;
}
function annotationBatches(items, size = ANNOTATIONS_PER_REQUEST) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export {
  secretValues,
  maskSecrets,
  secretForms,
  commentMarker,
  renderReportMarkdown,
  fitBody,
  redact,
  buildAnnotations,
  annotationBatches
};
