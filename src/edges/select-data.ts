// The select stage's file inputs: the shipped presets (data/presets/), the rules file and the list
// files it names, and the test list (a cached file, or `stestr list` run in a Tempest workspace).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../core/errors.ts';
import type { PresetCatalog } from '../core/select/presets.ts';
import { buildRules, parseRulesText, type Rules } from '../core/select/rules.ts';
import { testIdsOf } from '../core/select/stestr.ts';
import { dataFile } from './data-dir.ts';
import { readText } from './files.ts';

const run = promisify(execFile);

/** data/presets/ (see data-dir.ts). */
export function presetsDir(): string {
  return dataFile('presets');
}

let catalog: PresetCatalog | undefined;

export function loadPresetCatalog(dir = presetsDir()): PresetCatalog {
  if (catalog && dir === presetsDir()) return catalog;
  const json = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const tox = json('tox-envs.json') as { envs: PresetCatalog['toxEnvs'] };
  const services = json('services.json') as { services: PresetCatalog['services'] };
  const map = json('integrated-gate-map.json') as { irrelevant_files: Record<string, string[]> };
  const anchor = (prefix: string): string[] => {
    const key = Object.keys(map.irrelevant_files).find((k) => k.startsWith(prefix));
    return key ? (map.irrelevant_files[key] ?? []) : [];
  };
  const lists: Record<string, string> = {};
  for (const f of readdirSync(join(dir, 'lists'))) lists[f] = readFileSync(join(dir, 'lists', f), 'utf8');
  const loaded: PresetCatalog = {
    toxEnvs: tox.envs,
    lists,
    services: services.services,
    irrelevantFiles: { devstack: anchor('devstack'), tempest: anchor('tempest') },
  };
  if (dir === presetsDir()) catalog = loaded;
  return loaded;
}

/**
 * Read and resolve a rules file. `repoRoot` is the repository the changed paths are relative to
 * (so a change to the rules file itself is recognised); it defaults to the rules file's directory.
 */
export async function loadRules(options: { path: string; repoRoot?: string; catalog: PresetCatalog }): Promise<Rules> {
  const text = await readText(options.path);
  const parsed = parseRulesText(text, options.path);
  const base = dirname(resolve(options.path));
  const lists: Record<string, string> = {};
  for (const ref of parsed.listFiles) {
    const full = isAbsolute(ref.path) ? ref.path : join(base, ref.path);
    try {
      lists[ref.path] = readFileSync(full, 'utf8');
    } catch (err) {
      throw new UserError(`cannot read list file '${ref.path}' (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { place: ref.place, cause: err });
    }
  }
  const root = resolve(options.repoRoot ?? base);
  const repoPath = relative(root, resolve(options.path)).split('\\').join('/');
  const rules = buildRules(parsed, { catalog: options.catalog, lists, repoPath });
  if (rules.testList !== undefined && !isAbsolute(rules.testList)) rules.testList = join(base, rules.testList);
  return rules;
}

/** A cached test list: one id per line, as `stestr list` prints them. */
export async function readTestList(path: string): Promise<string[]> {
  const text = await readText(path);
  return testIdsOf(text);
}

/** `stestr list` in a Tempest workspace (what `tempest run --list-tests` prints, sorted the same way stestr does). */
export async function listTestsInWorkspace(options: { cwd: string; command?: string[] }): Promise<string[]> {
  const [cmd = 'stestr', ...args] = options.command ?? ['stestr', 'list'];
  try {
    const { stdout } = await run(cmd, args, { cwd: options.cwd, maxBuffer: 1 << 28, encoding: 'utf8' });
    return testIdsOf(stdout);
  } catch (err) {
    const e = err as { stderr?: string; message: string; code?: string | number };
    // The first line says what went wrong (stestr's traceback follows it).
    const first = (e.stderr || e.message).trim().split('\n')[0] ?? '';
    throw new UserError(`'${[cmd, ...args].join(' ')}' failed in ${options.cwd}: ${first}`, { cause: err });
  }
}
