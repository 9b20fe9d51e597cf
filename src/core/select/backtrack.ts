// A backtracking matcher for the Python patterns RE2 cannot run (backreferences, lookarounds),
// with a step budget: a pattern that would backtrack exponentially (`(a+)+\1`) stops with an error
// instead of hanging the gate. It walks the parse tree from pyregex.ts in Python's `re` order
// (greedy tries more first, lazy fewer, alternatives left to right, lookarounds atomic) with
// Python's capture rules, which JavaScript's engine does not share: a backreference to a group
// that has not matched fails (JavaScript's matches the empty string), a group keeps its value from
// an earlier iteration of a loop (JavaScript's resets it), and a loop iteration that matches
// nothing ends the loop there (sre's MAX_UNTIL) rather than failing.
//
// Single characters, classes and assertions are tested with a sticky JavaScript RegExp of their
// translation: one code point or zero width, so no backtracking hides there and their meaning is
// exactly the translation's.
import type { Alt, Node } from './pyregex.ts';

/** Steps one search may take; the message tells the user what to simplify. */
export class BudgetExceeded extends Error {
  readonly subject: string;
  constructor(subject: string, why: string) {
    super(why);
    this.name = 'BudgetExceeded';
    this.subject = subject;
  }
}

type K = (pos: number) => boolean;
type M = (pos: number, k: K) => boolean;

interface State {
  s: string;
  steps: number;
  /** Per group: start and end (code unit offsets), -1 when unset. */
  caps: Int32Array;
}

