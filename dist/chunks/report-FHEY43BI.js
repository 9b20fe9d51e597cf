import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-6SR2MMZS.js";
import "./chunk-T4E4VVT7.js";
import "./chunk-XPGABBHQ.js";
import "./chunk-E3ZP2LQ3.js";
import "./chunk-VERC4RQH.js";
import "./chunk-ODOZGA7T.js";
import "./chunk-P26PV6BY.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-X576OOKH.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-TGVTNZER.js";
import "./chunk-QUZUTXNT.js";
import "./chunk-IZASC6XW.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-EBAHRXIF.js";
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
