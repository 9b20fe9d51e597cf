// The `tempest-gate` command line: one verb per file in ./commands, dispatched here.
// This is the only place that turns errors into exit codes and one-line messages.
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, type Command, type CommandIo, type OptionSpec } from './command.ts';
import { EXIT, UserError, type ExitCode } from '../core/errors.ts';

/** A verb as the top-level help lists it; its module (and its dependencies) load only when it runs. */
export interface VerbEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

/** In the order of the gate's stages. Summaries match each command's own (a test checks). */
export const VERBS: VerbEntry[] = [
  {
    name: 'select',
    summary: 'Select the Tempest tests a change needs (Zuul file filters, stestr selection) and explain why.',
    load: async () => (await import('./commands/select.ts')).selectCommand,
  },
  {
    name: 'provision',
    summary: 'Boot a controller and N subnodes forming one devstack deployment; clean up on any failure.',
    load: async () => (await import('./commands/provision.ts')).provisionCommand,
  },
  {
    name: 'run',
    summary: 'Run the selected Tempest tests on the provisioned controller over SSH; stream results and fetch logs.',
    load: async () => (await import('./commands/run.ts')).runVerbCommand,
  },
  {
    name: 'validate',
    summary: 'Run Tempest from this machine against an existing cloud (clouds.yaml) and check it against a guideline or baseline.',
    load: async () => (await import('./commands/validate.ts')).validateCommand,
  },
  {
    name: 'parse',
    summary: 'Read a subunit v2, subunit v1 or JUnit XML result file and summarise or convert it.',
    load: async () => (await import('./commands/parse.ts')).parseCommand,
  },
  {
    name: 'compare',
    summary: 'Compare a run with its baseline: regressions, fixes, flaky and known failures, skips, durations, Interop.',
    load: async () => (await import('./commands/compare.ts')).compareCommand,
  },
  {
    name: 'baseline',
    summary: 'Make, list, show, diff and promote baselines (the reference results of a branch or release).',
    load: async () => (await import('./commands/baseline.ts')).baselineCommand,
  },
  {
    name: 'report',
    summary: 'Write the HTML and Markdown report of a run (and its diff against a baseline).',
    load: async () => (await import('./commands/report.ts')).reportCommand,
  },
  {
    name: 'merge',
    summary: "Merge the shards' results into one run and judge it once against the baseline.",
    load: async () => (await import('./commands/merge.ts')).mergeCommand,
  },
  {
    name: 'cleanup',
    summary: "Delete a run's servers, ports, floating IPs and keypair, or sweep leaked ones.",
    load: async () => (await import('./commands/cleanup.ts')).cleanupCommand,
  },
  {
    name: 'demo',
    summary: 'Run the gate stages that need no cloud on the bundled real Tempest run (data/samples/).',
    load: async () => (await import('./commands/demo.ts')).demoCommand(runCli),
  },
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
    "A reader that stops early (| head) is no error: the exit code stays the verb's own.",
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
    const near = closest(
      verb,
      VERBS.map((c) => c.name),
    );
    io.stderr.write(`tempest-gate: unknown verb '${verb}' (${near ? `did you mean '${near}'?; ` : ''}known: ${VERBS.map((c) => c.name).join(', ')})\n`);
    return EXIT.usage;
  }
  return runCommand(await entry.load(), rest, io);
}

/** Parse a verb's arguments and run it: errors become one line on stderr and an exit code. */
export async function runCommand(cmd: Command, argv: string[], io: CommandIo): Promise<ExitCode> {
  let parsed;
  const options = { ...COMMON_OPTIONS, ...cmd.options };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: cmd.allowPositionals ?? false, strict: true });
  } catch (err) {
    const { problem, hint } = argumentProblem(argv, options, cmd.allowPositionals ?? false) ?? { problem: firstLine((err as Error).message) };
    io.stderr.write(`tempest-gate ${cmd.name}: ${problem} (${hint ? `${hint}; ` : ''}see 'tempest-gate ${cmd.name} --help')\n`);
    return EXIT.usage;
  }
  if (parsed.values.help === true) {
    io.stdout.write(commandHelp(cmd));
    return EXIT.ok;
  }
  if (cmd.holds !== undefined) io.catchSignals?.(cmd.holds);
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

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/\.$/, '');
}

