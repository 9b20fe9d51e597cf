import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  explainGitHubError
} from "./chunk-L7QYIRYK.js";
import "./chunk-WEZUQMLQ.js";
import "./chunk-7X7P2LP7.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/edges/github/comment.ts
var ACTIONS_BOT_LOGIN = "github-actions[bot]";
var POST_ATTEMPTS = 3;
async function tokenAuthor(client, appLogin = ACTIONS_BOT_LOGIN) {
  const auth = await client.auth();
  if (auth.tokenType === "installation") return { login: appLogin, type: "Bot" };
  try {
    const me = await client.rest.users.getAuthenticated();
    return { login: me.data.login, type: me.data.type === "Bot" ? "Bot" : "User" };
  } catch (err) {
    if (statusOf(err) === 403) return { login: appLogin, type: "Bot" };
    throw err;
  }
}
async function findComment(client, target, marker, author) {
  const marked = [];
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100
  });
  for await (const page of pages) {
    for (const c of page.data) if (c.body?.includes(marker)) marked.push(c);
  }
  if (marked.length === 0) return null;
  const me = await author();
  const ours = marked.filter((c) => c.user?.login === me.login && c.user.type === me.type);
  const newest = ours.at(-1);
  return newest ? { id: newest.id, html_url: newest.html_url, body: newest.body ?? "" } : null;
}
async function upsertComment(client, options) {
  if (!options.body.includes(options.marker)) throw new Error("comment body lacks its marker: it could never be found again");
  const where = `pull request #${options.issueNumber}`;
  let me = null;
  const author = () => me ??= tokenAuthor(client, options.appLogin);
  const update = async (id) => {
    const r = await client.rest.issues.updateComment({ owner: options.owner, repo: options.repo, comment_id: id, body: options.body });
    return { action: "updated", id: r.data.id, url: r.data.html_url };
  };
  try {
    const existing = await findComment(client, options, options.marker, author);
    if (existing) return await update(existing.id);
    if (options.mode === "on-failure" && !options.failing) return { action: "skipped", id: null, url: null };
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await client.rest.issues.createComment({
          owner: options.owner,
          repo: options.repo,
          issue_number: options.issueNumber,
          body: options.body,
          // The retry plugin would repeat a POST that may have been applied: this loop does it instead.
          request: { retries: 0, fetch: timedFetch(client, options.postTimeoutMs ?? 3e4) }
        });
        return { action: "created", id: r.data.id, url: r.data.html_url };
      } catch (err) {
        const status = statusOf(err);
        if (status !== null && status < 500 || attempt >= POST_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, (options.recheckDelayMs ?? 1e3) * attempt));
        const applied = await findComment(client, options, options.marker, author);
        if (applied) {
          if (applied.body === options.body) return { action: "created", id: applied.id, url: applied.html_url };
          return { ...await update(applied.id), action: "created" };
        }
      }
    }
  } catch (err) {
    throw explainGitHubError(err, "comment", where);
  }
}
function timedFetch(client, ms) {
  const defaults = client.request.endpoint.DEFAULTS;
  const base = defaults.request?.fetch ?? fetch;
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    return base(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}
function statusOf(err) {
  const s = err?.status;
  return typeof s === "number" ? s : null;
}
export {
  ACTIONS_BOT_LOGIN,
  findComment,
  tokenAuthor,
  upsertComment
};
