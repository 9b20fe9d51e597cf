// tempest-gate parse: read a result file (subunit v2, subunit v1, JUnit XML) and print it as
// JSON, JUnit XML or a text summary.
import { flag, str, type Command } from '../command.ts';
import { EXIT, usageError } from '../../core/errors.ts';
import { renderResultsText } from '../../core/render/results-text.ts';
import { writeOutput } from '../../edges/files.ts';
import type { ResultFormat, RunSummary } from '../../core/results/model.ts';
import { damageLine, junitFile, resultsJsonFile, summarizeFile, writeResultsJsonFile } from '../../stages/results.ts';

const FORMATS = ['json', 'junit', 'text'] as const;
const INPUT_FORMATS: readonly ResultFormat[] = ['subunit-v2', 'subunit-v1', 'junit'];

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
    const output = str(args, 'output');
    let out: string | Iterable<string | Uint8Array> | null;
    let results: RunSummary;
    if (to === 'text') {
      results = await summarizeFile(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat });
      out = renderResultsText(results, { source });
    } else {
      // Each test becomes text as it finishes: neither a record of every test nor the document in
      // memory. JSON into a file goes straight there (its head is known first); JUnit's totals head
      // the document, so its tests wait in a spool.
      const written = to === 'json' && output ? await writeResultsJsonFile(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat }, output) : null;
      if (written) {
        results = written;
        out = null;
      } else {
        const doc = await (to === 'json' ? resultsJsonFile : junitFile)(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat });
        results = doc.summary;
        // A file is written piece by piece (one buffer serves them all); a stream may queue what it is given.
        out = output ? doc.transientPieces : doc.pieces;
      }
    }
    // (null: the JSON is in its file already)
    if (out !== null) {
      if (output) await writeOutput(output, out);
      else if (typeof out === 'string') io.stdout.write(out);
      else for (const piece of out) io.stdout.write(piece);
    }

    const damage = damageLine(source, results);
    if (damage) {
      io.stderr.write(`tempest-gate parse: ${damage}\n`);
      return EXIT.badInput;
    }
    return EXIT.ok;
  },
};
