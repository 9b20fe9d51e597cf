import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  SHIPPED_TEST_LIST,
  dataFile
} from "./chunk-B3CI7MJK.js";
import {
  readReference
} from "./chunk-5YPYCQ7C.js";
import {
  RE2JS
} from "./chunk-7PZCJ2RG.js";
import {
  require_dist
} from "./chunk-JTCS6GEG.js";
import {
  readChunks,
  readText,
  writeOutput
} from "./chunk-ZELLUOP7.js";
import {
  require_ajv
} from "./chunk-MBKGGNZC.js";
import {
  parseTestId
} from "./chunk-2YY3UAUW.js";
import {
  EXIT,
  UserError,
  usageError
} from "./chunk-XOD6W3JI.js";
import {
  __toESM
} from "./chunk-NQJFE2ZZ.js";

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
  const visit2 = (x) => {
    if (x.kind === "group") {
      if (x.capture) n++;
      x.body.branches.forEach((b) => b.forEach(visit2));
    } else if (x.kind === "look") x.body.branches.forEach((b) => b.forEach(visit2));
    else if (x.kind === "repeat") visit2(x.node);
  };
  alt.branches.forEach((b) => b.forEach(visit2));
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
  const visit2 = (n) => {
    if (n.kind === "look") {
      const lits = n.negative ? altLiterals(n.body) : null;
      if (lits) {
        nodes.add(n);
        literals.push(...lits);
        return;
      }
      n.body.branches.forEach((seq) => seq.forEach(visit2));
    } else if (n.kind === "group") n.body.branches.forEach((seq) => seq.forEach(visit2));
    else if (n.kind === "repeat") visit2(n.node);
  };
  alt.branches.forEach((seq) => seq.forEach(visit2));
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

