import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-4FG2QFYU.js";
import "./chunk-KSUSSVKU.js";
import "./chunk-VIRR4EVD.js";
import "./chunk-E3ZP2LQ3.js";
import "./chunk-7K5RLX4N.js";
import "./chunk-UN7JZGX7.js";
import "./chunk-TTSJ3ZUN.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-Q73LR57W.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-TGVTNZER.js";
import "./chunk-GUZ2M2IM.js";
import "./chunk-FGMRUVNM.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-XXWXS6RK.js";
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
