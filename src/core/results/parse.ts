// One entry to read any result format: detect it from the first bytes, feed chunks, get RunResults.
// An input that is none of them (a README, a binary) is a one-line UserError, not a damaged stream.
import { DEFAULT_ATTACHMENTS, TestAggregator, type AttachmentPolicy } from './aggregate.ts';
import {
  emptyCounts,
  finishedFromRecord,
  makeRunResults,
  RESULTS_SCHEMA,
  summarize,
  type Damage,
  type FinishedTest,
  type ResultFormat,
  type RunResults,
  type RunSummary,
  type TestRecord,
} from './model.ts';
import { UserError } from '../errors.ts';
import { crc32 } from 'node:zlib';
import { SubunitV2Decoder } from './subunit-v2.ts';
import { SubunitV1Decoder } from './subunit-v1.ts';
import { readJUnit } from './junit.ts';

export interface ParseOptions {
  attachments?: AttachmentPolicy;
  /** Called as each test finishes (live progress). */
  onTest?: (test: TestRecord) => void;
  /** Called as each test finishes, before onTest, with its record made only on demand (FinishedTest). */
  onFinished?: (test: FinishedTest) => void;
  /** Force a format instead of detecting it. */
  format?: ResultFormat;
  /** Only `endSummary()` will be called: records of passing tests need not be kept. */
  summaryOnly?: boolean;
  /**
   * Only `endSummary()` will be called, and `onTest` takes every record as it comes: none is
   * kept (summary().problems is then empty). Subunit only; JUnit hands them over at the end.
   */
  streamOnly?: boolean;
  /** subunit v2: take CRCs as good, because the caller checks them itself (DecoderOptions.trustCrc). */
  trustCrc?: boolean;
  /** The input's name (a path, `<stdin>`) for errors about the whole input. */
  source?: string;
  /**
   * Called once the input's format is known, before any test is handed over, with the format
   * the summary will carry (a results JSON's: the format it records). A writer whose head names
   * the format writes it then, and its tests after it as they come.
   */
  onFormat?: (format: ResultFormat) => void;
}

/** Incremental parser: push chunks, then `end()` for the results or `endSummary()` for a summary. */
export interface ResultParser {
  /** Feed bytes; with `transient` the caller reuses the chunk's memory after the call. */
  push(chunk: Uint8Array, transient?: boolean): void;
  end(): RunResults;
  /**
   * Instead of `end()`, when a summary is all that is wanted: figures over every test, records of
   * the problem tests only. The subunit parsers then keep no record of a passing test, which
   * is most of the time and memory of a big run.
   */
  endSummary(): RunSummary;
  /** The format being read (known once the first bytes are in). */
  readonly format: ResultFormat | undefined;
}

/** A parser over the TestAggregator (subunit v1 and v2): records of passing tests only when wanted. */
function aggregated(
  format: ResultFormat,
  options: ParseOptions,
  decoderFor: (agg: TestAggregator) => { push(chunk: Uint8Array, transient?: boolean): void; end(): void },
): ResultParser {
  const records = options.streamOnly ? 'none' : options.summaryOnly ? 'problems' : 'all';
  const agg = new TestAggregator({ attachments: options.attachments, onTest: options.onTest, onFinished: options.onFinished, records });
  const decoder = decoderFor(agg);
  const finish = (): TestAggregator => {
    decoder.end();
    agg.finishAll();
    return agg;
  };
  return {
    format,
    push: (chunk, transient) => decoder.push(chunk, transient),
    end: () => {
      if (records !== 'all') throw new Error('internal: end() on a summaryOnly or streamOnly parser (use endSummary())');
      return makeRunResults(format, finish().tests, agg.damages);
    },
    endSummary: () => finish().summary(format),
  };
}

/** What the first bytes of a stream are. */
export type Detected = ResultFormat | 'results-json' | 'not-results';

/**
 * How far into a stream that starts with text detection looks for a v2 packet or a v1 test line
 * before reading it as subunit v1.
 */
export const DETECT_WINDOW = 1 << 20;

