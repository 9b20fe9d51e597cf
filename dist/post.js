import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  STATE,
  defaultStages,
  readSettings
} from "./chunks/chunk-TPN42IXL.js";
import "./chunks/chunk-LATCVEPG.js";
import {
  getState,
  info,
  warning
} from "./chunks/chunk-KXWUZ2QK.js";
import "./chunks/chunk-JTCS6GEG.js";
import "./chunks/chunk-XOD6W3JI.js";
import "./chunks/chunk-7X7P2LP7.js";
import "./chunks/chunk-NQJFE2ZZ.js";

// src/action/run-post.ts
async function runPost(options = {}) {
  const stages = options.stages ?? defaultStages;
  try {
    const runId = getState(STATE.runId);
    if (runId === "") {
      info("tempest-gate post: no cloud resources were requested by this run; nothing to clean up.");
      return;
    }
    const settings = readSettings();
    if (!stages.cleanup) {
      warning(`tempest-gate post: cleanup is not available in this build; delete the resources of run '${runId}' with 'tempest-gate cleanup --run-id ${runId}'.`);
      return;
    }
    info(`tempest-gate post: deleting the cloud resources of run '${runId}'`);
    const report = await stages.cleanup.cleanup({ settings, runId, log: (l) => info(l) });
    for (const d of report.deleted) info(`deleted ${d}`);
    for (const l of report.leftover) warning(`not deleted: ${l} (run '${runId}'; delete it with 'tempest-gate cleanup --run-id ${runId}')`);
    info(`tempest-gate post: ${report.deleted.length} deleted, ${report.leftover.length} left over.`);
  } catch (err) {
    warning(`tempest-gate post: cleanup failed: ${err.message}`);
  }
}

// src/action/post.ts
await runPost();
