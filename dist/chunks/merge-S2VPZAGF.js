import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-MWIB7AXV.js";
import "./chunk-6Y263Q2V.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-IASZTDSZ.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-U5ZMEQYS.js";
import "./chunk-EYZOFBTY.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