// src/core/select/zuul-files.ts
var COMMIT_MSG = "/COMMIT_MSG";
function re2LiteralPrefix(pattern) {
  if (pattern.includes("|")) return "";
  let i = pattern.startsWith("^") ? 1 : 0;
  let out = "";
  while (i < pattern.length) {
    const c = pattern[i];
    let ch;
    let next;
    if (".[](){}*+?^$|".includes(c)) break;
    if (c === "\\") {
      const d = pattern[i + 1];
      if (d === void 0 || /[A-Za-z0-9]/.test(d) || d.charCodeAt(0) > 127) break;
      ch = d;
      next = i + 2;
    } else {
      const cp = pattern.codePointAt(i);
      ch = String.fromCodePoint(cp);
      next = i + ch.length;
    }
    const q = pattern[next];
    if (q === "*" || q === "?" || q === "{") break;
    out += ch;
    i = next;
    if (q === "+") break;
  }
  return out;
}
function re2Message(err, pattern) {
  const raw = err instanceof Error ? err.message : String(err);
  if (/\(\?[=!]|\(\?<[=!]/.test(pattern) || /\(\?[=!<]/.test(raw)) {
    return `regex '${pattern}' uses lookaround, which RE2 (Zuul's regex engine) does not support; write the positive form as {regex: ..., negate: true}`;
  }
  if (/\\[1-9]/.test(pattern) && /escape/.test(raw)) return `regex '${pattern}' uses a backreference, which RE2 does not support`;
  return `regex '${pattern}' is not valid RE2: ${raw.replace(/^error parsing regexp: /, "")}`;
}
function compileFileMatcher(spec, context) {
  let re;
  try {
    re = RE2JS.compile(spec.regex);
  } catch (err) {
    throw new UserError(`${context}: ${re2Message(err, spec.regex)}`, { place: spec.place });
  }
  const prefix = re2LiteralPrefix(spec.regex);
  const negate = spec.negate;
  const test = (path) => {
    if (prefix && !path.startsWith(prefix)) return false;
    return re.matcher(path).lookingAt();
  };
  return { ...spec, matches: negate ? (p) => !test(p) : test };
}
function evaluateFileFilters(input) {
  const changed = input.changed.filter((f) => f !== COMMIT_MSG);
  const config = input.configFiles ?? [];
  const configHit = changed.find((f) => config.includes(f));
  if (configHit !== void 0) return { applies: true, reason: "config-update", file: configHit };
  const files = input.files ?? [];
  const irrelevant = input.irrelevantFiles ?? [];
  if (files.length === 0 && irrelevant.length === 0) return { applies: true, reason: "no-filters" };
  if (changed.length === 0) return { applies: true, reason: "no-files" };
  let filesHit;
  if (files.length > 0) {
    outer: for (const f of changed) {
      for (const m of files) {
        if (m.matches(f)) {
          filesHit = { file: f, matcher: m };
          break outer;
        }
      }
    }
    if (!filesHit) return { applies: false, reason: "no-file-matches", checked: changed.length };
  }
  if (irrelevant.length > 0) {
    const examples = [];
    for (const f of changed) {
      const m = irrelevant.find((x) => x.matches(f));
      if (!m) {
        return filesHit ? { applies: true, reason: "files-match", ...filesHit, relevantFile: f } : { applies: true, reason: "relevant-file", file: f };
      }
      if (examples.length < 5) examples.push({ file: f, matcher: m });
    }
    return { applies: false, reason: "all-irrelevant", examples, checked: changed.length };
  }
  return filesHit ? { applies: true, reason: "files-match", ...filesHit } : { applies: true, reason: "no-filters" };
}
function describeOutcome(o) {
  const show = (m) => m.negate ? `not '${m.regex}'` : `'${m.regex}'`;
  switch (o.reason) {
    case "config-update":
      return `the rules file ${o.file} changed (a configuration change always applies, as Zuul's match-on-config-updates)`;
    case "no-files":
      return "the change has no files, so file filters are ignored (as Zuul does)";
    case "no-filters":
      return "no file filters: applies to every change";
    case "files-match":
      return `${o.file} matches files ${show(o.matcher)}${o.relevantFile === void 0 ? "" : o.relevantFile === o.file ? " and no irrelevant-files pattern" : ` and ${o.relevantFile} matches no irrelevant-files pattern`}`;
    case "relevant-file":
      return `${o.file} matches no irrelevant-files pattern`;
    case "no-file-matches":
      return `none of the ${o.checked} changed files matches files`;
    case "all-irrelevant":
      return `all ${o.checked} changed files match irrelevant-files (e.g. ${o.examples.slice(0, 3).map((e) => `${e.file} ~ ${show(e.matcher)}`).join(", ")})`;
  }
}

// src/core/select/select.ts
var FULL_SET = "full-set";
function compileStep(step, context) {
  const one = (pattern, origin, place) => pattern ? compileFilter(pattern, `${context} ${origin}`, place ?? step.place ?? {}) : void 0;
  const regex = one(step.regex, "--regex", step.regexPlace);
  return {
    spec: step,
    filters: {
      regexes: regex ? [regex] : [],
      includeList: step.includeList ? compileListFile(step.includeList, "include") : [],
      excludeList: step.excludeList ? compileListFile(step.excludeList, "exclude") : [],
      excludeRegex: one(step.excludeRegex, "--exclude-regex", step.excludeRegexPlace)
    }
  };
}
function compileTempest(spec, context) {
  return spec.steps.map((s, i) => compileStep(s, `${context} step ${i + 1}`));
}
function stepArgs(step) {
  const args = [];
  if (step.serial) args.push("--serial");
  if (step.regex) args.push("--regex", step.regex);
  if (step.excludeRegex) args.push("--exclude-regex", step.excludeRegex);
  if (step.includeList) args.push("--include-list", step.includeList.name);
  if (step.excludeList) args.push("--exclude-list", step.excludeList.name);
  return args;
}
function exactTestRegex(id) {
  return `^${id.replace(/[^A-Za-z0-9_\x80-\uffff]/g, "\\$&")}$`;
}
function attrsOf(id, cache) {
  let a = cache.get(id);
  if (!a) {
    a = new Set(parseTestId(id).attrs);
    cache.set(id, a);
  }
  return a;
}
function memoizeMatcher(m) {
  const seen = /* @__PURE__ */ new Map();
  const matches = (path) => {
    let v = seen.get(path);
    if (v === void 0) {
      v = m.matches(path);
      seen.set(path, v);
    }
    return v;
  };
  return { ...m, matches };
}
function selectTests(options) {
  const { rules, changedFiles: changedFiles2, testIds } = options;
  const explain = options.explain ?? false;
  const shared = /* @__PURE__ */ new Map();
  const fileMatcher = (spec, context) => {
    const key = `${spec.negate ? "!" : ""}${spec.regex}`;
    let m = shared.get(key);
    if (!m) {
      m = memoizeMatcher(compileFileMatcher(spec, context));
      shared.set(key, m);
    }
    return spec.place === m.place ? m : { ...m, place: spec.place };
  };
  const coreFiles = rules.coreFiles.map((m, i) => fileMatcher(m, `core-files[${i}]`));
  const full = {
    name: FULL_SET,
    description: "the full set (core or rules change)",
    origin: rules.full.preset ? `preset:${rules.full.preset}` : "rules",
    preset: rules.full.preset,
    steps: compileTempest(rules.full, FULL_SET),
    files: [],
    irrelevantFiles: []
  };
  const selections = rules.selections.map((s) => ({
    name: s.name,
    description: s.description,
    origin: s.origin,
    preset: s.tempest.preset,
    steps: compileTempest(s.tempest, `selection '${s.name}'`),
    files: s.files.map((m, i) => fileMatcher(m, `selection '${s.name}': files[${i}]`)),
    irrelevantFiles: s.irrelevantFiles.map((m, i) => fileMatcher(m, `selection '${s.name}': irrelevant-files[${i}]`))
  }));
  const configFiles = rules.file ? [rules.file] : [];
  const rulesChanged = rules.file !== null && changedFiles2.includes(rules.file);
  let coreHit;
  if (!rulesChanged && coreFiles.length) {
    outer: for (const f of changedFiles2) {
      for (const m of coreFiles) {
        if (m.matches(f)) {
          coreHit = { file: f, regex: m.negate ? `not '${m.regex}'` : `'${m.regex}'` };
          break outer;
        }
      }
    }
  }
  const fired = [];
  const notFired = [];
  if (rulesChanged) fired.push({ rule: full, reason: `the rules file ${rules.file} changed: the full set runs`, file: rules.file });
  else if (coreHit) fired.push({ rule: full, reason: `${coreHit.file} matches core-files ${coreHit.regex}: the full set runs`, file: coreHit.file });
  else
    notFired.push({
      rule: full,
      reason: coreFiles.length ? "no changed file matches core-files and the rules file did not change" : "no core-files, and the rules file did not change"
    });
  for (const rule of selections) {
    const o = evaluateFileFilters({ files: rule.files, irrelevantFiles: rule.irrelevantFiles, changed: changedFiles2, configFiles });
    const file = "file" in o ? o.file : null;
    if (o.applies) fired.push({ rule, reason: describeOutcome(o), file });
    else notFired.push({ rule, reason: describeOutcome(o) });
  }
  const n = testIds.length;
  const isSerial = new Uint8Array(n);
  const isChosen = new Uint8Array(n);
  const choices = explain ? new Array(n) : void 0;
  const attrCache = /* @__PURE__ */ new Map();
  const memo = /* @__PURE__ */ new Map();
  const reports = [];
  for (const { rule, reason, file } of fired) {
    const ruleTests = new Uint8Array(n);
    let ruleCount = 0;
    const steps = rule.steps.map((step, stepIndex) => {
      const sel = constructList(testIds, step.filters, memo);
      const { attrs, excludeAttrs, serial: serial2 } = step.spec;
      const filterAttrs = attrs.length > 0 || excludeAttrs.length > 0;
      const choiceFor = /* @__PURE__ */ new Map();
      const choice = (by) => {
        let c = choiceFor.get(by);
        if (!c) {
          c = { rule: rule.name, step: stepIndex + 1, filter: by ? `${by.pattern} (${by.origin.replace(/^.* (--)/, "$1")})` : null, file };
          choiceFor.set(by, c);
        }
        return c;
      };
      let count = 0;
      const { selected, chosenBy } = sel;
      for (let k = 0; k < selected.length; k++) {
        const idx = selected[k];
        if (filterAttrs) {
          const have = attrsOf(testIds[idx], attrCache);
          if (!attrs.every((a) => have.has(a)) || excludeAttrs.some((a) => have.has(a))) continue;
        }
        count++;
        if (!ruleTests[idx]) {
          ruleTests[idx] = 1;
          ruleCount++;
        }
        if (serial2) isSerial[idx] = 1;
        if (choices) (choices[idx] ??= []).push(choice(chosenBy[k] ?? null));
        isChosen[idx] = 1;
      }
      return {
        serial: serial2,
        args: stepArgs(step.spec),
        attrs,
        excludeAttrs,
        selected: count,
        excluded: sel.excluded.filter((e) => e.count > 0).map((e) => ({ by: e.filter.origin, pattern: e.filter.pattern, count: e.count }))
      };
    });
    reports.push({
      name: rule.name,
      description: rule.description,
      origin: rule.origin,
      fired: true,
      reason,
      file,
      preset: rule.preset,
      steps,
      selected: ruleCount
    });
  }
  for (const { rule, reason } of notFired) {
    reports.push({
      name: rule.name,
      description: rule.description,
      origin: rule.origin,
      fired: false,
      reason,
      file: null,
      preset: rule.preset,
      steps: rule.steps.map((s) => ({
        serial: s.spec.serial,
        args: stepArgs(s.spec),
        attrs: s.spec.attrs,
        excludeAttrs: s.spec.excludeAttrs,
        selected: 0,
        excluded: []
      })),
      selected: 0
    });
  }
  const indexes = [];
  const tests = [];
  const parallel = [];
  const serial = [];
  const seen = /* @__PURE__ */ new Set();
  for (let i = 0; i < n; i++) {
    if (!isChosen[i]) continue;
    const id = testIds[i];
    if (seen.has(id)) continue;
    seen.add(id);
    indexes.push(i);
    tests.push(id);
    (isSerial[i] ? serial : parallel).push(id);
  }
  const run3 = [];
  if (parallel.length)
    run3.push({
      serial: false,
      combine: false,
      args: ["--include-list", "parallel-include-list.txt"],
      includeListName: "parallel-include-list.txt",
      includeList: parallel.map(exactTestRegex),
      count: parallel.length
    });
  if (serial.length) {
    const combine = run3.length > 0;
    run3.push({
      serial: true,
      combine,
      args: [...combine ? ["--combine"] : [], "--serial", "--include-list", "serial-include-list.txt"],
      includeListName: "serial-include-list.txt",
      includeList: serial.map(exactTestRegex),
      count: serial.length
    });
  }
  const firedNames = fired.map((f) => f.rule.name);
  const conclusion = tests.length ? "run" : "skip";
  const summary = conclusion === "run" ? `${tests.length} of ${testIds.length} tests selected (${parallel.length} parallel + ${serial.length} serial) by ${firedNames.join(", ")}` : fired.length ? `nothing to run: ${firedNames.join(", ")} applied but selected no tests from the ${testIds.length} listed` : `nothing to run: no rule applies to the ${changedFiles2.length} changed files (neutral)`;
  const result = {
    conclusion,
    summary,
    counts: { listed: testIds.length, selected: tests.length, parallel: parallel.length, serial: serial.length, changedFiles: changedFiles2.length },
    tests,
    parallel,
    serial,
    run: run3,
    rules: reports
  };
  if (choices) result.explanation = indexes.map((i) => ({ test: testIds[i], serial: isSerial[i] === 1, chosenBy: choices[i] ?? [] }));
  return result;
}

// src/core/select/shard.ts
function median(sorted) {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function nameAndClass(id) {
  if (id.endsWith(")") || id.endsWith("]")) return parseTestId(id);
  const dot = id.lastIndexOf(".");
  return { name: id, className: dot > 0 ? id.slice(0, dot) : "" };
}
var byNumber = (a, b) => a - b;
var byName = (a, b) => a < b ? -1 : a > b ? 1 : 0;
function shardRun(shard) {
  const { parallel, serial } = shard;
  const run3 = [];
  if (parallel.length)
    run3.push({
      serial: false,
      combine: false,
      args: ["--include-list", "parallel-include-list.txt"],
      includeListName: "parallel-include-list.txt",
      includeList: parallel.map(exactTestRegex),
      count: parallel.length
    });
  if (serial.length) {
    const combine = run3.length > 0;
    run3.push({
      serial: true,
      combine,
      args: [...combine ? ["--combine"] : [], "--serial", "--include-list", "serial-include-list.txt"],
      includeListName: "serial-include-list.txt",
      includeList: serial.map(exactTestRegex),
      count: serial.length
    });
  }
  return run3;
}
function refine(secs, owner, load, members, target) {
  const k = load.length;
  const cap = 50 * k;
  for (let iter = 0; iter < cap; iter++) {
    let hi = 0;
    for (let s = 1; s < k; s++) if (load[s] > load[hi]) hi = s;
    const top = load[hi];
    if (top <= target) return;
    let best = null;
    const hiUnits = members[hi];
    for (let lo2 = 0; lo2 < k; lo2++) {
      if (lo2 === hi) continue;
      const gap = top - load[lo2];
      if (gap <= 0) continue;
      const loUnits = Int32Array.from(members[lo2]).sort((x, y) => secs[x] - secs[y] || x - y);
      const loSecs = Float64Array.from(loUnits, (u) => secs[u]);
      for (const a2 of hiUnits) {
        const sa = secs[a2];
        const consider = (b2, d) => {
          if (d <= 0 || d >= gap) return;
          const peak = Math.max(top - d, load[lo2] + d);
          if (best === null || peak < best.peak - 1e-9) best = { lo: lo2, a: a2, b: b2, peak };
        };
        consider(-1, sa);
        const want = sa - gap / 2;
        let l = 0;
        let r = loSecs.length;
        while (l < r) {
          const m = l + r >> 1;
          if (loSecs[m] < want) l = m + 1;
          else r = m;
        }
        for (const j of [l - 1, l]) if (j >= 0 && j < loUnits.length) consider(loUnits[j], sa - loSecs[j]);
      }
    }
    if (best === null) return;
    const { lo, a, b } = best;
    const moveUnit = (u, from, to) => {
      const list = members[from];
      list.splice(list.indexOf(u), 1);
      members[to].push(u);
      owner[u] = to;
      const s = secs[u];
      load[from] = load[from] - s;
      load[to] = load[to] + s;
    };
    moveUnit(a, hi, lo);
    if (b >= 0) moveUnit(b, lo, hi);
  }
}
function planShards(options) {
  const k = options.shards;
  if (!Number.isInteger(k) || k < 1) throw usageError(`the shard count must be a whole number of at least 1, not ${k}`);
  const ids = [...options.parallel, ...options.serial];
  const serialFrom = options.parallel.length;
  const notes = [];
  const seconds = new Float64Array(ids.length);
  const classOf = [];
  const missing = [];
  let usable = false;
  for (const s of options.durations.values())
    if (s > 0) {
      usable = true;
      break;
    }
  for (let i = 0; i < ids.length; i++) {
    const { name, className } = nameAndClass(ids[i]);
    classOf.push(className);
    const known = usable ? options.durations.get(name) : void 0;
    if (known !== void 0 && known >= 0) seconds[i] = known;
    else missing.push(i);
  }
  let runMedian = 1;
  let byClass = 0;
  let byRun = 0;
  if (!usable) {
    for (const i of missing) seconds[i] = 1;
    if (ids.length) notes.push("the baseline has no usable durations: every test counts 1 s (balanced by count)");
  } else if (missing.length) {
    const wanted = new Set(missing.map((i) => classOf[i]));
    const classSeconds = /* @__PURE__ */ new Map();
    const all = [];
    for (const [name, s] of options.durations) {
      if (!(s >= 0)) continue;
      all.push(s);
      const cls = nameAndClass(name).className;
      if (!wanted.has(cls)) continue;
      let list = classSeconds.get(cls);
      if (!list) classSeconds.set(cls, list = []);
      list.push(s);
    }
    runMedian = median(all.sort(byNumber));
    const classMedians = /* @__PURE__ */ new Map();
    for (const [cls, list] of classSeconds) classMedians.set(cls, median(list.sort(byNumber)));
    for (const i of missing) {
      const m = classMedians.get(classOf[i]);
      if (m !== void 0) {
        seconds[i] = m;
        byClass++;
      } else {
        seconds[i] = runMedian;
        byRun++;
      }
    }
    if (byClass) notes.push(`${byClass} ${byClass === 1 ? "test has" : "tests have"} no duration in the baseline: each counts its class's median there`);
    if (byRun)
      notes.push(
        `${byRun} ${byRun === 1 ? "test has" : "tests have"} no duration in the baseline nor a class there: each counts the run's median (${runMedian.toFixed(2)} s)`
      );
  }
  let total = 0;
  for (const s of seconds) total += s;
  const units = [];
  const classIndex = /* @__PURE__ */ new Map();
  for (let i = 0; i < serialFrom; i++) {
    const c = classOf[i];
    let list = classIndex.get(c);
    if (!list) classIndex.set(c, list = []);
    list.push(i);
  }
  const perShard = total / k;
  let splitCount = 0;
  for (const [cls, members2] of classIndex) {
    let sum = 0;
    for (const i of members2) sum += seconds[i];
    if (options.splitClasses && sum > perShard && members2.length > 1) {
      const sorted = [...members2].sort((x, y) => byName(ids[x], ids[y]));
      const count = Math.min(sorted.length, Math.ceil(sum / perShard));
      const parts = Array.from({ length: count }, () => ({ members: [], seconds: 0 }));
      let before = 0;
      for (const i of sorted) {
        const s = seconds[i];
        const part = parts[Math.min(count - 1, Math.floor((before + s / 2) * count / sum))];
        part.members.push(i);
        part.seconds += s;
        before += s;
      }
      parts.filter((p) => p.members.length).forEach((p, j) => units.push({ key: `${cls}#${j + 1}`, kind: "class-part", tests: p.members.length, seconds: p.seconds, members: p.members }));
      splitCount++;
    } else {
      units.push({ key: cls, kind: "class", tests: members2.length, seconds: sum, members: members2 });
    }
  }
  if (splitCount) notes.push(`${splitCount} ${splitCount === 1 ? "class" : "classes"} longer than total/K split (each part runs the class's fixtures again)`);
  if (ids.length > serialFrom) {
    const members2 = [];
    let sum = 0;
    for (let i = serialFrom; i < ids.length; i++) {
      members2.push(i);
      sum += seconds[i];
    }
    units.push({ key: "serial", kind: "serial", tests: members2.length, seconds: sum, members: members2 });
  }
  const secs = Float64Array.from(units, (u) => u.seconds);
  const order = Uint32Array.from(units, (_, i) => i).sort(
    (x, y) => secs[y] - secs[x] || byName(units[x].key, units[y].key)
  );
  const load = new Float64Array(k);
  const owner = new Int32Array(units.length);
  const members = Array.from({ length: k }, () => []);
  for (const u of order) {
    let best = 0;
    for (let s = 1; s < k; s++) if (load[s] < load[best]) best = s;
    owner[u] = best;
    members[best].push(u);
    load[best] = load[best] + secs[u];
  }
  let longest = 0;
  for (const u of units) if (u.seconds > longest) longest = u.seconds;
  const lowerBound = Math.max(perShard, longest);
  refine(secs, owner, load, members, lowerBound * 1.001);
  const shards = [];
  for (let s = 0; s < k; s++)
    shards.push({
      index: s,
      predictedSeconds: 0,
      count: 0,
      parallel: [],
      serial: [],
      units: Array.from(Int32Array.from(members[s]).sort(), (u) => units[u].key)
    });
  const shardOf = new Int32Array(ids.length);
  for (let u = 0; u < units.length; u++) for (const i of units[u].members) shardOf[i] = owner[u];
  for (let i = 0; i < ids.length; i++) {
    const sh = shards[shardOf[i]];
    (i < serialFrom ? sh.parallel : sh.serial).push(ids[i]);
    sh.predictedSeconds += seconds[i];
    sh.count++;
  }
  let makespan = 0;
  for (const sh of shards) if (sh.predictedSeconds > makespan) makespan = sh.predictedSeconds;
  return {
    shardCount: k,
    totalSeconds: total,
    lowerBoundSeconds: lowerBound,
    makespanSeconds: makespan,
    overLowerBoundPercent: lowerBound > 0 ? (makespan / lowerBound - 1) * 100 : 0,
    estimated: { classMedian: byClass, runMedian: usable ? byRun : ids.length, runMedianSeconds: runMedian },
    notes,
    units: units.length,
    shards
  };
}
function renderShardPlanText(plan, index = null) {
  const s = (x) => `${x.toFixed(1)} s`;
  const lines = [
    `shards: ${plan.shardCount} from ${plan.units} units, ${s(plan.totalSeconds)} in all; makespan ${s(plan.makespanSeconds)}, lower bound ${s(plan.lowerBoundSeconds)} (+${plan.overLowerBoundPercent.toFixed(1)}%)`
  ];
  for (const sh of plan.shards)
    lines.push(
      `  ${sh.index === index ? ">" : " "} shard ${sh.index}: ${sh.count} tests (${sh.parallel.length} parallel + ${sh.serial.length} serial), ${s(sh.predictedSeconds)}`
    );
  for (const n of plan.notes) lines.push(`  note: ${n}`);
  return `${lines.join("\n")}
`;
}

// src/stages/select.ts
import { existsSync } from "node:fs";
import { basename, join as join2 } from "node:path";

// src/core/select/rules.ts
var import_ajv = __toESM(require_ajv(), 1);
var import_yaml = __toESM(require_dist(), 1);

// schema/rules.schema.json
var rules_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/tempest-gate/tempest-gate/schema/rules.schema.json",
  title: "tempest-gate rules (.tempest-gate.yaml)",
  description: "Which Tempest tests a change needs: named selections, each with Zuul-style file filters and a Tempest selection. See docs/select.md.",
  type: "object",
  additionalProperties: false,
  required: ["version"],
  properties: {
    version: { const: 1, description: "Format version: 1." },
    preset: {
      type: "string",
      description: "Start from a service repository's default rules (nova, neutron, cinder, glance, swift, placement, tempest, devstack); selections below are added to its selections."
    },
    "test-list": {
      type: "string",
      description: "A cached test list (one id per line, as `stestr list` prints them), relative to this file. The --test-list option overrides it."
    },
    "core-files": {
      $ref: "#/definitions/fileMatchers",
      description: "A change to any of these files (Zuul regexes, anchored at the start) selects the full set."
    },
    full: {
      $ref: "#/definitions/tempest",
      description: "What the full set is (a preset name or steps). Default: the `full` preset."
    },
    selections: {
      type: "array",
      items: { $ref: "#/definitions/selection" }
    }
  },
  definitions: {
    regex: {
      type: "string",
      description: "An RE2 regular expression matched at the start of each changed file's path (as Zuul does)."
    },
    fileMatcher: {
      oneOf: [
        { $ref: "#/definitions/regex" },
        {
          type: "object",
          additionalProperties: false,
          required: ["regex"],
          properties: {
            regex: { $ref: "#/definitions/regex" },
            negate: { type: "boolean", default: false, description: "Match the paths the regex does not match." }
          }
        }
      ]
    },
    fileMatchers: {
      description: "One matcher or a list of them.",
      oneOf: [
        { $ref: "#/definitions/fileMatcher" },
        { type: "array", items: { $ref: "#/definitions/fileMatcher" } }
      ]
    },
    listFile: {
      description: "A list file path (relative to the rules file) or the lines themselves. One Python regex per line, `#` starts a comment.",
      oneOf: [
        { type: "string" },
        { type: "array", items: { type: "string" } }
      ]
    },
    step: {
      type: "object",
      additionalProperties: false,
      description: "One `tempest run`: stestr's selection (regex OR include list, minus exclusions) and attribute filters.",
      properties: {
        regex: { type: "string", description: "Python regex, re.search semantics (tempest run --regex)." },
        "exclude-regex": { type: "string", description: "Python regex; matching tests are removed (tempest run --exclude-regex)." },
        "include-list": { $ref: "#/definitions/listFile" },
        "exclude-list": { $ref: "#/definitions/listFile" },
        attrs: { type: "array", items: { type: "string", pattern: "^[^,\\[\\]\\s]+$" }, description: "Keep only tests carrying every one of these attributes (smoke, slow, multinode, ...)." },
        "exclude-attrs": { type: "array", items: { type: "string", pattern: "^[^,\\[\\]\\s]+$" }, description: "Drop tests carrying any of these attributes." },
        serial: { type: "boolean", default: false, description: "Run this step's tests serially (tempest run --serial)." }
      }
    },
    tempest: {
      oneOf: [
        { type: "string", description: "A preset name (a Tempest tox env: integrated-compute, full, smoke, multinode, ...)." },
        { type: "array", minItems: 1, items: { $ref: "#/definitions/step" } }
      ]
    },
    selection: {
      type: "object",
      additionalProperties: false,
      required: ["name", "tempest"],
      properties: {
        name: { type: "string", minLength: 1 },
        description: { type: "string" },
        files: { $ref: "#/definitions/fileMatchers", description: "The selection applies if any changed file matches." },
        "irrelevant-files": { $ref: "#/definitions/fileMatchers", description: "The selection is skipped when every changed file matches." },
        tempest: { $ref: "#/definitions/tempest" }
      }
    }
  }
};

// src/core/select/presets.ts
function presetNames(catalog2) {
  return Object.keys(catalog2.toxEnvs).sort();
}
function listFromCatalog(catalog2, path, env) {
  const base = path.split("/").pop() ?? path;
  const text = catalog2.lists[base];
  if (text === void 0) throw new UserError(`preset '${env}' needs list file ${path}, which is not shipped in data/presets/lists`);
  return { name: path, text };
}
function presetSteps(catalog2, name, place) {
  const env = catalog2.toxEnvs[name];
  if (!env) {
    throw new UserError(`unknown preset '${name}' (known: ${presetNames(catalog2).join(", ")})`, { place });
  }
  const steps = env.runs.map((run3) => {
    const regex = run3.regex && run3.regex !== "{posargs}" ? run3.regex : void 0;
    return {
      regex,
      excludeRegex: run3.exclude_regex || void 0,
      includeList: run3.include_list ? listFromCatalog(catalog2, run3.include_list, name) : void 0,
      excludeList: run3.exclude_list ? listFromCatalog(catalog2, run3.exclude_list, name) : void 0,
      attrs: [],
      excludeAttrs: [],
      serial: run3.serial
    };
  });
  return { preset: name, steps };
}
function servicePreset(catalog2, name, place) {
  const s = catalog2.services[name];
  if (!s) throw new UserError(`unknown service preset '${name}' (known: ${Object.keys(catalog2.services).sort().join(", ")})`, { place });
  const irrelevant = catalog2.irrelevantFiles[s["irrelevant-files"]];
  return {
    name,
    description: `${name}'s default: ${s.template ? `Tempest's ${s.template} template, ` : ""}tox env ${s.tempest}, ${s["irrelevant-files"]}'s irrelevant-files`,
    irrelevantFiles: irrelevant.map((regex) => ({ regex, negate: false })),
    tempest: s.tempest
  };
}

// src/core/select/rules.ts
var validator;
function validate(value) {
  validator ??= new import_ajv.Ajv({ allErrors: true, strict: false }).compile(rules_schema_default);
  return validator(value) ? [] : [...validator.errors ?? []];
}
var pathText = (path) => path.reduce((s, p) => typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${p}` : p, "");
function pointerToPath(pointer) {
  if (!pointer) return [];
  return pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")).map((s) => /^\d+$/.test(s) ? Number(s) : s);
}
function describeSchemaError(errors) {
  const depth = (e) => pointerToPath(e.instancePath).length;
  const deepest = Math.max(...errors.map(depth));
  const atDeepest = errors.filter((e) => depth(e) === deepest);
  const first = atDeepest.find((e) => e.keyword !== "oneOf" && e.keyword !== "type") ?? atDeepest[0] ?? errors[0];
  const path = pointerToPath(first.instancePath);
  const where = path.length ? pathText(path) : "the rules";
  switch (first.keyword) {
    case "additionalProperties": {
      const key = String(first.params.additionalProperty);
      return { path, key, message: `${where}: unknown key '${key}'` };
    }
    case "required":
      return { path, message: `${where}: missing required key '${String(first.params.missingProperty)}'` };
    case "const":
      return { path, message: `${where}: must be ${JSON.stringify(first.params.allowedValue)}` };
    case "type":
    case "oneOf": {
      const types = [...new Set(atDeepest.filter((e) => e.keyword === "type").map((e) => String(e.params.type)))];
      return { path, message: `${where}: expected ${types.length ? types.join(" or ") : "a different shape"} (see schema/rules.schema.json)` };
    }
    default:
      return { path, message: `${where}: ${first.message ?? "invalid"}` };
  }
}
function yamlValue(ydoc, placeAt) {
  try {
    return ydoc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    let at = 0;
    (0, import_yaml.visit)(ydoc, {
      Alias(_, node) {
        at = node.range?.[0] ?? 0;
        return import_yaml.visit.BREAK;
      }
    });
    const why = /alias count/i.test(err.message) ? `YAML aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias uses)` : `invalid YAML: ${err.message}`;
    throw new UserError(why, { place: placeAt(at), cause: err });
  }
}
var MAX_ALIAS_COUNT = 100;
function parseRulesText(text, file) {
  const lineCounter = new import_yaml.LineCounter();
  const ydoc = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const placeAt = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const yerr = ydoc.errors[0];
  if (yerr) {
    const message = yerr.message.split("\n")[0] ?? "invalid YAML";
    throw new UserError(`invalid YAML: ${message.replace(/ at line \d+, column \d+:?$/, "")}`, { place: placeAt(yerr.pos[0]) });
  }
  const value = yamlValue(ydoc, placeAt);
  const placeOf = (path, offset = 0) => nodePlace(ydoc, path, offset, placeAt);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UserError("the rules must be a mapping with at least `version: 1` (see docs/select.md)", { place: placeAt(0) });
  }
  const errors = validate(value);
  if (errors.length) {
    const d = describeSchemaError(errors);
    throw new UserError(d.message, { place: d.key !== void 0 ? keyPlace(ydoc, d.path, d.key, placeAt) : placeOf(d.path) });
  }
  const doc = value;
  const listFiles = [];
  const collect = (steps, base) => {
    if (!Array.isArray(steps)) return;
    steps.forEach((s, i) => {
      for (const k of ["include-list", "exclude-list"]) {
        const v = s[k];
        if (typeof v === "string") listFiles.push({ path: v, place: placeOf([...base, i, k]) });
      }
    });
  };
  collect(doc.full, ["full"]);
  (doc.selections ?? []).forEach((s, i) => collect(s.tempest, ["selections", i, "tempest"]));
  return { file, doc, placeOf, listFiles };
}
function nodePlace(ydoc, path, offset, placeAt) {
  for (let n = path.length; n >= 0; n--) {
    const node = ydoc.getIn(path.slice(0, n), true);
    if ((0, import_yaml.isNode)(node) && node.range) {
      let start = node.range[0];
      if (n === path.length && (0, import_yaml.isScalar)(node) && (node.type === import_yaml.Scalar.QUOTE_DOUBLE || node.type === import_yaml.Scalar.QUOTE_SINGLE)) start += 1;
      return placeAt(start + (n === path.length ? offset : 0));
    }
  }
  return placeAt(0);
}
function keyPlace(ydoc, path, key, placeAt) {
  const map = path.length ? ydoc.getIn(path, true) : ydoc.contents;
  if ((0, import_yaml.isMap)(map)) {
    const pair = map.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === key);
    if (pair && (0, import_yaml.isNode)(pair.key) && pair.key.range) return placeAt(pair.key.range[0]);
  }
  return nodePlace(ydoc, path, 0, placeAt);
}
function matchers(value, base, parsed) {
  if (value === void 0) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((m, i) => {
    const at = Array.isArray(value) ? [...base, i] : base;
    return typeof m === "string" ? { regex: m, negate: false, place: parsed.placeOf(at) } : { regex: m.regex, negate: m.negate ?? false, place: parsed.placeOf([...at, "regex"]) };
  });
}
function tempestSpec(value, base, parsed, options) {
  if (typeof value === "string") return presetSteps(options.catalog, value, parsed.placeOf(base));
  return {
    steps: value.map((s, i) => {
      const list = (k) => {
        const v = s[k];
        if (v === void 0) return void 0;
        if (Array.isArray(v)) return { name: `${parsed.file}:${pathText([...base, i, k])}`, text: v.join("\n") };
        const text = options.lists[v];
        if (text === void 0) throw new UserError(`list file '${v}' was not read`, { place: parsed.placeOf([...base, i, k]) });
        return { name: v, text };
      };
      return {
        regex: s.regex || void 0,
        excludeRegex: s["exclude-regex"] || void 0,
        includeList: list("include-list"),
        excludeList: list("exclude-list"),
        attrs: s.attrs ?? [],
        excludeAttrs: s["exclude-attrs"] ?? [],
        serial: s.serial ?? false,
        place: parsed.placeOf([...base, i]),
        regexPlace: s.regex ? parsed.placeOf([...base, i, "regex"]) : void 0,
        excludeRegexPlace: s["exclude-regex"] ? parsed.placeOf([...base, i, "exclude-regex"]) : void 0
      };
    })
  };
}
function buildRules(parsed, options) {
  const { doc } = parsed;
  const selections = [];
  if (doc.preset !== void 0) selections.push(...serviceSelections(options.catalog, doc.preset, parsed.placeOf(["preset"])));
  const names = new Set(selections.map((s) => s.name));
  (doc.selections ?? []).forEach((s, i) => {
    const base = ["selections", i];
    if (names.has(s.name)) throw new UserError(`selection name '${s.name}' is used twice`, { place: parsed.placeOf([...base, "name"]) });
    names.add(s.name);
    selections.push({
      name: s.name,
      description: s.description,
      files: matchers(s.files, [...base, "files"], parsed),
      irrelevantFiles: matchers(s["irrelevant-files"], [...base, "irrelevant-files"], parsed),
      tempest: tempestSpec(s.tempest, [...base, "tempest"], parsed, options),
      origin: "rules",
      place: parsed.placeOf(base)
    });
  });
  return {
    file: options.repoPath ?? parsed.file,
    selections,
    coreFiles: matchers(doc["core-files"], ["core-files"], parsed),
    full: doc.full !== void 0 ? tempestSpec(doc.full, ["full"], parsed, options) : presetSteps(options.catalog, "full"),
    testList: doc["test-list"]
  };
}
function serviceSelections(catalog2, name, place) {
  const s = servicePreset(catalog2, name, place);
  return [
    {
      name: `${name}-default`,
      description: s.description,
      files: [],
      irrelevantFiles: s.irrelevantFiles,
      tempest: presetSteps(catalog2, s.tempest),
      origin: `preset:${name}`
    }
  ];
}
function presetRules(catalog2, name) {
  return { file: null, selections: serviceSelections(catalog2, name), coreFiles: [], full: presetSteps(catalog2, "full") };
}
function toxPresetRules(catalog2, name) {
  return {
    file: null,
    selections: [
      { name, description: `Tempest tox env ${name}`, files: [], irrelevantFiles: [], tempest: presetSteps(catalog2, name), origin: `preset:${name}` }
    ],
    coreFiles: [],
    full: presetSteps(catalog2, "full")
  };
}

// src/edges/change-files.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";
var run = promisify(execFile);
function parseFileList(text) {
  const out = /* @__PURE__ */ new Set();
  for (const line of text.split(/\r?\n/)) {
    const p = line.trim();
    if (p) out.add(p);
  }
  return [...out];
}
async function readChangedFileList(path, stdin) {
  const chunks = [];
  for await (const c of readChunks(path, stdin)) chunks.push(c);
  return parseFileList(Buffer.concat(chunks).toString("utf8"));
}
async function gitChangedFiles(options) {
  const { cwd, range } = options;
  if (!/^[^\s-][^\s]*$/.test(range)) throw new UserError(`--git expects BASE...HEAD (or BASE..HEAD), not '${range}'`, { exitCode: EXIT.usage });
  let stdout;
  try {
    ({ stdout } = await run("git", ["diff", "--name-status", "-z", "-M", range, "--"], { cwd, maxBuffer: 1 << 28, encoding: "utf8" }));
  } catch (err) {
    const e = err;
    throw new UserError(`git diff ${range} failed in ${cwd}: ${(e.stderr ?? e.message).trim().split("\n")[0]}`, { cause: err });
  }
  const fields = stdout.split("\0");
  const out = /* @__PURE__ */ new Set();
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++];
    if (!status) continue;
    const paths = status.startsWith("R") || status.startsWith("C") ? 2 : 1;
    for (let k = 0; k < paths; k++) {
      const p = fields[i++];
      if (p) out.add(p);
    }
  }
  return [...out];
}
async function pullRequestChangedFiles(client, pr) {
  const files = await client.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100
  });
  const out = /* @__PURE__ */ new Set();
  for (const f of files) {
    out.add(f.filename);
    if (f.previous_filename) out.add(f.previous_filename);
  }
  return [...out];
}

