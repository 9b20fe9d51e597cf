import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  writeJobSummary
} from "./chunks/chunk-POZU2ICL.js";
import {
  redact
} from "./chunks/chunk-FYXSTOGF.js";
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
  info,
  saveState,
  setFailed,
  setOutput,
  warning
} from "./chunks/chunk-KXWUZ2QK.js";
import "./chunks/chunk-DSMXSV3X.js";
import "./chunks/chunk-AOIPOV6R.js";
import "./chunks/chunk-7X7P2LP7.js";
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
  const github = () => client ??= import("./chunks/client-VYIOHZLW.js").then(
    ({ createGitHubClient }) => createGitHubClient({ token: settings.githubToken, baseUrl: settings.context.apiUrl, log: (l) => info(l) })
  );
  try {
    const [{ runGate }, { defaultStages }] = await Promise.all([import("./chunks/gate-QTVDACL3.js"), import("./chunks/cloud-JQKCBZU2.js")]);
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
