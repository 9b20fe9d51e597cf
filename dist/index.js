import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  writeJobSummary
} from "./chunks/chunk-POZU2ICL.js";
import {
  STATE,
  readSettings
} from "./chunks/chunk-L2RULMBH.js";
import "./chunks/chunk-OB5H3VCM.js";
import "./chunks/chunk-7PZCJ2RG.js";
import "./chunks/chunk-IV2NAXRT.js";
import "./chunks/chunk-JTCS6GEG.js";
import "./chunks/chunk-ZELLUOP7.js";
import "./chunks/chunk-MBKGGNZC.js";
import "./chunks/chunk-Y4YGWCHI.js";
import "./chunks/chunk-OEZSHAT6.js";
import {
  info,
  saveState,
  setFailed,
  setOutput,
  warning
} from "./chunks/chunk-KXWUZ2QK.js";
import "./chunks/chunk-DSMXSV3X.js";
import {
  redact
} from "./chunks/chunk-D3XUB4WB.js";
import "./chunks/chunk-FR4MG5GU.js";
import "./chunks/chunk-2YY3UAUW.js";
import "./chunks/chunk-7X7P2LP7.js";
import {
  UserError
} from "./chunks/chunk-XOD6W3JI.js";
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
  const github = () => client ??= import("./chunks/client-FA4KGO2J.js").then(
    ({ createGitHubClient }) => createGitHubClient({ token: settings.githubToken, baseUrl: settings.context.apiUrl, log: (l) => info(l) })
  );
  try {
    const [{ runGate }, { defaultStages }] = await Promise.all([import("./chunks/gate-J23M3FXJ.js"), import("./chunks/cloud-2YRGBM46.js")]);
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
