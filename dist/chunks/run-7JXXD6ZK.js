import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-DOEGOLCL.js";
import "./chunk-SXKDOQOV.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-IK76F4J3.js";
import "./chunk-N6Y4PRLS.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-S2O3BDP5.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-TGVTNZER.js";
import "./chunk-INCMBII3.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-6P42EQZQ.js";
import "./chunk-FOK2WYIN.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-7EIM7PTZ.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
