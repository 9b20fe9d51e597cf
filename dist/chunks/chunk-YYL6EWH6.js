import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  shJoin,
  shQuote
} from "./chunk-VMDJOGCR.js";
import {
  compileFilter,
  compileListFile,
  constructList
} from "./chunk-6Z2THX75.js";
import {
  CONTROLLER_SHARED_PATHS,
  DISCOVER_HOSTS_COMMAND,
  STACK_DONE,
  STACK_FAILED,
  badAnswer,
  defaultSleep,
  loadProvisionState,
  openSession,
  require_lib
} from "./chunk-ER65E557.js";
import {
  maskSecrets,
  secretValues
} from "./chunk-FYXSTOGF.js";
import {
  RE2JS
} from "./chunk-X4FZVZJY.js";
import {
  SECRETS_PATH
} from "./chunk-BRVH2MLK.js";
import {
  readBytes,
  readText
} from "./chunk-P2FODZ67.js";
import {
  baselineFromBytes,
  isJsonDocument
} from "./chunk-6K5OT3X4.js";
import {
  createResultParser,
  parseResults
} from "./chunk-MBFZYV6M.js";
import {
  FAILING_STATUSES,
  isListing,
  makeRunResults,
  namesThatRan,
  parseTestId
} from "./chunk-AOIPOV6R.js";
import {
  EXIT,
  UserError,
  usageError
} from "./chunk-MY7TWMR2.js";
import {
  __toESM
} from "./chunk-NQJFE2ZZ.js";

// src/core/run/plan.ts
var DEFAULT_READY = {
  done: STACK_DONE,
  failed: STACK_FAILED,
  log: "/var/log/tempest-gate-stack.log"
};
function asWorkspaceUser(plan, command) {
  return plan.runAs === null ? command : `sudo -n -u ${shQuote(plan.runAs)} -H sh -c ${shQuote(command)}`;
}
function asRoot(command, viaSudo) {
  return viaSudo ? `sudo -n sh -c ${shQuote(command)}` : command;
}
function installFileCommand(path, mode) {
  const slash = path.lastIndexOf("/");
  const dir = slash > 0 ? path.slice(0, slash) : ".";
  const octal = (mode & 4095).toString(8).padStart(4, "0");
  return `umask 077 && mkdir -p ${shQuote(dir)} && cat > ${shQuote(path)} && chmod ${octal} ${shQuote(path)}`;
}
function defaultPlanOptions(workspace) {
  return {
    workspace,
    stateDir: `${workspace}/tempest-gate`,
    runCommand: ["tempest", "run"],
    baseConfig: `${workspace}/etc/tempest.conf`,
    python: "python3",
    passConfigFile: true,
    runAs: null
  };
}
function stepFiles(plan, index) {
  const base = `${plan.stateDir}/step${index}`;
  return {
    include: `${base}.include.txt`,
    workers: `${base}.workers.yaml`,
    exclude: `${base}.exclude.txt`,
    stream: `${base}.subunit`,
    stderr: `${base}.stderr.log`,
    pid: `${base}.pid`,
    rc: `${base}.rc`,
    stestrId: `${base}.stestr-id`
  };
}
function configPath(plan) {
  return `${plan.stateDir}/tempest.conf`;
}
function readyProbeCommand(markers) {
  return [...probeAssignments(markers), `echo "failed=$f done=$d cloudinit=$c"`].join("; ");
}
function probeAssignments(markers) {
  return [
    `f=0; d=0; c=absent`,
    `[ -e ${shQuote(markers.failed)} ] && f=1`,
    `[ -e ${shQuote(markers.done)} ] && d=1`,
    // `cloud-init status` prints "status: running|done|error|disabled".
    `if command -v cloud-init >/dev/null 2>&1; then c=$(cloud-init status 2>/dev/null | sed -n 's/^status: *//p' | head -n 1); [ -n "$c" ] || c=unknown; fi`
  ];
}
function readyThenCommand(markers, then) {
  return [
    ...probeAssignments(markers),
    `echo "failed=$f done=$d cloudinit=$c"`,
    `if [ "$f" = 0 ] && [ "$d" = 1 ] && [ "$c" != error ]; then (${then}) && echo "then=0" || echo "then=$?"; fi`
  ].join("; ");
}
function thenStatus(output) {
  const m = /^then=(\d+)$/m.exec(output);
  return m ? Number(m[1]) : null;
}
function readinessFromProbe(output) {
  const m = /failed=([01]) done=([01]) cloudinit=(\S*)/.exec(output);
  if (!m) return { state: "failed", reason: `readiness probe printed nothing usable: ${JSON.stringify(output.trim().slice(0, 200))}` };
  const [, failed, done, cloudInit] = m;
  if (failed === "1") return { state: "failed", reason: "devstack wrote its failure marker" };
  if (cloudInit === "error") return { state: "failed", reason: "cloud-init reports status: error" };
  if (done === "1") return { state: "ready" };
  return { state: "pending" };
}
function devstackErrorLine(tail) {
  const last = tail.split("\n").filter((l) => l.includes("[ERROR]")).at(-1);
  if (last === void 0) return null;
  const line = last.slice(last.indexOf("[ERROR]")).trim();
  return line.length > 300 ? `${line.slice(0, 300)}\u2026` : line;
}
function logTailCommand(path, lines, secretsFile) {
  const tail = `tail -n ${Math.max(1, Math.floor(lines))} ${shQuote(path)} 2>&1`;
  return secretsFile ? `(${tail} || true)${redactPipe(secretsFile)} || true` : `${tail} || true`;
}
function shareArchiveCommand(paths) {
  if (paths.length === 0) return `tar -czf - -T /dev/null`;
  const list = paths.map(shQuote).join(" ");
  return `for p in ${list}; do [ -e "$p" ] && printf '%s\\0' "$p"; done | tar -czf - --null -T -`;
}
function extractArchiveCommand(root = "/") {
  return `mkdir -p ${shQuote(root)} && tar -xzf - -C ${shQuote(root)}`;
}
function uploadManyCommand(files) {
  const dirs = [...new Set(files.map((f) => f.path.lastIndexOf("/") > 0 ? f.path.slice(0, f.path.lastIndexOf("/")) : "."))];
  const parts = [`mkdir -p ${dirs.map(shQuote).join(" ")}`];
  for (const f of files) parts.push(`head -c ${Math.max(0, Math.floor(f.bytes))} > ${shQuote(f.path)}`);
  return parts.join(" && ");
}
function uploadCommand(path) {
  const slash = path.lastIndexOf("/");
  const dir = slash > 0 ? path.slice(0, slash) : ".";
  return `mkdir -p ${shQuote(dir)} && cat > ${shQuote(path)}`;
}
var CONFIG_SCRIPT = [
  "import configparser, sys",
  "base, out, rest = sys.argv[1], sys.argv[2], sys.argv[3:]",
  "c = configparser.RawConfigParser()",
  "c.optionxform = str",
  "c.read(base)",
  "for i in range(0, len(rest), 3):",
  "    s, k, v = rest[i:i + 3]",
  "    if s != 'DEFAULT' and not c.has_section(s):",
  "        c.add_section(s)",
  "    c.set(s, k, v)",
  "with open(out, 'w') as f:",
  "    c.write(f)"
].join("\n");
function configCommand(plan, overrides) {
  const argv = [plan.python, "-c", CONFIG_SCRIPT, plan.baseConfig, configPath(plan)];
  for (const o of overrides) argv.push(o.section, o.key, o.value);
  return `mkdir -p ${shQuote(plan.stateDir)} && ${shJoin(argv)}`;
}
function environmentOverrides(options) {
  const n = Math.max(1, Math.floor(options.computeNodes));
  const out = [{ section: "compute", key: "min_compute_nodes", value: String(n) }];
  if (n < 2) {
    out.push({ section: "compute-feature-enabled", key: "live_migration", value: "False" });
    out.push({ section: "compute-feature-enabled", key: "cold_migration", value: "False" });
  }
  return out;
}
function stepArgv(plan, step, index) {
  const files = stepFiles(plan, index);
  const argv = [...plan.runCommand, "--subunit"];
  if (plan.passConfigFile) argv.push("--config-file", configPath(plan));
  if (step.serial) argv.push("--serial");
  else if (step.workers?.length) argv.push("--worker-file", files.workers);
  else argv.push("--concurrency", String(Math.max(1, Math.floor(step.concurrency))));
  if (step.include.length) argv.push("--include-list", files.include);
  if (step.exclude.length) argv.push("--exclude-list", files.exclude);
  return argv;
}
function startCommand(plan, step, index) {
  const files = stepFiles(plan, index);
  const inner = [`cd ${shQuote(plan.workspace)}`, `${shJoin(stepArgv(plan, step, index))} > ${shQuote(files.stream)} 2> ${shQuote(files.stderr)}`].join(" && ");
  const body = `${inner}; echo $? > ${shQuote(`${files.rc}.tmp`)}; mv ${shQuote(`${files.rc}.tmp`)} ${shQuote(files.rc)}`;
  const setup = [
    `mkdir -p ${shQuote(plan.stateDir)}`,
    `rm -f ${shQuote(files.stream)} ${shQuote(files.rc)} ${shQuote(files.pid)}`,
    `(cat ${shQuote(`${plan.workspace}/.stestr/next-stream`)} 2>/dev/null || echo 0) > ${shQuote(files.stestrId)}`,
    `: > ${shQuote(files.stream)}`
  ].join(" && ");
  return `${setup} || exit 1; setsid sh -c ${shQuote(body)} < /dev/null > /dev/null 2>&1 & echo $! > ${shQuote(files.pid)} || exit 1; ${followCommand(plan, index, 0)}`;
}
function followCommand(plan, index, offset) {
  const files = stepFiles(plan, index);
  return `tail -c +${Math.floor(offset) + 1} -s 0.2 --pid="$(cat ${shQuote(files.pid)})" -f ${shQuote(files.stream)}; { ${statusCommand(plan, index)}; } >&2`;
}
function statusCommand(plan, index) {
  const files = stepFiles(plan, index);
  return [
    `s=missing; r=-; z=0`,
    `[ -e ${shQuote(files.stream)} ] && z=$(wc -c < ${shQuote(files.stream)})`,
    `if [ -e ${shQuote(files.rc)} ]; then s=exited; r=$(cat ${shQuote(files.rc)}); elif [ -e ${shQuote(files.pid)} ] && kill -0 "$(cat ${shQuote(files.pid)})" 2>/dev/null; then s=running; elif [ -e ${shQuote(files.pid)} ]; then s=exited; fi`,
    `echo "state=$s rc=$r size=$z"`
  ].join("; ");
}
function statusLine(output) {
  const all = [...output.matchAll(/state=(running|exited|missing) rc=(-|\d+) size=\s*(\d+)/g)];
  const m = all.at(-1);
  if (!m) return null;
  return { state: m[1], rc: m[2] === "-" ? null : Number(m[2]), size: Number(m[3]) };
}
function statusFromOutput(output) {
  return statusLine(output) ?? { state: "missing", rc: null, size: 0 };
}
function cancelCommand(plan, index, graceSeconds = 10) {
  const pid = shQuote(stepFiles(plan, index).pid);
  return [
    `p=$(cat ${pid} 2>/dev/null) || exit 0`,
    `kill -TERM -- "-$p" 2>/dev/null`,
    `(sleep ${Math.max(0, Math.floor(graceSeconds))}; kill -KILL -- "-$p" 2>/dev/null) < /dev/null > /dev/null 2>&1 & exit 0`
  ].join("; ");
}
function stestrLastCommand(plan, index) {
  const files = stepFiles(plan, index);
  return [
    `cd ${shQuote(plan.workspace)}`,
    `id=$(cat ${shQuote(files.stestrId)})`,
    `next=$(cat .stestr/next-stream)`,
    `[ "$next" -eq $((id + 1)) ] || { echo "stestr's last run ($((next - 1))) is not this step's ($id)" >&2; exit 3; }`,
    `exec stestr last --subunit`
  ].join(" && ");
}
function logsArchiveCommand(paths, secretsFile) {
  if (paths.length === 0) return `tar -czf - -T /dev/null`;
  const list = paths.map(shQuote).join(" ");
  return `for p in ${list}; do [ -e "$p" ] && printf '%s\\0' "$p"; done | tar -cf - --null -T - --ignore-failed-read --warning=no-file-changed 2>/dev/null${redactPipe(secretsFile)} | gzip -c; true`;
}
function journalCommand(secretsFile) {
  return `(journalctl --no-pager -o short-precise -b 2>/dev/null || true)${redactPipe(secretsFile)} | gzip -c`;
}
var REDACT_PY = `import re, sys
vals = set()
try:
    for line in open(sys.argv[1], 'rb'):
        m = re.match(rb'\\s*(?:export\\s+)?[A-Za-z_][A-Za-z0-9_]*=(.*)$', line.rstrip(b'\\r\\n'))
        if m:
            v = m.group(1).strip()
            if len(v) >= 2 and v[:1] == v[-1:] and v[:1] in (b'"', b"'"):
                v = v[1:-1]
            if len(v) >= 6:
                vals.add(v)
except OSError:
    pass
src, out = sys.stdin.buffer, sys.stdout.buffer
pat = re.compile(b'|'.join(re.escape(v) for v in sorted(vals, key=len, reverse=True))) if vals else None
keep = max(map(len, vals)) - 1 if vals else 0
buf = b''
while True:
    b = src.read(1 << 16)
    buf += b
    if pat:
        buf = pat.sub(lambda m: b'*' * len(m.group()), buf)
    if not b:
        out.write(buf)
        break
    cut = len(buf) - keep
    if cut > 0:
        out.write(buf[:cut])
        buf = buf[cut:]
`;
function redactPipe(secretsFile) {
  return secretsFile ? ` | python3 -c ${shQuote(REDACT_PY)} ${shQuote(secretsFile)}` : "";
}
function defaultLogPaths(options) {
  const paths = ["/opt/stack/logs", options.markers.log, "/var/log/cloud-init-output.log"];
  if (options.role === "controller") {
    paths.push(`${options.plan.workspace}/tempest.log`);
    for (let i = 0; i < options.steps; i++) paths.push(stepFiles(options.plan, i).stderr);
  }
  return [...new Set(paths)];
}
function drainCommand(plan, index, offset) {
  return `tail -c +${Math.floor(offset) + 1} ${shQuote(stepFiles(plan, index).stream)}`;
}

