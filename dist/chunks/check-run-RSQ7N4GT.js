import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  annotationBatches
} from "./chunk-FYXSTOGF.js";
import "./chunk-AOIPOV6R.js";
import {
  explainGitHubError
} from "./chunk-L7QYIRYK.js";
import "./chunk-WEZUQMLQ.js";
import "./chunk-7X7P2LP7.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/edges/github/check-run.ts
async function publishCheckRun(client, o) {
  const where = `commit ${o.headSha.slice(0, 12)}`;
  const [first = [], ...rest] = annotationBatches(o.annotations);
  try {
    const created = await client.rest.checks.create({
      owner: o.owner,
      repo: o.repo,
      name: o.name,
      head_sha: o.headSha,
      status: "completed",
      conclusion: o.conclusion,
      completed_at: (/* @__PURE__ */ new Date()).toISOString(),
      ...o.detailsUrl ? { details_url: o.detailsUrl } : {},
      output: { title: o.title, summary: o.summary, annotations: first }
    });
    let calls = 1;
    for (const batch of rest) {
      await client.rest.checks.update({
        owner: o.owner,
        repo: o.repo,
        check_run_id: created.data.id,
        output: { title: o.title, summary: o.summary, annotations: batch }
      });
      calls++;
    }
    return { id: created.data.id, url: created.data.html_url ?? null, calls };
  } catch (err) {
    throw explainGitHubError(err, "check run", where);
  }
}
export {
  publishCheckRun
};
