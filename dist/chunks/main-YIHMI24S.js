import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  VERBS,
  commandHelp,
  processIo,
  runCli,
  runCommand
} from "./chunk-SXFXCS7C.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  VERBS,
  commandHelp,
  processIo,
  runCli,
  runCommand
};
