import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  isBaselineName
} from "./chunk-X7KFTTWK.js";
import {
  changeUnderTestLocalrc,
  parseDuration,
  parseLocalrcEntries
} from "./chunk-BRVH2MLK.js";
import {
  require_dist
} from "./chunk-JTCS6GEG.js";
import {
  getBooleanInput,
  getInput,
  setSecret
} from "./chunk-KXWUZ2QK.js";
import {
  EXIT,
  UserError
} from "./chunk-MY7TWMR2.js";
import {
  __toESM
} from "./chunk-NQJFE2ZZ.js";

// src/action/inputs.ts
import { readFileSync } from "node:fs";
var import_yaml = __toESM(require_dist(), 1);
var SECRET_KEYS = /(password|secret|token|credential|key)$/i;
var OS_SECRET_VARS = ["OS_PASSWORD", "OS_APPLICATION_CREDENTIAL_SECRET", "OS_TOKEN", "OS_AUTH_TOKEN", "OS_CLIENT_SECRET"];
function mask(value, secrets, options = {}) {
  if (value.trim() === "") return;
  setSecret(value);
  secrets.push(value);
  if (options.perLine && value.includes("\n")) {
    for (const line of value.split(/\r?\n/)) {
      if (line.trim().length >= 4) {
        setSecret(line.trim());
        secrets.push(line.trim());
      }
    }
  }
}
function maskCloudsYaml(text, secrets) {
  let doc;
  try {
    doc = (0, import_yaml.parse)(text);
  } catch (err) {
    mask(text, secrets, { perLine: true });
    const pos = err.linePos?.[0];
    throw new UserError(`input 'clouds-yaml' is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ""}`, { exitCode: EXIT.usage });
  }
  const walk = (v, key) => {
    if (typeof v === "string" || typeof v === "number") {
      if (SECRET_KEYS.test(key)) mask(String(v), secrets);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(doc, "");
  if (!doc || typeof doc !== "object" || !("clouds" in doc)) {
    throw new UserError("input 'clouds-yaml' has no top-level 'clouds:' mapping", { exitCode: EXIT.usage });
  }
}
function input(name) {
  return getInput(name).trim();
}
function oneOf(name, allowed, fallback) {
  const v = input(name) || fallback;
  if (!allowed.includes(v)) {
    throw new UserError(`input '${name}' must be one of ${allowed.join(", ")}; got '${v}'`, { exitCode: EXIT.usage });
  }
  return v;
}
function bool(name, fallback) {
  if (input(name) === "") return fallback;
  try {
    return getBooleanInput(name);
  } catch {
    throw new UserError(`input '${name}' must be true or false; got '${input(name)}'`, { exitCode: EXIT.usage });
  }
}
function durationSeconds(name) {
  const v = input(name);
  if (v === "") return null;
  const ms = parseDuration(v, `input '${name}'`);
  if (ms <= 0) throw new UserError(`input '${name}' must be longer than 0s; got '${v}'`, { exitCode: EXIT.usage });
  return ms / 1e3;
}
function wholeNumber(name, min, max, fallback) {
  const v = input(name);
  if (v === "") return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UserError(`input '${name}' must be a whole number from ${min} to ${max}; got '${v}'`, { exitCode: EXIT.usage });
  }
  return Number(v);
}
function checkBaselineRef(text) {
  if (text === "") return null;
  const m = /^([a-z]+):/.exec(text);
  if (!m) return text;
  if (m[1] === "git") {
    if (!/^git:[^:]+:.+$/.test(text))
      throw new UserError(`input 'baseline': '${text}' must be git:BRANCH:NAME (e.g. git:tempest-baselines:master)`, { exitCode: EXIT.usage });
    return text;
  }
  if (m[1] === "artifact") {
    if (text === "artifact:") throw new UserError("input 'baseline': 'artifact:' needs a branch, e.g. artifact:master", { exitCode: EXIT.usage });
    return text;
  }
  throw new UserError(`input 'baseline': unknown source '${m[1]}:'; use a file path, a stored name (e.g. master), git:BRANCH:NAME or artifact:BRANCH`, {
    exitCode: EXIT.usage
  });
}
function readEvent(env) {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new UserError(`GITHUB_EVENT_PATH '${path}' is not a readable JSON event payload`, { exitCode: EXIT.usage });
  }
}
function baseBranchOf(pr, env) {
  if (pr?.base?.ref) return pr.base.ref;
  if (env.GITHUB_BASE_REF) return env.GITHUB_BASE_REF;
  const ref = env.GITHUB_REF ?? "";
  if (ref.startsWith("refs/heads/")) return ref.slice("refs/heads/".length);
  return null;
}
function baselineCandidates(baseBranch) {
  const own = baseBranch !== null && isBaselineName(baseBranch) ? [baseBranch] : [];
  return [.../* @__PURE__ */ new Set([...own, "master"])];
}
function autoDevstackBranch(baseBranch) {
  return baseBranch !== null && (baseBranch === "master" || /^stable\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(baseBranch)) ? baseBranch : "master";
}
function readContext(env = process.env) {
  const event = readEvent(env);
  const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const pr = event.pull_request;
  let pullRequest = null;
  if (pr && typeof pr.number === "number") {
    const baseRepo = pr.base?.repo?.full_name ?? `${owner}/${repo}`;
    const headRepo = pr.head?.repo?.full_name ?? "";
    pullRequest = { number: pr.number, headSha: pr.head?.sha ?? env.GITHUB_SHA ?? "", headRepo, baseRepo, fromFork: headRepo !== baseRepo };
  }
  const wr = event.workflow_run;
  const serverUrl = env.GITHUB_SERVER_URL ?? "https://github.com";
  return {
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    serverUrl,
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? "",
    sha: pullRequest?.headSha ?? env.GITHUB_SHA ?? "",
    pullRequest,
    workflowRun: wr && typeof wr.id === "number" ? { id: wr.id, headSha: wr.head_sha ?? "", event: wr.event ?? "" } : null,
    runUrl: env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : null,
    job: env.GITHUB_JOB ?? "tempest-gate",
    baseBranch: baseBranchOf(pr, env)
  };
}
function readSettings(env = process.env) {
  const secrets = [];
  const githubToken = input("github-token");
  mask(githubToken, secrets);
  const cloudsYaml = getInput("clouds-yaml");
  mask(cloudsYaml, secrets);
  for (const name of OS_SECRET_VARS) mask(env[name] ?? "", secrets);
  if (cloudsYaml.trim() !== "") maskCloudsYaml(cloudsYaml, secrets);
  if (githubToken === "") {
    throw new UserError(
      "input 'github-token' is empty: leave it at its default (${{ github.token }}) and grant the job `permissions: { checks: write, pull-requests: write }`",
      { exitCode: EXIT.usage }
    );
  }
  const cloudName = input("cloud") || env.OS_CLOUD || "";
  const fromEnv = (env.OS_AUTH_URL ?? "") !== "";
  const cloud = cloudsYaml.trim() !== "" || fromEnv || cloudName !== "" ? { name: cloudName || null, cloudsYaml: cloudsYaml.trim() === "" ? null : cloudsYaml, fromEnv } : null;
  const context = readContext(env);
  const baselineInput = input("baseline");
  const devstackInput = input("devstack-branch");
  const commentKey = input("comment-key") || env.GITHUB_JOB || "tempest-gate";
  const uploadArtifacts = bool("upload-artifacts", true);
  const settings = {
    githubToken,
    results: input("results") || null,
    reportFrom: input("report-from") || null,
    shardCount: wholeNumber("shard-count", 1, 256, 1),
    shardIndex: wholeNumber("shard-index", 0, 255, 0),
    mergeFrom: input("merge-from") || null,
    cloud,
    nodeCount: wholeNumber("node-count", 1, 16, 2),
    flavor: input("flavor") || null,
    image: input("image") || null,
    devstackBranch: devstackInput === "auto" ? autoDevstackBranch(context.baseBranch) : devstackInput || "master",
    devstackRepo: input("devstack-repo") || "https://opendev.org/openstack/devstack",
    network: input("network") || null,
    floatingNetwork: input("floating-network") || null,
    securityGroup: input("security-group") || null,
    sshCidr: input("ssh-cidr") || "0.0.0.0/0",
    connectSeconds: durationSeconds("connect-timeout"),
    devstackLocalrc: {},
    rules: input("rules") || null,
    testList: input("test-list") || null,
    baseline: baselineInput === "auto" ? null : checkBaselineRef(baselineInput),
    baselineCandidates: baselineInput === "auto" ? baselineCandidates(context.baseBranch) : [],
    baselineStore: input("baseline-store") || "git:tempest-baselines",
    knownFailures: input("known-failures") || null,
    guidelines: input("guideline") ? [input("guideline")] : [],
    rerunFailed: bool("rerun-failed", false),
    concurrency: wholeNumber("concurrency", 1, 64, 4),
    nodeLogs: bool("node-logs", true),
    failOn: oneOf("fail-on", ["regressions", "failures", "never"], "regressions"),
    commentMode: oneOf("comment-mode", ["update", "on-failure", "off"], "update"),
    commentKey,
    checkRun: bool("check-run", true),
    checkName: input("check-name") || "tempest-gate",
    artifactName: uploadArtifacts ? input("artifact-name") || "tempest-gate-report" : null,
    reportDir: input("report-dir") || `${env.RUNNER_TEMP ?? "."}/tempest-gate`,
    secrets,
    context
  };
  if (settings.shardCount > 1 && settings.mergeFrom === null && settings.artifactName !== null)
    settings.artifactName = `${settings.artifactName}-shard-${settings.shardIndex}`;
  const headRepo = context.pullRequest?.headRepo || `${context.owner}/${context.repo}`;
  settings.devstackLocalrc = {
    ...bool("deploy-change", true) && context.sha !== "" ? changeUnderTestLocalrc({ serverUrl: context.serverUrl, headRepo, headSha: context.sha }) : {},
    ...parseLocalrcEntries(
      input("devstack-localrc").split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#")),
      "input 'devstack-localrc'"
    )
  };
  if (settings.results && settings.reportFrom) {
    throw new UserError("inputs 'results' and 'report-from' cannot both be set: 'report-from' publishes a finished report", { exitCode: EXIT.usage });
  }
  if (settings.shardIndex >= settings.shardCount) {
    throw new UserError(
      `input 'shard-index' must be below 'shard-count' (0..${settings.shardCount - 1}); got ${settings.shardIndex} of ${settings.shardCount}`,
      { exitCode: EXIT.usage }
    );
  }
  const modes = ["results", "reportFrom", "mergeFrom"].filter((k) => settings[k] !== null);
  if (settings.mergeFrom !== null && modes.length > 1) {
    throw new UserError("input 'merge-from' merges the shards' artifacts: it cannot be combined with 'results' or 'report-from'", { exitCode: EXIT.usage });
  }
  if (settings.mergeFrom !== null && settings.shardIndex !== 0) {
    throw new UserError("input 'merge-from' is for the merge job, which runs no shard: leave 'shard-index' unset", { exitCode: EXIT.usage });
  }
  if (settings.mergeFrom !== null && !/^[^"<>:|?\\/\r\n]+$/.test(settings.mergeFrom)) {
    throw new UserError(
      `input 'merge-from' is an artifact name pattern ('*' for any characters) and may not contain " < > : | ? \\ / or newlines; got '${settings.mergeFrom}'`,
      {
        exitCode: EXIT.usage
      }
    );
  }
  if (settings.artifactName !== null && !/^[^"<>:|*?\\/\r\n]+$/.test(settings.artifactName)) {
    throw new UserError(`input 'artifact-name' may not contain " < > : | * ? \\ / or newlines; got '${settings.artifactName}'`, { exitCode: EXIT.usage });
  }
  return settings;
}
function requireCloudInputs(settings) {
  if (settings.flavor === null) throw new UserError("input 'flavor' is required to provision nodes (e.g. flavor: m1.xlarge)", { exitCode: EXIT.usage });
  if (settings.image === null) throw new UserError("input 'image' is required to provision nodes (e.g. image: ubuntu-24.04)", { exitCode: EXIT.usage });
}

// src/action/state.ts
var STATE = {
  /** Set by main as soon as it starts: the post step knows main ran (even if it crashed later). */
  started: "tempest-gate-started",
  /** The run id every cloud resource of this run is marked with; cleanup deletes by it. Saved before provisioning starts. */
  runId: "tempest-gate-run-id",
  /** The cloud name (not credentials: the post step reads those from its own inputs again). */
  cloudName: "tempest-gate-cloud-name"
};

export {
  readSettings,
  requireCloudInputs,
  STATE
};
