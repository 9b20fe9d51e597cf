import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  writeJobSummary
} from "./chunks/chunk-C255CJ22.js";
import {
  redact
} from "./chunks/chunk-EOUYPWJB.js";
import {
  STATE,
  readSettings
} from "./chunks/chunk-U7VAVPXY.js";
import "./chunks/chunk-6FYGKR33.js";
import "./chunks/chunk-2VJOHSQA.js";
import "./chunks/chunk-WO2QIM4H.js";
import "./chunks/chunk-R5F2F3ZM.js";
import "./chunks/chunk-RP6XNUJB.js";
import "./chunks/chunk-PSAZ5QWY.js";
import "./chunks/chunk-RVBFXYZS.js";
import "./chunks/chunk-4E3TQ2AB.js";
import {
  info,
  saveState,
  setFailed,
  setOutput,
  warning
} from "./chunks/chunk-B5E33GLP.js";
import "./chunks/chunk-UQPAEDM2.js";
import "./chunks/chunk-CSDHPHWA.js";
import "./chunks/chunk-5BBJ3NDE.js";
import {
  UserError
} from "./chunks/chunk-MY7TWMR2.js";
import "./chunks/chunk-NQJFE2ZZ.js";

// src/action/run-main.ts
async function runMain(options = {}) {
  saveState(STATE.started, "true");
  let settings;
  try {
    settings = readSettings();
  } catch (err) {
    await fail(err, null);
    return;
  }
  const abort = new AbortController();
  const stop = () => abort.abort(new Error("the job was cancelled"));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  let client = options.client ? Promise.resolve(options.client) : void 0;
  const github = () => client ??= import("./chunks/client-NNKGBA7A.js").then(
    ({ createGitHubClient }) => createGitHubClient({ token: settings.githubToken, baseUrl: settings.context.apiUrl, log: (l) => info(l) })
  );
  try {
    const [{ runGate }, { defaultStages }] = await Promise.all([import("./chunks/gate-TC76OB6A.js"), import("./chunks/cloud-FAETBZ4L.js")]);
    await runGate({ settings, stages: { ...defaultStages, ...options.stages }, github, signal: abort.signal });
  } catch (err) {
    await fail(err, settings);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
async function fail(err, settings) {
  const raw = err instanceof UserError ? err.message : `internal error: ${err.message}`;
  const line = settings ? redact(raw, settings.secrets) : raw;
  setOutput("result", "error");
  setFailed(line);
  try {
    await writeJobSummary(`### \u26A0\uFE0F tempest-gate: error

${line}
`);
  } catch (e) {
    warning(`could not write the job summary: ${e.message}`);
  }
}

// src/action/main.ts
await runMain();
