import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  TOKEN_FILE,
  provisionCommand
} from "./chunk-7VLF45T5.js";
import "./chunk-EWNSINYI.js";
import "./chunk-SZENUZMG.js";
import "./chunk-2VM6WFQS.js";
import "./chunk-6FQIVUDE.js";
import "./chunk-LAJXBLTR.js";
import "./chunk-LATCVEPG.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  TOKEN_FILE,
  provisionCommand
};
