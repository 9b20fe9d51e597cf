import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-HTNVJOYQ.js";
import "./chunk-NT5KO7SU.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-BWSXB6HC.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-QWLLUHMH.js";
import "./chunk-426HRGMB.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
