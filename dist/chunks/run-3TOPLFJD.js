import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-C2MV5GPY.js";
import "./chunk-5FL676DD.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-H74UAIBY.js";
import "./chunk-FGEW3S6G.js";
import "./chunk-TRVLSGEF.js";
import "./chunk-TYNSK2RS.js";
import "./chunk-QM5EQZI3.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-ZELLUOP7.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-PF7A42VC.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
