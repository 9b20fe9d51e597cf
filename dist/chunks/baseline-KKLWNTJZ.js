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
} from "./chunk-6K5OT3X4.js";
import "./chunk-MBFZYV6M.js";
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
