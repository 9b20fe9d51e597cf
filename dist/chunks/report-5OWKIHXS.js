import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-E2MJWCF7.js";
import "./chunk-NHZYID3F.js";
import "./chunk-URLMTPAW.js";
import "./chunk-C2PR4P7J.js";
import "./chunk-CSJ72U5G.js";
import "./chunk-A22SH7NI.js";
import "./chunk-FJXCBXRQ.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-JUMKZMXO.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-FYXSTOGF.js";
import "./chunk-ROMCA43Y.js";
import "./chunk-QJDI7KBN.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-TX6CJEUS.js";
import "./chunk-EW3ABIJP.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-AOIPOV6R.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
};
