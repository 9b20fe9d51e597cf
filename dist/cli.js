#!/usr/bin/env node
import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url);
import {
  COMMON_OPTIONS,
  EXIT,
  UserError,
  parseCommand,
  parseFile,
  renderResultsText
} from "./chunks/chunk-NTMZVJBL.js";
import "./chunks/chunk-PTJ4ZJOV.js";

// src/cli/main.ts
import { parseArgs } from "node:util";

// src/cli/commands/demo.ts
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";
function dataDir() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, "data", "samples"))) return join(dir, "data");
    dir = dirname(dir);
  }
  return join(process.cwd(), "data");
}
var demoCommand = {
  name: "demo",
  summary: "Run the gate stages that need no cloud on the bundled real Tempest run (data/samples/).",
  usage: "",
  options: {},
  help: `Parses data/samples/local-tempest-33-compute-identity-mini.subunit (a real Tempest 33.0.0 run,
see data/README.md) and prints its summary.
Exit codes:
  0  the demo ran`,
  async run(args, io) {
    const sample = join(dataDir(), "samples", "local-tempest-33-compute-identity-mini.subunit");
    const results = await parseFile(sample, io.stdin);
    if (args.values.json === true) io.stdout.write(`${JSON.stringify({ results }, null, 2)}
`);
    else {
      io.stdout.write("== parse: a real Tempest 33.0.0 run (data/samples/) ==\n");
      io.stdout.write(renderResultsText(results, { source: "local-tempest-33-compute-identity-mini.subunit" }));
    }
    return EXIT.ok;
  }
};

// src/cli/main.ts
var COMMANDS = [parseCommand, demoCommand];
var VERSION = "0.1.0";
function mainHelp() {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
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
  const cmd = COMMANDS.find((c) => c.name === verb);
  if (!cmd) {
    io.stderr.write(`tempest-gate: unknown verb '${verb}' (known: ${COMMANDS.map((c) => c.name).join(", ")})
`);
    return EXIT.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
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
