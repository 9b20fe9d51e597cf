import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  damageLine,
  parseCommand,
  parseFile
} from "./chunk-GCC42CDH.js";
import "./chunk-XD5WIG3M.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-3PYUN73Z.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-KOP2AUTI.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  damageLine,
  parseCommand,
  parseFile
};
