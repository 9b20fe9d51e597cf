import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  renderHtmlReport
} from "./chunk-C2PR4P7J.js";
import {
  renderReportMarkdown
} from "./chunk-FYXSTOGF.js";
import {
  renderCompareMarkdown
} from "./chunk-X4FZVZJY.js";
import {
  writeOutput
} from "./chunk-P2FODZ67.js";

// src/stages/report.ts
function reportMarkdown(o) {
  const { judgement } = o;
  if (judgement.hasBaseline) return renderCompareMarkdown(judgement.diff, { title: o.title, ...o.budget !== void 0 ? { budget: o.budget } : {} });
  return renderReportMarkdown({ results: o.results, verdict: judgement.verdict.result, headline: judgement.verdict.reason, title: o.title });
}
async function writeReport(o) {
  const clean = o.clean ?? ((t) => t);
  if (o.html !== null) {
    const page = renderHtmlReport({
      title: o.title,
      results: o.results,
      diff: o.judgement.hasBaseline ? o.judgement.diff : null,
      verdict: o.judgement.verdict,
      ...o.subtitle !== void 0 ? { subtitle: o.subtitle } : {}
    });
    await writeOutput(o.html, clean(page));
  }
  if (o.markdown !== null) await writeOutput(o.markdown, clean(reportMarkdown(o)));
  return { html: o.html, markdown: o.markdown };
}

export {
  writeReport
};
