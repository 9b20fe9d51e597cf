// Python `re` patterns (what stestr and `tempest run --regex` take) translated to JavaScript
// RegExp source that matches exactly the same strings under `re.search`, or rejected with an error
// naming the offset. Where the two engines differ we translate the construct to one that means
// the same thing in JavaScript (`.`, `$`, `\Z`, `\s`, `{,n}`, `(?P<name>`, a leading `]` in a
// class...); where no translation is provably the same we reject it (`(?>...)`, possessive
// quantifiers, conditionals, `\N{...}`, `\S` inside a class).
//
// Unicode caveat: Python's `\w`, `\b`, `\d` and IGNORECASE are Unicode-aware; JavaScript's are
// ASCII. On ASCII subjects (every Tempest test id) they agree, so the translation marks such
// patterns `unicodeSensitive` and the matcher refuses non-ASCII subjects for them instead of
// guessing (see stestr.ts).
//
// Besides the source, the parse tree gives two facts the fast matcher uses and that keep the
// result identical: whether every match must start at offset 0 (so one sticky attempt replaces
// the unanchored scan stestr pays for), and literals every match must contain (a cheap
// `includes` prefilter).
//
// Matching never hangs: a pattern without backreferences and lookarounds runs on RE2 (linear in the
// subject); the rest run on a backtracker with a step budget (backtrack.ts) that ends with an error
// naming the pattern and subject. Neither runs the JavaScript RegExp built from `source`: that
// translation stays the reference the tests compare both engines with.
import { RE2JS } from 're2js';
import { BudgetExceeded, compileBacktracker, type Backtracker } from './backtrack.ts';

export class PyRegexError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'PyRegexError';
    this.offset = offset;
  }
}

export interface TranslatedRegex {
  /** The Python pattern as given. */
  pattern: string;
  /** JavaScript source for `new RegExp(source, flags)`. */
  source: string;
  /** Always contains `u`; `i` for a global (?i). */
  flags: string;
  /** Every match starts at offset 0: `re.search` equals one attempt at 0. */
  anchoredStart: boolean;
  /** One entry per top-level alternative: a literal that alternative's matches always contain. Empty when some alternative has none. */
  requiredLiterals: string[];
  /** The whole pattern is one case-sensitive literal: `re.search` is `includes`. */
  pureLiteral: string | null;
  /** Uses \w \W \b \B \d \D or IGNORECASE without (?a): exact only on ASCII subjects. */
  unicodeSensitive: boolean;
}

// ---- parse tree -----------------------------------------------------------------------------

export type Node =
  | { kind: 'lit'; cp: number; icase: boolean }
  | { kind: 'raw'; js: string; width: 1; icase: boolean } // a class, `.`, or a class escape: one code point
  // `re2` is the same assertion in RE2 syntax; `dollar` marks Python's non-multiline `$`, which RE2
  // cannot say exactly on a subject that ends with a newline.
  | { kind: 'assert'; js: string; re2: string; anchor: 'start' | 'none'; icase: boolean; dollar?: true }
  | { kind: 'group'; capture: boolean; name?: string; flags?: string; body: Alt }
  | { kind: 'look'; behind: boolean; negative: boolean; body: Alt }
  | { kind: 'backref'; index: number; name?: string; icase: boolean }
  | { kind: 'repeat'; node: Node; min: number; max: number; lazy: boolean };
export interface Alt {
  branches: Node[][];
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  a: boolean;
}

// Python's str.isspace() set: what `\s` means for str patterns without (?a).
const PY_UNICODE_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_ASCII_SPACE = '\\t\\n\\v\\f\\r ';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isOct = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isHex = (s: string): boolean => /^[0-9a-fA-F]+$/.test(s);

function cpEscape(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f) return String.fromCodePoint(cp);
  return `\\u{${cp.toString(16)}}`;
}

class Parser {
  private pos = 0;
  private groupCount = 0;
  private readonly closedGroups = new Set<number>();
  private readonly names = new Map<string, number>();
  unicodeSensitive = false;
  readonly globalFlags: Flags = { i: false, m: false, s: false, x: false, a: false };
  private readonly src: string;
  constructor(src: string) {
    this.src = src;
  }

  fail(message: string, at = this.pos): never {
    throw new PyRegexError(message, at);
  }

  parse(): Alt {
    this.readGlobalFlags();
    const alt = this.alternation({ ...this.globalFlags }, 0);
    if (this.pos < this.src.length) this.fail('unbalanced parenthesis');
    return alt;
  }

  // Python 3.11 accepts global flags only at the very start: `(?i)`, `(?x)`, ... possibly repeated.
  private readGlobalFlags(): void {
    for (;;) {
      const m = /^\(\?([aiLmsux]+)\)/.exec(this.src.slice(this.pos));
      if (!m) return;
      for (const f of m[1] ?? '') this.setFlag(this.globalFlags, f, this.pos);
      this.pos += m[0].length;
    }
  }

