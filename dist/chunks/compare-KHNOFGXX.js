import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  CONTEXT_HELP,
  CONTEXT_OPTIONS,
  compareCommand,
  contextFromArgs,
  emit,
  failOnFrom,
  loadBaseline,
  loadRuns,
  outputFormat,
  renderDiff,
  todayUtc
} from "./chunk-6KYJBEPJ.js";
import "./chunk-IDEBYM4M.js";
import "./chunk-FJNT3UY4.js";
import "./chunk-7KAKNQVH.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-6IR3GX7Q.js";
import "./chunk-B6BIR263.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-3PYUN73Z.js";
import "./chunk-UEY5Y5DI.js";
import "./chunk-KOP2AUTI.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  CONTEXT_HELP,
  CONTEXT_OPTIONS,
  compareCommand,
  contextFromArgs,
  emit,
  failOnFrom,
  loadBaseline,
  loadRuns,
  outputFormat,
  renderDiff,
  todayUtc
};
