// The check run: created with its conclusion and the first 50 annotations, then updated with the
// rest 50 at a time (GitHub's per-request limit; annotations accumulate across updates).
import type { GitHubClient } from './client.ts';
import { explainGitHubError } from './client.ts';
import { annotationBatches, type Annotation } from '../../core/render/pr-report.ts';

export type Conclusion = 'success' | 'failure' | 'neutral' | 'action_required' | 'skipped';

export interface CheckRunOptions {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  conclusion: Conclusion;
  title: string;
  /** Markdown, at most 65,535 characters (fit it first). */
  summary: string;
  annotations: Annotation[];
  detailsUrl?: string;
}

export interface CheckRunOutcome {
  id: number;
  url: string | null;
  /** Requests made (1 + one per extra annotation batch). */
  calls: number;
}

export async function publishCheckRun(client: GitHubClient, o: CheckRunOptions): Promise<CheckRunOutcome> {
  const where = `commit ${o.headSha.slice(0, 12)}`;
  const [first = [], ...rest] = annotationBatches(o.annotations);
  try {
    const created = await client.rest.checks.create({
      owner: o.owner,
      repo: o.repo,
      name: o.name,
      head_sha: o.headSha,
      status: 'completed',
      conclusion: o.conclusion,
      completed_at: new Date().toISOString(),
      ...(o.detailsUrl ? { details_url: o.detailsUrl } : {}),
      output: { title: o.title, summary: o.summary, annotations: first },
    });
    let calls = 1;
    for (const batch of rest) {
      // GitHub requires title and summary with every output, even when only adding annotations.
      await client.rest.checks.update({
        owner: o.owner,
        repo: o.repo,
        check_run_id: created.data.id,
        output: { title: o.title, summary: o.summary, annotations: batch },
      });
      calls++;
    }
    return { id: created.data.id, url: created.data.html_url ?? null, calls };
  } catch (err) {
    throw explainGitHubError(err, 'check run', where);
  }
}
