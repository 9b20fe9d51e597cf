// Reading results, for every stage that takes them: any format the engine reads (subunit v2/v1,
// JUnit XML, results JSON), from a file or standard input, with a big file's CRCs checked on a
// second core; and the one line that names a damaged input.
import { createResultParser, type ParseOptions, type ResultParser } from '../core/results/parse.ts';
import type { AttachmentPolicy } from '../core/results/aggregate.ts';
import { ResultsJsonText } from '../core/results/results-json.ts';
import type { ResultFormat, RunResults, RunSummary } from '../core/results/model.ts';
import { fileSize, readBytes, readChunks, readFileReusing } from '../edges/files.ts';
import { startCrcCheck } from '../edges/crc-check.ts';

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

/**
 * A file's results JSON (`parse --to json`), in pieces to write in order: each test becomes text
 * as it finishes, so no record of every test is kept (memory flat in attachment bytes, and far
 * lower in tests).
 */
export async function resultsJsonFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  attachments?: AttachmentPolicy,
  options: ReadOptions = {},
): Promise<{ summary: RunSummary; pieces: Iterable<string> }> {
  const json = new ResultsJsonText();
  const summary = await readWith(path, stdin, { ...options, attachments, streamOnly: true, onTest: (t) => json.add(t), beforePass: () => json.reset() }, (p) =>
    p.endSummary(),
  );
  return { summary, pieces: json.pieces(summary) };
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
