import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-OTJLVY2U.js";
import "./chunk-Q7LHTEQV.js";
import "./chunk-OMSZXHTJ.js";
import "./chunk-WLMEFXE7.js";
import "./chunk-37PCPGUN.js";
import "./chunk-CNL7W7CN.js";
import "./chunk-CF3ZJO2W.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-AZDAXQZS.js";
import "./chunk-XOJFRB4E.js";
import "./chunk-IAMISNAB.js";
import "./chunk-USGNJYKR.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-DSD5U76M.js";
import "./chunk-6JOGSWIC.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-THSJKRZC.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
};
