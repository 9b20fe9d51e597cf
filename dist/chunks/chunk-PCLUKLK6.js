import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  fileSize,
  readBytes,
  readChunks,
  readFileReusing
} from "./chunk-ZELLUOP7.js";
import {
  createResultParser
} from "./chunk-Y4YGWCHI.js";
import {
  RESULTS_SCHEMA
} from "./chunk-2YY3UAUW.js";

// src/core/results/results-json.ts
var indent = (json, by) => json.replace(/\n/g, `
${by}`);
var WRAP_HEAD = '{\n  "tests": [\n';
var WRAP_TAIL = "\n  ]\n}";
var BATCH = 512;
var ResultsJsonText = class {
  texts = [];
  pending = [];
  /** A finished test (a ParseOptions.onTest). */
  add(test) {
    this.pending.push(test);
    if (this.pending.length === BATCH) this.flush();
  }
  /** Forget the tests added so far (the input is being read again). */
  reset() {
    this.texts.length = 0;
    this.pending = [];
  }
  flush() {
    if (this.pending.length === 0) return;
    const json = JSON.stringify({ tests: this.pending }, null, 2);
    this.texts.push(json.slice(WRAP_HEAD.length, json.length - WRAP_TAIL.length));
    this.pending = [];
  }
  /**
   * The document in pieces, to write one after another: never one string, since a big run's
   * JSON can pass the longest string V8 makes.
   */
  *pieces(summary) {
    this.flush();
    yield `{
  "schema": ${JSON.stringify(RESULTS_SCHEMA)},
  "format": ${JSON.stringify(summary.format)},
  "tests": [`;
    for (let i = 0; i < this.texts.length; i++) yield `${i ? ",\n" : "\n"}${this.texts[i]}`;
    yield this.texts.length ? "\n  ]" : "]";
    yield `,
  "counts": ${indent(JSON.stringify(summary.counts, null, 2), "  ")},
  "start": ${JSON.stringify(summary.start)},
  "stop": ${JSON.stringify(summary.stop)},
  "damage": ${indent(JSON.stringify(summary.damage, null, 2), "  ")}
}
`;
  }
};

// src/edges/crc-check.ts
import { Worker } from "node:worker_threads";
function crcWorkerMain() {
  const threads = process.getBuiltinModule("node:worker_threads");
  const parentPort = threads.parentPort;
  const { openSync, readSync, closeSync } = process.getBuiltinModule("node:fs");
  const { crc32 } = process.getBuiltinModule("node:zlib");
  const { path, chunkSize } = threads.workerData;
  const verdict = (clean, packets2, reason) => parentPort.postMessage({ clean, packets: packets2, reason });
  let fd;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    verdict(false, 0, String(err));
    return;
  }
  const chunk = new Uint8Array(chunkSize);
  let carry = new Uint8Array(1 << 17);
  let carryLen = 0;
  let carryNeed = 0;
  let packets = 0;
  let offset = 0;
  const header = (buf, p) => {
    const b0 = buf[p + 3];
    if ((b0 & 192) === 192) return "4-byte packet length";
    const size = (b0 & 192) === 0 ? 1 : (b0 & 192) === 64 ? 2 : 3;
    let length = b0 & 63;
    for (let i = 1; i < size; i++) length = length * 256 + buf[p + 3 + i];
    return length < 10 ? `packet length ${length}` : length;
  };
  const crcOk = (buf, p, length) => {
    const end = p + length;
    const stored = (buf[end - 4] << 24 | buf[end - 3] << 16 | buf[end - 2] << 8 | buf[end - 1]) >>> 0;
    return crc32(buf.subarray(p, end - 4)) >>> 0 === stored;
  };
  const gather = (data, from, count) => {
    if (carryLen + count > carry.length) {
      const bigger = new Uint8Array(Math.max(carry.length * 2, carryLen + count));
      bigger.set(carry.subarray(0, carryLen));
      carry = bigger;
    }
    carry.set(data.subarray(from, from + count), carryLen);
    carryLen += count;
  };
  try {
    for (; ; ) {
      const n = readSync(fd, chunk, 0, chunkSize, null);
      if (n === 0) break;
      let p = 0;
      if (carryLen > 0) {
        const start = offset - carryLen;
        if (carryNeed === 0) {
          const take = Math.min(6 - carryLen, n);
          gather(chunk, 0, take);
          p = take;
          if (carryLen >= 6) {
            const h = header(carry, 0);
            if (typeof h === "string") return verdict(false, packets, `byte ${start}: ${h}`);
            carryNeed = h;
          }
        }
        if (carryNeed > 0) {
          const take = Math.min(carryNeed - carryLen, n - p);
          gather(chunk, p, take);
          p += take;
          if (carryLen === carryNeed) {
            if (!crcOk(carry, 0, carryNeed)) return verdict(false, packets, `byte ${start}: bad CRC`);
            packets++;
            carryLen = carryNeed = 0;
          }
        }
      }
      while (p < n) {
        if (chunk[p] !== 179) return verdict(false, packets, `byte ${offset + p} is not a packet signature`);
        if (n - p < 6) {
          gather(chunk, p, n - p);
          break;
        }
        const h = header(chunk, p);
        if (typeof h === "string") return verdict(false, packets, `byte ${offset + p}: ${h}`);
        if (n - p < h) {
          carryNeed = h;
          gather(chunk, p, n - p);
          break;
        }
        if (!crcOk(chunk, p, h)) return verdict(false, packets, `byte ${offset + p}: bad CRC`);
        packets++;
        p += h;
      }
      offset += n;
    }
    if (carryLen) return verdict(false, packets, `byte ${offset - carryLen}: the last packet is cut short`);
    verdict(true, packets);
  } catch (err) {
    verdict(false, packets, String(err));
  } finally {
    closeSync(fd);
  }
}
function startCrcCheck(path, chunkSize = 1 << 20) {
  const worker = new Worker(`(${crcWorkerMain.toString()})()`, { eval: true, workerData: { path, chunkSize } });
  const verdict = new Promise((resolve) => {
    worker.once("message", (v) => {
      resolve(v);
      void worker.terminate();
    });
    worker.once("error", (err) => resolve({ clean: false, packets: 0, reason: String(err) }));
    worker.once("exit", () => resolve({ clean: false, packets: 0, reason: "the check stopped" }));
  });
  return { verdict, cancel: () => void worker.terminate() };
}

