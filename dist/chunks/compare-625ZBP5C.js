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
} from "./chunk-2L3GCZUZ.js";
import "./chunk-5FMKYFFS.js";
import "./chunk-FOMP6XY6.js";
import "./chunk-NHUEGEQD.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-NQPWLC2T.js";
import "./chunk-ZO2VZD6X.js";
import "./chunk-3MFETATR.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-LBLLERVZ.js";
import "./chunk-L6IKCUDA.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-HQO3PX5O.js";
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
