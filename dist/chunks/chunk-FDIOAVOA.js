import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  usageError
} from "./chunk-MY7TWMR2.js";

// src/cli/command.ts
var COMMON_OPTIONS = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" }
};
function str(args, name) {
  const v = args.values[name];
  return typeof v === "string" ? v : void 0;
}
function strs(args, name) {
  const v = args.values[name];
  if (Array.isArray(v)) return v.filter((x) => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}
function flag(args, name) {
  return args.values[name] === true;
}
function writeJson(io, value) {
  io.stdout.write(`${JSON.stringify(value, null, 2)}
`);
}
function wholeOption(args, name, o) {
  const text = str(args, name);
  if (text === void 0) return o.fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < o.min) throw usageError(`--${name} must be a whole number of at least ${o.min}, not '${text}'`);
  return n;
}

export {
  COMMON_OPTIONS,
  str,
  strs,
  flag,
  writeJson,
  wholeOption
};
