import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-WUM7MNWH.js";
import "./chunk-MGCNWDSD.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-BO7JKIJY.js";
import "./chunk-VCZ4GGTU.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-EOUYPWJB.js";
import "./chunk-7ITCTDVG.js";
import "./chunk-K6HPIZWI.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RP6XNUJB.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-AWECNHC6.js";
import "./chunk-BV4X7FVP.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-CSDHPHWA.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
