import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  cleanupStage,
  savedToken,
  sweepStage
} from "./chunk-MX5FOLYS.js";
import {
  CLOUD_HELP,
  CLOUD_OPTIONS,
  cloudFromArgs
} from "./chunk-7YCKZ275.js";
import {
  flag,
  str,
  strs,
  writeJson
} from "./chunk-FDIOAVOA.js";
import {
  loadProvisionState
} from "./chunk-ER65E557.js";
import {
  isValidRunId
} from "./chunk-BRQWLC3M.js";
import "./chunk-FYXSTOGF.js";
import {
  parseDuration
} from "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-P2FODZ67.js";
import "./chunk-AOIPOV6R.js";
import {
  EXIT,
  UserError,
  usageError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/cli/commands/cleanup.ts
import { resolve } from "node:path";
var cleanupCommand = {
  name: "cleanup",
  summary: "Delete a run's servers, ports, floating IPs and keypair, or sweep leaked ones.",
  usage: "--run-id ID | --state DIR | --sweep --older-than DURATION [options]",
  options: {
    ...CLOUD_OPTIONS,
    "run-id": { type: "string" },
    state: { type: "string" },
    sweep: { type: "boolean" },
    "older-than": { type: "string" },
    "except-run": { type: "string", multiple: true },
    "dry-run": { type: "boolean" },
    "wait-timeout": { type: "string" }
  },
  help: `What:
      --run-id ID              one run's resources (found by its tag, even if provision died early)
      --state DIR              the run recorded in DIR/provision.json (cloud and region too;
                               provision's token is reused while valid)
      --sweep                  every resource tagged 'tempest-gate' whose run is not live: its
                               deadline (start + --timeout of its provision) has passed and all
                               of it is older than --older-than
      --older-than DURATION    with --sweep (required): 90s, 30m, 2h, 1d...
      --except-run ID          with --sweep: never touch this run (repeatable)
      --dry-run                with --sweep: list what would go, delete nothing
      --wait-timeout DURATION  how long to wait for servers to disappear (default 2m)
${CLOUD_HELP}
Exit codes:
  0  everything asked for is gone (or nothing was there)
  2  usage error
  3  unreadable --state file
  4  the cloud failed, or something was still present after the wait`,
  async run(args, io) {
    const json = flag(args, "json");
    const say = (line) => io.stderr.write(`${line}
`);
    const waitTimeoutMs = parseDuration(str(args, "wait-timeout") ?? "2m", "--wait-timeout");
    let runId = str(args, "run-id");
    const stateDir = str(args, "state");
    const sweeping = flag(args, "sweep");
    if ([runId, stateDir, sweeping || void 0].filter(Boolean).length !== 1)
      throw usageError("give exactly one of --run-id, --state or --sweep (see --help)");
    const extraArgs = { ...args, values: { ...args.values } };
    let token;
    if (stateDir) {
      const dir = resolve(io.cwd, stateDir);
      token = await savedToken(dir);
      const state = await loadProvisionState(dir);
      runId = state.runId;
      if (typeof state.cloud === "string" && !str(args, "os-cloud") && state.cloud !== "envvars") extraArgs.values["os-cloud"] = state.cloud;
      if (typeof state.region === "string" && state.region && !str(args, "os-region-name")) extraArgs.values["os-region-name"] = state.region;
    }
    if (runId !== void 0 && !isValidRunId(runId)) throw usageError(`--run-id must be lowercase letters, digits and '-', not '${runId}'`);
    const olderThan = str(args, "older-than");
    if (sweeping && !olderThan) throw usageError("--sweep needs --older-than DURATION");
    if (!sweeping && (olderThan || flag(args, "dry-run") || strs(args, "except-run").length))
      throw usageError("--older-than, --dry-run and --except-run go with --sweep");
    const cloud = cloudFromArgs(extraArgs, io);
    if (sweeping) {
      const { decision, report: report2 } = await sweepStage({
        cloud,
        log: say,
        waitTimeoutMs,
        olderThanMs: parseDuration(olderThan),
        exceptRuns: strs(args, "except-run"),
        dryRun: flag(args, "dry-run")
      });
      if (json)
        writeJson(io, {
          removed: decision.remove,
          kept: decision.keep.map((k) => ({ ...k.resource, reason: k.reason })),
          runs: decision.runs,
          dryRun: flag(args, "dry-run"),
          report: report2
        });
      else {
        const verb = flag(args, "dry-run") ? "would remove" : "removed";
        io.stdout.write(`sweep: ${verb} ${decision.remove.length} resources of ${decision.runs.length} dead runs; kept ${decision.keep.length}
`);
        for (const r of decision.remove)
          io.stdout.write(`  ${verb.padEnd(12)} ${r.kind.padEnd(10)} ${r.name} (run ${r.runId ?? "?"}, created ${r.createdAt ?? "?"})
`);
        for (const k of decision.keep) io.stdout.write(`  kept         ${k.resource.kind.padEnd(10)} ${k.resource.name}: ${k.reason}
`);
      }
      return EXIT.ok;
    }
    const { apiCalls, tokensIssued, ...report } = await cleanupStage({ cloud, runId, waitTimeoutMs, log: say, token });
    if (json) writeJson(io, { runId, ...report, apiCalls, tokensIssued });
    else {
      const n = report.servers.length + report.ports.length + report.floatingIps.length + report.keypairs.length + report.securityGroups.length;
      io.stdout.write(
        `cleanup: run ${runId}: deleted ${report.servers.length} servers, ${report.ports.length} ports, ${report.floatingIps.length} floating IPs, ${report.keypairs.length} keypairs, ${report.securityGroups.length} security groups${n ? "" : " (nothing was there)"}
`
      );
    }
    if (report.leftovers.length)
      throw new UserError(`still present after ${Math.round(waitTimeoutMs / 1e3)} s: ${report.leftovers.join(", ")}`, { exitCode: EXIT.infra });
    return EXIT.ok;
  }
};
export {
  cleanupCommand
};
