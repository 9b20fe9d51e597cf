// Zuul's file matchers (job.files, job.irrelevant-files), with Zuul's semantics:
// - RE2 syntax (re2js), matched at the start of the path (an implicit `^`), not at the end;
// - `{regex, negate}` inverts one matcher;
// - `files`: applies when ANY changed file matches ANY matcher;
// - `irrelevant-files`: skipped only when EVERY changed file matches some matcher;
// - `/COMMIT_MSG` is not a file; with no files at all both filters are ignored (Zuul runs the job);
// - match-on-config-updates: a change to the configuration itself (our rules file) always applies.
// RE2 has no lookaround or backreferences: such a pattern is an error that suggests `negate`.
import { RE2JS } from 're2js';
import { UserError, type Place } from '../errors.ts';

export interface FileMatcherSpec {
  regex: string;
  negate: boolean;
  /** Where the matcher is written (rules file, line, column). */
  place?: Place;
}

export interface FileMatcher extends FileMatcherSpec {
  matches(path: string): boolean;
}

export const COMMIT_MSG = '/COMMIT_MSG';

/**
 * The literal text every match must start with: leading plain characters (or escaped
 * punctuation) of a pattern without alternation, stopping before any quantified character.
 * RE2 matching is anchored at the start here, so a path lacking this prefix cannot match.
 */
export function re2LiteralPrefix(pattern: string): string {
  if (pattern.includes('|')) return '';
  let i = pattern.startsWith('^') ? 1 : 0;
  let out = '';
  while (i < pattern.length) {
    const c = pattern[i] as string;
    let ch: string;
    let next: number;
    if ('.[](){}*+?^$|'.includes(c)) break;
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === undefined || /[A-Za-z0-9]/.test(d) || d.charCodeAt(0) > 0x7f) break;
      ch = d;
      next = i + 2;
    } else {
      const cp = pattern.codePointAt(i) as number;
      ch = String.fromCodePoint(cp);
      next = i + ch.length;
    }
    const q = pattern[next];
    if (q === '*' || q === '?' || q === '{') break;
    out += ch;
    i = next;
    if (q === '+') break;
  }
  return out;
}

function re2Message(err: unknown, pattern: string): string {
  const raw = err instanceof Error ? err.message : String(err);
  if (/\(\?[=!]|\(\?<[=!]/.test(pattern) || /\(\?[=!<]/.test(raw)) {
    return `regex '${pattern}' uses lookaround, which RE2 (Zuul's regex engine) does not support; write the positive form as {regex: ..., negate: true}`;
  }
  if (/\\[1-9]/.test(pattern) && /escape/.test(raw)) return `regex '${pattern}' uses a backreference, which RE2 does not support`;
  return `regex '${pattern}' is not valid RE2: ${raw.replace(/^error parsing regexp: /, '')}`;
}

export function compileFileMatcher(spec: FileMatcherSpec, context: string): FileMatcher {
  let re: RE2JS;
  try {
    re = RE2JS.compile(spec.regex);
  } catch (err) {
    throw new UserError(`${context}: ${re2Message(err, spec.regex)}`, { place: spec.place });
  }
  const prefix = re2LiteralPrefix(spec.regex);
  const negate = spec.negate;
  const test = (path: string): boolean => {
    if (prefix && !path.startsWith(prefix)) return false;
    return re.matcher(path).lookingAt();
  };
  return { ...spec, matches: negate ? (p) => !test(p) : test };
}

export type FileFilterOutcome =
  | { applies: true; reason: 'config-update'; file: string }
  | { applies: true; reason: 'no-files' }
  | { applies: true; reason: 'files-match'; file: string; matcher: FileMatcherSpec; relevantFile?: string }
  | { applies: true; reason: 'relevant-file'; file: string }
  | { applies: true; reason: 'no-filters' }
  | { applies: false; reason: 'no-file-matches'; checked: number }
  | { applies: false; reason: 'all-irrelevant'; examples: { file: string; matcher: FileMatcherSpec }[]; checked: number };

export interface FileFilterInput {
  files?: FileMatcher[];
  irrelevantFiles?: FileMatcher[];
  /** Changed paths (repository-relative). */
  changed: readonly string[];
  /** Paths whose change always applies (the rules file), Zuul's match-on-config-updates. */
  configFiles?: readonly string[];
}

/** Does a selection with these filters apply to the change, and why. Stops at the first deciding file. */
export function evaluateFileFilters(input: FileFilterInput): FileFilterOutcome {
  const changed = input.changed.filter((f) => f !== COMMIT_MSG);
  const config = input.configFiles ?? [];
  const configHit = changed.find((f) => config.includes(f));
  if (configHit !== undefined) return { applies: true, reason: 'config-update', file: configHit };
  const files = input.files ?? [];
  const irrelevant = input.irrelevantFiles ?? [];
  if (files.length === 0 && irrelevant.length === 0) return { applies: true, reason: 'no-filters' };
  if (changed.length === 0) return { applies: true, reason: 'no-files' };

  let filesHit: { file: string; matcher: FileMatcherSpec } | undefined;
  if (files.length > 0) {
    outer: for (const f of changed) {
      for (const m of files) {
        if (m.matches(f)) {
          filesHit = { file: f, matcher: m };
          break outer;
        }
      }
    }
    if (!filesHit) return { applies: false, reason: 'no-file-matches', checked: changed.length };
  }
  if (irrelevant.length > 0) {
    const examples: { file: string; matcher: FileMatcherSpec }[] = [];
    for (const f of changed) {
      const m = irrelevant.find((x) => x.matches(f));
      if (!m) {
        return filesHit ? { applies: true, reason: 'files-match', ...filesHit, relevantFile: f } : { applies: true, reason: 'relevant-file', file: f };
      }
      if (examples.length < 5) examples.push({ file: f, matcher: m });
    }
    return { applies: false, reason: 'all-irrelevant', examples, checked: changed.length };
  }
  return filesHit ? { applies: true, reason: 'files-match', ...filesHit } : { applies: true, reason: 'no-filters' };
}

/** A one-line account of a FileFilterOutcome for --explain. */
export function describeOutcome(o: FileFilterOutcome): string {
  const show = (m: FileMatcherSpec): string => (m.negate ? `not '${m.regex}'` : `'${m.regex}'`);
  switch (o.reason) {
    case 'config-update':
      return `the rules file ${o.file} changed (a configuration change always applies, as Zuul's match-on-config-updates)`;
    case 'no-files':
      return 'the change has no files, so file filters are ignored (as Zuul does)';
    case 'no-filters':
      return 'no file filters: applies to every change';
    case 'files-match':
      return `${o.file} matches files ${show(o.matcher)}${o.relevantFile === undefined ? '' : o.relevantFile === o.file ? ' and no irrelevant-files pattern' : ` and ${o.relevantFile} matches no irrelevant-files pattern`}`;
    case 'relevant-file':
      return `${o.file} matches no irrelevant-files pattern`;
    case 'no-file-matches':
      return `none of the ${o.checked} changed files matches files`;
    case 'all-irrelevant':
      return `all ${o.checked} changed files match irrelevant-files (e.g. ${o.examples
        .slice(0, 3)
        .map((e) => `${e.file} ~ ${show(e.matcher)}`)
        .join(', ')})`;
  }
}
