import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  SHARD_MANIFEST_FILE,
  SHARD_SCHEMA,
  mergeShards,
  parseShardManifest,
  renderMergeText,
  shardManifest
} from "./chunk-RWQDCLKN.js";
import "./chunk-7EIM7PTZ.js";
import "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";
export {
  SHARD_MANIFEST_FILE,
  SHARD_SCHEMA,
  mergeShards,
  parseShardManifest,
  renderMergeText,
  shardManifest
};
