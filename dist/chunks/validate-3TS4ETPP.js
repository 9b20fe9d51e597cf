import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  parseGuideline
} from "./chunk-74PQCRED.js";
import {
  parseSet,
  reportText
} from "./chunk-5YSIJN3P.js";
import {
  CommandAborted,
  CommandTimeout,
  DEFAULT_TIMEOUTS,
  defaultPlanOptions,
  formatProgress,
  readReference,
  runTempest
} from "./chunk-YYL6EWH6.js";
import {
  shJoin
} from "./chunk-VMDJOGCR.js";
import "./chunk-6Z2THX75.js";
import {
  CLOUD_HELP,
  CLOUD_OPTIONS,
  cloudFromArgs
} from "./chunk-7YCKZ275.js";
import {
  flag,
  str,
  strs,
  wholeOption,
  writeJson
} from "./chunk-FDIOAVOA.js";
import {
  answerField,
  listFlavors,
  listNetworks,
  networkExtensions,
  openSession
} from "./chunk-ER65E557.js";
import "./chunk-BRQWLC3M.js";
import "./chunk-FYXSTOGF.js";
import {
  passedTests,
  scoreGuideline
} from "./chunk-X4FZVZJY.js";
import {
  parseDuration
} from "./chunk-BRVH2MLK.js";
import "./chunk-JTCS6GEG.js";
import {
  readText
} from "./chunk-P2FODZ67.js";
import "./chunk-6K5OT3X4.js";
import "./chunk-MBFZYV6M.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-AOIPOV6R.js";
import {
  usageError
} from "./chunk-MY7TWMR2.js";
import "./chunk-NQJFE2ZZ.js";

// src/cli/commands/validate.ts
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// src/core/run/tempest-conf.ts
function value(v, key) {
  if (/[\r\n]/.test(v)) throw new Error(`tempest.conf value for ${key} holds a line break`);
  return v.replaceAll("$", "$$$$");
}
function renderTempestConf(c) {
  const has = (t) => c.services.has(t);
  const volume = has("volumev3") || has("block-storage") || has("volume");
  const sections = [
    ["DEFAULT", [["log_file", "tempest.log"]]],
    ["oslo_concurrency", [["lock_path", c.lockPath]]],
    [
      "auth",
      [
        ["use_dynamic_credentials", "True"],
        ["create_isolated_networks", "False"],
        ["admin_username", c.username],
        ["admin_password", c.password],
        ["admin_project_name", c.projectName],
        ["admin_domain_name", c.userDomainName],
        ["default_credentials_domain_name", c.projectDomainName]
      ]
    ],
    [
      "identity",
      [
        ["uri_v3", c.authUrl],
        ["auth_version", "v3"],
        ["region", c.region],
        ["v3_endpoint_type", "public"],
        ["admin_role", "admin"]
      ]
    ],
    [
      "identity-feature-enabled",
      [
        ["api_v2", "False"],
        ["api_v2_admin", "False"],
        ["api_v3", "True"]
      ]
    ],
    [
      "compute",
      [
        ["image_ref", c.images[0] ?? ""],
        ["image_ref_alt", c.images[1] ?? c.images[0] ?? ""],
        ["flavor_ref", c.flavors[0] ?? ""],
        ["flavor_ref_alt", c.flavors[1] ?? c.flavors[0] ?? ""],
        ["min_compute_nodes", String(Math.max(1, c.computeNodes))],
        ["region", c.region]
      ]
    ],
    [
      "compute-feature-enabled",
      [
        ["live_migration", c.computeNodes > 1 ? "True" : "False"],
        ["cold_migration", c.computeNodes > 1 ? "True" : "False"],
        ["vnc_console", "False"],
        ["spice_console", "False"],
        ["serial_console", "False"]
      ]
    ],
    ["image", [["region", c.region]]],
    [
      "network",
      [
        ["region", c.region],
        ["public_network_id", c.publicNetworkId ?? ""],
        ["project_networks_reachable", "False"]
      ]
    ],
    [
      "network-feature-enabled",
      [
        ["ipv6", "False"],
        ["floating_ips", c.publicNetworkId ? "True" : "False"],
        ["api_extensions", c.networkExtensions.join(",") || "all"]
      ]
    ],
    ["placement", [["region", c.region]]],
    [
      "service_available",
      [
        ["nova", has("compute") ? "True" : "False"],
        ["glance", has("image") ? "True" : "False"],
        ["neutron", has("network") ? "True" : "False"],
        ["cinder", volume ? "True" : "False"],
        ["swift", has("object-store") ? "True" : "False"],
        ["horizon", "False"]
      ]
    ],
    ["validation", [["run_validation", "False"]]]
  ];
  const lines = ["# Written by tempest-gate validate: holds the admin password, keep it private."];
  for (const [name, pairs] of sections) {
    lines.push("", `[${name}]`);
    for (const [k, v] of pairs) lines.push(`${k} = ${value(v, `${name}.${k}`)}`);
  }
  return `${lines.join("\n")}
`;
}

