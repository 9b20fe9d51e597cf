// POSIX shell quoting for every value that reaches a remote shell (test regexes, branch names,
// file names, config values). Single quotes are the only quoting in which a POSIX shell gives
// no character a special meaning, so the whole value goes inside them and each embedded single
// quote becomes '\'' (close, escaped quote, reopen). Newlines, $(), backticks and globs stay literal.

/** One shell word whose value is exactly `value`, whatever it holds. */
export function shQuote(value: string): string {
  if (value.includes('\u0000')) {
    // No shell word can hold NUL: refuse rather than let the shell silently cut the value.
    throw new Error('a NUL byte cannot be passed to a remote shell');
  }
  // Words made only of these characters mean the same quoted or not; leaving them bare keeps
  // commands readable in logs.
  if (value !== '' && /^[A-Za-z0-9_@%+:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A command line from argv: each argument quoted, joined by spaces. */
export function shJoin(argv: readonly string[]): string {
  return argv.map(shQuote).join(' ');
}
