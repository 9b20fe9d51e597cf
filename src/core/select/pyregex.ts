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

type Node =
  | { kind: 'lit'; cp: number; icase: boolean }
  | { kind: 'raw'; js: string; width: 1 } // a class, `.`, or a class escape: one code point
  | { kind: 'assert'; js: string; anchor: 'start' | 'none' }
  | { kind: 'group'; capture: boolean; name?: string; flags?: string; body: Alt }
  | { kind: 'look'; behind: boolean; negative: boolean; body: Alt }
  | { kind: 'backref'; index: number; name?: string }
  | { kind: 'repeat'; node: Node; min: number; max: number; lazy: boolean };
interface Alt {
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
        return { kind: 'raw', js: flags.s ? '[\\s\\S]' : '[^\\n]', width: 1 };
      case '^':
        this.pos++;
        return flags.m ? { kind: 'assert', js: '(?<![^\\n])', anchor: 'none' } : { kind: 'assert', js: '^', anchor: 'start' };
      case '$':
        this.pos++;
        // Python's `$` also matches before a newline that ends the string; JavaScript's does not.
        return { kind: 'assert', js: flags.m ? '(?=\\n|$)' : '(?=\\n?$)', anchor: 'none' };
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
        return { kind: 'backref', index, name };
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
    if (c === '<') this.fail('unknown extension ?<' + (this.src[this.pos + 1] ?? '') + " (Python names groups with (?P<name>...))", at + 1);
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
        return { kind: 'assert', js: '^', anchor: 'start' };
      case 'Z':
        return { kind: 'assert', js: '$', anchor: 'none' };
      case 'b':
        this.sensitive(flags);
        return { kind: 'assert', js: '\\b', anchor: 'none' };
      case 'B':
        this.sensitive(flags);
        return { kind: 'assert', js: '\\B', anchor: 'none' };
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return { kind: 'raw', js: this.classEscape(c, flags, false), width: 1 };
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
      return { kind: 'backref', index };
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
        if (typeof lo === 'number' && flags.i && lo > 0x7f) this.fail('a non-ASCII character under IGNORECASE has no provably equal JavaScript translation', itemAt);
        parts.push(typeof lo === 'string' ? lo : cpEscape(lo));
      }
    }
    if (flags.i) this.sensitive(flags);
    return { kind: 'raw', js: `[${negate ? '^' : ''}${parts.join('')}]`, width: 1 };
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
      else if (n.kind === 'assert' || n.kind === 'look') continue; // zero-width: the run goes on
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
      const q = n.min === 0 && n.max === Infinity ? '*' : n.min === 1 && n.max === Infinity ? '+' : n.min === 0 && n.max === 1 ? '?' : n.max === Infinity ? `{${n.min},}` : n.min === n.max ? `{${n.min}}` : `{${n.min},${n.max}}`;
      return `(?:${inner})${q}${n.lazy ? '?' : ''}`;
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
  prefixes: string[] | null;
  simplifiedSource: string | null;
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
  const simplifiedSource = prune.nodes.size ? emitAlt(alt, prune.nodes) : null;
  return {
    translated: { pattern, source, flags, anchoredStart, requiredLiterals, pureLiteral, unicodeSensitive: parser.unicodeSensitive },
    analysis: { prefixes: prefixes && prefixes.every((p) => p.length > 0) ? prefixes : null, simplifiedSource, pruneLiterals: prune.literals },
  };
}

/** Translate a Python `re` pattern; throws PyRegexError (with the offset) when it is invalid in Python or has no exact JavaScript form. */
export function translatePythonRegex(pattern: string): TranslatedRegex {
  return analyse(pattern).translated;
}

/** A compiled `re.search` equivalent. */
export interface PySearch {
  readonly translated: TranslatedRegex;
  search(subject: string): boolean;
}

/**
 * `re.search(pattern, subject) is not None`, fast: every shortcut below only skips work whose
 * outcome is already decided, so the result is the full regex's result.
 */
export function compilePythonSearch(pattern: string): PySearch {
  const { translated: t, analysis: a } = analyse(pattern);
  if (t.pureLiteral !== null) {
    const lit = t.pureLiteral;
    return { translated: t, search: (s) => s.includes(lit) };
  }
  // Anchored: a sticky regexp tries offset 0 only, which is all re.search could match.
  const sticky = t.anchoredStart ? 'y' : '';
  const re = new RegExp(t.source, t.flags + sticky);
  const simple = a.simplifiedSource !== null ? new RegExp(a.simplifiedSource, t.flags + sticky) : null;
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
  const search = simple
    ? (s: string): boolean => {
        if (!gate(s)) return false;
        const r = anyIn(pruneLits, s) ? re : simple;
        r.lastIndex = 0;
        return r.test(s);
      }
    : (s: string): boolean => {
        if (!gate(s)) return false;
        re.lastIndex = 0;
        return re.test(s);
      };
  return { translated: t, search };
}
