import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  damageLine,
  parseCommand,
  parseFile
} from "./chunk-6IR3GX7Q.js";
import "./chunk-B6BIR263.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-3PYUN73Z.js";
import "./chunk-UEY5Y5DI.js";
import "./chunk-KOP2AUTI.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  damageLine,
  parseCommand,
  parseFile
};
