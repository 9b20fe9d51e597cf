import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-RURRYVNU.js";
import "./chunk-JCV6S2XB.js";
import "./chunk-HXCKJB2L.js";
import "./chunk-C2PR4P7J.js";
import "./chunk-FA5S5BMI.js";
import "./chunk-74PQCRED.js";
import "./chunk-ISIXVUSD.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-6Z2THX75.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-FYXSTOGF.js";
import "./chunk-X7KFTTWK.js";
import "./chunk-X4FZVZJY.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-P2FODZ67.js";
import "./chunk-6K5OT3X4.js";
import "./chunk-MBFZYV6M.js";
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
