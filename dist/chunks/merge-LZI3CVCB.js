import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-AHZRQGZK.js";
import "./chunk-FJXCBXRQ.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-EW3ABIJP.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-DWO264YH.js";
import "./chunk-AOIPOV6R.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
