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
} from "./chunk-XPD2VJDD.js";
import "./chunk-KTFYSDSX.js";
import "./chunk-RSUJCZ4V.js";
import "./chunk-6XWIUHPD.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-KPS7FJU7.js";
import "./chunk-7ITCTDVG.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RP6XNUJB.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-AWECNHC6.js";
import "./chunk-BV4X7FVP.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-CSDHPHWA.js";
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
