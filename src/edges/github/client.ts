// The GitHub client: Octokit from @actions/github with the retry plugin (5xx and network faults,
// with backoff) and the throttling plugin (primary and secondary rate limits, GitHub's pacing of
// writes). Every other file in this folder takes the client it returns.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { UserError, EXIT } from '../../core/errors.ts';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL (GitHub Enterprise Server, or a local test server). */
  baseUrl: string;
  /** Log line sink for rate-limit notices (core.info in the action). */
  log?: (line: string) => void;
  /** How many times a rate-limited request is retried before giving up. */
  rateLimitRetries?: number;
}

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const log = options.log ?? (() => {});
  const limit = options.rateLimitRetries ?? 2;
  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl,
      retry: { retries: 3 },
      throttle: {
        onRateLimit: (retryAfter: number, req: { method: string; url: string }, _o: unknown, retryCount: number) => {
          log(`GitHub rate limit on ${req.method} ${req.url}: retrying in ${retryAfter} s (${retryCount + 1}/${limit})`);
          return retryCount < limit;
        },
        onSecondaryRateLimit: (retryAfter: number, req: { method: string; url: string }, _o: unknown, retryCount: number) => {
          log(`GitHub secondary rate limit on ${req.method} ${req.url}: retrying in ${retryAfter} s (${retryCount + 1}/${limit})`);
          return retryCount < limit;
        },
      },
    },
    retry,
    throttling,
  );
}

/** What the token is missing for each operation, as the workflow's `permissions:` key spells it. */
const PERMISSION: Record<string, string> = {
  comment: 'pull-requests: write',
  'check run': 'checks: write',
  'pull request': 'pull-requests: read',
};

/**
 * Turn an Octokit failure into one line the user can act on. `what` names the operation
 * ("comment", "check run"), `where` the target ("pull request #12").
 */
export function explainGitHubError(err: unknown, what: string, where: string): UserError {
  // Octokit's RequestError carries the HTTP status (checked by shape: @octokit/request-error is
  // not a direct dependency).
  if (isRequestError(err)) {
    const msg = err.response?.data?.message ?? err.message;
    const perm = PERMISSION[what] ?? 'the needed permission';
    let hint: string;
    switch (err.status) {
      case 401:
        hint = "the token was rejected: check the 'github-token' input";
        break;
      case 403:
        hint =
          `the token may not do this: grant the job \`permissions: ${perm}\`; on a pull request from a fork the token is read-only, ` +
          'so publish with the workflow_run reporting workflow (docs/action.md, "Pull requests from forks")';
        break;
      case 404:
        hint = `not found, or the token cannot see it (needs \`${perm}\`)`;
        break;
      case 422:
        hint = 'GitHub rejected the request as invalid';
        break;
      default:
        hint = err.status >= 500 ? 'GitHub failed, even after retries' : 'unexpected answer';
    }
    return new UserError(`GitHub refused the ${what} on ${where} (HTTP ${err.status} ${msg}): ${hint}`, { exitCode: EXIT.infra, cause: err });
  }
  const e = err as Error;
  return new UserError(`could not reach GitHub for the ${what} on ${where}: ${e.message}`, { exitCode: EXIT.infra, cause: err });
}

interface RequestErrorShape {
  status: number;
  message: string;
  response?: { data?: { message?: string } };
}

function isRequestError(err: unknown): err is RequestErrorShape {
  return err instanceof Error && typeof (err as { status?: unknown }).status === 'number';
}
