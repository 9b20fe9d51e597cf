import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  explainGitHubError
} from "./chunk-OOIVR6QO.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-WEZUQMLQ.js";
import "./chunk-7X7P2LP7.js";
import "./chunk-NQJFE2ZZ.js";

// src/edges/github/comment.ts
async function findComment(client, target, marker) {
  let found = null;
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  });
  for await (const page of pages) {
    for (const c of page.data) if (c.body?.includes(marker)) found = { id: c.id, html_url: c.html_url };
  }
  return found;
}
async function upsertComment(client, options) {
  if (!options.body.includes(options.marker)) throw new Error("comment body lacks its marker: it could never be found again");
  const where = `pull request #${options.issueNumber}`;
  try {
    const existing = await findComment(client, options, options.marker);
    if (existing) {
      const r2 = await client.rest.issues.updateComment({ owner: options.owner, repo: options.repo, comment_id: existing.id, body: options.body });
      return { action: "updated", id: r2.data.id, url: r2.data.html_url };
    }
    if (options.mode === "on-failure" && !options.failing) return { action: "skipped", id: null, url: null };
    const r = await client.rest.issues.createComment({ owner: options.owner, repo: options.repo, issue_number: options.issueNumber, body: options.body });
    return { action: "created", id: r.data.id, url: r.data.html_url };
  } catch (err) {
    throw explainGitHubError(err, "comment", where);
  }
}
export {
  findComment,
  upsertComment
};
