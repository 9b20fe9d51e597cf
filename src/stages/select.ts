// The select stage: a change's files mapped to the Tempest tests that cover it (Zuul's file
// filters, stestr's selection), with the reason for each, and the include lists `tempest run`
// takes written where asked.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EXIT, UserError, usageError } from '../core/errors.ts';
import { presetRules, toxPresetRules, type Rules } from '../core/select/rules.ts';
import { selectTests, type SelectResult, type TempestInvocation } from '../core/select/select.ts';
import { planShards, shardRun, type ShardPlan } from '../core/select/shard.ts';
import { SHARD_MANIFEST_FILE, shardManifest } from '../core/select/shard-merge.ts';
import { gitChangedFiles, pullRequestChangedFiles, readChangedFileList, type PullFilesClient } from '../edges/change-files.ts';
import { dataFile, SHIPPED_TEST_LIST } from '../edges/data-dir.ts';
import { writeOutput } from '../edges/files.ts';
import { listTestsInWorkspace, loadPresetCatalog, loadRules, readTestList } from '../edges/select-data.ts';
import { readReference } from './run.ts';

export const DEFAULT_RULES_FILE = '.tempest-gate.yaml';

/** Where the change's files come from. */
export type ChangeSource =
  { files: string; stdin: NodeJS.ReadableStream } | { git: string } | { pullRequest: { owner: string; repo: string; number: number }; github: PullFilesClient };

/** Which rules: a file, a preset, or the default (the repository's rules file, else its service's preset). */
export type RulesSource = { file: string } | { preset: string } | { default: { serviceName: string } };

/** Which tests to choose from. */
export type TestSource = { list: string } | { workspace: string; command?: string[] | undefined } | 'rules-or-shipped' | 'rules';

export interface SelectOptions {
  change: ChangeSource;
  /** The repository the paths are relative to (absolute). */
  repo: string;
  rules: RulesSource;
  tests: TestSource;
  explain?: boolean;
  /** Write parallel-include-list.txt and serial-include-list.txt here (with shards: one shard's, or shard-N/ for each). */
  writeLists?: string | null;
  /** Split the selection into `count` shards balanced by the durations in `baseline` (a baseline JSON or a results file, or the durations by test name). */
  shards?: { count: number; index: number | null; baseline: string | ReadonlyMap<string, number>; splitClasses?: boolean } | null;
}

export interface Selection {
  result: SelectResult;
  /** The include list files written, by invocation (absent when not written). */
  lists: { parallel: string | null; serial: string | null };
  /** The shard plan, when asked for. */
  shards: ShardPlan | null;
}

async function writeRun(dir: string, run: TempestInvocation[], lists: Selection['lists']): Promise<void> {
  for (const r of run) {
    const file = join(dir, r.includeListName);
    await writeOutput(file, `${r.includeList.join('\n')}\n`);
    lists[r.serial ? 'serial' : 'parallel'] = file;
  }
}

function rulesFor(source: RulesSource, repo: string): Promise<Rules> | Rules {
  const catalog = loadPresetCatalog();
  if ('preset' in source) {
    const preset = source.preset;
    if (Object.hasOwn(catalog.services, preset)) return presetRules(catalog, preset);
    if (Object.hasOwn(catalog.toxEnvs, preset)) return toxPresetRules(catalog, preset);
    // A wrong value on the command line, like --to xml: a usage error that lists what exists.
    throw usageError(
      `unknown preset '${preset}' (services: ${Object.keys(catalog.services).sort().join(', ')}; tox envs: ${Object.keys(catalog.toxEnvs).sort().join(', ')})`,
    );
  }
  if ('file' in source) return loadRules({ path: source.file, repoRoot: repo, catalog });
  const path = join(repo, DEFAULT_RULES_FILE);
  if (existsSync(path)) return loadRules({ path, repoRoot: repo, catalog });
  // No rules: an OpenStack service repository gets its default preset (nova -> integrated-compute, ...).
  const name = (source.default.serviceName || basename(repo)).toLowerCase();
  if (!Object.hasOwn(catalog.services, name))
    throw usageError(`no ${DEFAULT_RULES_FILE} in ${repo} and '${name}' is not a known service repository: give a rules file or a preset`);
  return presetRules(catalog, name);
}

async function testIdsFor(source: TestSource, rules: Rules): Promise<string[]> {
  if (typeof source === 'object' && 'list' in source) return readTestList(source.list);
  if (typeof source === 'object') return listTestsInWorkspace({ cwd: source.workspace, ...(source.command ? { command: source.command } : {}) });
  if (rules.testList !== undefined) return readTestList(rules.testList);
  if (source === 'rules-or-shipped') return readTestList(dataFile(SHIPPED_TEST_LIST));
  throw usageError('no test list: give --test-list FILE or --workspace DIR (or test-list: in the rules)');
}

async function changedFiles(change: ChangeSource, repo: string): Promise<string[]> {
  if ('files' in change) return readChangedFileList(change.files, change.stdin);
  if ('git' in change) return gitChangedFiles({ cwd: repo, range: change.git });
  const pr = change.pullRequest;
  try {
    return await pullRequestChangedFiles(change.github, pr);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`listing the files of ${pr.owner}/${pr.repo}#${pr.number} failed: ${(err as Error).message}`, { exitCode: EXIT.infra, cause: err });
  }
}

export async function selectStage(options: SelectOptions): Promise<Selection> {
  const rules = await rulesFor(options.rules, options.repo);
  const testIds = await testIdsFor(options.tests, rules);
  const files = await changedFiles(options.change, options.repo);
  const result = selectTests({ rules, changedFiles: files, testIds, explain: options.explain ?? false });
  const lists: Selection['lists'] = { parallel: null, serial: null };
  const sh = options.shards ?? null;
  if (sh && sh.index !== null && (sh.index < 0 || sh.index >= sh.count))
    throw usageError(`the shard index must be below the shard count (0..${sh.count - 1}), not ${sh.index}`);
  const plan = sh
    ? planShards({
        parallel: result.parallel,
        serial: result.serial,
        shards: sh.count,
        durations: typeof sh.baseline === 'string' ? (await readReference(sh.baseline)).durations : sh.baseline,
        splitClasses: sh.splitClasses ?? false,
      })
    : null;
  if (options.writeLists) {
    const dir = options.writeLists;
    // Each shard's folder also gets its manifest (shard.json): the merge checks the shards against it.
    const manifest = async (d: string, index: number): Promise<void> =>
      writeOutput(join(d, SHARD_MANIFEST_FILE), `${JSON.stringify(shardManifest(plan as ShardPlan, index))}\n`);
    if (!plan) await writeRun(dir, result.run, lists);
    else if (sh?.index !== null && sh?.index !== undefined) {
      await writeRun(dir, shardRun(plan.shards[sh.index] ?? { parallel: [], serial: [] }), lists);
      await manifest(dir, sh.index);
    } else
      for (const shard of plan.shards) {
        await writeRun(join(dir, `shard-${shard.index}`), shardRun(shard), { parallel: null, serial: null });
        await manifest(join(dir, `shard-${shard.index}`), shard.index);
      }
  }
  return { result, lists, shards: plan };
}
