import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-TE6HLVFA.js";
import "./chunk-HFXXDEP3.js";
import "./chunk-J6HBE5QC.js";
import "./chunk-E3ZP2LQ3.js";
import "./chunk-K6OVJGUL.js";
import "./chunk-4F7IB6LS.js";
import "./chunk-HY6Y63MN.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-OQ3RYXFB.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-TGVTNZER.js";
import "./chunk-VOW2SSEC.js";
import "./chunk-ZCXFTVZS.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-POJSWDJX.js";
import "./chunk-2A52PYPK.js";
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
