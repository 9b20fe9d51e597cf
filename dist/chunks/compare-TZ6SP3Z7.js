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
} from "./chunk-VV5M2TPI.js";
import "./chunk-VLUV6E5D.js";
import "./chunk-W4QTBF3Q.js";
import "./chunk-VEYSYTSB.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-DCI2X7HS.js";
import "./chunk-S35THI2W.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-3PYUN73Z.js";
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
