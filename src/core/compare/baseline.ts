// Baselines: summarise one or more runs into per-test outcomes (flaky when a test both passed and
// failed, with its pass rate), merge baselines, and read a baseline file back with clear errors.
import { Ajv, type ErrorObject } from 'ajv';
import { UserError } from '../errors.ts';
import {
  isListing,
  parseTestId,
  RESULTS_SCHEMA,
  TEST_STATUSES,
  testNameOf,
  namesId,
  type FinishedTest,
  type RunResults,
  type TestRecord,
  type TestStatus,
} from '../results/model.ts';
import { parseResults } from '../results/parse.ts';
import { baselineOfCompact, decodeCompact, hasNamedIds, isCompact, type DecodedCompact } from './compact.ts';
import { BASELINE_SCHEMA, EMPTY_CONTEXT, outcomeOf, type Baseline, type BaselineContext, type BaselineTest, type Outcome, type RunSummary } from './model.ts';

const REASON_CHARS = 500;
const DETAIL_CHARS = 2000;

/** Per-test tally while summarising. */
interface Tally {
  id: string;
  name: string;
  idempotentId: string | null;
  passes: number;
  failures: number;
  skips: number;
  unfinished: number;
  /** Durations of passing executions (most tests have one: no array until a second). */
  duration: number | null;
  moreDurations: number[] | null;
  reason: string | null;
  detail: string | null;
}

function addDuration(t: Tally, d: number): void {
  if (t.duration === null) t.duration = d;
  else (t.moreDurations ??= []).push(d);
}

export interface SummaryOptions {
  context?: Partial<BaselineContext>;
  /** ISO time to record as `created` (core has no clock: the caller passes it). */
  created?: string;
}

function attachmentText(t: TestRecord, name: string): string | null {
  for (const a of t.attachments) if (a.name === name && a.text !== '') return a.text;
  return null;
}

