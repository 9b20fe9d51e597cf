// Reading results, for every stage that takes them: any format the engine reads (subunit v2/v1,
// JUnit XML, results JSON), from a file or standard input, with a big file's CRCs checked on a
// second core; and the one line that names a damaged input.
import { createResultParser, type ParseOptions, type ResultParser } from '../core/results/parse.ts';
import type { AttachmentPolicy } from '../core/results/aggregate.ts';
import { ResultsJsonWriter } from '../core/results/results-json.ts';
import { JUnitWriter } from '../core/results/junit.ts';
import type { ResultFormat, RunResults, RunSummary } from '../core/results/model.ts';
import type { BaselineContext, BaselineTest, RunSummary as CompareRunSummary } from '../core/compare/model.ts';
import type { RanTests } from '../core/compare/baseline.ts';
import { fileSize, openOutputFile, readBytes, readChunks, readFileReusing } from '../edges/files.ts';
import { startCrcCheck } from '../edges/crc-check.ts';
import { Spool } from '../edges/spool.ts';

export function damageLine(file: string, results: RunResults | RunSummary): string | null {
  const first = results.damage[0];
  if (!first) return null;
  const more = results.damage.length > 1 ? ` (and ${results.damage.length - 1} more damaged regions)` : '';
  const where = first.line !== undefined ? `line ${first.line}, byte ${first.offset}` : `byte ${first.offset}`;
  const kept = 'total' in results ? results.total : results.tests.length;
  return `${file}: ${where}: ${first.message}${more}; kept ${kept} tests`;
}

/** Files at least this big have their CRCs checked on a second core (a worker starts in ~30 ms). */
const CRC_WORKER_MIN_BYTES = 16 << 20;

export interface ReadOptions {
  format?: ResultFormat;
  /** Called before each pass over the input (a damaged big file is read twice). */
  beforePass?: () => void;
  /** From what size a file's CRCs are checked by a worker (default 16 MiB; tests lower it). */
  crcWorkerMinBytes?: number;
  /** Output bytes a document keeps in memory before its spool moves to a temporary file (default 4 MiB; tests lower it). */
  spoolMemoryBytes?: number;
}

/**
 * Read a file (or stdin) into a parser and finish it. A big file's subunit v2 CRCs are checked by
 * a worker thread while this thread decodes trusting them; when the worker finds the file is not
 * a clean chain of packets, the file is decoded again, checking (the results are then exactly
 * those of one checked pass, only slower).
 */
async function readWith<T>(path: string, stdin: NodeJS.ReadableStream, given: ParseOptions & ReadOptions, finish: (parser: ResultParser) => T): Promise<T> {
  // The file's name goes to the reader, so that 'not a result file' can name it.
  const options = { ...given, source: path === '-' ? '<stdin>' : path };
  if (path === '-') {
    const parser = createResultParser(options);
    for await (const chunk of readChunks(path, stdin)) parser.push(chunk);
    return finish(parser);
  }
  const check =
    (await fileSize(path)) >= (options.crcWorkerMinBytes ?? CRC_WORKER_MIN_BYTES) && options.format !== 'subunit-v1' && options.format !== 'junit'
      ? startCrcCheck(path)
      : undefined;
  try {
    options.beforePass?.();
    const parser = createResultParser({ ...options, trustCrc: check !== undefined });
    await readFileReusing(path, (chunk) => parser.push(chunk, true));
    const result = finish(parser);
    if (!check || parser.format !== 'subunit-v2' || (await check.verdict).clean) return result;
  } finally {
    check?.cancel();
  }
  options.beforePass?.();
  const parser = createResultParser(options);
  await readFileReusing(path, (chunk) => parser.push(chunk, true));
  return finish(parser);
}

export async function parseFile(path: string, stdin: NodeJS.ReadableStream, attachments?: AttachmentPolicy, options: ReadOptions = {}): Promise<RunResults> {
  return readWith(path, stdin, { ...options, attachments }, (p) => p.end());
}