// src/core/run/progress.ts
function baselineDurations(results) {
  const out = /* @__PURE__ */ new Map();
  for (const t of results.tests) if (t.duration !== null && t.duration >= 0) out.set(t.name, t.duration);
  return out;
}
var ProgressModel = class {
  options;
  seen = /* @__PURE__ */ new Set();
  listed = /* @__PURE__ */ new Set();
  failures = 0;
  skipped = 0;
  last = null;
  /** Baseline seconds of the tests that finished (only those the baseline knows). */
  doneBaseline = 0;
  doneBaselineCount = 0;
  baselineTotal;
  baselineMean;
  constructor(options) {
    this.options = options;
    let sum = 0;
    for (const v of options.baseline.values()) sum += v;
    this.baselineTotal = sum;
    this.baselineMean = options.baseline.size ? sum / options.baseline.size : 0;
  }
  /** A test finished. Reruns and a recovered stream may repeat a test: each name counts once. */
  onTest(test) {
    const key = test.name;
    if (isListing(test.status)) {
      this.listed.add(key);
      return;
    }
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.last = test.id;
    if (FAILING_STATUSES.has(test.status)) this.failures++;
    if (test.status === "skip") this.skipped++;
    const b = this.options.baseline.get(test.name);
    if (b !== void 0) {
      this.doneBaseline += b;
      this.doneBaselineCount++;
    }
  }
  snapshot(now) {
    const elapsed = Math.max(0, (now - this.options.startedAt) / 1e3);
    return {
      done: this.seen.size,
      total: this.total(),
      failures: this.failures,
      skipped: this.skipped,
      elapsedSeconds: elapsed,
      etaSeconds: this.eta(elapsed),
      last: this.last
    };
  }
  /**
   * Remaining baseline work spread over the workers, scaled by how fast this run has gone so far
   * against the baseline (a slower cloud stays slower). Without a baseline: the average pace so far.
   */
  /** The caller's figure, else the tests the workers announced so far. */
  total() {
    if (this.options.total !== null) return this.options.total;
    return this.listed.size ? Math.max(this.listed.size, this.seen.size) : null;
  }
  eta(elapsed) {
    const total = this.total();
    const done = this.seen.size;
    if (total === null || done === 0) return null;
    const left = Math.max(0, total - done);
    if (left === 0) return 0;
    if (this.baselineMean > 0 && this.doneBaselineCount > 0) {
      const remainingWork = Math.max(0, this.baselineTotal - this.doneBaseline) + Math.max(0, left - (this.options.baseline.size - this.doneBaselineCount)) * this.baselineMean;
      const expectedSoFar = this.doneBaseline / Math.max(1, this.options.concurrency);
      const pace = expectedSoFar > 0 ? Math.min(4, Math.max(0.25, elapsed / expectedSoFar)) : 1;
      return remainingWork / Math.max(1, this.options.concurrency) * pace;
    }
    return elapsed / done * left;
  }
};
function formatDuration(seconds) {
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  if (h > 0) return `${h}h${String(m % 60).padStart(2, "0")}m`;
  if (m > 0) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}
function formatProgress(p) {
  const of = p.total !== null ? `${p.done}/${p.total} (${p.total ? Math.floor(100 * p.done / p.total) : 100}%)` : `${p.done}`;
  const eta = p.etaSeconds !== null ? `, ETA ${formatDuration(p.etaSeconds)}` : "";
  return `tests ${of}, ${p.failures} failed, ${p.skipped} skipped, ${formatDuration(p.elapsedSeconds)} elapsed${eta}`;
}

// src/core/select/shard.ts
import { createHash } from "node:crypto";