/** The last `max` characters of a traceback (its end says what went wrong). */
/** The last `max` characters, cut at a line start (or else a word start), never inside a word. */
export function tail(text: string, max: number): string {
  const trimmed = text.replace(/\s+$/, '');
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(trimmed.length - max);
  const line = cut.indexOf('\n');
  if (line >= 0 && line < max / 2) return `…\n${cut.slice(line + 1)}`;
  const word = cut.search(/\s/);
  return word >= 0 && word < max / 2 ? `…${cut.slice(word)}` : `…${cut}`;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  if (values.length === 1) return values[0] ?? null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Merge key: the name. Not the idempotent id: Tempest subclasses inherit their parent's tests with
 * the same id (FlavorsV255TestJSON and FlavorsV261TestJSON both run test_crud_flavor under one id),
 * so ids are not unique within a run. Renames are matched later, by the diff.
 */
function keyOf(name: string): string {
  return name;
}

function outcomeFromTally(t: { passes: number; failures: number; skips: number; unfinished: number }): Outcome {
  const bad = t.failures + t.unfinished;
  if (t.passes > 0 && bad > 0) return 'flaky';
  if (t.failures > 0) return 'fail';
  if (t.unfinished > 0) return 'unfinished';
  if (t.passes > 0) return 'pass';
  if (t.skips > 0) return 'skip';
  return 'unfinished';
}

function passRate(t: { passes: number; failures: number; unfinished: number }): number | null {
  const ran = t.passes + t.failures + t.unfinished;
  return ran === 0 ? null : t.passes / ran;
}

function toBaselineTest(t: Tally): BaselineTest {
  return {
    id: t.id,
    name: t.name,
    idempotentId: t.idempotentId,
    outcome: outcomeFromTally(t),
    passes: t.passes,
    failures: t.failures,
    skips: t.skips,
    unfinished: t.unfinished,
    passRate: passRate(t),
    duration: t.moreDurations === null ? t.duration : median([t.duration ?? 0, ...t.moreDurations]),
    reason: t.reason,
  };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Tests a run passed (status success) and ran (any status but exists), by name and idempotent id, for Interop. */
export interface RanTests {
  passed: { names: Set<string>; ids: Set<string> };
  ran: Set<string>;
}

export interface SummarizerOptions {
  /** Also collect the tests passed and ran (RanTests), for Interop scoring. */
  interop?: boolean;
  /**
   * The baseline tests the run will be compared with (knownTests). A run test with one of their
   * names takes that test's strings (name; id and idempotent id where they are the same text), and
   * its position is kept by the baseline test's, not in the name map: the run then holds no strings
   * of its own for the tests the baseline knows (a third of a million-test compare's memory), and
   * the diff pairs them without looking their names up again (RunSummary.readAgainst).
   */
  known?: KnownTests;
}

/** Baseline tests for SummarizerOptions.known: by full id, and sorted by name for the rest. */
export interface KnownTests {
  tests: readonly BaselineTest[];
  byId: ReadonlyMap<string, number>;
}

/**
 * The tests to read a run against, or null when their names are not strictly in order (one by
 * name, as baselines keep them). Only a test whose id gives its name and idempotent id, as a run's
 * does, is found by id (a hand-written baseline may say otherwise); any test is found by name.
 */
export function knownTests(tests: readonly BaselineTest[]): KnownTests | null {
  for (let b = 1; b < tests.length; b++) if (!((tests[b - 1] as BaselineTest).name < (tests[b] as BaselineTest).name)) return null;
  const byId = new Map<string, number>();
  // A compact baseline's list had its ids checked as it was decoded: the same outcome, sooner.
  const check = !hasNamedIds(tests);
  for (let b = 0; b < tests.length; b++) {
    const t = tests[b] as BaselineTest;
    if (!check || namesId(t.id, t.name, t.idempotentId)) byId.set(t.id, b);
  }
  return { tests, byId };
}

/** The known test of this name (binary search: a run's tests missing by id are few), or -1. */
function knownByName(tests: readonly BaselineTest[], name: string): number {
  let lo = 0;
  let hi = tests.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const n = (tests[mid] as BaselineTest).name;
    if (n === name) return mid;
    if (n < name) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Summarise runs as their tests come: records (`add`), or finished tests (`addFinished`) whose
 * record is made only when the test did not pass (a passing test needs its name, id and duration,
 * nothing else: making its record was most of a big run's cost). Tests merge by name; the run and
 * its reruns may each be summarised on its own and then merged (`absorb`), in order, which gives
 * what one summariser over every record in order gives.
 */
export class RunSummarizer {
  /** Name → position: the tests keep first-seen order, and the map is the summary's index. */
  private readonly indexOf = new Map<string, number>();
  /**
   * The summary's own entries, tallied in place (counts, first duration, reason) and finished by
   * summary(): one object per test, not a tally and then an entry (a million-test run held both).
   */
  private readonly tests: BaselineTest[] = [];
  /** Durations after a test's first (reruns), and failure details, by position: few tests have them. */
  private readonly more = new Map<number, number[]>();
  private readonly details = new Map<number, string>();
  private runs = 0;
  private done = false;
  private readonly interop: RanTests | null;
  private readonly known: KnownTests | null;
  /** Per known test, the position of the run's test of that name (-1: none yet). */
  private readonly knownAt: Int32Array;

  constructor(options: SummarizerOptions = {}) {
    this.interop = options.interop ? { passed: { names: new Set(), ids: new Set() }, ran: new Set() } : null;
    this.known = options.known ?? null;
    this.knownAt = new Int32Array(this.known?.tests.length ?? 0).fill(-1);
  }

  /** Count one more run (the run itself, then each rerun). */
  startRun(): void {
    this.runs++;
  }

  /** The known test with this id, else of this name (-1: none, or nothing known). */
  private knownOf(id: string, name: string): number {
    const known = this.known;
    if (known === null) return -1;
    return known.byId.get(id) ?? knownByName(known.tests, name);
  }

  /**
   * The position of the test of this name (a new entry when it is new), and the test seen for
   * Interop (status null: not). `b`: the known test of that name (knownOf), -1 for none.
   */
  private at(id: string, name: string, idempotentId: string | null, status: TestStatus | null, b: number): number {
    if (this.done) throw new Error('internal: a RunSummarizer takes no tests after summary()');
    let i: number | undefined;
    if (b >= 0) {
      // The known test's strings where they are the same text (SummarizerOptions.known).
      const k = (this.known as KnownTests).tests[b] as BaselineTest;
      name = k.name;
      if (id === k.id) id = k.id;
      if (idempotentId !== null && idempotentId === k.idempotentId) idempotentId = k.idempotentId;
      const at = this.knownAt[b] as number;
      if (at === -1) this.knownAt[b] = i = this.entry(id, name, idempotentId);
      else this.rename((i = at), id, name);
    } else {
      const key = keyOf(name);
      i = this.indexOf.get(key);
      if (i === undefined) this.indexOf.set(key, (i = this.entry(id, name, idempotentId)));
      else this.rename(i, id, name);
    }
    if (status !== null) this.seen(name, idempotentId, status);
    return i;
  }

  private entry(id: string, name: string, idempotentId: string | null): number {
    // The fields in toBaselineTest's order (the JSON of a baseline lists them so); outcome and passRate are set by summary().
    this.tests.push({
      id,
      name,
      idempotentId,
      outcome: 'unfinished',
      passes: 0,
      failures: 0,
      skips: 0,
      unfinished: 0,
      passRate: null,
      duration: null,
      reason: null,
    });
    return this.tests.length - 1;
  }

  /** The latest run names the test (runs are given oldest first). */
  private rename(i: number, id: string, name: string): void {
    const t = this.tests[i] as BaselineTest;
    t.id = id;
    t.name = name;
  }

  private addDuration(i: number, d: number): void {
    const t = this.tests[i] as BaselineTest;
    if (t.duration === null) t.duration = d;
    else {
      const more = this.more.get(i);
      if (more === undefined) this.more.set(i, [d]);
      else more.push(d);
    }
  }

  private detail(i: number, text: string | null): void {
    if (text !== null) this.details.set(i, text);
  }

  private seen(name: string, idempotentId: string | null, status: TestStatus): void {
    const i = this.interop;
    if (i === null) return;
    if (status === 'success') {
      i.passed.names.add(name);
      if (idempotentId !== null) i.passed.ids.add(idempotentId);
    }
    if (!isListing(status)) i.ran.add(name);
  }

  add(rec: TestRecord): void {
    const i = this.at(rec.id, rec.name, rec.idempotentId, rec.status, this.knownOf(rec.id, rec.name));
    const t = this.tests[i] as BaselineTest;
    // A test that is only listed stays 'unfinished' (outcomeFromTally of no attempts).
    if (isListing(rec.status)) return;
    switch (outcomeOf(rec.status)) {
      case 'pass':
        t.passes++;
        if (rec.duration !== null) this.addDuration(i, rec.duration);
        break;
      case 'fail':
        t.failures++;
        this.detail(i, failureDetail(rec));
        break;
      case 'skip': {
        t.skips++;
        const reason = attachmentText(rec, 'reason');
        if (reason !== null) t.reason = reason.trim().slice(0, REASON_CHARS);
        break;
      }
      default:
        t.unfinished++;
        this.detail(i, failureDetail(rec));
    }
  }

  /** A test as the parser finishes it: the same as `add(test.record())`, without the record of a passing test. */
  addFinished(test: FinishedTest): void {
    const status = test.status;
    if (status !== 'success' && status !== 'xfail') return this.add(test.record());
    // A known id gives the name and idempotent id without reading them out of the id.
    const b = this.known === null ? undefined : this.known.byId.get(test.id);
    let i: number;
    if (b !== undefined) {
      const k = (this.known as KnownTests).tests[b] as BaselineTest;
      i = this.at(k.id, k.name, k.idempotentId, status, b);
    } else {
      const { name, idempotentId } = testNameOf(test.id);
      i = this.at(test.id, name, idempotentId, status, this.known === null ? -1 : knownByName(this.known.tests, name));
    }
    (this.tests[i] as BaselineTest).passes++;
    // TestRecord.duration, from the same microseconds.
    if (test.startMicros !== null && test.stopMicros !== null) this.addDuration(i, (test.stopMicros - test.startMicros) / 1e6);
  }

  /** Merge a later run's summariser (not yet summarised) into this one: its tests come after this one's. */
  absorb(later: RunSummarizer): void {
    if (later.done) throw new Error('internal: absorb() a RunSummarizer before its summary()');
    this.runs += later.runs;
    for (let k = 0; k < later.tests.length; k++) {
      const lt = later.tests[k] as BaselineTest;
      const i = this.at(lt.id, lt.name, lt.idempotentId, null, this.knownOf(lt.id, lt.name));
      const t = this.tests[i] as BaselineTest;
      t.passes += lt.passes;
      t.failures += lt.failures;
      t.skips += lt.skips;
      t.unfinished += lt.unfinished;
      if (lt.duration !== null) this.addDuration(i, lt.duration);
      for (const d of later.more.get(k) ?? []) this.addDuration(i, d);
      if (lt.reason !== null) t.reason = lt.reason;
      this.detail(i, later.details.get(k) ?? null);
    }
    if (this.interop !== null && later.interop !== null) {
      for (const n of later.interop.passed.names) this.interop.passed.names.add(n);
      for (const n of later.interop.passed.ids) this.interop.passed.ids.add(n);
      for (const n of later.interop.ran) this.interop.ran.add(n);
    }
  }

  /** What was collected for Interop (null unless asked for). */
  ranTests(): RanTests | null {
    return this.interop;
  }

  /** The summary (once: its tests are this summariser's own entries, finished in place). */
  summary(options: SummaryOptions = {}): RunSummary {
    if (this.done) throw new Error('internal: RunSummarizer.summary() twice');
    this.done = true;
    const tests = this.tests;
    for (const [i, more] of this.more) {
      const t = tests[i] as BaselineTest;
      t.duration = median([t.duration ?? 0, ...more]);
    }
    const details: Record<string, string> = {};
    for (let i = 0; i < tests.length; i++) {
      const t = tests[i] as BaselineTest;
      t.outcome = outcomeFromTally(t);
      t.passRate = passRate(t);
      if (this.details.size > 0) {
        const d = this.details.get(i);
        if (d !== undefined && (t.failures > 0 || t.unfinished > 0)) details[t.name] = d;
      }
    }
    // Not sorted here: the diff sorts what it lists, and files are sorted by toBaseline.
    return {
      schema: BASELINE_SCHEMA,
      created: options.created ?? new Date(0).toISOString(),
      context: { ...EMPTY_CONTEXT, ...options.context },
      runs: this.runs,
      tests,
      details,
      ...(this.known === null ? { index: this.indexOf } : { readAgainst: { tests: this.known.tests, runAt: this.knownAt } }),
    };
  }
}

/**
 * Summarise runs (each may hold reruns of a test as separate records) into a RunSummary:
 * the Baseline shape plus failure details. A test that passed and failed is `flaky`.
 */
export function summarizeRuns(runs: RunResults[], options: SummaryOptions = {}, summarizer: SummarizerOptions = {}): RunSummary {
  const s = new RunSummarizer(summarizer);
  for (const run of runs) {
    s.startRun();
    for (const rec of run.tests) s.add(rec);
  }
  return s.summary(options);
}

function failureDetail(rec: TestRecord): string | null {
  const text = attachmentText(rec, 'traceback') ?? attachmentText(rec, 'reason');
  return text === null ? null : tail(text, DETAIL_CHARS);
}

/** A Baseline for writing to a file: sorted by name, without the in-memory failure details. */
export function toBaseline(summary: RunSummary | Baseline): Baseline {
  const { schema, created, context, runs, tests } = summary;
  return { schema, created, context, runs, tests: [...tests].sort(byName) };
}

/** Merge baselines (oldest first): counts add up, a test that passed in one and failed in another is flaky. */
export function mergeBaselines(baselines: Baseline[], options: SummaryOptions = {}): Baseline {
  const tallies = new Map<string, Tally>();
  let runs = 0;
  let context: BaselineContext = { ...EMPTY_CONTEXT };
  for (const b of baselines) {
    runs += b.runs;
    context = { ...context, ...Object.fromEntries(Object.entries(b.context).filter(([, v]) => v !== null)) };
    for (const bt of b.tests) {
      const key = keyOf(bt.name);
      let t = tallies.get(key);
      if (t === undefined) {
        t = { ...bt, duration: null, moreDurations: null, detail: null };
        t.passes = t.failures = t.skips = t.unfinished = 0;
        tallies.set(key, t);
      }
      t.id = bt.id;
      t.name = bt.name;
      t.passes += bt.passes;
      t.failures += bt.failures;
      t.skips += bt.skips;
      t.unfinished += bt.unfinished;
      if (bt.reason !== null) t.reason = bt.reason;
      // Medians of medians: exact enough for thresholds measured in whole seconds.
      if (bt.duration !== null) addDuration(t, bt.duration);
    }
  }
  const tests = [...tallies.values()].map(toBaselineTest).sort(byName);
  return {
    schema: BASELINE_SCHEMA,
    created: options.created ?? new Date(0).toISOString(),
    context: { ...context, ...options.context },
    runs,
    tests,
  };
}

// The JSON Schema of a baseline file, documented in docs/compare.md.
export const BASELINE_JSON_SCHEMA = {
  $id: 'https://tempest-gate.invalid/schemas/baseline-1.json',
  type: 'object',
  required: ['schema', 'created', 'context', 'runs', 'tests'],
  properties: {
    schema: { const: BASELINE_SCHEMA },
    created: { type: 'string' },
    runs: { type: 'integer', minimum: 0 },
    context: {
      type: 'object',
      properties: {
        branch: { type: ['string', 'null'] },
        release: { type: ['string', 'null'] },
        commit: { type: ['string', 'null'] },
        tempestVersion: { type: ['string', 'null'] },
        nodes: { type: ['integer', 'null'], minimum: 1 },
        flavor: { type: ['string', 'null'] },
        concurrency: { type: ['integer', 'null'], minimum: 1 },
        cloud: { type: ['string', 'null'] },
      },
    },
    tests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'idempotentId', 'outcome', 'passes', 'failures', 'skips', 'unfinished', 'passRate', 'duration', 'reason'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string', minLength: 1 },
          idempotentId: { type: ['string', 'null'] },
          outcome: { enum: ['pass', 'fail', 'skip', 'unfinished', 'flaky'] },
          passes: { type: 'integer', minimum: 0 },
          failures: { type: 'integer', minimum: 0 },
          skips: { type: 'integer', minimum: 0 },
          unfinished: { type: 'integer', minimum: 0 },
          passRate: { type: ['number', 'null'], minimum: 0, maximum: 1 },
          duration: { type: ['number', 'null'], minimum: 0 },
          reason: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

let validator: ReturnType<Ajv['compile']> | null = null;

function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'the top level' : e.instancePath.slice(1).replace(/\//g, '.');
  if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) return `${where} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

/** Line and column (1-based) of a character offset in text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where V8's JSON.parse error points. Most messages say `at position N`; "Unexpected token"
 * messages instead quote the text around the error (`..."<10 chars before><10 after>"...`),
 * so the position is found from the quote. Null when it cannot be told (very short inputs).
 */
function jsonErrorOffset(message: string, text: string): number | null {
  const pos = /at position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  const quoted = /, \.\.\."(.*)"(?:\.\.\.)? is not valid JSON$/s.exec(message);
  if (quoted) {
    const at = text.indexOf(quoted[1] ?? '');
    if (at >= 0) return at + 10;
  }
  return null;
}

/** Parse JSON; a syntax error names the file, line and column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const offset = jsonErrorOffset(message, text);
    const short = message
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '');
    const place = offset === null ? { file } : { file, ...lineColumn(text, offset) };
    throw new UserError(`not valid JSON: ${short}`, { place });
  }
}

/** Read a baseline file's text: checks the schema version and every field, errors name the file and field. */
export function parseBaseline(text: string, file: string): Baseline {
  const value = parseJsonText(text, file);
  return validateBaseline(value, file);
}

export function validateBaseline(value: unknown, file: string): Baseline {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError('not a tempest-gate baseline (expected a JSON object)', { place: { file } });
  }
  const schema = (value as { schema?: unknown }).schema;
  if (schema !== BASELINE_SCHEMA) {
    if (typeof schema === 'string' && schema.startsWith('tempest-gate/baseline@')) {
      throw new UserError(`unknown baseline version '${schema}' (this tempest-gate reads ${BASELINE_SCHEMA})`, { place: { file } });
    }
    throw new UserError(`not a tempest-gate baseline: "schema" is ${JSON.stringify(schema) ?? 'missing'}, expected "${BASELINE_SCHEMA}"`, { place: { file } });
  }
  validator ??= new Ajv({ allErrors: false }).compile(BASELINE_JSON_SCHEMA);
  if (!validator(value)) {
    const first = validator.errors?.[0];
    throw new UserError(`invalid baseline: ${first ? describeAjvError(first) : 'does not match the schema'}`, { place: { file } });
  }
  return value as Baseline;
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf) return b;
  return undefined;
}

/** The bytes as UTF-8 text, read in place (Buffer.from(bytes) would copy them first: 100 MB more for a 1,000,000-test baseline). */
function utf8Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

const REFERENCE_ATTACHMENTS = { keep: 'failures', capBytes: 64 * 1024 } as const;

/**
 * A run's results from a file's bytes: a results JSON (`parse --to json`, checked for its schema)
 * or any stream format parseResults reads. Damage is in `results.damage` for the caller to report.
 */
export function resultsFromBytes(bytes: Uint8Array, source: string): RunResults {
  if (firstNonSpace(bytes) === 0x7b) return resultsFromJson(parseJsonText(utf8Text(bytes), source), source);
  return parseResults(bytes, { attachments: REFERENCE_ATTACHMENTS, source });
}

/** A parsed results JSON (`parse --to json`), checked for its schema and record by record. */
function resultsFromJson(value: unknown, source: string): RunResults {
  if (typeof value !== 'object' || value === null || (value as { schema?: unknown }).schema !== RESULTS_SCHEMA) {
    throw new UserError(`a JSON file that is not tempest-gate results (expected "schema": "${RESULTS_SCHEMA}")`, { place: { file: source } });
  }
  const tests = (value as { tests?: unknown }).tests;
  if (!Array.isArray(tests)) throw new UserError('results JSON without a "tests" list', { place: { file: source } });
  return checkedResults(value as Record<string, unknown>, tests, source);
}

const STATUS_SET: ReadonlySet<string> = new Set(TEST_STATUSES);

/**
 * Results JSON may come from anywhere (an artifact of an untrusted run): every record is checked
 * field by field and rebuilt, names are derived from the id again, and the counts are counted
 * again, so no claim in the file is taken on trust.
 */
function checkedResults(value: Record<string, unknown>, tests: unknown[], source: string): RunResults {
  const bad = (i: number, what: string): never => {
    throw new UserError(`tests[${i}]: ${what}`, { place: { file: source } });
  };
  const str = (v: unknown): v is string => typeof v === 'string';
  const strOrNull = (v: unknown): v is string | null => v === null || v === undefined || typeof v === 'string';
  const counts = Object.fromEntries(TEST_STATUSES.map((st) => [st, 0])) as Record<TestStatus, number>;
  const records: TestRecord[] = tests.map((t, i) => {
    if (typeof t !== 'object' || t === null) return bad(i, 'not an object');
    const r = t as Record<string, unknown>;
    if (!str(r.id) || r.id === '') bad(i, '"id" must be a non-empty string');
    if (!str(r.status) || !STATUS_SET.has(r.status)) bad(i, `"status" must be one of ${TEST_STATUSES.join(', ')}`);
    if (!strOrNull(r.start) || !strOrNull(r.stop) || !strOrNull(r.worker) || !strOrNull(r.routeCode))
      bad(i, '"start", "stop", "worker" and "routeCode" must be strings or null');
    if (r.duration !== null && r.duration !== undefined && (typeof r.duration !== 'number' || !Number.isFinite(r.duration)))
      bad(i, '"duration" must be a number or null');
    const tags = r.tags ?? [];
    if (!Array.isArray(tags) || !tags.every(str)) bad(i, '"tags" must be a list of strings');
    const attachments = r.attachments ?? [];
    if (!Array.isArray(attachments)) bad(i, '"attachments" must be a list');
    const atts = (attachments as unknown[]).map((a) => {
      const x = (typeof a === 'object' && a !== null ? a : {}) as Record<string, unknown>;
      if (!str(x.name) || !str(x.text)) bad(i, 'each attachment needs a "name" and a "text" string');
      return {
        name: x.name as string,
        contentType: str(x.contentType) ? x.contentType : 'application/octet-stream',
        size: typeof x.size === 'number' ? x.size : Buffer.byteLength(x.text as string),
        truncatedBytes: typeof x.truncatedBytes === 'number' ? x.truncatedBytes : 0,
        text: x.text as string,
      };
    });
    const status = r.status as TestStatus;
    counts[status]++;
    return {
      ...parseTestId(r.id as string),
      id: r.id as string,
      status,
      tags: tags as string[],
      start: (r.start as string | null | undefined) ?? null,
      stop: (r.stop as string | null | undefined) ?? null,
      duration: (r.duration as number | null | undefined) ?? null,
      worker: (r.worker as string | null | undefined) ?? null,
      routeCode: (r.routeCode as string | null | undefined) ?? null,
      attachments: atts,
    };
  });
  const damage = Array.isArray(value.damage)
    ? (value.damage as unknown[]).filter(
        (d): d is RunResults['damage'][number] =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as { offset?: unknown }).offset === 'number' &&
          typeof (d as { message?: unknown }).message === 'string',
      )
    : [];
  const format = value.format === 'subunit-v1' || value.format === 'junit' ? value.format : 'subunit-v2';
  return {
    schema: RESULTS_SCHEMA,
    format,
    tests: records,
    counts,
    start: typeof value.start === 'string' ? value.start : null,
    stop: typeof value.stop === 'string' ? value.stop : null,
    damage,
  };
}

/** Whether these bytes are a JSON document (a baseline file, a results JSON, a store's compact document), not a result stream. */
export function isJsonDocument(bytes: Uint8Array): boolean {
  return firstNonSpace(bytes) === 0x7b;
}

interface BaselineRead {
  baseline: Baseline;
  /** Set when it was made from results, so the caller can report their damage. */
  results: RunResults | null;
  compact: DecodedCompact | null;
}

/**
 * A baseline from a file's bytes: a baseline file, a results JSON, or a result stream (summarised).
 * `results` is set when it was made from results, so the caller can report their damage.
 */
export function baselineFromBytes(bytes: Uint8Array, source: string, options: { created: string; history?: number | null | undefined }): BaselineRead {
  if (isJsonDocument(bytes)) return baselineFromJson(utf8Text(bytes), source, options);
  const results = parseResults(bytes, { attachments: REFERENCE_ATTACHMENTS });
  if (results.tests.length === 0 && results.damage.length > 0) {
    const d = results.damage[0];
    throw new UserError(`not a baseline, results JSON or readable result stream: ${d?.message ?? 'unreadable'}`, {
      place: { file: source, offset: d?.offset, line: d?.line },
    });
  }
  return { baseline: toBaseline(summarizeRuns([results], { created: options.created })), results, compact: null };
}

/**
 * A baseline from a JSON document's text (what isJsonDocument says yes to): a store's text, or a
 * file the caller read as text, so that its bytes need not stay beside the text and the parsed value
 * (a 1,000,000-test compact baseline is 100 MB of each).
 */
export function baselineFromJson(text: string, source: string, options: { created: string; history?: number | null | undefined }): BaselineRead {
  const value = parseJsonText(text, source);
  if (typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema === RESULTS_SCHEMA) {
    const results = resultsFromJson(value, source);
    return { baseline: toBaseline(summarizeRuns([results], { created: options.created })), results, compact: null };
  }
  // A store's compact document (compact.ts): its aggregate, or that of its newest `history` runs.
  if (isCompact(value)) {
    const compact = decodeCompact(value, source);
    return { baseline: baselineOfCompact(compact, options.history ?? null), results: null, compact };
  }
  return { baseline: validateBaseline(value, source), results: null, compact: null };
}

/**
 * A baseline from text (a store's): a JSON document parsed as it is, with no copy to bytes and back;
 * anything else read as a stream. JSON as isJsonDocument has it: `{` after spaces, tabs, line breaks, a BOM.
 */
export function baselineFromText(text: string, source: string, options: { created: string; history?: number | null | undefined }): BaselineRead {
  return /^[ \t\r\n\ufeff]*\{/.test(text) ? baselineFromJson(text, source, options) : baselineFromBytes(Buffer.from(text, 'utf8'), source, options);
}

/** The baseline of a gate that has none: every failing test is new, so every failure counts. */
export function emptyBaseline(created: string): Baseline {
  return { schema: BASELINE_SCHEMA, created, context: { ...EMPTY_CONTEXT }, runs: 0, tests: [] };
}
