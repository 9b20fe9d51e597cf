// Our diff against a plain-Python diff over python-subunit's reading of the same streams
// (test/oracle/compare_oracle.py), on generated runs: reruns, skips with reasons, tests that
// never finish, tests only on one side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseResults } from '../../src/core/results/parse.ts';
import { compareRuns, summarizeRuns, toBaseline, type CompareDiff } from '../../src/core/compare/index.ts';
import { DEBIAN_PYTHON, requireOracle } from '../helpers/oracle.ts';
import { planPair, streamOf } from './gen.ts';

const ORACLE = fileURLToPath(new URL('../oracle/compare_oracle.py', import.meta.url));
const LISTS = ['regressions', 'neverFinished', 'newFailing', 'stillFailing', 'flaky', 'fixes', 'skipChanges', 'added', 'removed'] as const;

function ourLists(diff: CompareDiff): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of LISTS) out[k] = diff[k].map((t) => t.name).sort();
  return out;
}

test('diff agrees with a python-subunit diff of the same streams (generated runs)', () => {
  requireOracle();
  const dir = mkdtempSync(join(tmpdir(), 'tg-compare-'));
  try {
    fc.assert(
      fc.property(planPair, ({ base, run }) => {
        const baseBytes = streamOf(base);
        const runBytes = streamOf(run);
        writeFileSync(join(dir, 'base.subunit'), baseBytes);
        writeFileSync(join(dir, 'run.subunit'), runBytes);
        const py = JSON.parse(execFileSync(DEBIAN_PYTHON, [ORACLE, join(dir, 'base.subunit'), join(dir, 'run.subunit')], { encoding: 'utf8' })) as Record<
          string,
          unknown
        >;
        delete py.seconds;
        const baseline = toBaseline(summarizeRuns([parseResults(baseBytes)]));
        const diff = compareRuns(baseline, summarizeRuns([parseResults(runBytes)]), { today: '2026-01-01' });
        assert.deepEqual(ourLists(diff), py);
      }),
      { numRuns: 25 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
