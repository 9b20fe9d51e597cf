import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  cleanupLines,
  cleanupStage
} from "./chunk-MX5FOLYS.js";
import {
  selectStage
} from "./chunk-RGHY52AG.js";
import {
  SHIPPED_TEST_LIST,
  dataFile
} from "./chunk-5O3VW5PT.js";
import {
  DEFAULT_READY,
  DEFAULT_TIMEOUTS,
  readRegexList,
  renderShardPlanText,
  runStage
} from "./chunk-YYL6EWH6.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-6Z2THX75.js";
import {
  provisionStage,
  resolveCloud
} from "./chunk-ER65E557.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-FYXSTOGF.js";
import "./chunk-X4FZVZJY.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-P2FODZ67.js";
import "./chunk-6K5OT3X4.js";
import "./chunk-MBFZYV6M.js";
import "./chunk-DSMXSV3X.js";
import {
  shardManifest
} from "./chunk-DWO264YH.js";
import "./chunk-AOIPOV6R.js";
import {
  UserError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/action/cloud.ts
import { join } from "node:path";
import { existsSync, statSync } from "node:fs";
function cloudOf(settings) {
  const c = settings.cloud;
  return resolveCloud({
    cloud: c?.name ?? void 0,
    regionName: process.env.OS_REGION_NAME || void 0,
    env: process.env,
    cwd: process.cwd(),
    home: process.env.HOME,
    configText: c?.cloudsYaml ? { file: "input 'clouds-yaml'", text: c.cloudsYaml } : void 0
  });
}
function rulesOf(settings) {
  if (settings.rules === null) return { default: { serviceName: settings.context.repo } };
  return settings.rules.startsWith("preset:") ? { preset: settings.rules.slice("preset:".length) } : { file: settings.rules };
}
function workDirs(settings) {
  const work = join(settings.reportDir, "cloud");
  return { lists: join(work, "lists"), state: join(work, "state"), out: join(work, "artifacts") };
}
async function named(stage, run) {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UserError && !err.message.startsWith(`${stage} `) && !err.message.startsWith(`${stage}:`))
      throw new UserError(`${stage}: ${err.message}`, { exitCode: err.exitCode, cause: err });
    throw err;
  }
}
var defaultStages = {
  select: ({ settings, log, github, workspace, durations }) => named("select", async () => {
    const ctx = settings.context;
    const { lists } = workDirs(settings);
    const testList = settings.testList ?? dataFile(SHIPPED_TEST_LIST);
    const sharded = settings.shardCount > 1;
    const {
      result,
      lists: written,
      shards
    } = await selectStage({
      change: ctx.pullRequest ? { pullRequest: { owner: ctx.owner, repo: ctx.repo, number: ctx.pullRequest.number }, github } : { git: `${ctx.sha}~1...${ctx.sha}` },
      repo: workspace,
      rules: rulesOf(settings),
      tests: { list: testList },
      writeLists: lists,
      shards: sharded ? { count: settings.shardCount, index: settings.shardIndex, baseline: durations ?? /* @__PURE__ */ new Map() } : null
    });
    log(`select: ${result.summary}`);
    const shard = shards ? shardManifest(shards, settings.shardIndex) : null;
    if (shards) log(renderShardPlanText(shards, settings.shardIndex).trimEnd());
    return {
      conclusion: result.conclusion,
      summary: result.summary,
      // A shard runs its share: nothing to run when the plan gave it no test (more shards than classes).
      ...shard && shard.tests.length === 0 ? { conclusion: "skip", summary: `${result.summary}; shard ${shard.shardIndex} of ${shard.shardCount} holds none of them` } : {},
      selectedCount: shard ? shard.tests.length : result.counts.selected,
      selected: shard ? shard.tests : result.tests,
      parallelList: written.parallel,
      serialList: written.serial,
      shard
    };
  }),
  async provisionAndRun({ settings, selection, runId, log, signal, durations }) {
    const ctx = settings.context;
    const dirs = workDirs(settings);
    const cloud = cloudOf(settings);
    const now = Date.now();
    const timeoutMs = 30 * 6e4;
    await named(
      "provision",
      () => provisionStage({
        cloud,
        run: {
          runId,
          repo: `${ctx.owner}/${ctx.repo}`,
          change: ctx.pullRequest ? `#${ctx.pullRequest.number}@${ctx.sha}` : ctx.sha,
          createdAt: new Date(now).toISOString(),
          deadline: new Date(now + timeoutMs).toISOString()
        },
        stateDir: dirs.state,
        subnodes: settings.nodeCount - 1,
        flavor: settings.flavor ? { name: settings.flavor } : { minRamMb: 8192 },
        image: settings.image ?? "",
        network: settings.network ?? void 0,
        floatingNetwork: settings.floatingNetwork ?? void 0,
        securityGroup: settings.securityGroup ? { name: settings.securityGroup } : { create: true, sshCidr: settings.sshCidr },
        bootTimeoutMs: 15 * 6e4,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        log,
        devstack: { devstackRepo: settings.devstackRepo, devstackBranch: settings.devstackBranch, extraLocalrc: settings.devstackLocalrc }
      })
    );
    const ran = await named(
      "run",
      async () => runStage({
        environment: { stateDir: dirs.state },
        viaController: false,
        cloud: () => cloud,
        user: "ubuntu",
        include: await readRegexList(selection.parallelList ?? void 0),
        exclude: [],
        serialInclude: await readRegexList(selection.serialList ?? void 0),
        concurrency: settings.concurrency,
        rerunFailed: settings.rerunFailed,
        workspace: "/opt/stack/tempest",
        runAs: "stack",
        tempest: "tempest",
        overrides: [],
        reference: durations,
        total: null,
        // connect-timeout bounds both, as the CLI's --connect-timeout does
        timeouts: settings.connectSeconds === null ? DEFAULT_TIMEOUTS : { ...DEFAULT_TIMEOUTS, connectSeconds: settings.connectSeconds, reconnectSeconds: settings.connectSeconds },
        markers: DEFAULT_READY,
        outputDir: dirs.out,
        fetchLogs: settings.nodeLogs,
        log,
        signal
      })
    );
    const resultsPath = ran.report.subunitPath;
    const outcome = ran.report.classification;
    if (outcome.exitCode !== 0 && outcome.exitCode !== 1) {
      const empty = !existsSync(resultsPath) || statSync(resultsPath).size === 0;
      if (empty) throw new UserError(`run: ${ran.mask(outcome.reason)}`, { exitCode: outcome.exitCode });
      return { resultsPath, problem: `run: ${ran.mask(outcome.reason)}`, logFiles: ran.report.logFiles };
    }
    return { resultsPath, logFiles: ran.report.logFiles };
  },
  async cleanup({ settings, runId, log }) {
    return cleanupLines(await cleanupStage({ cloud: cloudOf(settings), runId, log }));
  }
};
export {
  cloudOf,
  defaultStages
};
