import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  damageLine,
  loadRuns
} from "./chunk-ISIXVUSD.js";
import {
  readText,
  writeOutput
} from "./chunk-P2FODZ67.js";
import {
  SHARD_MANIFEST_FILE,
  mergeShards,
  parseShardManifest
} from "./chunk-DWO264YH.js";
import {
  UserError
} from "./chunk-MY7TWMR2.js";

// src/stages/merge.ts
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
var RESULT_FILES = ["results.json", "results.subunit", "tempest.subunit", "testrepository.subunit"];
async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
async function reasonIn(dir) {
  for (const [file, key] of [
    ["report.json", "headline"],
    ["run.json", "reason"]
  ]) {
    const path = join(dir, file);
    if (!await isFile(path)) continue;
    try {
      const v = JSON.parse(await readText(path))[key];
      if (typeof v === "string" && v !== "") return v.slice(0, 500);
    } catch {
    }
  }
  return null;
}
async function shardDirs(dir) {
  if (await isFile(join(dir, SHARD_MANIFEST_FILE))) return [dir];
  let entries;
  try {
    entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (err) {
    throw new UserError(`cannot read the shard directory (${err.code ?? err.message})`, { place: { file: dir } });
  }
  const found = [];
  for (const name of entries.sort()) if (await isFile(join(dir, name, SHARD_MANIFEST_FILE))) found.push(join(dir, name));
  return found;
}
async function readShardParts(dirs) {
  const parts = [];
  const damage = [];
  const empty = [];
  for (const given of dirs) {
    const found = await shardDirs(given);
    if (!found.length) empty.push(given);
    for (const dir of found) {
      const file = join(dir, SHARD_MANIFEST_FILE);
      const manifest = parseShardManifest(await readText(file), file);
      let resultsFile = null;
      for (const name of RESULT_FILES)
        if (await isFile(join(dir, name))) {
          resultsFile = join(dir, name);
          break;
        }
      if (resultsFile === null) {
        parts.push({ source: dir, manifest, results: null, reason: await reasonIn(dir) });
        continue;
      }
      const { runs } = await loadRuns([resultsFile], process.stdin);
      const results = runs[0] ?? null;
      const line = results ? damageLine(resultsFile, results) : null;
      if (line) damage.push(line);
      parts.push({ source: dir, manifest, results, reason: null });
    }
  }
  return { parts, damage, empty };
}
async function mergeStage(o) {
  const { parts, damage, empty } = await readShardParts(o.dirs);
  for (const e of empty) o.log(`merge: no ${SHARD_MANIFEST_FILE} in ${e} nor in its folders: not a shard's output, left out`);
  if (!parts.length)
    throw new UserError(
      `no shard to merge: none of ${o.dirs.join(", ")} holds a ${SHARD_MANIFEST_FILE} (written by select --shards K --shard-index I --write-lists DIR)`
    );
  const merged = mergeShards(parts, { shardCount: o.shardCount, ...o.absentReason ? { absentReason: o.absentReason } : {} });
  if (o.out) await writeOutput(o.out, `${JSON.stringify(merged.results)}
`);
  return { merged, damage };
}

export {
  readShardParts,
  mergeStage
};
