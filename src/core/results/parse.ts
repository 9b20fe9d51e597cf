// One entry to read any result format: detect it from the first bytes, feed chunks, get RunResults.
import { DEFAULT_ATTACHMENTS, TestAggregator, type AttachmentPolicy } from './aggregate.ts';
import { makeRunResults, summarize, type ResultFormat, type RunResults, type RunSummary, type TestRecord } from './model.ts';
import { crc32 } from 'node:zlib';
import { SubunitV2Decoder } from './subunit-v2.ts';
import { SubunitV1Decoder } from './subunit-v1.ts';
import { readJUnit } from './junit.ts';

export interface ParseOptions {
  attachments?: AttachmentPolicy;
  /** Called as each test finishes (live progress). */
  onTest?: (test: TestRecord) => void;
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
function aggregated(format: ResultFormat, options: ParseOptions, decoderFor: (agg: TestAggregator) => { push(chunk: Uint8Array, transient?: boolean): void; end(): void }): ResultParser {
  const records = options.streamOnly ? 'none' : options.summaryOnly ? 'problems' : 'all';
  const agg = new TestAggregator({ attachments: options.attachments, onTest: options.onTest, records });
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

/**
 * Guess the format from the first bytes: 0xB3 is subunit v2, '<' is XML, other text is subunit v1
 * unless a whole, CRC-checked v2 packet follows (a v2 stream behind a stray line of output, which
 * python-subunit reads as v2 and so do we).
 */
export function detectFormat(head: Uint8Array): ResultFormat {
  let i = 0;
  // Skip a UTF-8 byte-order mark and leading white space before deciding.
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (i >= head.length) return 'subunit-v2';
  const b = head[i];
  if (b === 0xb3) return 'subunit-v2';
  if (b === 0x3c) return 'junit';
  return hasV2Packet(head) ? 'subunit-v2' : 'subunit-v1';
}

/** Whether a complete subunit v2 packet with a valid CRC starts anywhere in `head`. */
function hasV2Packet(head: Uint8Array): boolean {
  for (let i = head.indexOf(0xb3); i >= 0 && i + 6 <= head.length; i = head.indexOf(0xb3, i + 1)) {
    if (((head[i + 1] as number) & 0xf0) !== 0x20) continue;
    const b0 = head[i + 3] as number;
    const size = (b0 & 0xc0) === 0 ? 1 : (b0 & 0xc0) === 0x40 ? 2 : 3;
    let length = b0 & 0x3f;
    for (let k = 1; k < size; k++) length = length * 256 + (head[i + 3 + k] as number);
    if (length < 10 || i + length > head.length) continue;
    const end = i + length;
    const stored = (((head[end - 4] as number) << 24) | ((head[end - 3] as number) << 16) | ((head[end - 2] as number) << 8) | (head[end - 1] as number)) >>> 0;
    if (crc32(head.subarray(i, end - 4)) >>> 0 === stored) return true;
  }
  return false;
}

export function createSubunitV2Parser(options: ParseOptions = {}): ResultParser {
  return aggregated('subunit-v2', options, (agg) => new SubunitV2Decoder(agg, { trustCrc: options.trustCrc === true }));
}

export function createSubunitV1Parser(options: ParseOptions = {}): ResultParser {
  const policy = options.attachments ?? DEFAULT_ATTACHMENTS;
  // The decoder holds detail blocks until their outcome line: it keeps no more than the aggregator will.
  return aggregated('subunit-v1', { ...options, attachments: policy }, (agg) => {
    const decoder = new SubunitV1Decoder(agg, { capBytes: policy.capBytes, keep: policy.keep });
    // The v1 decoder keeps views of partial lines and details: a reused buffer is copied first.
    return { push: (chunk, transient) => decoder.push(transient ? chunk.slice() : chunk), end: () => decoder.end() };
  });
}

/** JUnit XML is a tree: chunks are gathered and the document is read at the end. */
export function createJUnitParser(options: ParseOptions = {}): ResultParser {
  const chunks: Uint8Array[] = [];
  const end = (): RunResults => {
    const results = readJUnit(Buffer.concat(chunks), { attachments: options.attachments });
    if (options.onTest) for (const t of results.tests) options.onTest(t);
    return results;
  };
  return { format: 'junit', push: (chunk, transient) => void chunks.push(transient ? chunk.slice() : chunk), end, endSummary: () => summarize(end()) };
}

const FACTORIES: Record<ResultFormat, (options: ParseOptions) => ResultParser> = {
  'subunit-v2': createSubunitV2Parser,
  'subunit-v1': createSubunitV1Parser,
  junit: createJUnitParser,
};

/** A parser that detects its format from the first chunk. */
export function createResultParser(options: ParseOptions = {}): ResultParser {
  let inner: ResultParser | null = null;
  const pending: Uint8Array[] = [];
  const start = (head: Uint8Array): ResultParser => {
    const format = options.format ?? detectFormat(head);
    return FACTORIES[format](options);
  };
  const settle = (): ResultParser => {
    if (!inner) {
      inner = start(Buffer.concat(pending));
      if (pending.length) inner.push(Buffer.concat(pending));
    }
    return inner;
  };
  return {
    get format() {
      return inner?.format;
    },
    push(chunk, transient) {
      if (inner) return inner.push(chunk, transient);
      pending.push(transient ? chunk.slice() : chunk);
      const head = Buffer.concat(pending);
      // Wait for a non-blank byte before deciding, unless told the format.
      if (options.format === undefined && head.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) return;
      inner = start(head);
      pending.length = 0;
      inner.push(head);
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
