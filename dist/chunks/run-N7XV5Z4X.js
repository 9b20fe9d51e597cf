import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-JCVV7QDN.js";
import "./chunk-KDK6MNOO.js";
import "./chunk-LYQB7SGV.js";
import "./chunk-GYUBQIDN.js";
import "./chunk-QL35TKZB.js";
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
