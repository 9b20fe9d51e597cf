import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-P2C3ZRRU.js";
import "./chunk-BCSRET6Q.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-4SG6VCAG.js";
import "./chunk-CRVWU56P.js";
import "./chunk-TRVLSGEF.js";
import "./chunk-TYNSK2RS.js";
import "./chunk-72VH4M4P.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-ZELLUOP7.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-2DRLFCGB.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
