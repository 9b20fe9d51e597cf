import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  JUDGE_OPTIONS,
  judgeFromArgs,
  reportCommand
} from "./chunk-KMLQUUTQ.js";
import "./chunk-4L5LWP3D.js";
import "./chunk-OUJ3X3LG.js";
import "./chunk-C2PR4P7J.js";
import "./chunk-BVY2IX6J.js";
import "./chunk-74PQCRED.js";
import "./chunk-L4TJA7R7.js";
import "./chunk-5O3VW5PT.js";
import "./chunk-ZI4ZGQG2.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-FYXSTOGF.js";
import "./chunk-IGE4LKJT.js";
import "./chunk-X4FZVZJY.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-3NDCZCY7.js";
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
