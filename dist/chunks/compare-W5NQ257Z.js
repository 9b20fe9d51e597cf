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
} from "./chunk-YTQTIMMZ.js";
import "./chunk-PBT4E36Y.js";
import "./chunk-B3CI7MJK.js";
import "./chunk-4DEYRYUN.js";
import "./chunk-PCLUKLK6.js";
import "./chunk-OB5H3VCM.js";
import "./chunk-7PZCJ2RG.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-ZELLUOP7.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-MBKGGNZC.js";
import "./chunk-Y4YGWCHI.js";
import "./chunk-OEZSHAT6.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-2YY3UAUW.js";
import "./chunk-XOD6W3JI.js";
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
