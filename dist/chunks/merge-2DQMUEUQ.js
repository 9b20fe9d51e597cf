import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-67AAV45G.js";
import "./chunk-CF3ZJO2W.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-6JOGSWIC.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-E2YTSIRK.js";
import "./chunk-THSJKRZC.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
