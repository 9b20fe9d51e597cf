import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  UserError
} from "./chunk-MY7TWMR2.js";

// src/edges/files.ts
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
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
async function readFileReusing(path, onChunk, size = 1 << 20) {
  let file;
  try {
    file = await open(path, "r");
  } catch (err) {
    throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
  }
  try {
    const buffers = [new Uint8Array(size), new Uint8Array(size)];
    let position = 0;
    let which = 0;
    const readInto = (buffer) => {
      const p = file.read(buffer, 0, size, position).then(
        (r) => r.bytesRead,
        (err) => {
          throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
        }
      );
      p.catch(() => void 0);
      return p;
    };
    let next = readInto(buffers[0]);
    for (; ; ) {
      const n = await next;
      if (n === 0) return;
      const current = buffers[which];
      position += n;
      which ^= 1;
      next = readInto(buffers[which]);
      onChunk(n === size ? current : current.subarray(0, n));
    }
  } finally {
    await file.close();
  }
}
async function fileSize(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : 0;
  } catch {
    return 0;
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
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const existing = await stat(path).catch(() => null);
    if (existing !== null && !existing.isFile()) return await writeFile(path, data);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => void 0);
    throw new UserError(`cannot write: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}

export {
  readFileReusing,
  fileSize,
  readChunks,
  readText,
  readBytes,
  writeOutput
};
