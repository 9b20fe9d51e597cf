import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  makeRunResults
} from "./chunk-AOIPOV6R.js";
import {
  EXIT,
  UserError
} from "./chunk-MY7TWMR2.js";

// src/core/select/shard-merge.ts
var SHARD_SCHEMA = "tempest-gate/shard@1";
var SHARD_MANIFEST_FILE = "shard.json";
function shardManifest(plan, index) {
  const own = plan.shards[index];
  if (!own) throw new UserError(`the shard index must be below the shard count (0..${plan.shardCount - 1}), not ${index}`, { exitCode: EXIT.usage });
  return {
    schema: SHARD_SCHEMA,
    planId: plan.planId,
    shardCount: plan.shardCount,
    shardIndex: index,
    tests: [...own.parallel, ...own.serial],
    plan: plan.shards.map((s) => ({ index: s.index, count: s.count, predictedSeconds: Math.round(s.predictedSeconds * 1e3) / 1e3, units: s.units }))
  };
}
var isWhole = (v, min) => typeof v === "number" && Number.isInteger(v) && v >= min;
function parseShardManifest(text, file) {
  const bad = (what) => new UserError(what, { place: { file } });
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw bad(`not valid JSON (${err.message.split("\n")[0]})`);
  }
  const m = raw;
  if (!m || typeof m !== "object" || m.schema !== SHARD_SCHEMA) throw bad(`not a shard manifest (expected "schema": "${SHARD_SCHEMA}")`);
  if (typeof m.planId !== "string" || !/^[0-9a-f]{8,64}$/.test(m.planId)) throw bad('"planId" must be a hex string');
  if (!isWhole(m.shardCount, 1)) throw bad('"shardCount" must be a whole number of at least 1');
  if (!isWhole(m.shardIndex, 0)) throw bad('"shardIndex" must be a whole number of at least 0');
  if (m.shardIndex >= m.shardCount) throw bad(`shard index ${m.shardIndex} is not below the shard count ${m.shardCount} (0..${m.shardCount - 1})`);
  if (!Array.isArray(m.tests) || !m.tests.every((t) => typeof t === "string")) throw bad('"tests" must be a list of test ids');
  if (!Array.isArray(m.plan) || m.plan.length !== m.shardCount) throw bad(`"plan" must list the ${m.shardCount} shards`);
  const plan = m.plan.map((s, i) => {
    const x = s;
    if (!x || x.index !== i || !isWhole(x.count, 0) || typeof x.predictedSeconds !== "number" || !Array.isArray(x.units) || !x.units.every((u) => typeof u === "string"))
      throw bad(`"plan"[${i}] must be { index: ${i}, count, predictedSeconds, units }`);
    return { index: i, count: x.count, predictedSeconds: x.predictedSeconds, units: x.units };
  });
  if (plan[m.shardIndex].count !== m.tests.length)
    throw bad(`"tests" holds ${m.tests.length} tests, but the plan gives shard ${m.shardIndex} ${plan[m.shardIndex].count}`);
  return { schema: SHARD_SCHEMA, planId: m.planId, shardCount: m.shardCount, shardIndex: m.shardIndex, tests: m.tests, plan };
}
var ABSENT = "no results were found for it (its job failed or was cancelled before it uploaded them)";
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function mergeShards(parts, options = {}) {
  const first = parts[0];
  if (!first) throw new UserError("no shard results to merge (no part has a shard manifest)", { exitCode: EXIT.badInput });
  const k = first.manifest.shardCount;
  for (const p of parts) {
    const m = p.manifest;
    if (m.planId !== first.manifest.planId || m.shardCount !== k)
      throw new UserError(
        `shards planned from different selections or baselines: ${first.source} has plan ${first.manifest.planId} (${first.manifest.shardCount} shards), ${p.source} has plan ${m.planId} (${m.shardCount} shards)`,
        { exitCode: EXIT.badInput }
      );
  }
  if (options.shardCount != null && options.shardCount !== k)
    throw new UserError(`the shards were planned for ${k} shards, not the ${options.shardCount} asked for (${first.source})`, { exitCode: EXIT.badInput });
  const byIndex = new Array(k);
  for (const p of parts) {
    const i = p.manifest.shardIndex;
    const prev = byIndex[i];
    if (prev) throw new UserError(`shard ${i} appears twice: ${prev.source} and ${p.source}`, { exitCode: EXIT.badInput });
    byIndex[i] = p;
  }
  const tests = [];
  const damage = [];
  const seen = /* @__PURE__ */ new Map();
  const shards = [];
  const selected = [];
  let notRun = 0;
  const lines = [];
  let format = null;
  for (let i = 0; i < k; i++) {
    const p = byIndex[i];
    const plan = first.manifest.plan[i];
    if (p) for (const id of p.manifest.tests) selected.push(id);
    if (!p?.results && plan.count === 0) {
      shards.push({ index: i, source: p?.source ?? null, held: 0, records: 0, missing: null, units: [] });
      continue;
    }
    if (!p?.results) {
      const why = p ? p.reason ?? "its artifact holds no results" : options.absentReason ?? ABSENT;
      shards.push({ index: i, source: p?.source ?? null, held: plan.count, records: null, missing: why, units: plan.units });
      notRun += plan.count;
      const units = plan.units.filter((u) => u !== "serial").length;
      lines.push(
        `shard ${i} of ${k} brought back no results (${plural(plan.count, "test")} not run${units ? ` in ${plural(units, "class", "classes")}` : ""}${plan.units.includes("serial") ? ", the serial ones among them" : ""}): ${why}`
      );
      continue;
    }
    format ??= p.results.format;
    for (const t of p.results.tests) {
      const prev = seen.get(t.id);
      if (prev !== void 0 && prev !== i)
        throw new UserError(`test ${t.id} is in the results of shard ${prev} (${byIndex[prev]?.source}) and of shard ${i} (${p.source})`, {
          exitCode: EXIT.badInput
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
    results: makeRunResults(format ?? "subunit-v2", tests, damage),
    shards,
    notRun,
    selected,
    infrastructure: lines.length ? lines.join("; ") : null
  };
}
function renderMergeText(m) {
  const out = [
    `merged ${m.shardCount} shards of plan ${m.planId}: ${plural(m.results.tests.length, "test record")}${m.notRun ? `, ${m.notRun} tests not run` : ""}`
  ];
  for (const s of m.shards)
    out.push(
      s.missing === null ? `  shard ${s.index}: ${s.records} records (${s.held} tests held) from ${s.source}` : `  shard ${s.index}: NO RESULTS (${s.held} tests held${s.units.length ? `: ${s.units.slice(0, 5).join(", ")}${s.units.length > 5 ? `, ... ${s.units.length - 5} more` : ""}` : ""}): ${s.missing}`
    );
  return `${out.join("\n")}
`;
}

export {
  SHARD_SCHEMA,
  SHARD_MANIFEST_FILE,
  shardManifest,
  parseShardManifest,
  mergeShards,
  renderMergeText
};
