import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-G36PBVS2.js";
import "./chunk-ISIXVUSD.js";
import "./chunk-P2FODZ67.js";
import "./chunk-MBFZYV6M.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-DWO264YH.js";
import "./chunk-AOIPOV6R.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