  private setFlag(flags: Flags, f: string, at: number): void {
    if (f === 'L') this.fail('bad inline flag: cannot use LOCALE flag with a str pattern', at);
    if (f === 'u') return;
    if (f === 'i' || f === 'm' || f === 's' || f === 'x' || f === 'a') flags[f] = true;
    else this.fail(`unknown flag '${f}'`, at);
  }

  private skipVerbose(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) return;
      if (' \t\n\r\v\f'.includes(c)) this.pos++;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private alternation(flags: Flags, depth: number): Alt {
    const branches: Node[][] = [this.sequence(flags, depth)];
    while (this.src[this.pos] === '|') {
      this.pos++;
      branches.push(this.sequence(flags, depth));
    }
    return { branches };
  }

  private sequence(flags: Flags, depth: number): Node[] {
    const items: Node[] = [];
    for (;;) {
      this.skipVerbose(flags);
      const c = this.src[this.pos];
      if (c === undefined || c === '|') return items;
      if (c === ')') {
        if (depth === 0) this.fail('unbalanced parenthesis');
        return items;
      }
      const atom = this.atom(flags, depth);
      if (atom === null) continue; // a comment group
      this.skipVerbose(flags);
      items.push(this.quantified(atom, flags));
    }
  }

  private quantified(atom: Node, flags: Flags): Node {
    let node = atom;
    let repeated = false;
    for (;;) {
      const at = this.pos;
      const q = this.quantifier();
      if (!q) return node;
      if (repeated) this.fail('multiple repeat', at);
      if (node.kind === 'assert') this.fail('nothing to repeat', at);
      if (node.kind === 'look') this.fail('a quantified lookaround assertion has no JavaScript equivalent; rewrite the pattern', at);
      if (this.src[this.pos] === '+') this.fail('possessive quantifiers have no JavaScript equivalent', this.pos);
      let lazy = false;
      if (this.src[this.pos] === '?') {
        lazy = true;
        this.pos++;
      }
      node = { kind: 'repeat', node, min: q.min, max: q.max, lazy };
      repeated = true;
      this.skipVerbose(flags);
    }
  }

