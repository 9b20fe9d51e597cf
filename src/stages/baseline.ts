// Loading what a run is judged against, for every entry point: the baseline (a file, a results
// file, git:BRANCH:NAME, artifact:BRANCH, or a name in a store), known failures and Interop
// guidelines. Each input error names the file and place; damage in a baseline made from a result
// stream is returned as a line, never hidden.
import { readKnownFailures, type Baseline, type KnownFailures } from '../core/compare/index.ts';
import { parseGuideline, type Guideline } from '../core/interop/index.ts';
import { BaselineNotFound, DEFAULT_STORE, loadBaselineRef, loadStoredBaseline, openStore, type GitHubAccess } from '../edges/baseline-store.ts';
import { EXIT, UserError, usageError } from '../core/errors.ts';
import { dataFile } from '../edges/data-dir.ts';
import { readText } from '../edges/files.ts';
import { damageLine } from './results.ts';

export interface BaselineOptions {
  /** The reference as the user wrote it (see resolveBaselineRef in edges/baseline-store.ts). */
  ref: string;
  /** Where bare names live (default git:tempest-baselines). */
  store?: string | undefined;
  /** The git repository of git stores, and what relative baseline paths resolve against. */
  repo: string;
  /** When a baseline made from a result file says it was made (ISO 8601; the caller's clock). */
  created: string;
  /** For artifact stores. */
  github?: GitHubAccess | undefined;
  /** The bytes of '-' (standard input), where there is one. */
  stdin?: (() => Promise<Uint8Array>) | undefined;
  /** The remote a git store fetches its branch from when this clone lacks it (default origin). */
  remote?: string | undefined;
  /** Told, one line each, what a git store fetched (the CLI: stderr; the Action: core.info). */
  log?: ((line: string) => void) | undefined;
}

export interface LoadedBaseline {
  baseline: Baseline;
  /** Where it came from, for people. */
  source: string;
  /** One line when it was made from a damaged result file. */
  damage: string[];
}

export async function loadBaseline(options: BaselineOptions): Promise<LoadedBaseline> {
  const loaded = await loadBaselineRef(options.ref, {
    store: options.store ?? DEFAULT_STORE,
    repo: options.repo,
    created: options.created,
    github: options.github,
    git: { remote: options.remote, log: options.log },
    stdin: options.stdin,
  });
  const line = loaded.results ? damageLine(loaded.source, loaded.results) : null;
  return { baseline: loaded.baseline, source: loaded.source, damage: line ? [line] : [] };
}

export interface FallbackOptions extends Omit<BaselineOptions, 'ref' | 'stdin'> {
  /** Stored names to try in order, e.g. the pull request's base branch, then master. */
  candidates: readonly string[];
}

export interface FallbackBaseline {
  /** The first candidate the store has, or null when it has none of them. */
  loaded: LoadedBaseline | null;
  /** Which candidate that was. */
  used: string | null;
  /** One line for the report when the first candidate was not there; null when it was. */
  warning: string | null;
}

/**
 * The first of several stored names the store has: the baseline named after the base branch,
 * else master, else none. Only "not there" moves on to the next name; a store that fails, or a
 * baseline that is there but damaged, is an error as always.
 */
export async function loadBaselineWithFallback(options: FallbackOptions): Promise<FallbackBaseline> {
  const candidates = [...new Set(options.candidates)];
  const spec = options.store ?? DEFAULT_STORE;
  if (candidates.length === 0) return { loaded: null, used: null, warning: 'no baseline name to look up: compared with none, every failure counts' };
  const store = openStore(spec, options.repo, options.github, { remote: options.remote, log: options.log });
  const missing: BaselineNotFound[] = [];
  for (const name of candidates) {
    try {
      const loaded = await loadStoredBaseline(store, name, { created: options.created });
      const line = loaded.results ? damageLine(loaded.source, loaded.results) : null;
      const warning = missing.length
        ? `no baseline ${quoted(candidates.slice(0, missing.length))} in ${spec} (${missing[missing.length - 1]?.detail}): compared with '${name}' instead`
        : null;
      return { loaded: { baseline: loaded.baseline, source: loaded.source, damage: line ? [line] : [] }, used: name, warning };
    } catch (err) {
      if (!(err instanceof BaselineNotFound)) throw err;
      missing.push(err);
    }
  }
  const why = missing.length ? ` (${missing[missing.length - 1]?.detail})` : '';
  return { loaded: null, used: null, warning: `no baseline ${quoted(candidates)} in ${spec}${why}: compared with none, every failure counts` };
}

