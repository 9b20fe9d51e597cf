import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  readReference,
  reportText,
  runVerbCommand
} from "./chunk-OUG5SQF4.js";
import "./chunk-2VM6WFQS.js";
import "./chunk-6FQIVUDE.js";
import "./chunk-NTPEE42T.js";
import "./chunk-FFUPZC6L.js";
import "./chunk-LATCVEPG.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-FWNXULP3.js";
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
