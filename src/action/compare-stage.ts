// The compare stage as the action uses it: load the baseline named by the `baseline` input the
// way `tempest-gate compare --baseline` does (a file, a results file, git:BRANCH:NAME,
// artifact:BRANCH, or a name in the `baseline-store`), then judge the run with the compare engine
// (src/core/compare) and render its Markdown.
import { UserError, EXIT } from '../core/errors.ts';
import { compareRuns, parseKnownFailures, renderCompareMarkdown, summarizeRuns, type KnownFailures } from '../core/compare/index.ts';
import { loadBaselineRef } from '../edges/baseline-store.ts';
import { readText } from '../edges/files.ts';
import type { CompareStage, LoadedReference } from './stages.ts';

/** Room left in the comment for our header and footer around the compare Markdown. */
const COMPARE_BUDGET = 56_000;

export const compareStage: CompareStage = {
  async load({ settings, workspace }): Promise<LoadedReference> {
    const ref = settings.baseline;
    if (ref === null) throw new Error('compare stage called without a baseline');
    const created = new Date().toISOString();
    let loaded;
    try {
      loaded = await loadBaselineRef(ref, {
        store: settings.baselineStore,
        repo: workspace,
        created,
        // The artifact store reads the token from the environment, as in a job.
        env: { ...process.env, GITHUB_TOKEN: settings.githubToken },
      });
    } catch (err) {
      if (err instanceof UserError) throw new UserError(`input 'baseline' ('${ref}'): ${err.message}`, { exitCode: err.exitCode, cause: err });
      throw err;
    }
    let known: KnownFailures | null = null;
    if (settings.knownFailures) {
      try {
        known = parseKnownFailures(await readText(settings.knownFailures), settings.knownFailures);
      } catch (err) {
        if (err instanceof UserError) throw new UserError(`input 'known-failures': ${err.message}`, { exitCode: EXIT.usage, cause: err });
        throw err;
      }
    }
    const baseline = loaded.baseline;
    return {
      source: loaded.source,
      compare: ({ results, failOn }) => {
        const diff = compareRuns(baseline, summarizeRuns([results], { created }), {
          failOn,
          knownFailures: known,
          today: created.slice(0, 10),
          baselineLabel: loaded.source,
        });
        return {
          verdict: diff.verdict.failed ? 'fail' : 'pass',
          headline: diff.verdict.reason,
          regressions: diff.counts.regressions,
          fixes: diff.counts.fixes,
          markdown: renderCompareMarkdown(diff, { budget: COMPARE_BUDGET }),
        };
      },
    };
  },
};