  private quantifier(): { min: number; max: number } | null {
    const c = this.src[this.pos];
    if (c === '*') return (this.pos++, { min: 0, max: Infinity });
    if (c === '+') return (this.pos++, { min: 1, max: Infinity });
    if (c === '?') return (this.pos++, { min: 0, max: 1 });
    if (c !== '{') return null;
    // Python: `{m}`, `{m,}`, `{,n}`, `{m,n}`; anything else makes `{` a literal.
    const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!m) return null;
    const lo = m[1] ?? '';
    const hi = m[3] ?? '';
    if (lo === '' && m[2] === undefined) return null; // `{}` is literal
    const min = lo === '' ? 0 : Number(lo);
    const max = m[2] === undefined ? min : hi === '' ? Infinity : Number(hi);
    if (min > 4294967295 || (max !== Infinity && max > 4294967295)) this.fail('the repetition number is too large');
    if (max < min) this.fail('min repeat greater than max repeat', this.pos + 1);
    this.pos += m[0].length;
    return { min, max };
  }

  private atom(flags: Flags, depth: number): Node | null {
    const c = this.src[this.pos] as string;
    const at = this.pos;
    switch (c) {
      case '(':
        return this.group(flags, depth);
      case '[':
        return this.charClass(flags);
      case '.':
        this.pos++;
        return { kind: 'raw', js: flags.s ? '[\\s\\S]' : '[^\\n]', width: 1, icase: flags.i };
      case '^':
        this.pos++;
        return flags.m
          ? { kind: 'assert', js: '(?<![^\\n])', re2: '(?m:^)', anchor: 'none', icase: flags.i }
          : { kind: 'assert', js: '^', re2: '\\A', anchor: 'start', icase: flags.i };
      case '$':
        this.pos++;
        // Python's `$` also matches before a newline that ends the string; JavaScript's does not.
        return flags.m
          ? { kind: 'assert', js: '(?=\\n|$)', re2: '(?m:$)', anchor: 'none', icase: flags.i }
          : { kind: 'assert', js: '(?=\\n?$)', re2: '\\z', anchor: 'none', icase: flags.i, dollar: true };
      case '\\':
        return this.escape(flags);
      case '*':
      case '+':
      case '?':
        return this.fail('nothing to repeat', at);
      case '{': {
        if (this.quantifier()) this.fail('nothing to repeat', at);
        this.pos = at + 1;
        return { kind: 'lit', cp: 0x7b, icase: flags.i };
      }
      default: {
        const cp = this.src.codePointAt(this.pos) as number;
        this.pos += cp > 0xffff ? 2 : 1;
        return this.literal(cp, flags);
      }
    }
  }

  private literal(cp: number, flags: Flags): Node {
    if (flags.i) {
      if (cp > 0x7f) this.fail('a non-ASCII character under IGNORECASE has no provably equal JavaScript translation', this.pos - 1);
      if (!flags.a) this.unicodeSensitive = true;
    }
    return { kind: 'lit', cp, icase: flags.i };
  }

  private group(flags: Flags, depth: number): Node | null {
    const at = this.pos;
    this.pos++; // (
    if (this.src[this.pos] !== '?') return this.capture(flags, depth, undefined, at);
    this.pos++;
    const c = this.src[this.pos];
    if (c === ':') {
      this.pos++;
      return this.closeGroup({ kind: 'group', capture: false, body: this.alternation(flags, depth + 1) }, at);
    }
    if (c === 'P') {
      const named = /^P<([^>]*)>/.exec(this.src.slice(this.pos));
      if (named) {
        const name = named[1] ?? '';
        if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]*$/u.test(name)) this.fail(`bad character in group name '${name}'`, this.pos + 2);
        if (this.names.has(name)) this.fail(`redefinition of group name '${name}'`, this.pos + 2);
        this.pos += named[0].length;
        return this.capture(flags, depth, name, at);
      }
      const ref = /^P=([^)]*)\)/.exec(this.src.slice(this.pos));
      if (ref) {
        const name = ref[1] ?? '';
        const index = this.names.get(name);
        if (index === undefined) this.fail(`unknown group name '${name}'`, this.pos + 2);
        if (!this.closedGroups.has(index)) this.fail('cannot refer to an open group', at);
        this.pos += ref[0].length;
        if (flags.i) this.sensitive(flags);
        return { kind: 'backref', index, name, icase: flags.i };
      }
      this.fail('unknown extension ?P', at + 1);
    }
    if (c === '=' || c === '!') {
      this.pos++;
      return this.closeGroup({ kind: 'look', behind: false, negative: c === '!', body: this.alternation(flags, depth + 1) }, at);
    }
    if (c === '<' && (this.src[this.pos + 1] === '=' || this.src[this.pos + 1] === '!')) {
      const negative = this.src[this.pos + 1] === '!';
      this.pos += 2;
      const body = this.alternation(flags, depth + 1);
      const [min, max] = width(body);
      if (min !== max) this.fail('look-behind requires fixed-width pattern', at);
      if (containsBackref(body)) this.fail('group references in look-behind assertions are not supported', at);
      return this.closeGroup({ kind: 'look', behind: true, negative, body }, at);
    }
    if (c === '#') {
      const end = this.src.indexOf(')', this.pos);
      if (end < 0) this.fail('missing ), unterminated comment', at);
      this.pos = end + 1;
      return null;
    }
    if (c === '>') this.fail('atomic groups (?>...) have no JavaScript equivalent', at);
    if (c === '(') this.fail('conditional groups (?(id)yes|no) have no JavaScript equivalent', at);
    // Scoped flags: (?flags:...) or (?flags-flags:...)
    const m = /^([aimsux]*)(?:-([imsx]*))?(:|\))/.exec(this.src.slice(this.pos));
    if (m && (m[1] || m[2] !== undefined)) {
      if (m[3] === ')') this.fail('global flags not at the start of the expression', at);
      const scoped: Flags = { ...flags };
      for (const f of m[1] ?? '') this.setFlag(scoped, f, this.pos);
      for (const f of m[2] ?? '') {
        if (f === 'i' || f === 'm' || f === 's' || f === 'x') scoped[f] = false;
      }
      if (m[2] === '') this.fail('missing flag', this.pos + (m[1] ?? '').length + 1);
      this.pos += m[0].length;
      let jsFlags = '';
      if (scoped.i !== flags.i) jsFlags = scoped.i ? 'i' : '-i';
      return this.closeGroup({ kind: 'group', capture: false, flags: jsFlags, body: this.alternation(scoped, depth + 1) }, at);
    }
    if (c === '<') this.fail('unknown extension ?<' + (this.src[this.pos + 1] ?? '') + ' (Python names groups with (?P<name>...))', at + 1);
    this.fail(`unknown extension ?${c ?? ''}`, at + 1);
  }

  private capture(flags: Flags, depth: number, name: string | undefined, at: number): Node {
    const index = ++this.groupCount;
    if (name !== undefined) this.names.set(name, index);
    const node: Node = { kind: 'group', capture: true, name, body: this.alternation(flags, depth + 1) };
    this.closeGroup(node, at);
    this.closedGroups.add(index);
    return node;
  }

  private closeGroup<T extends Node>(node: T, at: number): T {
    if (this.src[this.pos] !== ')') this.fail('missing ), unterminated subpattern', at);
    this.pos++;
    return node;
  }

  private sensitive(flags: Flags): void {
    if (!flags.a) this.unicodeSensitive = true;
  }

  /** An escape outside a class. */
  private escape(flags: Flags): Node {
    const at = this.pos;
    const c = this.src[this.pos + 1];
    if (c === undefined) this.fail('bad escape (end of pattern)', at);
    this.pos += 2;
    switch (c) {
      case 'A':
        return { kind: 'assert', js: '^', re2: '\\A', anchor: 'start', icase: flags.i };
      case 'Z':
        return { kind: 'assert', js: '$', re2: '\\z', anchor: 'none', icase: flags.i };
      case 'b':
        this.sensitive(flags);
        return { kind: 'assert', js: '\\b', re2: '\\b', anchor: 'none', icase: flags.i };
      case 'B':
        this.sensitive(flags);
        return { kind: 'assert', js: '\\B', re2: '\\B', anchor: 'none', icase: flags.i };
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return { kind: 'raw', js: this.classEscape(c, flags, false), width: 1, icase: flags.i };
    }
    if (isDigit(c)) {
      // Octal escape or group reference, by Python's rules.
      if (c === '0') return this.literal(this.octal(at + 1), flags);
      const d2 = this.src[this.pos];
      const d3 = this.src[this.pos + 1];
      if (isOct(c) && isOct(d2) && isOct(d3)) {
        const v = parseInt(c + d2 + d3, 8);
        if (v > 0o377) this.fail(`octal escape value \\${c}${d2}${d3} outside of range 0-0o377`, at);
        this.pos += 2;
        return this.literal(v, flags);
      }
      let digits = c;
      if (isDigit(d2)) {
        digits += d2;
        this.pos++;
      }
      const index = Number(digits);
      if (index > this.groupCount) this.fail(`invalid group reference ${index}`, at + 1);
      if (!this.closedGroups.has(index)) this.fail('cannot refer to an open group', at);
      if (flags.i) this.sensitive(flags);
      return { kind: 'backref', index, icase: flags.i };
    }
    return this.literal(this.charEscape(c, at), flags);
  }

  /** `\0`, `\0o`, `\0oo`: octal after a leading zero. `start` is the offset of the `0`. */
  private octal(start: number): number {
    let s = '0';
    this.pos = start + 1;
    while (s.length < 3 && isOct(this.src[this.pos])) s += this.src[this.pos++];
    return parseInt(s, 8);
  }

  /** Escapes that stand for one character (shared by classes). `this.pos` is after `\c`. */
  private charEscape(c: string, at: number): number {
    switch (c) {
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
      case 'x':
      case 'u':
      case 'U': {
        const len = c === 'x' ? 2 : c === 'u' ? 4 : 8;
        const hex = this.src.slice(this.pos, this.pos + len);
        if (hex.length !== len || !isHex(hex)) this.fail(`incomplete escape \\${c}${hex}`, at);
        this.pos += len;
        const v = parseInt(hex, 16);
        if (v > 0x10ffff) this.fail(`bad escape \\${c}${hex}`, at);
        return v;
      }
      case 'N':
        this.fail('\\N{...} named characters are not supported; write the character or \\uXXXX', at);
    }
    if (/[A-Za-z0-9]/.test(c)) this.fail(`bad escape \\${c}`, at);
    const cp = this.src.codePointAt(at + 1) as number;
    this.pos = at + 1 + (cp > 0xffff ? 2 : 1);
    return cp;
  }

  /** \d \D \w \W \s \S as JavaScript; inside a class when `inClass`. */
  private classEscape(c: string, flags: Flags, inClass: boolean): string {
    switch (c) {
      case 'd':
        this.sensitive(flags);
        return inClass ? '0-9' : '[0-9]';
      case 'D':
        this.sensitive(flags);
        return inClass ? '\\D' : '[^0-9]';
      case 'w':
        this.sensitive(flags);
        return '\\w';
      case 'W':
        this.sensitive(flags);
        return '\\W';
      case 's': {
        const set = flags.a ? PY_ASCII_SPACE : PY_UNICODE_SPACE;
        return inClass ? set : `[${set}]`;
      }
      default: {
        if (inClass) this.fail('\\S inside a character class has no provably equal JavaScript translation; use (?!\\s) or list the characters', this.pos - 2);
        return `[^${flags.a ? PY_ASCII_SPACE : PY_UNICODE_SPACE}]`;
      }
    }
  }

  private charClass(flags: Flags): Node {
    const at = this.pos;
    this.pos++;
    let negate = false;
    if (this.src[this.pos] === '^') {
      negate = true;
      this.pos++;
    }
    const parts: string[] = [];
    let first = true;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail('unterminated character set', at);
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      const itemAt = this.pos;
      const lo = this.classItem(flags);
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== undefined && this.src[this.pos + 1] !== ']') {
        this.pos++;
        const hi = this.classItem(flags);
        if (typeof lo === 'string' || typeof hi === 'string') this.fail('bad character range', itemAt);
        if (hi < lo) this.fail('bad character range', itemAt);
        if (flags.i && (lo > 0x7f || hi > 0x7f)) this.fail('a non-ASCII range under IGNORECASE has no provably equal JavaScript translation', itemAt);
        parts.push(`${cpEscape(lo)}-${cpEscape(hi)}`);
      } else {
        if (typeof lo === 'number' && flags.i && lo > 0x7f)
          this.fail('a non-ASCII character under IGNORECASE has no provably equal JavaScript translation', itemAt);
        parts.push(typeof lo === 'string' ? lo : cpEscape(lo));
      }
    }
    if (flags.i) this.sensitive(flags);
    return { kind: 'raw', js: `[${negate ? '^' : ''}${parts.join('')}]`, width: 1, icase: flags.i };
  }

  /** One class member: a code point, or a JavaScript class fragment for \d \w \s. */
  private classItem(flags: Flags): number | string {
    const c = this.src[this.pos] as string;
    const at = this.pos;
    if (c !== '\\') {
      const cp = this.src.codePointAt(this.pos) as number;
      this.pos += cp > 0xffff ? 2 : 1;
      return cp;
    }
    const e = this.src[this.pos + 1];
    if (e === undefined) this.fail('bad escape (end of pattern)', at);
    this.pos += 2;
    if ('dDwWsS'.includes(e)) return this.classEscape(e, flags, true);
    if (e === 'b') return 8;
    if (isDigit(e)) {
      if (!isOct(e)) this.fail(`bad escape \\${e}`, at);
      let s = e;
      while (s.length < 3 && isOct(this.src[this.pos])) s += this.src[this.pos++];
      const v = parseInt(s, 8);
      if (v > 0o377) this.fail(`octal escape value \\${s} outside of range 0-0o377`, at);
      if (e !== '0' && s.length < 3) this.fail(`bad escape \\${s}`, at);
      return v;
    }
    return this.charEscape(e, at);
  }
}

