import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  UserError
} from "./chunk-XOD6W3JI.js";

// src/edges/files.ts
import { createReadStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
function describe(err) {
  const e = err;
  switch (e.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    default:
      return e.message ?? String(err);
  }
}
async function* readChunks(path, stdin = process.stdin) {
  const source = path === "-" ? stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of source) {
      yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    }
  } catch (err) {
    throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}
async function readText(path) {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}
async function readBytes(path) {
  try {
    return await readFile(path);
  } catch (err) {
    throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}
async function writeOutput(path, data) {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  } catch (err) {
    throw new UserError(`cannot write: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}

export {
  readChunks,
  readText,
  readBytes,
  writeOutput
};
