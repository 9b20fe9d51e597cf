import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-XUIVVNHA.js";
import "./chunk-LM5K3HLC.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-L6IKCUDA.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-N6DXUVKQ.js";
import "./chunk-HQO3PX5O.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
