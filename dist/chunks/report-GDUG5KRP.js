import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-5OMG52NI.js";
import "./chunk-7HHPTWVC.js";
import "./chunk-N3MI36MP.js";
import "./chunk-E3ZP2LQ3.js";
import "./chunk-23AJ3245.js";
import "./chunk-CWT4PZ5J.js";
import "./chunk-JFLMJLM6.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-R653XO5P.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-TGVTNZER.js";
import "./chunk-EMFCY2EU.js";
import "./chunk-NNY6T77R.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-WFJME2VD.js";
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
