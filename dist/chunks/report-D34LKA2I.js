import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-VURJSKHM.js";
import "./chunk-RLKDELJM.js";
import "./chunk-BBFFYFWF.js";
import "./chunk-F6AWA7KO.js";
import "./chunk-XZLMJFTU.js";
import "./chunk-7Q72ZSM3.js";
import "./chunk-NT5KO7SU.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-LAE7DXPD.js";
import "./chunk-EU7ETCZ2.js";
import "./chunk-5YKRQNNV.js";
import "./chunk-QAXLFWYV.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-IUZN2FMV.js";
import "./chunk-BWSXB6HC.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-426HRGMB.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
};
