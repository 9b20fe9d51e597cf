// The compact baseline encoding: what a store keeps for a branch (its aggregate and the history of
// its last N runs) in one JSON document small enough to commit and quick to load. The exchange
// format stays `tempest-gate/baseline@1` (model.ts): files people pass, `baseline show --json`,
// `baseline create`. This one is for the store's hot path, and compare reads both.
//
// Layout (documented in docs/compare.md, "Compact encoding"): columns, not objects.
//  - test names interned: the class path once in `classes`, each test its class index and method;
//  - the idempotent id as 32 hex digits in one fixed-width string; the full id rebuilt from the name,
//    the id and the other attributes, and kept verbatim only where it would not rebuild the same;
//  - each run of the history a string of 2 characters per test (base64url, 12 bits: outcome ×
//    rounded duration), so 100,000 tests × 30 runs is 6 MB of plain, delta-friendly text;
//  - durations rounded on a log scale (steps of 1/36 in ln(1 + d/0.01 s): within ±1.4%, 0 to
//    about 4 hours), which is well inside the diff's 50% / 5 s thresholds.
// Pure: text in, values out; no I/O.
import { UserError } from '../errors.ts';
import { namesId } from '../results/model.ts';
import { EMPTY_CONTEXT, BASELINE_SCHEMA, type Baseline, type BaselineContext, type BaselineTest, type Outcome } from './model.ts';

export const COMPACT_SCHEMA = 'tempest-gate/baseline-compact@1';

/** A test as the history names it: one row of the table every run's cells index. */
export interface HistoryTest {
  id: string;
  name: string;
  idempotentId: string | null;
  /** The last skip reason seen, or null. */
  reason: string | null;
}

/** What one run did: an outcome and a (rounded) duration per test of the table. */
export type CellOutcome = 'absent' | Outcome;

export interface HistoryRun {
  /** ISO 8601: when the run was promoted (or made). */
  created: string;
  context: BaselineContext;
  /** One cell per test of the table: outcome code × 512 + duration level (see encodeCell). */
  cells: Uint16Array;
}

/** A branch's last runs, oldest first, over one table of tests. */
export interface BaselineHistory {
  tests: HistoryTest[];
  runs: HistoryRun[];
}

// ---------------------------------------------------------------- cells

const OUTCOME_CODES: readonly CellOutcome[] = ['absent', 'pass', 'fail', 'skip', 'unfinished', 'flaky'];
const CODE_OF: Readonly<Record<CellOutcome, number>> = { absent: 0, pass: 1, fail: 2, skip: 3, unfinished: 4, flaky: 5 };
const LEVELS = 512;
const SCALE = 36;
const D0 = 0.01;

/** A duration's level: 0 none, 1 for 0 s, up to 511 (about 4 hours and more). */
export function durationLevel(seconds: number | null): number {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return 0;
  return Math.min(LEVELS - 1, 1 + Math.round(SCALE * Math.log1p(seconds / D0)));
}

/** The duration a level stands for (seconds, 3 decimals), or null for level 0. */
export function levelSeconds(level: number): number | null {
  if (level <= 0) return null;
  return Math.round(D0 * Math.expm1((level - 1) / SCALE) * 1000) / 1000;
}

/** A duration as stored: rounded to its level. */
export function roundDuration(seconds: number | null): number | null {
  return levelSeconds(durationLevel(seconds));
}

export function encodeCell(outcome: CellOutcome, seconds: number | null): number {
  return CODE_OF[outcome] * LEVELS + (outcome === 'pass' || outcome === 'flaky' ? durationLevel(seconds) : 0);
}

export function cellOutcome(cell: number): CellOutcome {
  return OUTCOME_CODES[cell >> 9] ?? 'absent';
}

export function cellSeconds(cell: number): number | null {
  return levelSeconds(cell & (LEVELS - 1));
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE_OF = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE_OF[ALPHABET.charCodeAt(i)] = i;

/** 12-bit values as 2 base64url characters each. */
function packCells(cells: Uint16Array): string {
  let out = '';
  const chunk: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i] ?? 0;
    chunk.push(ALPHABET[v >> 6] ?? 'A', ALPHABET[v & 63] ?? 'A');
    if (chunk.length >= 8192) {
      out += chunk.join('');
      chunk.length = 0;
    }
  }
  return out + chunk.join('');
}

