// Compare a run with its baseline at 10,000 and 100,000 tests (1,000,000 with --1m), beside a peer
// doing the same on the same streams in the same run: python-subunit + testtools reading both
// streams and diffing them in plain Python (test/oracle/compare_oracle.py; stestr has no diff).
// Every step runs in a process of its own (bench/compare-step.ts) under /usr/bin/time, so each
// time has its peak RSS beside it. Rows:
//  - like for like: both subunit streams parsed and reduced, then diffed (the peer's work);
//  - the diff step alone, warm, on reduced inputs, against the peer's dict lookup per name: on the
//    run read against the baseline as the CLI reads it (the name lookups move into the read, whose
//    time is printed beside), and on the run read alone (the diff looks every name up);
//  - the gate's path: the stored (compact) baseline loaded, the run read, diffed, Markdown made,
//    and the CLI end to end (`tempest-gate compare --baseline B.compact --results R.subunit --to
//    markdown`, from a bundle of the current source made here, as dist/ would be).
// The time per test against the 10,000 row shows whether growth is linear (goal: within 1.3x).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { distOptions } from '../scripts/build.ts';
import { appendHistory, baselineFromBytes, compareRuns, encodeCompact, historyOfBaseline, toBaseline } from '../src/core/compare/index.ts';
import { summarizeRunFiles } from '../src/stages/results.ts';
import { bigPlan, streamOf, type PlannedTest } from '../test/compare/gen.ts';
import { BENCH_DATA, best, measure, NODE, table, type Measured } from './lib.ts';

const PEER = fileURLToPath(new URL('../test/oracle/compare_oracle.py', import.meta.url));
const STEP = fileURLToPath(new URL('./compare-step.ts', import.meta.url));
const PYTHON = '/usr/bin/python3';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? NaN;
}

/** The run: the baseline's tests with ~1% flipped, 0.5% renamed (same idempotent id), 0.5% new, 0.5% gone, 2% slower. */
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

const s = (x: number): string => `${x.toFixed(3)} s`;
const mib = (m: Measured): string => `${m.maxRssMiB.toFixed(0)} MiB`;
const ratio = (ours: number, peer: number): string => (peer >= ours ? `${(peer / ours).toFixed(1)}x faster` : `${(ours / peer).toFixed(1)}x slower`);
const load = (): string => loadavg()[0]!.toFixed(2);

/** A step in its own process: wall time and peak RSS from /usr/bin/time, phases from its output. */
function step(command: string, out: string): { m: Measured; phases: Record<string, number> } {
  const m = measure(`${command} > ${out}`);
  if (m.status !== 0) throw new Error(`'${command}' failed (exit ${m.status})`);
  return { m, phases: JSON.parse(readFileSync(out, 'utf8')) as Record<string, number> };
}

