// The one place that finds data/ (presets, Tempest's test list, the bundled run and baseline).
// It sits beside src/ in a checkout and beside dist/ in the bundle the Action and the bin run:
// both are found by climbing from this module to the first folder that holds data/presets/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, UserError } from '../core/errors.ts';

let found: string | undefined;

export function dataDir(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, 'presets', 'tox-envs.json'))) return (found = candidate);
    dir = dirname(dir);
  }
  throw new UserError('data/ not found next to tempest-gate (a broken install: reinstall it)', { exitCode: EXIT.internal });
}

/** A file under data/, e.g. dataFile('tempest-33.0.0-test-list.txt'). */
export function dataFile(...parts: string[]): string {
  return join(dataDir(), ...parts);
}

/** Tempest's test list shipped in data/: what the selection chooses from by default. */
export const SHIPPED_TEST_LIST = 'tempest-33.0.0-test-list.txt';
