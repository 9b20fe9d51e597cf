// Benchmark: the shard planner (LPT + move/swap refinement, classes and the serial tests whole)
// against the naive peer, splitting by test name into equal counts, on the same durations: the
// bundled real run (Tempest 33, compute + identity) and a generated 10,000-test heavy-tailed run,
// K = 2, 4, 8. Prints each plan's makespan, its distance to the lower bound max(total/K, longest
// unit) and the peer's makespan; then the time to plan 100,000 tests into 32 shards (< 0.5 s).
import { fileURLToPath } from 'node:url';
import { equalCountMakespan, planShards } from '../src/core/select/shard.ts';
import { parseTestId } from '../src/core/results/model.ts';
import { readReference } from '../src/stages/run.ts';
import { generateRun } from '../test/select/shard-input.ts';
import { table } from './lib.ts';

const SAMPLE = fileURLToPath(new URL('../data/samples/local-tempest-33-compute-identity-mini.subunit', import.meta.url));

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
}
