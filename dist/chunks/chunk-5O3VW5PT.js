import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  EXIT,
  UserError
} from "./chunk-MY7TWMR2.js";

// src/edges/data-dir.ts
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var found;
function dataDir() {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "data");
    if (existsSync(join(candidate, "presets", "tox-envs.json"))) return found = candidate;
    dir = dirname(dir);
  }
  throw new UserError("data/ not found next to tempest-gate (a broken install: reinstall it)", { exitCode: EXIT.internal });
}
function dataFile(...parts) {
  return join(dataDir(), ...parts);
}
var SHIPPED_TEST_LIST = "tempest-33.0.0-test-list.txt";

export {
  dataDir,
  dataFile,
  SHIPPED_TEST_LIST
};