// ---- analysis -------------------------------------------------------------------------------

function width(alt: Alt): [number, number] {
  let min = Infinity;
  let max = 0;
  for (const seq of alt.branches) {
    let a = 0;
    let b = 0;
    for (const n of seq) {
      const [x, y] = nodeWidth(n);
      a += x;
      b += y;
    }
    min = Math.min(min, a);
    max = Math.max(max, b);
  }
  return [min === Infinity ? 0 : min, max];
}

function nodeWidth(n: Node): [number, number] {
  switch (n.kind) {
    case 'lit':
    case 'raw':
      return [1, 1];
    case 'assert':
    case 'look':
      return [0, 0];
    case 'backref':
      return [0, Infinity];
    case 'group':
      return width(n.body);
    case 'repeat': {
      const [a, b] = nodeWidth(n.node);
      // 0 * Infinity is NaN: an empty-width body repeated any number of times is still empty.
      return [a === 0 ? 0 : a * n.min, n.max === 0 || b === 0 ? 0 : b * n.max];
    }
  }
}

function containsBackref(alt: Alt): boolean {
  return alt.branches.some((seq) => seq.some((n) => nodeHasBackref(n)));
}
function nodeHasBackref(n: Node): boolean {
  if (n.kind === 'backref') return true;
  if (n.kind === 'group' || n.kind === 'look') return containsBackref(n.body);
  if (n.kind === 'repeat') return nodeHasBackref(n.node);
  return false;
}

