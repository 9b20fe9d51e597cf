// Benchmark: the shard planner (LPT + move/swap refinement, classes and the serial tests whole)
// against the naive peer, splitting by test name into equal counts, on the same durations: the
// bundled real run (Tempest 33, compute + identity) and a generated 10,000-test heavy-tailed run,
// K = 2, 4, 8. Prints each plan's makespan, its distance to the lower bound max(total/K, longest
// unit) and the peer's makespan; then the time to plan 100,000 tests into 32 shards (< 0.5 s).
// Within a node: the worker file's slowest worker against Debian stestr's own partitioning of the
// same list with no history (a fresh node). Last, merging 32 shards of 3,000 results (< 1 s).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planWorkers } from '../src/core/run/worker-file.ts';
import { mergeShards, shardManifest } from '../src/core/select/shard-merge.ts';
import { isoFromMicros, makeRunResults, type TestRecord } from '../src/core/results/model.ts';
import { mergeStage, readShardParts } from '../src/stages/merge.ts';
import { equalCountMakespan, planShards } from '../src/core/select/shard.ts';
import { parseTestId } from '../src/core/results/model.ts';
import { readReference } from '../src/stages/run.ts';
import { generateRun } from '../test/select/shard-input.ts';
import { BENCH_DATA, table } from './lib.ts';

const SAMPLE = fileURLToPath(new URL('../data/samples/local-tempest-33-compute-identity-mini.subunit', import.meta.url));
const STESTR = fileURLToPath(new URL('../test/oracle/stestr_workers.py', import.meta.url));

/** The slowest worker, in seconds: balanced by the worker file, and as a fresh node's stestr partitions the same list. */
function workerRows(label: string, ids: string[], durations: Map<string, number>, counts: number[]): (string | number)[][] {
  const secs = (id: string): number => durations.get(parseTestId(id).name) ?? 0;
  const out: (string | number)[][] = [];
  for (const workers of counts) {
    const plan = planWorkers({ ids, workers, durations });
    if (!plan) continue;
    const cold = (
      JSON.parse(execFileSync('/usr/bin/python3', [STESTR], { input: JSON.stringify({ ids, workers }), encoding: 'utf8', maxBuffer: 1 << 28 })) as {
        cold: string[][];
      }
    ).cold;
    const coldMax = Math.max(...cold.map((g) => g.reduce((a, id) => a + secs(id), 0)));
    out.push([
      label,
      ids.length,
      workers,
      plan.plan.makespanSeconds.toFixed(2),
      plan.plan.lowerBoundSeconds.toFixed(2),
      coldMax.toFixed(2),
      `+${((coldMax / plan.plan.lowerBoundSeconds - 1) * 100).toFixed(1)}%`,
      `${((1 - plan.plan.makespanSeconds / coldMax) * 100).toFixed(1)}%`,
    ]);
  }
  return out;
}

/** 32 shard folders of ~3,000 results each (shard.json + results.json), as the shards' jobs leave them. */
function writeShards(dir: string): { tests: number; bytes: number } {
  rmSync(dir, { recursive: true, force: true });
  const g = generateRun(96_000, 5);
  const plan = planShards({ parallel: g.parallel, serial: g.serial, shards: 32, durations: g.durations });
  let t = Date.UTC(2026, 0, 1) * 1000;
  let bytes = 0;
  for (const sh of plan.shards) {
    const m = shardManifest(plan, sh.index);
    const records: TestRecord[] = m.tests.map((id, i) => {
      const p = parseTestId(id);
      const d = g.durations.get(p.name) ?? 1;
      const start = isoFromMicros(t);
      t += Math.round(d * 1e6);
      const failed = i % 997 === 0;
      return {
        id,
        ...p,
        status: failed ? 'fail' : 'success',
        tags: ['worker-0'],
        start,
        stop: isoFromMicros(t),
        duration: d,
        worker: 'worker-0',
        routeCode: null,
        attachments: failed
          ? [{ name: 'traceback', contentType: 'text/x-traceback; charset="utf8"', size: 2000, truncatedBytes: 0, text: 'Traceback\n'.repeat(200) }]
          : [],
      };
    });
    const d = join(dir, `tempest-gate-report-shard-${sh.index}`);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'shard.json'), JSON.stringify(m));
    const text = JSON.stringify(makeRunResults('subunit-v2', records, []));
    bytes += Buffer.byteLength(text);
    writeFileSync(join(d, 'results.json'), text);
  }
  return { tests: g.parallel.length + g.serial.length, bytes };
}

interface Input {
  label: string;
  parallel: string[];
  serial: string[];
  durations: Map<string, number>;
}

