import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-M2AIDE5K.js";
import "./chunk-S5MVLQTJ.js";
import "./chunk-IUCKF2DG.js";
import "./chunk-E3ZP2LQ3.js";
import "./chunk-2PZVAB5X.js";
import "./chunk-EUGDQ2L4.js";
import "./chunk-27ENCYHX.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-ZHC6GWWJ.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-TGVTNZER.js";
import "./chunk-7D4NZNGY.js";
import "./chunk-5EZ4S77H.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-T4MMGJIF.js";
import "./chunk-OP2IGLGP.js";
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
