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
} from "./chunk-JZRT3UPB.js";
import "./chunk-GZZ6W2KP.js";
import "./chunk-B3CI7MJK.js";
import "./chunk-ENGQU5TL.js";
import "./chunk-UO5VQ6MQ.js";
import "./chunk-DL3IDDDG.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-ZELLUOP7.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-FLRDIUCQ.js";
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
