import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-WXBDWXQQ.js";
import "./chunk-DYRIOBUZ.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-FXTGOD4G.js";
import "./chunk-N6Y4PRLS.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-S2O3BDP5.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-TGVTNZER.js";
import "./chunk-JETSZTCY.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-AKPO26FU.js";
import "./chunk-XNLH3TEQ.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-7EIM7PTZ.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
