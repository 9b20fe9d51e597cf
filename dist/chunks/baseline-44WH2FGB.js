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
} from "./chunk-MBKGGNZC.js";
import "./chunk-Y4YGWCHI.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-2YY3UAUW.js";
import "./chunk-XOD6W3JI.js";
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