// src/core/select/zuul-files.ts
var COMMIT_MSG = "/COMMIT_MSG";
function re2LiteralPrefix(pattern) {
  if (pattern.includes("|")) return "";
  let i = pattern.startsWith("^") ? 1 : 0;
  let out = "";
  while (i < pattern.length) {
    const c = pattern[i];
    let ch;
    let next;
    if (".[](){}*+?^$|".includes(c)) break;
    if (c === "\\") {
      const d = pattern[i + 1];
      if (d === void 0 || /[A-Za-z0-9]/.test(d) || d.charCodeAt(0) > 127) break;
      ch = d;
      next = i + 2;
    } else {
      const cp = pattern.codePointAt(i);
      ch = String.fromCodePoint(cp);
      next = i + ch.length;
    }
    const q = pattern[next];
    if (q === "*" || q === "?" || q === "{") break;
    out += ch;
    i = next;
    if (q === "+") break;
  }
  return out;
}
function re2Message(err, pattern) {
  const raw = err instanceof Error ? err.message : String(err);
  if (/\(\?[=!]|\(\?<[=!]/.test(pattern) || /\(\?[=!<]/.test(raw)) {
    return `regex '${pattern}' uses lookaround, which RE2 (Zuul's regex engine) does not support; write the positive form as {regex: ..., negate: true}`;
  }
  if (/\\[1-9]/.test(pattern) && /escape/.test(raw)) return `regex '${pattern}' uses a backreference, which RE2 does not support`;
  return `regex '${pattern}' is not valid RE2: ${raw.replace(/^error parsing regexp: /, "")}`;
}
function compileFileMatcher(spec, context) {
  let re;
  try {
    re = RE2JS.compile(spec.regex);
  } catch (err) {
    throw new UserError(`${context}: ${re2Message(err, spec.regex)}`, { place: spec.place });
  }
  const prefix = re2LiteralPrefix(spec.regex);
  const negate = spec.negate;
  const test = (path) => {
    if (prefix && !path.startsWith(prefix)) return false;
    return re.matcher(path).lookingAt();
  };
  return { ...spec, matches: negate ? (p) => !test(p) : test };
}
function evaluateFileFilters(input) {
  const changed = input.changed.filter((f) => f !== COMMIT_MSG);
  const config = input.configFiles ?? [];
  const configHit = changed.find((f) => config.includes(f));
  if (configHit !== void 0) return { applies: true, reason: "config-update", file: configHit };
  const files = input.files ?? [];
  const irrelevant = input.irrelevantFiles ?? [];
  if (files.length === 0 && irrelevant.length === 0) return { applies: true, reason: "no-filters" };
  if (changed.length === 0) return { applies: true, reason: "no-files" };
  let filesHit;
  if (files.length > 0) {
    outer: for (const f of changed) {
      for (const m of files) {
        if (m.matches(f)) {
          filesHit = { file: f, matcher: m };
          break outer;
        }
      }
    }
    if (!filesHit) return { applies: false, reason: "no-file-matches", checked: changed.length };
  }
  if (irrelevant.length > 0) {
    const examples = [];
    for (const f of changed) {
      const m = irrelevant.find((x) => x.matches(f));
      if (!m) {
        return filesHit ? { applies: true, reason: "files-match", ...filesHit, relevantFile: f } : { applies: true, reason: "relevant-file", file: f };
      }
      if (examples.length < 5) examples.push({ file: f, matcher: m });
    }
    return { applies: false, reason: "all-irrelevant", examples, checked: changed.length };
  }
  return filesHit ? { applies: true, reason: "files-match", ...filesHit } : { applies: true, reason: "no-filters" };
}
function describeOutcome(o) {
  const show = (m) => m.negate ? `not '${m.regex}'` : `'${m.regex}'`;
  switch (o.reason) {
    case "config-update":
      return `the rules file ${o.file} changed (a configuration change always applies, as Zuul's match-on-config-updates)`;
    case "no-files":
      return "the change has no files, so file filters are ignored (as Zuul does)";
    case "no-filters":
      return "no file filters: applies to every change";
    case "files-match":
      return `${o.file} matches files ${show(o.matcher)}${o.relevantFile === void 0 ? "" : o.relevantFile === o.file ? " and no irrelevant-files pattern" : ` and ${o.relevantFile} matches no irrelevant-files pattern`}`;
    case "relevant-file":
      return `${o.file} matches no irrelevant-files pattern`;
    case "no-file-matches":
      return `none of the ${o.checked} changed files matches files`;
    case "all-irrelevant":
      return `all ${o.checked} changed files match irrelevant-files (e.g. ${o.examples.slice(0, 3).map((e) => `${e.file} ~ ${show(e.matcher)}`).join(", ")})`;
  }
}

// src/core/select/select.ts
var FULL_SET = "full-set";
function compileStep(step, context) {
  const one = (pattern, origin, place) => pattern ? compileFilter(pattern, `${context} ${origin}`, place ?? step.place ?? {}) : void 0;
  const regex = one(step.regex, "--regex", step.regexPlace);
  return {
    spec: step,
    filters: {
      regexes: regex ? [regex] : [],
      includeList: step.includeList ? compileListFile(step.includeList, "include") : [],
      excludeList: step.excludeList ? compileListFile(step.excludeList, "exclude") : [],
      excludeRegex: one(step.excludeRegex, "--exclude-regex", step.excludeRegexPlace)
    }
  };
}
function compileTempest(spec, context) {
  return spec.steps.map((s, i) => compileStep(s, `${context} step ${i + 1}`));
}
function stepArgs(step) {
  const args = [];
  if (step.serial) args.push("--serial");
  if (step.regex) args.push("--regex", step.regex);
  if (step.excludeRegex) args.push("--exclude-regex", step.excludeRegex);
  if (step.includeList) args.push("--include-list", step.includeList.name);
  if (step.excludeList) args.push("--exclude-list", step.excludeList.name);
  return args;
}
function exactTestRegex(id) {
  return `^${id.replace(/[^A-Za-z0-9_\x80-\uffff]/g, "\\$&")}$`;
}
function attrsOf(id, cache) {
  let a = cache.get(id);
  if (!a) {
    a = new Set(parseTestId(id).attrs);
    cache.set(id, a);
  }
  return a;
}
function memoizeMatcher(m) {
  const seen = /* @__PURE__ */ new Map();
  const matches = (path) => {
    let v = seen.get(path);
    if (v === void 0) {
      v = m.matches(path);
      seen.set(path, v);
    }
    return v;
  };
  return { ...m, matches };
}
function selectTests(options) {
  const { rules, changedFiles, testIds } = options;
  const explain = options.explain ?? false;
  const shared = /* @__PURE__ */ new Map();
  const fileMatcher = (spec, context) => {
    const key = `${spec.negate ? "!" : ""}${spec.regex}`;
    let m = shared.get(key);
    if (!m) {
      m = memoizeMatcher(compileFileMatcher(spec, context));
      shared.set(key, m);
    }
    return spec.place === m.place ? m : { ...m, place: spec.place };
  };
  const coreFiles = rules.coreFiles.map((m, i) => fileMatcher(m, `core-files[${i}]`));
  const full = {
    name: FULL_SET,
    description: "the full set (core or rules change)",
    origin: rules.full.preset ? `preset:${rules.full.preset}` : "rules",
    preset: rules.full.preset,
    steps: compileTempest(rules.full, FULL_SET),
    files: [],
    irrelevantFiles: []
  };
  const selections = rules.selections.map((s) => ({
    name: s.name,
    description: s.description,
    origin: s.origin,
    preset: s.tempest.preset,
    steps: compileTempest(s.tempest, `selection '${s.name}'`),
    files: s.files.map((m, i) => fileMatcher(m, `selection '${s.name}': files[${i}]`)),
    irrelevantFiles: s.irrelevantFiles.map((m, i) => fileMatcher(m, `selection '${s.name}': irrelevant-files[${i}]`))
  }));
  const configFiles = rules.file ? [rules.file] : [];
  const rulesChanged = rules.file !== null && changedFiles.includes(rules.file);
  let coreHit;
  if (!rulesChanged && coreFiles.length) {
    outer: for (const f of changedFiles) {
      for (const m of coreFiles) {
        if (m.matches(f)) {
          coreHit = { file: f, regex: m.negate ? `not '${m.regex}'` : `'${m.regex}'` };
          break outer;
        }
      }
    }
  }
  const fired = [];
  const notFired = [];
  if (rulesChanged) fired.push({ rule: full, reason: `the rules file ${rules.file} changed: the full set runs`, file: rules.file });
  else if (coreHit) fired.push({ rule: full, reason: `${coreHit.file} matches core-files ${coreHit.regex}: the full set runs`, file: coreHit.file });
  else
    notFired.push({
      rule: full,
      reason: coreFiles.length ? "no changed file matches core-files and the rules file did not change" : "no core-files, and the rules file did not change"
    });
  for (const rule of selections) {
    const o = evaluateFileFilters({ files: rule.files, irrelevantFiles: rule.irrelevantFiles, changed: changedFiles, configFiles });
    const file = "file" in o ? o.file : null;
    if (o.applies) fired.push({ rule, reason: describeOutcome(o), file });
    else notFired.push({ rule, reason: describeOutcome(o) });
  }
  const n = testIds.length;
  const isSerial = new Uint8Array(n);
  const isChosen = new Uint8Array(n);
  const choices = explain ? new Array(n) : void 0;
  const attrCache = /* @__PURE__ */ new Map();
  const memo = /* @__PURE__ */ new Map();
  const reports = [];
  for (const { rule, reason, file } of fired) {
    const ruleTests = new Uint8Array(n);
    let ruleCount = 0;
    const steps = rule.steps.map((step, stepIndex) => {
      const sel = constructList(testIds, step.filters, memo);
      const { attrs, excludeAttrs, serial: serial2 } = step.spec;
      const filterAttrs = attrs.length > 0 || excludeAttrs.length > 0;
      const choiceFor = /* @__PURE__ */ new Map();
      const choice = (by) => {
        let c = choiceFor.get(by);
        if (!c) {
          c = { rule: rule.name, step: stepIndex + 1, filter: by ? `${by.pattern} (${by.origin.replace(/^.* (--)/, "$1")})` : null, file };
          choiceFor.set(by, c);
        }
        return c;
      };
      let count = 0;
      const { selected, chosenBy } = sel;
      for (let k = 0; k < selected.length; k++) {
        const idx = selected[k];
        if (filterAttrs) {
          const have = attrsOf(testIds[idx], attrCache);
          if (!attrs.every((a) => have.has(a)) || excludeAttrs.some((a) => have.has(a))) continue;
        }
        count++;
        if (!ruleTests[idx]) {
          ruleTests[idx] = 1;
          ruleCount++;
        }
        if (serial2) isSerial[idx] = 1;
        if (choices) (choices[idx] ??= []).push(choice(chosenBy[k] ?? null));
        isChosen[idx] = 1;
      }
      return {
        serial: serial2,
        args: stepArgs(step.spec),
        attrs,
        excludeAttrs,
        selected: count,
        excluded: sel.excluded.filter((e) => e.count > 0).map((e) => ({ by: e.filter.origin, pattern: e.filter.pattern, count: e.count }))
      };
    });
    reports.push({
      name: rule.name,
      description: rule.description,
      origin: rule.origin,
      fired: true,
      reason,
      file,
      preset: rule.preset,
      steps,
      selected: ruleCount
    });
  }
  for (const { rule, reason } of notFired) {
    reports.push({
      name: rule.name,
      description: rule.description,
      origin: rule.origin,
      fired: false,
      reason,
      file: null,
      preset: rule.preset,
      steps: rule.steps.map((s) => ({
        serial: s.spec.serial,
        args: stepArgs(s.spec),
        attrs: s.spec.attrs,
        excludeAttrs: s.spec.excludeAttrs,
        selected: 0,
        excluded: []
      })),
      selected: 0
    });
  }
  const indexes = [];
  const tests = [];
  const parallel = [];
  const serial = [];
  const seen = /* @__PURE__ */ new Set();
  for (let i = 0; i < n; i++) {
    if (!isChosen[i]) continue;
    const id = testIds[i];
    if (seen.has(id)) continue;
    seen.add(id);
    indexes.push(i);
    tests.push(id);
    (isSerial[i] ? serial : parallel).push(id);
  }
  const run = [];
  if (parallel.length)
    run.push({
      serial: false,
      combine: false,
      args: ["--include-list", "parallel-include-list.txt"],
      includeListName: "parallel-include-list.txt",
      includeList: parallel.map(exactTestRegex),
      count: parallel.length
    });
  if (serial.length) {
    const combine = run.length > 0;
    run.push({
      serial: true,
      combine,
      args: [...combine ? ["--combine"] : [], "--serial", "--include-list", "serial-include-list.txt"],
      includeListName: "serial-include-list.txt",
      includeList: serial.map(exactTestRegex),
      count: serial.length
    });
  }
  const firedNames = fired.map((f) => f.rule.name);
  const conclusion = tests.length ? "run" : "skip";
  const summary = conclusion === "run" ? `${tests.length} of ${testIds.length} tests selected (${parallel.length} parallel + ${serial.length} serial) by ${firedNames.join(", ")}` : fired.length ? `nothing to run: ${firedNames.join(", ")} applied but selected no tests from the ${testIds.length} listed` : `nothing to run: no rule applies to the ${changedFiles.length} changed files (neutral)`;
  const result = {
    conclusion,
    summary,
    counts: { listed: testIds.length, selected: tests.length, parallel: parallel.length, serial: serial.length, changedFiles: changedFiles.length },
    tests,
    parallel,
    serial,
    run,
    rules: reports
  };
  if (choices) result.explanation = indexes.map((i) => ({ test: testIds[i], serial: isSerial[i] === 1, chosenBy: choices[i] ?? [] }));
  return result;
}

// src/core/select/shard.ts
function median(sorted) {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function nameAndClass(id) {
  if (id.endsWith(")") || id.endsWith("]")) return parseTestId(id);
  const dot = id.lastIndexOf(".");
  return { name: id, className: dot > 0 ? id.slice(0, dot) : "" };
}
var byNumber = (a, b) => a - b;
var byName = (a, b) => a < b ? -1 : a > b ? 1 : 0;
function shardRun(shard) {
  const { parallel, serial } = shard;
  const run = [];
  if (parallel.length)
    run.push({
      serial: false,
      combine: false,
      args: ["--include-list", "parallel-include-list.txt"],
      includeListName: "parallel-include-list.txt",
      includeList: parallel.map(exactTestRegex),
      count: parallel.length
    });
  if (serial.length) {
    const combine = run.length > 0;
    run.push({
      serial: true,
      combine,
      args: [...combine ? ["--combine"] : [], "--serial", "--include-list", "serial-include-list.txt"],
      includeListName: "serial-include-list.txt",
      includeList: serial.map(exactTestRegex),
      count: serial.length
    });
  }
  return run;
}
function refine(secs, owner, load, members, target) {
  const k = load.length;
  const cap = 50 * k;
  for (let iter = 0; iter < cap; iter++) {
    let hi = 0;
    for (let s = 1; s < k; s++) if (load[s] > load[hi]) hi = s;
    const top = load[hi];
    if (top <= target) return;
    let best = null;
    const hiUnits = members[hi];
    for (let lo2 = 0; lo2 < k; lo2++) {
      if (lo2 === hi) continue;
      const gap = top - load[lo2];
      if (gap <= 0) continue;
      const loUnits = Int32Array.from(members[lo2]).sort((x, y) => secs[x] - secs[y] || x - y);
      const loSecs = Float64Array.from(loUnits, (u) => secs[u]);
      for (const a2 of hiUnits) {
        const sa = secs[a2];
        const consider = (b2, d) => {
          if (d <= 0 || d >= gap) return;
          const peak = Math.max(top - d, load[lo2] + d);
          if (best === null || peak < best.peak - 1e-9) best = { lo: lo2, a: a2, b: b2, peak };
        };
        consider(-1, sa);
        const want = sa - gap / 2;
        let l = 0;
        let r = loSecs.length;
        while (l < r) {
          const m = l + r >> 1;
          if (loSecs[m] < want) l = m + 1;
          else r = m;
        }
        for (const j of [l - 1, l]) if (j >= 0 && j < loUnits.length) consider(loUnits[j], sa - loSecs[j]);
      }
    }
    if (best === null) return;
    const { lo, a, b } = best;
    const moveUnit = (u, from, to) => {
      const list = members[from];
      list.splice(list.indexOf(u), 1);
      members[to].push(u);
      owner[u] = to;
      const s = secs[u];
      load[from] = load[from] - s;
      load[to] = load[to] + s;
    };
    moveUnit(a, hi, lo);
    if (b >= 0) moveUnit(b, lo, hi);
  }
}
function planShards(options) {
  const k = options.shards;
  if (!Number.isInteger(k) || k < 1) throw usageError(`the shard count must be a whole number of at least 1, not ${k}`);
  const ids = [...options.parallel, ...options.serial];
  const serialFrom = options.parallel.length;
  const notes = [];
  const seconds = new Float64Array(ids.length);
  const classOf = [];
  const missing = [];
  let usable = false;
  for (const s of options.durations.values())
    if (s > 0) {
      usable = true;
      break;
    }
  for (let i = 0; i < ids.length; i++) {
    const { name, className } = nameAndClass(ids[i]);
    classOf.push(className);
    const known = usable ? options.durations.get(name) : void 0;
    if (known !== void 0 && known >= 0) seconds[i] = known;
    else missing.push(i);
  }
  let runMedian = 1;
  let byClass = 0;
  let byRun = 0;
  if (!usable) {
    for (const i of missing) seconds[i] = 1;
    if (ids.length) notes.push("the baseline has no usable durations: every test counts 1 s (balanced by count)");
  } else if (missing.length) {
    const wanted = new Set(missing.map((i) => classOf[i]));
    const classSeconds = /* @__PURE__ */ new Map();
    const all = [];
    for (const [name, s] of options.durations) {
      if (!(s >= 0)) continue;
      all.push(s);
      const cls = nameAndClass(name).className;
      if (!wanted.has(cls)) continue;
      let list = classSeconds.get(cls);
      if (!list) classSeconds.set(cls, list = []);
      list.push(s);
    }
    runMedian = median(all.sort(byNumber));
    const classMedians = /* @__PURE__ */ new Map();
    for (const [cls, list] of classSeconds) classMedians.set(cls, median(list.sort(byNumber)));
    for (const i of missing) {
      const m = classMedians.get(classOf[i]);
      if (m !== void 0) {
        seconds[i] = m;
        byClass++;
      } else {
        seconds[i] = runMedian;
        byRun++;
      }
    }
    if (byClass) notes.push(`${byClass} ${byClass === 1 ? "test has" : "tests have"} no duration in the baseline: each counts its class's median there`);
    if (byRun)
      notes.push(
        `${byRun} ${byRun === 1 ? "test has" : "tests have"} no duration in the baseline nor a class there: each counts the run's median (${runMedian.toFixed(2)} s)`
      );
  }
  let total = 0;
  for (const s of seconds) total += s;
  const units = [];
  const classIndex = /* @__PURE__ */ new Map();
  for (let i = 0; i < serialFrom; i++) {
    const c = classOf[i];
    let list = classIndex.get(c);
    if (!list) classIndex.set(c, list = []);
    list.push(i);
  }
  const perShard = total / k;
  let splitCount = 0;
  for (const [cls, members2] of classIndex) {
    let sum = 0;
    for (const i of members2) sum += seconds[i];
    if (options.splitClasses && sum > perShard && members2.length > 1) {
      const sorted = [...members2].sort((x, y) => byName(ids[x], ids[y]));
      const count = Math.min(sorted.length, Math.ceil(sum / perShard));
      const parts = Array.from({ length: count }, () => ({ members: [], seconds: 0 }));
      let before = 0;
      for (const i of sorted) {
        const s = seconds[i];
        const part = parts[Math.min(count - 1, Math.floor((before + s / 2) * count / sum))];
        part.members.push(i);
        part.seconds += s;
        before += s;
      }
      parts.filter((p) => p.members.length).forEach((p, j) => units.push({ key: `${cls}#${j + 1}`, kind: "class-part", tests: p.members.length, seconds: p.seconds, members: p.members }));
      splitCount++;
    } else {
      units.push({ key: cls, kind: "class", tests: members2.length, seconds: sum, members: members2 });
    }
  }
  if (splitCount) notes.push(`${splitCount} ${splitCount === 1 ? "class" : "classes"} longer than total/K split (each part runs the class's fixtures again)`);
  if (ids.length > serialFrom) {
    const members2 = [];
    let sum = 0;
    for (let i = serialFrom; i < ids.length; i++) {
      members2.push(i);
      sum += seconds[i];
    }
    units.push({ key: "serial", kind: "serial", tests: members2.length, seconds: sum, members: members2 });
  }
  const secs = Float64Array.from(units, (u) => u.seconds);
  const order = Uint32Array.from(units, (_, i) => i).sort(
    (x, y) => secs[y] - secs[x] || byName(units[x].key, units[y].key)
  );
  const load = new Float64Array(k);
  const owner = new Int32Array(units.length);
  const members = Array.from({ length: k }, () => []);
  for (const u of order) {
    let best = 0;
    for (let s = 1; s < k; s++) if (load[s] < load[best]) best = s;
    owner[u] = best;
    members[best].push(u);
    load[best] = load[best] + secs[u];
  }
  let longest = 0;
  for (const u of units) if (u.seconds > longest) longest = u.seconds;
  const lowerBound = Math.max(perShard, longest);
  refine(secs, owner, load, members, lowerBound * 1.001);
  const shards = [];
  for (let s = 0; s < k; s++)
    shards.push({
      index: s,
      predictedSeconds: 0,
      count: 0,
      parallel: [],
      serial: [],
      units: Array.from(Int32Array.from(members[s]).sort(), (u) => units[u].key)
    });
  const shardOf = new Int32Array(ids.length);
  for (let u = 0; u < units.length; u++) for (const i of units[u].members) shardOf[i] = owner[u];
  for (let i = 0; i < ids.length; i++) {
    const sh = shards[shardOf[i]];
    (i < serialFrom ? sh.parallel : sh.serial).push(ids[i]);
    sh.predictedSeconds += seconds[i];
    sh.count++;
  }
  let makespan = 0;
  for (const sh of shards) if (sh.predictedSeconds > makespan) makespan = sh.predictedSeconds;
  const hash = createHash("sha256").update(`tempest-gate/shard-plan@1 k=${k} split=${options.splitClasses ? 1 : 0} serialFrom=${serialFrom}
`);
  hash.update(ids.join("\n"));
  hash.update(new Uint8Array(seconds.buffer));
  return {
    planId: hash.digest("hex").slice(0, 16),
    shardCount: k,
    totalSeconds: total,
    lowerBoundSeconds: lowerBound,
    makespanSeconds: makespan,
    overLowerBoundPercent: lowerBound > 0 ? (makespan / lowerBound - 1) * 100 : 0,
    estimated: { classMedian: byClass, runMedian: usable ? byRun : ids.length, runMedianSeconds: runMedian },
    notes,
    units: units.length,
    shards
  };
}
function renderShardPlanText(plan, index = null) {
  const s = (x) => `${x.toFixed(1)} s`;
  const lines = [
    `shards: ${plan.shardCount} from ${plan.units} units, ${s(plan.totalSeconds)} in all; makespan ${s(plan.makespanSeconds)}, lower bound ${s(plan.lowerBoundSeconds)} (+${plan.overLowerBoundPercent.toFixed(1)}%)`
  ];
  for (const sh of plan.shards)
    lines.push(
      `  ${sh.index === index ? ">" : " "} shard ${sh.index}: ${sh.count} tests (${sh.parallel.length} parallel + ${sh.serial.length} serial), ${s(sh.predictedSeconds)}`
    );
  for (const n of plan.notes) lines.push(`  note: ${n}`);
  return `${lines.join("\n")}
`;
}

// src/edges/ssh/tempest-runner.ts
import { closeSync, createWriteStream, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { finished } from "node:stream/promises";

// src/core/run/classify.ts
function finalStatuses(results) {
  const last = /* @__PURE__ */ new Map();
  const failedOnce = /* @__PURE__ */ new Set();
  for (const t of results.tests) {
    if (isListing(t.status) && last.has(t.name)) continue;
    if (FAILING_STATUSES.has(t.status)) failedOnce.add(t.name);
    last.set(t.name, t.status);
  }
  const flaky = [...failedOnce].filter((n) => {
    const s = last.get(n);
    return s !== void 0 && !FAILING_STATUSES.has(s);
  });
  return { last, flaky };
}
function classifyRun(end) {
  const { last, flaky } = finalStatuses(end.results);
  const failed = [...last].filter(([, s]) => FAILING_STATUSES.has(s)).map(([n]) => n);
  const ran = end.results.tests.filter((t) => !isListing(t.status)).length;
  const base = { flaky, failed };
  const kept = `${ran} test result${ran === 1 ? "" : "s"} kept`;
  if (end.cancelled) return { ...base, outcome: "cancelled", exitCode: EXIT.infra, reason: `cancelled; ${kept}` };
  if (end.timedOut) {
    return { ...base, outcome: "timeout", exitCode: EXIT.infra, reason: `stage ${end.timedOut.stage} timed out after ${end.timedOut.seconds}s; ${kept}` };
  }
  if (end.failure) {
    const f = end.failure;
    return { ...base, outcome: "infra-failed", exitCode: EXIT.infra, reason: `${f.stage} failed on ${f.node}: ${f.message}; ${kept}` };
  }
  if (ran === 0) {
    const rc = end.stepExitCodes.find((c) => c !== 0 && c !== null);
    const why = rc !== void 0 ? `tempest exited with status ${rc} and produced no results` : "no test ran (is the selection empty of tests this cloud has?)";
    return { ...base, outcome: rc !== void 0 ? "infra-failed" : "passed", exitCode: rc !== void 0 ? EXIT.infra : EXIT.ok, reason: why };
  }
  if (failed.length) {
    return {
      ...base,
      outcome: "tests-failed",
      exitCode: EXIT.gateFailed,
      reason: `${failed.length} of ${ran} tests failed${flaky.length ? `, ${flaky.length} passed on rerun` : ""}`
    };
  }
  const bad = end.stepExitCodes.find((c) => c !== 0 && c !== null);
  if (bad !== void 0) {
    return { ...base, outcome: "infra-failed", exitCode: EXIT.infra, reason: `tempest exited with status ${bad} although no test failed; ${kept}` };
  }
  if (end.results.damage.length) {
    const d = end.results.damage[0];
    return {
      ...base,
      outcome: "infra-failed",
      exitCode: EXIT.infra,
      reason: `the result stream is damaged at byte ${d?.offset ?? 0}: ${d?.message ?? ""}; ${kept}`
    };
  }
  return {
    ...base,
    outcome: "passed",
    exitCode: EXIT.ok,
    reason: `${last.size} tests passed or skipped${flaky.length ? `, ${flaky.length} only on rerun (flaky)` : ""}`
  };
}

// src/core/run/worker-file.ts
function idFromExactRegex(line) {
  if (line.length < 2 || line[0] !== "^" || line[line.length - 1] !== "$") return null;
  const body = line.slice(1, -1);
  let id = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      const next = body[i + 1];
      if (next === void 0 || /[A-Za-z0-9_]/.test(next)) return null;
      id += next;
      i++;
    } else if (/[A-Za-z0-9_\x80-\uffff]/.test(c)) id += c;
    else return null;
  }
  return id;
}
var escape = (s) => s.replace(/[^A-Za-z0-9_\x80-\uffff]/g, "\\$&");
function classRegex(className) {
  return `^${escape(className)}\\.[^.\\[]+(\\[[^\\]]*\\])?$`;
}
function planWorkers(o) {
  if (o.workers < 2 || o.ids.length < 2) return null;
  const plan = planShards({ parallel: o.ids, serial: [], shards: o.workers, durations: o.durations });
  if (plan.notes.some((n) => n.includes("no usable durations"))) return null;
  const groups = [];
  for (const sh of plan.shards) {
    if (!sh.count) continue;
    const classes = new Set(sh.units);
    const group = [...classes].filter((c) => c !== "").map(classRegex);
    for (const id of sh.parallel) if (!id.includes(".")) group.push(`^${escape(id)}$`);
    groups.push(group);
  }
  return { groups, plan };
}
function workerFileYaml(groups) {
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  return `${groups.map((g) => `- worker:
${g.map((r) => `    - ${q(r)}`).join("\n")}`).join("\n")}
`;
}

// src/edges/ssh/client.ts
var import_ssh2 = __toESM(require_lib(), 1);
import { createConnection } from "node:net";

// src/core/run/host-keys.ts
import { createHash as createHash2, createHmac } from "node:crypto";
var KEY_TYPES = [
  "ssh-ed25519",
  "ssh-rsa",
  "ssh-dss",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com"
];
var KEY_RE = new RegExp(`(?:^|\\s)(${KEY_TYPES.map((t) => t.replaceAll(".", "\\.")).join("|")})\\s+([A-Za-z0-9+/]+={0,2})(?=\\s|$)`);
var FP_RE = /(?:^|\s)\d{3,5}\s+(SHA256:[A-Za-z0-9+/]{43}|MD5:(?:[0-9a-f]{2}:){15}[0-9a-f]{2}|(?:[0-9a-f]{2}:){15}[0-9a-f]{2})(?:\s.*?)?\s\(([A-Z0-9-]+)\)\s*$/;
var BEGIN_FP = "-----BEGIN SSH HOST KEY FINGERPRINTS-----";
var END_FP = "-----END SSH HOST KEY FINGERPRINTS-----";
var BEGIN_KEYS = "-----BEGIN SSH HOST KEY KEYS-----";
var END_KEYS = "-----END SSH HOST KEY KEYS-----";
function parseConsoleHostKeys(console) {
  const lines = console.split(/\r?\n|\r/);
  let keys = [];
  let fingerprints = [];
  let mode = "none";
  let blockKeys = [];
  let blockFps = [];
  for (const line of lines) {
    if (line.includes(BEGIN_FP)) {
      mode = "fp";
      blockFps = [];
      continue;
    }
    if (line.includes(BEGIN_KEYS)) {
      mode = "keys";
      blockKeys = [];
      continue;
    }
    if (mode === "fp" && line.includes(END_FP)) {
      fingerprints = blockFps;
      mode = "none";
      continue;
    }
    if (mode === "keys" && line.includes(END_KEYS)) {
      keys = blockKeys;
      mode = "none";
      continue;
    }
    if (mode === "fp") {
      const m = FP_RE.exec(line);
      if (m) blockFps.push(normaliseFingerprint(m[1] ?? "", m[2] ?? ""));
    } else if (mode === "keys") {
      const m = KEY_RE.exec(line);
      if (m) blockKeys.push({ type: m[1] ?? "", base64: m[2] ?? "" });
    }
  }
  return { keys, fingerprints };
}
function normaliseFingerprint(raw, family) {
  if (raw.startsWith("SHA256:")) return { family, hash: "SHA256", value: raw };
  const hex = raw.startsWith("MD5:") ? raw.slice(4) : raw;
  return { family, hash: "MD5", value: `MD5:${hex.toLowerCase()}` };
}
function parseKnownHosts(text, host, port = 22) {
  const keys = [];
  const revoked = [];
  const wanted = port === 22 ? host : `[${host}]:${port}`;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    let marker = null;
    if (fields[0]?.startsWith("@")) marker = fields.shift() ?? null;
    const [names = "", type = "", base64 = ""] = fields;
    if (!KEY_TYPES.includes(type) || base64 === "") continue;
    if (marker === "@cert-authority") continue;
    if (!namesMatch(names, wanted)) continue;
    (marker === "@revoked" ? revoked : keys).push({ type, base64 });
  }
  return { keys, revoked };
}
function namesMatch(names, wanted) {
  if (names.startsWith("|1|")) {
    const [, , salt = "", hash = ""] = names.split("|");
    const mac = createHmac("sha1", Buffer.from(salt, "base64")).update(wanted).digest("base64");
    return mac === hash;
  }
  let matched = false;
  for (const pattern of names.split(",")) {
    const negated = pattern.startsWith("!");
    const p = negated ? pattern.slice(1) : pattern;
    if (globMatch(p, wanted)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}
function globMatch(pattern, name) {
  let re = "^";
  for (const ch of pattern) re += ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`${re}$`, "i").test(name);
}
function sha256Fingerprint(blob) {
  return `SHA256:${createHash2("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}
function md5Fingerprint(blob) {
  const hex = createHash2("md5").update(blob).digest("hex");
  return `MD5:${hex.match(/../g)?.join(":") ?? hex}`;
}
function hostKeyTrusted(trust, blob, revoked = []) {
  const b64 = Buffer.from(blob).toString("base64");
  if (revoked.some((k) => k.base64 === b64)) return false;
  if (trust.keys.some((k) => k.base64 === b64)) return true;
  const sha = sha256Fingerprint(blob);
  const md5 = md5Fingerprint(blob);
  return trust.fingerprints.some((f) => f.hash === "SHA256" ? f.value === sha : f.value === md5);
}
function hostKeyAlgorithms(trust) {
  const families = /* @__PURE__ */ new Set();
  for (const k of trust.keys) families.add(familyOfType(k.type));
  for (const f of trust.fingerprints) families.add(f.family);
  const out = [];
  if (families.has("ED25519")) out.push("ssh-ed25519");
  if (families.has("ECDSA")) out.push("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");
  if (families.has("RSA")) out.push("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
  return out;
}
function familyOfType(type) {
  if (type.includes("ed25519")) return "ED25519";
  if (type.includes("ecdsa")) return "ECDSA";
  if (type === "ssh-rsa") return "RSA";
  if (type === "ssh-dss") return "DSA";
  return type.toUpperCase();
}

// src/edges/ssh/client.ts
var ConnectionLost = class extends Error {
  constructor(node, detail) {
    super(`SSH connection to ${node} dropped: ${detail}`);
    this.name = "ConnectionLost";
  }
};
var HostKeyRejected = class extends UserError {
  constructor(message) {
    super(message, { exitCode: EXIT.infra });
  }
};
var CommandTimeout = class extends Error {
  seconds;
  constructor(node, seconds) {
    super(`command on ${node} timed out after ${seconds}s`);
    this.name = "CommandTimeout";
    this.seconds = seconds;
  }
};
var CommandAborted = class extends Error {
  constructor(node) {
    super(`command on ${node} cancelled`);
    this.name = "CommandAborted";
  }
};
var SshNode = class {
  target;
  client = null;
  lostReason = null;
  channels = /* @__PURE__ */ new Set();
  /** Fingerprint of the key the server presented last (for messages). */
  presentedKey = null;
  constructor(target) {
    this.target = target;
  }
  get connected() {
    return this.client !== null && this.lostReason === null;
  }
  /** Open the connection, verifying the host key. Rejects with an infrastructure UserError. */
  async connect() {
    const t = this.target;
    const offered = hostKeyAlgorithms(t.trust);
    if (offered.length === 0) {
      throw new HostKeyRejected(`no trusted host key for ${t.name} (${t.host}) from ${t.trustSource}: refusing to connect`);
    }
    let sock;
    if (t.jump) {
      if (!t.jump.connected) throw new ConnectionLost(t.jump.target.name, `needed to reach ${t.name}, and not connected`);
      sock = await t.jump.openTunnel(t.host, t.port);
    }
    const client = new import_ssh2.Client();
    let rejectedKey = null;
    await new Promise((resolve, reject) => {
      const onError = (err) => {
        client.removeListener("ready", onReady);
        client.end();
        if (rejectedKey !== null) {
          reject(
            new HostKeyRejected(
              `host key of ${t.name} (${t.host}:${t.port}) is ${rejectedKey}, which matches none of the ${t.trust.keys.length + t.trust.fingerprints.length} trusted keys from ${t.trustSource}: refusing to connect`
            )
          );
        } else reject(new UserError(`cannot connect to ${t.name} (${t.host}:${t.port}): ${err.message}`, { exitCode: EXIT.infra, cause: err }));
      };
      const onReady = () => {
        client.removeListener("error", onError);
        resolve();
      };
      client.once("ready", onReady);
      client.once("error", onError);
      client.connect({
        host: t.host,
        port: t.port,
        username: t.username,
        privateKey: t.privateKey,
        ...sock ? { sock } : {},
        readyTimeout: t.connectTimeoutMs ?? 2e4,
        keepaliveInterval: t.keepaliveMs ?? 5e3,
        keepaliveCountMax: t.keepaliveCountMax ?? 3,
        algorithms: { serverHostKey: offered },
        hostVerifier: (key) => {
          this.presentedKey = sha256Fingerprint(key);
          const ok = hostKeyTrusted(t.trust, key, t.revoked ?? []);
          if (!ok) rejectedKey = this.presentedKey;
          return ok;
        }
      });
    });
    this.client = client;
    this.lostReason = null;
    const lost = (reason) => {
      if (this.client !== client || this.lostReason !== null) return;
      this.lostReason = reason;
      for (const fail of [...this.channels]) fail(reason);
    };
    client.on("error", (err) => lost(err.message));
    client.on("close", () => lost("connection closed"));
    client.on("end", () => lost("connection ended"));
    if (t.afterConnect) await t.afterConnect(this);
  }
  /**
   * Connect again after a drop, retrying with backoff until `deadlineMs` (epoch ms) passes.
   * A host key that stops matching is not retried: that is not a network fault.
   */
  async reconnect(options) {
    this.dispose();
    let delay = 250;
    for (; ; ) {
      if (options.signal?.aborted) throw new CommandAborted(this.target.name);
      try {
        await this.connect();
        return;
      } catch (err) {
        if (err instanceof HostKeyRejected) throw err;
        if (Date.now() + delay > options.deadlineMs) throw err;
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 4e3);
    }
  }
  /** Run one command. Rejects with ConnectionLost, CommandTimeout or CommandAborted. */
  exec(command, options = {}) {
    const client = this.client;
    const name = this.target.name;
    if (client === null || this.lostReason !== null) return Promise.reject(new ConnectionLost(name, this.lostReason ?? "not connected"));
    return new Promise((resolve, reject) => {
      const out = [];
      const err = [];
      let channel = null;
      let settled = false;
      let timer;
      const finish = (fn) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        this.channels.delete(onLost);
        options.signal?.removeEventListener("abort", onAbort);
        fn();
      };
      const onLost = (reason) => finish(() => reject(new ConnectionLost(name, reason)));
      const onAbort = () => {
        channel?.close();
        finish(() => reject(new CommandAborted(name)));
      };
      if (options.signal?.aborted) return onAbort();
      this.channels.add(onLost);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      if (options.timeoutMs !== void 0) {
        timer = setTimeout(() => {
          channel?.close();
          finish(() => reject(new CommandTimeout(name, Math.round((options.timeoutMs ?? 0) / 1e3))));
        }, options.timeoutMs);
      }
      client.exec(command, (e, ch) => {
        if (e) return finish(() => reject(new ConnectionLost(name, e.message)));
        channel = ch;
        if (settled) return void ch.close();
        let code = null;
        let sig = null;
        ch.on("exit", (c, s) => {
          code = typeof c === "number" ? c : null;
          sig = s ?? null;
        });
        ch.on("data", (chunk) => options.onStdout ? options.onStdout(chunk) : out.push(chunk));
        ch.stderr.on("data", (chunk) => err.push(chunk));
        ch.on("close", () => {
          if (this.lostReason !== null && code === null) return onLost(this.lostReason);
          finish(() => resolve({ code, signal: sig, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
        });
        if (options.stdin !== void 0) ch.end(options.stdin);
        else ch.end();
      });
    });
  }
  /** A TCP stream from this node to `host:port` (what ssh -J uses). */
  openTunnel(host, port) {
    const client = this.client;
    if (client === null || this.lostReason !== null) return Promise.reject(new ConnectionLost(this.target.name, this.lostReason ?? "not connected"));
    return new Promise(
      (resolve, reject) => client.forwardOut(
        "127.0.0.1",
        0,
        host,
        port,
        (err, stream) => err ? reject(new UserError(`cannot reach ${host}:${port} through ${this.target.name}: ${err.message}`, { exitCode: EXIT.infra })) : resolve(stream)
      )
    );
  }
  /**
   * Make `remotePort` on the node's loopback reach `localPort` on ours (ssh -R): lets a node that
   * sits in its own network reach a service here (the tests' local cloud).
   */
  async forwardRemoteToLocal(remotePort, localHost, localPort) {
    const client = this.client;
    if (client === null) throw new ConnectionLost(this.target.name, "not connected");
    await new Promise((resolve, reject) => client.forwardIn("127.0.0.1", remotePort, (e) => e ? reject(e) : resolve()));
    client.on("tcp connection", (info, accept) => {
      if (info.destPort !== remotePort) return;
      const remote = accept();
      const local = createConnection({ host: localHost, port: localPort });
      remote.pipe(local).pipe(remote);
      const close = () => {
        remote.destroy();
        local.destroy();
      };
      remote.on("error", close);
      local.on("error", close);
    });
  }
  /** Close the connection (idempotent). */
  dispose() {
    const c = this.client;
    this.client = null;
    if (c) {
      this.lostReason = "closed by us";
      c.end();
    }
  }
};

// src/edges/ssh/tempest-runner.ts
var DEFAULT_TIMEOUTS = {
  connectSeconds: 120,
  readySeconds: 10800,
  // the controller, then the subnodes: Zuul's multinode jobs allow 3 h in all
  prepareSeconds: 300,
  runSeconds: 7200,
  logsSeconds: 600,
  reconnectSeconds: 300
};
var StageTimeout = class extends Error {
  stage;
  seconds;
  constructor(stage, seconds) {
    super(`stage ${stage} timed out after ${seconds}s`);
    this.stage = stage;
    this.seconds = seconds;
  }
};
var StageFailed = class extends Error {
  failure;
  constructor(failure) {
    super(failure.message);
    this.failure = failure;
  }
};
var StepStream = class {
  path;
  fd;
  parser;
  offset = 0;
  makeParser;
  constructor(path, makeParser) {
    this.path = path;
    this.fd = openSync(path, "w");
    this.makeParser = makeParser;
    this.parser = makeParser();
  }
  push(chunk) {
    writeSync(this.fd, chunk);
    this.parser.push(chunk);
    this.offset += chunk.length;
  }
  /** Throw away what was received (the whole stream is coming again from another source). */
  restart() {
    closeSync(this.fd);
    this.fd = openSync(this.path, "w");
    this.parser = this.makeParser();
    this.offset = 0;
  }
  close() {
    closeSync(this.fd);
    return this.parser.end();
  }
};
function failedRerunList(results) {
  const { last } = finalStatuses(results);
  const out = [];
  for (const [name, status] of last) {
    if (!FAILING_STATUSES.has(status)) continue;
    const fixture = /^\w+ \((.*)\)$/.exec(name);
    const target = fixture ? fixture[1] ?? name : name;
    out.push(`^${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\.|\\[|$)`);
  }
  return [...new Set(out)];
}
async function runTempest(options) {
  return new TempestRun(options).execute();
}
var TempestRun = class {
  options;
  plan;
  timeouts;
  log;
  nodes;
  controller;
  subnodes;
  warnings = [];
  stages = [];
  stepReports = [];
  stepStreams = [];
  stepResults = [];
  progress;
  lastEmit = 0;
  trailing = null;
  runDeadline = 0;
  constructor(options) {
    this.options = options;
    this.plan = options.plan;
    this.timeouts = options.timeouts;
    this.log = options.log;
    const controllerSpec = options.nodes.find((n) => n.role === "controller");
    const controllerSsh = controllerSpec && !controllerSpec.shell ? new SshNode({
      ...controllerSpec.target,
      afterConnect: controllerSpec.forwards?.length ? (ssh) => forward(ssh, controllerSpec.forwards ?? []) : void 0
    }) : null;
    this.nodes = options.nodes.map((n) => ({
      spec: n,
      ssh: n.shell ?? (n === controllerSpec && controllerSsh ? controllerSsh : new SshNode({
        ...n.target,
        jump: n.viaController && controllerSsh ? controllerSsh : void 0,
        afterConnect: n.forwards?.length ? (ssh) => forward(ssh, n.forwards ?? []) : void 0
      }))
    }));
    const controller = this.nodes.find((n) => n.spec.role === "controller") ?? this.nodes[0];
    if (!controller) throw new Error("no nodes to run on");
    this.controller = controller;
    this.subnodes = this.nodes.filter((n) => n !== controller);
    this.progress = new ProgressModel({
      total: options.total,
      baseline: options.baseline,
      concurrency: options.steps[0]?.concurrency ?? 1,
      startedAt: Date.now()
    });
  }
  async execute() {
    const { options } = this;
    mkdirSync(options.outputDir, { recursive: true });
    let failure = null;
    let timedOut = null;
    let cancelled = false;
    const heartbeat = setInterval(() => {
      if (this.runDeadline !== 0) this.emit();
    }, 3e4);
    try {
      await this.timed("connect", () => this.connect());
      const ordered = options.waitReady !== false;
      if ((ordered ? [this.controller] : this.nodes).some((n) => n.spec.files?.length)) {
        await this.timed("bootstrap", async () => {
          for (const n of ordered ? [this.controller] : this.nodes) await this.installFiles(n);
        });
      }
      const prep = this.preparation();
      if (ordered) await this.timed("wait-ready", () => this.stackInOrder(prep));
      if (ordered && this.subnodes.length && options.discoverHosts) {
        const command = options.discoverHosts;
        await this.timed("discover-hosts", () => this.discoverHosts(command));
      }
      if (!prep.done && prep.command !== null) {
        const command = prep.command;
        await this.timed("prepare", async () => {
          await mustSucceed(this.again, this.controller.ssh, "prepare", command, {
            stdin: prep.input,
            timeoutMs: this.timeouts.prepareSeconds * 1e3,
            signal: options.signal
          });
        });
      }
      this.runDeadline = Date.now() + this.timeouts.runSeconds * 1e3;
      await this.timed("run", () => this.runSteps());
      if (options.rerunFailed) await this.rerunFailed();
    } catch (err) {
      if (err instanceof StageTimeout) timedOut = { stage: err.stage, seconds: err.seconds };
      else if (err instanceof CommandAborted || options.signal.aborted && !(err instanceof StageFailed)) cancelled = true;
      else if (err instanceof StageFailed) failure = err.failure;
      else if (err instanceof ConnectionLost) failure = { stage: "run", node: this.controller.spec.target.name, message: err.message };
      else if (err instanceof CommandTimeout) timedOut = { stage: "run", seconds: err.seconds };
      else if (err instanceof Error && err.name === "UserError") failure = { stage: "connect", node: this.controller.spec.target.name, message: err.message };
      else throw err;
      if (failure) {
        this.log(`infrastructure failure: ${failure.stage} on ${failure.node}: ${failure.message}`);
        if (failure.logTail) this.log(`last lines of the log on ${failure.node}:
${failure.logTail.trimEnd()}`);
      }
    } finally {
      clearInterval(heartbeat);
      if (this.trailing) clearTimeout(this.trailing);
    }
    const logFiles = options.fetchLogs ? await this.timed("fetch-logs", () => this.fetchLogs()) : [];
    for (const n of this.nodes) n.ssh.dispose();
    const subunitPath = join(options.outputDir, "results.subunit");
    const out = openSync(subunitPath, "w");
    for (const s of this.stepStreams) writeSync(out, readFileSync(s.path));
    closeSync(out);
    const results = merge(this.stepResults.filter((r) => r !== void 0));
    this.emit();
    const classification = classifyRun({ failure, timedOut, cancelled, stepExitCodes: this.stepReports.map((s) => s.exitCode), results });
    for (const w of this.warnings) this.log(`warning: ${w}`);
    return { classification, results, subunitPath, logFiles, steps: this.stepReports, stages: this.stages, warnings: this.warnings };
  }
  // ---------------------------------------------------------------- helpers of every phase
  ws(command) {
    return asWorkspaceUser(this.plan, command);
  }
  emit() {
    this.lastEmit = Date.now();
    this.options.onProgress?.(this.progress.snapshot(this.lastEmit));
  }
  /** A finished test: progress at most every `progressIntervalMs`, the last one never lost. */
  onTest = (t) => {
    this.progress.onTest(t);
    const wait = this.lastEmit + (this.options.progressIntervalMs ?? 250) - Date.now();
    if (wait <= 0) this.emit();
    else if (this.trailing === null) {
      this.trailing = setTimeout(() => {
        this.trailing = null;
        this.emit();
      }, wait);
    }
  };
  async timed(stage, fn) {
    const t0 = performance.now();
    this.log(`stage ${stage}: started`);
    try {
      return await fn();
    } finally {
      const seconds = (performance.now() - t0) / 1e3;
      this.stages.push({ stage, seconds });
      this.log(`stage ${stage}: ${seconds.toFixed(1)}s`);
    }
  }
  /**
   * Commands that may simply run again (they write the same files, or only read): a connection
   * that drops under them is reopened and the command repeated.
   */
  again = async (ssh, command, opts) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ssh.exec(command, opts);
      } catch (err) {
        if (!(err instanceof ConnectionLost) || attempt >= 5) throw err;
        this.log(`${err.message}; reconnecting`);
        await ssh.reconnect({ deadlineMs: Date.now() + this.timeouts.reconnectSeconds * 1e3, signal: this.options.signal });
      }
    }
  };
  check(stage, deadline, seconds) {
    if (this.options.signal.aborted) throw new CommandAborted("all nodes");
    if (Date.now() > deadline) throw new StageTimeout(stage, seconds);
  }
  // ---------------------------------------------------------------- 1. connect
  /** Host keys are verified inside SshNode.connect. The controller first: the nodes behind it connect through it. */
  async connect() {
    const deadline = Date.now() + this.timeouts.connectSeconds * 1e3;
    const { controller, signal } = { controller: this.controller, signal: this.options.signal };
    const first = await Promise.allSettled([controller.ssh.reconnect({ deadlineMs: deadline, signal })]);
    const failedFirst = first[0];
    if (failedFirst?.status === "rejected") {
      if (failedFirst.reason instanceof CommandAborted) throw failedFirst.reason;
      throw new StageFailed({ stage: "connect", node: controller.spec.target.name, message: failedFirst.reason.message });
    }
    const rest = await Promise.allSettled(this.subnodes.map((n) => n.ssh.reconnect({ deadlineMs: deadline, signal })));
    for (const [i, s] of rest.entries()) {
      if (s.status === "fulfilled") continue;
      if (s.reason instanceof CommandAborted) throw s.reason;
      throw new StageFailed({ stage: "connect", node: this.subnodes[i]?.spec.target.name ?? "?", message: s.reason.message });
    }
  }
  // ---------------------------------------------------------------- 2. bootstrap
  /**
   * Files the nodes wait for (devstack's secrets): never in a command line, only on stdin. A
   * node's stack script starts stack.sh once its files are there, so the order in which the files
   * go out is the order of the stacking. Without the wait, all go at once.
   */
  async installFiles(n) {
    for (const f of n.spec.files ?? []) {
      await mustSucceed(this.again, n.ssh, "bootstrap", asRoot(installFileCommand(f.path, f.mode), n.spec.sudo), {
        stdin: f.content,
        timeoutMs: this.timeouts.prepareSeconds * 1e3,
        signal: this.options.signal
      });
    }
  }
  // ---------------------------------------------------------------- 3. stack, then map the computes
  /** The lists and the config, built before the wait so that they can ride along with the controller's probe. */
  preparation() {
    const uploads = [];
    for (const [i, step] of this.options.steps.entries()) {
      const files = stepFiles(this.plan, i);
      if (step.include.length) uploads.push({ path: files.include, content: Buffer.from(`${step.include.join("\n")}
`) });
      if (step.exclude.length) uploads.push({ path: files.exclude, content: Buffer.from(`${step.exclude.join("\n")}
`) });
      if (!step.serial && step.workers?.length) uploads.push({ path: files.workers, content: Buffer.from(workerFileYaml(step.workers)) });
    }
    const parts = [];
    if (uploads.length) parts.push(uploadManyCommand(uploads.map((u) => ({ path: u.path, bytes: u.content.length }))));
    if (this.plan.passConfigFile) parts.push(configCommand(this.plan, this.options.overrides));
    const command = parts.length ? this.ws(parts.join(" && ")) : null;
    return { command, input: Buffer.concat(uploads.map((u) => u.content)), done: command === null };
  }
  /**
   * Devstack's multinode order (roles/orchestrate-devstack): the controller alone, since the
   * database, the message queue and Keystone that the subnodes' services join live there; then
   * its CA goes to every subnode and the subnodes stack side by side. A failure on any node is an
   * infrastructure failure naming the node, with the last lines of its stack log.
   */
  async stackInOrder(prep) {
    const deadline = Date.now() + this.timeouts.readySeconds * 1e3;
    const { controller, subnodes } = this;
    await this.waitStacked([controller], deadline, prep);
    if (!subnodes.length) return;
    const share = this.options.shareFromController ?? [];
    if (share.length) {
      const opts = { timeoutMs: this.timeouts.prepareSeconds * 1e3, signal: this.options.signal };
      const archive = await mustSucceed(this.again, controller.ssh, "bootstrap", asRoot(shareArchiveCommand(share), controller.spec.sudo), opts);
      for (const n of subnodes)
        await mustSucceed(this.again, n.ssh, "bootstrap", asRoot(extractArchiveCommand(), n.spec.sudo), { ...opts, stdin: archive.stdout });
      this.log(`copied ${share.join(", ")} from ${controller.spec.target.name} to ${subnodes.length} subnode${subnodes.length === 1 ? "" : "s"}`);
    }
    await settle(subnodes.map((n) => this.installFiles(n)));
    await this.waitStacked(subnodes, deadline, prep);
  }
  /** The last `lines` lines of a node's stack log, devstack's passwords masked. */
  async stackLogTail(n, lines) {
    const r = await this.again(n.ssh, asRoot(logTailCommand(n.spec.markers.log, lines, this.options.redactFile), n.spec.sudo), {
      timeoutMs: 6e4,
      signal: this.options.signal
    });
    return r.stdout.toString("utf8");
  }
  async waitStacked(group, deadline, prep) {
    const { options, controller } = this;
    const progressEvery = (options.stackProgressSeconds ?? 30) * 1e3;
    const started = Date.now();
    const pending = new Set(group);
    this.log(`stacking: ${group.map((n) => n.spec.target.name).join(", ")}`);
    let nextProgress = started + progressEvery;
    while (pending.size) {
      this.check("wait-ready", deadline, this.timeouts.readySeconds);
      const probes = await Promise.all(
        [...pending].map(async (n) => {
          const withPrepare = n === controller && !prep.done && prep.command !== null;
          const command = withPrepare && prep.command !== null ? readyThenCommand(n.spec.markers, prep.command) : readyProbeCommand(n.spec.markers);
          const probe = await this.again(n.ssh, command, { timeoutMs: 6e4, signal: options.signal, ...withPrepare ? { stdin: prep.input } : {} });
          const out = probe.stdout.toString("utf8");
          const then = withPrepare ? thenStatus(out) : null;
          if (then !== null && then !== 0) {
            throw new StageFailed({
              stage: "prepare",
              node: n.spec.target.name,
              message: probe.stderr.toString("utf8").trim().split("\n").slice(-3).join(" / ") || `exit status ${then}`
            });
          }
          if (then === 0) prep.done = true;
          return { n, r: readinessFromProbe(out) };
        })
      );
      const elapsed = formatDuration((Date.now() - started) / 1e3);
      for (const { n, r } of probes) {
        if (r.state === "ready") {
          this.log(`${n.spec.target.name}: devstack is done (${elapsed})`);
          pending.delete(n);
        } else if (r.state === "failed") {
          const logTail = await this.stackLogTail(n, 40);
          const cause = devstackErrorLine(logTail);
          throw new StageFailed({
            stage: "wait-ready",
            node: n.spec.target.name,
            message: `${r.reason} after ${elapsed}${cause ? `: ${cause}` : ""}`,
            logTail
          });
        }
      }
      if (pending.size && Date.now() >= nextProgress) {
        nextProgress = Date.now() + progressEvery;
        const lasts = await Promise.all([...pending].map(async (n) => ({ n, last: (await this.stackLogTail(n, 1).catch(() => "")).trim().slice(0, 160) })));
        for (const { n, last } of lasts) this.log(`stacking: ${n.spec.target.name} (${elapsed})${last ? `: ${last}` : ""}`);
      }
      if (pending.size) await sleep((options.pollSeconds ?? 10) * 1e3, options.signal);
    }
  }
  async discoverHosts(command) {
    const { controller } = this;
    const r = await this.again(controller.ssh, asRoot(command, controller.spec.sudo), {
      timeoutMs: this.timeouts.readySeconds * 1e3,
      signal: this.options.signal
    });
    const out = `${r.stdout.toString("utf8")}${r.stderr.toString("utf8")}`.trim();
    if (r.code !== 0) {
      throw new StageFailed({
        stage: "discover-hosts",
        node: controller.spec.target.name,
        message: out.split("\n").slice(-3).join(" / ") || `exit status ${r.code ?? r.signal}`,
        logTail: out.split("\n").slice(-40).join("\n")
      });
    }
    this.log(`${controller.spec.target.name}: computes mapped to cells${out ? `: ${out.split("\n").at(-1)}` : ""}`);
  }
  // ---------------------------------------------------------------- 4. the steps
  async runSteps() {
    for (const [i, step] of this.options.steps.entries()) await this.runStep(i, step, "run");
  }
  /** The failed tests once more, into one more step: a test that fails, then passes, is flaky. */
  async rerunFailed() {
    const steps = this.options.steps;
    const list = failedRerunList(merge(this.stepResults));
    if (!list.length) return;
    const rerun = { name: "rerun", include: list, exclude: [], concurrency: steps[0]?.concurrency ?? 1, serial: false };
    await this.timed("rerun", async () => {
      const upload = this.ws(uploadCommand(stepFiles(this.plan, steps.length).include));
      await mustSucceed(this.again, this.controller.ssh, "rerun", upload, {
        stdin: `${list.join("\n")}
`,
        timeoutMs: this.timeouts.prepareSeconds * 1e3,
        signal: this.options.signal
      });
      this.log(`rerunning ${list.length} failed test${list.length === 1 ? "" : "s"} once`);
      await this.runStep(steps.length, rerun, "rerun");
    });
  }
  async runStep(index, step, stage) {
    const { plan, timeouts, options } = this;
    const c = this.controller;
    const signal = options.signal;
    const stream = new StepStream(join(options.outputDir, `step${index}.subunit`), () => createResultParser({ onTest: this.onTest, format: "subunit-v2" }));
    this.stepStreams.push(stream);
    const report = { name: step.name, exitCode: null, bytes: 0, recoveries: [] };
    this.stepReports.push(report);
    const status = async () => statusFromOutput((await c.ssh.exec(this.ws(statusCommand(plan, index)), { timeoutMs: 6e4, signal })).stdout.toString());
    let started = false;
    try {
      for (; ; ) {
        const remaining = this.runDeadline - Date.now();
        if (remaining <= 0) throw new CommandTimeout(c.spec.target.name, timeouts.runSeconds);
        const command = started ? followCommand(plan, index, stream.offset) : startCommand(plan, step, index);
        let ended;
        try {
          const r = await c.ssh.exec(this.ws(command), { onStdout: (chunk) => stream.push(chunk), timeoutMs: remaining, signal });
          ended = statusLine(r.stderr.toString("utf8"));
          if (!started) {
            started = true;
            this.log(`step ${step.name}: started`);
          }
          if (ended === null) {
            throw new StageFailed({
              stage,
              node: c.spec.target.name,
              message: r.stderr.toString("utf8").trim().split("\n").slice(-3).join(" / ") || `exit status ${r.code ?? r.signal}`
            });
          }
        } catch (err) {
          if (!(err instanceof ConnectionLost)) throw err;
          this.log(`${err.message}; reconnecting`);
          await c.ssh.reconnect({ deadlineMs: Date.now() + timeouts.reconnectSeconds * 1e3, signal });
          const st = await status();
          if (!started && st.state === "missing") {
            this.log(`${c.spec.target.name}: reconnected; the step had not started, starting it`);
            continue;
          }
          started = true;
          if (st.size >= stream.offset) {
            report.recoveries.push(`resumed the stream at byte ${stream.offset}`);
            this.log(`${c.spec.target.name}: reconnected; resuming the stream at byte ${stream.offset} (run ${st.state})`);
            continue;
          }
          while ((await status()).state === "running") {
            if (Date.now() > this.runDeadline) throw new CommandTimeout(c.spec.target.name, timeouts.runSeconds);
            await sleep(2e3, signal);
          }
          const last = await c.ssh.exec(this.ws(stestrLastCommand(plan, index)), { timeoutMs: 3e5, signal });
          if (last.code !== 0)
            throw new StageFailed({ stage, node: c.spec.target.name, message: `lost the stream and cannot recover it: ${last.stderr.toString().trim()}` });
          stream.restart();
          stream.push(last.stdout);
          report.recoveries.push(`recovered the whole stream (${last.stdout.length} bytes) with stestr last --subunit`);
          this.log(`${c.spec.target.name}: recovered the run with stestr last --subunit`);
          report.exitCode = (await status()).rc;
          break;
        }
        if (ended.state === "running") continue;
        report.exitCode = ended.rc;
        break;
      }
    } catch (err) {
      if (err instanceof CommandTimeout || err instanceof CommandAborted) {
        await this.stopAndDrain(c.ssh, index, stream);
        if (err instanceof CommandTimeout) throw new StageTimeout(stage, timeouts.runSeconds);
      }
      throw err;
    } finally {
      report.bytes = stream.offset;
      this.stepResults[index] = stream.close();
    }
  }
  async stopAndDrain(ssh, index, stream) {
    try {
      if (!ssh.connected) await ssh.reconnect({ deadlineMs: Date.now() + 3e4 });
      const r = await ssh.exec(this.ws(cancelCommand(this.plan, index, 5)), { timeoutMs: 3e4 });
      if (r.code !== 0) throw new Error(r.stderr.toString().trim() || `exit status ${r.code}`);
      this.log(`stopped the remote run of step ${index}`);
      await sleep(1e3);
      await ssh.exec(this.ws(drainCommand(this.plan, index, stream.offset)), { onStdout: (chunk) => stream.push(chunk), timeoutMs: 6e4 });
    } catch (err) {
      this.warnings.push(`could not stop or drain the remote run: ${err.message}`);
    }
  }
  // ---------------------------------------------------------------- 5. logs
  async fetchLogs() {
    const { options, timeouts } = this;
    const logFiles = [];
    const dir = join(options.outputDir, "logs");
    mkdirSync(dir, { recursive: true });
    await Promise.all(
      this.nodes.map(async (n) => {
        const name = n.spec.target.name.replace(/[^A-Za-z0-9_.-]/g, "_");
        try {
          if (!n.ssh.connected) await n.ssh.reconnect({ deadlineMs: Date.now() + 3e4 });
          const paths = n.spec.logPaths ?? defaultLogPaths({ role: n.spec.role, plan: this.plan, markers: n.spec.markers, steps: this.stepReports.length });
          const tar = join(dir, `${name}.tar.gz`);
          await toFile(n.ssh, asRoot(logsArchiveCommand(paths, options.redactFile), n.spec.sudo), tar, timeouts.logsSeconds * 1e3);
          logFiles.push(tar);
          if (n.spec.journal !== false) {
            const journal = join(dir, `${name}-journal.log.gz`);
            await toFile(n.ssh, asRoot(journalCommand(options.redactFile), n.spec.sudo), journal, timeouts.logsSeconds * 1e3);
            logFiles.push(journal);
          }
        } catch (err) {
          this.warnings.push(`logs of ${n.spec.target.name}: ${err.message}`);
        }
      })
    );
    return logFiles;
  }
};
async function settle(items) {
  const failed = (await Promise.allSettled(items)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}
function merge(parts) {
  return makeRunResults(
    "subunit-v2",
    parts.flatMap((p) => p.tests),
    parts.flatMap((p) => p.damage)
  );
}
async function forward(ssh, forwards) {
  for (const f of forwards) await ssh.forwardRemoteToLocal(f.remotePort, f.localHost, f.localPort);
}
async function mustSucceed(exec, ssh, stage, command, options) {
  const r = await exec(ssh, command, options);
  if (r.code !== 0) {
    const why = r.stderr.toString("utf8").trim().split("\n").slice(-3).join(" / ") || `exit status ${r.code ?? r.signal}`;
    throw new StageFailed({ stage, node: ssh.target.name, message: why });
  }
  return r;
}
async function toFile(ssh, command, path, timeoutMs) {
  const file = createWriteStream(path);
  try {
    await ssh.exec(command, { onStdout: (chunk) => file.write(chunk), timeoutMs });
  } finally {
    file.end();
    await finished(file);
  }
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CommandAborted("all nodes"));
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new CommandAborted("all nodes"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// src/stages/run.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/edges/openstack/console-output.ts
async function getConsoleOutput(s, serverId) {
  const res = await s.call("compute", "POST", `/servers/${encodeURIComponent(serverId)}/action`, { json: { "os-getConsoleOutput": { length: null } } });
  const output = res.json?.output;
  if (output !== void 0 && output !== null && typeof output !== "string") throw badAnswer(res, "'output' is not text");
  return output ?? "";
}
async function waitForConsoleHostKeys(s, server, options) {
  const deadline = Date.now() + options.timeoutMs;
  for (; ; ) {
    const trust = parseConsoleHostKeys(await getConsoleOutput(s, server.id));
    if (trust.keys.length || trust.fingerprints.length) return trust;
    if (Date.now() > deadline) {
      throw new UserError(
        `no SSH host key block in the console output of ${server.name} after ${Math.round(options.timeoutMs / 1e3)} s: cannot verify its host key (give --known-hosts instead)`,
        { exitCode: EXIT.infra }
      );
    }
    await defaultSleep(options.pollMs ?? 5e3, options.signal).catch(() => void 0);
    if (options.signal?.aborted) throw new UserError(`cancelled while waiting for ${server.name}'s console`, { exitCode: EXIT.infra });
  }
}

// src/stages/run.ts
async function readRegexList(path) {
  if (path === void 0) return [];
  return (await readText(path)).split(/\r?\n/).map((l) => l.replace(/#.*$/, "").trim()).filter((l) => l !== "");
}
async function readReference(file) {
  const bytes = await readBytes(file);
  const loaded = isJsonDocument(bytes) ? baselineFromBytes(bytes, file, { created: "" }) : null;
  if (loaded && loaded.results === null) {
    const durations = /* @__PURE__ */ new Map();
    for (const t of loaded.baseline.tests) if (t.duration !== null) durations.set(t.name, t.duration);
    return { durations, names: loaded.baseline.tests.map((t) => t.name) };
  }
  const run = loaded?.results ?? parseResults(bytes);
  return { durations: baselineDurations(run), names: [...namesThatRan(run.tests)] };
}
function balancedWorkers(o) {
  if (o.concurrency < 2 || o.reference.size === 0 || o.include.length < 2) return null;
  const ids = [];
  for (const line of o.include) {
    const id = idFromExactRegex(line);
    if (id === null) return null;
    ids.push(id);
  }
  return planWorkers({ ids, workers: o.concurrency, durations: o.reference });
}
async function trustFor(o, nodes, say) {
  const out = /* @__PURE__ */ new Map();
  if (o.knownHosts !== void 0) {
    const text = await readText(o.knownHosts);
    for (const n of nodes) {
      const { keys, revoked } = parseKnownHosts(text, n.host, n.port);
      out.set(n.name, { trust: { keys, fingerprints: [] }, revoked, source: o.knownHosts });
    }
    return out;
  }
  if (nodes.some((n) => n.serverId === void 0)) throw usageError("--known-hosts FILE is required with --host (host keys are never trusted blindly)");
  const session = openSession(o.cloud(), say);
  try {
    for (const n of nodes) {
      say(`reading ${n.name}'s host keys from its console output`);
      const trust = await waitForConsoleHostKeys(
        session,
        { id: n.serverId ?? "", name: n.name },
        { timeoutMs: o.timeouts.readySeconds * 1e3, signal: o.signal }
      );
      out.set(n.name, { trust, revoked: [], source: `the console output of ${n.name}` });
    }
  } finally {
    await session.close();
  }
  return out;
}
async function environmentOf(o) {
  if ("hosts" in o.environment) {
    if (o.identity === void 0) throw usageError("give -i/--identity FILE (the SSH private key)");
    return {
      addresses: o.environment.hosts.map((a) => ({ ...a, viaController: a.role === "subnode" && o.viaController })),
      keyPath: o.identity,
      secrets: null,
      secretsPath: SECRETS_PATH
    };
  }
  const dir = o.environment.stateDir;
  const state = await loadProvisionState(dir);
  if (!state.nodes.some((n) => n.role === "controller"))
    throw new UserError("no controller in nodes (is this what provision wrote?)", { place: { file: join2(dir, "provision.json") } });
  let sub = 0;
  const controllerFloating = state.nodes.some((n) => n.role === "controller" && n.floatingIp);
  const addresses = [...state.nodes].sort((a, b) => a.role === "controller" ? -1 : b.role === "controller" ? 1 : 0).map((n) => ({
    role: n.role === "controller" ? "controller" : "subnode",
    name: n.role === "controller" ? "controller" : `subnode-${++sub}`,
    host: n.floatingIp ?? n.ip,
    port: 22,
    serverId: n.id,
    viaController: n.role !== "controller" && !n.floatingIp && (controllerFloating || o.viaController)
  }));
  return {
    addresses,
    keyPath: o.identity ?? join2(dir, state.privateKeyFile),
    secrets: await readBytes(join2(dir, state.secretsFile)),
    secretsPath: state.secretsPathOnNodes || SECRETS_PATH
  };
}
async function runStage(o) {
  const env = await environmentOf(o);
  const secretsToMask = env.secrets ? secretValues(Buffer.from(env.secrets).toString("utf8")) : [];
  const mask = (text) => maskSecrets(text, secretsToMask);
  const say = (line) => o.log(mask(line));
  const privateKey = await readBytes(env.keyPath);
  const steps = [];
  if (o.include.length || !o.serialInclude.length) {
    const workers = balancedWorkers(o);
    if (workers)
      say(
        `workers: ${workers.groups.length} balanced by the reference's durations (--worker-file): longest ${workers.plan.makespanSeconds.toFixed(1)} s, lower bound ${workers.plan.lowerBoundSeconds.toFixed(1)} s`
      );
    steps.push({
      name: "parallel",
      include: o.include,
      exclude: o.exclude,
      concurrency: o.concurrency,
      serial: false,
      ...workers ? { workers: workers.groups } : {}
    });
  }
  if (o.serialInclude.length) steps.push({ name: "serial", include: o.serialInclude, exclude: o.exclude, concurrency: 1, serial: true });
  const plan = { ...defaultPlanOptions(o.workspace), runCommand: [o.tempest, "run"], runAs: o.runAs };
  const trusts = await trustFor(o, env.addresses, say);
  const nodes = env.addresses.map((a) => {
    const t = trusts.get(a.name);
    return {
      role: a.role,
      viaController: a.viaController ?? false,
      sudo: o.user !== "root",
      markers: o.markers,
      files: env.secrets ? [{ path: env.secretsPath, content: env.secrets, mode: 384 }] : [],
      target: {
        name: a.name,
        host: a.host,
        port: a.port,
        username: o.user,
        privateKey,
        trust: t?.trust ?? { keys: [], fingerprints: [] },
        revoked: t?.revoked ?? [],
        trustSource: t?.source ?? "nothing"
      }
    };
  });
  await mkdir(o.outputDir, { recursive: true });
  const report = await runTempest({
    nodes,
    plan,
    steps,
    overrides: [...environmentOverrides({ computeNodes: nodes.length }), ...o.overrides],
    rerunFailed: o.rerunFailed,
    timeouts: o.timeouts,
    outputDir: o.outputDir,
    fetchLogs: o.fetchLogs,
    redactFile: env.secrets ? env.secretsPath : void 0,
    // Nodes we provisioned run our stack script: the controller's CA goes to the subnodes, and
    // once they are stacked their computes are mapped to cells, as devstack's multinode jobs do.
    ..."stateDir" in o.environment ? { shareFromController: CONTROLLER_SHARED_PATHS, discoverHosts: DISCOVER_HOSTS_COMMAND } : {},
    total: o.total,
    baseline: o.reference,
    progressIntervalMs: 500,
    onProgress: (p) => {
      const line = `progress: ${formatProgress(p)}`;
      if (o.onProgress) o.onProgress(mask(line), p);
      else say(line);
    },
    log: say,
    signal: o.signal
  });
  const resultsFile = join2(o.outputDir, "results.json");
  await writeFile(resultsFile, `${JSON.stringify(report.results)}
`);
  const summary = {
    outcome: report.classification.outcome,
    reason: report.classification.reason,
    exitCode: report.classification.exitCode,
    counts: report.results.counts,
    failed: report.classification.failed,
    flaky: report.classification.flaky,
    steps: report.steps,
    stages: report.stages,
    warnings: report.warnings,
    artifacts: { subunit: report.subunitPath, results: resultsFile, logs: report.logFiles }
  };
  await writeFile(join2(o.outputDir, "run.json"), `${mask(JSON.stringify(summary, null, 2))}
`);
  return { report, summary, mask };
}

export {
  DEFAULT_READY,
  defaultPlanOptions,
  formatProgress,
  selectTests,
  shardRun,
  planShards,
  renderShardPlanText,
  CommandTimeout,
  CommandAborted,
  DEFAULT_TIMEOUTS,
  runTempest,
  readRegexList,
  readReference,
  runStage
};