/** A mandatory `^`/`\A` (outside lookarounds) pins the match start to 0: positions only grow along a match. */
function anchored(alt: Alt): boolean {
  return alt.branches.length > 0 && alt.branches.every((seq) => seq.some((n) => nodeAnchored(n)));
}
function nodeAnchored(n: Node): boolean {
  if (n.kind === 'assert') return n.anchor === 'start';
  if (n.kind === 'group') return anchored(n.body);
  if (n.kind === 'repeat') return n.min >= 1 && nodeAnchored(n.node);
  return false;
}

/** Literal runs every match of the sequence contains (consecutive case-sensitive literals; single-branch groups are flattened). */
function seqLiterals(seq: Node[]): string[] {
  const runs: string[] = [];
  let cur = '';
  const flush = (): void => {
    if (cur) runs.push(cur);
    cur = '';
  };
  const walk = (items: Node[]): void => {
    for (const n of items) {
      if (n.kind === 'lit' && !n.icase) cur += String.fromCodePoint(n.cp);
      else if (n.kind === 'group' && n.body.branches.length === 1 && !n.flags) walk(n.body.branches[0] ?? []);
      else if (n.kind === 'assert' || n.kind === 'look')
        continue; // zero-width: the run goes on
      else {
        flush();
        if (n.kind === 'repeat' && n.min >= 1 && n.node.kind === 'group' && n.node.body.branches.length === 1 && !n.node.flags) {
          // At least one copy is present; its literals are required (but do not join neighbours).
          for (const r of seqLiterals(n.node.body.branches[0] ?? [])) runs.push(r);
        } else if (n.kind === 'repeat' && n.min >= 1 && n.node.kind === 'lit' && !n.node.icase) {
          runs.push(String.fromCodePoint(n.node.cp));
        }
      }
    }
  };
  walk(seq);
  flush();
  return runs;
}

// ---- emit -----------------------------------------------------------------------------------

function emitAlt(alt: Alt, drop?: Set<Node>): string {
  return alt.branches.map((seq) => seq.map((n) => emitNode(n, drop)).join('')).join('|');
}

