import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-M7JH7XQ5.js";
import "./chunk-2H7PIHSR.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-7KZBD3XX.js";
import "./chunk-VDLZ5JPA.js";
import "./chunk-TI3XGR2R.js";
import "./chunk-TRVLSGEF.js";
import "./chunk-TYNSK2RS.js";
import "./chunk-53AEZVKA.js";
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