// src/edges/local-shell.ts
import { spawn } from "node:child_process";
var LocalShell = class {
  target;
  connected = true;
  env;
  constructor(options) {
    this.target = { name: options.name ?? "localhost" };
    this.env = options.env;
  }
  exec(command, options = {}) {
    return new Promise((resolve2, reject) => {
      const child = spawn("/bin/sh", ["-c", command], { env: this.env, stdio: ["pipe", "pipe", "pipe"] });
      const out = [];
      const err = [];
      let settled = false;
      let timer;
      const finish = (fn) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        fn();
      };
      const onAbort = () => {
        child.kill("SIGTERM");
        finish(() => reject(new CommandAborted(this.target.name)));
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener("abort", onAbort, { once: true });
      if (options.timeoutMs !== void 0) {
        timer = setTimeout(() => {
          child.kill("SIGTERM");
          finish(() => reject(new CommandTimeout(this.target.name, Math.round((options.timeoutMs ?? 0) / 1e3))));
        }, options.timeoutMs);
      }
      child.stdout.on("data", (c) => options.onStdout ? options.onStdout(c) : out.push(c));
      child.stderr.on("data", (c) => err.push(c));
      child.on("error", (e) => finish(() => reject(e)));
      child.on("close", (code, signal) => finish(() => resolve2({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err) })));
      child.stdin.on("error", () => {
      });
      child.stdin.end(options.stdin ?? "");
    });
  }
  async reconnect() {
  }
  dispose() {
  }
};

// src/edges/openstack/discover.ts
var TROUBLESOME_EXTENSIONS = /* @__PURE__ */ new Set(["dhcp_agent_scheduler", "auto-allocated-topology"]);
async function discoverCloud(s, options) {
  const token = await s.keystone.current();
  const services = new Set(token.catalog.map((c) => c.type));
  const auth = s.cloud.auth;
  let flavors = [];
  let images = [];
  let publicNetworkId = null;
  let extensions = [];
  if (services.has("compute")) {
    flavors = (await listFlavors(s)).sort((a, b) => a.ram - b.ram || a.disk - b.disk || a.vcpus - b.vcpus).slice(0, 2).map((f) => f.id);
  }
  if (services.has("image")) {
    const res = await s.call("image", "GET", "/v2/images?status=active&limit=100&sort=created_at:asc");
    images = answerField(res, "images", "list", []).slice(0, 2).map((i) => i.id);
  }
  if (services.has("network")) {
    publicNetworkId = (await listNetworks(s)).find((n) => n["router:external"] === true)?.id ?? null;
    extensions = [...await networkExtensions(s)].filter((e) => !TROUBLESOME_EXTENSIONS.has(e)).sort();
  }
  return {
    authUrl: auth.auth_url ?? "",
    username: auth.username ?? "",
    password: auth.password ?? "",
    projectName: auth.project_name ?? "",
    userDomainName: auth.user_domain_name ?? auth.user_domain_id ?? "Default",
    projectDomainName: auth.project_domain_name ?? auth.project_domain_id ?? "Default",
    region: s.cloud.regionName,
    services,
    images,
    flavors,
    publicNetworkId,
    networkExtensions: extensions,
    computeNodes: options.computeNodes ?? 1,
    lockPath: options.lockPath
  };
}

