#!/usr/bin/env node
import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;

// src/cli/bin.ts
import { enableCompileCache } from "node:module";
enableCompileCache();
var { processIo, runCli } = await import("./chunks/main-FTAPTD5Z.js");
process.exitCode = await runCli(process.argv.slice(2), processIo());
