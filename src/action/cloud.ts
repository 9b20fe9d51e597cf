// The Action's cloud path over the stages: select the tests the change needs, provision the
// nodes, run Tempest on them, and clean up by run id; each with options built from the
// Action's settings. Tests swap any of these for their own (`ActionStages`).
import { join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { UserError } from '../core/errors.ts';
import { resolveCloud, type ResolvedCloud } from '../edges/openstack/cloud-config.ts';
import type { PullFilesClient } from '../edges/change-files.ts';
import type { GitHubClient } from '../edges/github/client.ts';
import { dataFile, SHIPPED_TEST_LIST } from '../edges/data-dir.ts';
import { cleanupLines, cleanupStage } from '../stages/cleanup.ts';
import { provisionStage } from '../stages/provision.ts';
import { DEFAULT_READY, DEFAULT_TIMEOUTS, readRegexList, runStage } from '../stages/run.ts';
import { selectStage, type RulesSource } from '../stages/select.ts';
import type { ActionSettings } from './inputs.ts';
import { renderShardPlanText } from '../core/select/shard.ts';
import { shardManifest, type ShardManifest } from '../core/select/shard-merge.ts';

export interface ActionSelection {
  /** 'skip': nothing in the change needs Tempest (e.g. docs only); nothing is provisioned. */
  conclusion: 'run' | 'skip';
  /** The selection in one line ("1211 of 1646 tests selected ... by compute"). */
  summary: string;
  selectedCount: number;
  /** The selected test ids (this shard's, when sharded): the baseline is compared on these only. */
  selected?: string[];
  /** Include lists written for `tempest run`. */
  parallelList: string | null;
  serialList: string | null;
  /** With shard-count above 1: this job's shard of the plan (uploaded with its results for the merge job). */
  shard?: ShardManifest | null;
}

export interface CloudRun {
  /** The subunit v2 stream brought back from the controller. */
  resultsPath: string;
  /** An infrastructure failure after some tests finished (they are still reported). */
  problem?: string;
  /** Every node's log archive, masked on the node (empty with node-logs: false). */
  logFiles?: string[];
}

export interface CleanupLines {
  deleted: string[];
  leftover: string[];
}

interface StageContext {
  settings: ActionSettings;
  log: (line: string) => void;
  signal: AbortSignal;
}

export interface ActionStages {
  /** `durations`: the baseline's, by test name, that shards are balanced by. */
  select(o: StageContext & { github: GitHubClient; workspace: string; durations?: Map<string, number> }): Promise<ActionSelection>;
  /** Provision the nodes (every resource marked with `runId`), run the selection, bring back the results. */
  provisionAndRun(o: StageContext & { selection: ActionSelection; runId: string; durations: Map<string, number> }): Promise<CloudRun>;
  /** Delete every resource of run `runId`; safe when nothing was created. */
  cleanup(o: StageContext & { runId: string }): Promise<CleanupLines>;
}

/** The cloud of the settings, resolved as openstacksdk does; the `clouds-yaml` input is read as text, never written to disk. */
export function cloudOf(settings: ActionSettings): ResolvedCloud {
  const c = settings.cloud;
  return resolveCloud({
    cloud: c?.name ?? undefined,
    regionName: process.env.OS_REGION_NAME || undefined,
    env: process.env,
    cwd: process.cwd(),
    home: process.env.HOME,
    configText: c?.cloudsYaml ? { file: "input 'clouds-yaml'", text: c.cloudsYaml } : undefined,
  });
}

function rulesOf(settings: ActionSettings): RulesSource {
  if (settings.rules === null) return { default: { serviceName: settings.context.repo } };
  return settings.rules.startsWith('preset:') ? { preset: settings.rules.slice('preset:'.length) } : { file: settings.rules };
}

function workDirs(settings: ActionSettings): { lists: string; state: string; out: string } {
  const work = join(settings.reportDir, 'cloud');
  return { lists: join(work, 'lists'), state: join(work, 'state'), out: join(work, 'artifacts') };
}

/** Errors of a stage, named by the stage: "provision: quota exceeded ...". */
async function named<T>(stage: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    // "provision failed: ..." already names its stage: not "provision: provision failed: ...".
    if (err instanceof UserError && !err.message.startsWith(`${stage} `) && !err.message.startsWith(`${stage}:`))
      throw new UserError(`${stage}: ${err.message}`, { exitCode: err.exitCode, cause: err });
    throw err;
  }
}

