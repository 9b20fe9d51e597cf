// The artifact store: the baseline is the artifact of the latest successful workflow run on the
// target branch (the run that gated that branch last). The GitHub REST API finds the run and its
// artifact; @actions/artifact downloads and unpacks it; the baseline is the JSON file inside.
// It needs a token with actions:read, so it works where the Action runs (or with a token given).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import { context } from '@actions/github';
import { createGitHubClient } from './github/client.ts';
import { EXIT, UserError } from '../core/errors.ts';
import { BaselineNotFound } from './baseline-not-found.ts';
import type { BaselineStore, StoredBaseline } from './baseline-store.ts';

export interface ArtifactStoreOptions {
  token: string;
  owner: string;
  repo: string;
  /** GitHub API base URL (the runner's GITHUB_API_URL). */
  apiUrl: string;
  /** Name of the artifact that holds the baseline JSON (`tempest-gate-baseline` in baseline-store.ts). */
  artifact: string;
  /** Only runs of this workflow (file name such as `tempest.yml`, or id). */
  workflow?: string;
}

interface RunInfo {
  id: number;
  head_branch: string | null;
  created_at: string;
}

function apiError(what: string, err: unknown): UserError {
  const status = (err as { status?: number }).status;
  const message = err instanceof Error ? err.message : String(err);
  return new UserError(`${what}: GitHub answered ${status ?? 'with an error'}: ${message.split('\n')[0]}`, { exitCode: EXIT.infra, cause: err });
}

export function githubArtifactStore(options: ArtifactStoreOptions): BaselineStore {
  const artifactName = options.artifact;
  const octokit = createGitHubClient({ token: options.token, baseUrl: options.apiUrl });
  const where = `${options.owner}/${options.repo}`;

  const successfulRuns = async (branch: string | undefined, perPage: number): Promise<RunInfo[]> => {
    try {
      const params = { owner: options.owner, repo: options.repo, status: 'success' as const, per_page: perPage, ...(branch ? { branch } : {}) };
      const res = options.workflow
        ? await octokit.rest.actions.listWorkflowRuns({ ...params, workflow_id: options.workflow })
        : await octokit.rest.actions.listWorkflowRunsForRepo(params);
      return res.data.workflow_runs.map((r) => ({ id: r.id, head_branch: r.head_branch, created_at: r.created_at }));
    } catch (err) {
      throw apiError(`cannot list workflow runs of ${where}`, err);
    }
  };

  const artifactOf = async (runId: number): Promise<{ id: number; name: string } | null> => {
    try {
      const res = await octokit.rest.actions.listWorkflowRunArtifacts({
        owner: options.owner,
        repo: options.repo,
        run_id: runId,
        name: artifactName,
        per_page: 10,
      });
      const found = res.data.artifacts.find((a) => a.name === artifactName && !a.expired);
      return found ? { id: found.id, name: found.name } : null;
    } catch (err) {
      throw apiError(`cannot list the artifacts of run ${runId} in ${where}`, err);
    }
  };

  return {
    spec: `artifact:${artifactName}`,
    async list(): Promise<StoredBaseline[]> {
      const runs = await successfulRuns(undefined, 50);
      const seen = new Map<string, StoredBaseline>();
      for (const run of runs) {
        if (run.head_branch === null || seen.has(run.head_branch)) continue;
        if (await artifactOf(run.id)) seen.set(run.head_branch, { name: run.head_branch, source: `artifact:${artifactName} of run ${run.id} (${where})` });
      }
      return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    },
    async read(branch: string): Promise<{ text: string; source: string }> {
      // Newest first: the latest successful run that still has the artifact wins.
      const runs = await successfulRuns(branch, 20);
      for (const run of runs) {
        const artifact = await artifactOf(run.id);
        if (!artifact) continue;
        // @actions/artifact's client uses the GITHUB_API_URL this process started with
        // (@actions/github reads it once, at load): never let it talk to another host.
        const clientUrl = context.apiUrl;
        if (clientUrl.replace(/\/$/, '') !== options.apiUrl.replace(/\/$/, '')) {
          throw new UserError(`the artifact download client uses ${clientUrl} (GITHUB_API_URL when tempest-gate started), not ${options.apiUrl}`, {
            exitCode: EXIT.usage,
          });
        }
        const dir = await mkdtemp(join(tmpdir(), 'tempest-gate-baseline-'));
        try {
          try {
            await new DefaultArtifactClient().downloadArtifact(artifact.id, {
              path: dir,
              findBy: { token: options.token, workflowRunId: run.id, repositoryOwner: options.owner, repositoryName: options.repo },
            });
          } catch (err) {
            throw apiError(`cannot download artifact ${artifactName} of run ${run.id}`, err);
          }
          const json = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
          const file = json.find((f) => f.endsWith('baseline.json')) ?? json[0];
          if (file === undefined)
            throw new UserError(`artifact ${artifactName} of run ${run.id} holds no .json baseline`, { place: { file: `artifact:${artifactName}` } });
          return { text: await readFile(join(dir, file), 'utf8'), source: `artifact:${artifactName}/${file} of run ${run.id} on ${branch}` };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
      throw new BaselineNotFound(
        `no successful run on '${branch}' in ${where} has an artifact named ${artifactName}`,
        `no successful run on it has the artifact ${artifactName}`,
        { place: { file: `artifact:${artifactName}` } },
      );
    },
    async write(): Promise<string> {
      throw new UserError(
        `artifact baselines are written by uploading the artifact '${artifactName}' from the gate run (the Action's report bundle), not by 'baseline promote'`,
        { exitCode: EXIT.usage },
      );
    },
  };
}
