import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-N2WL4RLQ.js";
import "./chunk-WIP366SD.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-IOBF7DYE.js";
import "./chunk-6B35JW6V.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-EOUYPWJB.js";
import "./chunk-2VJOHSQA.js";
import "./chunk-WO2QIM4H.js";
import "./chunk-R5F2F3ZM.js";
import "./chunk-RP6XNUJB.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-PSAZ5QWY.js";
import "./chunk-RVBFXYZS.js";
import "./chunk-UQPAEDM2.js";
import "./chunk-CSDHPHWA.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
