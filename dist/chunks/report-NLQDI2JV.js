import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-3IRZR2XC.js";
import "./chunk-ECSMMAWP.js";
import "./chunk-PU4NXVWG.js";
import "./chunk-5R2BQGUV.js";
import "./chunk-QYVH2KDN.js";
import "./chunk-7RKAJHV7.js";
import "./chunk-LM5K3HLC.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-ERKLTDA6.js";
import "./chunk-CZ5BP7R7.js";
import "./chunk-Q4FI7VIP.js";
import "./chunk-S5HSICLS.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-MLI7KJEV.js";
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
