// Errors the user can act on. Core code returns or throws these; only entry points print them
// and choose the exit code (see docs/cli.md for the table).

export const EXIT = {
  ok: 0,
  /** The gate's verdict is "fail" (regressions, failures, per policy). */
  gateFailed: 1,
  /** Wrong command line: unknown verb, flag or value. */
  usage: 2,
  /** Input that could not be read whole: damaged stream, malformed file. What was good is still output. */
  badInput: 3,
  /** The cloud, SSH or GitHub failed us: an infrastructure failure, not a test failure. */
  infra: 4,
  /** A bug in tempest-gate. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Where in a file a problem is: any of byte offset, line and column. */
export interface Place {
  file?: string;
  offset?: number;
  line?: number;
  column?: number;
}

export function formatPlace(place: Place): string {
  const parts: string[] = [];
  if (place.file !== undefined) parts.push(place.file);
  if (place.line !== undefined) parts.push(`line ${place.line}${place.column !== undefined ? `, column ${place.column}` : ''}`);
  if (place.offset !== undefined) parts.push(`byte ${place.offset}`);
  return parts.join(': ');
}

/** An error with a one-line message meant for the user, and the exit code it maps to. */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  readonly place: Place | undefined;
  constructor(message: string, options: { exitCode?: ExitCode; place?: Place; cause?: unknown } = {}) {
    // One line, always: a message quoting the input (a YAML key that is a whole mapping, a JSON
    // parser's "Unexpected token '\n'") shows its line breaks as \n (found by test/fuzz/).
    const text = options.place ? `${formatPlace(options.place)}: ${message}` : message;
    super(text.replace(/\r\n|\r|\n/g, '\\n'), { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? EXIT.badInput;
    this.place = options.place;
  }
}

export function usageError(message: string): UserError {
  return new UserError(message, { exitCode: EXIT.usage });
}
