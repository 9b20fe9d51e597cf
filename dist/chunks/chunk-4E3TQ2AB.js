import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  EXIT,
  UserError
} from "./chunk-MY7TWMR2.js";

// src/edges/baseline-not-found.ts
var BaselineNotFound = class extends UserError {
  detail;
  constructor(message, detail, options = {}) {
    super(message, { exitCode: EXIT.badInput, ...options });
    this.name = "BaselineNotFound";
    this.detail = detail;
  }
};

export {
  BaselineNotFound
};
