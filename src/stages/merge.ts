// The merge stage: the directories the shards' jobs left (an Action artifact, a Zuul job's
// artifacts, `tempest-gate run`'s output folder), each with the shard manifest that `select
// --shard-index` wrote, read and merged into one run (core/select/shard-merge.ts). The caller
// judges the merged run once, with the merge's line about shards that brought nothing back.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { mergeShards, parseShardManifest, SHARD_MANIFEST_FILE, type MergedShards, type ShardPart } from '../core/select/shard-merge.ts';
import { readText, writeOutput } from '../edges/files.ts';
import { damageLine, loadRuns } from './results.ts';

export interface MergeStageOptions {
  /** Shard directories, or directories of them (one level down). */
  dirs: readonly string[];
  /** K as this job knows it; null: the manifests'. */
  shardCount: number | null;
  /** Why a shard with no directory at all left nothing (the Action: no artifact). */
  absentReason?: string;
  /** Write the merged results JSON there. */
  out?: string | null;
  log: (line: string) => void;
}

export interface MergeOutcome {
  merged: MergedShards;
  /** One line per damaged shard result file. */
  damage: string[];
}

/** Results in a shard's directory, most faithful first. */
const RESULT_FILES = ['results.json', 'results.subunit', 'tempest.subunit', 'testrepository.subunit'];

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Why a shard left no results, from what its job wrote: the Action's report.json, the run verb's run.json. */
async function reasonIn(dir: string): Promise<string | null> {
  for (const [file, key] of [
    ['report.json', 'headline'],
    ['run.json', 'reason'],
  ] as const) {
    const path = join(dir, file);
    if (!(await isFile(path))) continue;
    try {
      const v = (JSON.parse(await readText(path)) as Record<string, unknown>)[key];
      if (typeof v === 'string' && v !== '') return v.slice(0, 500);
    } catch {
      // An unreadable note is no reason: the merge says the shard has no results, as it would without it.
    }
  }
  return null;
}

async function shardDirs(dir: string): Promise<string[]> {
  if (await isFile(join(dir, SHARD_MANIFEST_FILE))) return [dir];
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (err) {
    throw new UserError(`cannot read the shard directory (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { place: { file: dir } });
  }
  const found: string[] = [];
  for (const name of entries.sort()) if (await isFile(join(dir, name, SHARD_MANIFEST_FILE))) found.push(join(dir, name));
  return found;
}

export async function readShardParts(dirs: readonly string[]): Promise<{ parts: ShardPart[]; damage: string[]; empty: string[] }> {
  const parts: ShardPart[] = [];
  const damage: string[] = [];
  const empty: string[] = [];
  for (const given of dirs) {
    const found = await shardDirs(given);
    if (!found.length) empty.push(given);
    for (const dir of found) {
      const file = join(dir, SHARD_MANIFEST_FILE);
      const manifest = parseShardManifest(await readText(file), file);
      let resultsFile: string | null = null;
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

export async function mergeStage(o: MergeStageOptions): Promise<MergeOutcome> {
  const { parts, damage, empty } = await readShardParts(o.dirs);
  for (const e of empty) o.log(`merge: no ${SHARD_MANIFEST_FILE} in ${e} nor in its folders: not a shard's output, left out`);
  if (!parts.length)
    throw new UserError(
      `no shard to merge: none of ${o.dirs.join(', ')} holds a ${SHARD_MANIFEST_FILE} (written by select --shards K --shard-index I --write-lists DIR)`,
    );
  const merged = mergeShards(parts, { shardCount: o.shardCount, ...(o.absentReason ? { absentReason: o.absentReason } : {}) });
  if (o.out) await writeOutput(o.out, `${JSON.stringify(merged.results)}\n`);
  return { merged, damage };
}
