import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-XHVSFO2F.js";
import "./chunk-HNCRYATC.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-ERKLTDA6.js";
import "./chunk-SB4FAF7U.js";
import "./chunk-NGV4IQNT.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-CZ5BP7R7.js";
import "./chunk-S5HSICLS.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-MLI7KJEV.js";
import "./chunk-L6IKCUDA.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-HQO3PX5O.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
