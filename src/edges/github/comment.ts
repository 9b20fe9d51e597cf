// The pull-request comment: one per pull request and job, found by its hidden marker and updated
// in place, never duplicated. Costs one list call per 100 comments on the PR, plus one write.
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
}

export interface CommentOutcome {
  action: 'created' | 'updated' | 'skipped';
  id: number | null;
  url: string | null;
}

/** The newest comment that carries the marker, or null. */
export async function findComment(client: GitHubClient, target: CommentTarget, marker: string): Promise<{ id: number; html_url: string } | null> {
  let found: { id: number; html_url: string } | null = null;
  const pages = client.paginate.iterator(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const c of page.data) if (c.body?.includes(marker)) found = { id: c.id, html_url: c.html_url };
  }
  return found;
}

export async function upsertComment(client: GitHubClient, options: UpsertOptions): Promise<CommentOutcome> {
  if (!options.body.includes(options.marker)) throw new Error('comment body lacks its marker: it could never be found again');
  const where = `pull request #${options.issueNumber}`;
  try {
    const existing = await findComment(client, options, options.marker);
    if (existing) {
      const r = await client.rest.issues.updateComment({ owner: options.owner, repo: options.repo, comment_id: existing.id, body: options.body });
      return { action: 'updated', id: r.data.id, url: r.data.html_url };
    }
    if (options.mode === 'on-failure' && !options.failing) return { action: 'skipped', id: null, url: null };
    const r = await client.rest.issues.createComment({ owner: options.owner, repo: options.repo, issue_number: options.issueNumber, body: options.body });
    return { action: 'created', id: r.data.id, url: r.data.html_url };
  } catch (err) {
    throw explainGitHubError(err, 'comment', where);
  }
}
