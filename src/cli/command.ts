// What every CLI verb provides. Each verb lives in src/cli/commands/<verb>.ts and is listed in main.ts.
import type { ParseArgsConfig } from 'node:util';
import { usageError, type ExitCode } from '../core/errors.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Cancelled on SIGINT/SIGTERM (verbs that hold something, see Command.holds): long work stops and cleans up. */
  signal: AbortSignal;
  /**
   * The real process's: catch SIGINT/SIGTERM (abort `signal`) for a verb that must clean up what
   * it holds. Without it a signal ends the process at once, whatever it is doing.
   */
  catchSignals?: (holds: string) => void;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  /** Full help text after the usage line: arguments, options, exit codes. */
  help: string;
  usage: string;
  options: OptionSpec;
  allowPositionals?: boolean;
  /**
   * What the verb holds that a cancel must clean up (cloud resources, Tempest on a node), said on
   * stderr when SIGINT/SIGTERM arrives; the verb then stops its work through io.signal and cleans
   * up, and a second signal ends it at once. Verbs without it hold nothing: a signal ends them at
   * once, whatever they are doing (their output files are written whole or not at all).
   */
  holds?: string;
  run(args: ParsedArgs, io: CommandIo): Promise<ExitCode>;
}

/** Options every verb takes. */
export const COMMON_OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
};

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function strs(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function writeJson(io: CommandIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A whole-number option of at least `min`: its value, `fallback` when absent, or a usage error. */
export function wholeOption<T extends number | null>(args: ParsedArgs, name: string, o: { min: number; fallback: T }): number | T {
  const text = str(args, name);
  if (text === undefined) return o.fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < o.min) throw usageError(`--${name} must be a whole number of at least ${o.min}, not '${text}'`);
  return n;
}
