import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-ZIRIIOCW.js";
import "./chunk-FIFE2MQH.js";
import "./chunk-67PMMSNO.js";
import "./chunk-E3ZP2LQ3.js";
import "./chunk-LQ6TQBYD.js";
import "./chunk-AZHCWYIB.js";
import "./chunk-O5UAEWEQ.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-ZGEJ76XG.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-TGVTNZER.js";
import "./chunk-Y7HBU4LM.js";
import "./chunk-B5I3YE4K.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-LDDX7XVC.js";
import "./chunk-BOYO3E2A.js";
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
