import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  DEFAULT_READY,
  DEFAULT_TIMEOUTS,
  readReference,
  readRegexList,
  runStage
} from "./chunk-YYL6EWH6.js";
import {
  CLOUD_HELP,
  CLOUD_OPTIONS,
  cloudFromArgs
} from "./chunk-7YCKZ275.js";
import {
  flag,
  str,
  strs,
  wholeOption
} from "./chunk-FDIOAVOA.js";
import {
  SECRETS_PATH,
  parseDuration
} from "./chunk-BRVH2MLK.js";
import {
  usageError
} from "./chunk-MY7TWMR2.js";

// src/cli/commands/run.ts
import { resolve } from "node:path";
function seconds(args, name, def) {
  const text = str(args, name);
  return text === void 0 ? def : parseDuration(text, `--${name}`) / 1e3;
}
function parseSet(text) {
  const m = /^([^.=\s][^.=]*)\.([^=\s]+)=(.*)$/s.exec(text);
  if (!m) throw usageError(`--set wants SECTION.KEY=VALUE (e.g. compute.build_timeout=300), not '${text}'`);
  return { section: m[1] ?? "", key: m[2] ?? "", value: m[3] ?? "" };
}
function parseHost(text, index) {
  const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(text);
  if (!m) throw usageError(`--host wants ADDRESS or ADDRESS:PORT, not '${text}'`);
  return {
    role: index === 0 ? "controller" : "subnode",
    name: index === 0 ? "controller" : `subnode-${index}`,
    host: m[1] ?? m[2] ?? "",
    port: m[3] ? Number(m[3]) : 22
  };
}
function reportText(report, outputDir) {
  const c = report.classification;
  const counts = report.results.counts;
  const lines = [
    `${c.outcome}: ${c.reason}`,
    `tests: ${counts.success} passed, ${counts.fail} failed, ${counts.skip} skipped${counts.inprogress ? `, ${counts.inprogress} unfinished` : ""}${c.flaky.length ? `; flaky (passed on rerun): ${c.flaky.length}` : ""}`,
    ...c.failed.slice(0, 20).map((n) => `  FAIL ${n}`),
    ...c.failed.length > 20 ? [`  ... and ${c.failed.length - 20} more`] : [],
    `stages: ${report.stages.map((s) => `${s.stage} ${s.seconds.toFixed(1)}s`).join(", ")}`,
    ...report.steps.filter((s) => s.recoveries.length).map((s) => `step ${s.name}: ${s.recoveries.join("; ")}`),
    ...report.warnings.map((w) => `warning: ${w}`),
    `artifacts: ${outputDir} (results.subunit, results.json, run.json${report.logFiles.length ? ", logs/" : ""})`
  ];
  return `${lines.join("\n")}
`;
}
var runVerbCommand = {
  name: "run",
  holds: "Tempest on the controller (the finished tests are kept)",
  summary: "Run the selected Tempest tests on the provisioned controller over SSH; stream results and fetch logs.",
  usage: "(--state DIR | --host ADDR[:PORT]... --known-hosts FILE) [--include-list FILE] [options]",
  options: {
    ...CLOUD_OPTIONS,
    state: { type: "string" },
    host: { type: "string", multiple: true },
    user: { type: "string" },
    identity: { type: "string", short: "i" },
    "known-hosts": { type: "string" },
    "include-list": { type: "string" },
    "exclude-list": { type: "string" },
    "serial-include-list": { type: "string" },
    concurrency: { type: "string" },
    "rerun-failed": { type: "boolean" },
    workspace: { type: "string" },
    "run-as": { type: "string" },
    tempest: { type: "string" },
    set: { type: "string", multiple: true },
    baseline: { type: "string" },
    total: { type: "string" },
    timeout: { type: "string" },
    "ready-timeout": { type: "string" },
    "connect-timeout": { type: "string" },
    "output-dir": { type: "string", short: "o" },
    "no-logs": { type: "boolean" },
    "ready-file": { type: "string" },
    "via-controller": { type: "boolean" },
    "failed-file": { type: "string" },
    "stack-log": { type: "string" }
  },
  help: `Environment (one of):
      --state DIR              provision's state folder: nodes, SSH key, devstack's secrets (copied
                               to ${SECRETS_PATH} on every node, over stdin only)
      --host ADDR[:PORT]       a node of an existing deployment; repeat it, the controller first
      --user NAME              SSH user (default ubuntu); commands needing root use sudo -n
      --via-controller         reach the subnodes through the controller's connection (ssh -J);
                               automatic with --state when only the controller has a floating IP
  -i, --identity FILE          SSH private key (default: the state folder's)
Host keys (never trusted blindly):
      --known-hosts FILE       trust the keys listed there for each node (required with --host);
                               otherwise the keys cloud-init printed to each server's console output,
                               read through Nova (the cloud options below)
Readiness (default: the markers of provision's stack script):
      --ready-file PATH        exists on a node once devstack is done (default ${DEFAULT_READY.done})
      --failed-file PATH       exists when devstack failed (default ${DEFAULT_READY.failed})
      --stack-log PATH         its log; the tail is shown on failure (default ${DEFAULT_READY.log})
Tests:
      --include-list FILE      Tempest include list (regexes, one a line), e.g. from 'select --write-lists'
      --exclude-list FILE      Tempest exclude list
      --serial-include-list FILE  a second step run with --serial (the gate's serial tests)
      --concurrency N          workers of the parallel step (default 4)
      --rerun-failed           run the failed tests once more; both results are kept (compare
                               calls a test that failed, then passed, flaky)
Tempest on the controller:
      --workspace DIR          Tempest workspace (default /opt/stack/tempest, devstack's)
      --run-as USER            run Tempest as this user through sudo (default stack; '' for the SSH user)
      --tempest PATH           the tempest command (default tempest)
      --set SECTION.KEY=VALUE  tempest.conf override, repeatable; [compute] min_compute_nodes is set
                               from the node count
Progress:
      --baseline FILE          a baseline (JSON from 'baseline') or a reference run (results JSON,
                               subunit, JUnit):
                               its durations give the ETA and, with --concurrency above 1 and an
                               include list of exact ids (as select writes it), balance the workers:
                               stestr gets a --worker-file instead of starting cold (docs/run.md)
      --total N                tests expected (default: the count stestr announces)
Timeouts (durations like 90s, 30m, 2h):
      --timeout D              all test steps together (default 2h); the run is stopped, what
                               finished is kept
      --ready-timeout D        waiting for devstack: the controller, then the subnodes (default 3h)
      --connect-timeout D      reaching every node, and reconnecting after a drop (default 5m)
Output:
  -o, --output-dir DIR         artifacts: results.subunit, results.json, run.json, logs/<node>.tar.gz
                               (default tempest-gate-artifacts)
      --no-logs                do not fetch the nodes' logs
${CLOUD_HELP}
Progress lines (tests done of total, failures, ETA) go to standard error within a second of a test
finishing. SIGINT/SIGTERM stop Tempest on the controller and keep the finished tests.
Exit codes:
  0  every test passed or was skipped
  1  tests failed (the gate's verdict belongs to 'compare'; this is the raw run)
  2  usage error
  3  a bad input file (list, baseline, state)
  4  infrastructure: a node unreachable or with an unknown host key, devstack failed, the run timed
     out or was cancelled, Tempest produced no results; the finished tests are still written`,
  async run(args, io) {
    const stateDir = str(args, "state");
    const hosts = strs(args, "host");
    if (stateDir === void 0 && hosts.length === 0) throw usageError("give --state DIR or --host ADDR (see --help)");
    if (stateDir !== void 0 && hosts.length) throw usageError("give --state or --host, not both");
    const concurrency = wholeOption(args, "concurrency", { min: 1, fallback: 4 });
    const totalText = str(args, "total");
    const total = totalText === void 0 ? null : wholeOption(args, "total", { min: 0, fallback: 0 });
    const overrides = strs(args, "set").map(parseSet);
    const timeouts = {
      ...DEFAULT_TIMEOUTS,
      runSeconds: seconds(args, "timeout", DEFAULT_TIMEOUTS.runSeconds),
      readySeconds: seconds(args, "ready-timeout", DEFAULT_TIMEOUTS.readySeconds),
      connectSeconds: seconds(args, "connect-timeout", DEFAULT_TIMEOUTS.reconnectSeconds),
      reconnectSeconds: seconds(args, "connect-timeout", DEFAULT_TIMEOUTS.reconnectSeconds)
    };
    const runAs = str(args, "run-as") ?? "stack";
    const outputDir = resolve(io.cwd, str(args, "output-dir") ?? "tempest-gate-artifacts");
    const { report, summary, mask } = await runStage({
      environment: stateDir !== void 0 ? { stateDir: resolve(io.cwd, stateDir) } : { hosts: hosts.map(parseHost) },
      viaController: flag(args, "via-controller"),
      identity: str(args, "identity") === void 0 ? void 0 : resolve(io.cwd, str(args, "identity")),
      knownHosts: str(args, "known-hosts"),
      cloud: () => cloudFromArgs(args, io),
      user: str(args, "user") ?? "ubuntu",
      include: await readRegexList(str(args, "include-list")),
      exclude: await readRegexList(str(args, "exclude-list")),
      serialInclude: await readRegexList(str(args, "serial-include-list")),
      concurrency,
      rerunFailed: flag(args, "rerun-failed"),
      workspace: str(args, "workspace") ?? "/opt/stack/tempest",
      runAs: runAs === "" ? null : runAs,
      tempest: str(args, "tempest") ?? "tempest",
      overrides,
      reference: str(args, "baseline") === void 0 ? /* @__PURE__ */ new Map() : (await readReference(str(args, "baseline"))).durations,
      total,
      timeouts,
      markers: {
        done: str(args, "ready-file") ?? DEFAULT_READY.done,
        failed: str(args, "failed-file") ?? DEFAULT_READY.failed,
        log: str(args, "stack-log") ?? DEFAULT_READY.log
      },
      outputDir,
      fetchLogs: !flag(args, "no-logs"),
      log: (line) => void io.stderr.write(`${line}
`),
      signal: io.signal
    });
    if (flag(args, "json")) io.stdout.write(`${mask(JSON.stringify(summary, null, 2))}
`);
    else io.stdout.write(mask(reportText(report, outputDir)));
    return report.classification.exitCode;
  }
};

export {
  parseSet,
  reportText,
  runVerbCommand
};