const isBlank = (b: number | undefined): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const RESULTS_JSON_HEAD = /^\{\s*"schema"\s*:\s*"tempest-gate\/results@/;
/** Enough bytes to see the results-JSON head through any reasonable indentation. */
const JSON_HEAD_BYTES = 256;

/**
 * Detection as a scan over the stream in order, so the answer depends on the bytes only, never on
 * how they arrive in chunks (a pipe may deliver a stray line of output first, a file all at once).
 * 0xB3 first is subunit v2, '<' is XML, `{"schema": "tempest-gate/results@...` is our results
 * JSON. Anything else is text, and the first of these decides: a whole, CRC-checked v2 packet (a
 * v2 stream behind stray output, which python-subunit reads as v2 and so do we), a v1 `test:`
 * line, or the end of the window (subunit v1, read with its damage). A stream that ends first is
 * subunit v1 if it has any v1 command line, and not a result file otherwise.
 */
export class FormatDetector {
  private buf = new Uint8Array(4096);
  private len = 0;
  /** Bytes before this were looked at and decide nothing. */
  private pos = -1;
  private lineStart = true;
  private sawV1Command = false;

  /** Append bytes (copied). */
  add(chunk: Uint8Array): void {
    if (this.len + chunk.length > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.len + chunk.length) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** Everything added so far. */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  /** The format, or undefined while more bytes are needed; `final` when the stream has ended. */
  decide(final: boolean): Detected | undefined {
    const head = this.buf;
    const len = this.len;
    if (this.pos < 0) {
      let i = 0;
      if (len >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
      else if (!final && len < 3 && head[0] === 0xef) return undefined;
      while (i < len && isBlank(head[i])) i++;
      if (i >= len) return final ? 'subunit-v2' : undefined; // an empty run
      const b = head[i];
      if (b === 0xb3) return 'subunit-v2';
      if (b === 0x3c) return 'junit';
      if (b === 0x7b) {
        if (!final && len - i < JSON_HEAD_BYTES) return undefined;
        if (RESULTS_JSON_HEAD.test(latin1.decode(head.subarray(i, i + JSON_HEAD_BYTES)))) return 'results-json';
      }
      this.pos = 0;
    }
    const limit = Math.min(len, DETECT_WINDOW);
    for (let p = this.pos; p < limit; p++) {
      if (this.lineStart) {
        const cmd = v1CommandAt(head, p, len, final);
        if (cmd === 'wait') return this.wait(p);
        if (cmd === 'test') return 'subunit-v1';
        if (cmd === 'other') this.sawV1Command = true;
        this.lineStart = false;
      }
      const c = head[p];
      if (c === 0xb3) {
        const packet = v2PacketAt(head, p, len, final);
        if (packet === 'yes') return 'subunit-v2';
        if (packet === 'wait') return this.wait(p);
      }
      if (c === 0x0a) this.lineStart = true;
    }
    this.pos = limit;
    if (limit >= DETECT_WINDOW) return 'subunit-v1';
    if (!final) return undefined;
    return this.sawV1Command ? 'subunit-v1' : 'not-results';
  }

  private wait(p: number): undefined {
    this.pos = p;
    return undefined;
  }
}

const latin1 = new TextDecoder('latin1');

const V1_WORDS = new Set(['test', 'testing', 'error', 'failure', 'skip', 'success', 'successful', 'xfail', 'uxsuccess', 'progress', 'tags', 'time']);
const isByteSpace = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;

/**
 * The v1 command a line starting at `p` is, as the v1 decoder reads it (python-subunit's
 * `line.split(None, 1)`: a keyword, optional colons, white space, then something): 'test' for
 * `test:`/`testing:`, 'other' for the other keywords, 'none', or 'wait' for more bytes.
 */
function v1CommandAt(head: Uint8Array, p: number, len: number, final: boolean): 'test' | 'other' | 'none' | 'wait' {
  let q = p;
  while (q < len && q - p < 16 && (head[q] as number) >= 0x61 && (head[q] as number) <= 0x7a) q++;
  const wordEnd = q;
  while (q < len && q - p < 24 && head[q] === 0x3a) q++;
  if (q >= len) return final || q - p >= 24 ? 'none' : 'wait';
  if (wordEnd === p || !isByteSpace(head[q] as number)) return 'none';
  while (q < len && head[q] !== 0x0a && isByteSpace(head[q] as number)) q++;
  if (q >= len) return final ? 'none' : 'wait';
  if (head[q] === 0x0a) return 'none';
  const word = latin1.decode(head.subarray(p, wordEnd));
  return word === 'test' || word === 'testing' ? 'test' : V1_WORDS.has(word) ? 'other' : 'none';
}

/**
 * Whether a complete subunit v2 packet with a valid CRC starts at `i`: 'wait' when it may, but
 * its bytes are not all in yet (and it would end inside the detection window).
 */
function v2PacketAt(head: Uint8Array, i: number, len: number, final: boolean): 'yes' | 'no' | 'wait' {
  const more = (end: number): 'no' | 'wait' => (!final && end > len && end <= DETECT_WINDOW ? 'wait' : 'no');
  if (i + 2 > len) return more(i + 6);
  if (((head[i + 1] as number) & 0xf0) !== 0x20) return 'no';
  if (i + 4 > len) return more(i + 6);
  const b0 = head[i + 3] as number;
  const size = (b0 & 0xc0) === 0 ? 1 : (b0 & 0xc0) === 0x40 ? 2 : 3;
  if (i + 3 + size > len) return more(i + 6);
  let length = b0 & 0x3f;
  for (let k = 1; k < size; k++) length = length * 256 + (head[i + 3 + k] as number);
  if (length < 10) return 'no';
  const end = i + length;
  if (end > len) return more(end);
  const stored = (((head[end - 4] as number) << 24) | ((head[end - 3] as number) << 16) | ((head[end - 2] as number) << 8) | (head[end - 1] as number)) >>> 0;
  return crc32(head.subarray(i, end - 4)) >>> 0 === stored ? 'yes' : 'no';
}

/** The format of a whole input (every byte of it, or at least its first DETECT_WINDOW). */
export function detectFormat(head: Uint8Array): Detected {
  const d = new FormatDetector();
  d.add(head);
  return d.decide(true) as Detected;
}

export function createSubunitV2Parser(options: ParseOptions = {}): ResultParser {
  return aggregated('subunit-v2', options, (agg) => new SubunitV2Decoder(agg, { trustCrc: options.trustCrc === true }));
}

export function createSubunitV1Parser(options: ParseOptions = {}): ResultParser {
  const policy = options.attachments ?? DEFAULT_ATTACHMENTS;
  // The decoder holds detail blocks until their outcome line: it keeps no more than the aggregator will.
  return aggregated('subunit-v1', { ...options, attachments: policy }, (agg) => {
    const decoder = new SubunitV1Decoder(agg, { capBytes: policy.capBytes, keep: policy.keep });
    // The v1 decoder keeps views of partial lines and details: a reused buffer is copied first
    // (with new Uint8Array: a Node Buffer's slice() is a view, not a copy).
    return { push: (chunk, transient) => decoder.push(transient ? new Uint8Array(chunk) : chunk), end: () => decoder.end() };
  });
}

/** Records read whole, handed to onFinished and onTest in order (`shaped`: see FinishedTest). */
function handOver(tests: readonly TestRecord[], options: ParseOptions, shaped: boolean): void {
  for (const t of tests) {
    options.onFinished?.(finishedFromRecord(t, shaped));
    options.onTest?.(t);
  }
}

/** JUnit XML is a tree: chunks are gathered and the document is read at the end. */
export function createJUnitParser(options: ParseOptions = {}): ResultParser {
  const chunks: Uint8Array[] = [];
  const end = (): RunResults => {
    const results = readJUnit(Buffer.concat(chunks), { attachments: options.attachments });
    handOver(results.tests, options, true);
    return results;
  };
  return { format: 'junit', push: (chunk, transient) => void chunks.push(transient ? new Uint8Array(chunk) : chunk), end, endSummary: () => summarize(end()) };
}

const FACTORIES: Record<ResultFormat, (options: ParseOptions) => ResultParser> = {
  'subunit-v2': createSubunitV2Parser,
  'subunit-v1': createSubunitV1Parser,
  junit: createJUnitParser,
};

const EXPECTED = 'expected subunit v1/v2, JUnit XML or tempest-gate results JSON';

/** A one-line error about the whole input, naming it when the caller said its name. */
function inputError(options: ParseOptions, message: string, offset?: number): UserError {
  return new UserError(message, { place: options.source !== undefined || offset !== undefined ? { file: options.source, offset } : undefined });
}

const STATUSES: ReadonlySet<string> = new Set(Object.keys(emptyCounts()));

/**
 * Our own results JSON read back: the document is one JSON value, so it is gathered and read at
 * the end. Counts, start and stop are recomputed from the tests; `format` and `damage` are the
 * original input's, as recorded.
 */
export function createResultsJsonParser(options: ParseOptions = {}): ResultParser {
  const chunks: Uint8Array[] = [];
  const end = (): RunResults => {
    const text = new TextDecoder().decode(Buffer.concat(chunks));
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      const at = /at position (\d+)/.exec((err as Error).message)?.[1];
      const offset = at !== undefined ? Buffer.byteLength(text.slice(0, Number(at)), 'utf8') : Buffer.byteLength(text, 'utf8');
      throw inputError(options, `malformed tempest-gate results JSON: ${(err as Error).message.replace(/\s+/g, ' ')}`, offset);
    }
    const bad = (what: string): UserError => inputError(options, `not tempest-gate results JSON (${RESULTS_SCHEMA}): ${what}`);
    if (typeof doc !== 'object' || doc === null) throw bad('not an object');
    const d = doc as { schema?: unknown; format?: unknown; tests?: unknown; damage?: unknown };
    if (d.schema !== RESULTS_SCHEMA) throw bad(`"schema" is ${JSON.stringify(d.schema)}`);
    if (d.format !== 'subunit-v2' && d.format !== 'subunit-v1' && d.format !== 'junit') throw bad(`"format" is ${JSON.stringify(d.format)}`);
    if (!Array.isArray(d.tests)) throw bad('"tests" is not a list');
    d.tests.forEach((t: unknown, i) => {
      const r = t as Partial<TestRecord> | null;
      if (
        typeof r !== 'object' ||
        r === null ||
        typeof r.id !== 'string' ||
        typeof r.status !== 'string' ||
        !STATUSES.has(r.status) ||
        !Array.isArray(r.attachments)
      ) {
        throw bad(`tests[${i}] is not a test record (id, status, attachments)`);
      }
    });
    const damage = Array.isArray(d.damage) ? (d.damage as Damage[]) : [];
    const results = makeRunResults(d.format, d.tests as TestRecord[], damage);
    options.onFormat?.(d.format);
    handOver(results.tests, options, false);
    return results;
  };
  return {
    format: undefined,
    push: (chunk, transient) => void chunks.push(transient ? new Uint8Array(chunk) : chunk),
    end,
    endSummary: () => summarize(end()),
  };
}

/** A parser that detects its format from the bytes (see FormatDetector), whatever their chunking. */
export function createResultParser(options: ParseOptions = {}): ResultParser {
  let inner: ResultParser | null = null;
  const detector = new FormatDetector();
  const start = (detected: Detected): ResultParser => {
    if (detected === 'not-results') throw inputError(options, `not a result file (${EXPECTED})`);
    if (detected === 'results-json') return createResultsJsonParser(options);
    options.onFormat?.(detected);
    return FACTORIES[detected](options);
  };
  if (options.format !== undefined) {
    options.onFormat?.(options.format);
    inner = FACTORIES[options.format](options);
  }
  const settle = (): ResultParser => {
    if (!inner) {
      inner = start(detector.decide(true) as Detected);
      const head = detector.bytes();
      if (head.length) inner.push(head);
    }
    return inner;
  };
  return {
    get format() {
      return inner?.format;
    },
    push(chunk, transient) {
      if (inner) return inner.push(chunk, transient);
      detector.add(chunk);
      const detected = detector.decide(false);
      if (detected === undefined) return;
      inner = start(detected);
      inner.push(detector.bytes());
    },
    end() {
      return settle().end();
    },
    endSummary() {
      return settle().endSummary();
    },
  };
}

/** Parse a whole buffer. */
export function parseResults(bytes: Uint8Array, options: ParseOptions = {}): RunResults {
  const parser = createResultParser(options);
  parser.push(bytes);
  return parser.end();
}