export async function run(): Promise<void> {
  const sizes = [10_000, 100_000, ...(process.argv.includes('--1m') ? [1_000_000] : [])];
  const dir = mkdtempSync(join(tmpdir(), 'tg-bench-compare-'));
  const bundle = join(BENCH_DATA, 'dist');
  await build(distOptions(bundle, { cli: 'src/cli/bin.ts' }));
  const cli = join(bundle, 'cli.js');
  console.log(`load average ${load()} at the start (2 cores, shared); 1,000,000 tests with --1m`);
  const like: (string | number)[][] = [['tests', 'ours: parse both + diff', 'peak', 'µs/test (work)', 'peer (python-subunit)', 'peak', 'ours vs peer']];
  const diffRows: (string | number)[][] = [
    [
      'tests',
      'our diff, run read against the baseline (the CLI)',
      'its read',
      'our diff, run read alone',
      'its read',
      'peer diff (dict lookup)',
      'ours vs peer (CLI, alone)',
    ],
  ];
  const gate: (string | number)[][] = [
    ['tests', 'load compact', 'read run', 'diff', 'Markdown', 'step (process)', 'peak', 'µs/test (work)', 'CLI end to end', 'peak', 'compact size'],
  ];
  let firstLike: number | null = null;
  let firstGate: number | null = null;
  let firstCli: number | null = null;
  try {
    for (const n of sizes) {
      const basePath = join(dir, 'base.subunit');
      const runPath = join(dir, 'run.subunit');
      const compactPath = join(dir, 'base.compact');
      {
        const base = bigPlan(n, 42);
        writeFileSync(basePath, streamOf(base));
        writeFileSync(runPath, streamOf(runPlan(base)));
      }
      const baseSummary = (await summarizeRunFiles([basePath], process.stdin)).summary;
      const history = appendHistory(null, [historyOfBaseline(toBaseline({ ...baseSummary, created: '2026-11-01T00:00:00.000Z' }))], 30);
      const compactText = encodeCompact(history, { created: '2026-11-01T00:00:00.000Z', keep: 30 });
      writeFileSync(compactPath, compactText);

      // Like for like.
      const ours = step(`${NODE} ${STEP} peer-like ${basePath} ${runPath}`, join(dir, 'ours.json'));
      const peer = step(`${PYTHON} ${PEER} ${basePath} ${runPath}`, join(dir, 'peer.json'));
      const peerSec = peer.phases.seconds as unknown as { parse: number; diff: number };
      // Per test over the work itself (the phases), not the process's start-up (~0.1-0.3 s, which would hide growth).
      const likeWork = (ours.phases.parseBase ?? 0) + (ours.phases.parseRun ?? 0) + (ours.phases.diff ?? 0);
      const likePer = likeWork / n;
      firstLike ??= likePer;
      like.push([
        n,
        s(ours.m.seconds),
        mib(ours.m),
        `${(likePer * 1e6).toFixed(2)} (x${(likePer / firstLike).toFixed(2)})`,
        s(peer.m.seconds),
        mib(peer.m),
        ratio(ours.m.seconds, peer.m.seconds),
      ]);

      // The diff step, warm, in this process: the reduced run (reduced while it was read, as the
      // peer's is) against the loaded baseline. Two ways: the run read against the baseline, as the
      // CLI reads it (its tests take the baseline's strings and positions while read, so the diff
      // pairs without looking names up: that lookup moved into the read, whose time is beside it),
      // and the run read alone (the diff looks every name up).
      const baseline = baselineFromBytes(Buffer.from(compactText), 'base.compact', { created: '2026-11-25T00:00:00.000Z' }).baseline;
      const cpu = (): number => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
      };
      const readRun = async (known: boolean): Promise<{ summary: Awaited<ReturnType<typeof summarizeRunFiles>>['summary']; read: number }> => {
        const t0 = cpu();
        const summary = (await summarizeRunFiles([runPath], process.stdin, { known: known ? baseline.tests : undefined })).summary;
        return { summary, read: cpu() - t0 };
      };
      const diffOf = (summary: Awaited<ReturnType<typeof readRun>>['summary']): number => {
        const diffT: number[] = [];
        for (let i = 0; i < (n >= 1_000_000 ? 3 : 7); i++) {
          const t0 = performance.now();
          compareRuns(baseline, summary, { today: '2026-11-25' });
          diffT.push((performance.now() - t0) / 1000);
        }
        return median(diffT);
      };
      // The reads alternate, best of 3 (1 at 1M), each summary let go before the next read.
      const reads = { against: Infinity, alone: Infinity };
      let diffAgainst = NaN;
      let diffAlone = NaN;
      for (let round = 0; round < (n >= 1_000_000 ? 1 : 3); round++) {
        for (const known of round % 2 ? [false, true] : [true, false]) {
          const r = await readRun(known);
          reads[known ? 'against' : 'alone'] = Math.min(reads[known ? 'against' : 'alone'], r.read);
          if (round === 0 && known) diffAgainst = diffOf(r.summary);
          if (round === 0 && !known) diffAlone = diffOf(r.summary);
        }
      }
      diffRows.push([
        n,
        `${diffAgainst.toFixed(4)} s (${((diffAgainst / n) * 1e6).toFixed(2)} µs/test)`,
        s(reads.against),
        `${diffAlone.toFixed(4)} s (${((diffAlone / n) * 1e6).toFixed(2)} µs/test)`,
        s(reads.alone),
        `${peerSec.diff.toFixed(4)} s`,
        `${ratio(diffAgainst, peerSec.diff)}, ${ratio(diffAlone, peerSec.diff)}`,
      ]);

      // The gate's path, then the CLI end to end.
      const g = step(`${NODE} ${STEP} gate ${compactPath} ${runPath}`, join(dir, 'gate.json'));
      const gateWork = (g.phases.load ?? 0) + (g.phases.parseRun ?? 0) + (g.phases.diff ?? 0) + (g.phases.render ?? 0);
      const gatePer = gateWork / n;
      firstGate ??= gatePer;
      const c = best(
        `${NODE} ${cli} compare --baseline ${compactPath} --results ${runPath} --to markdown --today 2026-11-25 -o ${join(dir, 'out.md')}`,
        n >= 1_000_000 ? 1 : 3,
      );
      if (c.status !== 1) throw new Error(`the CLI exited ${c.status}, expected 1 (the run has regressions)`);
      firstCli ??= c.seconds / n;
      gate.push([
        n,
        s(g.phases.load ?? NaN),
        s(g.phases.parseRun ?? NaN),
        s(g.phases.diff ?? NaN),
        s(g.phases.render ?? NaN),
        s(g.m.seconds),
        mib(g.m),
        `${(gatePer * 1e6).toFixed(2)} (x${(gatePer / firstGate).toFixed(2)})`,
        `${s(c.seconds)} (x${(c.seconds / n / firstCli).toFixed(2)}/test)`,
        mib(c),
        `${(compactText.length / (1 << 20)).toFixed(1)} MiB`,
      ]);
      console.log(`  ${n.toLocaleString('en')} tests done (load average ${load()})`);
    }
    console.log('\nLike for like: both subunit streams parsed and reduced, then diffed by name (the peer also matches no renames):');
    console.log(table(like));
    console.log(
      "\nThe diff step alone (inputs reduced while read, as the peer's are; ours also matches renamed tests by id and builds the report entries; 'its read': CPU seconds to read and reduce the run that way, best of 3):",
    );
    console.log(table(diffRows));
    console.log('\nThe gate: stored compact baseline (one run of history) loaded, the run read, diff, Markdown; and the CLI end to end (best of 3; 1 at 1M):');
    console.log(table(gate));
    console.log(
      'Goals (issue #16): CLI end to end under 1 s at 100,000; per-test cost within 1.3x from 10k to 1M; under 1 GB peak at 1M; diff within 2x the peer.',
    );
    console.log(`load average ${load()} at the end`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
