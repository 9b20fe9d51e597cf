import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  CONTEXT_HELP,
  CONTEXT_OPTIONS,
  baselineFromArgs,
  compareCommand,
  contextFromArgs,
  emit,
  failOnFrom,
  outputFormat,
  renderDiff,
  todayUtc
} from "./chunk-NDWDLXUP.js";
import "./chunk-H4CW4O32.js";
import "./chunk-B3CI7MJK.js";
import "./chunk-NCUUOHHC.js";
import "./chunk-UA25Q74Z.js";
import "./chunk-DPITT6VC.js";
import "./chunk-DOVTEJQT.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-ZELLUOP7.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-OEZSHAT6.js";
import "./chunk-PF7A42VC.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-NQJFE2ZZ.js";
export {
  CONTEXT_HELP,
  CONTEXT_OPTIONS,
  baselineFromArgs,
  compareCommand,
  contextFromArgs,
  emit,
  failOnFrom,
  outputFormat,
  renderDiff,
  todayUtc
};
