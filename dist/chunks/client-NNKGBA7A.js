import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  createGitHubClient,
  explainGitHubError
} from "./chunk-A7MTXYT2.js";
import "./chunk-7HEQE6TD.js";
import "./chunk-5BBJ3NDE.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  createGitHubClient,
  explainGitHubError
};
