import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  damageLine,
  parseCommand,
  parseFile,
  resultsJsonFile,
  summarizeFile
} from "./chunk-PFLX7RBJ.js";
import "./chunk-NVPQEUFB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-ZELLUOP7.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-F64MU34C.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  damageLine,
  parseCommand,
  parseFile,
  resultsJsonFile,
  summarizeFile
};
