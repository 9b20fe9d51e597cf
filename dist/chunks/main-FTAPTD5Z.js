import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  COMMON_OPTIONS
} from "./chunk-FDIOAVOA.js";
import {
  EXIT,
  UserError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/cli/main.ts
import { parseArgs } from "node:util";
var VERBS = [
  {
    name: "select",
    summary: "Select the Tempest tests a change needs (Zuul file filters, stestr selection) and explain why.",
    load: async () => (await import("./select-XMBHNSDT.js")).selectCommand
  },
  {
    name: "provision",
    summary: "Boot a controller and N subnodes forming one devstack deployment; clean up on any failure.",
    load: async () => (await import("./provision-FLKLXNOO.js")).provisionCommand
  },
  {
    name: "run",
    summary: "Run the selected Tempest tests on the provisioned controller over SSH; stream results and fetch logs.",
    load: async () => (await import("./run-2MJMRXYG.js")).runVerbCommand
  },
  {
    name: "validate",
    summary: "Run Tempest from this machine against an existing cloud (clouds.yaml) and check it against a guideline or baseline.",
    load: async () => (await import("./validate-3TS4ETPP.js")).validateCommand
  },
  {
    name: "parse",
    summary: "Read a subunit v2, subunit v1 or JUnit XML result file and summarise or convert it.",
    load: async () => (await import("./parse-FX47RSDJ.js")).parseCommand
  },
  {
    name: "compare",
    summary: "Compare a run with its baseline: regressions, fixes, flaky and known failures, skips, durations, Interop.",
    load: async () => (await import("./compare-KIMAWKHV.js")).compareCommand
  },
  {
    name: "baseline",
    summary: "Make, list, show, diff and promote baselines (the reference results of a branch or release).",
    load: async () => (await import("./baseline-UBZFARRQ.js")).baselineCommand
  },
  {
    name: "report",
    summary: "Write the HTML and Markdown report of a run (and its diff against a baseline).",
    load: async () => (await import("./report-REZWEYOB.js")).reportCommand
  },
  {
    name: "merge",
    summary: "Merge the shards' results into one run and judge it once against the baseline.",
    load: async () => (await import("./merge-SYZRHOXU.js")).mergeCommand
  },
  {
    name: "cleanup",
    summary: "Delete a run's servers, ports, floating IPs and keypair, or sweep leaked ones.",
    load: async () => (await import("./cleanup-DQ6AWS27.js")).cleanupCommand
  },
  {
    name: "demo",
    summary: "Run the gate stages that need no cloud on the bundled real Tempest run (data/samples/).",
    load: async () => (await import("./demo-U6FB3UZB.js")).demoCommand(runCli)
  }
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
    "A reader that stops early (| head) is no error: the exit code stays the verb's own.",
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
    const near = closest(
      verb,
      VERBS.map((c) => c.name)
    );
    io.stderr.write(`tempest-gate: unknown verb '${verb}' (${near ? `did you mean '${near}'?; ` : ""}known: ${VERBS.map((c) => c.name).join(", ")})
`);
    return EXIT.usage;
  }
  return runCommand(await entry.load(), rest, io);
}
async function runCommand(cmd, argv, io) {
  let parsed;
  const options = { ...COMMON_OPTIONS, ...cmd.options };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: cmd.allowPositionals ?? false, strict: true });
  } catch (err) {
    const { problem, hint } = argumentProblem(argv, options, cmd.allowPositionals ?? false) ?? { problem: firstLine(err.message) };
    io.stderr.write(`tempest-gate ${cmd.name}: ${problem} (${hint ? `${hint}; ` : ""}see 'tempest-gate ${cmd.name} --help')
`);
    return EXIT.usage;
  }
  if (parsed.values.help === true) {
    io.stdout.write(commandHelp(cmd));
    return EXIT.ok;
  }
  if (cmd.holds !== void 0) io.catchSignals?.(cmd.holds);
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
function firstLine(text) {
  return (text.split("\n")[0] ?? "").replace(/\.$/, "");
}
function argumentProblem(argv, options, allowPositionals) {
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind === "positional") {
      if (!allowPositionals) return { problem: `unexpected argument '${t.value}'`, hint: "this verb takes no arguments" };
      continue;
    }
    if (t.kind !== "option") continue;
    const spec = options[t.name];
    if (!spec) {
      const near = t.rawName.startsWith("--") ? closest(t.name, Object.keys(options)) : void 0;
      return { problem: `unknown option '${t.rawName}'`, hint: near ? `did you mean '--${near}'?` : void 0 };
    }
    const shown = t.rawName.startsWith("--") ? t.rawName : `${t.rawName}, --${t.name}`;
    if (spec.type === "string" && t.value === void 0) return { problem: `option '${shown}' needs a value` };
    if (spec.type === "string" && t.inlineValue === false && t.value?.startsWith("-")) {
      return {
        problem: `option '${shown}' needs a value, not the option '${t.value}'`,
        hint: `a value starting with '-' goes as '${t.rawName.startsWith("--") ? t.rawName : `--${t.name}`}=${t.value}'`
      };
    }
    if (spec.type === "boolean" && t.inlineValue) return { problem: `option '${shown}' takes no value, not '${t.value}'` };
  }
  return void 0;
}
function closest(word, candidates) {
  const prefixed = candidates.filter((c) => word.length >= 2 && c.startsWith(word));
  if (prefixed.length === 1) return prefixed[0];
  const allowed = word.length <= 4 ? 1 : 2;
  let best;
  let bestDistance = allowed + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_2, j) => i === 0 ? j : j === 0 ? i : 0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[a.length][b.length];
}
function processIo() {
  let writeFailed = false;
  for (const [stream, what] of [
    [process.stdout, "standard output"],
    [process.stderr, "standard error"]
  ]) {
    stream.on("error", (err) => {
      if (err.code === "EPIPE" || writeFailed) return;
      writeFailed = true;
      if (stream !== process.stderr) process.stderr.write(`tempest-gate: cannot write ${what}: ${err.message}
`);
    });
  }
  process.once("exit", () => {
    if (writeFailed && !process.exitCode) process.exitCode = EXIT.infra;
  });
  const controller = new AbortController();
  const catchSignals = (holds) => {
    let received = 0;
    for (const sig of ["SIGINT", "SIGTERM"]) {
      process.on(sig, () => {
        if (++received > 1) {
          process.stderr.write(`tempest-gate: ${sig} again: stopped at once, without cleaning up (see 'tempest-gate cleanup --sweep')
`);
          process.exit(EXIT.infra);
        }
        process.stderr.write(`tempest-gate: received ${sig}: cleaning up ${holds} (send it again to stop at once)
`);
        controller.abort(new Error(`received ${sig}`));
      });
    }
  };
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    signal: controller.signal,
    catchSignals
  };
}
export {
  VERBS,
  closest,
  commandHelp,
  processIo,
  runCli,
  runCommand
};
