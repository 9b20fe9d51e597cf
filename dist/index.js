import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url);
import {
  endGroup,
  getInput,
  info,
  setFailed,
  setOutput,
  startGroup
} from "./chunks/chunk-TOEZZKGY.js";
import {
  EXIT,
  UserError,
  damageLine,
  parseFile,
  renderResultsText
} from "./chunks/chunk-NTMZVJBL.js";
import "./chunks/chunk-PTJ4ZJOV.js";

// src/action/inputs.ts
function readSettings() {
  const results = getInput("results");
  if (results === "") throw new UserError("input 'results' is required: the path of a subunit or JUnit XML result file", { exitCode: EXIT.usage });
  return { results };
}

// src/action/main.ts
async function run() {
  try {
    const settings = readSettings();
    startGroup(`Parse ${settings.results}`);
    const results = await parseFile(settings.results, process.stdin);
    info(renderResultsText(results, { source: settings.results }));
    endGroup();
    setOutput("tests", results.tests.length);
    setOutput("failures", results.counts.fail + results.counts.uxsuccess);
    setOutput("result", results.counts.fail + results.counts.uxsuccess > 0 ? "fail" : "pass");
    const damage = damageLine(settings.results, results);
    if (damage) setFailed(damage);
  } catch (err) {
    setFailed(err instanceof UserError ? err.message : `internal error: ${err.message}`);
  }
}
await run();
export {
  run
};
