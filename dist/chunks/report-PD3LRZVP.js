import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-WQTHTVWZ.js";
import "./chunk-AGGWFRTR.js";
import "./chunk-AZPEIEQV.js";
import "./chunk-ZMR44KMK.js";
import "./chunk-ARV2VXPY.js";
import "./chunk-QCU22LVD.js";
import "./chunk-WJPWO2EI.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-GJ46NAX2.js";
import "./chunk-4P6B45Y2.js";
import "./chunk-ZGW3KI4F.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-KAPOH3HY.js";
import "./chunk-OEQKQK7I.js";
import "./chunk-4E3TQ2AB.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-RB643IK4.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
};
