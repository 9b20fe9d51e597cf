// stestr's test selection (stestr/selection.py `construct_list`), exactly: a test is selected when
// any filter (the `--regex` values, then every include-list line) finds a match with Python's
// `re.search`, or when there is no filter at all; then every exclude-list line and
// `--exclude-regex` removes the tests it finds. List files: one regex per line, text from the
// first `#` on is a comment, surrounding whitespace is stripped, blank lines are skipped.
//
// Speed comes from pyregex.ts (anchoring and literal prefilters), never from changing which tests
// match: the oracle test runs stestr's own code on the same input.
import { UserError, type Place } from '../errors.ts';
import { compilePythonSearch, PyRegexBudgetError, PyRegexError, type PySearch } from './pyregex.ts';

/** A list file's text and the name errors and explanations use for it. */
export interface ListFile {
  name: string;
  text: string;
}

/** One compiled filter and where it came from (for errors and --explain). */
export interface Filter {
  pattern: string;
  /** e.g. `--regex`, `--exclude-regex`, `tools/x.txt:12`. */
  origin: string;
  search: (subject: string) => boolean;
  unicodeSensitive: boolean;
}

// Python's str.strip() whitespace (str.isspace()).
const PY_SPACE =
  /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const pyStrip = (s: string): string => s.replace(PY_SPACE, '');

// Include lists are read with str.splitlines(), exclude lists by iterating a text-mode file
// (universal newlines); the two split on different characters, so we keep both.
const SPLITLINES = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
const UNIVERSAL_NEWLINES = /\r\n|\r|\n/;

export interface ListEntry {
  pattern: string;
  line: number;
  column: number;
}

/**
 * The test ids of a test list: one id per line, as `stestr list` prints them, or an include list as
 * `select --write-lists` writes it (one `^escaped-id$` line per test). Blank lines and `#` comments
 * are skipped; the one reader of both (a cached list, a workspace's listing, compare --selected).
 */
export function testIdsOf(text: string): string[] {
  const ids: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    // An anchored line's inside is trimmed too: `^$` is no id, and `^id  $` is `id`.
    const id = line.startsWith('^') && line.endsWith('$') ? line.slice(1, -1).replace(/\\(.)/g, '$1').trim() : line;
    if (id !== '') ids.push(id);
  }
  return ids;
}

/** The regex lines of a list file, as stestr reads them. */
export function readListFile(file: ListFile, kind: 'include' | 'exclude'): ListEntry[] {
  const entries: ListEntry[] = [];
  const lines = file.text.split(kind === 'include' ? SPLITLINES : UNIVERSAL_NEWLINES);
  lines.forEach((raw, i) => {
    const before = raw.split('#')[0] ?? '';
    const pattern = pyStrip(before);
    if (!pattern) return;
    const column = before.indexOf(pattern) + 1;
    entries.push({ pattern, line: i + 1, column });
  });
  return entries;
}

// A (?x) pattern or an odd id may hold line breaks; the error stays one line.
const oneLine = (s: string): string => s.replace(/[\r\n]/g, (c) => (c === '\n' ? '\\n' : '\\r'));

/** Compile one Python regex; an invalid one is a UserError at `place` (column moved to the offending character). */
export function compileFilter(pattern: string, origin: string, place: Place): Filter {
  let compiled: PySearch;
  try {
    compiled = compilePythonSearch(pattern);
  } catch (err) {
    if (err instanceof PyRegexError) {
      const at: Place = place.column !== undefined ? { ...place, column: place.column + err.offset } : place;
      throw new UserError(`${origin}: invalid regex '${pattern}': ${err.message}`, { place: at });
    }
    throw err;
  }
  const search = compiled.search;
  // A pattern RE2 cannot run that backtracks past the budget on one id stops the whole selection:
  // guessing an answer would select the wrong tests.
  const bounded = (subject: string): boolean => {
    try {
      return search(subject);
    } catch (err) {
      if (err instanceof PyRegexBudgetError) {
        throw new UserError(
          `${origin}: regex '${oneLine(pattern)}' took ${err.why} on test id '${oneLine(err.subject)}' (patterns with backreferences or lookarounds run on a bounded backtracking engine); simplify the pattern`,
          { place },
        );
      }
      throw err;
    }
  };
  return { pattern, origin, search: bounded, unicodeSensitive: compiled.translated.unicodeSensitive };
}

