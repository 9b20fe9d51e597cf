#!/usr/bin/env node
// Entry point of the `tempest-gate` binary (bundled to dist/cli.js).
import { processIo, runCli } from './main.ts';

process.exitCode = await runCli(process.argv.slice(2), processIo());
