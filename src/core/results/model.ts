// The result model every stage shares: what one test run produced, whatever format it came in.
// Pure data: no I/O here. The JSON shape (`RESULTS_SCHEMA`) is documented in docs/results-json.md.

export const RESULTS_SCHEMA = 'tempest-gate/results@1';

/** testtools' StreamResult statuses, plus 'unknown' (only file events seen) as StreamToDict reports it. */
export type TestStatus = 'success' | 'fail' | 'skip' | 'xfail' | 'uxsuccess' | 'exists' | 'inprogress' | 'unknown';

export const TEST_STATUSES: readonly TestStatus[] = ['success', 'fail', 'skip', 'xfail', 'uxsuccess', 'exists', 'inprogress', 'unknown'];

/**
 * stestr announces each worker's tests with 'exists' before it runs them: a listing, not a result.
 * The one place that says so; every count of what ran asks here.
 */
export function isListing(status: TestStatus): boolean {
  return status === 'exists';
}

/** The names of the tests that ran (a listing is not a run), each once, in the order first seen. */
export function namesThatRan(tests: Iterable<{ name: string; status: TestStatus }>): Set<string> {
  const names = new Set<string>();
  for (const t of tests) if (!isListing(t.status)) names.add(t.name);
  return names;
}

/** Statuses that count against a run: the test ran and did not do what it should. */
export const FAILING_STATUSES: ReadonlySet<TestStatus> = new Set(['fail', 'uxsuccess', 'inprogress']);

/** Statuses a summary details test by test: the failing ones and tests with no status at all. */
export const PROBLEM_STATUSES: ReadonlySet<TestStatus> = new Set(['fail', 'uxsuccess', 'inprogress', 'unknown']);

export interface Attachment {
  name: string;
  /** MIME type from the first packet that carried this file (application/octet-stream when none). */
  contentType: string;
  /** Bytes the stream held for this attachment, including any cut by the cap. */
  size: number;
  /** Bytes dropped because the attachment went over the cap. */
  truncatedBytes: number;
  /** The kept bytes as text (UTF-8, invalid sequences replaced). */
  text: string;
}

export interface TestRecord {
  /** The id exactly as the stream gave it, attributes included. */
  id: string;
  /** The id without its `[attr,...]` suffix. */
  name: string;
  className: string;
  method: string;
  /** Attributes from `[...]`, except `id-<uuid>`. */
  attrs: string[];
  /** Tempest's idempotent id (the uuid of `id-<uuid>`), or null. */
  idempotentId: string | null;
  status: TestStatus;
  /** Latest tag set seen for the test, sorted. */
  tags: string[];
  /** ISO 8601 UTC with microseconds, from the first packet of the test. */
  start: string | null;
  /** ISO 8601 UTC with microseconds, from the packet that finished the test (null if it never finished). */
  stop: string | null;
  /** Seconds between start and stop, or null. */
  duration: number | null;
  /** The `worker-N` tag, if any. */
  worker: string | null;
  routeCode: string | null;
  attachments: Attachment[];
}

/**
 * A test as it finishes, for a consumer that writes tests out one by one (`parse --to junit|json`):
 * the id, status and times come as they are, and the whole record is made only when the consumer
 * asks for it (`record()`). A JUnit writer needs nothing more than the id and times of a passing
 * test, which is nearly every test of a run; making each one's record cost more than the rest of
 * its work. Valid during the call it is passed to only.
 */
export interface FinishedTest {
  readonly id: string;
  readonly status: TestStatus;
  /** Microseconds since the epoch: `microsFromIso(record().start)` (null when that is null). */
  readonly startMicros: number | null;
  readonly stopMicros: number | null;
  /** The record exactly as `onTest` would get it (made once, on first call). */
  record(): TestRecord;
  /**
   * The record is the engine's own (subunit and JUnit readers): TestRecord's fields in TestRecord's order and
   * nothing else, its times made by isoFromMicros and its name parts by parseTestId. False: read from a
   * results JSON as given.
   */
  readonly shaped: boolean;
}

/** A FinishedTest over a record made already (JUnit XML and results JSON hand over whole records). */
export function finishedFromRecord(record: TestRecord, shaped: boolean): FinishedTest {
  return {
    id: record.id,
    status: record.status,
    startMicros: record.start === null ? null : microsFromIso(record.start),
    stopMicros: record.stop === null ? null : microsFromIso(record.stop),
    record: () => record,
    shaped,
  };
}

export type DamageKind = 'crc' | 'truncated' | 'garbage' | 'utf8' | 'malformed' | 'xml';

