// The baseline store's hot path: a branch's baseline with the history of its last 30 runs in the
// compact encoding (src/core/compare/compact.ts), at 100,000 tests. Figures: the file's size, what
// git stores for it (the blob as committed, zlib-compressed: `git cat-file` %(objectsize:disk)),
// what one more promote adds to a packed repository, and the time to load it (bytes to a baseline
// compare can use), against the exchange JSON (baseline@1) of the same aggregate.
// Goal (issue #13): under 10 MB committed, loaded in under 0.2 s.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendHistory,
  baselineFromBytes,
  encodeCompact,
  historyOfBaseline,
  summarizeRuns,
  toBaseline,
  type Baseline,
  type BaselineHistory,
} from '../src/core/compare/index.ts';
import { parseResults } from '../src/core/results/parse.ts';
import { bigPlan, streamOf } from '../test/compare/gen.ts';

const TESTS = 100_000;
const RUNS = 30;

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const v = fn();
  return [(performance.now() - t0) / 1000, v];
}

/** Run k of the history: the same tests, ~0.3% failing by turns (flaky over the history), durations jittered ±20%. */
function runOf(base: Baseline, k: number): Baseline {
  let x = (k + 1) * 2654435761;
  const rand = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
  return {
    ...base,
    created: new Date(Date.UTC(2026, 10, 1 + k)).toISOString(),
    context: { ...base.context, commit: (0x1000000 + k).toString(16).repeat(5).slice(0, 40) },
    tests: base.tests.map((t) => {
      const r = rand();
      const flip = t.outcome === 'pass' && r < 0.003;
      return { ...t, outcome: flip ? 'fail' : t.outcome, duration: t.duration === null || flip ? null : t.duration * (0.8 + 0.4 * rand()) };
    }),
  };
}

function git(args: string[], cwd: string, input?: Buffer): string {
  return execFileSync('git', args, { cwd, input, encoding: 'utf8', maxBuffer: 1 << 30 });
}

function mib(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(2)} MiB`;
}

export async function run(): Promise<void> {
  const base = toBaseline(summarizeRuns([parseResults(streamOf(bigPlan(TESTS, 42)))], { created: '2026-11-01T00:00:00.000Z' }));
  const [buildS, history] = time(() =>
    appendHistory(
      null,
      Array.from({ length: RUNS }, (_, k) => historyOfBaseline(runOf(base, k))),
      RUNS,
    ),
  );
  const created = '2026-12-01T00:00:00.000Z';
  const [encodeS, text] = time(() => encodeCompact(history, { created, keep: RUNS }));
  const bytes = Buffer.from(text, 'utf8');
  const exchange = Buffer.from(JSON.stringify(baselineFromBytes(bytes, 'bench', { created }).baseline, null, 1));

  // Committed: the blob as git stores it, then one more promote (the newest run in, the oldest out) packed.
  const dir = mkdtempSync(join(tmpdir(), 'tg-bench-store-'));
  let disk: number;
  let perPromote: number;
  try {
    git(['init', '--quiet', '--bare'], dir);
    const blob = git(['hash-object', '-w', '--stdin'], dir, bytes).trim();
    disk = Number(git(['cat-file', '--batch-check=%(objectsize:disk)'], dir, Buffer.from(`${blob}\n`)).trim());
    // Referenced, so that repack packs them (it leaves unreachable objects loose).
    git(['update-ref', 'refs/baselines/1', blob], dir);
    const packed = (): number => {
      git(['repack', '-adq'], dir);
      return Number(/size-pack: (\d+)/.exec(git(['count-objects', '-v'], dir))?.[1] ?? NaN) * 1024;
    };
    const one = packed();
    const next: BaselineHistory = appendHistory(history, [historyOfBaseline(runOf(base, RUNS))], RUNS);
    const blob2 = git(['hash-object', '-w', '--stdin'], dir, Buffer.from(encodeCompact(next, { created, keep: RUNS }))).trim();
    git(['update-ref', 'refs/baselines/2', blob2], dir);
    // Both versions in one pack: git deltas one against the other, as a pushed or gc'd branch has them.
    perPromote = packed() - one;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Interleaved, and the best of 7: on a shared machine the least disturbed run is the figure.
  const loadT: number[] = [];
  const jsonT: number[] = [];
  for (let i = 0; i < 7; i++) {
    loadT.push(time(() => baselineFromBytes(bytes, 'bench', { created }))[0]);
    jsonT.push(time(() => baselineFromBytes(exchange, 'bench', { created }))[0]);
  }
  const load = Math.min(...loadT);
  console.log(`baseline store: ${TESTS.toLocaleString('en')} tests, history of ${RUNS} runs (compact encoding)`);
  console.log(`  file ${mib(bytes.length)}, committed (git blob on disk) ${mib(disk)}, one more promote adds ${mib(perPromote)} packed`);
  console.log(
    `  load ${load.toFixed(3)} s (goal < 0.2 s); the aggregate as exchange JSON: ${mib(exchange.length)}, load ${Math.min(...jsonT).toFixed(3)} s (${(Math.min(...jsonT) / load).toFixed(1)}x the time)`,
  );
  console.log(`  build the history ${buildS.toFixed(3)} s, encode ${encodeS.toFixed(3)} s`);
  console.log(`  goal under 10 MB committed: ${disk < 10e6 ? 'met' : 'NOT met'}; under 0.2 s to load: ${load < 0.2 ? 'met' : 'NOT met'}`);
}