function quoted(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

export async function loadKnownFailures(file: string | null | undefined): Promise<KnownFailures | null> {
  if (file === null || file === undefined) return null;
  const { known, problems } = readKnownFailures(await readText(file), file);
  if (problems[0] !== undefined) throw problems[0];
  return known;
}

/** The guidelines shipped in data/interop/, by the name `builtin:<id>` takes. */
export const BUILTIN_GUIDELINES = ['2020.06'] as const;

/** A guideline file, or `builtin:2020.06` (the one shipped in data/interop/, with its origin in data/README.md). */
export function guidelinePath(spec: string): string {
  const m = /^builtin:(.+)$/.exec(spec);
  if (!m) return spec;
  const id = m[1] ?? '';
  if (!(BUILTIN_GUIDELINES as readonly string[]).includes(id))
    throw usageError(`no built-in guideline '${id}' (built in: ${BUILTIN_GUIDELINES.map((g) => `builtin:${g}`).join(', ')}; or give a file)`);
  return dataFile('interop', `${id}.json`);
}

export async function loadGuidelines(specs: readonly string[]): Promise<Guideline[]> {
  const out: Guideline[] = [];
  for (const spec of specs) {
    const file = guidelinePath(spec);
    out.push(parseGuideline(await readText(file), spec.startsWith('builtin:') ? spec : file));
  }
  return out;
}

/**
 * Bad input (exit 3) from `load` as a line in `problems` and null; anything else (a usage error,
 * git or the network failing) is thrown as it is. For the verbs whose --help promises that what
 * was good is still written: the caller passes `problems` on as damage, so the verdict is never a pass.
 */
export async function orProblem<T>(load: () => Promise<T>, problems: string[]): Promise<T | null> {
  try {
    return await load();
  } catch (err) {
    if (!(err instanceof UserError) || err.exitCode !== EXIT.badInput) throw err;
    problems.push(err.message);
    return null;
  }
}

export interface ReferenceOptions {
  /** Null or absent: no baseline (every failure counts). */
  baseline?: BaselineOptions | null;
  knownFailures?: string | null | undefined;
  guidelines?: readonly string[];
}

/** What a run is judged against, as far as it could be read. */
export interface Reference {
  baseline: LoadedBaseline | null;
  knownFailures: KnownFailures | null;
  guidelines: Guideline[];
  /**
   * One line per input that could not be read whole (file and place). What was readable is kept:
   * the known-failure entries that parse, the guidelines that parse; an unreadable baseline is
   * none. The caller adds these to the run's damage, so the verdict is never a pass (exit 3).
   */
  problems: string[];
}

/** The baseline, known failures and guidelines for compare and report: what could be read, and problems. */
export async function loadReference(options: ReferenceOptions): Promise<Reference> {
  const problems: string[] = [];
  let knownFailures: KnownFailures | null = null;
  const kf = options.knownFailures;
  if (kf !== null && kf !== undefined) {
    const text = await orProblem(() => readText(kf), problems);
    if (text !== null) {
      const read = readKnownFailures(text, kf);
      knownFailures = read.known;
      problems.push(...read.problems.map((p) => p.message));
    }
  }
  const guidelines: Guideline[] = [];
  for (const spec of options.guidelines ?? []) {
    const [g] = (await orProblem(() => loadGuidelines([spec]), problems)) ?? [];
    if (g) guidelines.push(g);
  }
  const baselineOptions = options.baseline;
  const baseline = baselineOptions ? await orProblem(() => loadBaseline(baselineOptions), problems) : null;
  return { baseline, knownFailures, guidelines, problems };
}