export interface Damage {
  kind: DamageKind;
  /** Byte offset in the input where the damaged packet or region starts. */
  offset: number;
  /** Line number (1-based) where the format is line-oriented. */
  line?: number;
  message: string;
}

export type ResultFormat = 'subunit-v2' | 'subunit-v1' | 'junit';

export interface RunResults {
  schema: typeof RESULTS_SCHEMA;
  format: ResultFormat;
  tests: TestRecord[];
  counts: Record<TestStatus, number>;
  /** Earliest start and latest stop over all tests. */
  start: string | null;
  stop: string | null;
  damage: Damage[];
}

/**
 * Whether `attr` is `id-<uuid>`, as /^id-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/
 * says, without a regex (one per test): 0 not, 1 in lower case, 2 with upper-case digits.
 */
function idempotentAttr(attr: string): 0 | 1 | 2 {
  return attr.length === 39 ? idempotentAt(attr, 0) : 0;
}

/** idempotentAttr of the 39 characters of `s` from `at`, without slicing them out. */
function idempotentAt(s: string, at: number): 0 | 1 | 2 {
  if (!s.startsWith('id-', at)) return 0;
  let upper = false;
  for (let i = 3; i < 39; i++) {
    const c = s.charCodeAt(at + i);
    if (i === 11 || i === 16 || i === 21 || i === 26) {
      if (c !== 0x2d) return 0;
    } else if (c >= 0x41 && c <= 0x46) upper = true;
    else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return 0;
  }
  return upper ? 2 : 1;
}

/** The uuid of an `id-<uuid>` attribute, lower case; a slice of the id when it is already (toLowerCase would copy it: 56 MB over a million tests). */
function uuidOf(attr: string, kind: 1 | 2): string {
  return kind === 2 ? attr.slice(3).toLowerCase() : attr.slice(3);
}

const FIXTURE = /^(setUpClass|tearDownClass|setUpModule|tearDownModule) \((.*)\)$/;

export interface TestIdParts {
  name: string;
  className: string;
  method: string;
  attrs: string[];
  idempotentId: string | null;
}

/** Where a test id's `[attrs]` open: the last '[' when no ']' or '[' follows it before the closing ']' at the end; else -1. */
function attrsOpen(id: string): number {
  const open = id.endsWith(']') ? id.lastIndexOf('[') : -1;
  return open >= 0 && id.indexOf(']', open) === id.length - 1 ? open : -1;
}

/**
 * Where the attribute starting at `from` ends: the next comma, or `end` (the closing ']'). Both
 * readers walk the attributes with it: split and its list cost more than the rest of parseTestId.
 */
function attrEnd(id: string, from: number, end: number): number {
  const comma = id.indexOf(',', from);
  return comma < 0 || comma > end ? end : comma;
}

/**
 * Split a Tempest test id: `pkg.module.Class.test_x[id-<uuid>,smoke]`.
 * Class-level ids (`setUpClass (pkg.module.Class)`) keep their whole text as the name and method.
 */
export function parseTestId(id: string): TestIdParts {
  const fixture = id.endsWith(')') ? FIXTURE.exec(id) : null;
  if (fixture) {
    return { name: id, className: fixture[2] ?? '', method: fixture[1] ?? '', attrs: [], idempotentId: null };
  }
  let name = id;
  const attrs: string[] = [];
  let idempotentId: string | null = null;
  const open = attrsOpen(id);
  if (open >= 0) {
    name = id.slice(0, open);
    const end = id.length - 1;
    for (let s = open + 1; s <= end;) {
      const e = attrEnd(id, s, end);
      const attr = id.slice(s, e).trim();
      s = e + 1;
      if (attr === '') continue;
      const kind = idempotentId === null ? idempotentAttr(attr) : 0;
      if (kind !== 0) idempotentId = uuidOf(attr, kind);
      else attrs.push(attr);
    }
  }
  const dot = name.lastIndexOf('.');
  const className = dot > 0 ? name.slice(0, dot) : '';
  const method = dot > 0 ? name.slice(dot + 1) : name;
  return { name, className, method, attrs, idempotentId };
}

