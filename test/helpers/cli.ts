// Run a CLI verb in-process and capture what it printed.
import { PassThrough, Readable } from 'node:stream';
import { runCli, runCommand } from '../../src/cli/main.ts';
import type { Command, CommandIo } from '../../src/cli/command.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(
  stdin: string | Uint8Array = '',
  env: NodeJS.ProcessEnv = {},
  cwd = process.cwd(),
): { io: CommandIo; done: () => { stdout: string; stderr: string } } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const io: CommandIo = { stdout, stderr, stdin: Readable.from([Buffer.from(stdin)]), cwd, env, signal: new AbortController().signal };
  return { io, done: () => ({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }) };
}

/** Run `tempest-gate <argv>` in-process. */
export async function cli(argv: string[], options: { stdin?: string | Uint8Array; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  const { io, done } = capture(options.stdin, options.env, options.cwd);
  const code = await runCli(argv, io);
  return { code, ...done() };
}

/** Run one Command object (before it is listed in main.ts) with its arguments. */
export async function cliCommand(
  cmd: Command,
  argv: string[],
  options: { stdin?: string | Uint8Array; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliRun> {
  const { io, done } = capture(options.stdin, options.env, options.cwd);
  const code = await runCommand(cmd, argv, io);
  return { code, ...done() };
}
