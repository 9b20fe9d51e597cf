import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-U5VMEWO3.js";
import "./chunk-CW2XFUNC.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-BGNSDEVI.js";
import "./chunk-LPV3FGKY.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-XJMFVPFS.js";
import "./chunk-HB3QE4JC.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-4B4LHLKO.js";
import "./chunk-IASZTDSZ.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-EYZOFBTY.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