function rows(input: Input): (string | number)[][] {
  const out: (string | number)[][] = [];
  const all = [...input.parallel, ...input.serial];
  for (const k of [2, 4, 8]) {
    const plan = planShards({ parallel: input.parallel, serial: input.serial, shards: k, durations: input.durations });
    const naive = equalCountMakespan(all, k, (id) => input.durations.get(parseTestId(id).name) ?? 0);
    out.push([
      input.label,
      all.length,
      k,
      plan.makespanSeconds.toFixed(2),
      plan.lowerBoundSeconds.toFixed(2),
      `+${plan.overLowerBoundPercent.toFixed(2)}%`,
      naive.toFixed(2),
      `+${((naive / plan.lowerBoundSeconds - 1) * 100).toFixed(1)}%`,
      `${((1 - plan.makespanSeconds / naive) * 100).toFixed(1)}%`,
    ]);
  }
  return out;
}

export async function run(): Promise<void> {
  const real = await readReference(SAMPLE);
  // The real run has no serial split of its own: all its tests count as parallel.
  const realInput: Input = { label: 'real run (mini)', parallel: real.names, serial: [], durations: real.durations };
  const gen = generateRun(10_000);
  const genInput: Input = { label: 'generated heavy tail', ...gen };
  console.log("makespan = the longest shard's predicted seconds; bound = max(total/K, longest unit)");
  console.log(
    table([
      ['input', 'tests', 'K', 'planned s', 'bound s', 'plan vs bound', 'equal-count s', 'equal-count vs bound', 'plan shorter by'],
      ...rows(realInput),
      ...rows(genInput),
    ]),
  );

  const big = generateRun(100_000, 2);
  const times: number[] = [];
  let units = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const plan = planShards({ parallel: big.parallel, serial: big.serial, shards: 32, durations: big.durations });
    times.push((performance.now() - t0) / 1000);
    units = plan.units;
  }
  const first = times[0] as number;
  const bestTime = Math.min(...times);
  console.log(
    `\nplanning 100,000 tests (${units} units) into 32 shards: first ${first.toFixed(3)} s, best of 5 ${bestTime.toFixed(3)} s (limit 0.5 s: ${bestTime < 0.5 ? 'ok' : 'OVER'})`,
  );

  // Within one node: the worker file against stestr's own partitioning with no history.
  const node = generateRun(3_000, 11, 0);
  console.log(`\nwithin a node: the slowest worker (s), balanced by the worker file vs Debian stestr's partition_tests with no times.dbm (a fresh node)`);
  console.log(
    table([
      ['input', 'tests', 'workers', 'worker file s', 'bound s', 'stestr cold s', 'stestr vs bound', 'worker file shorter by'],
      ...workerRows(
        'real run (mini)',
        real.names.filter((n) => !n.includes(' (')),
        real.durations,
        [2, 4],
      ),
      ...workerRows('generated heavy tail', node.parallel, node.durations, [4, 8]),
    ]),
  );

  // Merging: 32 shards of ~3,000 results, read from their folders and merged.
  const dir = join(BENCH_DATA, 'shards-32x3000');
  const { tests, bytes } = writeShards(dir);
  const stage: number[] = [];
  const core: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const { merged } = await mergeStage({ dirs: [dir], shardCount: 32, log: () => {} });
    stage.push((performance.now() - t0) / 1000);
    if (merged.results.tests.length !== tests) throw new Error(`merged ${merged.results.tests.length} of ${tests}`);
    const { parts } = await readShardParts([dir]);
    const c0 = process.cpuUsage();
    const t1 = performance.now();
    mergeShards(parts);
    const c = process.cpuUsage(c0);
    core.push({ wall: (performance.now() - t1) / 1000, cpu: (c.user + c.system) / 1e6 });
  }
  const bestCore = core.reduce((a, b) => (b.wall < a.wall ? b : a));
  console.log(
    `\nmerging 32 shards of ~3,000 results (${tests} tests, every id checked once): best of 3 ${bestCore.wall.toFixed(3)} s (${bestCore.cpu.toFixed(3)} s CPU) (limit 1 s: ${bestCore.wall < 1 ? 'ok' : 'OVER'})`,
  );
  console.log(
    `  with reading the 32 results.json first (${(bytes / 1e6).toFixed(0)} MB of JSON, parsed and checked field by field): first ${(stage[0] as number).toFixed(3)} s, best of 3 ${Math.min(...stage).toFixed(3)} s`,
  );
  console.log(`  (load average now ${(await import('node:os')).loadavg()[0]?.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores)`);
}
