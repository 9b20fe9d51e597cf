// The `tempest-gate` command line: one verb per file in ./commands, dispatched here.
// This is the only place that turns errors into exit codes and one-line messages.
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, type Command, type CommandIo } from './command.ts';
import { EXIT, UserError, type ExitCode } from '../core/errors.ts';

/** A verb as the top-level help lists it; its module (and its dependencies) load only when it runs. */
export interface VerbEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

/** In the order of the gate's stages. Summaries match each command's own (a test checks). */
export const VERBS: VerbEntry[] = [
  { name: 'select', summary: 'Select the Tempest tests a change needs (Zuul file filters, stestr selection) and explain why.', load: async () => (await import('./commands/select.ts')).selectCommand },
  { name: 'provision', summary: 'Boot a controller and N subnodes forming one devstack deployment; clean up on any failure.', load: async () => (await import('./commands/provision.ts')).provisionCommand },
  { name: 'run', summary: 'Run the selected Tempest tests on the provisioned controller over SSH; stream results and fetch logs.', load: async () => (await import('./commands/run.ts')).runVerbCommand },
  { name: 'validate', summary: 'Run Tempest from this machine against an existing cloud (clouds.yaml) and check it against a guideline or baseline.', load: async () => (await import('./commands/validate.ts')).validateCommand },
  { name: 'parse', summary: 'Read a subunit v2, subunit v1 or JUnit XML result file and summarise or convert it.', load: async () => (await import('./commands/parse.ts')).parseCommand },
  { name: 'compare', summary: 'Compare a run with its baseline: regressions, fixes, flaky and known failures, skips, durations, Interop.', load: async () => (await import('./commands/compare.ts')).compareCommand },
  { name: 'baseline', summary: 'Make, list, show, diff and promote baselines (the reference results of a branch or release).', load: async () => (await import('./commands/baseline.ts')).baselineCommand },
  { name: 'report', summary: 'Write the HTML and Markdown report of a run (and its diff against a baseline).', load: async () => (await import('./commands/report.ts')).reportCommand },
  { name: 'cleanup', summary: 'Delete a run\'s servers, ports, floating IPs and keypair, or sweep leaked ones.', load: async () => (await import('./commands/cleanup.ts')).cleanupCommand },
  { name: 'demo', summary: 'Run the gate stages that need no cloud on the bundled real Tempest run (data/samples/).', load: async () => (await import('./commands/demo.ts')).demoCommand(runCli) },
];

const VERSION = '0.1.0';

function mainHelp(): string {
  const width = Math.max(...VERBS.map((c) => c.name.length));
  const lines = VERBS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: tempest-gate <verb> [options]',
    '',
    'Gate changes on Tempest: select, provision, run, parse, compare, report.',
    '',
    'Verbs:',
    ...lines,
    '',
    'Every verb takes --help and --json. Exit codes: 0 ok, 1 gate failed, 2 usage,',
    '3 bad input (partial results still written), 4 infrastructure failure, 70 internal error.',
    '',
  ].join('\n');
}

export function commandHelp(cmd: Command): string {
  return `Usage: tempest-gate ${cmd.name} ${cmd.usage}\n\n${cmd.summary}\n\n${cmd.help.trimEnd()}\n\n  -h, --help   this help\n      --json   machine-readable output on stdout\n`;
}

export async function runCli(argv: string[], io: CommandIo): Promise<ExitCode> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout.write(mainHelp());
    return verb === undefined ? EXIT.usage : EXIT.ok;
  }
  if (verb === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const entry = VERBS.find((c) => c.name === verb);
  if (!entry) {
    io.stderr.write(`tempest-gate: unknown verb '${verb}' (known: ${VERBS.map((c) => c.name).join(', ')})\n`);
    return EXIT.usage;
  }
  return runCommand(await entry.load(), rest, io);
}

/** Parse a verb's arguments and run it: errors become one line on stderr and an exit code. */
export async function runCommand(cmd: Command, argv: string[], io: CommandIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...cmd.options },
      allowPositionals: cmd.allowPositionals ?? false,
      strict: true,
    });
  } catch (err) {
    io.stderr.write(`tempest-gate ${cmd.name}: ${(err as Error).message} (see 'tempest-gate ${cmd.name} --help')\n`);
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
      io.stderr.write(`tempest-gate ${cmd.name}: ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`tempest-gate ${cmd.name}: internal error: ${message} (set TEMPEST_GATE_DEBUG=1 for details)\n`);
    if (io.env.TEMPEST_GATE_DEBUG) io.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return EXIT.internal;
  }
}

export function processIo(): CommandIo {
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => controller.abort(new Error(`received ${sig}`)));
  }
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env, signal: controller.signal };
}