function unpackCells(text: string, n: number, where: () => string, bad: Fail): Uint16Array {
  if (text.length !== n * 2) throw bad(`${where()} has ${text.length} characters, expected ${n * 2} (2 per test)`);
  const out = new Uint16Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const hi = VALUE_OF[text.charCodeAt(j)] ?? -1;
    const lo = VALUE_OF[text.charCodeAt(j + 1)] ?? -1;
    if (hi < 0 || lo < 0 || hi >= 48) throw bad(`${where()}: character ${j + 1} is not a cell`);
    out[i] = (hi << 6) | lo;
  }
  return out;
}

// ---------------------------------------------------------------- history from baselines

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A run (summarised, or a baseline without history) as one run of a history of its own. */
export function historyOfBaseline(b: Baseline): BaselineHistory {
  const tests = [...b.tests].sort(byName);
  const cells = new Uint16Array(tests.length);
  tests.forEach((t, i) => {
    cells[i] = encodeCell(t.outcome, t.duration);
  });
  return {
    tests: tests.map((t) => ({ id: t.id, name: t.name, idempotentId: t.idempotentId, reason: t.reason })),
    runs: [{ created: b.created, context: { ...EMPTY_CONTEXT, ...b.context }, cells }],
  };
}

/**
 * Add runs (oldest first) to a history and keep the newest `keep`: a test new in a run joins the
 * table, a test in none of the kept runs leaves it, the latest run names each test and gives its
 * skip reason. The table stays sorted by name.
 */
export function appendHistory(history: BaselineHistory | null, added: readonly BaselineHistory[], keep: number): BaselineHistory {
  if (!Number.isInteger(keep) || keep < 1) throw new UserError(`keep must be a whole number of at least 1, not ${keep}`);
  const parts = history ? [history, ...added] : [...added];
  const all: { run: HistoryRun; names: HistoryTest[] }[] = [];
  for (const p of parts) for (const run of p.runs) all.push({ run, names: p.tests });
  const kept = all.slice(Math.max(0, all.length - keep));
  // The tables the kept runs index, newest first: a test is named by the newest run that has it.
  const tables: { names: HistoryTest[]; runs: HistoryRun[] }[] = [];
  for (let k = kept.length - 1; k >= 0; k--) {
    const { run, names } = kept[k] as { run: HistoryRun; names: HistoryTest[] };
    const table = tables.find((t) => t.names === names);
    if (table) table.runs.push(run);
    else tables.push({ names, runs: [run] });
  }
  const rows = new Map<string, HistoryTest>();
  for (const { names, runs } of tables) {
    for (let i = 0; i < names.length; i++) {
      if (!runs.some((r) => (r.cells[i] ?? 0) >> 9 !== 0)) continue;
      const t = names[i] as HistoryTest;
      const prev = rows.get(t.name);
      if (prev === undefined) rows.set(t.name, t);
      else if (prev.reason === null && t.reason !== null) rows.set(t.name, { ...prev, reason: t.reason });
    }
  }
  const tests = [...rows.values()].sort(byName);
  const at = new Map<string, number>();
  tests.forEach((t, i) => at.set(t.name, i));
  // Per table, where each of its rows went (-1: gone), computed once for all its runs.
  const moves = new Map<HistoryTest[], Int32Array | null>();
  for (const { names } of tables) {
    const same = names.length === tests.length && names.every((t, i) => t.name === (tests[i] as HistoryTest).name);
    moves.set(names, same ? null : Int32Array.from(names, (t) => at.get(t.name) ?? -1));
  }
  return {
    tests,
    runs: kept.map(({ run, names }) => {
      const move = moves.get(names) ?? null;
      if (move === null) return run;
      const cells = new Uint16Array(tests.length);
      for (let i = 0; i < move.length; i++) {
        const j = move[i] ?? -1;
        if (j >= 0) cells[j] = run.cells[i] ?? 0;
      }
      return { created: run.created, context: run.context, cells };
    }),
  };
}

/** The newest `last` runs of a history (all when null). */
export function lastRuns(history: BaselineHistory, last: number | null): BaselineHistory {
  if (last === null || last >= history.runs.length) return history;
  return appendHistory(null, [{ tests: history.tests, runs: history.runs.slice(history.runs.length - last) }], Math.max(1, last));
}

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? (values[mid] ?? null) : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
}

