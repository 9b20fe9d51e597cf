import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-JIF54LEA.js";
import "./chunk-NKGMX2AB.js";
import "./chunk-RP6XNUJB.js";
import "./chunk-RVCUAF5R.js";
import "./chunk-UQPAEDM2.js";
import "./chunk-TYLFQDYJ.js";
import "./chunk-CSDHPHWA.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
