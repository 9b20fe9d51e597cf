import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  createResultParser,
  writeJUnit
} from "./chunk-NVPQEUFB.js";
import {
  fileSize,
  readChunks,
  readFileReusing,
  writeOutput
} from "./chunk-ZELLUOP7.js";
import {
  flag,
  str
} from "./chunk-FLRDIUCQ.js";
import {
  RESULTS_SCHEMA
} from "./chunk-F64MU34C.js";
import {
  EXIT,
  usageError
} from "./chunk-XOD6W3JI.js";

// src/core/render/results-text.ts
function seconds(s) {
  if (s === null) return "?";
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}
function problem(t) {
  const label = t.status === "fail" ? "FAIL" : t.status === "uxsuccess" ? "UNEXPECTED SUCCESS" : t.status.toUpperCase();
  const out = [`${label} ${t.id} (${seconds(t.duration)})`];
  const detail = t.attachments.find((a) => a.name === "traceback") ?? t.attachments.find((a) => a.name === "reason");
  if (detail && detail.text) {
    const lines = detail.text.replace(/\s+$/, "").split("\n");
    out.push(...lines.slice(-6).map((l) => `    ${l}`));
  }
  return out;
}
function renderResultsText(summary, options) {
  const { counts, workers, problems } = summary;
  const span = summary.start && summary.stop ? (Date.parse(summary.stop) - Date.parse(summary.start)) / 1e3 : null;
  const lines = [];
  lines.push(
    `${options.source}: ${summary.format}, ${summary.total} tests` + (span !== null ? ` in ${seconds(span)}` : "") + (workers ? ` on ${workers} worker${workers === 1 ? "" : "s"}` : "")
  );
  const parts = [
    `${counts.success} passed`,
    `${counts.fail} failed`,
    `${counts.skip} skipped`,
    counts.xfail ? `${counts.xfail} expected failures` : "",
    counts.uxsuccess ? `${counts.uxsuccess} unexpected successes` : "",
    counts.inprogress + counts.unknown ? `${counts.inprogress + counts.unknown} never finished` : "",
    counts.exists ? `${counts.exists} listed only` : ""
  ].filter(Boolean);
  lines.push(`  ${parts.join(", ")}`);
  const max = options.maxProblems ?? 20;
  for (const t of problems.slice(0, max)) lines.push(...problem(t));
  if (problems.length > max) lines.push(`\u2026 and ${problems.length - max} more`);
  for (const d of summary.damage.slice(0, 10)) lines.push(`DAMAGED at byte ${d.offset}${d.line ? ` (line ${d.line})` : ""}: ${d.message}`);
  if (summary.damage.length > 10) lines.push(`\u2026 and ${summary.damage.length - 10} more damaged regions`);
  return `${lines.join("\n")}
`;
}

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
  const { parentPort, workerData } = process.getBuiltinModule("node:worker_threads");
  const { openSync, readSync, closeSync } = process.getBuiltinModule("node:fs");
  const { crc32 } = process.getBuiltinModule("node:zlib");
  const { path, chunkSize } = workerData;
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

// src/cli/commands/parse.ts
var FORMATS = ["json", "junit", "text"];
var INPUT_FORMATS = ["subunit-v2", "subunit-v1", "junit"];
function damageLine(file, results) {
  const first = results.damage[0];
  if (!first) return null;
  const more = results.damage.length > 1 ? ` (and ${results.damage.length - 1} more damaged regions)` : "";
  const where = first.line !== void 0 ? `line ${first.line}, byte ${first.offset}` : `byte ${first.offset}`;
  const kept = "total" in results ? results.total : results.tests.length;
  return `${file}: ${where}: ${first.message}${more}; kept ${kept} tests`;
}
var CRC_WORKER_MIN_BYTES = 16 << 20;
async function readWith(path, stdin, options, finish) {
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
  const summary = await readWith(path, stdin, { ...options, attachments, streamOnly: true, onTest: (t) => json.add(t), beforePass: () => json.reset() }, (p) => p.endSummary());
  return { summary, pieces: json.pieces(summary) };
}
var parseCommand = {
  name: "parse",
  summary: "Read a subunit v2, subunit v1 or JUnit XML result file and summarise or convert it.",
  usage: "<file|-> [--to json|junit|text] [--from FORMAT] [--output FILE]",
  allowPositionals: true,
  options: {
    to: { type: "string" },
    from: { type: "string" },
    output: { type: "string", short: "o" },
    attachments: { type: "string" },
    "attachment-cap": { type: "string" }
  },
  help: `Arguments:
  <file|->                 the result file; '-' reads standard input. The format is detected:
                           subunit v2 (binary), subunit v1 (text, as .stestr/N keeps it), JUnit XML.
Options:
      --to FORMAT          json (the documented results shape, docs/results-json.md), junit
                           (JUnit XML as Debian's subunit2junitxml writes it) or text
                           (default: text, or json with --json)
      --from FORMAT        read the input as subunit-v2, subunit-v1 or junit instead of detecting it
  -o, --output FILE        write the output to FILE instead of standard output
      --attachments WHICH  whose attachment text to keep: failures (default), all, none
      --attachment-cap N   bytes kept per attachment (default 1048576); the rest is counted
Exit codes:
  0  read the whole input (failing tests do not change this)
  2  usage error
  3  the input was damaged or unreadable: what was good is still written, and one line on
     standard error names the file and the place of the first damage (line and byte offset
     for subunit v1 and JUnit XML, byte offset for subunit v2)`,
  async run(args, io) {
    const [file, ...extra] = args.positionals;
    if (file === void 0) throw usageError("missing <file|-> (see --help)");
    if (extra.length) throw usageError(`unexpected argument '${extra[0]}'`);
    const to = str(args, "to") ?? (flag(args, "json") ? "json" : "text");
    if (!FORMATS.includes(to)) throw usageError(`--to must be one of ${FORMATS.join(", ")}, not '${to}'`);
    const from = str(args, "from");
    const inputFormat = INPUT_FORMATS.find((f) => f === from);
    if (from !== void 0 && inputFormat === void 0) throw usageError(`--from must be one of ${INPUT_FORMATS.join(", ")}, not '${from}'`);
    const keep = str(args, "attachments") ?? "failures";
    if (keep !== "all" && keep !== "failures" && keep !== "none") throw usageError(`--attachments must be all, failures or none, not '${keep}'`);
    const capText = str(args, "attachment-cap") ?? "1048576";
    const cap = Number(capText);
    if (!Number.isInteger(cap) || cap < 0) throw usageError(`--attachment-cap must be a whole number of bytes, not '${capText}'`);
    const source = file === "-" ? "<stdin>" : file;
    let out;
    let results;
    if (to === "text") {
      results = await summarizeFile(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat });
      out = renderResultsText(results, { source });
    } else if (to === "json") {
      const json = await resultsJsonFile(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat });
      results = json.summary;
      out = json.pieces;
    } else {
      results = await parseFile(file, io.stdin, { keep, capBytes: cap }, { format: inputFormat });
      out = writeJUnit(results);
    }
    const output = str(args, "output");
    if (output) await writeOutput(output, out);
    else if (typeof out === "string") io.stdout.write(out);
    else for (const piece of out) io.stdout.write(piece);
    const damage = damageLine(source, results);
    if (damage) {
      io.stderr.write(`tempest-gate parse: ${damage}
`);
      return EXIT.badInput;
    }
    return EXIT.ok;
  }
};

export {
  renderResultsText,
  damageLine,
  parseFile,
  summarizeFile,
  resultsJsonFile,
  parseCommand
};
