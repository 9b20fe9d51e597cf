import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-GMNXPMPG.js";
import "./chunk-WXFI646K.js";
import "./chunk-S4XYFXBE.js";
import "./chunk-5R2BQGUV.js";
import "./chunk-73BBAHON.js";
import "./chunk-RIC5LYSI.js";
import "./chunk-VYDAVKLC.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-HBN7L5ZU.js";
import "./chunk-CZ5BP7R7.js";
import "./chunk-FEOXLQDZ.js";
import "./chunk-MA2SYV5O.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-C6MTKOLW.js";
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
