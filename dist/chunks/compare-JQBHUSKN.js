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
} from "./chunk-DR7VTERE.js";
import "./chunk-4VO6EX2X.js";
import "./chunk-HQ7MYWLC.js";
import "./chunk-Y43BYTEB.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-ODZCZP5C.js";
import "./chunk-T7ZTKEQR.js";
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
