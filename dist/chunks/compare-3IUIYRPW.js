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
} from "./chunk-VUXTZ7WI.js";
import "./chunk-AOAUZQ7Z.js";
import "./chunk-N7XM3EGD.js";
import "./chunk-6Y263Q2V.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-Y3HSEXGS.js";
import "./chunk-HB3QE4JC.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-4B4LHLKO.js";
import "./chunk-IASZTDSZ.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-EYZOFBTY.js";
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