// src/edges/select-data.ts
import { execFile as execFile2 } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, isAbsolute } from "node:path";
import { promisify as promisify2 } from "node:util";
var run2 = promisify2(execFile2);
function presetsDir() {
  return dataFile("presets");
}
var catalog;
function loadPresetCatalog(dir = presetsDir()) {
  if (catalog && dir === presetsDir()) return catalog;
  const json = (name) => JSON.parse(readFileSync(join(dir, name), "utf8"));
  const tox = json("tox-envs.json");
  const services = json("services.json");
  const map = json("integrated-gate-map.json");
  const anchor = (prefix) => {
    const key = Object.keys(map.irrelevant_files).find((k) => k.startsWith(prefix));
    return key ? map.irrelevant_files[key] ?? [] : [];
  };
  const lists = {};
  for (const f of readdirSync(join(dir, "lists"))) lists[f] = readFileSync(join(dir, "lists", f), "utf8");
  const loaded = {
    toxEnvs: tox.envs,
    lists,
    services: services.services,
    irrelevantFiles: { devstack: anchor("devstack"), tempest: anchor("tempest") }
  };
  if (dir === presetsDir()) catalog = loaded;
  return loaded;
}
async function loadRules(options) {
  const text = await readText(options.path);
  const parsed = parseRulesText(text, options.path);
  const base = dirname(resolve(options.path));
  const lists = {};
  for (const ref of parsed.listFiles) {
    const full = isAbsolute(ref.path) ? ref.path : join(base, ref.path);
    try {
      lists[ref.path] = readFileSync(full, "utf8");
    } catch (err) {
      throw new UserError(`cannot read list file '${ref.path}' (${err.code ?? "error"})`, { place: ref.place, cause: err });
    }
  }
  const root = resolve(options.repoRoot ?? base);
  const repoPath = relative(root, resolve(options.path)).split("\\").join("/");
  const rules = buildRules(parsed, { catalog: options.catalog, lists, repoPath });
  if (rules.testList !== void 0 && !isAbsolute(rules.testList)) rules.testList = join(base, rules.testList);
  return rules;
}
async function readTestList(path) {
  const text = await readText(path);
  return parseTestList(text);
}
function parseTestList(text) {
  const ids = [];
  for (const line of text.split(/\r?\n/)) {
    const id = line.trim();
    if (id) ids.push(id);
  }
  return ids;
}
async function listTestsInWorkspace(options) {
  const [cmd = "stestr", ...args] = options.command ?? ["stestr", "list"];
  try {
    const { stdout } = await run2(cmd, args, { cwd: options.cwd, maxBuffer: 1 << 28, encoding: "utf8" });
    return parseTestList(stdout);
  } catch (err) {
    const e = err;
    const first = (e.stderr || e.message).trim().split("\n")[0] ?? "";
    throw new UserError(`'${[cmd, ...args].join(" ")}' failed in ${options.cwd}: ${first}`, { cause: err });
  }
}

