import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  loadBaselineRef
} from "./chunk-6XQDYDAT.js";
import {
  compareRuns,
  parseKnownFailures,
  renderCompareMarkdown,
  summarizeRuns
} from "./chunk-I63Q57P7.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-NVPQEUFB.js";
import "./chunk-DSMXSV3X.js";
import {
  readText
} from "./chunk-ZELLUOP7.js";
import "./chunk-F64MU34C.js";
import {
  EXIT,
  UserError
} from "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";

// src/action/compare-stage.ts
var COMPARE_BUDGET = 56e3;
var compareStage = {
  async load({ settings, workspace }) {
    const ref = settings.baseline;
    if (ref === null) throw new Error("compare stage called without a baseline");
    const created = (/* @__PURE__ */ new Date()).toISOString();
    let loaded;
    try {
      loaded = await loadBaselineRef(ref, {
        store: settings.baselineStore,
        repo: workspace,
        created,
        // The artifact store reads the token from the environment, as in a job.
        env: { ...process.env, GITHUB_TOKEN: settings.githubToken }
      });
    } catch (err) {
      if (err instanceof UserError) throw new UserError(`input 'baseline' ('${ref}'): ${err.message}`, { exitCode: err.exitCode, cause: err });
      throw err;
    }
    let known = null;
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
          baselineLabel: loaded.source
        });
        return {
          verdict: diff.verdict.failed ? "fail" : "pass",
          headline: diff.verdict.reason,
          regressions: diff.counts.regressions,
          fixes: diff.counts.fixes,
          markdown: renderCompareMarkdown(diff, { budget: COMPARE_BUDGET })
        };
      }
    };
  }
};
export {
  compareStage
};
