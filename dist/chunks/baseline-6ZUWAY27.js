import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  BASELINE_JSON_SCHEMA,
  baselineFromBytes,
  emptyBaseline,
  lineColumn,
  mergeBaselines,
  parseBaseline,
  parseJsonText,
  resultsFromBytes,
  summarizeRuns,
  tail,
  toBaseline,
  validateBaseline
} from "./chunk-QKRB6N7I.js";
import "./chunk-RVCUAF5R.js";
import "./chunk-UQPAEDM2.js";
import "./chunk-CSDHPHWA.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  BASELINE_JSON_SCHEMA,
  baselineFromBytes,
  emptyBaseline,
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
