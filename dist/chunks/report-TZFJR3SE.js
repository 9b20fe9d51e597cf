import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-SML3NAVZ.js";
import "./chunk-2L3GCZUZ.js";
import "./chunk-LWYY3NJT.js";
import "./chunk-5R2BQGUV.js";
import "./chunk-5FMKYFFS.js";
import "./chunk-FOMP6XY6.js";
import "./chunk-NHUEGEQD.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-NQPWLC2T.js";
import "./chunk-CZ5BP7R7.js";
import "./chunk-ZO2VZD6X.js";
import "./chunk-3MFETATR.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-LBLLERVZ.js";
import "./chunk-L6IKCUDA.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-HQO3PX5O.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
};
