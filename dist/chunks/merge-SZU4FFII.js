import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  mergeStage,
  readShardParts
} from "./chunk-K3NOO5QT.js";
import "./chunk-WJPWO2EI.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-OEQKQK7I.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-UMQXRHY3.js";
import "./chunk-RB643IK4.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  mergeStage,
  readShardParts
};
