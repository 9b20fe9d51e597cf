import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  UserError
} from "./chunk-MY7TWMR2.js";

// src/edges/files.ts
import { closeSync, createReadStream, openSync, unlinkSync } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
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
function partialName(file, pid = process.pid, host = hostname()) {
  return `.${file}.tempest-gate-partial.${host}.${pid}.tmp`;
}
var PARTIAL = /^\.(.+)\.tempest-gate-partial\.([^/]+)\.(\d+)\.tmp$/;
var OLD_PARTIAL = /^\.(.+)\.(\d+)\.tmp$/;
function alive(pid) {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code !== "ESRCH";
  }
}
var swept = /* @__PURE__ */ new Set();
async function removeStalePartials(dir, host = hostname()) {
  if (swept.has(dir)) return [];
  swept.add(dir);
  const removed = [];
  let names;
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  const present = new Set(names);
  for (const name of names) {
    const m = PARTIAL.exec(name);
    let pid;
    if (m) {
      if (m[2] !== host) continue;
      pid = Number(m[3]);
    } else {
      const old = OLD_PARTIAL.exec(name);
      if (!old || !present.has(old[1])) continue;
      pid = Number(old[2]);
    }
    if (!Number.isSafeInteger(pid) || pid <= 0 || alive(pid)) continue;
    await rm(join(dir, name), { force: true }).then(
      () => removed.push(name),
      () => void 0
    );
  }
  return removed;
}
var ENDING_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
var openPartials = /* @__PURE__ */ new Set();
function onEndingSignal(signal) {
  if (process.listenerCount(signal) > 1) return;
  for (const s of ENDING_SIGNALS) process.off(s, onEndingSignal);
  for (const temp of openPartials) {
    try {
      unlinkSync(temp);
    } catch {
    }
  }
  openPartials.clear();
  process.kill(process.pid, signal);
}
function removeOnSignal(temp) {
  if (openPartials.size === 0) for (const s of ENDING_SIGNALS) process.on(s, onEndingSignal);
  openPartials.add(temp);
  return () => {
    if (!openPartials.delete(temp) || openPartials.size > 0) return;
    for (const s of ENDING_SIGNALS) process.off(s, onEndingSignal);
  };
}
async function writeOutput(path, data) {
  const temp = partialPath(path);
  let unwatch = null;
  try {
    if (!await preparePartial(path)) return await writeFile(path, data);
    unwatch = removeOnSignal(temp);
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => void 0);
    throw cannotWrite(path, err);
  } finally {
    unwatch?.();
  }
}
function cannotWrite(path, err) {
  return new UserError(`cannot write: ${describe(err)}`, { place: { file: path }, cause: err });
}
var partialPath = (path) => join(dirname(path), partialName(basename(path)));
async function preparePartial(path) {
  const existing = await stat(path).catch(() => null);
  if (existing !== null && !existing.isFile()) return false;
  await mkdir(dirname(path), { recursive: true });
  await removeStalePartials(dirname(path));
  return true;
}
async function openOutputFile(path) {
  const temp = partialPath(path);
  try {
    if (!await preparePartial(path)) return null;
  } catch (err) {
    throw cannotWrite(path, err);
  }
  let fd = null;
  let made = false;
  let unwatch = null;
  const close = () => {
    const was = fd;
    fd = null;
    if (was !== null) closeSync(was);
  };
  const abort = async () => {
    try {
      close();
    } catch {
    }
    if (made) await rm(temp, { force: true }).catch(() => void 0);
    unwatch?.();
  };
  const openPartial = () => {
    if (fd !== null) return fd;
    unwatch ??= removeOnSignal(temp);
    try {
      fd = openSync(temp, "w+");
    } catch (err) {
      unwatch();
      unwatch = null;
      throw cannotWrite(path, err);
    }
    made = true;
    return fd;
  };
  return {
    fd: openPartial,
    async commit() {
      try {
        if (!made) openPartial();
        close();
        await rename(temp, path);
        unwatch?.();
      } catch (err) {
        await abort();
        throw err instanceof UserError ? err : cannotWrite(path, err);
      }
    },
    abort
  };
}

export {
  readFileReusing,
  fileSize,
  readChunks,
  readText,
  readBytes,
  writeOutput,
  cannotWrite,
  openOutputFile
};
