// Loading what a run is judged against, for every entry point: the baseline (a file, a results
// file, git:BRANCH:NAME, artifact:BRANCH, or a name in a store), known failures and Interop
// guidelines. Each input error names the file and place; damage in a baseline made from a result
// stream is returned as a line, never hidden.
import {
  appendHistory,
  baselineFromText,
  baselineOfHistory,
  encodeCompact,
  historyOfBaseline,
  lastRuns,
  readKnownFailures,
  type Baseline,
  type BaselineHistory,
  type KnownFailures,
} from '../core/compare/index.ts';
import { parseGuideline, type Guideline } from '../core/interop/index.ts';
import {
  BaselineNotFound,
  DEFAULT_STORE,
  checkName,
  loadBaselineRef,
  loadStoredBaseline,
  openStore,
  pushStore,
  type GitHubAccess,
  type StoredRef,
} from '../edges/baseline-store.ts';
import { EXIT, UserError, usageError } from '../core/errors.ts';
import { dataFile } from '../edges/data-dir.ts';
import { readText, writeOutput } from '../edges/files.ts';
import { collectGarbage } from '../edges/memory.ts';
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
  /** Judge by the newest N runs of a stored history only (null or absent: every run it keeps). */
  history?: number | null | undefined;
}

export interface LoadedBaseline {
  baseline: Baseline;
  /** Where it came from, for people. */
  source: string;
  /** One line when it was made from a damaged result file. */
  damage: string[];
  /** The runs it was made from, when it was stored with its history (newest N with `history`). */
  history?: BaselineHistory | null;
  /** How many runs the store keeps for it (promote --keep), when it says. */
  keep?: number | null;
}

function historyOf(loaded: StoredRef, last: number | null | undefined): Pick<LoadedBaseline, 'history' | 'keep'> {
  if (loaded.compact === null) return { history: null, keep: null };
  return { history: lastRuns(loaded.compact.history, last ?? null), keep: loaded.compact.keep };
}

/** From how many tests a loaded baseline is big enough to collect the load's garbage at once (~0.2 s at 1,000,000). */
export const BIG_BASELINE = 200_000;

