import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-5EZQ26KM.js";
import "./chunk-3QUXNKDV.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-AZDAXQZS.js";
import "./chunk-YJ5QOJ3Z.js";
import "./chunk-QKJ3YN5G.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-XOJFRB4E.js";
import "./chunk-USGNJYKR.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-DSD5U76M.js";
import "./chunk-6JOGSWIC.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-THSJKRZC.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
