// tempest-gate demo: the main job on bundled real data, for a first look on a fresh machine.
// It runs every stage that needs no cloud — select, parse, compare, report — through the same
// verbs a user calls, over data/ (a real Tempest run and Tempest 33.0.0's real test list).
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { str, type Command, type CommandIo } from '../command.ts';
import { EXIT, type ExitCode } from '../../core/errors.ts';
import { shJoin } from '../../core/run/shell-quote.ts';
import { dataDir } from '../../edges/data-dir.ts';
import { writeOutput } from '../../edges/files.ts';

/** The CLI's dispatcher, handed in by main.ts (the demo runs verbs as a user types them). */
export type RunCli = (argv: string[], io: CommandIo) => Promise<ExitCode>;

interface Step {
  title: string;
  argv: string[];
  stdin?: string;
}

export const demoCommand = (runCli: RunCli): Command => ({
  name: 'demo',
  summary: 'Run the gate stages that need no cloud on the bundled real Tempest run (data/samples/).',
  usage: '[--out DIR]',
  options: { out: { type: 'string' } },
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
    const out = str(args, 'out') ?? join(io.cwd, 'tempest-gate-demo');
    const run = join(data, 'samples', 'local-tempest-33-compute-identity-mini.subunit');
    const list = join(data, 'tempest-33.0.0-test-list.txt');
    const nova = join(out, 'change-nova.txt');
    const docs = join(out, 'change-docs.txt');
    await writeOutput(nova, 'nova/compute/manager.py\n');
    await writeOutput(docs, 'doc/source/index.rst\nreleasenotes/notes/x.yaml\n');
    const steps: Step[] = [
      {
        title: 'select: a Nova change, nova preset',
        argv: ['select', '--files', nova, '--preset', 'nova', '--test-list', list, '--write-lists', join(out, 'lists')],
      },
      { title: 'select: a docs-only change', argv: ['select', '--files', docs, '--preset', 'nova', '--test-list', list] },
      { title: 'parse: a real Tempest 33.0.0 run', argv: ['parse', run] },
      { title: 'compare: against the master baseline', argv: ['compare', '--baseline', join(data, 'samples', 'baseline-master.json'), '--results', run] },
      {
        title: 'report: HTML and Markdown',
        argv: [
          'report',
          '--results',
          run,
          '--baseline',
          join(data, 'samples', 'baseline-master.json'),
          '--html',
          join(out, 'report.html'),
          '--markdown',
          join(out, 'summary.md'),
          '--title',
          'tempest-gate demo',
        ],
      },
    ];
    const summary: { step: string; exitCode: number }[] = [];
    const json = args.values.json === true;
    for (const step of steps) {
      // Pasted back into a shell from the checkout, as it is: npx finds the bin, paths are relative and quoted.
      if (!json)
        io.stdout.write(`\n== ${step.title} ==\n$ npx tempest-gate ${shJoin(step.argv.map((a) => (a.startsWith(`${io.cwd}/`) ? relative(io.cwd, a) : a)))}\n`);
      const sink = new PassThrough();
      if (!json) sink.pipe(io.stdout, { end: false });
      else sink.resume();
      const stepIo: CommandIo = { ...io, stdout: sink, stderr: json ? new PassThrough().resume() : io.stderr };
      const code = await runCli(step.argv, stepIo);
      summary.push({ step: step.title, exitCode: code });
      if (!json) io.stdout.write(`(exit ${code})\n`);
    }
    if (json) io.stdout.write(`${JSON.stringify({ out, steps: summary }, null, 2)}\n`);
    else io.stdout.write(`\nOpen ${join(out, 'report.html')} in a browser for the report.\n`);
    return EXIT.ok;
  },
});