function emitNode(n: Node, drop?: Set<Node>): string {
  if (drop?.has(n)) return '';
  switch (n.kind) {
    case 'lit':
      return cpEscape(n.cp);
    case 'raw':
    case 'assert':
      return n.js;
    case 'group':
      if (n.capture) return n.name !== undefined ? `(?<${n.name}>${emitAlt(n.body, drop)})` : `(${emitAlt(n.body, drop)})`;
      return `(?${n.flags ?? ''}:${emitAlt(n.body, drop)})`;
    case 'look':
      return `(?${n.behind ? '<' : ''}${n.negative ? '!' : '='}${emitAlt(n.body, drop)})`;
    case 'backref':
      // A group reference, then a non-capturing group so a following digit is not read into it.
      return n.name !== undefined ? `\\k<${n.name}>` : `\\${n.index}(?:)`;
    case 'repeat': {
      const inner = emitNode(n.node, drop);
      const q =
        n.min === 0 && n.max === Infinity
          ? '*'
          : n.min === 1 && n.max === Infinity
            ? '+'
            : n.min === 0 && n.max === 1
              ? '?'
              : n.max === Infinity
                ? `{${n.min},}`
                : n.min === n.max
                  ? `{${n.min}}`
                  : `{${n.min},${n.max}}`;
      return `(?:${inner})${q}${n.lazy ? '?' : ''}`;
    }
  }
}

// RE2 runs in time linear in the subject whatever the pattern, so the hostile patterns that make a
// backtracking engine run for hours (`(a+)+$`, `^(\w+\s?)*$`) cannot hang the gate. Every construct
// left after translation means the same in RE2 as in the JavaScript translation, except Python's
// non-multiline `$` (true also before a newline that ends the subject): RE2 gets `\z`, and the
// matcher sends subjects ending in a newline to the backtracker when the pattern has one.