// src/cli/commands/validate.ts
function exactTestRegex(name) {
  return `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\[|$)`;
}
function guidelineTests(g, targetName) {
  const target = targetName === void 0 ? g.targets.find((t) => t.kind === "platform") ?? g.targets[0] : g.targets.find((t) => t.name === targetName);
  if (!target) throw usageError(`guideline ${g.id} has no target '${targetName}' (it has: ${g.targets.map((t) => t.name).join(", ")})`);
  const tests = /* @__PURE__ */ new Set();
  for (const c of target.components) {
    for (const cap of g.components[c]?.capabilities.required ?? []) for (const t of g.capabilities[cap]?.tests ?? []) tests.add(t.name);
  }
  return { target: target.name, tests: [...tests].sort() };
}
function interopLines(score) {
  return score.targets.map((t) => {
    const r = t.byStatus.required;
    return `interop ${score.guideline} ${t.name}: required ${r.passed}/${r.count} passed${r.percent !== null ? ` (${r.percent.toFixed(1)}%)` : ""}, ${t.compliant ? "compliant" : "not compliant"}`;
  });
}
var validateCommand = {
  name: "validate",
  holds: "the Tempest run and its workspace (the finished tests are kept)",
  summary: "Run Tempest from this machine against an existing cloud (clouds.yaml) and check it against a guideline or baseline.",
  usage: "--os-cloud NAME (--include-list FILE | --guideline FILE | --baseline FILE) [options]",
  options: {
    ...CLOUD_OPTIONS,
    "include-list": { type: "string" },
    "exclude-list": { type: "string" },
    guideline: { type: "string" },
    target: { type: "string" },
    baseline: { type: "string" },
    concurrency: { type: "string" },
    "compute-nodes": { type: "string" },
    set: { type: "string", multiple: true },
    tempest: { type: "string" },
    workspace: { type: "string" },
    timeout: { type: "string" },
    "output-dir": { type: "string", short: "o" }
  },
  help: `Tests (at least one):
      --include-list FILE    Tempest include list (regexes), e.g. from 'select --write-lists'
      --guideline FILE       an Interop guideline (JSON, schema 2.0): its required tests
      --target NAME          the guideline's target (default its first platform)
      --baseline FILE        a baseline (JSON) or a reference run (results JSON, subunit, JUnit): the
                             same tests, and its durations for the ETA
      --exclude-list FILE    Tempest exclude list
Run:
      --concurrency N        workers (default 4)
      --compute-nodes N      [compute] min_compute_nodes (default 1; migrations need 2)
      --set SECTION.KEY=VALUE  tempest.conf override, repeatable
      --tempest PATH         the tempest command (default tempest)
      --workspace DIR        Tempest workspace to create (default a private temporary one, removed after)
      --timeout D            the whole run (default 2h)
  -o, --output-dir DIR       results.subunit, results.json, run.json, logs/ (default tempest-gate-artifacts)
${CLOUD_HELP}
The cloud's credentials must be an admin's: Tempest creates a project and user per test class.
tempest.conf is generated from the catalog, the two smallest flavors, two active images, the
external network and Neutron's extensions; it holds the password, so it is written mode 0600 and
never copied to the artifacts. Then compare as for a gate run:
  tempest-gate compare --baseline FILE --results DIR/results.subunit
Exit codes:
  0  every test passed or was skipped (and, with --guideline, the target is compliant)
  1  tests failed, or the target is not compliant
  2  usage error
  3  a bad input file
  4  the cloud failed (credentials refused, unreachable), Tempest produced no results, timeout, cancelled`,
  async run(args, io) {
    const includeFile = str(args, "include-list");
    const guidelineFile = str(args, "guideline");
    const baselineFile = str(args, "baseline");
    if (!includeFile && !guidelineFile && !baselineFile) throw usageError("give --include-list, --guideline or --baseline (see --help)");
    const concurrency = wholeOption(args, "concurrency", { min: 1, fallback: 4 });
    const computeNodes = wholeOption(args, "compute-nodes", { min: 1, fallback: 1 });
    const overrides = strs(args, "set").map(parseSet);
    const timeoutText = str(args, "timeout");
    const runSeconds = timeoutText === void 0 ? DEFAULT_TIMEOUTS.runSeconds : parseDuration(timeoutText, "--timeout") / 1e3;
    const say = (line) => void io.stderr.write(`${line}
`);
    const lines = (text) => text.split(/\r?\n/).map((l) => l.replace(/#.*$/, "").trim()).filter(Boolean);
    const include = includeFile ? lines(await readText(includeFile)) : [];
    const exclude = str(args, "exclude-list") ? lines(await readText(str(args, "exclude-list") ?? "")) : [];
    let guideline = null;
    if (guidelineFile) {
      guideline = parseGuideline(await readText(guidelineFile), guidelineFile);
      const { target, tests } = guidelineTests(guideline, str(args, "target"));
      say(`guideline ${guideline.id}, ${target}: ${tests.length} required tests`);
      include.push(...tests.map(exactTestRegex));
    }
    let durations = /* @__PURE__ */ new Map();
    if (baselineFile) {
      const ref = await readReference(baselineFile);
      durations = ref.durations;
      include.push(...ref.names.map(exactTestRegex));
    }
    const cloud = cloudFromArgs(args, io);
    const ownWorkspace = str(args, "workspace") === void 0;
    const root = ownWorkspace ? mkdtempSync(join(tmpdir(), "tempest-gate-validate-")) : resolve(io.cwd, str(args, "workspace") ?? "");
    const ws = join(root, "tempest");
    try {
      mkdirSync(root, { recursive: true, mode: 448 });
      const session = openSession(cloud, say);
      let conf;
      try {
        say(`discovering what cloud '${cloud.name}' offers`);
        const found = await discoverCloud(session, { lockPath: join(ws, "tempest_lock"), computeNodes });
        found.region ||= "RegionOne";
        conf = renderTempestConf(found);
        say(
          `services: ${[...found.services].sort().join(", ")}; images ${found.images.length}, flavors ${found.flavors.length}${found.publicNetworkId ? ", an external network" : ""}`
        );
      } finally {
        await session.close();
      }
      const shell = new LocalShell({ env: io.env });
      const tempest = str(args, "tempest") ?? "tempest";
      const init = await shell.exec(shJoin([tempest, "init", "--workspace-path", join(root, "workspace.yaml"), ws]));
      if (init.code !== 0) throw usageError(`'${tempest} init' failed: ${init.stderr.toString().trim().split("\n").at(-1) ?? ""}`);
      writeFileSync(join(ws, "etc", "tempest.conf"), conf, { mode: 384 });
      chmodSync(join(ws, "etc", "tempest.conf"), 384);
      const outputDir = resolve(io.cwd, str(args, "output-dir") ?? "tempest-gate-artifacts");
      const steps = [{ name: "validate", include, exclude, concurrency, serial: false }];
      const report = await runTempest({
        nodes: [
          {
            role: "controller",
            sudo: false,
            shell,
            journal: false,
            markers: { done: "", failed: "", log: "" },
            logPaths: [join(ws, "tempest.log")],
            target: {
              name: "localhost",
              host: "localhost",
              port: 0,
              username: "",
              privateKey: "",
              trust: { keys: [], fingerprints: [] },
              trustSource: "local"
            }
          }
        ],
        plan: { ...defaultPlanOptions(ws), runCommand: [tempest, "run"] },
        steps,
        overrides,
        rerunFailed: false,
        waitReady: false,
        timeouts: { ...DEFAULT_TIMEOUTS, runSeconds },
        outputDir,
        fetchLogs: true,
        total: null,
        baseline: durations,
        progressIntervalMs: 500,
        onProgress: (p) => say(`progress: ${formatProgress(p)}`),
        log: say,
        signal: io.signal
      });
      const score = guideline ? scoreGuideline(guideline, passedTests([report.results])) : null;
      const summary = {
        cloud: cloud.name,
        outcome: report.classification.outcome,
        reason: report.classification.reason,
        exitCode: report.classification.exitCode,
        counts: report.results.counts,
        failed: report.classification.failed,
        interop: score?.targets.map((t) => ({ guideline: score.guideline, target: t.name, compliant: t.compliant, required: t.byStatus.required })) ?? null,
        artifacts: { subunit: report.subunitPath, logs: report.logFiles }
      };
      writeFileSync(join(outputDir, "results.json"), `${JSON.stringify(report.results)}
`);
      writeFileSync(join(outputDir, "run.json"), `${JSON.stringify(summary, null, 2)}
`);
      if (flag(args, "json")) writeJson(io, summary);
      else io.stdout.write(`${reportText(report, outputDir)}${score ? `${interopLines(score).join("\n")}
` : ""}`);
      if (report.classification.exitCode === 0 && score && score.targets.some((t) => !t.compliant)) return 1;
      return report.classification.exitCode;
    } finally {
      if (ownWorkspace) rmSync(root, { recursive: true, force: true });
    }
  }
};
export {
  exactTestRegex,
  guidelineTests,
  validateCommand
};
