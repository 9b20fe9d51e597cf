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
} from "./chunk-VRLTEMTZ.js";
import "./chunk-4R4GM26H.js";
import "./chunk-F33ALPGV.js";
import "./chunk-XTPACJKV.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-6FYGKR33.js";
import "./chunk-2VJOHSQA.js";
import "./chunk-R5F2F3ZM.js";
import "./chunk-RP6XNUJB.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-PSAZ5QWY.js";
import "./chunk-RVBFXYZS.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-UQPAEDM2.js";
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
