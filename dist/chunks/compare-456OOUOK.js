import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  CONTEXT_HELP,
  CONTEXT_OPTIONS,
  baselineFromArgs,
  baselineOptions,
  compareCommand,
  contextFromArgs,
  emit,
  failOnFrom,
  outputFormat,
  renderDiff,
  todayUtc
} from "./chunk-QRLNA3JJ.js";
import "./chunk-FK7F5QFY.js";
import "./chunk-YM32LUSA.js";
import "./chunk-4STAURYC.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-6IMTTOV2.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-UFJ7AIT5.js";
import "./chunk-CUNDXGIR.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-EZLL3F5U.js";
import "./chunk-YGA7PFST.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-7EIM7PTZ.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  CONTEXT_HELP,
  CONTEXT_OPTIONS,
  baselineFromArgs,
  baselineOptions,
  compareCommand,
  contextFromArgs,
  emit,
  failOnFrom,
  outputFormat,
  renderDiff,
  todayUtc
};
