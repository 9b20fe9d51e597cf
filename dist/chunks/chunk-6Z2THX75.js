import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  RE2JS
} from "./chunk-X4FZVZJY.js";
import {
  UserError
} from "./chunk-MY7TWMR2.js";

// src/core/select/backtrack.ts
var BudgetExceeded = class extends Error {
  subject;
  constructor(subject, why) {
    super(why);
    this.name = "BudgetExceeded";
    this.subject = subject;
  }
};
var cpLen = (s, p) => {
  const c = s.charCodeAt(p);
  return c >= 55296 && c <= 56319 && p + 1 < s.length && (s.charCodeAt(p + 1) & 64512) === 56320 ? 2 : 1;
};
function back(s, p, n) {
  for (let i = 0; i < n; i++) {
    if (p <= 0) return -1;
    p--;
    if (p > 0 && (s.charCodeAt(p) & 64512) === 56320 && (s.charCodeAt(p - 1) & 64512) === 55296) p--;
  }
  return p;
}
var asciiLower = (c) => c >= 65 && c <= 90 ? c + 32 : c;
function groupCount(alt) {
  let n = 0;
  const visit = (x) => {
    if (x.kind === "group") {
      if (x.capture) n++;
      x.body.branches.forEach((b) => b.forEach(visit));
    } else if (x.kind === "look") x.body.branches.forEach((b) => b.forEach(visit));
    else if (x.kind === "repeat") visit(x.node);
  };
  alt.branches.forEach((b) => b.forEach(visit));
  return n;
}
function compileBacktracker(alt, opts) {
  const st = { s: "", steps: 0, caps: new Int32Array(2 * (groupCount(alt) + 1)) };
  const budget = opts.budget;
  let groups = 0;
  const done = () => true;
  const step = () => {
    if (++st.steps > budget) throw new BudgetExceeded(st.s, `more than ${budget} backtracking steps`);
  };
  const sticky = (js, icase) => new RegExp(js, icase ? "iuy" : "uy");
  const single = (n) => {
    if (n.kind === "lit" && !n.icase) {
      const cp = n.cp;
      const w = cp > 65535 ? 2 : 1;
      return (p) => st.s.codePointAt(p) === cp ? p + w : -1;
    }
    if (n.kind === "lit" || n.kind === "raw") {
      const re = sticky(n.kind === "raw" ? n.js : `\\u{${n.cp.toString(16)}}`, n.icase);
      const ascii = new Uint8Array(128);
      for (let c = 0; c < 128; c++) {
        re.lastIndex = 0;
        ascii[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
      }
      return (p) => {
        const s = st.s;
        if (p >= s.length) return -1;
        const c = s.charCodeAt(p);
        if (c < 128) return ascii[c] ? p + 1 : -1;
        re.lastIndex = p;
        return re.test(s) ? p + cpLen(s, p) : -1;
      };
    }
    return null;
  };
  const alternation = (a) => {
    const branches = a.branches.map(sequence);
    if (branches.length === 1) return branches[0];
    return (p, k) => {
      for (const b of branches) if (b(p, k)) return true;
      return false;
    };
  };
  const sequence = (items) => {
    const ms = items.map((n) => node(n));
    if (ms.length === 0) return (p, k) => k(p);
    let out = ms[ms.length - 1];
    for (let i = ms.length - 2; i >= 0; i--) {
      const m = ms[i];
      const next = out;
      out = (p, k) => m(p, (q) => next(q, k));
    }
    return out;
  };
  const node = (n) => {
    if (opts.drop?.has(n)) return (p, k) => k(p);
    switch (n.kind) {
      case "lit":
      case "raw": {
        const one = single(n);
        return (p, k) => {
          step();
          const q = one(p);
          return q >= 0 && k(q);
        };
      }
      case "assert": {
        const re = sticky(n.js, n.icase);
        return (p, k) => {
          step();
          re.lastIndex = p;
          return re.test(st.s) && k(p);
        };
      }
      case "group": {
        const g = n.capture ? ++groups : 0;
        const body = alternation(n.body);
        if (!n.capture) return body;
        return (p, k) => body(p, (q) => {
          const c = st.caps;
          const os = c[2 * g];
          const oe = c[2 * g + 1];
          c[2 * g] = p;
          c[2 * g + 1] = q;
          if (k(q)) return true;
          c[2 * g] = os;
          c[2 * g + 1] = oe;
          return false;
        });
      }
      case "backref": {
        const g = n.index;
        const icase = n.icase;
        return (p, k) => {
          step();
          const s = st.s;
          const a = st.caps[2 * g];
          const e = st.caps[2 * g + 1];
          if (a < 0) return false;
          const len = e - a;
          if (p + len > s.length) return false;
          for (let i = 0; i < len; i++) {
            const x = s.charCodeAt(a + i);
            const y = s.charCodeAt(p + i);
            if (x !== y && !(icase && asciiLower(x) === asciiLower(y))) return false;
          }
          return k(p + len);
        };
      }
      case "look": {
        const body = alternation(n.body);
        const negative = n.negative;
        const w = n.behind ? lookWidth(n.body) : 0;
        const keeps = groupCount(n.body) > 0;
        const behind = n.behind;
        return (p, k) => {
          step();
          const start = behind ? back(st.s, p, w) : p;
          const saved = keeps ? st.caps.slice() : null;
          const hit = start >= 0 && body(start, behind ? (q) => q === p : done);
          if (negative) {
            if (saved) st.caps.set(saved);
            return !hit && k(p);
          }
          if (!hit) return false;
          if (k(p)) return true;
          if (saved) st.caps.set(saved);
          return false;
        };
      }
      case "repeat":
        return repeat(n);
    }
  };
  const repeat = (n) => {
    const { min, max, lazy } = n;
    const one = single(n.node);
    if (one) {
      return (p, k) => {
        step();
        let q = p;
        let count = 0;
        for (; count < min; count++) {
          step();
          q = one(q);
          if (q < 0) return false;
        }
        if (lazy) {
          for (; ; ) {
            if (k(q)) return true;
            if (count >= max) return false;
            step();
            q = one(q);
            if (q < 0) return false;
            count++;
          }
        }
        const first = q;
        while (count < max) {
          step();
          const r = one(q);
          if (r < 0) break;
          q = r;
          count++;
        }
        for (; ; ) {
          step();
          if (k(q)) return true;
          if (q === first) return false;
          q = back(st.s, q, 1);
        }
      };
    }
    const inner = node(n.node);
    const loop = (p, count, k) => {
      step();
      if (count < min) return inner(p, (q) => loop(q, count + 1, k));
      const more = (q) => q === p ? k(q) : loop(q, count + 1, k);
      if (lazy) return k(p) || count < max && inner(p, more);
      return count < max && inner(p, more) || k(p);
    };
    return (p, k) => loop(p, 0, k);
  };
  const root = alternation(alt);
  return {
    search(s) {
      st.s = s;
      st.steps = 0;
      try {
        for (let p = 0; p <= s.length; p += p < s.length ? cpLen(s, p) : 1) {
          st.caps.fill(-1);
          if (root(p, done)) return true;
          if (opts.anchoredStart) return false;
        }
        return false;
      } catch (err) {
        if (err instanceof RangeError) throw new BudgetExceeded(s, "too deep a backtracking recursion");
        throw err;
      }
    }
  };
}
function lookWidth(alt) {
  const seq = alt.branches[0] ?? [];
  let w = 0;
  for (const n of seq) w += nodeFixedWidth(n);
  return w;
}
function nodeFixedWidth(n) {
  switch (n.kind) {
    case "lit":
    case "raw":
      return 1;
    case "assert":
    case "look":
    case "backref":
      return 0;
    case "group":
      return lookWidth(n.body);
    case "repeat":
      return n.max === 0 ? 0 : nodeFixedWidth(n.node) * n.min;
  }
}

// src/core/select/pyregex.ts
var PyRegexError = class extends Error {
  offset;
  constructor(message, offset) {
    super(message);
    this.name = "PyRegexError";
    this.offset = offset;
  }
};
var PY_UNICODE_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
var PY_ASCII_SPACE = "\\t\\n\\v\\f\\r ";
var isDigit = (c) => c !== void 0 && c >= "0" && c <= "9";
var isOct = (c) => c !== void 0 && c >= "0" && c <= "7";
var isHex = (s) => /^[0-9a-fA-F]+$/.test(s);
function cpEscape(cp) {
  if (cp >= 48 && cp <= 57 || cp >= 65 && cp <= 90 || cp >= 97 && cp <= 122 || cp === 95) return String.fromCodePoint(cp);
  return `\\u{${cp.toString(16)}}`;
}
var Parser = class {
  pos = 0;
  groupCount = 0;
  closedGroups = /* @__PURE__ */ new Set();
  names = /* @__PURE__ */ new Map();
  unicodeSensitive = false;
  globalFlags = { i: false, m: false, s: false, x: false, a: false };
  src;
  constructor(src) {
    this.src = src;
  }
  fail(message, at = this.pos) {
    throw new PyRegexError(message, at);
  }
  parse() {
    this.readGlobalFlags();
    const alt = this.alternation({ ...this.globalFlags }, 0);
    if (this.pos < this.src.length) this.fail("unbalanced parenthesis");
    return alt;
  }
  // Python 3.11 accepts global flags only at the very start: `(?i)`, `(?x)`, ... possibly repeated.
  readGlobalFlags() {
    for (; ; ) {
      const m = /^\(\?([aiLmsux]+)\)/.exec(this.src.slice(this.pos));
      if (!m) return;
      for (const f of m[1] ?? "") this.setFlag(this.globalFlags, f, this.pos);
      this.pos += m[0].length;
    }
  }
  setFlag(flags, f, at) {
    if (f === "L") this.fail("bad inline flag: cannot use LOCALE flag with a str pattern", at);
    if (f === "u") return;
    if (f === "i" || f === "m" || f === "s" || f === "x" || f === "a") flags[f] = true;
    else this.fail(`unknown flag '${f}'`, at);
  }
  skipVerbose(flags) {
    if (!flags.x) return;
    for (; ; ) {
      const c = this.src[this.pos];
      if (c === void 0) return;
      if (" 	\n\r\v\f".includes(c)) this.pos++;
      else if (c === "#") {
        while (this.pos < this.src.length && this.src[this.pos] !== "\n") this.pos++;
      } else return;
    }
  }
  alternation(flags, depth) {
    const branches = [this.sequence(flags, depth)];
    while (this.src[this.pos] === "|") {
      this.pos++;
      branches.push(this.sequence(flags, depth));
    }
    return { branches };
  }
  sequence(flags, depth) {
    const items = [];
    for (; ; ) {
      this.skipVerbose(flags);
      const c = this.src[this.pos];
      if (c === void 0 || c === "|") return items;
      if (c === ")") {
        if (depth === 0) this.fail("unbalanced parenthesis");
        return items;
      }
      const atom = this.atom(flags, depth);
      if (atom === null) continue;
      this.skipVerbose(flags);
      items.push(this.quantified(atom, flags));
    }
  }
  quantified(atom, flags) {
    let node = atom;
    let repeated = false;
    for (; ; ) {
      const at = this.pos;
      const q = this.quantifier();
      if (!q) return node;
      if (repeated) this.fail("multiple repeat", at);
      if (node.kind === "assert") this.fail("nothing to repeat", at);
      if (node.kind === "look") this.fail("a quantified lookaround assertion has no JavaScript equivalent; rewrite the pattern", at);
      if (this.src[this.pos] === "+") this.fail("possessive quantifiers have no JavaScript equivalent", this.pos);
      let lazy = false;
      if (this.src[this.pos] === "?") {
        lazy = true;
        this.pos++;
      }
      node = { kind: "repeat", node, min: q.min, max: q.max, lazy };
      repeated = true;
      this.skipVerbose(flags);
    }
  }
  quantifier() {
    const c = this.src[this.pos];
    if (c === "*") return this.pos++, { min: 0, max: Infinity };
    if (c === "+") return this.pos++, { min: 1, max: Infinity };
    if (c === "?") return this.pos++, { min: 0, max: 1 };
    if (c !== "{") return null;
    const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!m) return null;
    const lo = m[1] ?? "";
    const hi = m[3] ?? "";
    if (lo === "" && m[2] === void 0) return null;
    const min = lo === "" ? 0 : Number(lo);
    const max = m[2] === void 0 ? min : hi === "" ? Infinity : Number(hi);
    if (min > 4294967295 || max !== Infinity && max > 4294967295) this.fail("the repetition number is too large");
    if (max < min) this.fail("min repeat greater than max repeat", this.pos + 1);
    this.pos += m[0].length;
    return { min, max };
  }
  atom(flags, depth) {
    const c = this.src[this.pos];
    const at = this.pos;
    switch (c) {
      case "(":
        return this.group(flags, depth);
      case "[":
        return this.charClass(flags);
      case ".":
        this.pos++;
        return { kind: "raw", js: flags.s ? "[\\s\\S]" : "[^\\n]", width: 1, icase: flags.i };
      case "^":
        this.pos++;
        return flags.m ? { kind: "assert", js: "(?<![^\\n])", re2: "(?m:^)", anchor: "none", icase: flags.i } : { kind: "assert", js: "^", re2: "\\A", anchor: "start", icase: flags.i };
      case "$":
        this.pos++;
        return flags.m ? { kind: "assert", js: "(?=\\n|$)", re2: "(?m:$)", anchor: "none", icase: flags.i } : { kind: "assert", js: "(?=\\n?$)", re2: "\\z", anchor: "none", icase: flags.i, dollar: true };
      case "\\":
        return this.escape(flags);
      case "*":
      case "+":
      case "?":
        return this.fail("nothing to repeat", at);
      case "{": {
        if (this.quantifier()) this.fail("nothing to repeat", at);
        this.pos = at + 1;
        return { kind: "lit", cp: 123, icase: flags.i };
      }
      default: {
        const cp = this.src.codePointAt(this.pos);
        this.pos += cp > 65535 ? 2 : 1;
        return this.literal(cp, flags);
      }
    }
  }
  literal(cp, flags) {
    if (flags.i) {
      if (cp > 127) this.fail("a non-ASCII character under IGNORECASE has no provably equal JavaScript translation", this.pos - 1);
      if (!flags.a) this.unicodeSensitive = true;
    }
    return { kind: "lit", cp, icase: flags.i };
  }
  group(flags, depth) {
    const at = this.pos;
    this.pos++;
    if (this.src[this.pos] !== "?") return this.capture(flags, depth, void 0, at);
    this.pos++;
    const c = this.src[this.pos];
    if (c === ":") {
      this.pos++;
      return this.closeGroup({ kind: "group", capture: false, body: this.alternation(flags, depth + 1) }, at);
    }
    if (c === "P") {
      const named = /^P<([^>]*)>/.exec(this.src.slice(this.pos));
      if (named) {
        const name = named[1] ?? "";
        if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]*$/u.test(name)) this.fail(`bad character in group name '${name}'`, this.pos + 2);
        if (this.names.has(name)) this.fail(`redefinition of group name '${name}'`, this.pos + 2);
        this.pos += named[0].length;
        return this.capture(flags, depth, name, at);
      }
      const ref = /^P=([^)]*)\)/.exec(this.src.slice(this.pos));
      if (ref) {
        const name = ref[1] ?? "";
        const index = this.names.get(name);
        if (index === void 0) this.fail(`unknown group name '${name}'`, this.pos + 2);
        if (!this.closedGroups.has(index)) this.fail("cannot refer to an open group", at);
        this.pos += ref[0].length;
        if (flags.i) this.sensitive(flags);
        return { kind: "backref", index, name, icase: flags.i };
      }
      this.fail("unknown extension ?P", at + 1);
    }
    if (c === "=" || c === "!") {
      this.pos++;
      return this.closeGroup({ kind: "look", behind: false, negative: c === "!", body: this.alternation(flags, depth + 1) }, at);
    }
    if (c === "<" && (this.src[this.pos + 1] === "=" || this.src[this.pos + 1] === "!")) {
      const negative = this.src[this.pos + 1] === "!";
      this.pos += 2;
      const body = this.alternation(flags, depth + 1);
      const [min, max] = width(body);
      if (min !== max) this.fail("look-behind requires fixed-width pattern", at);
      if (containsBackref(body)) this.fail("group references in look-behind assertions are not supported", at);
      return this.closeGroup({ kind: "look", behind: true, negative, body }, at);
    }
    if (c === "#") {
      const end = this.src.indexOf(")", this.pos);
      if (end < 0) this.fail("missing ), unterminated comment", at);
      this.pos = end + 1;
      return null;
    }
    if (c === ">") this.fail("atomic groups (?>...) have no JavaScript equivalent", at);
    if (c === "(") this.fail("conditional groups (?(id)yes|no) have no JavaScript equivalent", at);
    const m = /^([aimsux]*)(?:-([imsx]*))?(:|\))/.exec(this.src.slice(this.pos));
    if (m && (m[1] || m[2] !== void 0)) {
      if (m[3] === ")") this.fail("global flags not at the start of the expression", at);
      const scoped = { ...flags };
      for (const f of m[1] ?? "") this.setFlag(scoped, f, this.pos);
      for (const f of m[2] ?? "") {
        if (f === "i" || f === "m" || f === "s" || f === "x") scoped[f] = false;
      }
      if (m[2] === "") this.fail("missing flag", this.pos + (m[1] ?? "").length + 1);
      this.pos += m[0].length;
      let jsFlags = "";
      if (scoped.i !== flags.i) jsFlags = scoped.i ? "i" : "-i";
      return this.closeGroup({ kind: "group", capture: false, flags: jsFlags, body: this.alternation(scoped, depth + 1) }, at);
    }
    if (c === "<") this.fail("unknown extension ?<" + (this.src[this.pos + 1] ?? "") + " (Python names groups with (?P<name>...))", at + 1);
    this.fail(`unknown extension ?${c ?? ""}`, at + 1);
  }
  capture(flags, depth, name, at) {
    const index = ++this.groupCount;
    if (name !== void 0) this.names.set(name, index);
    const node = { kind: "group", capture: true, name, body: this.alternation(flags, depth + 1) };
    this.closeGroup(node, at);
    this.closedGroups.add(index);
    return node;
  }
  closeGroup(node, at) {
    if (this.src[this.pos] !== ")") this.fail("missing ), unterminated subpattern", at);
    this.pos++;
    return node;
  }
  sensitive(flags) {
    if (!flags.a) this.unicodeSensitive = true;
  }
  /** An escape outside a class. */
  escape(flags) {
    const at = this.pos;
    const c = this.src[this.pos + 1];
    if (c === void 0) this.fail("bad escape (end of pattern)", at);
    this.pos += 2;
    switch (c) {
      case "A":
        return { kind: "assert", js: "^", re2: "\\A", anchor: "start", icase: flags.i };
      case "Z":
        return { kind: "assert", js: "$", re2: "\\z", anchor: "none", icase: flags.i };
      case "b":
        this.sensitive(flags);
        return { kind: "assert", js: "\\b", re2: "\\b", anchor: "none", icase: flags.i };
      case "B":
        this.sensitive(flags);
        return { kind: "assert", js: "\\B", re2: "\\B", anchor: "none", icase: flags.i };
      case "d":
      case "D":
      case "w":
      case "W":
      case "s":
      case "S":
        return { kind: "raw", js: this.classEscape(c, flags, false), width: 1, icase: flags.i };
    }
    if (isDigit(c)) {
      if (c === "0") return this.literal(this.octal(at + 1), flags);
      const d2 = this.src[this.pos];
      const d3 = this.src[this.pos + 1];
      if (isOct(c) && isOct(d2) && isOct(d3)) {
        const v = parseInt(c + d2 + d3, 8);
        if (v > 255) this.fail(`octal escape value \\${c}${d2}${d3} outside of range 0-0o377`, at);
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
      if (!this.closedGroups.has(index)) this.fail("cannot refer to an open group", at);
      if (flags.i) this.sensitive(flags);
      return { kind: "backref", index, icase: flags.i };
    }
    return this.literal(this.charEscape(c, at), flags);
  }
  /** `\0`, `\0o`, `\0oo`: octal after a leading zero. `start` is the offset of the `0`. */
  octal(start) {
    let s = "0";
    this.pos = start + 1;
    while (s.length < 3 && isOct(this.src[this.pos])) s += this.src[this.pos++];
    return parseInt(s, 8);
  }
  /** Escapes that stand for one character (shared by classes). `this.pos` is after `\c`. */
  charEscape(c, at) {
    switch (c) {
      case "a":
        return 7;
      case "f":
        return 12;
      case "n":
        return 10;
      case "r":
        return 13;
      case "t":
        return 9;
      case "v":
        return 11;
      case "x":
      case "u":
      case "U": {
        const len = c === "x" ? 2 : c === "u" ? 4 : 8;
        const hex = this.src.slice(this.pos, this.pos + len);
        if (hex.length !== len || !isHex(hex)) this.fail(`incomplete escape \\${c}${hex}`, at);
        this.pos += len;
        const v = parseInt(hex, 16);
        if (v > 1114111) this.fail(`bad escape \\${c}${hex}`, at);
        return v;
      }
      case "N":
        this.fail("\\N{...} named characters are not supported; write the character or \\uXXXX", at);
    }
    if (/[A-Za-z0-9]/.test(c)) this.fail(`bad escape \\${c}`, at);
    const cp = this.src.codePointAt(at + 1);
    this.pos = at + 1 + (cp > 65535 ? 2 : 1);
    return cp;
  }
  /** \d \D \w \W \s \S as JavaScript; inside a class when `inClass`. */
  classEscape(c, flags, inClass) {
    switch (c) {
      case "d":
        this.sensitive(flags);
        return inClass ? "0-9" : "[0-9]";
      case "D":
        this.sensitive(flags);
        return inClass ? "\\D" : "[^0-9]";
      case "w":
        this.sensitive(flags);
        return "\\w";
      case "W":
        this.sensitive(flags);
        return "\\W";
      case "s": {
        const set = flags.a ? PY_ASCII_SPACE : PY_UNICODE_SPACE;
        return inClass ? set : `[${set}]`;
      }
      default: {
        if (inClass) this.fail("\\S inside a character class has no provably equal JavaScript translation; use (?!\\s) or list the characters", this.pos - 2);
        return `[^${flags.a ? PY_ASCII_SPACE : PY_UNICODE_SPACE}]`;
      }
    }
  }
  charClass(flags) {
    const at = this.pos;
    this.pos++;
    let negate = false;
    if (this.src[this.pos] === "^") {
      negate = true;
      this.pos++;
    }
    const parts = [];
    let first = true;
    for (; ; ) {
      const c = this.src[this.pos];
      if (c === void 0) this.fail("unterminated character set", at);
      if (c === "]" && !first) {
        this.pos++;
        break;
      }
      first = false;
      const itemAt = this.pos;
      const lo = this.classItem(flags);
      if (this.src[this.pos] === "-" && this.src[this.pos + 1] !== void 0 && this.src[this.pos + 1] !== "]") {
        this.pos++;
        const hi = this.classItem(flags);
        if (typeof lo === "string" || typeof hi === "string") this.fail("bad character range", itemAt);
        if (hi < lo) this.fail("bad character range", itemAt);
        if (flags.i && (lo > 127 || hi > 127)) this.fail("a non-ASCII range under IGNORECASE has no provably equal JavaScript translation", itemAt);
        parts.push(`${cpEscape(lo)}-${cpEscape(hi)}`);
      } else {
        if (typeof lo === "number" && flags.i && lo > 127)
          this.fail("a non-ASCII character under IGNORECASE has no provably equal JavaScript translation", itemAt);
        parts.push(typeof lo === "string" ? lo : cpEscape(lo));
      }
    }
    if (flags.i) this.sensitive(flags);
    return { kind: "raw", js: `[${negate ? "^" : ""}${parts.join("")}]`, width: 1, icase: flags.i };
  }
  /** One class member: a code point, or a JavaScript class fragment for \d \w \s. */
  classItem(flags) {
    const c = this.src[this.pos];
    const at = this.pos;
    if (c !== "\\") {
      const cp = this.src.codePointAt(this.pos);
      this.pos += cp > 65535 ? 2 : 1;
      return cp;
    }
    const e = this.src[this.pos + 1];
    if (e === void 0) this.fail("bad escape (end of pattern)", at);
    this.pos += 2;
    if ("dDwWsS".includes(e)) return this.classEscape(e, flags, true);
    if (e === "b") return 8;
    if (isDigit(e)) {
      if (!isOct(e)) this.fail(`bad escape \\${e}`, at);
      let s = e;
      while (s.length < 3 && isOct(this.src[this.pos])) s += this.src[this.pos++];
      const v = parseInt(s, 8);
      if (v > 255) this.fail(`octal escape value \\${s} outside of range 0-0o377`, at);
      if (e !== "0" && s.length < 3) this.fail(`bad escape \\${s}`, at);
      return v;
    }
    return this.charEscape(e, at);
  }
};
function width(alt) {
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
function nodeWidth(n) {
  switch (n.kind) {
    case "lit":
    case "raw":
      return [1, 1];
    case "assert":
    case "look":
      return [0, 0];
    case "backref":
      return [0, Infinity];
    case "group":
      return width(n.body);
    case "repeat": {
      const [a, b] = nodeWidth(n.node);
      return [a === 0 ? 0 : a * n.min, n.max === 0 || b === 0 ? 0 : b * n.max];
    }
  }
}
function containsBackref(alt) {
  return alt.branches.some((seq) => seq.some((n) => nodeHasBackref(n)));
}
function nodeHasBackref(n) {
  if (n.kind === "backref") return true;
  if (n.kind === "group" || n.kind === "look") return containsBackref(n.body);
  if (n.kind === "repeat") return nodeHasBackref(n.node);
  return false;
}
function anchored(alt) {
  return alt.branches.length > 0 && alt.branches.every((seq) => seq.some((n) => nodeAnchored(n)));
}
function nodeAnchored(n) {
  if (n.kind === "assert") return n.anchor === "start";
  if (n.kind === "group") return anchored(n.body);
  if (n.kind === "repeat") return n.min >= 1 && nodeAnchored(n.node);
  return false;
}
function seqLiterals(seq) {
  const runs = [];
  let cur = "";
  const flush = () => {
    if (cur) runs.push(cur);
    cur = "";
  };
  const walk = (items) => {
    for (const n of items) {
      if (n.kind === "lit" && !n.icase) cur += String.fromCodePoint(n.cp);
      else if (n.kind === "group" && n.body.branches.length === 1 && !n.flags) walk(n.body.branches[0] ?? []);
      else if (n.kind === "assert" || n.kind === "look")
        continue;
      else {
        flush();
        if (n.kind === "repeat" && n.min >= 1 && n.node.kind === "group" && n.node.body.branches.length === 1 && !n.node.flags) {
          for (const r of seqLiterals(n.node.body.branches[0] ?? [])) runs.push(r);
        } else if (n.kind === "repeat" && n.min >= 1 && n.node.kind === "lit" && !n.node.icase) {
          runs.push(String.fromCodePoint(n.node.cp));
        }
      }
    }
  };
  walk(seq);
  flush();
  return runs;
}
function emitAlt(alt, drop) {
  return alt.branches.map((seq) => seq.map((n) => emitNode(n, drop)).join("")).join("|");
}
function emitNode(n, drop) {
  if (drop?.has(n)) return "";
  switch (n.kind) {
    case "lit":
      return cpEscape(n.cp);
    case "raw":
    case "assert":
      return n.js;
    case "group":
      if (n.capture) return n.name !== void 0 ? `(?<${n.name}>${emitAlt(n.body, drop)})` : `(${emitAlt(n.body, drop)})`;
      return `(?${n.flags ?? ""}:${emitAlt(n.body, drop)})`;
    case "look":
      return `(?${n.behind ? "<" : ""}${n.negative ? "!" : "="}${emitAlt(n.body, drop)})`;
    case "backref":
      return n.name !== void 0 ? `\\k<${n.name}>` : `\\${n.index}(?:)`;
    case "repeat": {
      const inner = emitNode(n.node, drop);
      const q = n.min === 0 && n.max === Infinity ? "*" : n.min === 1 && n.max === Infinity ? "+" : n.min === 0 && n.max === 1 ? "?" : n.max === Infinity ? `{${n.min},}` : n.min === n.max ? `{${n.min}}` : `{${n.min},${n.max}}`;
      return `(?:${inner})${q}${n.lazy ? "?" : ""}`;
    }
  }
}
var re2Cp = (cp) => cp >= 48 && cp <= 57 || cp >= 65 && cp <= 90 || cp >= 97 && cp <= 122 || cp === 95 ? String.fromCodePoint(cp) : `\\x{${cp.toString(16)}}`;
var re2Class = (js) => js.replace(/\\u\{([0-9a-f]+)\}/g, "\\x{$1}").replace(/\\u([0-9a-f]{4})/g, "\\x{$1}");
function pathBound(alt, drop) {
  let c = 0;
  let d = 0;
  for (const seq of alt.branches) {
    let bc = 1;
    let bd = 0;
    for (const n of seq) {
      if (drop?.has(n)) continue;
      let x;
      if (n.kind === "lit" || n.kind === "raw" || n.kind === "assert") x = { c: 1, d: 0 };
      else if (n.kind === "group") x = pathBound(n.body, drop);
      else if (n.kind === "repeat") x = n.node.kind === "lit" || n.node.kind === "raw" ? n.max > n.min ? { c: 2, d: 1 } : { c: 1, d: 0 } : null;
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
function backtrackingIsLinear(alt, drop, anchoredStart) {
  const b = pathBound(alt, drop);
  return b !== null && b.c <= 1e3 && b.d + (anchoredStart ? 0 : 1) <= 1;
}
function re2Alt(alt, drop, seen, dollar = "\\z") {
  const out = [];
  for (const seq of alt.branches) {
    let b = "";
    for (const n of seq) {
      const x = re2Node(n, drop, seen, dollar);
      if (x === null) return null;
      b += x;
    }
    out.push(b);
  }
  return out.join("|");
}
function re2Node(n, drop, seen, dollar) {
  if (drop?.has(n)) return "";
  switch (n.kind) {
    case "lit":
      return re2Cp(n.cp);
    case "raw":
      return re2Class(n.js);
    case "assert":
      if (n.dollar) {
        seen.dollar = true;
        return dollar;
      }
      return n.re2;
    case "group": {
      const body = re2Alt(n.body, drop, seen, dollar);
      if (body === null) return null;
      return `(?${n.flags ?? ""}:${body})`;
    }
    case "look":
    case "backref":
      return null;
    case "repeat": {
      const inner = re2Node(n.node, drop, seen, dollar);
      if (inner === null) return null;
      const q = n.min === 0 && n.max === Infinity ? "*" : n.min === 1 && n.max === Infinity ? "+" : n.min === 0 && n.max === 1 ? "?" : n.max === Infinity ? `{${n.min},}` : n.min === n.max ? `{${n.min}}` : `{${n.min},${n.max}}`;
      return `(?:${inner})${q}`;
    }
  }
}
function altLiterals(alt) {
  const per = alt.branches.map((seq) => seqLiterals(seq).sort((a, b) => b.length - a.length)[0]);
  return per.every((l) => l !== void 0) ? per : null;
}
function branchPrefix(seq) {
  let out = "";
  const walk = (items) => {
    for (const n of items) {
      if (n.kind === "assert" || n.kind === "look") continue;
      if (n.kind === "lit" && !n.icase) out += String.fromCodePoint(n.cp);
      else if (n.kind === "group" && n.body.branches.length === 1 && !n.flags) {
        if (!walk(n.body.branches[0] ?? [])) return false;
      } else return false;
    }
    return true;
  };
  walk(seq);
  return out;
}
function prunableLookarounds(alt) {
  const nodes = /* @__PURE__ */ new Set();
  const literals = [];
  const visit = (n) => {
    if (n.kind === "look") {
      const lits = n.negative ? altLiterals(n.body) : null;
      if (lits) {
        nodes.add(n);
        literals.push(...lits);
        return;
      }
      n.body.branches.forEach((seq) => seq.forEach(visit));
    } else if (n.kind === "group") n.body.branches.forEach((seq) => seq.forEach(visit));
    else if (n.kind === "repeat") visit(n.node);
  };
  alt.branches.forEach((seq) => seq.forEach(visit));
  return { nodes, literals };
}
function analyse(pattern) {
  const parser = new Parser(pattern);
  const alt = parser.parse();
  const source = emitAlt(alt);
  const flags = parser.globalFlags.i ? "iu" : "u";
  try {
    new RegExp(source, flags);
  } catch (err) {
    throw new PyRegexError(`no JavaScript translation (${err.message})`, 0);
  }
  const requiredLiterals = altLiterals(alt) ?? [];
  let pureLiteral = null;
  const only = alt.branches[0];
  if (alt.branches.length === 1 && only && only.length > 0 && only.every((n) => n.kind === "lit" && !n.icase)) {
    pureLiteral = only.map((n) => n.kind === "lit" ? String.fromCodePoint(n.cp) : "").join("");
  }
  const anchoredStart = anchored(alt);
  const prefixes = anchoredStart ? alt.branches.map(branchPrefix) : null;
  const prune = containsBackref(alt) ? { nodes: /* @__PURE__ */ new Set(), literals: [] } : prunableLookarounds(alt);
  return {
    translated: { pattern, source, flags, anchoredStart, requiredLiterals, pureLiteral, unicodeSensitive: parser.unicodeSensitive },
    analysis: { alt, prefixes: prefixes && prefixes.every((p) => p.length > 0) ? prefixes : null, pruneNodes: prune.nodes, pruneLiterals: prune.literals }
  };
}
var BACKTRACK_BUDGET = 1e7;
var PyRegexBudgetError = class extends Error {
  pattern;
  subject;
  why;
  constructor(pattern, subject, why) {
    super(`regex '${pattern}' took ${why} on '${subject}'`);
    this.name = "PyRegexBudgetError";
    this.pattern = pattern;
    this.subject = subject;
    this.why = why;
  }
};
function runner(pattern, alt, drop, icase, anchoredStart, budget) {
  let bt;
  const backtrack = (s) => {
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
  if (src === null) return { engine: "backtrack", test: backtrack };
  if (backtrackingIsLinear(alt, drop, anchoredStart)) {
    const re = new RegExp(emitAlt(alt, drop), (icase ? "iu" : "u") + (anchoredStart ? "y" : ""));
    return {
      engine: "regexp",
      test: (s) => {
        re.lastIndex = 0;
        return re.test(s);
      }
    };
  }
  const re2 = (x) => {
    try {
      return RE2JS.compile(icase ? `(?i)${x}` : x);
    } catch {
      return null;
    }
  };
  const r = re2(src);
  if (!r) return { engine: "backtrack", test: backtrack };
  if (!seen.dollar) return { engine: "re2", test: (s) => r.test(s) };
  let lastLine;
  return {
    engine: "re2",
    test: (s) => {
      const nl = s.indexOf("\n");
      if (nl < 0) return r.test(s);
      if (nl === s.length - 1) {
        lastLine ??= re2(re2Alt(alt, drop, { dollar: false }, "(?m:$)"));
        if (lastLine) return lastLine.test(s);
      }
      return backtrack(s);
    }
  };
}
function compilePythonSearch(pattern, opts = {}) {
  const budget = opts.budget ?? BACKTRACK_BUDGET;
  const { translated: t, analysis: a } = analyse(pattern);
  if (t.pureLiteral !== null) {
    const lit = t.pureLiteral;
    return { translated: t, engine: "literal", search: (s) => s.includes(lit) };
  }
  const icase = t.flags.includes("i");
  const full = runner(pattern, a.alt, void 0, icase, t.anchoredStart, budget);
  const simple = a.pruneNodes.size ? runner(pattern, a.alt, a.pruneNodes, icase, t.anchoredStart, budget) : null;
  const anyIn = (xs, s) => {
    for (const x of xs) if (s.includes(x)) return true;
    return false;
  };
  const anyPrefix = (xs, s) => {
    for (const x of xs) if (s.startsWith(x)) return true;
    return false;
  };
  const prefixes = a.prefixes;
  const lits = t.requiredLiterals;
  const p0 = prefixes?.length === 1 ? prefixes[0] : null;
  const l0 = lits.length === 1 ? lits[0] : null;
  const gate = prefixes ? p0 !== null ? (s) => s.startsWith(p0) : (s) => anyPrefix(prefixes, s) : l0 !== null ? (s) => s.includes(l0) : lits.length ? (s) => anyIn(lits, s) : () => true;
  const pruneLits = a.pruneLiterals;
  const f = full.test;
  const search = simple ? (s) => gate(s) && (anyIn(pruneLits, s) ? f(s) : simple.test(s)) : (s) => gate(s) && f(s);
  return { translated: t, engine: full.engine, search };
}

// src/core/select/stestr.ts
var PY_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
var pyStrip = (s) => s.replace(PY_SPACE, "");
var SPLITLINES = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
var UNIVERSAL_NEWLINES = /\r\n|\r|\n/;
function testIdsOf(text) {
  const ids = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const id = line.startsWith("^") && line.endsWith("$") ? line.slice(1, -1).replace(/\\(.)/g, "$1").trim() : line;
    if (id !== "") ids.push(id);
  }
  return ids;
}
function readListFile(file, kind) {
  const entries = [];
  const lines = file.text.split(kind === "include" ? SPLITLINES : UNIVERSAL_NEWLINES);
  lines.forEach((raw, i) => {
    const before = raw.split("#")[0] ?? "";
    const pattern = pyStrip(before);
    if (!pattern) return;
    const column = before.indexOf(pattern) + 1;
    entries.push({ pattern, line: i + 1, column });
  });
  return entries;
}
var oneLine = (s) => s.replace(/[\r\n]/g, (c) => c === "\n" ? "\\n" : "\\r");
function compileFilter(pattern, origin, place) {
  let compiled;
  try {
    compiled = compilePythonSearch(pattern);
  } catch (err) {
    if (err instanceof PyRegexError) {
      const at = place.column !== void 0 ? { ...place, column: place.column + err.offset } : place;
      throw new UserError(`${origin}: invalid regex '${pattern}': ${err.message}`, { place: at });
    }
    throw err;
  }
  const search = compiled.search;
  const bounded = (subject) => {
    try {
      return search(subject);
    } catch (err) {
      if (err instanceof PyRegexBudgetError) {
        throw new UserError(
          `${origin}: regex '${oneLine(pattern)}' took ${err.why} on test id '${oneLine(err.subject)}' (patterns with backreferences or lookarounds run on a bounded backtracking engine); simplify the pattern`,
          { place }
        );
      }
      throw err;
    }
  };
  return { pattern, origin, search: bounded, unicodeSensitive: compiled.translated.unicodeSensitive };
}
function compileListFile(file, kind) {
  return readListFile(file, kind).map(
    (e) => compileFilter(e.pattern, `${kind}-list ${file.name}:${e.line}`, { file: file.name, line: e.line, column: e.column })
  );
}
var NON_ASCII = /[^\x00-\x7f]/;
var nonAsciiSeen = /* @__PURE__ */ new WeakMap();
function firstNonAscii(ids) {
  let v = nonAsciiSeen.get(ids);
  if (v === void 0) {
    v = ids.find((id) => NON_ASCII.test(id)) ?? null;
    nonAsciiSeen.set(ids, v);
  }
  return v ?? void 0;
}
function memoized(f, ids, memo) {
  if (!memo) return (i) => f.search(ids[i]);
  let seen = memo.get(f.pattern);
  if (!seen) {
    seen = new Uint8Array(ids.length);
    memo.set(f.pattern, seen);
  }
  const cache = seen;
  return (i) => {
    const v = cache[i];
    if (v) return v === 2;
    const hit = f.search(ids[i]);
    cache[i] = hit ? 2 : 1;
    return hit;
  };
}
function constructList(ids, filters, memo) {
  const include = [...filters.regexes, ...filters.includeList];
  const exclude = [...filters.excludeList, ...filters.excludeRegex ? [filters.excludeRegex] : []];
  const sensitive = [...include, ...exclude].find((f) => f.unicodeSensitive);
  if (sensitive) {
    const odd = firstNonAscii(ids);
    if (odd !== void 0) {
      throw new UserError(
        `${sensitive.origin}: regex '${sensitive.pattern}' uses \\w, \\b, \\d or IGNORECASE, whose Python meaning on non-ASCII text (test id '${odd}') JavaScript cannot reproduce exactly; add (?a) to the pattern`
      );
    }
  }
  const selected = [];
  const chosenBy = [];
  const counts = new Array(exclude.length).fill(0);
  const nInclude = include.length;
  const nExclude = exclude.length;
  const includeTest = include.map((f) => memoized(f, ids, memo));
  const excludeTest = exclude.map((f) => memoized(f, ids, memo));
  for (let i = 0; i < ids.length; i++) {
    let by = null;
    if (nInclude > 0) {
      for (let k = 0; k < nInclude; k++) {
        if (includeTest[k](i)) {
          by = include[k];
          break;
        }
      }
      if (by === null) continue;
    }
    let removed = false;
    for (let k = 0; k < nExclude; k++) {
      if (excludeTest[k](i)) {
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

export {
  testIdsOf,
  compileFilter,
  compileListFile,
  constructList
};
