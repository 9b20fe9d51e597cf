import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-5CXFKN4M.js";
import "./chunk-KXEXHTJZ.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-EFIGC45N.js";
import "./chunk-UDQBWCWM.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-EOUYPWJB.js";
import "./chunk-PARGDH4P.js";
import "./chunk-K6HPIZWI.js";
import "./chunk-R5F2F3ZM.js";
import "./chunk-RP6XNUJB.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-QKRB6N7I.js";
import "./chunk-RVCUAF5R.js";
import "./chunk-UQPAEDM2.js";
import "./chunk-CSDHPHWA.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
