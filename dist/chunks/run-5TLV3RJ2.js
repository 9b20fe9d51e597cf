import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-QAMS26ZS.js";
import "./chunk-I5GWS65G.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-NWYLLZIL.js";
import "./chunk-UEG4YDIO.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-GJ46NAX2.js";
import "./chunk-ZGW3KI4F.js";
import "./chunk-K6HPIZWI.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-KAPOH3HY.js";
import "./chunk-OEQKQK7I.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-RB643IK4.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
