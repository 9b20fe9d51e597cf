import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-5YSIJN3P.js";
import "./chunk-YYL6EWH6.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-6Z2THX75.js";
import "./chunk-7YCKZ275.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-ER65E557.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-FYXSTOGF.js";
import "./chunk-X4FZVZJY.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-P2FODZ67.js";
import "./chunk-6K5OT3X4.js";
import "./chunk-MBFZYV6M.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-AOIPOV6R.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
