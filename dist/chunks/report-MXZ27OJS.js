import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-VDDKINMG.js";
import "./chunk-HEQ5QXZS.js";
import "./chunk-7QS4OKIR.js";
import "./chunk-35ROFH7B.js";
import "./chunk-LKWFSAGF.js";
import "./chunk-75Q6YCCX.js";
import "./chunk-HRAYHTXZ.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-EAU67E6B.js";
import "./chunk-7GZAMJA6.js";
import "./chunk-XBVGPGI2.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-NFK7I3X5.js";
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
