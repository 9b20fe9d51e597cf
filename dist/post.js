import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url);
import {
  info,
  warning
} from "./chunks/chunk-TOEZZKGY.js";
import "./chunks/chunk-PTJ4ZJOV.js";

// src/action/post.ts
async function run() {
  try {
    info("tempest-gate post: no cloud resources were created by this step.");
  } catch (err) {
    warning(`cleanup: ${err.message}`);
  }
}
await run();
export {
  run
};
