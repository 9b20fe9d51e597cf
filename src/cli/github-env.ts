// The CLI reads GitHub's credentials where a job puts them (GITHUB_TOKEN or GH_TOKEN,
// GITHUB_REPOSITORY, GITHUB_API_URL); the stages below take them as values.
import type { GitHubAccess } from '../edges/baseline-store.ts';

export function githubFromEnv(env: NodeJS.ProcessEnv): GitHubAccess | undefined {
  const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
  if (!token) return undefined;
  return {
    token,
    repository: env.GITHUB_REPOSITORY ?? '',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    ...(env.TEMPEST_GATE_BASELINE_WORKFLOW ? { workflow: env.TEMPEST_GATE_BASELINE_WORKFLOW } : {}),
  };
}