function outcomeOfCounts(passes: number, failures: number, skips: number, unfinished: number): Outcome {
  const bad = failures + unfinished;
  if (passes > 0 && bad > 0) return 'flaky';
  if (failures > 0) return 'fail';
  if (unfinished > 0) return 'unfinished';
  if (passes > 0) return 'pass';
  if (skips > 0) return 'skip';
  return 'unfinished';
}

/**
 * The baseline a history stands for: per test, its outcomes over the kept runs counted (a run
 * where it was flaky counts a pass and a failure), its pass rate, and the median of its (rounded)
 * passing durations. `durations` may give those medians already (the stored column).
 */
export function baselineOfHistory(history: BaselineHistory, options: { created: string; durations?: (number | null)[] }): Baseline {
  const n = history.tests.length;
  const passes = new Uint16Array(n);
  const failures = new Uint16Array(n);
  const skips = new Uint16Array(n);
  const unfinished = new Uint16Array(n);
  let context: BaselineContext = { ...EMPTY_CONTEXT };
  for (const run of history.runs) {
    context = { ...context, ...Object.fromEntries(Object.entries(run.context).filter(([, v]) => v !== null)) };
    const cells = run.cells;
    for (let i = 0; i < n; i++) {
      switch ((cells[i] ?? 0) >> 9) {
        case 1:
          passes[i] = (passes[i] ?? 0) + 1;
          break;
        case 2:
          failures[i] = (failures[i] ?? 0) + 1;
          break;
        case 3:
          skips[i] = (skips[i] ?? 0) + 1;
          break;
        case 4:
          unfinished[i] = (unfinished[i] ?? 0) + 1;
          break;
        case 5:
          passes[i] = (passes[i] ?? 0) + 1;
          failures[i] = (failures[i] ?? 0) + 1;
          break;
      }
    }
  }
  const durations = options.durations ?? medianDurations(history);
  const tests: BaselineTest[] = new Array<BaselineTest>(n);
  for (let i = 0; i < n; i++) {
    const t = history.tests[i] as HistoryTest;
    const p = passes[i] ?? 0;
    const f = failures[i] ?? 0;
    const s = skips[i] ?? 0;
    const u = unfinished[i] ?? 0;
    const ran = p + f + u;
    tests[i] = {
      id: t.id,
      name: t.name,
      idempotentId: t.idempotentId,
      outcome: outcomeOfCounts(p, f, s, u),
      passes: p,
      failures: f,
      skips: s,
      unfinished: u,
      passRate: ran === 0 ? null : p / ran,
      duration: durations[i] ?? null,
      reason: t.reason,
    };
  }
  return { schema: BASELINE_SCHEMA, created: options.created, context, runs: history.runs.length, tests };
}

/** Per test, the median (seconds) of its rounded passing durations over the history's runs. */
export function medianDurations(history: BaselineHistory): (number | null)[] {
  const n = history.tests.length;
  const out: (number | null)[] = new Array<number | null>(n).fill(null);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    values.length = 0;
    for (const run of history.runs) {
      const cell = run.cells[i] ?? 0;
      const code = cell >> 9;
      if ((code === 1 || code === 5) && (cell & (LEVELS - 1)) > 0) values.push(levelSeconds(cell & (LEVELS - 1)) ?? 0);
    }
    out[i] = medianOf(values);
  }
  return out;
}

// ---------------------------------------------------------------- text

interface CompactDocument {
  schema: typeof COMPACT_SCHEMA;
  created: string;
  /** How many runs promote keeps (what the history was cut to). */
  keep: number | null;
  classes: string[];
  tests: {
    class: number[];
    method: string[];
    /** Interned attributes other than the idempotent id, comma-joined (attrs[0] is "", none). */
    attrs: string[];
    /** Per test, its index into attrs. */
    attr: number[];
    /** 32 hex digits per test, '.' × 32 for none. */
    uuid: string;
    /** Full ids that the name, id and attributes do not rebuild (index → id). */
    ids: Record<string, string>;
    /** Interned skip reasons, and the tests that have one (index → reason index). */
    reasons: string[];
    reason: Record<string, number>;
    /** The median passing duration over the runs, one cell (outcome 0) per test. */
    duration: string;
  };
  runs: { created: string; context: Partial<BaselineContext>; cells: string }[];
}

const NO_UUID = '.'.repeat(32);

