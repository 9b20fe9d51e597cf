import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  readReference,
  reportText,
  runVerbCommand
} from "./chunk-ZJ7ZQYFV.js";
import "./chunk-2VM6WFQS.js";
import "./chunk-6FQIVUDE.js";
import "./chunk-I63Q57P7.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-LATCVEPG.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-NVPQEUFB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-ZELLUOP7.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-F64MU34C.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  readReference,
  reportText,
  runVerbCommand
};