/** A file's summary, without keeping a record per passing test (memory flat in the run's size). */
export async function summarizeFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  attachments?: AttachmentPolicy,
  options: ReadOptions = {},
): Promise<RunSummary> {
  return readWith(path, stdin, { ...options, attachments, summaryOnly: true }, (p) => p.endSummary());
}

/** A document to write out in order: text, then bytes read back from a spool. */
export interface WrittenDocument {
  summary: RunSummary;
  /** The document; read it once, by `pieces` or `transientPieces`. */
  pieces: Iterable<string | Uint8Array>;
  /** The same, but each piece is valid only until the next is asked for (no fresh memory per piece: for a writer that writes each one before it asks again). */
  transientPieces: Iterable<string | Uint8Array>;
}

/**
 * A file's results JSON (`parse --to json`): each test becomes text as it finishes and goes to a
 * spool (memory, past 4 MiB an unlinked temporary file), so neither a record of every test nor the
 * document is held in memory; a second pass (the CRC worker's fallback) starts the spool again.
 */
export async function resultsJsonFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  attachments?: AttachmentPolicy,
  options: ReadOptions = {},
): Promise<WrittenDocument> {
  const json = new ResultsJsonWriter();
  const spool = new Spool(options.spoolMemoryBytes);
  const summary = await spooling(spool, () =>
    readWith(
      path,
      stdin,
      {
        ...options,
        attachments,
        streamOnly: true,
        onFinished: (t) => spool.write(json.add(t)),
        beforePass: () => {
          json.reset();
          spool.reset();
        },
      },
      (p) => p.endSummary(),
    ),
  );
  return documentOf(summary, json.head(summary.format), spool, json.tail(summary));
}

/**
 * A file's results JSON written to `output` as it is made (`parse --to json -o FILE`): the head as
 * soon as the format is known, each test as it finishes, the tail at the end, straight into the
 * output's partial file (renamed over it when whole), with no spool to copy out. A second pass
 * (the CRC worker's fallback) empties the file and starts again. Null when `output` is not a
 * regular file's place (a device, a pipe: resultsJsonFile then, as it cannot be written twice).
 */
export async function writeResultsJsonFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  attachments: AttachmentPolicy | undefined,
  options: ReadOptions,
  output: string,
): Promise<RunSummary | null> {
  const out = await openOutputFile(output);
  if (out === null) return null;
  try {
    const json = new ResultsJsonWriter();
    // Made with the head (the output's partial file is made then): an input that is no result
    // file fails before it, and leaves nothing behind.
    let spool: Spool | null = null;
    let headed = false;
    const head = (format: ResultFormat): void => {
      spool ??= Spool.onto(out.fd(), output);
      spool.write(json.head(format));
      headed = true;
    };
    const summary = await readWith(
      path,
      stdin,
      {
        ...options,
        attachments,
        streamOnly: true,
        onFormat: head,
        onFinished: (t) => spool!.write(json.add(t)),
        beforePass: () => {
          json.reset();
          spool?.reset();
          headed = false;
        },
      },
      (p) => p.endSummary(),
    );
    if (!headed) head(summary.format);
    spool!.write(json.tail(summary));
    spool!.finish();
    await out.commit();
    return summary;
  } catch (err) {
    await out.abort();
    throw err;
  }
}

/**
 * A file's JUnit XML (`parse --to junit`), as subunit2junitxml writes it: each test's <testcase>
 * goes to a spool as it finishes (no record is made of a passing test), and the <testsuite> head,
 * whose totals are known only at the end, is written before the spool is copied out.
 */
export async function junitFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  attachments?: AttachmentPolicy,
  options: ReadOptions = {},
): Promise<WrittenDocument> {
  let junit = new JUnitWriter();
  const spool = new Spool(options.spoolMemoryBytes);
  const summary = await spooling(spool, () =>
    readWith(
      path,
      stdin,
      {
        ...options,
        attachments,
        streamOnly: true,
        onFinished: (t) => spool.write(junit.add(t)),
        beforePass: () => {
          junit = new JUnitWriter();
          spool.reset();
        },
      },
      (p) => p.endSummary(),
    ),
  );
  return documentOf(summary, junit.head(), spool, junit.tail());
}