export function compileListFile(file: ListFile, kind: 'include' | 'exclude'): Filter[] {
  return readListFile(file, kind).map((e) =>
    compileFilter(e.pattern, `${kind}-list ${file.name}:${e.line}`, { file: file.name, line: e.line, column: e.column }),
  );
}

export interface StestrFilters {
  /** `--regex` values (tempest run passes one); an empty string is no filter at all. */
  regexes: Filter[];
  includeList: Filter[];
  excludeList: Filter[];
  excludeRegex: Filter | undefined;
}

export interface StestrSelection {
  /** Indexes into the input ids, in input order. */
  selected: number[];
  /** For each selected test (parallel to `selected`): the filter that chose it, or null when there was no filter. */
  chosenBy: (Filter | null)[];
  /** How many otherwise-selected tests each exclusion removed (in stestr's order, an overlapping exclusion counts only where it removed first). */
  excluded: { filter: Filter; count: number }[];
}

const NON_ASCII = /[^\x00-\x7f]/;
const nonAsciiSeen = new WeakMap<readonly string[], string | null>();

/** The first id with a non-ASCII character, or undefined; scanned once per id list. */
function firstNonAscii(ids: readonly string[]): string | undefined {
  let v = nonAsciiSeen.get(ids);
  if (v === undefined) {
    v = ids.find((id) => NON_ASCII.test(id)) ?? null;
    nonAsciiSeen.set(ids, v);
  }
  return v ?? undefined;
}

/**
 * Results of a pattern over the id list, shared between steps (the five integrated-gate envs use
 * the same two regexes and overlapping exclude lists): per id 0 = not yet asked, 1 = no, 2 = yes.
 */
export type SearchMemo = Map<string, Uint8Array>;

function memoized(f: Filter, ids: readonly string[], memo: SearchMemo | undefined): (i: number) => boolean {
  if (!memo) return (i) => f.search(ids[i] as string);
  let seen = memo.get(f.pattern);
  if (!seen) {
    seen = new Uint8Array(ids.length);
    memo.set(f.pattern, seen);
  }
  const cache = seen;
  return (i) => {
    const v = cache[i];
    if (v) return v === 2;
    const hit = f.search(ids[i] as string);
    cache[i] = hit ? 2 : 1;
    return hit;
  };
}

export function constructList(ids: readonly string[], filters: StestrFilters, memo?: SearchMemo): StestrSelection {
  const include = [...filters.regexes, ...filters.includeList];
  const exclude = [...filters.excludeList, ...(filters.excludeRegex ? [filters.excludeRegex] : [])];
  const sensitive = [...include, ...exclude].find((f) => f.unicodeSensitive);
  if (sensitive) {
    const odd = firstNonAscii(ids);
    if (odd !== undefined) {
      throw new UserError(
        `${sensitive.origin}: regex '${sensitive.pattern}' uses \\w, \\b, \\d or IGNORECASE, whose Python meaning on non-ASCII text (test id '${odd}') JavaScript cannot reproduce exactly; add (?a) to the pattern`,
      );
    }
  }
  const selected: number[] = [];
  const chosenBy: (Filter | null)[] = [];
  const counts = new Array<number>(exclude.length).fill(0);
  const nInclude = include.length;
  const nExclude = exclude.length;
  const includeTest = include.map((f) => memoized(f, ids, memo));
  const excludeTest = exclude.map((f) => memoized(f, ids, memo));
  for (let i = 0; i < ids.length; i++) {
    let by: Filter | null = null;
    if (nInclude > 0) {
      for (let k = 0; k < nInclude; k++) {
        if ((includeTest[k] as (i: number) => boolean)(i)) {
          by = include[k] as Filter;
          break;
        }
      }
      if (by === null) continue;
    }
    let removed = false;
    for (let k = 0; k < nExclude; k++) {
      if ((excludeTest[k] as (i: number) => boolean)(i)) {
        counts[k] = (counts[k] ?? 0) + 1;
        removed = true;
        break;
      }
    }
    if (removed) continue;
    selected.push(i);
    chosenBy.push(by);
  }
  return { selected, chosenBy, excluded: exclude.map((filter, k) => ({ filter, count: counts[k] ?? 0 })) };
}
