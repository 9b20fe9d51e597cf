// Run the Python oracles (Debian /usr/bin/python3 with python3-stestr) for the select tests and bench.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEBIAN_PYTHON = '/usr/bin/python3';
const STESTR = fileURLToPath(new URL('../oracle/stestr_select.py', import.meta.url));
const PYRE = fileURLToPath(new URL('../oracle/pyre_search.py', import.meta.url));

/** Why the oracle cannot run, or null. Tests fail on it under CI and skip with the reason otherwise. */
export function oracleMissing(): string | null {
  if (!existsSync(DEBIAN_PYTHON)) return `${DEBIAN_PYTHON} is missing (run scripts/setup-machine.sh)`;
  try {
    execFileSync(DEBIAN_PYTHON, ['-c', 'import stestr.selection'], { stdio: 'pipe' });
  } catch {
    return 'python3-stestr is not installed (run scripts/setup-machine.sh)';
  }
  return null;
}

export interface StestrRun {
  regexes?: string[] | null;
  include_list?: string | null;
  exclude_list?: string | null;
  exclude_regex?: string | null;
}

export function runStestr(input: { ids?: string[]; ids_file?: string; runs: StestrRun[]; repeat?: number }): { selected: string[]; seconds: number }[] {
  const out = execFileSync(DEBIAN_PYTHON, [STESTR], { input: JSON.stringify(input), maxBuffer: 1 << 30, encoding: 'utf8' });
  return (JSON.parse(out) as { runs: { selected: string[]; seconds: number }[] }).runs;
}

export function runPythonSearch(patterns: string[], subjects: string[]): ({ error: string } | { matches: string })[] {
  const out = execFileSync(DEBIAN_PYTHON, [PYRE], { input: JSON.stringify({ patterns, subjects }), maxBuffer: 1 << 30, encoding: 'utf8' });
  return JSON.parse(out) as ({ error: string } | { matches: string })[];
}
