import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-PNLQMQSI.js";
import "./chunk-YTEYPWJH.js";
import "./chunk-RI56FGZE.js";
import "./chunk-35ROFH7B.js";
import "./chunk-PEE34ZTA.js";
import "./chunk-ZZNID6X6.js";
import "./chunk-VJ7XP46T.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-EAU67E6B.js";
import "./chunk-BN6L6CJM.js";
import "./chunk-M2GTLW3U.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-FJHJVNQZ.js";
import "./chunk-M2W5OPJF.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-QJ4WBNUJ.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
};
