import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  CONTEXT_HELP,
  CONTEXT_OPTIONS,
  compareCommand,
  contextFromArgs,
  emit,
  failOnFrom,
  loadBaseline,
  loadRuns,
  outputFormat,
  renderDiff,
  todayUtc
} from "./chunk-IC5AC3NQ.js";
import "./chunk-TSAZ57VC.js";
import "./chunk-NCHCQCRS.js";
import "./chunk-PI3XK66L.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-7L7DJVRU.js";
import "./chunk-USS3RATT.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-ZELLUOP7.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-F64MU34C.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  CONTEXT_HELP,
  CONTEXT_OPTIONS,
  compareCommand,
  contextFromArgs,
  emit,
  failOnFrom,
  loadBaseline,
  loadRuns,
  outputFormat,
  renderDiff,
  todayUtc
};
