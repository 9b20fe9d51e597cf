import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-UJBG3CY7.js";
import "./chunk-OIUZHYRQ.js";
import "./chunk-IYSQMFZZ.js";
import "./chunk-E3ZP2LQ3.js";
import "./chunk-23NK45VV.js";
import "./chunk-ZK225LDK.js";
import "./chunk-SKN2X5TW.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-FXTGOD4G.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-TGVTNZER.js";
import "./chunk-AZTFPL3B.js";
import "./chunk-JETSZTCY.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-AKPO26FU.js";
import "./chunk-XNLH3TEQ.js";
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