function rebuiltId(name: string, idempotentId: string | null, attrs: string): string {
  const parts = idempotentId ? [`id-${idempotentId}`, ...(attrs ? [attrs] : [])] : attrs ? [attrs] : [];
  return parts.length ? `${name}[${parts.join(',')}]` : name;
}

function attrsOf(id: string, name: string, idempotentId: string | null): string {
  if (!id.startsWith(name) || id.length === name.length) return '';
  const inner = id.slice(name.length + 1, -1);
  return inner
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '' && !(idempotentId !== null && a.toLowerCase() === `id-${idempotentId}`))
    .join(',');
}

function compactContext(c: BaselineContext): Partial<BaselineContext> {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null));
}

/** The compact text of a history (and its aggregate's durations). One line per run: git deltas stay small. */
export function encodeCompact(history: BaselineHistory, options: { created: string; keep: number | null }): string {
  const classes: string[] = [];
  const classAt = new Map<string, number>();
  const cls: number[] = [];
  const method: string[] = [];
  const attrs: string[] = [''];
  const attrAt = new Map<string, number>([['', 0]]);
  const attr: number[] = [];
  const uuid: string[] = [];
  const ids: Record<string, string> = {};
  const reasons: string[] = [];
  const reasonAt = new Map<string, number>();
  const reason: Record<string, number> = {};
  history.tests.forEach((t, i) => {
    const dot = t.name.lastIndexOf('.');
    const c = dot > 0 ? t.name.slice(0, dot) : '';
    let ci = classAt.get(c);
    if (ci === undefined) {
      ci = classes.length;
      classes.push(c);
      classAt.set(c, ci);
    }
    cls.push(dot > 0 ? ci : -1);
    method.push(dot > 0 ? t.name.slice(dot + 1) : t.name);
    const hex = t.idempotentId?.replace(/-/g, '') ?? '';
    const idOk =
      t.idempotentId !== null &&
      /^[0-9a-f]{32}$/.test(hex) &&
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` === t.idempotentId;
    uuid.push(idOk ? hex : NO_UUID);
    const a = attrsOf(t.id, t.name, idOk ? t.idempotentId : null);
    let ai = attrAt.get(a);
    if (ai === undefined) {
      ai = attrs.length;
      attrs.push(a);
      attrAt.set(a, ai);
    }
    attr.push(ai);
    if (rebuiltId(t.name, idOk ? t.idempotentId : null, a) !== t.id || (t.idempotentId !== null && !idOk)) ids[i] = t.id;
    if (t.reason !== null) {
      let ri = reasonAt.get(t.reason);
      if (ri === undefined) {
        ri = reasons.length;
        reasons.push(t.reason);
        reasonAt.set(t.reason, ri);
      }
      reason[i] = ri;
    }
  });
  const durations = medianDurations(history);
  const duration = Uint16Array.from(durations, (d) => durationLevel(d));
  const head = {
    schema: COMPACT_SCHEMA,
    created: options.created,
    keep: options.keep,
    classes,
    tests: { class: cls, method, attrs, attr, uuid: uuid.join(''), ids, reasons, reason, duration: packCells(duration) },
  };
  // The runs last, one per line, so that a promote changes the file by a line or two.
  const runs = history.runs.map((r) => JSON.stringify({ created: r.created, context: compactContext(r.context), cells: packCells(r.cells) }));
  const text = JSON.stringify(head);
  return `${text.slice(0, -1)},\n"runs":[\n${runs.join(',\n')}\n]}\n`;
}

type Fail = (what: string) => UserError;

export function isCompact(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema === COMPACT_SCHEMA;
}

export interface DecodedCompact {
  history: BaselineHistory;
  created: string;
  keep: number | null;
  /** The stored median durations (seconds), per test of the table. */
  durations: (number | null)[];
  /** Whether every test's id gives its name and idempotent id (namesId), as a run's ids do. */
  idsNamed: boolean;
}

/**
 * Test lists known to have ids that give their names and idempotent ids (namesId of every test):
 * a compact baseline's, whose ids are built from the names (decodeCompact checks the few pieces
 * that could make one disagree). knownTests then skips the check per test (~1 µs each): a fact
 * about the very array, which nothing changes after decoding; a filtered or copied list is not in it.
 */
const idsNamedLists = new WeakSet<readonly BaselineTest[]>();

/** Whether `tests` is a list whose ids are known to give their names (see idsNamedLists). */
export function hasNamedIds(tests: readonly BaselineTest[]): boolean {
  return idsNamedLists.has(tests);
}

/** Uuid-shaped stand-in for checking an attribute list with an idempotent id before it. */
const SOME_UUID = '00000000-0000-0000-0000-000000000000';

const CONTEXT_KEYS = Object.keys(EMPTY_CONTEXT) as (keyof BaselineContext)[];

function contextOf(value: unknown, where: string, bad: Fail): BaselineContext {
  const out: BaselineContext = { ...EMPTY_CONTEXT };
  if (value === undefined) return out;
  if (typeof value !== 'object' || value === null) throw bad(`${where}.context must be an object`);
  for (const k of CONTEXT_KEYS) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined || v === null) continue;
    const numeric = k === 'nodes' || k === 'concurrency';
    if (numeric ? !Number.isInteger(v) || (v as number) < 1 : typeof v !== 'string')
      throw bad(`${where}.context.${k} must be ${numeric ? 'a whole number' : 'a string'}`);
    (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Read a compact document (parsed JSON). Every column is checked; errors name the file and column. */
export function decodeCompact(value: unknown, file: string): DecodedCompact {
  const bad: Fail = (what) => new UserError(`invalid compact baseline: ${what}`, { place: { file } });
  if (!isCompact(value)) throw bad(`"schema" must be "${COMPACT_SCHEMA}"`);
  const doc = value as Partial<CompactDocument>;
  if (typeof doc.created !== 'string') throw bad('"created" must be a string');
  const keep = doc.keep ?? null;
  if (keep !== null && (!Number.isInteger(keep) || keep < 1)) throw bad('"keep" must be null or a whole number of at least 1');
  const classes = doc.classes;
  if (!Array.isArray(classes) || !classes.every((c) => typeof c === 'string')) throw bad('"classes" must be a list of strings');
  const t = doc.tests;
  if (typeof t !== 'object' || t === null) throw bad('"tests" must be an object');
  const { method, attrs, attr, uuid, ids, reasons, reason, duration } = t;
  const cls = t.class;
  if (!Array.isArray(method) || !method.every((m) => typeof m === 'string' && m !== '')) throw bad('tests.method must be a list of non-empty strings');
  const n = method.length;
  if (!Array.isArray(cls) || cls.length !== n || !cls.every((c) => Number.isInteger(c) && c >= -1 && c < classes.length))
    throw bad(`tests.class must be ${n} indexes into "classes" (or -1)`);
  if (!Array.isArray(attrs) || attrs[0] !== '' || !attrs.every((a) => typeof a === 'string')) throw bad('tests.attrs must be a list of strings, the first ""');
  if (!Array.isArray(attr) || attr.length !== n || !attr.every((a) => Number.isInteger(a) && a >= 0 && a < attrs.length))
    throw bad(`tests.attr must be ${n} indexes into tests.attrs`);
  if (typeof uuid !== 'string' || uuid.length !== n * 32) throw bad(`tests.uuid must be ${n * 32} characters (32 per test)`);
  if (typeof ids !== 'object' || ids === null) throw bad('tests.ids must be an object');
  if (!Array.isArray(reasons) || !reasons.every((r) => typeof r === 'string')) throw bad('tests.reasons must be a list of strings');
  if (typeof reason !== 'object' || reason === null) throw bad('tests.reason must be an object');
  if (typeof duration !== 'string') throw bad('tests.duration must be a string');
  const tests: HistoryTest[] = new Array<HistoryTest>(n);
  // Whether an id built as below gives back its name and idempotent id depends only on the
  // attribute list (a bracket or an idempotent id in it would move where testNameOf reads), so it
  // is checked once per list, on a stand-in name: a name's own brackets come before the list's.
  const namedWith = attrs.map((a) => namesId(`x[id-${SOME_UUID}${a === '' ? '' : `,${a}`}]`, 'x', SOME_UUID));
  const namedWithout = attrs.map((a) => a === '' || namesId(`x[${a}]`, 'x', null));
  /** Tests whose built id does not give its name (few or none); an id of its own (tests.ids) replaces the verdict. */
  const unnamed = new Set<number>();
  // Each test's id is written as one flat string (its pieces joined), and its name and idempotent
  // id are slices of it: a string and two small views per test. Built by concatenation, an id was
  // a tree of a dozen pieces, which the GC then copied and marked, and every map lookup flattened
  // again; a flat id is what a run's id read from its stream is, so that the two compare quickly
  // (SummarizerOptions.known looks the run's ids up among these).
  const pieces: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = cls[i] as number;
    const m = method[i] as string;
    const a = attrs[attr[i] as number] as string;
    pieces.length = 0;
    let nameEnd = m.length;
    if (c === -1) pieces.push(m);
    else {
      const k = classes[c] as string;
      pieces.push(k, '.', m);
      nameEnd += k.length + 1;
    }
    const withId = uuid.charCodeAt(i * 32) !== 0x2e;
    if (withId) {
      const o = i * 32;
      for (let j = o; j < o + 32; j++) {
        const ch = uuid.charCodeAt(j);
        if (!((ch >= 0x30 && ch <= 0x39) || (ch >= 0x61 && ch <= 0x66))) throw bad(`tests.uuid of test ${i} is not 32 hex digits`);
      }
      pieces.push(
        '[id-',
        uuid.slice(o, o + 8),
        '-',
        uuid.slice(o + 8, o + 12),
        '-',
        uuid.slice(o + 12, o + 16),
        '-',
        uuid.slice(o + 16, o + 20),
        '-',
        uuid.slice(o + 20, o + 32),
      );
      if (a !== '') pieces.push(',', a);
      pieces.push(']');
    } else if (a !== '') pieces.push('[', a, ']');
    const id = pieces.join('');
    const name = nameEnd === id.length ? id : id.slice(0, nameEnd);
    const idempotentId = withId ? id.slice(nameEnd + 4, nameEnd + 40) : null;
    // Its attribute list decides (checked above); a bare name is checked itself (it may end as a list would).
    const list = attr[i] as number;
    const named = withId ? namedWith[list] : a !== '' ? namedWithout[list] : namesId(id, name, null);
    if (!named) unnamed.add(i);
    tests[i] = { id, name, idempotentId, reason: null };
  }
  let overridesNamed = true;
  for (const [k, v] of Object.entries(ids)) {
    const i = Number(k);
    const row = tests[i];
    if (!Number.isInteger(i) || row === undefined || typeof v !== 'string') throw bad(`tests.ids has an entry '${k}' that is not a test index with an id`);
    row.id = v;
    unnamed.delete(i);
    if (overridesNamed && !namesId(v, row.name, row.idempotentId)) overridesNamed = false;
  }
  const idsNamed = overridesNamed && unnamed.size === 0;
  for (const [k, v] of Object.entries(reason as Record<string, unknown>)) {
    const i = Number(k);
    const row = tests[i];
    if (row === undefined || typeof v !== 'number' || reasons[v] === undefined)
      throw bad(`tests.reason has an entry '${k}' that is not a test and reason index`);
    row.reason = reasons[v] ?? null;
  }
  const durationCells = unpackCells(duration, n, () => 'tests.duration', bad);
  const durations: (number | null)[] = new Array<number | null>(n);
  for (let i = 0; i < n; i++) durations[i] = levelSeconds((durationCells[i] ?? 0) & (LEVELS - 1));
  const runsIn = doc.runs;
  if (!Array.isArray(runsIn)) throw bad('"runs" must be a list');
  const runs: HistoryRun[] = runsIn.map((r: unknown, k) => {
    if (typeof r !== 'object' || r === null) throw bad(`runs[${k}] must be an object`);
    const run = r as { created?: unknown; context?: unknown; cells?: unknown };
    if (typeof run.created !== 'string') throw bad(`runs[${k}].created must be a string`);
    if (typeof run.cells !== 'string') throw bad(`runs[${k}].cells must be a string`);
    return { created: run.created, context: contextOf(run.context, `runs[${k}]`, bad), cells: unpackCells(run.cells, n, () => `runs[${k}].cells`, bad) };
  });
  return { history: { tests, runs }, created: doc.created, keep, durations, idsNamed };
}

/** The baseline a compact document stands for; with `last`, over its newest `last` runs only. */
export function baselineOfCompact(decoded: DecodedCompact, last: number | null = null): Baseline {
  const baseline =
    last !== null && last < decoded.history.runs.length
      ? baselineOfHistory(lastRuns(decoded.history, last), { created: decoded.created })
      : baselineOfHistory(decoded.history, { created: decoded.created, durations: decoded.durations });
  if (decoded.idsNamed) idsNamedLists.add(baseline.tests);
  return baseline;
}
