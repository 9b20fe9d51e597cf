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
} from "./chunk-NKZO6NUA.js";
import "./chunk-T7PGVTUZ.js";
import "./chunk-KL6XHUBO.js";
import "./chunk-5CLUA7R4.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-GCC42CDH.js";
import "./chunk-XD5WIG3M.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-3PYUN73Z.js";
import "./chunk-FLRDIUCQ.js";
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
