import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-ENVKQCAC.js";
import "./chunk-CSULJEK7.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-2YNRUJ67.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-RWQDCLKN.js";
import "./chunk-7EIM7PTZ.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
