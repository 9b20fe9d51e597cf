import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-B3TGDDNF.js";
import "./chunk-VJ7XP46T.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-M2W5OPJF.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-EDFIQB2Q.js";
import "./chunk-QJ4WBNUJ.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
