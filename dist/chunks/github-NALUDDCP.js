import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  context,
  getOctokit
} from "./chunk-PDSZCQON.js";
import "./chunk-7X7P2LP7.js";
import "./chunk-NQJFE2ZZ.js";
export {
  context,
  getOctokit
};
