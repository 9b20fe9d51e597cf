import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseSet,
  reportText,
  runVerbCommand
} from "./chunk-RCQK52BG.js";
import "./chunk-LJQCROEY.js";
import "./chunk-VMDJOGCR.js";
import "./chunk-JUMKZMXO.js";
import "./chunk-5RFNRCVO.js";
import "./chunk-FDIOAVOA.js";
import "./chunk-7N72QFIO.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-FYXSTOGF.js";
import "./chunk-QJDI7KBN.js";
import "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-RFJGFP5D.js";
import "./chunk-TX6CJEUS.js";
import "./chunk-EW3ABIJP.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-AOIPOV6R.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  parseSet,
  reportText,
  runVerbCommand
};