/**
 * What is wrong with a command line strict parseArgs refused, in our words: Node's messages are
 * several lines, quote oddly and never suggest the option meant. The tokens are the ones strict
 * parsing checks, in the same order, so the first problem found here is the one it threw on.
 */
function argumentProblem(argv: string[], options: OptionSpec, allowPositionals: boolean): { problem: string; hint?: string } | undefined {
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind === 'positional') {
      if (!allowPositionals) return { problem: `unexpected argument '${t.value}'`, hint: 'this verb takes no arguments' };
      continue;
    }
    if (t.kind !== 'option') continue;
    const spec = options[t.name];
    if (!spec) {
      const near = t.rawName.startsWith('--') ? closest(t.name, Object.keys(options)) : undefined;
      return { problem: `unknown option '${t.rawName}'`, hint: near ? `did you mean '--${near}'?` : undefined };
    }
    const shown = t.rawName.startsWith('--') ? t.rawName : `${t.rawName}, --${t.name}`;
    if (spec.type === 'string' && t.value === undefined) return { problem: `option '${shown}' needs a value` };
    // `--to --json`: the next argument looks like an option, so it is not taken as the value.
    if (spec.type === 'string' && t.inlineValue === false && t.value?.startsWith('-')) {
      return {
        problem: `option '${shown}' needs a value, not the option '${t.value}'`,
        hint: `a value starting with '-' goes as '${t.rawName.startsWith('--') ? t.rawName : `--${t.name}`}=${t.value}'`,
      };
    }
    if (spec.type === 'boolean' && t.inlineValue) return { problem: `option '${shown}' takes no value, not '${t.value}'` };
  }
  return undefined;
}

/** The candidate a mistyped word most likely meant: a unique one it begins, or one or two edits away. */
export function closest(word: string, candidates: string[]): string | undefined {
  const prefixed = candidates.filter((c) => word.length >= 2 && c.startsWith(word));
  if (prefixed.length === 1) return prefixed[0];
  // Short words get one edit: two would make '--to' suggest '--json' for anything.
  const allowed = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** Levenshtein distance where swapping two neighbours counts as one edit ('jsno' -> 'json'). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The real process's streams and signals.
 *
 * A reader that goes away (`tempest-gate parse x --json | head`) is a normal end, not an error: the
 * rest of the output is dropped, the verb still finishes what it does besides printing (files,
 * cleanup of cloud resources) and the exit code is the verb's own, so `parse ... | head` exits 0.
 * Tools that die of SIGPIPE exit 141 there, which fails a step under `set -o pipefail` (the default
 * bash of GitHub Actions); and dying early would leak what provision or run hold. Node ignores
 * SIGPIPE, so the closed pipe arrives as an EPIPE error on the stream, which is dropped here.
 * Any other failure to write (a full disk) is one line on standard error and exit 4 at the latest.
 */
export function processIo(): CommandIo {
  let writeFailed = false;
  for (const [stream, what] of [
    [process.stdout, 'standard output'],
    [process.stderr, 'standard error'],
  ] as const) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || writeFailed) return;
      writeFailed = true;
      if (stream !== process.stderr) process.stderr.write(`tempest-gate: cannot write ${what}: ${err.message}\n`);
    });
  }
  // Set here because the error can arrive after the verb returned its code.
  process.once('exit', () => {
    if (writeFailed && !process.exitCode) process.exitCode = EXIT.infra;
  });
  const controller = new AbortController();
  // SIGINT/SIGTERM: a verb that holds nothing is left to the signal's default action, which ends
  // the process at once even in the middle of synchronous work (a parse, a regex); a handler would
  // only run once that work yields (an output file being written listens while it is open, to
  // remove its partial file first, then ends the process by the same signal: edges/files.ts
  // removeOnSignal). A verb that holds something (Command.holds) catches them: the
  // first aborts its work, which then cleans up; the second ends the process at once.
  const catchSignals = (holds: string): void => {
    let received = 0;
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.on(sig, () => {
        if (++received > 1) {
          process.stderr.write(`tempest-gate: ${sig} again: stopped at once, without cleaning up (see 'tempest-gate cleanup --sweep')\n`);
          process.exit(EXIT.infra);
        }
        process.stderr.write(`tempest-gate: received ${sig}: cleaning up ${holds} (send it again to stop at once)\n`);
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
    catchSignals,
  };
}
