// Run Debian's subunit filter scripts (subunit-1to2, subunit2junitxml) on many files in one python
// process: the installed scripts themselves, run by test/oracle/subunit_filter_batch.py.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEBIAN_PYTHON } from './oracle.ts';

const FILTER_BATCH = fileURLToPath(new URL('../oracle/subunit_filter_batch.py', import.meta.url));

export interface FilterRun {
  exit: number;
  /** The script raised part way (python-subunit gave up on the input), or null. */
  crashed: string | null;
}

/** Run `/usr/bin/<script> [options]` with stdin from each pair's first file and stdout to its second. */
export function runFilterBatch(script: string, pairs: [string, string][], options: string[] = []): FilterRun[] {
  if (pairs.length === 0) return [];
  const out = execFileSync(DEBIAN_PYTHON, [FILTER_BATCH, `/usr/bin/${script}`, JSON.stringify(options), ...pairs.flat()], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as FilterRun);
}
