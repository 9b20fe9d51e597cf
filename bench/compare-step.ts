// One measured step of bench/compare.bench.ts, in a process of its own so that /usr/bin/time's
// peak RSS is that step's alone. Prints one JSON object of seconds per phase.
//   node bench/compare-step.ts peer-like BASE.subunit RUN.subunit   the peer's work: both streams parsed and reduced, then the diff
//   node bench/compare-step.ts gate BASE.compact RUN.subunit        the gate's: the stored baseline loaded, the run read, the diff, the Markdown
import { readFileSync } from 'node:fs';
import { baselineFromJson, compareRuns, renderCompareMarkdown, toBaseline } from '../src/core/compare/index.ts';
import { collectGarbage } from '../src/edges/memory.ts';
import { BIG_BASELINE } from '../src/stages/baseline.ts';
import { summarizeRunFiles } from '../src/stages/results.ts';

const [mode, baseFile, runFile] = process.argv.slice(2);
if ((mode !== 'peer-like' && mode !== 'gate') || baseFile === undefined || runFile === undefined) {
  console.error('usage: compare-step.ts peer-like|gate BASE RUN');
  process.exit(2);
}
const clock = (): number => performance.now() / 1000;
const out: Record<string, number> = {};
let t = clock();
// The gate's load as the CLI's (stages/baseline.ts loadReference): the file read as text, the load's garbage collected.
const gateBaseline = (): ReturnType<typeof toBaseline> =>
  baselineFromJson(readFileSync(baseFile, 'utf8'), baseFile, { created: '2026-11-25T00:00:00.000Z' }).baseline;
const baseline = mode === 'gate' ? gateBaseline() : toBaseline((await summarizeRunFiles([baseFile], process.stdin)).summary);
if (mode === 'gate' && baseline.tests.length >= BIG_BASELINE) collectGarbage();
out[mode === 'gate' ? 'load' : 'parseBase'] = clock() - t;
t = clock();
// Read against the baseline, as the CLI reads it (SummarizerOptions.known).
const run = (await summarizeRunFiles([runFile], process.stdin, { known: baseline.tests })).summary;
out.parseRun = clock() - t;
t = clock();
const diff = compareRuns(baseline, run, { today: '2026-11-25' });
out.diff = clock() - t;
if (mode === 'gate') {
  t = clock();
  renderCompareMarkdown(diff);
  out.render = clock() - t;
}
out.regressions = diff.counts.regressions;
console.log(JSON.stringify(out));