const re2Cp = (cp: number): string =>
  (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f ? String.fromCodePoint(cp) : `\\x{${cp.toString(16)}}`;
// Class fragments are ours (cpEscape, the \s sets, \w \W \D 0-9): only the \u escapes differ.
const re2Class = (js: string): string => js.replace(/\\u\{([0-9a-f]+)\}/g, '\\x{$1}').replace(/\\u([0-9a-f]{4})/g, '\\x{$1}');

/**
 * An upper bound on the ways a backtracking engine can match the tree from one start position,
 * as `c * n^d` for a subject of length n, or null when there is none that small to give (a repeat
 * of anything wider than one character, a backreference, a lookaround). A repeat of one character
 * ends at one of at most n+1 places, one way each; a sequence multiplies, alternatives add.
 */
function pathBound(alt: Alt, drop: Set<Node> | undefined): { c: number; d: number } | null {
  let c = 0;
  let d = 0;
  for (const seq of alt.branches) {
    let bc = 1;
    let bd = 0;
    for (const n of seq) {
      if (drop?.has(n)) continue;
      let x: { c: number; d: number } | null;
      if (n.kind === 'lit' || n.kind === 'raw' || n.kind === 'assert') x = { c: 1, d: 0 };
      else if (n.kind === 'group') x = pathBound(n.body, drop);
      else if (n.kind === 'repeat') x = n.node.kind === 'lit' || n.node.kind === 'raw' ? (n.max > n.min ? { c: 2, d: 1 } : { c: 1, d: 0 }) : null;
      else x = null;
      if (x === null) return null;
      bc *= x.c;
      bd += x.d;
    }
    c += bc;
    d = Math.max(d, bd);
  }
  return { c, d };
}

/**
 * Whether JavaScript's backtracking RegExp is provably linear on the tree: at most c * n^d
 * attempts per start, times n starts when unanchored, must be O(n) with a small constant. Most
 * Tempest filters are dotted names, which qualify, and V8 runs them several times faster than
 * re2js does.
 */
function backtrackingIsLinear(alt: Alt, drop: Set<Node> | undefined, anchoredStart: boolean): boolean {
  const b = pathBound(alt, drop);
  return b !== null && b.c <= 1000 && b.d + (anchoredStart ? 0 : 1) <= 1;
}

/** RE2 source for the tree, or null when it has a backreference or lookaround (left after `drop`). */
function re2Alt(alt: Alt, drop: Set<Node> | undefined, seen: { dollar: boolean }, dollar = '\\z'): string | null {
  const out: string[] = [];
  for (const seq of alt.branches) {
    let b = '';
    for (const n of seq) {
      const x = re2Node(n, drop, seen, dollar);
      if (x === null) return null;
      b += x;
    }
    out.push(b);
  }
  return out.join('|');
}

function re2Node(n: Node, drop: Set<Node> | undefined, seen: { dollar: boolean }, dollar: string): string | null {
  if (drop?.has(n)) return '';
  switch (n.kind) {
    case 'lit':
      return re2Cp(n.cp);
    case 'raw':
      return re2Class(n.js);
    case 'assert':
      if (n.dollar) {
        seen.dollar = true;
        return dollar;
      }
      return n.re2;
    case 'group': {
      const body = re2Alt(n.body, drop, seen, dollar);
      if (body === null) return null;
      return `(?${n.flags ?? ''}:${body})`;
    }
    case 'look':
    case 'backref':
      return null;
    case 'repeat': {
      const inner = re2Node(n.node, drop, seen, dollar);
      if (inner === null) return null;
      const q =
        n.min === 0 && n.max === Infinity
          ? '*'
          : n.min === 1 && n.max === Infinity
            ? '+'
            : n.min === 0 && n.max === 1
              ? '?'
              : n.max === Infinity
                ? `{${n.min},}`
                : n.min === n.max
                  ? `{${n.min}}`
                  : `{${n.min},${n.max}}`;
      // Greedy or lazy makes no difference to whether a match exists.
      return `(?:${inner})${q}`;
    }
  }
}

/** One literal per branch that every match of that branch contains, or null when a branch has none. */
function altLiterals(alt: Alt): string[] | null {
  const per = alt.branches.map((seq) => seqLiterals(seq).sort((a, b) => b.length - a.length)[0]);
  return per.every((l): l is string => l !== undefined) ? per : null;
}

/** The literal text a branch's match starts with, when the pattern is anchored (zero-width items skipped, single-branch groups flattened). */
function branchPrefix(seq: Node[]): string {
  let out = '';
  const walk = (items: Node[]): boolean => {
    for (const n of items) {
      if (n.kind === 'assert' || n.kind === 'look') continue;
      if (n.kind === 'lit' && !n.icase) out += String.fromCodePoint(n.cp);
      else if (n.kind === 'group' && n.body.branches.length === 1 && !n.flags) {
        if (!walk(n.body.branches[0] ?? [])) return false;
      } else return false;
    }
    return true;
  };
  walk(seq);
  return out;
}

/**
 * Negative lookarounds whose body can only match where one of its literals occurs: on a subject
 * containing none of them the assertion always holds, so it can be left out. (stestr's tox-env
 * regexes start with `(?!.*\[.*\bslow\b.*\])`: for ids without "slow" that is a no-op.)
 */
function prunableLookarounds(alt: Alt): { nodes: Set<Node>; literals: string[] } {
  const nodes = new Set<Node>();
  const literals: string[] = [];
  const visit = (n: Node): void => {
    if (n.kind === 'look') {
      const lits = n.negative ? altLiterals(n.body) : null;
      if (lits) {
        nodes.add(n);
        literals.push(...lits);
        return;
      }
      n.body.branches.forEach((seq) => seq.forEach(visit));
    } else if (n.kind === 'group') n.body.branches.forEach((seq) => seq.forEach(visit));
    else if (n.kind === 'repeat') visit(n.node);
  };
  alt.branches.forEach((seq) => seq.forEach(visit));
  return { nodes, literals };
}

interface Analysis {
  alt: Alt;
  prefixes: string[] | null;
  /** Negative lookarounds that may be left out when the subject has none of `pruneLiterals`. */
  pruneNodes: Set<Node>;
  pruneLiterals: string[];
}

function analyse(pattern: string): { translated: TranslatedRegex; analysis: Analysis } {
  const parser = new Parser(pattern);
  const alt = parser.parse();
  const source = emitAlt(alt);
  const flags = parser.globalFlags.i ? 'iu' : 'u';
  try {
    new RegExp(source, flags);
  } catch (err) {
    // A translation bug, not a user error: say so rather than run something else.
    throw new PyRegexError(`no JavaScript translation (${(err as Error).message})`, 0);
  }
  const requiredLiterals = altLiterals(alt) ?? [];
  let pureLiteral: string | null = null;
  const only = alt.branches[0];
  if (alt.branches.length === 1 && only && only.length > 0 && only.every((n) => n.kind === 'lit' && !n.icase)) {
    pureLiteral = only.map((n) => (n.kind === 'lit' ? String.fromCodePoint(n.cp) : '')).join('');
  }
  const anchoredStart = anchored(alt);
  const prefixes = anchoredStart ? alt.branches.map(branchPrefix) : null;
  // Leaving a lookaround out renumbers nothing only when nothing refers to groups by number.
  const prune = containsBackref(alt) ? { nodes: new Set<Node>(), literals: [] } : prunableLookarounds(alt);
  return {
    translated: { pattern, source, flags, anchoredStart, requiredLiterals, pureLiteral, unicodeSensitive: parser.unicodeSensitive },
    analysis: { alt, prefixes: prefixes && prefixes.every((p) => p.length > 0) ? prefixes : null, pruneNodes: prune.nodes, pruneLiterals: prune.literals },
  };
}

/** Translate a Python `re` pattern; throws PyRegexError (with the offset) when it is invalid in Python or has no exact JavaScript form. */
export function translatePythonRegex(pattern: string): TranslatedRegex {
  return analyse(pattern).translated;
}

/**
 * Steps one search may take on the backtracker: 0.2-0.4 s on an idle machine, a few seconds on a
 * loaded one. The real Tempest filters with lookarounds stay under a hundredth of it on every real
 * id (the bounded-regex test checks that); a polynomial pattern Python runs in tens of
 * milliseconds on a long id (`(?s)(?i:.+){2}[]a]?(?<!a)tempest...`, a few million steps, from the
 * random oracle tests) still fits; an exponential one stops here instead of running for hours.
 */
export const BACKTRACK_BUDGET = 10_000_000;

/** A search that ran out of steps: the pattern needs RE2-free constructs and backtracks too much on `subject`. */
export class PyRegexBudgetError extends Error {
  readonly pattern: string;
  readonly subject: string;
  readonly why: string;
  constructor(pattern: string, subject: string, why: string) {
    super(`regex '${pattern}' took ${why} on '${subject}'`);
    this.name = 'PyRegexBudgetError';
    this.pattern = pattern;
    this.subject = subject;
    this.why = why;
  }
}

/** Which engine a tree runs on, for tests and --explain. */
export type Engine = 'regexp' | 're2' | 'backtrack';

interface Runner {
  engine: Engine;
  test: (s: string) => boolean;
}

/**
 * The fastest engine that is exact and cannot hang: V8's RegExp when backtracking is provably
 * linear on the tree, else RE2 when it can say the tree, else the bounded backtracker.
 */
function runner(pattern: string, alt: Alt, drop: Set<Node> | undefined, icase: boolean, anchoredStart: boolean, budget: number): Runner {
  let bt: Backtracker | undefined;
  const backtrack = (s: string): boolean => {
    bt ??= compileBacktracker(alt, { anchoredStart, budget, drop });
    try {
      return bt.search(s);
    } catch (err) {
      if (err instanceof BudgetExceeded) throw new PyRegexBudgetError(pattern, err.subject, err.message);
      throw err;
    }
  };
  const seen = { dollar: false };
  const src = re2Alt(alt, drop, seen);
  if (src === null) return { engine: 'backtrack', test: backtrack };
  if (backtrackingIsLinear(alt, drop, anchoredStart)) {
    // Anchored: a sticky regexp tries offset 0 only, which is all re.search could match.
    const re = new RegExp(emitAlt(alt, drop), (icase ? 'iu' : 'u') + (anchoredStart ? 'y' : ''));
    return {
      engine: 'regexp',
      test: (s) => {
        re.lastIndex = 0;
        return re.test(s);
      },
    };
  }
  const re2 = (x: string): RE2JS | null => {
    try {
      return RE2JS.compile(icase ? `(?i)${x}` : x);
    } catch {
      // Past RE2's limits (a repeat count over 1000, a program too large): the backtracker's budget bounds it instead.
      return null;
    }
  };
  const r = re2(src);
  if (!r) return { engine: 'backtrack', test: backtrack };
  if (!seen.dollar) return { engine: 're2', test: (s) => r.test(s) };
  // Python's `$` is also true before a newline that ends the subject. When that newline is the
  // subject's only one, RE2's multi-line `$` is true at exactly the same two places.
  let lastLine: RE2JS | null | undefined;
  return {
    engine: 're2',
    test: (s) => {
      const nl = s.indexOf('\n');
      if (nl < 0) return r.test(s);
      if (nl === s.length - 1) {
        lastLine ??= re2(re2Alt(alt, drop, { dollar: false }, '(?m:$)') as string);
        if (lastLine) return lastLine.test(s);
      }
      return backtrack(s);
    },
  };
}

/** A compiled `re.search` equivalent. */
export interface PySearch {
  readonly translated: TranslatedRegex;
  /** The engine for subjects that contain a prunable lookaround's literal (or every subject, when nothing is prunable). */
  readonly engine: Engine | 'literal';
  search(this: void, subject: string): boolean;
}

/**
 * `re.search(pattern, subject) is not None`, fast and bounded: every shortcut below only skips
 * work whose outcome is already decided, so the result is the full pattern's result. Throws
 * PyRegexBudgetError when a pattern RE2 cannot run backtracks past the budget on `subject`.
 */
export function compilePythonSearch(pattern: string, opts: { budget?: number } = {}): PySearch {
  const budget = opts.budget ?? BACKTRACK_BUDGET;
  const { translated: t, analysis: a } = analyse(pattern);
  if (t.pureLiteral !== null) {
    const lit = t.pureLiteral;
    return { translated: t, engine: 'literal', search: (s) => s.includes(lit) };
  }
  const icase = t.flags.includes('i');
  const full = runner(pattern, a.alt, undefined, icase, t.anchoredStart, budget);
  const simple = a.pruneNodes.size ? runner(pattern, a.alt, a.pruneNodes, icase, t.anchoredStart, budget) : null;
  const anyIn = (xs: string[], s: string): boolean => {
    for (const x of xs) if (s.includes(x)) return true;
    return false;
  };
  const anyPrefix = (xs: string[], s: string): boolean => {
    for (const x of xs) if (s.startsWith(x)) return true;
    return false;
  };
  // A cheap necessary condition: a literal prefix (anchored) or a required literal.
  const prefixes = a.prefixes;
  const lits = t.requiredLiterals;
  const p0 = prefixes?.length === 1 ? (prefixes[0] as string) : null;
  const l0 = lits.length === 1 ? (lits[0] as string) : null;
  const gate: (s: string) => boolean = prefixes
    ? p0 !== null
      ? (s) => s.startsWith(p0)
      : (s) => anyPrefix(prefixes, s)
    : l0 !== null
      ? (s) => s.includes(l0)
      : lits.length
        ? (s) => anyIn(lits, s)
        : () => true;
  const pruneLits = a.pruneLiterals;
  const f = full.test;
  const search = simple ? (s: string): boolean => gate(s) && (anyIn(pruneLits, s) ? f(s) : simple.test(s)) : (s: string): boolean => gate(s) && f(s);
  return { translated: t, engine: full.engine, search };
}
