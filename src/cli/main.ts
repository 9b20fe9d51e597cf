// The `tempest-gate` command line: one verb per file in ./commands, dispatched here.
// This is the only place that turns errors into exit codes and one-line messages.
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, type Command, type CommandIo } from './command.ts';
import { EXIT, UserError, type ExitCode } from '../core/errors.ts';
import { parseCommand } from './commands/parse.ts';
import { demoCommand } from './commands/demo.ts';

export const COMMANDS: Command[] = [parseCommand, demoCommand];

const VERSION = '0.1.0';

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
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
  const cmd = COMMANDS.find((c) => c.name === verb);
  if (!cmd) {
    io.stderr.write(`tempest-gate: unknown verb '${verb}' (known: ${COMMANDS.map((c) => c.name).join(', ')})\n`);
    return EXIT.usage;
  }
  return runCommand(cmd, rest, io);
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