/** Run `read`; if it fails, the spool (and its temporary file) goes with it. */
async function spooling<T>(spool: Spool, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    spool.close();
    throw err;
  }
}

function documentOf(summary: RunSummary, head: string, spool: Spool, tail: string): WrittenDocument {
  function* pieces(reuse: boolean): Generator<string | Uint8Array> {
    yield head;
    yield* spool.drain(reuse);
    yield tail;
  }
  return { summary, pieces: { [Symbol.iterator]: () => pieces(false) }, transientPieces: { [Symbol.iterator]: () => pieces(true) } };
}

export interface LoadedRuns {
  runs: RunResults[];
  /** One line per damaged input file. */
  damage: string[];
}

/**
 * Read the results of a run and its reruns: damage is reported, what was good is kept. Results
 * JSON is read whole; streams are parsed as they are read, keeping the text of failures only.
 */
export async function loadRuns(files: readonly string[], stdin: NodeJS.ReadableStream): Promise<LoadedRuns> {
  const runs: RunResults[] = [];
  const damage: string[] = [];
  for (const file of files) {
    const shown = file === '-' ? '<stdin>' : file;
    // Results JSON is checked by the compare engine's reader, loaded only for it: ajv and the
    // engine stay out of the parse verb's start-up.
    const results =
      file !== '-' && /\.json$/i.test(file)
        ? (await import('../core/compare/baseline.ts')).resultsFromBytes(await readBytes(file), file)
        : await parseFile(file, stdin, { keep: 'failures', capBytes: 64 * 1024 });
    const line = damageLine(shown, results);
    if (line) damage.push(line);
    runs.push(results);
  }
  return { runs, damage };
}

export interface SummarizedRuns {
  /** The run and its reruns summarised as compare takes them (compareRuns). */
  summary: CompareRunSummary;
  /** Tests passed and ran, when asked for (Interop scoring). */
  ran: RanTests | null;
  /** One line per damaged input file. */
  damage: string[];
}

/**
 * What loadRuns then summarizeRuns give, read in one go: each test is tallied as the parser
 * finishes it, and no record is made of a passing test (most of a big run), so compare's memory
 * and time do not carry a record per test. Results JSON is read whole, as loadRuns reads it.
 */
export async function summarizeRunFiles(
  files: readonly string[],
  stdin: NodeJS.ReadableStream,
  options: {
    context?: Partial<BaselineContext>;
    interop?: boolean;
    crcWorkerMinBytes?: number;
    /** The baseline tests the run will be compared with (SummarizerOptions.known): less memory, a quicker diff. */
    known?: readonly BaselineTest[] | undefined;
  } = {},
): Promise<SummarizedRuns> {
  const { RunSummarizer, knownTests } = await import('../core/compare/baseline.ts');
  const each = {
    interop: options.interop,
    known: options.known !== undefined && options.known.length > 0 ? (knownTests(options.known) ?? undefined) : undefined,
  };
  const all = new RunSummarizer(each);
  const damage: string[] = [];
  for (const file of files) {
    const shown = file === '-' ? '<stdin>' : file;
    let one = new RunSummarizer(each);
    let read: RunResults | RunSummary;
    if (file !== '-' && /\.json$/i.test(file)) {
      read = (await import('../core/compare/baseline.ts')).resultsFromBytes(await readBytes(file), file);
      for (const rec of read.tests) one.add(rec);
    } else {
      read = await readWith(
        file,
        stdin,
        {
          attachments: { keep: 'failures', capBytes: 64 * 1024 },
          crcWorkerMinBytes: options.crcWorkerMinBytes,
          streamOnly: true,
          onFinished: (t) => one.addFinished(t),
          // A second pass (the CRC worker found damage) starts this file's tally again.
          beforePass: () => {
            one = new RunSummarizer(each);
          },
        },
        (p) => p.endSummary(),
      );
    }
    one.startRun();
    const line = damageLine(shown, read);
    if (line) damage.push(line);
    if (files.length === 1) return { summary: one.summary({ context: options.context }), ran: one.ranTests(), damage };
    all.absorb(one);
  }
  return { summary: all.summary({ context: options.context }), ran: all.ranTests(), damage };
}
