// Shards back into one run: each shard's job leaves a manifest (which plan, which shard, what it
// held) next to its results; mergeShards() checks that the parts belong to one plan and joins
// their results, every test once. A shard that left no results is not a pass of its tests: it is
// listed with what it held and why, and the merge gives the one line the gate weighs as an
// infrastructure failure (gateVerdict). Pure: manifests and results in, the merged run out.
import { EXIT, UserError } from '../errors.ts';
import { makeRunResults, type RunResults, type TestRecord } from '../results/model.ts';
import type { ShardPlan } from './shard.ts';

export const SHARD_SCHEMA = 'tempest-gate/shard@1';

/** The file a shard's job writes beside its results (select --write-lists with --shard-index, the Action's artifact). */
export const SHARD_MANIFEST_FILE = 'shard.json';

export interface ShardSummary {
  index: number;
  /** Tests the shard holds. */
  count: number;
  predictedSeconds: number;
  /** Its classes (and `serial`), as the plan's units. */
  units: string[];
}

export interface ShardManifest {
  schema: typeof SHARD_SCHEMA;
  /** The plan's id (ShardPlan.planId): the same selection, baseline durations and K. */
  planId: string;
  shardCount: number;
  shardIndex: number;
  /** This shard's tests, parallel then serial, as selected. */
  tests: string[];
  /** Every shard of the plan, so the merge can say what a shard that left nothing held. */
  plan: ShardSummary[];
}

export function shardManifest(plan: ShardPlan, index: number): ShardManifest {
  const own = plan.shards[index];
  if (!own) throw new UserError(`the shard index must be below the shard count (0..${plan.shardCount - 1}), not ${index}`, { exitCode: EXIT.usage });
  return {
    schema: SHARD_SCHEMA,
    planId: plan.planId,
    shardCount: plan.shardCount,
    shardIndex: index,
    tests: [...own.parallel, ...own.serial],
    plan: plan.shards.map((s) => ({ index: s.index, count: s.count, predictedSeconds: Math.round(s.predictedSeconds * 1000) / 1000, units: s.units })),
  };
}

