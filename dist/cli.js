#!/usr/bin/env node
import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  COMMON_OPTIONS
} from "./chunks/chunk-FLRDIUCQ.js";
import {
  EXIT,
  UserError
} from "./chunks/chunk-XOD6W3JI.js";
import "./chunks/chunk-NQJFE2ZZ.js";

// src/cli/main.ts
import { parseArgs } from "node:util";
var VERBS = [
  { name: "select", summary: "Select the Tempest tests a change needs (Zuul file filters, stestr selection) and explain why.", load: async () => (await import("./chunks/select-GKXYJ5BE.js")).selectCommand },
  { name: "provision", summary: "Boot a controller and N subnodes forming one devstack deployment; clean up on any failure.", load: async () => (await import("./chunks/provision-FKIB3QOA.js")).provisionCommand },
  { name: "run", summary: "Run the selected Tempest tests on the provisioned controller over SSH; stream results and fetch logs.", load: async () => (await import("./chunks/run-K7TKTBWZ.js")).runVerbCommand },
  { name: "validate", summary: "Run Tempest from this machine against an existing cloud (clouds.yaml) and check it against a guideline or baseline.", load: async () => (await import("./chunks/validate-CRCCOZIF.js")).validateCommand },
  { name: "parse", summary: "Read a subunit v2, subunit v1 or JUnit XML result file and summarise or convert it.", load: async () => (await import("./chunks/parse-SJ6O4AKO.js")).parseCommand },
  { name: "compare", summary: "Compare a run with its baseline: regressions, fixes, flaky and known failures, skips, durations, Interop.", load: async () => (await import("./chunks/compare-2FUDJGOA.js")).compareCommand },
  { name: "baseline", summary: "Make, list, show, diff and promote baselines (the reference results of a branch or release).", load: async () => (await import("./chunks/baseline-5YDH2NEO.js")).baselineCommand },
  { name: "report", summary: "Write the HTML and Markdown report of a run (and its diff against a baseline).", load: async () => (await import("./chunks/report-RJBMG3GY.js")).reportCommand },
  { name: "cleanup", summary: "Delete a run's servers, ports, floating IPs and keypair, or sweep leaked ones.", load: async () => (await import("./chunks/cleanup-QZOXQ2RL.js")).cleanupCommand },
  { name: "demo", summary: "Run the gate stages that need no cloud on the bundled real Tempest run (data/samples/).", load: async () => (await import("./chunks/demo-XKNMSVZ5.js")).demoCommand(runCli) }
];
var VERSION = "0.1.0";
function mainHelp() {
  const width = Math.max(...VERBS.map((c) => c.name.length));
  const lines = VERBS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    "Usage: tempest-gate <verb> [options]",
    "",
    "Gate changes on Tempest: select, provision, run, parse, compare, report.",
    "",
    "Verbs:",
    ...lines,
    "",
    "Every verb takes --help and --json. Exit codes: 0 ok, 1 gate failed, 2 usage,",
    "3 bad input (partial results still written), 4 infrastructure failure, 70 internal error.",
    ""
  ].join("\n");
}
function commandHelp(cmd) {
  return `Usage: tempest-gate ${cmd.name} ${cmd.usage}

${cmd.summary}

${cmd.help.trimEnd()}

  -h, --help   this help
      --json   machine-readable output on stdout
`;
}
async function runCli(argv, io) {
  const [verb, ...rest] = argv;
  if (verb === void 0 || verb === "--help" || verb === "-h" || verb === "help") {
    io.stdout.write(mainHelp());
    return verb === void 0 ? EXIT.usage : EXIT.ok;
  }
  if (verb === "--version") {
    io.stdout.write(`${VERSION}
`);
    return EXIT.ok;
  }
  const entry = VERBS.find((c) => c.name === verb);
  if (!entry) {
    io.stderr.write(`tempest-gate: unknown verb '${verb}' (known: ${VERBS.map((c) => c.name).join(", ")})
`);
    return EXIT.usage;
  }
  return runCommand(await entry.load(), rest, io);
}
async function runCommand(cmd, argv, io) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...cmd.options },
      allowPositionals: cmd.allowPositionals ?? false,
      strict: true
    });
  } catch (err) {
    io.stderr.write(`tempest-gate ${cmd.name}: ${err.message} (see 'tempest-gate ${cmd.name} --help')
`);
    return EXIT.usage;
  }
  if (parsed.values.help === true) {
    io.stdout.write(commandHelp(cmd));
    return EXIT.ok;
  }
  try {
    return await cmd.run(parsed, io);
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr.write(`tempest-gate ${cmd.name}: ${err.message}
`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`tempest-gate ${cmd.name}: internal error: ${message} (set TEMPEST_GATE_DEBUG=1 for details)
`);
    if (io.env.TEMPEST_GATE_DEBUG) io.stderr.write(`${err.stack ?? ""}
`);
    return EXIT.internal;
  }
}
function processIo() {
  const controller = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.once(sig, () => controller.abort(new Error(`received ${sig}`)));
  }
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env, signal: controller.signal };
}

// src/cli/bin.ts
process.exitCode = await runCli(process.argv.slice(2), processIo());
