import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  TOKEN_FILE,
  provisionCommand
} from "./chunk-2OMYFM5D.js";
import "./chunk-W5KZ5ATS.js";
import "./chunk-WBXDPMAV.js";
import "./chunk-2VM6WFQS.js";
import "./chunk-OZRCMIYH.js";
import "./chunk-LAJXBLTR.js";
import "./chunk-LATCVEPG.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-UEY5Y5DI.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  TOKEN_FILE,
  provisionCommand
};