const cpLen = (s: string, p: number): number => {
  const c = s.charCodeAt(p);
  return c >= 0xd800 && c <= 0xdbff && p + 1 < s.length && (s.charCodeAt(p + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
};
/** Offset `n` code points before `p`, or -1. */
function back(s: string, p: number, n: number): number {
  for (let i = 0; i < n; i++) {
    if (p <= 0) return -1;
    p--;
    if (p > 0 && (s.charCodeAt(p) & 0xfc00) === 0xdc00 && (s.charCodeAt(p - 1) & 0xfc00) === 0xd800) p--;
  }
  return p;
}
const asciiLower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 32 : c);

export interface Backtracker {
  /** `re.search(pattern, s) is not None`; throws BudgetExceeded past `budget` steps. */
  search(s: string): boolean;
}

function groupCount(alt: Alt): number {
  let n = 0;
  const visit = (x: Node): void => {
    if (x.kind === 'group') {
      if (x.capture) n++;
      x.body.branches.forEach((b) => b.forEach(visit));
    } else if (x.kind === 'look') x.body.branches.forEach((b) => b.forEach(visit));
    else if (x.kind === 'repeat') visit(x.node);
  };
  alt.branches.forEach((b) => b.forEach(visit));
  return n;
}

/**
 * `drop`: nodes to leave out (prunable lookarounds, see pyregex.ts). Groups inside them are then
 * not numbered, which is harmless: nothing is dropped from a pattern with backreferences.
 */
export function compileBacktracker(alt: Alt, opts: { anchoredStart: boolean; budget: number; drop?: Set<Node> | undefined }): Backtracker {
  const st: State = { s: '', steps: 0, caps: new Int32Array(2 * (groupCount(alt) + 1)) };
  const budget = opts.budget;
  let groups = 0;
  const done: K = () => true;
  const step = (): void => {
    if (++st.steps > budget) throw new BudgetExceeded(st.s, `more than ${budget} backtracking steps`);
  };

  /** A class, literal or assertion tested at one offset: its JavaScript translation, sticky. */
  const sticky = (js: string, icase: boolean): RegExp => new RegExp(js, icase ? 'iuy' : 'uy');

  const single = (n: Node): ((p: number) => number) | null => {
    // Returns the offset after the character matched at p, or -1.
    if (n.kind === 'lit' && !n.icase) {
      const cp = n.cp;
      const w = cp > 0xffff ? 2 : 1;
      return (p) => (st.s.codePointAt(p) === cp ? p + w : -1);
    }
    if (n.kind === 'lit' || n.kind === 'raw') {
      const re = sticky(n.kind === 'raw' ? n.js : `\\u{${n.cp.toString(16)}}`, n.icase);
      // The answer for each ASCII character, worked out once: test ids are ASCII.
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

  const alternation = (a: Alt): M => {
    const branches = a.branches.map(sequence);
    if (branches.length === 1) return branches[0] as M;
    return (p, k) => {
      for (const b of branches) if (b(p, k)) return true;
      return false;
    };
  };

  const sequence = (items: Node[]): M => {
    const ms = items.map((n) => node(n));
    if (ms.length === 0) return (p, k) => k(p);
    let out = ms[ms.length - 1] as M;
    for (let i = ms.length - 2; i >= 0; i--) {
      const m = ms[i] as M;
      const next = out;
      out = (p, k) => m(p, (q) => next(q, k));
    }
    return out;
  };

  const node = (n: Node): M => {
    if (opts.drop?.has(n)) return (p, k) => k(p);
    switch (n.kind) {
      case 'lit':
      case 'raw': {
        const one = single(n) as (p: number) => number;
        return (p, k) => {
          step();
          const q = one(p);
          return q >= 0 && k(q);
        };
      }
      case 'assert': {
        const re = sticky(n.js, n.icase);
        return (p, k) => {
          step();
          re.lastIndex = p;
          return re.test(st.s) && k(p);
        };
      }
      case 'group': {
        // Numbered before the body, in the order the pattern opens them.
        const g = n.capture ? ++groups : 0;
        const body = alternation(n.body);
        if (!n.capture) return body;
        return (p, k) =>
          body(p, (q) => {
            const c = st.caps;
            const os = c[2 * g] as number;
            const oe = c[2 * g + 1] as number;
            c[2 * g] = p;
            c[2 * g + 1] = q;
            if (k(q)) return true;
            c[2 * g] = os;
            c[2 * g + 1] = oe;
            return false;
          });
      }
      case 'backref': {
        const g = n.index;
        const icase = n.icase;
        return (p, k) => {
          step();
          const s = st.s;
          const a = st.caps[2 * g] as number;
          const e = st.caps[2 * g + 1] as number;
          if (a < 0) return false;
          const len = e - a;
          if (p + len > s.length) return false;
          for (let i = 0; i < len; i++) {
            const x = s.charCodeAt(a + i);
            const y = s.charCodeAt(p + i);
            // Only ASCII letters fold: pyregex marks IGNORECASE backreferences Unicode-sensitive,
            // so a non-ASCII subject gets here only under (?a), where Python folds ASCII only.
            if (x !== y && !(icase && asciiLower(x) === asciiLower(y))) return false;
          }
          return k(p + len);
        };
      }
      case 'look': {
        const body = alternation(n.body);
        const negative = n.negative;
        const w = n.behind ? lookWidth(n.body) : 0;
        // Without groups inside, the body changes no captures: nothing to save.
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
      case 'repeat':
        return repeat(n);
    }
  };

  const repeat = (n: Extract<Node, { kind: 'repeat' }>): M => {
    const { min, max, lazy } = n;
    const one = single(n.node);
    if (one) {
      // One character per iteration: no captures inside, so a plain loop over the run (sre's REPEAT_ONE).
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
          for (;;) {
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
        // Each iteration took one code point: step back one at a time.
        for (;;) {
          step();
          if (k(q)) return true;
          if (q === first) return false;
          q = back(st.s, q, 1);
        }
      };
    }
    const inner = node(n.node);
    const loop = (p: number, count: number, k: K): boolean => {
      step();
      if (count < min) return inner(p, (q) => loop(q, count + 1, k));
      // An iteration that matched nothing ends the loop: the tail runs from there.
      const more = (q: number): boolean => (q === p ? k(q) : loop(q, count + 1, k));
      if (lazy) return k(p) || (count < max && inner(p, more));
      return (count < max && inner(p, more)) || k(p);
    };
    return (p, k) => loop(p, 0, k);
  };

  const root = alternation(alt);
  return {
    search(s: string): boolean {
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
        // Deep nesting on a long subject overflows the JavaScript stack: treat it like the budget.
        if (err instanceof RangeError) throw new BudgetExceeded(s, 'too deep a backtracking recursion');
        throw err;
      }
    },
  };
}

function lookWidth(alt: Alt): number {
  // Python checks look-behinds are fixed width; any branch gives the width.
  const seq = alt.branches[0] ?? [];
  let w = 0;
  for (const n of seq) w += nodeFixedWidth(n);
  return w;
}
function nodeFixedWidth(n: Node): number {
  switch (n.kind) {
    case 'lit':
    case 'raw':
      return 1;
    case 'assert':
    case 'look':
    case 'backref':
      return 0;
    case 'group':
      return lookWidth(n.body);
    case 'repeat':
      return n.max === 0 ? 0 : nodeFixedWidth(n.node) * n.min;
  }
}
