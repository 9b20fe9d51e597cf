import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  withCloudEnv
} from "./chunk-UAHZEFCJ.js";
import {
  EXIT,
  UserError
} from "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";

// src/action/cloud-stage.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { fileURLToPath } from "node:url";
function shippedTestList() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "data", "tempest-33.0.0-test-list.txt");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new UserError("no test list: data/tempest-33.0.0-test-list.txt is missing (a broken install); set the 'test-list' input", { exitCode: EXIT.internal });
}
async function verb(runCommand, cmd, argv, o) {
  const out = [];
  const stdout = new PassThrough();
  stdout.on("data", (c) => out.push(c));
  const stderr = new PassThrough();
  let pending = "";
  let lastError = "";
  stderr.on("data", (c) => {
    pending += c.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const l of lines) {
      if (l.trim() === "") continue;
      lastError = l;
      o.log(l);
    }
  });
  o.log(`$ tempest-gate ${cmd.name} ${argv.join(" ")}`);
  const code = await runCommand(cmd, argv, { stdout, stderr, stdin: Readable.from([]), cwd: o.cwd, env: o.env, signal: o.signal });
  if (pending.trim() !== "") {
    lastError = pending;
    o.log(pending);
  }
  return { code, stdout: Buffer.concat(out).toString("utf8"), lastError: lastError.replace(/^tempest-gate \w+: /, "") };
}
function rulesArgs(settings) {
  if (settings.rules === null) return [];
  return settings.rules.startsWith("preset:") ? ["--preset", settings.rules.slice("preset:".length)] : ["--rules", settings.rules];
}
async function loadVerbs() {
  const [{ runCommand }, { selectCommand }, { provisionCommand }, { runVerbCommand }] = await Promise.all([
    import("./main-YIHMI24S.js"),
    import("./select-JSZ4SKFZ.js"),
    import("./provision-Z37V35BG.js"),
    import("./run-VCHBSIXP.js")
  ]);
  return { runCommand, selectCommand, provisionCommand, runVerbCommand };
}
async function cancellable(use) {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    return await use(abort.signal);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
function workDirs(settings) {
  const work = join(settings.reportDir, "cloud");
  return { lists: join(work, "lists"), state: join(work, "state"), out: join(work, "artifacts") };
}
var verbCloudStage = {
  async select({ settings, log }) {
    const { runCommand, selectCommand } = await loadVerbs();
    const ctx = settings.context;
    const workspace = process.cwd();
    const { lists } = workDirs(settings);
    const env = { ...process.env, GITHUB_TOKEN: settings.githubToken, GITHUB_API_URL: ctx.apiUrl, GITHUB_REPOSITORY: `${ctx.owner}/${ctx.repo}` };
    const change = ctx.pullRequest ? ["--pr", `${ctx.owner}/${ctx.repo}#${ctx.pullRequest.number}`] : ["--git", `${ctx.sha}~1...${ctx.sha}`];
    const sel = await cancellable(
      (signal) => verb(runCommand, selectCommand, [...change, "--repo", workspace, "--test-list", settings.testList ?? shippedTestList(), ...rulesArgs(settings), "--write-lists", lists, "--json"], {
        env,
        cwd: workspace,
        signal,
        log
      })
    );
    if (sel.code !== EXIT.ok) throw new UserError(`select: ${sel.lastError}`, { exitCode: sel.code });
    const r = JSON.parse(sel.stdout);
    const parallel = r.run.find((x) => !x.serial);
    const serial = r.run.find((x) => x.serial);
    return {
      conclusion: r.conclusion,
      summary: r.summary,
      selectedCount: r.counts.selected,
      parallelList: parallel ? join(lists, parallel.includeListName) : null,
      serialList: serial ? join(lists, serial.includeListName) : null
    };
  },
  async provisionAndRun({ settings, selection, runId, log }) {
    const { runCommand, provisionCommand, runVerbCommand } = await loadVerbs();
    const ctx = settings.context;
    const dirs = workDirs(settings);
    return cancellable(
      (signal) => withCloudEnv(settings, async (env) => {
        const o = { env, cwd: process.cwd(), signal, log };
        const cloudArgs = settings.cloud?.name ? ["--os-cloud", settings.cloud.name] : [];
        const prov = await verb(
          runCommand,
          provisionCommand,
          [
            "--image",
            settings.image ?? "",
            "--flavor",
            settings.flavor ?? "",
            "--subnodes",
            String(settings.nodeCount - 1),
            "--run-id",
            runId,
            "--repo",
            `${ctx.owner}/${ctx.repo}`,
            "--change",
            ctx.pullRequest ? `#${ctx.pullRequest.number}@${ctx.sha}` : ctx.sha,
            "--state-dir",
            dirs.state,
            "--devstack-branch",
            settings.devstackBranch,
            ...Object.entries(settings.devstackLocalrc).flatMap(([k, v]) => ["--localrc", `${k}=${v}`]),
            ...cloudArgs
          ],
          o
        );
        if (prov.code !== EXIT.ok) throw new UserError(`provision: ${prov.lastError}`, { exitCode: prov.code });
        const runArgs = [
          "--state",
          dirs.state,
          "--output-dir",
          dirs.out,
          ...selection.parallelList ? ["--include-list", selection.parallelList] : [],
          ...selection.serialList ? ["--serial-include-list", selection.serialList] : [],
          ...cloudArgs
        ];
        const ran = await verb(runCommand, runVerbCommand, runArgs, o);
        const resultsPath = join(dirs.out, "results.subunit");
        if (ran.code !== EXIT.ok && ran.code !== EXIT.gateFailed) {
          if (!existsSync(resultsPath) || readFileSync(resultsPath).length === 0) throw new UserError(`run: ${ran.lastError}`, { exitCode: ran.code });
          return { resultsPath, problem: `run: ${ran.lastError}` };
        }
        return { resultsPath };
      })
    );
  }
};
export {
  shippedTestList,
  verbCloudStage
};
