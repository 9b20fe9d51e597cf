import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  info,
  summary
} from "./chunk-KXWUZ2QK.js";

// src/edges/github/summary.ts
async function writeJobSummary(markdown) {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    info("GITHUB_STEP_SUMMARY is not set: no job summary written.");
    return false;
  }
  await summary.addRaw(markdown, true).write();
  return true;
}

export {
  writeJobSummary
};
