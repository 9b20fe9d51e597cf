import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  DefaultArtifactClient
} from "./chunk-QUCT464V.js";
import {
  BaselineNotFound
} from "./chunk-4E3TQ2AB.js";
import "./chunk-KXWUZ2QK.js";
import "./chunk-DSMXSV3X.js";
import {
  createGitHubClient
} from "./chunk-L7QYIRYK.js";
import {
  context
} from "./chunk-WEZUQMLQ.js";
import "./chunk-7X7P2LP7.js";
import {
  EXIT,
  UserError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/edges/baseline-artifact.ts
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
function apiError(what, err) {
  const status = err.status;
  const message = err instanceof Error ? err.message : String(err);
  return new UserError(`${what}: GitHub answered ${status ?? "with an error"}: ${message.split("\n")[0]}`, { exitCode: EXIT.infra, cause: err });
}
function githubArtifactStore(options) {
  const artifactName = options.artifact;
  const octokit = createGitHubClient({ token: options.token, baseUrl: options.apiUrl });
  const where = `${options.owner}/${options.repo}`;
  const successfulRuns = async (branch, perPage) => {
    try {
      const params = { owner: options.owner, repo: options.repo, status: "success", per_page: perPage, ...branch ? { branch } : {} };
      const res = options.workflow ? await octokit.rest.actions.listWorkflowRuns({ ...params, workflow_id: options.workflow }) : await octokit.rest.actions.listWorkflowRunsForRepo(params);
      return res.data.workflow_runs.map((r) => ({ id: r.id, head_branch: r.head_branch, created_at: r.created_at }));
    } catch (err) {
      throw apiError(`cannot list workflow runs of ${where}`, err);
    }
  };
  const artifactOf = async (runId) => {
    try {
      const res = await octokit.rest.actions.listWorkflowRunArtifacts({
        owner: options.owner,
        repo: options.repo,
        run_id: runId,
        name: artifactName,
        per_page: 10
      });
      const found = res.data.artifacts.find((a) => a.name === artifactName && !a.expired);
      return found ? { id: found.id, name: found.name } : null;
    } catch (err) {
      throw apiError(`cannot list the artifacts of run ${runId} in ${where}`, err);
    }
  };
  return {
    spec: `artifact:${artifactName}`,
    async list() {
      const runs = await successfulRuns(void 0, 50);
      const seen = /* @__PURE__ */ new Map();
      for (const run of runs) {
        if (run.head_branch === null || seen.has(run.head_branch)) continue;
        if (await artifactOf(run.id)) seen.set(run.head_branch, { name: run.head_branch, source: `artifact:${artifactName} of run ${run.id} (${where})` });
      }
      return [...seen.values()].sort((a, b) => a.name < b.name ? -1 : 1);
    },
    async read(branch) {
      const runs = await successfulRuns(branch, 20);
      for (const run of runs) {
        const artifact = await artifactOf(run.id);
        if (!artifact) continue;
        const clientUrl = context.apiUrl;
        if (clientUrl.replace(/\/$/, "") !== options.apiUrl.replace(/\/$/, "")) {
          throw new UserError(`the artifact download client uses ${clientUrl} (GITHUB_API_URL when tempest-gate started), not ${options.apiUrl}`, {
            exitCode: EXIT.usage
          });
        }
        const dir = await mkdtemp(join(tmpdir(), "tempest-gate-baseline-"));
        try {
          try {
            await new DefaultArtifactClient().downloadArtifact(artifact.id, {
              path: dir,
              findBy: { token: options.token, workflowRunId: run.id, repositoryOwner: options.owner, repositoryName: options.repo }
            });
          } catch (err) {
            throw apiError(`cannot download artifact ${artifactName} of run ${run.id}`, err);
          }
          const json = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".json")).sort();
          const file = json.find((f) => f.endsWith("baseline.json")) ?? json[0];
          if (file === void 0)
            throw new UserError(`artifact ${artifactName} of run ${run.id} holds no .json baseline`, { place: { file: `artifact:${artifactName}` } });
          return { text: await readFile(join(dir, file), "utf8"), source: `artifact:${artifactName}/${file} of run ${run.id} on ${branch}` };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
      throw new BaselineNotFound(
        `no successful run on '${branch}' in ${where} has an artifact named ${artifactName}`,
        `no successful run on it has the artifact ${artifactName}`,
        { place: { file: `artifact:${artifactName}` } }
      );
    },
    async write() {
      throw new UserError(
        `artifact baselines are written by uploading the artifact '${artifactName}' from the gate run (the Action's report bundle), not by 'baseline promote'`,
        { exitCode: EXIT.usage }
      );
    }
  };
}
export {
  githubArtifactStore
};
