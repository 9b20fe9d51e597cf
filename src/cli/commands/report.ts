// tempest-gate report: write the report people read — a self-contained HTML page (verdict, diff
// against the baseline, timeline, failures) and the Markdown the pull request or Zuul shows.
import { str, strs, type Command } from '../command.ts';
import { EXIT, usageError, type ExitCode } from '../../core/errors.ts';
import { compareRuns, EMPTY_CONTEXT, parseKnownFailures, renderCompareMarkdown, summarizeRuns, type CompareDiff } from '../../core/compare/index.ts';
import { renderHtmlReport } from '../../core/render/report-html.ts';
import { renderResultsText } from '../../core/render/results-text.ts';
import { summarize } from '../../core/results/model.ts';
import { readText, writeOutput } from '../../edges/files.ts';
import { failOnFrom, loadBaseline, loadRuns, todayUtc } from './compare.ts';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write the HTML and Markdown report of a run (and its diff against a baseline).',
  usage: '--results FILE [--results FILE...] [--baseline REF] [--html FILE] [--markdown FILE]',
  options: {
    results: { type: 'string', short: 'r', multiple: true },
    baseline: { type: 'string', short: 'b' },
    'known-failures': { type: 'string', short: 'k' },
    'fail-on': { type: 'string' },
    html: { type: 'string' },
    markdown: { type: 'string' },
    title: { type: 'string' },
    store: { type: 'string' },
    repo: { type: 'string' },
    today: { type: 'string' },
  },
  help: `Options:
  -r, --results FILE         the run's results (subunit v2/v1, JUnit XML, results JSON); repeat for reruns
  -b, --baseline REF         compare with this baseline (as 'tempest-gate compare --baseline' takes it)
  -k, --known-failures FILE  known failures (shown as known, never hidden)
      --fail-on WHAT         regressions (default), failures or never
      --html FILE            write the HTML report there (default: tempest-gate-report.html)
      --markdown FILE        also write the Markdown summary there
      --title TEXT           the report's title
      --store SPEC, --repo DIR, --today YYYY-MM-DD   as for 'compare'
Exit codes:
  0  the report was written and the gate passes
  1  the report was written and the gate fails (per --fail-on, or failing tests without a baseline)
  2  usage error
  3  an input was damaged: the report shows what could be read, never as a pass`,
  async run(args, io): Promise<ExitCode> {
    if (args.positionals.length) throw usageError(`unexpected argument '${args.positionals[0]}'`);
    const files = strs(args, 'results');
    if (files.length === 0) throw usageError('missing --results (see --help)');
    const failOn = failOnFrom(args, 'regressions');
    const { runs, damage } = await loadRuns(files, io);
    // The report shows the last run (a rerun's results come after the first run's).
    const results = runs[runs.length - 1]!;
    let diff: CompareDiff | null = null;
    const problems = [...damage];
    const ref = str(args, 'baseline');
    if (ref !== undefined) {
      const known = str(args, 'known-failures');
      const knownFailures = known === undefined ? null : parseKnownFailures(await readText(known), known);
      const base = await loadBaseline(ref, args, io, new Date().toISOString());
      problems.push(...base.damage);
      diff = compareRuns(base.baseline, summarizeRuns(runs, { context: { ...EMPTY_CONTEXT } }), {
        failOn,
        knownFailures,
        today: todayUtc(args),
        baselineLabel: base.source,
        runLabel: files.join(', '),
      });
      if (problems.length) diff.verdict = { ...diff.verdict, failed: true, reason: `input damaged, verdict not proven: ${problems[0]}` };
    }
    const title = str(args, 'title') ?? 'tempest-gate report';
    const html = str(args, 'html') ?? 'tempest-gate-report.html';
    await writeOutput(html, renderHtmlReport({ title, results, diff, subtitle: files.join(', ') }));
    const markdownFile = str(args, 'markdown');
    if (markdownFile !== undefined) {
      const md = diff ? renderCompareMarkdown(diff, { title }) : `## ${title}\n\n\`\`\`\n${renderResultsText(summarize(results), { source: files.join(', ') })}\`\`\`\n`;
      await writeOutput(markdownFile, md);
    }
    const c = results.counts;
    const failed = diff ? diff.verdict.failed : failOn !== 'never' && c.fail + c.uxsuccess + c.inprogress + c.unknown > 0;
    const summary = { html, markdown: markdownFile ?? null, verdict: diff ? diff.verdict : { failed, reason: failed ? 'failing tests (no baseline given)' : 'no failing tests' } };
    if (args.values.json === true) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else io.stdout.write(`wrote ${html}${markdownFile ? ` and ${markdownFile}` : ''}: ${failed ? 'FAIL' : 'PASS'}: ${summary.verdict.reason}\n`);
    for (const p of problems) io.stderr.write(`tempest-gate report: ${p}\n`);
    if (problems.length) return EXIT.badInput;
    return failed ? EXIT.gateFailed : EXIT.ok;
  },
};
