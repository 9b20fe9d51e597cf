import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-HMOA4JIF.js";
import "./chunk-QRLNA3JJ.js";
import "./chunk-BAKNHJOC.js";
import "./chunk-E3ZP2LQ3.js";
import "./chunk-FK7F5QFY.js";
import "./chunk-YM32LUSA.js";
import "./chunk-4STAURYC.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-6IMTTOV2.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-TGVTNZER.js";
import "./chunk-UFJ7AIT5.js";
import "./chunk-CUNDXGIR.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-EZLL3F5U.js";
import "./chunk-YGA7PFST.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-7EIM7PTZ.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
};
