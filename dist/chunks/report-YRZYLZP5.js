import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-3VSM223R.js";
import "./chunk-U3XJM3EM.js";
import "./chunk-QUKMSC2C.js";
import "./chunk-E3ZP2LQ3.js";
import "./chunk-UCFA33TE.js";
import "./chunk-OJUIMZ3H.js";
import "./chunk-Y775OWCH.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-YECECO4T.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-TGVTNZER.js";
import "./chunk-QLGMTCW4.js";
import "./chunk-SZJCXIC4.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-7ODAFZGY.js";
import "./chunk-YDHZZZKF.js";
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
