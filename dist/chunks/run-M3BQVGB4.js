import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-7ZVBCHMB.js";
import "./chunk-5YPYCQ7C.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-66HE7T2K.js";
import "./chunk-NKHHSLWT.js";
import "./chunk-KV53JTTP.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-7PZCJ2RG.js";
import "./chunk-IV2NAXRT.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-ZELLUOP7.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-MBKGGNZC.js";
import "./chunk-Y4YGWCHI.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-FR4MG5GU.js";
import "./chunk-2YY3UAUW.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
