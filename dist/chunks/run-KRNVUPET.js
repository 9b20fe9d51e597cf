import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-EHFZYFUP.js";
import "./chunk-SEQWI7GD.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-WMUJ6EQZ.js";
import "./chunk-VUDELR7P.js";
import "./chunk-TRVLSGEF.js";
import "./chunk-TYNSK2RS.js";
import "./chunk-DOVTEJQT.js";
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