export const defaultStages: ActionStages = {
  select: ({ settings, log, github, workspace, durations }) =>
    named('select', async () => {
      const ctx = settings.context;
      const { lists } = workDirs(settings);
      const testList = settings.testList ?? dataFile(SHIPPED_TEST_LIST);
      // A pull request's files come from the API (no deep checkout needed); a push diffs its commit.
      const sharded = settings.shardCount > 1;
      const {
        result,
        lists: written,
        shards,
      } = await selectStage({
        change: ctx.pullRequest
          ? { pullRequest: { owner: ctx.owner, repo: ctx.repo, number: ctx.pullRequest.number }, github: github as unknown as PullFilesClient }
          : { git: `${ctx.sha}~1...${ctx.sha}` },
        repo: workspace,
        rules: rulesOf(settings),
        tests: { list: testList },
        writeLists: lists,
        shards: sharded ? { count: settings.shardCount, index: settings.shardIndex, baseline: durations ?? new Map() } : null,
      });
      log(`select: ${result.summary}`);
      const shard = shards ? shardManifest(shards, settings.shardIndex) : null;
      if (shards) log(renderShardPlanText(shards, settings.shardIndex).trimEnd());
      return {
        conclusion: result.conclusion,
        summary: result.summary,
        // A shard runs its share: nothing to run when the plan gave it no test (more shards than classes).
        ...(shard && shard.tests.length === 0
          ? { conclusion: 'skip' as const, summary: `${result.summary}; shard ${shard.shardIndex} of ${shard.shardCount} holds none of them` }
          : {}),
        selectedCount: shard ? shard.tests.length : result.counts.selected,
        selected: shard ? shard.tests : result.tests,
        parallelList: written.parallel,
        serialList: written.serial,
        shard,
      };
    }),

  async provisionAndRun({ settings, selection, runId, log, signal, durations }) {
    const ctx = settings.context;
    const dirs = workDirs(settings);
    const cloud = cloudOf(settings);
    const now = Date.now();
    const timeoutMs = 30 * 60_000;
    // The stage cleans up itself when it fails; the post step cleans up by run id whatever happens.
    await named('provision', () =>
      provisionStage({
        cloud,
        run: {
          runId,
          repo: `${ctx.owner}/${ctx.repo}`,
          change: ctx.pullRequest ? `#${ctx.pullRequest.number}@${ctx.sha}` : ctx.sha,
          createdAt: new Date(now).toISOString(),
          deadline: new Date(now + timeoutMs).toISOString(),
        },
        stateDir: dirs.state,
        subnodes: settings.nodeCount - 1,
        flavor: settings.flavor ? { name: settings.flavor } : { minRamMb: 8192 },
        image: settings.image ?? '',
        network: settings.network ?? undefined,
        floatingNetwork: settings.floatingNetwork ?? undefined,
        securityGroup: settings.securityGroup ? { name: settings.securityGroup } : { create: true, sshCidr: settings.sshCidr },
        bootTimeoutMs: 15 * 60_000,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        log,
        devstack: { devstackRepo: settings.devstackRepo, devstackBranch: settings.devstackBranch, extraLocalrc: settings.devstackLocalrc },
      }),
    );
    const ran = await named('run', async () =>
      runStage({
        environment: { stateDir: dirs.state },
        viaController: false,
        cloud: () => cloud,
        user: 'ubuntu',
        include: await readRegexList(selection.parallelList ?? undefined),
        exclude: [],
        serialInclude: await readRegexList(selection.serialList ?? undefined),
        concurrency: settings.concurrency,
        rerunFailed: settings.rerunFailed,
        workspace: '/opt/stack/tempest',
        runAs: 'stack',
        tempest: 'tempest',
        overrides: [],
        reference: durations,
        total: null,
        // connect-timeout bounds both, as the CLI's --connect-timeout does
        timeouts:
          settings.connectSeconds === null
            ? DEFAULT_TIMEOUTS
            : { ...DEFAULT_TIMEOUTS, connectSeconds: settings.connectSeconds, reconnectSeconds: settings.connectSeconds },
        markers: DEFAULT_READY,
        outputDir: dirs.out,
        fetchLogs: settings.nodeLogs,
        log,
        signal,
      }),
    );
    const resultsPath = ran.report.subunitPath;
    const outcome = ran.report.classification;
    // Exit 1 only means tests failed, which the judge stage weighs against the baseline.
    if (outcome.exitCode !== 0 && outcome.exitCode !== 1) {
      // The finished tests are still written: report them, and say what went wrong.
      const empty = !existsSync(resultsPath) || statSync(resultsPath).size === 0;
      if (empty) throw new UserError(`run: ${ran.mask(outcome.reason)}`, { exitCode: outcome.exitCode });
      return { resultsPath, problem: `run: ${ran.mask(outcome.reason)}`, logFiles: ran.report.logFiles };
    }
    return { resultsPath, logFiles: ran.report.logFiles };
  },

  async cleanup({ settings, runId, log }) {
    return cleanupLines(await cleanupStage({ cloud: cloudOf(settings), runId, log }));
  },
};
