import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-5GJL5ZHX.js";
import "./chunk-KDK6MNOO.js";
import "./chunk-DPTK7KTR.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-GYUBQIDN.js";
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
