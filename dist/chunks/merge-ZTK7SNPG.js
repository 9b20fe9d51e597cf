import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-CSEAMVFE.js";
import "./chunk-6XWIUHPD.js";
import "./chunk-RP6XNUJB.js";
import "./chunk-BV4X7FVP.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-TYLFQDYJ.js";
import "./chunk-CSDHPHWA.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
