import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  createGitHubClient,
  explainGitHubError
} from "./chunk-L7QYIRYK.js";
import "./chunk-WEZUQMLQ.js";
import "./chunk-7X7P2LP7.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  createGitHubClient,
  explainGitHubError
};
