import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  dataDir
} from "./chunk-5O3VW5PT.js";
import {
  shJoin
} from "./chunk-VMDJOGCR.js";
import {
  str
} from "./chunk-FDIOAVOA.js";
import {
  writeOutput
} from "./chunk-P2FODZ67.js";
import {
  EXIT
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/cli/commands/demo.ts
import { join, relative } from "node:path";
import { PassThrough } from "node:stream";
var demoCommand = (runCli) => ({
  name: "demo",
  summary: "Run the gate stages that need no cloud on the bundled real Tempest run (data/samples/).",
  usage: "[--out DIR]",
  options: { out: { type: "string" } },
  help: `Runs, on the data bundled in data/ (see data/README.md):
  1. select   a Nova change (nova/compute/manager.py) and a docs-only change, with the nova preset,
              over Tempest 33.0.0's real list of 1,646 tests
  2. parse    a real Tempest 33.0.0 run (33 tests, 2 real failures)
  3. compare  that run with the bundled master baseline
  4. report   the HTML report (open it in a browser) and the Markdown summary
Options:
      --out DIR   where the report and the selected lists go (default: tempest-gate-demo)
Exit codes:
  0  the demo ran (the gate's verdict in it is shown, not returned)
  2  usage error
  3  --out cannot be written`,
  async run(args, io) {
    const data = dataDir();
    const out = str(args, "out") ?? join(io.cwd, "tempest-gate-demo");
    const run = join(data, "samples", "local-tempest-33-compute-identity-mini.subunit");
    const list = join(data, "tempest-33.0.0-test-list.txt");
    const nova = join(out, "change-nova.txt");
    const docs = join(out, "change-docs.txt");
    await writeOutput(nova, "nova/compute/manager.py\n");
    await writeOutput(docs, "doc/source/index.rst\nreleasenotes/notes/x.yaml\n");
    const steps = [
      {
        title: "select: a Nova change, nova preset",
        argv: ["select", "--files", nova, "--preset", "nova", "--test-list", list, "--write-lists", join(out, "lists")]
      },
      { title: "select: a docs-only change", argv: ["select", "--files", docs, "--preset", "nova", "--test-list", list] },
      { title: "parse: a real Tempest 33.0.0 run", argv: ["parse", run] },
      { title: "compare: against the master baseline", argv: ["compare", "--baseline", join(data, "samples", "baseline-master.json"), "--results", run] },
      {
        title: "report: HTML and Markdown",
        argv: [
          "report",
          "--results",
          run,
          "--baseline",
          join(data, "samples", "baseline-master.json"),
          "--html",
          join(out, "report.html"),
          "--markdown",
          join(out, "summary.md"),
          "--title",
          "tempest-gate demo"
        ]
      }
    ];
    const summary = [];
    const json = args.values.json === true;
    for (const step of steps) {
      if (!json)
        io.stdout.write(`
== ${step.title} ==
$ npx tempest-gate ${shJoin(step.argv.map((a) => a.startsWith(`${io.cwd}/`) ? relative(io.cwd, a) : a))}
`);
      const sink = new PassThrough();
      if (!json) sink.pipe(io.stdout, { end: false });
      else sink.resume();
      const stepIo = { ...io, stdout: sink, stderr: json ? new PassThrough().resume() : io.stderr };
      const code = await runCli(step.argv, stepIo);
      summary.push({ step: step.title, exitCode: code });
      if (!json) io.stdout.write(`(exit ${code})
`);
    }
    if (json) io.stdout.write(`${JSON.stringify({ out, steps: summary }, null, 2)}
`);
    else io.stdout.write(`
Open ${join(out, "report.html")} in a browser for the report.
`);
    return EXIT.ok;
  }
});
export {
  demoCommand
};
