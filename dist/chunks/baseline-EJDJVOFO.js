import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  BASELINE_JSON_SCHEMA,
  RunSummarizer,
  baselineFromBytes,
  baselineFromJson,
  baselineFromText,
  emptyBaseline,
  isJsonDocument,
  knownTests,
  lineColumn,
  mergeBaselines,
  parseBaseline,
  parseJsonText,
  resultsFromBytes,
  summarizeRuns,
  tail,
  toBaseline,
  validateBaseline
} from "./chunk-TX6CJEUS.js";
import "./chunk-EW3ABIJP.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-AOIPOV6R.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  BASELINE_JSON_SCHEMA,
  RunSummarizer,
  baselineFromBytes,
  baselineFromJson,
  baselineFromText,
  emptyBaseline,
  isJsonDocument,
  knownTests,
  lineColumn,
  mergeBaselines,
  parseBaseline,
  parseJsonText,
  resultsFromBytes,
  summarizeRuns,
  tail,
  toBaseline,
  validateBaseline
};
