// planShards(): a selection's tests split into K shards (one machine or job each) balanced by the
// baseline's durations. Pure and deterministic: the same selection and durations give the same
// plan, ties broken by name.
//
// What may not be split: Tempest runs a class's setUpClass once per worker that gets any of its
// tests, so a class is one unit (splitting it repeats its fixtures; `splitClasses` allows that for
// a class longer than total/K, where keeping it whole would set the makespan). The serial tests
// run one after another in their own `tempest run --serial`, and the selection keeps them
// together for a reason (they must not overlap other tests), so they are one unit.
//
// Placement is LPT (longest unit first onto the least-loaded shard, within 4/3 of optimal), then
// a local search that moves or swaps one unit between the longest shard and another while that
// shortens the longest: on heavy-tailed durations LPT leaves the last few large units badly
// placed, and one move or swap usually fixes it.
import { createHash } from 'node:crypto';
import { usageError } from '../errors.ts';
import { parseTestId } from '../results/model.ts';
import { exactTestRegex, type TempestInvocation } from './select.ts';

export interface ShardOptions {
  /** The selection's parallel and serial tests (SelectResult.parallel / .serial), in list order. */
  parallel: readonly string[];
  serial: readonly string[];
  /** K, the number of shards (at least 1). */
  shards: number;
  /** Baseline seconds by test name (the id without attributes), as readReference gives them. */
  durations: ReadonlyMap<string, number>;
  /** Split a class longer than total/K into parts (each repeats the class's fixtures). Default false. */
  splitClasses?: boolean;
}

export interface ShardUnit {
  /** The class name, `serial`, or `Class#part` for part of a split class. */
  key: string;
  kind: 'class' | 'class-part' | 'serial';
  tests: number;
  seconds: number;
}

export interface Shard {
  index: number;
  /** Predicted seconds: the sum of its tests' durations (test time on one worker). */
  predictedSeconds: number;
  count: number;
  parallel: string[];
  serial: string[];
  /** Its units' keys, in the order the units first appear in the selection. */
  units: string[];
}

