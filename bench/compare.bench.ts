// Compare a run with its baseline at 1,000, 10,000 and 100,000 tests, and the same diff done by a
// peer on the same streams in the same run: python-subunit + testtools reading both streams and
// diffing them in plain Python (test/oracle/compare_oracle.py; stestr has no diff of its own).
// Figures: our diff alone (inputs parsed), reading a baseline file, and end to end (both streams
// parsed and diffed, the peer's work); the time per test shows whether growth is linear.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseResults } from '../src/core/results/parse.ts';
import { compareRuns, parseBaseline, renderCompareMarkdown, summarizeRuns, toBaseline } from '../src/core/compare/index.ts';
import { bigPlan, streamOf, type PlannedTest } from '../test/compare/gen.ts';

const PEER = fileURLToPath(new URL('../test/oracle/compare_oracle.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const SIZES = [1_000, 10_000, 100_000];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? NaN;
}

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const v = fn();
  return [(performance.now() - t0) / 1000, v];
}

/** The run: the baseline's tests with ~1% flipped, 0.5% renamed (same idempotent id), 0.5% new, 0.5% gone. */
function runPlan(base: PlannedTest[]): PlannedTest[] {
  const out: PlannedTest[] = [];
  base.forEach((t, i) => {
    if (i % 200 === 7) return; // removed
    const copy = { ...t };
    if (i % 100 === 3) copy.runs = [t.runs[0] === 'success' ? 'fail' : 'success'];
    if (i % 200 === 11) copy.name = `${t.name}_renamed`;
    if (i % 50 === 5) copy.durationS = t.durationS * 3 + 10;
    out.push(copy);
    if (i % 200 === 13) out.push({ ...t, name: `${t.name}_new`, idempotentId: null });
  });
  return out;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tg-bench-compare-'));
  const havePeer = existsSync(PYTHON);
  try {
    console.log('tests     diff      load baseline  end to end   per test (e2e)  peer (parse+diff)  peer diff   e2e vs peer    diff vs peer diff');
    let first: number | null = null;
    for (const n of SIZES) {
      const base = bigPlan(n, 42);
      const runP = runPlan(base);
      const baseBytes = streamOf(base);
      const runBytes = streamOf(runP);
      writeFileSync(join(dir, 'base.subunit'), baseBytes);
      writeFileSync(join(dir, 'run.subunit'), runBytes);
      const baseResults = parseResults(baseBytes);
      const runResults = parseResults(runBytes);
      const baselineText = JSON.stringify(toBaseline(summarizeRuns([baseResults])));
      const baseline = parseBaseline(baselineText, 'base.json');
      const reps = n >= 100_000 ? 5 : 9;
      const diffT: number[] = [];
      const loadT: number[] = [];
      const e2eT: number[] = [];
      let regressions = 0;
      let markdown = 0;
      for (let i = 0; i < reps; i++) {
        const [d, diff] = time(() => compareRuns(baseline, summarizeRuns([runResults]), { today: '2026-11-25' }));
        diffT.push(d);
        regressions = diff.counts.regressions;
        markdown = time(() => renderCompareMarkdown(diff))[0];
        loadT.push(time(() => parseBaseline(baselineText, 'base.json'))[0]);
        e2eT.push(
          time(() => {
            const b = toBaseline(summarizeRuns([parseResults(baseBytes)]));
            return compareRuns(b, summarizeRuns([parseResults(runBytes)]), { today: '2026-11-25' });
          })[0],
        );
      }
      const e2e = median(e2eT);
      first ??= e2e / n;
      let peer = 'n/a (no /usr/bin/python3)';
      let peerDiff = '';
      let ratio = '';
      if (havePeer) {
        const out = JSON.parse(execFileSync(PYTHON, [PEER, join(dir, 'base.subunit'), join(dir, 'run.subunit')], { encoding: 'utf8', maxBuffer: 1 << 30 })) as {
          seconds: { parse: number; diff: number };
          regressions: string[];
        };
        const total = out.seconds.parse + out.seconds.diff;
        peer = `${total.toFixed(3)} s`;
        peerDiff = `${out.seconds.diff.toFixed(4)} s`;
        const fmt = (r: number): string => (r >= 1 ? `${r.toFixed(1)}x faster` : `${(1 / r).toFixed(1)}x slower`);
        // The peer's diff only compares names; ours also matches idempotent ids, builds the report
        // entries and reduces the run (the peer reduces while parsing): shown as measured.
        ratio = `${fmt(total / e2e).padEnd(14)} ${fmt(out.seconds.diff / median(diffT))}`;
        // Both sides found the same regressions by name (renames aside, which only we match).
        if (out.regressions.length !== regressions)
          console.log(`  note: peer counted ${out.regressions.length} regressions, we ${regressions} (we also match renamed tests by id)`);
      }
      if (n === SIZES[SIZES.length - 1]) console.log(`  note: Markdown of this diff (${regressions} regressions, budget 60,000): ${markdown.toFixed(4)} s`);
      console.log(
        `${String(n).padEnd(9)} ${`${median(diffT).toFixed(4)} s`.padEnd(9)} ${`${median(loadT).toFixed(4)} s`.padEnd(14)} ${`${e2e.toFixed(4)} s`.padEnd(12)} ${`${((e2e / n) * 1e6).toFixed(2)} µs (x${(e2e / n / first).toFixed(2)})`.padEnd(15)} ${peer.padEnd(18)} ${peerDiff.padEnd(11)} ${ratio}`,
      );
    }
    console.log('diff = reduce the parsed run + compare with a loaded baseline; load baseline = read and schema-check the JSON;');
    console.log('peer diff = a dict lookup per name on outcomes it reduced while parsing (no id matching, no report entries).');
    console.log("end to end = parse both subunit streams, reduce both, compare (the peer's work). Goal: diff + load under 1 s at 100,000, linear.");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