// src/stages/select.ts
var DEFAULT_RULES_FILE = ".tempest-gate.yaml";
async function writeRun(dir, run3, lists) {
  for (const r of run3) {
    const file = join2(dir, r.includeListName);
    await writeOutput(file, `${r.includeList.join("\n")}
`);
    lists[r.serial ? "serial" : "parallel"] = file;
  }
}
function rulesFor(source, repo) {
  const catalog2 = loadPresetCatalog();
  if ("preset" in source) {
    const preset = source.preset;
    if (catalog2.services[preset]) return presetRules(catalog2, preset);
    if (catalog2.toxEnvs[preset]) return toxPresetRules(catalog2, preset);
    throw usageError(
      `unknown preset '${preset}' (services: ${Object.keys(catalog2.services).sort().join(", ")}; tox envs: ${Object.keys(catalog2.toxEnvs).sort().join(", ")})`
    );
  }
  if ("file" in source) return loadRules({ path: source.file, repoRoot: repo, catalog: catalog2 });
  const path = join2(repo, DEFAULT_RULES_FILE);
  if (existsSync(path)) return loadRules({ path, repoRoot: repo, catalog: catalog2 });
  const name = (source.default.serviceName || basename(repo)).toLowerCase();
  if (!catalog2.services[name])
    throw usageError(`no ${DEFAULT_RULES_FILE} in ${repo} and '${name}' is not a known service repository: give a rules file or a preset`);
  return presetRules(catalog2, name);
}
async function testIdsFor(source, rules) {
  if (typeof source === "object" && "list" in source) return readTestList(source.list);
  if (typeof source === "object") return listTestsInWorkspace({ cwd: source.workspace, ...source.command ? { command: source.command } : {} });
  if (rules.testList !== void 0) return readTestList(rules.testList);
  if (source === "rules-or-shipped") return readTestList(dataFile(SHIPPED_TEST_LIST));
  throw usageError("no test list: give --test-list FILE or --workspace DIR (or test-list: in the rules)");
}
async function changedFiles(change, repo) {
  if ("files" in change) return readChangedFileList(change.files, change.stdin);
  if ("git" in change) return gitChangedFiles({ cwd: repo, range: change.git });
  const pr = change.pullRequest;
  try {
    return await pullRequestChangedFiles(change.github, pr);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`listing the files of ${pr.owner}/${pr.repo}#${pr.number} failed: ${err.message}`, { exitCode: EXIT.infra, cause: err });
  }
}
async function selectStage(options) {
  const rules = await rulesFor(options.rules, options.repo);
  const testIds = await testIdsFor(options.tests, rules);
  const files = await changedFiles(options.change, options.repo);
  const result = selectTests({ rules, changedFiles: files, testIds, explain: options.explain ?? false });
  const lists = { parallel: null, serial: null };
  const sh = options.shards ?? null;
  const plan = sh ? planShards({
    parallel: result.parallel,
    serial: result.serial,
    shards: sh.count,
    durations: (await readReference(sh.baseline)).durations,
    splitClasses: sh.splitClasses ?? false
  }) : null;
  if (options.writeLists) {
    const dir = options.writeLists;
    if (!plan) await writeRun(dir, result.run, lists);
    else if (sh?.index !== null && sh?.index !== void 0) await writeRun(dir, shardRun(plan.shards[sh.index] ?? { parallel: [], serial: [] }), lists);
    else for (const shard of plan.shards) await writeRun(join2(dir, `shard-${shard.index}`), shardRun(shard), { parallel: null, serial: null });
  }
  return { result, lists, shards: plan };
}

export {
  renderShardPlanText,
  DEFAULT_RULES_FILE,
  selectStage
};
