import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-37OMHP6X.js";
import "./chunk-SKN2X5TW.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-XNLH3TEQ.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-RWQDCLKN.js";
import "./chunk-7EIM7PTZ.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
