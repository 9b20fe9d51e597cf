import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-OUQMXBWW.js";
import "./chunk-7ZNFIU7F.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-WTOSJWTP.js";
import "./chunk-3OQSI65G.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-EAU67E6B.js";
import "./chunk-M2GTLW3U.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-FJHJVNQZ.js";
import "./chunk-M2W5OPJF.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-QJ4WBNUJ.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