export async function loadBaseline(options: BaselineOptions): Promise<LoadedBaseline> {
  const loaded = await loadBaselineRef(options.ref, {
    store: options.store ?? DEFAULT_STORE,
    repo: options.repo,
    created: options.created,
    github: options.github,
    git: { remote: options.remote, log: options.log },
    stdin: options.stdin,
    history: options.history,
  });
  const line = loaded.results ? damageLine(loaded.source, loaded.results) : null;
  return { baseline: loaded.baseline, source: loaded.source, damage: line ? [line] : [], ...historyOf(loaded, options.history) };
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
      const loaded = await loadStoredBaseline(store, name, { created: options.created, history: options.history });
      const line = loaded.results ? damageLine(loaded.source, loaded.results) : null;
      const warning = missing.length
        ? `no baseline ${quoted(candidates.slice(0, missing.length))} in ${spec} (${missing[missing.length - 1]?.detail}): compared with '${name}' instead`
        : null;
      return {
        loaded: { baseline: loaded.baseline, source: loaded.source, damage: line ? [line] : [], ...historyOf(loaded, options.history) },
        used: name,
        warning,
      };
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

/**
 * A baseline loaded to judge by: the aggregate only. Its stored history (the runs it was made
 * from) is let go here, not held beside the run for the whole compare (70 MB at 1,000,000 tests).
 */
async function baselineToJudgeBy(options: BaselineOptions, problems: string[]): Promise<LoadedBaseline | null> {
  const loaded = await orProblem(() => loadBaseline(options), problems);
  return loaded ? { ...loaded, history: null } : null;
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
  const baseline = baselineOptions ? await baselineToJudgeBy(baselineOptions, problems) : null;
  // What the load of a big baseline left behind (its parsed document, its history) goes now, before the run is read beside it (edges/memory.ts).
  if ((baseline?.baseline.tests.length ?? 0) >= BIG_BASELINE) collectGarbage();
  return { baseline, knownFailures, guidelines, problems };
}

/** How many runs a branch's history keeps when neither promote --keep nor the stored history says. */
export const DEFAULT_KEEP = 30;

export interface PromoteOptions {
  /** The branch or release the baseline is for (master, stable/2025.2). */
  name: string;
  store?: string | undefined;
  repo: string;
  github?: GitHubAccess | undefined;
  remote?: string | undefined;
  log?: ((line: string) => void) | undefined;
  /** What to add to the history, oldest first: stored baselines' histories, then this run. */
  added: BaselineHistory[];
  /** Keep the newest N runs (default: what the stored history kept, else DEFAULT_KEEP). */
  keep?: number | null | undefined;
  /** ISO 8601, the caller's clock. */
  created: string;
  message?: string | undefined;
  /** Write the new document here instead of into the store: an artifact store's next artifact. */
  output?: string | undefined;
  /** Push a git store's branch to this remote afterwards. */
  push?: string | undefined;
}

export interface Promoted {
  /** Where it went: the git commit, the directory file, or the output file. */
  written: string;
  store: string;
  /** The baseline the new history stands for (what compare will judge by). */
  baseline: Baseline;
  history: BaselineHistory;
  keep: number;
  /** Runs the stored history had before, and runs it let go (older than the newest `keep`). */
  previous: number;
  dropped: number;
}

/**
 * Promote: the stored baseline's history (a baseline stored without one counts as one run), plus
 * the added runs, cut to the newest `keep`, written back in the compact encoding (compact.ts).
 * A store that has no baseline NAME yet starts its history here.
 */
export async function promoteBaseline(options: PromoteOptions): Promise<Promoted> {
  const name = checkName(options.name);
  const spec = options.store ?? DEFAULT_STORE;
  if (options.push !== undefined && !spec.startsWith('git:')) throw usageError('--push works with git stores only');
  if (options.added.length === 0) throw usageError('nothing to promote');
  const store = openStore(spec, options.repo, options.github, { remote: options.remote, log: options.log });
  let previous: BaselineHistory | null = null;
  let storedKeep: number | null = null;
  try {
    const found = await store.read(name);
    const { baseline, compact } = baselineFromText(found.text, found.source, { created: options.created });
    previous = compact ? compact.history : historyOfBaseline(baseline);
    storedKeep = compact?.keep ?? null;
  } catch (err) {
    if (!(err instanceof BaselineNotFound)) throw err;
    options.log?.(`baselines: no baseline '${name}' in ${spec} yet (${err.detail}): its history starts here`);
  }
  const keep = options.keep ?? storedKeep ?? DEFAULT_KEEP;
  const before = previous?.runs.length ?? 0;
  const added = options.added.reduce((n, h) => n + h.runs.length, 0);
  const history = appendHistory(previous, options.added, keep);
  const baseline = baselineOfHistory(history, { created: options.created });
  const text = encodeCompact(history, { created: options.created, keep });
  const commit = baseline.context.commit ? ` at ${baseline.context.commit}` : '';
  const message =
    options.message ??
    `baseline ${name}: ${baseline.tests.length} tests, history of ${history.runs.length} run${history.runs.length === 1 ? '' : 's'}${commit}`;
  let written: string;
  if (options.output !== undefined) {
    await writeOutput(options.output, text);
    written = options.output;
  } else {
    written = await store.write(name, text, message);
  }
  if (options.push !== undefined && options.output === undefined) await pushStore(options.repo, spec.slice(4), options.push);
  return { written, store: store.spec, baseline, history, keep, previous: before, dropped: Math.max(0, before + added - history.runs.length) };
}

/** A loaded baseline's runs as history to promote: its stored history, or itself as one run. */
export function historyToPromote(loaded: LoadedBaseline): BaselineHistory {
  return loaded.history ?? historyOfBaseline(loaded.baseline);
}