export interface ShardPlan {
  /**
   * What the plan was made from, hashed: K, --split-classes, the tests in order and the seconds each
   * was given. Shards planned from different selections or baselines carry different ids, and the
   * merge refuses to mix them.
   */
  planId: string;
  shardCount: number;
  totalSeconds: number;
  /** max(total/K, the longest unit): no plan can finish sooner. */
  lowerBoundSeconds: number;
  /** The longest shard's predicted seconds. */
  makespanSeconds: number;
  /** makespan / lower bound - 1, as a percentage. */
  overLowerBoundPercent: number;
  /** Tests the baseline had no duration for, and what they were given. */
  estimated: { classMedian: number; runMedian: number; runMedianSeconds: number };
  /** One line each: what was assumed (estimates, split classes, no durations at all). */
  notes: string[];
  units: number;
  shards: Shard[];
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The id's name (attributes dropped) and class; fixture ids (`setUpClass (pkg.Class)`) go through parseTestId. */
function nameAndClass(id: string): { name: string; className: string } {
  if (id.endsWith(')') || id.endsWith(']')) return parseTestId(id);
  const dot = id.lastIndexOf('.');
  return { name: id, className: dot > 0 ? id.slice(0, dot) : '' };
}

const byNumber = (a: number, b: number): number => a - b;
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A shard's `tempest run` plan, include lists named as the whole selection's. */
export function shardRun(shard: Pick<Shard, 'parallel' | 'serial'>): TempestInvocation[] {
  const { parallel, serial } = shard;
  const run: TempestInvocation[] = [];
  if (parallel.length)
    run.push({
      serial: false,
      combine: false,
      args: ['--include-list', 'parallel-include-list.txt'],
      includeListName: 'parallel-include-list.txt',
      includeList: parallel.map(exactTestRegex),
      count: parallel.length,
    });
  if (serial.length) {
    const combine = run.length > 0;
    run.push({
      serial: true,
      combine,
      args: [...(combine ? ['--combine'] : []), '--serial', '--include-list', 'serial-include-list.txt'],
      includeListName: 'serial-include-list.txt',
      includeList: serial.map(exactTestRegex),
      count: serial.length,
    });
  }
  return run;
}

interface Unit extends ShardUnit {
  /** Indexes into the combined test array (parallel, then serial). */
  members: number[];
}

/** Move or swap single units between the longest shard and another while that shortens the longest. */
function refine(secs: Float64Array, owner: Int32Array, load: Float64Array, members: number[][], target: number): void {
  const k = load.length;
  const cap = 50 * k;
  for (let iter = 0; iter < cap; iter++) {
    let hi = 0;
    for (let s = 1; s < k; s++) if ((load[s] as number) > (load[hi] as number)) hi = s;
    const top = load[hi] as number;
    if (top <= target) return;
    // Best single move or swap over every other shard: the one leaving the pair's larger side smallest.
    let best: { lo: number; a: number; b: number; peak: number } | null = null;
    const hiUnits = members[hi] as number[];
    for (let lo = 0; lo < k; lo++) {
      if (lo === hi) continue;
      const gap = top - (load[lo] as number);
      if (gap <= 0) continue;
      const loUnits = Int32Array.from(members[lo] as number[]).sort((x, y) => (secs[x] as number) - (secs[y] as number) || x - y);
      const loSecs = Float64Array.from(loUnits, (u) => secs[u] as number);
      for (const a of hiUnits) {
        const sa = secs[a] as number;
        // Moving a (b = -1), or swapping with b: the pair's new peak is max(top - d, lo + d), d = sa - sb.
        const consider = (b: number, d: number): void => {
          if (d <= 0 || d >= gap) return;
          const peak = Math.max(top - d, (load[lo] as number) + d);
          if (best === null || peak < best.peak - 1e-9) best = { lo, a, b, peak };
        };
        consider(-1, sa);
        // The b that brings d nearest gap/2: sb nearest sa - gap/2.
        const want = sa - gap / 2;
        let l = 0;
        let r = loSecs.length;
        while (l < r) {
          const m = (l + r) >> 1;
          if ((loSecs[m] as number) < want) l = m + 1;
          else r = m;
        }
        for (const j of [l - 1, l]) if (j >= 0 && j < loUnits.length) consider(loUnits[j] as number, sa - (loSecs[j] as number));
      }
    }
    if (best === null) return;
    const { lo, a, b } = best as { lo: number; a: number; b: number };
    const moveUnit = (u: number, from: number, to: number): void => {
      const list = members[from] as number[];
      list.splice(list.indexOf(u), 1);
      (members[to] as number[]).push(u);
      owner[u] = to;
      const s = secs[u] as number;
      load[from] = (load[from] as number) - s;
      load[to] = (load[to] as number) + s;
    };
    moveUnit(a, hi, lo);
    if (b >= 0) moveUnit(b, lo, hi);
  }
}

export function planShards(options: ShardOptions): ShardPlan {
  const k = options.shards;
  if (!Number.isInteger(k) || k < 1) throw usageError(`the shard count must be a whole number of at least 1, not ${k}`);
  const ids = [...options.parallel, ...options.serial];
  const serialFrom = options.parallel.length;
  const notes: string[] = [];

  // Durations: the baseline's, else the median of the test's class in the baseline, else the
  // median of the whole baseline. The medians are computed only when some test needs one.
  const seconds = new Float64Array(ids.length);
  const classOf: string[] = [];
  const missing: number[] = [];
  let usable = false;
  for (const s of options.durations.values())
    if (s > 0) {
      usable = true;
      break;
    }
  for (let i = 0; i < ids.length; i++) {
    const { name, className } = nameAndClass(ids[i] as string);
    classOf.push(className);
    const known = usable ? options.durations.get(name) : undefined;
    if (known !== undefined && known >= 0) seconds[i] = known;
    else missing.push(i);
  }
  let runMedian = 1;
  let byClass = 0;
  let byRun = 0;
  if (!usable) {
    // Nothing to weigh by: every test counts one second, so shards balance by count.
    for (const i of missing) seconds[i] = 1;
    if (ids.length) notes.push('the baseline has no usable durations: every test counts 1 s (balanced by count)');
  } else if (missing.length) {
    const wanted = new Set(missing.map((i) => classOf[i] as string));
    const classSeconds = new Map<string, number[]>();
    const all: number[] = [];
    for (const [name, s] of options.durations) {
      if (!(s >= 0)) continue;
      all.push(s);
      const cls = nameAndClass(name).className;
      if (!wanted.has(cls)) continue;
      let list = classSeconds.get(cls);
      if (!list) classSeconds.set(cls, (list = []));
      list.push(s);
    }
    runMedian = median(all.sort(byNumber));
    const classMedians = new Map<string, number>();
    for (const [cls, list] of classSeconds) classMedians.set(cls, median(list.sort(byNumber)));
    for (const i of missing) {
      const m = classMedians.get(classOf[i] as string);
      if (m !== undefined) {
        seconds[i] = m;
        byClass++;
      } else {
        seconds[i] = runMedian;
        byRun++;
      }
    }
    if (byClass) notes.push(`${byClass} ${byClass === 1 ? 'test has' : 'tests have'} no duration in the baseline: each counts its class's median there`);
    if (byRun)
      notes.push(
        `${byRun} ${byRun === 1 ? 'test has' : 'tests have'} no duration in the baseline nor a class there: each counts the run's median (${runMedian.toFixed(2)} s)`,
      );
  }

  let total = 0;
  for (const s of seconds) total += s;

  // Units: one per parallel class, one for all serial tests.
  const units: Unit[] = [];
  const classIndex = new Map<string, number[]>();
  for (let i = 0; i < serialFrom; i++) {
    const c = classOf[i] as string;
    let list = classIndex.get(c);
    if (!list) classIndex.set(c, (list = []));
    list.push(i);
  }
  const perShard = total / k;
  let splitCount = 0;
  for (const [cls, members] of classIndex) {
    let sum = 0;
    for (const i of members) sum += seconds[i] as number;
    if (options.splitClasses && sum > perShard && members.length > 1) {
      // ceil(sum / (total/K)) parts of about equal seconds, in name order (each part repeats the
      // class's fixtures once, so no more parts than needed); a test goes to the part its midpoint falls in.
      const sorted = [...members].sort((x, y) => byName(ids[x] as string, ids[y] as string));
      const count = Math.min(sorted.length, Math.ceil(sum / perShard));
      const parts: { members: number[]; seconds: number }[] = Array.from({ length: count }, () => ({ members: [], seconds: 0 }));
      let before = 0;
      for (const i of sorted) {
        const s = seconds[i] as number;
        const part = parts[Math.min(count - 1, Math.floor(((before + s / 2) * count) / sum))] as { members: number[]; seconds: number };
        part.members.push(i);
        part.seconds += s;
        before += s;
      }
      parts
        .filter((p) => p.members.length)
        .forEach((p, j) => units.push({ key: `${cls}#${j + 1}`, kind: 'class-part', tests: p.members.length, seconds: p.seconds, members: p.members }));
      splitCount++;
    } else {
      units.push({ key: cls, kind: 'class', tests: members.length, seconds: sum, members });
    }
  }
  if (splitCount) notes.push(`${splitCount} ${splitCount === 1 ? 'class' : 'classes'} longer than total/K split (each part runs the class's fixtures again)`);
  if (ids.length > serialFrom) {
    const members: number[] = [];
    let sum = 0;
    for (let i = serialFrom; i < ids.length; i++) {
      members.push(i);
      sum += seconds[i] as number;
    }
    units.push({ key: 'serial', kind: 'serial', tests: members.length, seconds: sum, members });
  }

  // LPT: longest first (ties by key), each onto the least-loaded shard (ties: lowest index).
  const secs = Float64Array.from(units, (u) => u.seconds);
  const order = Uint32Array.from(units, (_, i) => i).sort(
    (x, y) => (secs[y] as number) - (secs[x] as number) || byName((units[x] as Unit).key, (units[y] as Unit).key),
  );
  const load = new Float64Array(k);
  const owner = new Int32Array(units.length);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (const u of order) {
    let best = 0;
    for (let s = 1; s < k; s++) if ((load[s] as number) < (load[best] as number)) best = s;
    owner[u] = best;
    (members[best] as number[]).push(u);
    load[best] = (load[best] as number) + (secs[u] as number);
  }
  let longest = 0;
  for (const u of units) if (u.seconds > longest) longest = u.seconds;
  const lowerBound = Math.max(perShard, longest);
  // Stop refining within 0.1% of the bound: closer is not worth the planning time.
  refine(secs, owner, load, members, lowerBound * 1.001);

  const shards: Shard[] = [];
  for (let s = 0; s < k; s++)
    shards.push({
      index: s,
      predictedSeconds: 0,
      count: 0,
      parallel: [],
      serial: [],
      units: Array.from(Int32Array.from(members[s] as number[]).sort(), (u) => (units[u] as Unit).key),
    });
  const shardOf = new Int32Array(ids.length);
  for (let u = 0; u < units.length; u++) for (const i of (units[u] as Unit).members) shardOf[i] = owner[u] as number;
  for (let i = 0; i < ids.length; i++) {
    const sh = shards[shardOf[i] as number] as Shard;
    (i < serialFrom ? sh.parallel : sh.serial).push(ids[i] as string);
    sh.predictedSeconds += seconds[i] as number;
    sh.count++;
  }
  let makespan = 0;
  for (const sh of shards) if (sh.predictedSeconds > makespan) makespan = sh.predictedSeconds;
  const hash = createHash('sha256').update(`tempest-gate/shard-plan@1 k=${k} split=${options.splitClasses ? 1 : 0} serialFrom=${serialFrom}\n`);
  hash.update(ids.join('\n'));
  hash.update(new Uint8Array(seconds.buffer));
  return {
    planId: hash.digest('hex').slice(0, 16),
    shardCount: k,
    totalSeconds: total,
    lowerBoundSeconds: lowerBound,
    makespanSeconds: makespan,
    overLowerBoundPercent: lowerBound > 0 ? (makespan / lowerBound - 1) * 100 : 0,
    estimated: { classMedian: byClass, runMedian: usable ? byRun : ids.length, runMedianSeconds: runMedian },
    notes,
    units: units.length,
    shards,
  };
}

/** The naive peer: tests sorted by name, cut into K runs of equal count. Predicted seconds per shard. */
export function equalCountMakespan(ids: readonly string[], shards: number, seconds: (id: string) => number): number {
  const sorted = [...ids].sort(byName);
  let worst = 0;
  for (let s = 0; s < shards; s++) {
    const from = Math.floor((s * sorted.length) / shards);
    const to = Math.floor(((s + 1) * sorted.length) / shards);
    let sum = 0;
    for (let i = from; i < to; i++) sum += seconds(sorted[i] as string);
    if (sum > worst) worst = sum;
  }
  return worst;
}

/** The plan as text: the bound, then one line per shard (`index` marks the one this job runs). */
export function renderShardPlanText(plan: ShardPlan, index: number | null = null): string {
  const s = (x: number): string => `${x.toFixed(1)} s`;
  const lines = [
    `shards: ${plan.shardCount} from ${plan.units} units, ${s(plan.totalSeconds)} in all; makespan ${s(plan.makespanSeconds)}, lower bound ${s(plan.lowerBoundSeconds)} (+${plan.overLowerBoundPercent.toFixed(1)}%)`,
  ];
  for (const sh of plan.shards)
    lines.push(
      `  ${sh.index === index ? '>' : ' '} shard ${sh.index}: ${sh.count} tests (${sh.parallel.length} parallel + ${sh.serial.length} serial), ${s(sh.predictedSeconds)}`,
    );
  for (const n of plan.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}
