import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  SHARD_MANIFEST_FILE,
  SHARD_SCHEMA,
  mergeShards,
  parseShardManifest,
  renderMergeText,
  shardManifest
} from "./chunk-DWO264YH.js";
import "./chunk-AOIPOV6R.js";
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
