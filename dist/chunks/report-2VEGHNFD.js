import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-S2CZXHYI.js";
import "./chunk-V2762A36.js";
import "./chunk-OP6Z77OS.js";
import "./chunk-E3ZP2LQ3.js";
import "./chunk-ADHYXBCE.js";
import "./chunk-CIJRDMRL.js";
import "./chunk-CSULJEK7.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-O5CFEZ5O.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-TGVTNZER.js";
import "./chunk-M5HBDUDG.js";
import "./chunk-OYSOPIQG.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-Q4OMOGPB.js";
import "./chunk-2YNRUJ67.js";
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
