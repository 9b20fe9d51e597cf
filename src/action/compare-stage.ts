// The compare stage as the action uses it: load the baseline named by the `baseline` input, judge
// the run against it with the compare engine (src/core/compare), render its Markdown.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError, EXIT } from '../core/errors.ts';
import { compareRuns, parseBaseline, renderCompareMarkdown, summarizeRuns } from '../core/compare/index.ts';
import type { CompareStage, CompareOutcome } from './stages.ts';

/** Room left in the comment for our header and footer around the compare Markdown. */
const COMPARE_BUDGET = 56_000;

export const compareStage: CompareStage = {
  async compare({ baseline, results, failOn, workspace }): Promise<CompareOutcome> {
    if (baseline.kind !== 'file') {
      throw new UserError(
        `input 'baseline': '${baseline.kind}:' sources are not read by the action yet; check the baseline out into the workspace and give its path`,
        { exitCode: EXIT.usage },
      );
    }
    const path = resolve(workspace, baseline.path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UserError(`input 'baseline': ${code === 'ENOENT' ? 'no such file' : 'cannot read'} '${baseline.path}'`, { exitCode: EXIT.usage, cause: err });
    }
    // parseBaseline names the file and place of any problem (unknown version, bad JSON).
    const base = parseBaseline(text, baseline.path);
    const run = summarizeRuns([results]);
    const diff = compareRuns(base, run, { failOn, today: new Date().toISOString().slice(0, 10), baselineLabel: baseline.path });
    return {
      verdict: diff.verdict.failed ? 'fail' : 'pass',
      headline: diff.verdict.reason,
      regressions: diff.counts.regressions,
      fixes: diff.counts.fixes,
      markdown: renderCompareMarkdown(diff, { budget: COMPARE_BUDGET }),
    };
  },
};
