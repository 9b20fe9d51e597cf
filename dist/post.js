import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  STATE,
  readSettings
} from "./chunks/chunk-KW2B7DHJ.js";
import "./chunks/chunk-X7KFTTWK.js";
import "./chunks/chunk-X4FZVZJY.js";
import "./chunks/chunk-BRVH2MLK.js";
import "./chunks/chunk-JTCS6GEG.js";
import "./chunks/chunk-P2FODZ67.js";
import "./chunks/chunk-6K5OT3X4.js";
import "./chunks/chunk-MBFZYV6M.js";
import "./chunks/chunk-4E3TQ2AB.js";
import {
  getState,
  info,
  warning
} from "./chunks/chunk-KXWUZ2QK.js";
import "./chunks/chunk-DSMXSV3X.js";
import "./chunks/chunk-AOIPOV6R.js";
import "./chunks/chunk-7X7P2LP7.js";
import "./chunks/chunk-MY7TWMR2.js";
import "./chunks/chunk-NQJFE2ZZ.js";

// src/action/run-post.ts
async function runPost(options = {}) {
  try {
    const stages = { ...(await import("./chunks/cloud-JQKCBZU2.js")).defaultStages, ...options.stages };
    const runId = getState(STATE.runId);
    if (runId === "") {
      info("tempest-gate post: no cloud resources were requested by this run; nothing to clean up.");
      return;
    }
    const settings = readSettings();
    info(`tempest-gate post: deleting the cloud resources of run '${runId}'`);
    const report = await stages.cleanup({ settings, runId, log: (l) => info(l), signal: new AbortController().signal });
    for (const d of report.deleted) info(`deleted ${d}`);
    for (const l of report.leftover) warning(`not deleted: ${l} (run '${runId}'; delete it with 'tempest-gate cleanup --run-id ${runId}')`);
    info(`tempest-gate post: ${report.deleted.length} deleted, ${report.leftover.length} left over.`);
  } catch (err) {
    warning(`tempest-gate post: cleanup failed: ${err.message}`);
  }
}

// src/action/post.ts
await runPost();
