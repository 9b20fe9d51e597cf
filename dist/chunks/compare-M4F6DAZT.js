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
} from "./chunk-M3IOJKJZ.js";
import "./chunk-TDZAZNGL.js";
import "./chunk-B3CI7MJK.js";
import "./chunk-4XOV4MQ4.js";
import "./chunk-3U3HGFW2.js";
import "./chunk-PQHCQVQI.js";
import "./chunk-ACVLMD3C.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-ZELLUOP7.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-OEZSHAT6.js";
import "./chunk-2YY3UAUW.js";
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