/** The name and idempotent id of a test id, exactly as parseTestId gives them, making nothing else. */
export function testNameOf(id: string): { name: string; idempotentId: string | null } {
  if (id.endsWith(')') && FIXTURE.test(id)) return { name: id, idempotentId: null };
  const open = attrsOpen(id);
  if (open < 0) return { name: id, idempotentId: null };
  const end = id.length - 1;
  for (let s = open + 1; s <= end;) {
    const e = attrEnd(id, s, end);
    const attr = id.slice(s, e).trim();
    const kind = idempotentAttr(attr);
    if (kind !== 0) return { name: id.slice(0, open), idempotentId: uuidOf(attr, kind) };
    s = e + 1;
  }
  return { name: id.slice(0, open), idempotentId: null };
}

/**
 * Whether testNameOf(id) gives this name and idempotent id. The usual shapes (`name` alone, and
 * `name[id-<uuid>...]`) are checked in place; any other asks testNameOf.
 */
export function namesId(id: string, name: string, idempotentId: string | null): boolean {
  const n = name.length;
  if (idempotentId === null) {
    if (id === name && attrsOpen(id) < 0) return true;
  } else if (
    id.length >= n + 41 &&
    id.startsWith(name) &&
    id.charCodeAt(n) === 0x5b &&
    (id.length === n + 41 || id.charCodeAt(n + 40) === 0x2c) &&
    attrsOpen(id) === n &&
    idempotentAt(id, n + 1) === 1 &&
    id.startsWith(idempotentId, n + 4) &&
    idempotentId.length === 36
  )
    return true;
  const own = testNameOf(id);
  return own.name === name && own.idempotentId === idempotentId;
}

export function emptyCounts(): Record<TestStatus, number> {
  return { success: 0, fail: 0, skip: 0, xfail: 0, uxsuccess: 0, exists: 0, inprogress: 0, unknown: 0 };
}

/** Build the run-level record from tests and damage. */
export function makeRunResults(format: ResultFormat, tests: TestRecord[], damage: Damage[]): RunResults {
  const counts = emptyCounts();
  let start: string | null = null;
  let stop: string | null = null;
  for (const t of tests) {
    counts[t.status]++;
    // ISO strings of one fixed shape compare correctly as strings.
    if (t.start !== null && (start === null || t.start < start)) start = t.start;
    const end = t.stop ?? t.start;
    if (end !== null && (stop === null || end > stop)) stop = end;
  }
  return { schema: RESULTS_SCHEMA, format, tests, counts, start, stop, damage };
}

/**
 * What a summary of a run needs: the figures over every test, the records of the problem tests
 * only. A parser can make it without keeping a record per test (`parse --to text` on a big run).
 */
export interface RunSummary {
  format: ResultFormat;
  /** Tests in the run (records kept or not). */
  total: number;
  counts: Record<TestStatus, number>;
  start: string | null;
  stop: string | null;
  /** Distinct `worker-N` tags. */
  workers: number;
  /** Tests whose status is in PROBLEM_STATUSES, in run order. */
  problems: TestRecord[];
  damage: Damage[];
}

export function summarize(results: RunResults): RunSummary {
  const workers = new Set<string>();
  for (const t of results.tests) if (t.worker !== null) workers.add(t.worker);
  return {
    format: results.format,
    total: results.tests.length,
    counts: results.counts,
    start: results.start,
    stop: results.stop,
    workers: workers.size,
    problems: results.tests.filter((t) => PROBLEM_STATUSES.has(t.status)),
    damage: results.damage,
  };
}

/** Seconds between two ISO timestamps made by `isoFromMicros`, or null. */
export function durationSeconds(start: string | null, stop: string | null): number | null {
  if (start === null || stop === null) return null;
  return (microsFromIso(stop) - microsFromIso(start)) / 1e6;
}

let cachedSecond = Number.NaN;
let cachedPrefix = '';
/** '000' to '999': a whole fraction's six digits are two lookups, not a number formatted and padded. */
const DIGITS3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** Microseconds since the epoch to `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function isoFromMicros(micros: number): string {
  const second = Math.floor(micros / 1_000_000);
  // Tests of one run share seconds: formatting the date part once per second saves most of the cost.
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  const fraction = micros - second * 1_000_000;
  // (a fraction of a microsecond, from a JUnit file's float seconds, is written as it is)
  const digits = Number.isInteger(fraction) ? DIGITS3[Math.floor(fraction / 1000)]! + DIGITS3[fraction % 1000]! : String(fraction).padStart(6, '0');
  return `${cachedPrefix}${digits}Z`;
}

export function microsFromIso(iso: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)?$/.exec(iso);
  if (!m) return Date.parse(iso) * 1000;
  const secs = Date.parse(`${m[1]}${m[3] ?? 'Z'}`);
  const frac = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return secs * 1000 + Number(frac);
}
