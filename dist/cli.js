#!/usr/bin/env node
import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  processIo,
  runCli
} from "./chunks/chunk-SXFXCS7C.js";
import "./chunks/chunk-FLRDIUCQ.js";
import "./chunks/chunk-XOD6W3JI.js";
import "./chunks/chunk-NQJFE2ZZ.js";

// src/cli/bin.ts
process.exitCode = await runCli(process.argv.slice(2), processIo());
