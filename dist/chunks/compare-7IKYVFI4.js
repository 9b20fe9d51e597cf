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
} from "./chunk-ZDQUTK57.js";
import "./chunk-A36TMLEY.js";
import "./chunk-G3CR75PQ.js";
import "./chunk-NKGMX2AB.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-BQV552BP.js";
import "./chunk-PARGDH4P.js";
import "./chunk-R5F2F3ZM.js";
import "./chunk-RP6XNUJB.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-QKRB6N7I.js";
import "./chunk-RVCUAF5R.js";
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
