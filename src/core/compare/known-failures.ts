// Known failures: a YAML list of entries in the spirit of elastic-recheck's queries, each naming a
// bug, an expiry date, and what it matches (test regexes, exact test ids, a traceback signature).
// Regexes are RE2 (re2js): linear time, so a user's pattern cannot hang the gate.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { RE2JS } from 're2js';
import { UserError } from '../errors.ts';
import type { ExpiredEntry, KnownMatch } from './model.ts';

export interface KnownFailure {
  bug: string;
  description: string | null;
  /** `YYYY-MM-DD`: the entry matches up to and including this day (UTC). */
  expires: string;
  /** Any of these matches the test name (unanchored, like stestr's regexes). */
  tests: RE2JS[];
  /** Exact test names (elastic-recheck's `test_ids`). */
  testIds: Set<string>;
  /** Matched against the failure's traceback or reason. */
  signature: RE2JS | null;
  /** `file:line` of the entry. */
  source: string;
}

export interface KnownFailures {
  file: string;
  entries: KnownFailure[];
}

const KEYS = new Set(['bug', 'description', 'expires', 'test', 'tests', 'test_ids', 'signature']);

function fail(message: string, file: string, lc: LineCounter, node: YamlNode | null | undefined): never {
  const offset = node?.range?.[0];
  if (offset === undefined) throw new UserError(message, { place: { file } });
  const { line, col } = lc.linePos(offset);
  throw new UserError(message, { place: { file, line, column: col } });
}

function compile(pattern: string, file: string, lc: LineCounter, node: YamlNode): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (err) {
    fail(`bad regular expression '${pattern}': ${err instanceof Error ? err.message : String(err)}`, file, lc, node);
  }
}

/** Parse a known-failures YAML file. Every error names the file, line and column. */
export function parseKnownFailures(text: string, file: string): KnownFailures {
  const { known, problems } = readKnownFailures(text, file);
  if (problems[0] !== undefined) throw problems[0];
  return known;
}

/**
 * A known-failures file as far as it reads: the entries that parse, and one error per entry that
 * does not (file, line, column). A file that is not YAML, or not a list, has no entries.
 */
export function readKnownFailures(text: string, file: string): { known: KnownFailures; problems: UserError[] } {
  const problems: UserError[] = [];
  const entries: KnownFailure[] = [];
  try {
    for (const item of entryNodes(text, file)) {
      try {
        entries.push(item());
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        problems.push(err);
      }
    }
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    problems.push(err);
  }
  return { known: { file, entries }, problems };
}

/** The file's entries, each as a function that parses it (or throws a UserError naming its place). */
function entryNodes(text: string, file: string): (() => KnownFailure)[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const [offset] = yamlError.pos;
    const { line, col } = lc.linePos(offset);
    throw new UserError(`not valid YAML: ${yamlError.message.split('\n')[0]}`, { place: { file, line, column: col } });
  }
  let root: unknown = doc.contents;
  // Accept a bare list, or a mapping with a `known-failures:` list.
  if (isMap(root)) {
    const inner: unknown = root.get('known-failures', true);
    if (!isSeq(inner)) fail("expected a list of entries, or a mapping with a 'known-failures' list", file, lc, root);
    root = inner;
  }
  if (root === null) return [];
  if (!isSeq(root)) fail('expected a list of known-failure entries', file, lc, root as YamlNode);
  return root.items.map((item) => (): KnownFailure => {
    if (!isMap(item)) fail('each entry must be a mapping with bug, expires and test/test_ids/signature', file, lc, item as YamlNode);
    const where = (key: string): YamlNode | null => {
      const pair = item.items.find((p) => isScalar(p.key) && p.key.value === key);
      return (pair?.value as YamlNode | null | undefined) ?? null;
    };
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (key === 'query')
        fail(
          "'query' is an elastic-recheck Logstash query, which tempest-gate cannot run: use 'signature' (a regex on the traceback) and 'test_ids'",
          file,
          lc,
          pair.key as YamlNode,
        );
      if (!KEYS.has(key)) fail(`unknown key '${key}' (known: ${[...KEYS].join(', ')})`, file, lc, pair.key as YamlNode);
    }
    const str = (key: string, required: boolean): string | null => {
      const node = where(key);
      if (node === null) {
        if (required) fail(`entry has no '${key}'`, file, lc, item);
        return null;
      }
      if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) fail(`'${key}' must be a string`, file, lc, node);
      return String(node.value);
    };
    const list = (key: string): { value: string; node: YamlNode }[] => {
      const node = where(key);
      if (node === null) return [];
      if (isScalar(node)) return [{ value: String(node.value), node }];
      if (!isSeq(node)) fail(`'${key}' must be a string or a list of strings`, file, lc, node);
      return node.items.map((n) => {
        if (!isScalar(n)) fail(`'${key}' must be a list of strings`, file, lc, n as YamlNode);
        return { value: String(n.value), node: n };
      });
    };
    const bug = str('bug', true) ?? '';
    const expires = str('expires', true) ?? '';
    const expiresNode = where('expires');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(`${expires}T00:00:00Z`))) {
      fail(`'expires' must be a date YYYY-MM-DD, not '${expires}'`, file, lc, expiresNode);
    }
    const tests = [...list('test'), ...list('tests')].map((t) => compile(t.value, file, lc, t.node));
    const testIds = new Set(list('test_ids').map((t) => t.value));
    const sigText = str('signature', false);
    const signature = sigText === null ? null : compile(sigText, file, lc, where('signature') ?? item);
    if (tests.length === 0 && testIds.size === 0 && signature === null) {
      fail('entry matches nothing: give test (regex), test_ids or signature', file, lc, item);
    }
    const { line } = lc.linePos(item.range?.[0] ?? 0);
    return { bug, description: str('description', false), expires, tests, testIds, signature, source: `${file}:${line}` };
  });
}

/** True when `today` (YYYY-MM-DD) is after the entry's expiry day. */
export function isExpired(entry: KnownFailure, today: string): boolean {
  return today > entry.expires;
}

/** Does the entry explain this failure? Test criteria OR'ed together, AND'ed with the signature. */
export function entryMatches(entry: KnownFailure, name: string, detail: string | null): boolean {
  const byTest = entry.tests.length === 0 && entry.testIds.size === 0 ? true : entry.testIds.has(name) || entry.tests.some((r) => r.matcher(name).find());
  if (!byTest) return false;
  if (entry.signature === null) return true;
  return detail !== null && entry.signature.matcher(detail).find();
}

/** The matcher the diff uses: live entries explain failures; expired ones only collect what they would have matched. */
export class KnownFailureMatcher {
  private readonly live: KnownFailure[];
  private readonly expired: { entry: KnownFailure; wouldMatch: string[] }[];

  constructor(known: KnownFailures | null, today: string) {
    const entries = known?.entries ?? [];
    this.live = entries.filter((e) => !isExpired(e, today));
    this.expired = entries.filter((e) => isExpired(e, today)).map((entry) => ({ entry, wouldMatch: [] }));
  }

  match(name: string, detail: string | null): KnownMatch | null {
    for (const x of this.expired) if (entryMatches(x.entry, name, detail)) x.wouldMatch.push(name);
    for (const e of this.live) {
      if (entryMatches(e, name, detail)) return { bug: e.bug, description: e.description, expires: e.expires, source: e.source };
    }
    return null;
  }

  expiredEntries(): ExpiredEntry[] {
    return this.expired.map(({ entry, wouldMatch }) => ({ bug: entry.bug, expires: entry.expires, source: entry.source, wouldMatch: [...wouldMatch].sort() }));
  }
}