const isWhole = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** A shard manifest read from `file`, checked field by field (it comes from another job). */
export function parseShardManifest(text: string, file: string): ShardManifest {
  const bad = (what: string): UserError => new UserError(what, { place: { file } });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw bad(`not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  const m = raw as Partial<Record<keyof ShardManifest, unknown>> | null;
  if (!m || typeof m !== 'object' || m.schema !== SHARD_SCHEMA) throw bad(`not a shard manifest (expected "schema": "${SHARD_SCHEMA}")`);
  if (typeof m.planId !== 'string' || !/^[0-9a-f]{8,64}$/.test(m.planId)) throw bad('"planId" must be a hex string');
  if (!isWhole(m.shardCount, 1)) throw bad('"shardCount" must be a whole number of at least 1');
  if (!isWhole(m.shardIndex, 0)) throw bad('"shardIndex" must be a whole number of at least 0');
  if (m.shardIndex >= m.shardCount) throw bad(`shard index ${m.shardIndex} is not below the shard count ${m.shardCount} (0..${m.shardCount - 1})`);
  if (!Array.isArray(m.tests) || !m.tests.every((t) => typeof t === 'string')) throw bad('"tests" must be a list of test ids');
  if (!Array.isArray(m.plan) || m.plan.length !== m.shardCount) throw bad(`"plan" must list the ${m.shardCount} shards`);
  const plan: ShardSummary[] = m.plan.map((s: unknown, i: number) => {
    const x = s as Partial<ShardSummary> | null;
    if (
      !x ||
      x.index !== i ||
      !isWhole(x.count, 0) ||
      typeof x.predictedSeconds !== 'number' ||
      !Array.isArray(x.units) ||
      !x.units.every((u) => typeof u === 'string')
    )
      throw bad(`"plan"[${i}] must be { index: ${i}, count, predictedSeconds, units }`);
    return { index: i, count: x.count, predictedSeconds: x.predictedSeconds, units: x.units };
  });
  if ((plan[m.shardIndex] as ShardSummary).count !== m.tests.length)
    throw bad(`"tests" holds ${m.tests.length} tests, but the plan gives shard ${m.shardIndex} ${(plan[m.shardIndex] as ShardSummary).count}`);
  return { schema: SHARD_SCHEMA, planId: m.planId, shardCount: m.shardCount, shardIndex: m.shardIndex, tests: m.tests, plan };
}

export interface ShardPart {
  /** Where the part came from (a directory, an artifact): named in every error. */
  source: string;
  manifest: ShardManifest;
  /** The shard's results, or null when it produced none. */
  results: RunResults | null;
  /** Why it has none (its own error line), when it said. */
  reason: string | null;
}

export interface MergedShard {
  index: number;
  source: string | null;
  /** Tests the plan gave it. */
  held: number;
  /** Test records it brought back (null: none, the shard is missing). */
  records: number | null;
  /** Why it brought nothing back (null when it did). */
  missing: string | null;
  units: string[];
}

export interface MergedShards {
  planId: string;
  shardCount: number;
  /** Every shard's records once, in shard order. */
  results: RunResults;
  shards: MergedShard[];
  /** Tests held by shards that brought nothing back: not run, never counted as passed. */
  notRun: number;
  /**
   * The tests the shards at hand were planned to run (their manifests' lists, in shard order): the
   * scope the baseline is compared on, so a baseline test the change did not select is not
   * "removed". A shard that left no manifest at all adds none: its tests are in `infrastructure`.
   */
  selected: string[];
  /** For the verdict (gateVerdict's infrastructure failure) when a shard brought nothing back, else null. */
  infrastructure: string | null;
}

export interface MergeOptions {
  /** K as the merging job knows it (its own shard-count); null: the manifests'. */
  shardCount?: number | null;
  /** Why a shard with no part at all left nothing (default: its job uploaded nothing). */
  absentReason?: string;
}

const ABSENT = 'no results were found for it (its job failed or was cancelled before it uploaded them)';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The shards' results as one run. Throws a one-line UserError (exit 3) for parts that do not belong together. */
export function mergeShards(parts: readonly ShardPart[], options: MergeOptions = {}): MergedShards {
  const first = parts[0];
  if (!first) throw new UserError('no shard results to merge (no part has a shard manifest)', { exitCode: EXIT.badInput });
  const k = first.manifest.shardCount;
  for (const p of parts) {
    const m = p.manifest;
    if (m.planId !== first.manifest.planId || m.shardCount !== k)
      throw new UserError(
        `shards planned from different selections or baselines: ${first.source} has plan ${first.manifest.planId} (${first.manifest.shardCount} shards), ${p.source} has plan ${m.planId} (${m.shardCount} shards)`,
        { exitCode: EXIT.badInput },
      );
  }
  if (options.shardCount != null && options.shardCount !== k)
    throw new UserError(`the shards were planned for ${k} shards, not the ${options.shardCount} asked for (${first.source})`, { exitCode: EXIT.badInput });
  const byIndex: (ShardPart | undefined)[] = new Array<ShardPart | undefined>(k);
  for (const p of parts) {
    const i = p.manifest.shardIndex;
    const prev = byIndex[i];
    if (prev) throw new UserError(`shard ${i} appears twice: ${prev.source} and ${p.source}`, { exitCode: EXIT.badInput });
    byIndex[i] = p;
  }
  const tests: TestRecord[] = [];
  const damage: RunResults['damage'] = [];
  const seen = new Map<string, number>();
  const shards: MergedShard[] = [];
  const selected: string[] = [];
  let notRun = 0;
  const lines: string[] = [];
  let format: RunResults['format'] | null = null;
  for (let i = 0; i < k; i++) {
    const p = byIndex[i];
    const plan = first.manifest.plan[i] as ShardSummary;
    if (p) for (const id of p.manifest.tests) selected.push(id);
    if (!p?.results && plan.count === 0) {
      // An empty shard (more shards than units) has nothing to bring back.
      shards.push({ index: i, source: p?.source ?? null, held: 0, records: 0, missing: null, units: [] });
      continue;
    }
    if (!p?.results) {
      const why = p ? (p.reason ?? 'its artifact holds no results') : (options.absentReason ?? ABSENT);
      shards.push({ index: i, source: p?.source ?? null, held: plan.count, records: null, missing: why, units: plan.units });
      notRun += plan.count;
      const units = plan.units.filter((u) => u !== 'serial').length;
      lines.push(
        `shard ${i} of ${k} brought back no results (${plural(plan.count, 'test')} not run${units ? ` in ${plural(units, 'class', 'classes')}` : ''}${plan.units.includes('serial') ? ', the serial ones among them' : ''}): ${why}`,
      );
      continue;
    }
    format ??= p.results.format;
    for (const t of p.results.tests) {
      const prev = seen.get(t.id);
      // Within its shard a test may have several records (stestr's 'exists' announcement, a
      // rerun): only another shard's record of it is a test twice.
      if (prev !== undefined && prev !== i)
        throw new UserError(`test ${t.id} is in the results of shard ${prev} (${byIndex[prev]?.source}) and of shard ${i} (${p.source})`, {
          exitCode: EXIT.badInput,
        });
      seen.set(t.id, i);
      tests.push(t);
    }
    for (const d of p.results.damage) damage.push({ ...d, message: `shard ${i} (${p.source}): ${d.message}` });
    shards.push({ index: i, source: p.source, held: plan.count, records: p.results.tests.length, missing: null, units: plan.units });
  }
  return {
    planId: first.manifest.planId,
    shardCount: k,
    results: makeRunResults(format ?? 'subunit-v2', tests, damage),
    shards,
    notRun,
    selected,
    infrastructure: lines.length ? lines.join('; ') : null,
  };
}

/** The merge in a few lines: one per shard, then the total. */
export function renderMergeText(m: MergedShards): string {
  const out = [
    `merged ${m.shardCount} shards of plan ${m.planId}: ${plural(m.results.tests.length, 'test record')}${m.notRun ? `, ${m.notRun} tests not run` : ''}`,
  ];
  for (const s of m.shards)
    out.push(
      s.missing === null
        ? `  shard ${s.index}: ${s.records} records (${s.held} tests held) from ${s.source}`
        : `  shard ${s.index}: NO RESULTS (${s.held} tests held${s.units.length ? `: ${s.units.slice(0, 5).join(', ')}${s.units.length > 5 ? `, ... ${s.units.length - 5} more` : ''}` : ''}): ${s.missing}`,
    );
  return `${out.join('\n')}\n`;
}
