// tempest-gate parse: read a result file (subunit v2, subunit v1, JUnit XML) and print it as
// JSON, JUnit XML or a text summary.
import { flag, str, type Command } from '../command.ts';
import { EXIT, usageError } from '../../core/errors.ts';
import { createResultParser, type ParseOptions, type ResultParser } from '../../core/results/parse.ts';
import type { AttachmentPolicy } from '../../core/results/aggregate.ts';
import { renderResultsText } from '../../core/render/results-text.ts';
import { ResultsJsonText } from '../../core/results/results-json.ts';
import { writeJUnit } from '../../core/results/junit.ts';
import { fileSize, readChunks, readFileReusing, writeOutput } from '../../edges/files.ts';
import { startCrcCheck } from '../../edges/crc-check.ts';
import type { ResultFormat, RunResults, RunSummary } from '../../core/results/model.ts';

const FORMATS = ['json', 'junit', 'text'] as const;
const INPUT_FORMATS: readonly ResultFormat[] = ['subunit-v2', 'subunit-v1', 'junit'];

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
  const options = { ...given, source: path === '-' ? '<stdin>' : path };
  if (path === '-') {
    const parser = createResultParser(options);
    for await (const chunk of readChunks(path, stdin)) parser.push(chunk);
    return finish(parser);
  }
  const check = (await fileSize(path)) >= (options.crcWorkerMinBytes ?? CRC_WORKER_MIN_BYTES) && options.format !== 'subunit-v1' && options.format !== 'junit' ? startCrcCheck(path) : undefined;
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

export async function parseFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  attachments?: AttachmentPolicy,
  options: ReadOptions = {},
): Promise<RunResults> {
  return readWith(path, stdin, { ...options, attachments }, (p) => p.end());
}

/** A file's summary, without keeping a record per passing test (memory flat in the run's size). */
export async function summarizeFile(path: string, stdin: NodeJS.ReadableStream, attachments?: AttachmentPolicy, options: ReadOptions = {}): Promise<RunSummary> {
  return readWith(path, stdin, { ...options, attachments, summaryOnly: true }, (p) => p.endSummary());
}

/**
 * A file's results JSON (`parse --to json`), in pieces to write in order: each test becomes text
 * as it finishes, so no record of every test is kept (memory flat in attachment bytes, and far
 * lower in tests).
 */
export async function resultsJsonFile(path: string, stdin: NodeJS.ReadableStream, attachments?: AttachmentPolicy, options: ReadOptions = {}): Promise<{ summary: RunSummary; pieces: Iterable<string> }> {
  const json = new ResultsJsonText();
  const summary = await readWith(path, stdin, { ...options, attachments, streamOnly: true, onTest: (t) => json.add(t), beforePass: () => json.reset() }, (p) => p.endSummary());
  return { summary, pieces: json.pieces(summary) };
}

export const parseCommand: Command = {
  name: 'parse',
  summary: 'Read a subunit v2, subunit v1 or JUnit XML result file and summarise or convert it.',
  usage: '<file|-> [--to json|junit|text] [--from FORMAT] [--output FILE]',
  allowPositionals: true,
  options: {
    to: { type: 'string' },
    from: { type: 'string' },
    output: { type: 'string', short: 'o' },
    attachments: { type: 'string' },
    'attachment-cap': { type: 'string' },
  },
  help: `Arguments:
  <file|->                 the result file; '-' reads standard input. The format is detected:
                           subunit v2 (binary), subunit v1 (text, as .stestr/N keeps it), JUnit XML.
Options:
      --to FORMAT          json (the documented results shape, docs/results-json.md), junit
                           (JUnit XML as Debian's subunit2junitxml writes it) or text
                           (default: text, or json with --json)
      --from FORMAT        read the input as subunit-v2, subunit-v1 or junit instead of detecting it
  -o, --output FILE        write the output to FILE instead of standard output
      --attachments WHICH  whose attachment text to keep: failures (default), all, none
      --attachment-cap N   bytes kept per attachment (default 1048576); the rest is counted
Exit codes:
  0  read the whole input (failing tests do not change this)
  2  usage error
  3  the input was damaged or unreadable: what was good is still written, and one line on
     standard error names the file and the place of the first damage (line and byte offset
     for subunit v1 and JUnit XML, byte offset for subunit v2)`,
  async run(args, io) {
    const [file, ...extra] = args.positionals;
    if (file === undefined) throw usageError('missing <file|-> (see --help)');
    if (extra.length) throw usageError(`unexpected argument '${extra[0]}'`);
    const to = str(args, 'to') ?? (flag(args, 'json') ? 'json' : 'text');
    if (!(FORMATS as readonly string[]).includes(to)) throw usageError(`--to must be one of ${FORMATS.join(', ')}, not '${to}'`);
    const from = str(args, 'from');
    const inputFormat = INPUT_FORMATS.find((f) => f === from);
    if (from !== undefined && inputFormat === undefined) throw usageError(`--from must be one of ${INPUT_FORMATS.join(', ')}, not '${from}'`);
    const keep = str(args, 'attachments') ?? 'failures';
    if (keep !== 'all' && keep !== 'failures' && keep !== 'none') throw usageError(`--attachments must be all, failures or none, not '${keep}'`);
    const capText = str(args, 'attachment-cap') ?? '1048576';
    const cap = Number(capText);
    if (!Number.isInteger(cap) || cap < 0) throw usageError(`--attachment-cap must be a whole number of bytes, not '${capText}'`);

    const source = file === '-' ? '<stdin>' : file;
    let out: string | Iterable<string>;
    let results: RunResults | RunSummary;
    if (to === 'text') {
      results = await summarizeFile(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat });
      out = renderResultsText(results, { source });
    } else if (to === 'json') {
      // Each test becomes text as it finishes: no record of every test in memory.
      const json = await resultsJsonFile(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat });
      results = json.summary;
      out = json.pieces;
    } else {
      results = await parseFile(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat });
      out = writeJUnit(results);
    }
    const output = str(args, 'output');
    if (output) await writeOutput(output, out);
    else if (typeof out === 'string') io.stdout.write(out);
    else for (const piece of out) io.stdout.write(piece);

    const damage = damageLine(source, results);
    if (damage) {
      io.stderr.write(`tempest-gate parse: ${damage}\n`);
      return EXIT.badInput;
    }
    return EXIT.ok;
  },
};
