import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  createGitHubClient,
  explainGitHubError
} from "./chunk-MUV6IX3C.js";
import "./chunk-WEZUQMLQ.js";
import "./chunk-7X7P2LP7.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";
export {
  createGitHubClient,
  explainGitHubError
};