// src/stages/results.ts
function damageLine(file, results) {
  const first = results.damage[0];
  if (!first) return null;
  const more = results.damage.length > 1 ? ` (and ${results.damage.length - 1} more damaged regions)` : "";
  const where = first.line !== void 0 ? `line ${first.line}, byte ${first.offset}` : `byte ${first.offset}`;
  const kept = "total" in results ? results.total : results.tests.length;
  return `${file}: ${where}: ${first.message}${more}; kept ${kept} tests`;
}
var CRC_WORKER_MIN_BYTES = 16 << 20;
async function readWith(path, stdin, given, finish) {
  const options = { ...given, source: path === "-" ? "<stdin>" : path };
  if (path === "-") {
    const parser2 = createResultParser(options);
    for await (const chunk of readChunks(path, stdin)) parser2.push(chunk);
    return finish(parser2);
  }
  const check = await fileSize(path) >= (options.crcWorkerMinBytes ?? CRC_WORKER_MIN_BYTES) && options.format !== "subunit-v1" && options.format !== "junit" ? startCrcCheck(path) : void 0;
  try {
    options.beforePass?.();
    const parser2 = createResultParser({ ...options, trustCrc: check !== void 0 });
    await readFileReusing(path, (chunk) => parser2.push(chunk, true));
    const result = finish(parser2);
    if (!check || parser2.format !== "subunit-v2" || (await check.verdict).clean) return result;
  } finally {
    check?.cancel();
  }
  options.beforePass?.();
  const parser = createResultParser(options);
  await readFileReusing(path, (chunk) => parser.push(chunk, true));
  return finish(parser);
}
async function parseFile(path, stdin, attachments, options = {}) {
  return readWith(path, stdin, { ...options, attachments }, (p) => p.end());
}
async function summarizeFile(path, stdin, attachments, options = {}) {
  return readWith(path, stdin, { ...options, attachments, summaryOnly: true }, (p) => p.endSummary());
}
async function resultsJsonFile(path, stdin, attachments, options = {}) {
  const json = new ResultsJsonText();
  const summary = await readWith(
    path,
    stdin,
    { ...options, attachments, streamOnly: true, onTest: (t) => json.add(t), beforePass: () => json.reset() },
    (p) => p.endSummary()
  );
  return { summary, pieces: json.pieces(summary) };
}
async function loadRuns(files, stdin) {
  const runs = [];
  const damage = [];
  for (const file of files) {
    const shown = file === "-" ? "<stdin>" : file;
    const results = file !== "-" && /\.json$/i.test(file) ? (await import("./baseline-44WH2FGB.js")).resultsFromBytes(await readBytes(file), file) : await parseFile(file, stdin, { keep: "failures", capBytes: 64 * 1024 });
    const line = damageLine(shown, results);
    if (line) damage.push(line);
    runs.push(results);
  }
  return { runs, damage };
}

export {
  damageLine,
  parseFile,
  summarizeFile,
  resultsJsonFile,
  loadRuns
};
