import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-NWAQJXL3.js";
import "./chunk-WQKVDTLX.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-LAE7DXPD.js";
import "./chunk-IY2Y7IYA.js";
import "./chunk-OOGFWNCR.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-EU7ETCZ2.js";
import "./chunk-QAXLFWYV.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-IUZN2FMV.js";
import "./chunk-BWSXB6HC.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-426HRGMB.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
