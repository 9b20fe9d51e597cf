// The pull-request comment: one per pull request and job, found by its hidden marker and updated
// in place, never duplicated. Costs one list call per 100 comments on the PR, plus one write (and
// one GET /user when a marked comment exists and the token is not an installation token).
//
// Whose comment may be taken over: only one written by the token's own identity. Anyone can paste
// the marker into a comment of their own; that comment is left alone and ours is made beside it.
// - An installation token (the Actions GITHUB_TOKEN, `ghs_...`; GET /user is refused to it with
//   403) writes as its app's bot user: type Bot, login `<app-slug>[bot]`, `github-actions[bot]`
//   for the Actions token. Logins ending in `[bot]` belong to apps, so no person can pose as one.
// - Any other token (a personal access token, OAuth, user-to-server) writes as its user:
//   GET /user gives the login. A 403 there also means an installation token (e.g. an old one
//   without the prefix).
//
// Creating is not idempotent: a POST whose answer was lost (5xx, a reset, a timeout) may have been
// applied. So it is never retried blind: the comments are listed again and only when ours is not
// there is it posted again.
import type { GitHubClient } from './client.ts';
import { explainGitHubError } from './client.ts';

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface UpsertOptions extends CommentTarget {
  /** The hidden marker (commentMarker()); the body must contain it. */
  marker: string;
  body: string;
  /** 'on-failure': create only when failing, but always update an existing comment so it is never stale. */
  mode: 'update' | 'on-failure';
  failing: boolean;
  /** The bot login an installation token writes as (default `github-actions[bot]`, the Actions token's). */
  appLogin?: string;
  /** How long one comment POST may take before its outcome counts as unknown (default 30 s). */
  postTimeoutMs?: number;
  /** Pause before listing again after an unknown outcome, times the attempt (default 1 s). */
  recheckDelayMs?: number;
}

export interface CommentOutcome {
  action: 'created' | 'updated' | 'skipped';
  id: number | null;
  url: string | null;
}

/** Who the token writes as: comments by anyone else are never matched. */
export interface CommentAuthor {
  login: string;
  type: 'User' | 'Bot';
}

export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/** How many times a comment POST with an unknown outcome is tried in all. */
const POST_ATTEMPTS = 3;

/** The token's own identity (see the top of this file). */
export async function tokenAuthor(client: GitHubClient, appLogin = ACTIONS_BOT_LOGIN): Promise<CommentAuthor> {
  const auth = (await client.auth()) as { tokenType?: string };
  if (auth.tokenType === 'installation') return { login: appLogin, type: 'Bot' };
  try {
    const me = await client.rest.users.getAuthenticated();
    return { login: me.data.login, type: me.data.type === 'Bot' ? 'Bot' : 'User' };
  } catch (err) {
    if (statusOf(err) === 403) return { login: appLogin, type: 'Bot' };
    throw err;
  }
}

interface ListedComment {
  id: number;
  html_url: string;
  body?: string;
  user: { login: string; type: string } | null;
}

/**
 * The newest comment that carries the marker and was written by `author`, or null. The author is
 * a function so that GET /user is asked only when some comment carries the marker.
 */
export async function findComment(
  client: GitHubClient,
  target: CommentTarget,
  marker: string,
  author: () => Promise<CommentAuthor>,
): Promise<{ id: number; html_url: string; body: string } | null> {
  const marked: ListedComment[] = [];
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const c of page.data) if (c.body?.includes(marker)) marked.push(c);
  }
  if (marked.length === 0) return null;
  const me = await author();
  const ours = marked.filter((c) => c.user?.login === me.login && c.user.type === me.type);
  const newest = ours.at(-1);
  return newest ? { id: newest.id, html_url: newest.html_url, body: newest.body ?? '' } : null;
}

export async function upsertComment(client: GitHubClient, options: UpsertOptions): Promise<CommentOutcome> {
  if (!options.body.includes(options.marker)) throw new Error('comment body lacks its marker: it could never be found again');
  const where = `pull request #${options.issueNumber}`;
  let me: Promise<CommentAuthor> | null = null;
  const author = (): Promise<CommentAuthor> => (me ??= tokenAuthor(client, options.appLogin));
  const update = async (id: number): Promise<CommentOutcome> => {
    const r = await client.rest.issues.updateComment({ owner: options.owner, repo: options.repo, comment_id: id, body: options.body });
    return { action: 'updated', id: r.data.id, url: r.data.html_url };
  };
  try {
    const existing = await findComment(client, options, options.marker, author);
    if (existing) return await update(existing.id);
    if (options.mode === 'on-failure' && !options.failing) return { action: 'skipped', id: null, url: null };
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await client.rest.issues.createComment({
          owner: options.owner,
          repo: options.repo,
          issue_number: options.issueNumber,
          body: options.body,
          // The retry plugin would repeat a POST that may have been applied: this loop does it instead.
          request: { retries: 0, fetch: timedFetch(client, options.postTimeoutMs ?? 30_000) },
        });
        return { action: 'created', id: r.data.id, url: r.data.html_url };
      } catch (err) {
        // A 4xx was refused, not applied; anything else may have been.
        const status = statusOf(err);
        if ((status !== null && status < 500) || attempt >= POST_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, (options.recheckDelayMs ?? 1000) * attempt));
        const applied = await findComment(client, options, options.marker, author);
        if (applied) {
          // Ours, made by the POST whose answer was lost; another job with the same key could have
          // been quicker, so its body is checked.
          if (applied.body === options.body) return { action: 'created', id: applied.id, url: applied.html_url };
          return { ...(await update(applied.id)), action: 'created' };
        }
      }
    }
  } catch (err) {
    throw explainGitHubError(err, 'comment', where);
  }
}

/**
 * The client's own fetch (it may carry a proxy), given up after `ms` from when the request is sent:
 * a signal made before the call would also count the time the throttling plugin holds the
 * request back (comment POSTs are paced 3 s apart in a process), and could expire before sending.
 */
function timedFetch(client: GitHubClient, ms: number): typeof fetch {
  const defaults = client.request.endpoint.DEFAULTS as { request?: { fetch?: typeof fetch } };
  const base = defaults.request?.fetch ?? fetch;
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    return base(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

/** The HTTP status of an Octokit failure (network faults and timeouts come as 500), or null. */
function statusOf(err: unknown): number | null {
  const s = (err as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : null;
}
