import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  cannotWrite,
  fileSize,
  openOutputFile,
  readBytes,
  readChunks,
  readFileReusing
} from "./chunk-P2FODZ67.js";
import {
  JUnitWriter,
  crc32Short,
  crc32Table,
  createResultParser,
  packetCrc
} from "./chunk-MBFZYV6M.js";
import {
  RESULTS_SCHEMA
} from "./chunk-AOIPOV6R.js";
import {
  EXIT,
  UserError
} from "./chunk-MY7TWMR2.js";

// src/core/results/results-json.ts
var indent = (json, by) => json.replace(/\n/g, `
${by}`);
var WRAP_HEAD = '{\n  "tests": [\n';
var WRAP_TAIL = "\n  ]\n}";
var PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
var str = (s) => PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
var num = (n) => Number.isFinite(n) ? String(n) : "null";
var plainOrNull = (s) => s === null ? "null" : `"${s}"`;
function stringList(list) {
  if (list.length === 0) return "[]";
  let out = `[
        ${str(list[0])}`;
  for (let i = 1; i < list.length; i++) out += `,
        ${str(list[i])}`;
  return `${out}
      ]`;
}
var listOfOne = (s) => stringList([s]);
var REMEMBERED_MAX = 1024;
function remembered(map, key, make) {
  let text = map.get(key);
  if (text === void 0) {
    text = make(key);
    if (map.size >= REMEMBERED_MAX) map.clear();
    map.set(key, text);
  }
  return text;
}
var RecordText = class {
  /** Strings as JSON, by string. */
  quotes = /* @__PURE__ */ new Map();
  /** Lists of one string (a worker's tag, the attribute `smoke`), by that string. */
  lists = /* @__PURE__ */ new Map();
  /** The last list of one attachment without text made for each attachment name, with that attachment. */
  emptyLists = /* @__PURE__ */ new Map();
  lastDuration = Number.NaN;
  lastDurationText = "null";
  str(s) {
    return remembered(this.quotes, s, str);
  }
  strOrNull(s) {
    return s === null ? "null" : this.str(s);
  }
  /** A record's list of tags or attributes; a list of one string is made once per string. */
  list(list) {
    return list.length === 1 ? remembered(this.lists, list[0], listOfOne) : stringList(list);
  }
  duration(d) {
    if (d === null) return "null";
    if (d !== this.lastDuration) {
      this.lastDuration = d;
      this.lastDurationText = num(d);
    }
    return this.lastDurationText;
  }
  attachments(list) {
    if (list.length === 0) return "[]";
    if (list.length === 1 && list[0].text === "") return this.emptyAttachment(list[0]);
    return this.attachmentList(list);
  }
  /** The list of one attachment without text, by that attachment's name (a run has a handful). */
  emptyAttachment(a) {
    const last = this.emptyLists.get(a.name);
    if (last !== void 0 && last.a.size === a.size && last.a.truncatedBytes === a.truncatedBytes && last.a.contentType === a.contentType) return last.text;
    const text = this.attachmentList([a]);
    if (this.emptyLists.size >= REMEMBERED_MAX) this.emptyLists.clear();
    this.emptyLists.set(a.name, { a, text });
    return text;
  }
  attachmentList(list) {
    let out = "[";
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      out += `${i ? "," : ""}
        {
          "name": ${this.str(a.name)},
          "contentType": ${this.str(a.contentType)},
          "size": ${num(a.size)},
          "truncatedBytes": ${num(a.truncatedBytes)},
          "text": ${str(a.text)}
        }`;
    }
    return `${out}
      ]`;
  }
  /**
   * One record as it stands in the document's "tests" list: what JSON.stringify writes for it,
   * by hand, since the engine's stringify with an indent is several times slower. Only for records
   * with TestRecord's fields in its order (`FinishedTest.shaped`); anything else goes through
   * JSON.stringify itself.
   */
  record(t) {
    const e = PLAIN.test(t.id) ? same : escapedInner;
    return `    {
      "id": "${e(t.id)}",
      "name": "${e(t.name)}",
      "className": "${e(t.className)}",
      "method": "${e(t.method)}",
      "attrs": ${this.list(t.attrs)},
      "idempotentId": ${plainOrNull(t.idempotentId)},
      "status": "${t.status}",
      "tags": ${this.list(t.tags)},
      "start": ${plainOrNull(t.start)},
      "stop": ${plainOrNull(t.stop)},
      "duration": ${this.duration(t.duration)},
      "worker": ${this.strOrNull(t.worker)},
      "routeCode": ${this.strOrNull(t.routeCode)},
      "attachments": ${this.attachments(t.attachments)}
    }`;
  }
};
var same = (s) => s;
var escapedInner = (s) => JSON.stringify(s).slice(1, -1);
function anyRecordJson(t) {
  const json = JSON.stringify({ tests: [t] }, null, 2);
  return json.slice(WRAP_HEAD.length, json.length - WRAP_TAIL.length);
}
var ResultsJsonWriter = class {
  count = 0;
  records = new RecordText();
  /** The text of a finished test (a ParseOptions.onFinished), its separator included. */
  add(test) {
    const record = test.record();
    const text = test.shaped ? this.records.record(record) : anyRecordJson(record);
    return this.count++ === 0 ? `
${text}` : `,
${text}`;
  }
  /** Forget the tests added so far (the input is being read again). */
  reset() {
    this.count = 0;
  }
  head(format) {
    return `{
  "schema": ${JSON.stringify(RESULTS_SCHEMA)},
  "format": ${JSON.stringify(format)},
  "tests": [`;
  }
  tail(summary) {
    return `${this.count ? "\n  ]" : "]"},
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
  const { openSync: openSync2, readSync: readSync2, closeSync: closeSync2 } = process.getBuiltinModule("node:fs");
  const { crc32 } = process.getBuiltinModule("node:zlib");
  const { path, chunkSize } = threads.workerData;
  const verdict = (clean, packets2, reason) => parentPort.postMessage({ clean, packets: packets2, reason });
  let fd;
  try {
    fd = openSync2(path, "r");
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
  const table = crc32Table();
  const crcOk = (buf, p, length) => {
    const end = p + length;
    const stored = (buf[end - 4] << 24 | buf[end - 3] << 16 | buf[end - 2] << 8 | buf[end - 1]) >>> 0;
    return packetCrc(table, crc32, buf, p, end - 4) === stored;
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
      const n = readSync2(fd, chunk, 0, chunkSize, null);
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
    closeSync2(fd);
  }
}
function startCrcCheck(path, chunkSize = 1 << 20) {
  const source = [crc32Table, crc32Short, packetCrc].map(String).join("\n") + `
(${crcWorkerMain.toString()})()`;
  const worker = new Worker(source, { eval: true, workerData: { path, chunkSize } });
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

// src/edges/spool.ts
import { closeSync, ftruncateSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var BUFFER_BYTES = 1 << 20;
var PENDING_UNITS = 1 << 14;
var Spool = class _Spool {
  buf = Buffer.allocUnsafe(BUFFER_BYTES);
  used = 0;
  held = [];
  heldBytes = 0;
  fd = null;
  fileBytes = 0;
  memoryLimit;
  /** Text not yet encoded: short pieces joined (a rope, no copy), encoded together. */
  pending = "";
  /** An output file this spool writes straight to (`onto`): errors name it. */
  outputPath = null;
  /** Writes go at explicit offsets (not: an output written straight, until it is reset). */
  seek = true;
  /** `memoryLimit`: bytes kept in memory before the spool moves to a temporary file (tests lower it). */
  constructor(memoryLimit = 4 << 20) {
    this.memoryLimit = memoryLimit;
  }
  /**
   * A spool that is the output itself: text goes straight to `fd` (the output file `path`, which
   * the caller opened and will close) in buffers of 1 MiB, and `reset()` empties that file. For a
   * document whose head is known before its first test (results JSON): nothing is read back.
   * `finish()` writes out what is pending; such a spool is not drained.
   */
  static onto(fd, path) {
    const spool = new _Spool(0);
    spool.fd = fd;
    spool.outputPath = path;
    spool.seek = false;
    return spool;
  }
  /** Write out what is pending (a spool `onto` an output: the document is then all in its file). */
  finish() {
    this.encodePending();
    this.flush();
  }
  write(text) {
    this.pending += text;
    if (this.pending.length >= PENDING_UNITS) this.encodePending();
  }
  encodePending() {
    const text = this.pending;
    this.pending = "";
    if (text.length === 0) return;
    if (this.used + text.length * 3 > this.buf.length) {
      this.flush();
      if (text.length * 3 > this.buf.length) {
        this.keep(Buffer.from(text, "utf8"));
        return;
      }
    }
    this.used += this.buf.write(text, this.used, "utf8");
  }
  /** Drop everything written so far. */
  reset() {
    this.pending = "";
    this.used = 0;
    this.held.length = 0;
    this.heldBytes = 0;
    if (this.fd !== null) ftruncateSync(this.fd, 0);
    this.fileBytes = 0;
    this.seek = true;
  }
  /** Bytes written so far. */
  get size() {
    this.encodePending();
    return this.heldBytes + this.fileBytes + this.used;
  }
  /** Whether the spool has moved to a temporary file. */
  get onDisk() {
    this.encodePending();
    return this.fd !== null;
  }
  flush() {
    if (this.used === 0) return;
    if (this.fd !== null) {
      this.append(this.buf.subarray(0, this.used));
      this.used = 0;
      return;
    }
    const full = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(BUFFER_BYTES);
    this.used = 0;
    this.keep(full);
  }
  keep(bytes) {
    if (this.fd === null && this.heldBytes + bytes.length <= this.memoryLimit) {
      this.held.push(bytes);
      this.heldBytes += bytes.length;
      return;
    }
    if (this.fd === null) this.fd = openTemp();
    for (const b of this.held.splice(0)) this.append(b);
    this.heldBytes = 0;
    this.append(bytes);
  }
  append(bytes) {
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.seek ? this.fileBytes + done : null);
    } catch (err) {
      if (this.outputPath !== null) throw cannotWrite(this.outputPath, err);
      throw spoolError("cannot write the temporary file that holds the output", err);
    }
    this.fileBytes += bytes.length;
  }
  /**
   * Everything written, in order, then the spool is closed (its file, if any, is gone). With
   * `reuse`, the bytes read back from the file come in one buffer used again for each chunk: a
   * chunk is then valid only until the next is asked for (a consumer that writes each one before
   * it asks again, as fs.writeFile does). Without, each chunk is fresh memory (the consumer may
   * keep it, as a stream's queue does), which the collector frees only tens of megabytes later.
   */
  *drain(reuse = false, chunkSize = 1 << 20) {
    this.encodePending();
    this.flush();
    try {
      yield* this.held;
      if (this.fd === null) return;
      let position = 0;
      let buf = reuse ? Buffer.allocUnsafe(chunkSize) : null;
      while (position < this.fileBytes) {
        const want = Math.min(chunkSize, this.fileBytes - position);
        buf = reuse && buf !== null ? buf : Buffer.allocUnsafe(want);
        const n = readSync(this.fd, buf, 0, want, position);
        if (n === 0) break;
        position += n;
        yield n === buf.length ? buf : buf.subarray(0, n);
        if (!reuse) buf = null;
      }
    } finally {
      this.close();
    }
  }
  close() {
    this.pending = "";
    if (this.fd !== null && this.outputPath === null) closeSync(this.fd);
    this.fd = null;
    this.held.length = 0;
    this.heldBytes = this.fileBytes = this.used = 0;
  }
};
function openTemp() {
  let dir;
  try {
    dir = mkdtempSync(join(tmpdir(), "tempest-gate-spool-"));
  } catch (err) {
    throw spoolError("cannot make a temporary file to hold the output", err);
  }
  try {
    return openSync(join(dir, "out"), "w+");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
function spoolError(what, err) {
  return new UserError(`${what}: ${err.message}`, { place: { file: tmpdir() }, cause: err, exitCode: EXIT.infra });
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
  const json = new ResultsJsonWriter();
  const spool = new Spool(options.spoolMemoryBytes);
  const summary = await spooling(
    spool,
    () => readWith(
      path,
      stdin,
      {
        ...options,
        attachments,
        streamOnly: true,
        onFinished: (t) => spool.write(json.add(t)),
        beforePass: () => {
          json.reset();
          spool.reset();
        }
      },
      (p) => p.endSummary()
    )
  );
  return documentOf(summary, json.head(summary.format), spool, json.tail(summary));
}
async function writeResultsJsonFile(path, stdin, attachments, options, output) {
  const out = await openOutputFile(output);
  if (out === null) return null;
  try {
    const json = new ResultsJsonWriter();
    let spool = null;
    let headed = false;
    const head = (format) => {
      spool ??= Spool.onto(out.fd(), output);
      spool.write(json.head(format));
      headed = true;
    };
    const summary = await readWith(
      path,
      stdin,
      {
        ...options,
        attachments,
        streamOnly: true,
        onFormat: head,
        onFinished: (t) => spool.write(json.add(t)),
        beforePass: () => {
          json.reset();
          spool?.reset();
          headed = false;
        }
      },
      (p) => p.endSummary()
    );
    if (!headed) head(summary.format);
    spool.write(json.tail(summary));
    spool.finish();
    await out.commit();
    return summary;
  } catch (err) {
    await out.abort();
    throw err;
  }
}
async function junitFile(path, stdin, attachments, options = {}) {
  let junit = new JUnitWriter();
  const spool = new Spool(options.spoolMemoryBytes);
  const summary = await spooling(
    spool,
    () => readWith(
      path,
      stdin,
      {
        ...options,
        attachments,
        streamOnly: true,
        onFinished: (t) => spool.write(junit.add(t)),
        beforePass: () => {
          junit = new JUnitWriter();
          spool.reset();
        }
      },
      (p) => p.endSummary()
    )
  );
  return documentOf(summary, junit.head(), spool, junit.tail());
}
async function spooling(spool, read) {
  try {
    return await read();
  } catch (err) {
    spool.close();
    throw err;
  }
}
function documentOf(summary, head, spool, tail) {
  function* pieces(reuse) {
    yield head;
    yield* spool.drain(reuse);
    yield tail;
  }
  return { summary, pieces: { [Symbol.iterator]: () => pieces(false) }, transientPieces: { [Symbol.iterator]: () => pieces(true) } };
}
async function loadRuns(files, stdin) {
  const runs = [];
  const damage = [];
  for (const file of files) {
    const shown = file === "-" ? "<stdin>" : file;
    const results = file !== "-" && /\.json$/i.test(file) ? (await import("./baseline-KKLWNTJZ.js")).resultsFromBytes(await readBytes(file), file) : await parseFile(file, stdin, { keep: "failures", capBytes: 64 * 1024 });
    const line = damageLine(shown, results);
    if (line) damage.push(line);
    runs.push(results);
  }
  return { runs, damage };
}
async function summarizeRunFiles(files, stdin, options = {}) {
  const { RunSummarizer, knownTests } = await import("./baseline-KKLWNTJZ.js");
  const each = {
    interop: options.interop,
    known: options.known !== void 0 && options.known.length > 0 ? knownTests(options.known) ?? void 0 : void 0
  };
  const all = new RunSummarizer(each);
  const damage = [];
  for (const file of files) {
    const shown = file === "-" ? "<stdin>" : file;
    let one = new RunSummarizer(each);
    let read;
    if (file !== "-" && /\.json$/i.test(file)) {
      read = (await import("./baseline-KKLWNTJZ.js")).resultsFromBytes(await readBytes(file), file);
      for (const rec of read.tests) one.add(rec);
    } else {
      read = await readWith(
        file,
        stdin,
        {
          attachments: { keep: "failures", capBytes: 64 * 1024 },
          crcWorkerMinBytes: options.crcWorkerMinBytes,
          streamOnly: true,
          onFinished: (t) => one.addFinished(t),
          // A second pass (the CRC worker found damage) starts this file's tally again.
          beforePass: () => {
            one = new RunSummarizer(each);
          }
        },
        (p) => p.endSummary()
      );
    }
    one.startRun();
    const line = damageLine(shown, read);
    if (line) damage.push(line);
    if (files.length === 1) return { summary: one.summary({ context: options.context }), ran: one.ranTests(), damage };
    all.absorb(one);
  }
  return { summary: all.summary({ context: options.context }), ran: all.ranTests(), damage };
}

export {
  damageLine,
  summarizeFile,
  resultsJsonFile,
  writeResultsJsonFile,
  junitFile,
  loadRuns,
  summarizeRunFiles
};
