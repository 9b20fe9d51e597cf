import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  dataFile
} from "./chunk-B3CI7MJK.js";
import {
  parseGuideline
} from "./chunk-ENGQU5TL.js";
import {
  damageLine
} from "./chunk-UO5VQ6MQ.js";
import {
  EMPTY_CONTEXT,
  baselineFromBytes,
  compareInterop,
  compareRuns,
  emptyBaseline,
  gateVerdict,
  parseKnownFailures,
  passedTests,
  scoreGuideline,
  summarizeRuns
} from "./chunk-DL3IDDDG.js";
import {
  readBytes,
  readText,
  writeOutput
} from "./chunk-ZELLUOP7.js";
import {
  EXIT,
  UserError,
  usageError
} from "./chunk-XOD6W3JI.js";

// src/edges/baseline-store.ts
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
var DEFAULT_STORE = "git:tempest-baselines";
function checkName(name) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(name) || name.includes("..")) {
    throw new UserError(`'${name}' is not a baseline name (a branch or release such as master or stable/2025.2)`, { exitCode: EXIT.usage });
  }
  return name;
}
function directoryStore(dir) {
  const root = resolve(dir);
  return {
    spec: `dir:${dir}`,
    async list() {
      const out = [];
      const walk = async (d) => {
        let entries;
        try {
          entries = await readdir(d, { withFileTypes: true });
        } catch (err) {
          if (err.code === "ENOENT") return;
          throw new UserError(`cannot list baselines: ${err.message}`, { place: { file: d } });
        }
        for (const e of entries) {
          const p = join(d, e.name);
          if (e.isDirectory()) await walk(p);
          else if (e.name.endsWith(".json")) out.push({ name: relative(root, p).slice(0, -5).split(sep).join("/"), source: p });
        }
      };
      await walk(root);
      return out.sort((a, b) => a.name < b.name ? -1 : 1);
    },
    async read(name) {
      const file = join(root, `${checkName(name)}.json`);
      try {
        await stat(file);
      } catch {
        throw new UserError(`no baseline '${name}' in ${dir}`, { place: { file } });
      }
      return { text: await readText(file), source: file };
    },
    async write(name, text) {
      const file = join(root, `${checkName(name)}.json`);
      await writeOutput(file, text);
      return file;
    }
  };
}
function git(args, options) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("git", args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, GIT_TERMINAL_PROMPT: "0" },
      stdio: [options.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"]
    });
    const out = [];
    const err = [];
    child.stdout?.on("data", (c) => out.push(c));
    child.stderr?.on("data", (c) => err.push(c));
    child.on("error", (e) => {
      reject(new UserError(`cannot run git: ${e.code === "ENOENT" ? "git is not installed" : e.message}`, { exitCode: EXIT.infra }));
    });
    child.on("close", (code) => resolvePromise({ code: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
    if (child.stdin) {
      child.stdin.on("error", () => {
      });
      child.stdin.end(options.input);
    }
  });
}
function firstLine(text) {
  return text.trim().split("\n")[0] ?? "";
}
function gitStore(repo, branch) {
  const spec = `git:${branch}`;
  const ref = `refs/heads/${branch}`;
  const pathOf = (name) => `baselines/${checkName(name)}.json`;
  const must = async (args, what, extra = {}) => {
    const r = await git(args, { cwd: repo, ...extra });
    if (r.code !== 0) throw new UserError(`${what}: git ${args[0]} failed: ${firstLine(r.stderr)}`, { exitCode: EXIT.infra, place: { file: repo } });
    return r.stdout;
  };
  const checkRepo = async () => {
    const r = await git(["rev-parse", "--git-dir"], { cwd: repo });
    if (r.code !== 0) throw new UserError(`not a git repository (baselines store ${spec})`, { place: { file: repo } });
  };
  const head = async () => {
    const r = await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: repo });
    return r.code === 0 ? r.stdout.trim() : null;
  };
  const store = {
    spec,
    async list() {
      await checkRepo();
      if (await head() === null) return [];
      const out = await must(["ls-tree", "-r", "--name-only", ref, "--", "baselines/"], `cannot list ${spec}`);
      return out.split("\n").filter((p) => p.startsWith("baselines/") && p.endsWith(".json")).map((p) => ({ name: p.slice("baselines/".length, -5), source: `${spec}:${p}` }));
    },
    async read(name) {
      await checkRepo();
      const path = pathOf(name);
      if (await head() === null) throw new UserError(`no baseline '${name}': branch '${branch}' does not exist (create it with 'tempest-gate baseline promote ${name}')`, { place: { file: repo } });
      const r = await git(["cat-file", "blob", `${ref}:${path}`], { cwd: repo });
      if (r.code !== 0) {
        const known = (await store.list()).map((b) => b.name);
        throw new UserError(`no baseline '${name}' in ${spec}${known.length ? ` (known: ${known.join(", ")})` : " (it holds none yet)"}`, { place: { file: repo } });
      }
      return { text: r.stdout, source: `${spec}:${path}` };
    },
    async write(name, text, message) {
      await checkRepo();
      const path = pathOf(name);
      const parent = await head();
      const blob = (await must(["hash-object", "-w", "--stdin"], "cannot store the baseline", { input: text })).trim();
      const tmp = await mkdtemp(join(tmpdir(), "tempest-gate-index-"));
      try {
        const env = { GIT_INDEX_FILE: join(tmp, "index") };
        if (parent) await must(["read-tree", parent], "cannot read the baselines branch", { env });
        else await must(["read-tree", "--empty"], "cannot start the baselines branch", { env });
        await must(["update-index", "--add", "--cacheinfo", `100644,${blob},${path}`], "cannot stage the baseline", { env });
        const tree = (await must(["write-tree"], "cannot write the tree", { env })).trim();
        const ident = await identity(repo);
        const commit = (await must(["commit-tree", tree, ...parent ? ["-p", parent] : [], "-m", message], "cannot commit the baseline", { env: { ...env, ...ident } })).trim();
        await must(["update-ref", "-m", `tempest-gate: ${message}`, ref, commit, parent ?? ""], `cannot update ${ref}`);
        return commit;
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    }
  };
  return store;
}
async function identity(repo) {
  const name = await git(["config", "user.name"], { cwd: repo });
  const email = await git(["config", "user.email"], { cwd: repo });
  const env = {};
  if (name.code !== 0 || !name.stdout.trim()) env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = "tempest-gate";
  if (email.code !== 0 || !email.stdout.trim()) env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = "tempest-gate@localhost";
  return env;
}
async function pushStore(repo, branch, remote) {
  const r = await git(["push", remote, `refs/heads/${branch}:refs/heads/${branch}`], { cwd: repo });
  if (r.code !== 0) throw new UserError(`cannot push ${branch} to ${remote}: ${firstLine(r.stderr)}`, { exitCode: EXIT.infra });
}
function artifactStore(artifact, github) {
  const [owner, repo] = (github?.repository ?? "").split("/");
  if (!github?.token || !owner || !repo) {
    const unavailable = () => {
      throw new UserError(`artifact baselines need GITHUB_TOKEN (actions:read) and GITHUB_REPOSITORY=owner/repo, as in a GitHub Actions job; elsewhere download the artifact and pass its file to --baseline`, { exitCode: EXIT.usage });
    };
    return { spec: `artifact:${artifact}`, list: async () => unavailable(), read: async () => unavailable(), write: async () => unavailable() };
  }
  const options = { token: github.token, owner, repo, apiUrl: github.apiUrl, artifact, ...github.workflow ? { workflow: github.workflow } : {} };
  const inner = async () => (await import("./baseline-artifact-HXI262JI.js")).githubArtifactStore(options);
  return {
    spec: `artifact:${artifact}`,
    list: async () => (await inner()).list(),
    read: async (name) => (await inner()).read(name),
    write: async (name, text, message) => (await inner()).write(name, text, message)
  };
}
var DEFAULT_ARTIFACT = "tempest-gate-baseline";
function openStore(spec, repo, github) {
  if (spec.startsWith("git:")) {
    const branch = spec.slice(4);
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) || branch.includes("..")) throw new UserError(`'${branch}' is not a branch name (store ${spec})`, { exitCode: EXIT.usage });
    return gitStore(repo, branch);
  }
  if (spec.startsWith("dir:")) return directoryStore(resolve(repo, spec.slice(4)));
  if (spec === "artifact" || spec.startsWith("artifact:")) return artifactStore(spec.slice(9) || DEFAULT_ARTIFACT, github);
  throw new UserError(`unknown baseline store '${spec}' (use git:BRANCH, dir:PATH or artifact:NAME)`, { exitCode: EXIT.usage });
}
async function resolveBaselineRef(ref, options) {
  const gitRef = /^git:([^:]+):(.+)$/.exec(ref);
  if (gitRef) return { kind: "stored", ...await gitStore(options.repo, gitRef[1] ?? "").read(gitRef[2] ?? "") };
  if (ref.startsWith("artifact:")) return { kind: "stored", ...await artifactStore(DEFAULT_ARTIFACT, options.github).read(ref.slice(9)) };
  if (ref === "-") return { kind: "file", path: ref };
  const asFile = resolve(options.repo, ref);
  const isFile = await stat(asFile).then(
    (s) => s.isFile(),
    () => false
  );
  if (isFile || /\.(json|subunit)$/.test(ref)) return { kind: "file", path: asFile };
  return { kind: "stored", ...await openStore(options.store, options.repo, options.github).read(ref) };
}
async function loadBaselineRef(ref, options) {
  const found = await resolveBaselineRef(ref, options);
  if (found.kind === "stored") {
    return { ...baselineFromBytes(Buffer.from(found.text, "utf8"), found.source, options), source: found.source };
  }
  if (found.path === "-") {
    if (!options.stdin) throw new UserError("'-' (standard input) is not available here", { exitCode: EXIT.usage });
    return { ...baselineFromBytes(await options.stdin(), "<stdin>", options), source: "<stdin>" };
  }
  return { ...baselineFromBytes(await readBytes(found.path), ref, options), source: ref };
}

// src/stages/baseline.ts
async function loadBaseline(options) {
  const loaded = await loadBaselineRef(options.ref, {
    store: options.store ?? DEFAULT_STORE,
    repo: options.repo,
    created: options.created,
    github: options.github,
    stdin: options.stdin
  });
  const line = loaded.results ? damageLine(loaded.source, loaded.results) : null;
  return { baseline: loaded.baseline, source: loaded.source, damage: line ? [line] : [] };
}
async function loadKnownFailures(file) {
  if (file === null || file === void 0) return null;
  return parseKnownFailures(await readText(file), file);
}
var BUILTIN_GUIDELINES = ["2020.06"];
function guidelinePath(spec) {
  const m = /^builtin:(.+)$/.exec(spec);
  if (!m) return spec;
  const id = m[1] ?? "";
  if (!BUILTIN_GUIDELINES.includes(id)) throw usageError(`no built-in guideline '${id}' (built in: ${BUILTIN_GUIDELINES.map((g) => `builtin:${g}`).join(", ")}; or give a file)`);
  return dataFile("interop", `${id}.json`);
}
async function loadGuidelines(specs) {
  const out = [];
  for (const spec of specs) {
    const file = guidelinePath(spec);
    out.push(parseGuideline(await readText(file), spec.startsWith("builtin:") ? spec : file));
  }
  return out;
}

// src/stages/judge.ts
function judgeRuns(options) {
  const passed = options.guidelines?.length ? passedTests(options.runs) : null;
  const interop = passed ? (options.guidelines ?? []).map((g) => scoreGuideline(g, passed)) : [];
  const summary = summarizeRuns(options.runs, { context: { ...EMPTY_CONTEXT, ...options.context } });
  const base = options.baseline;
  const diff = compareRuns(base ? base.baseline : emptyBaseline(options.now), summary, {
    failOn: options.failOn,
    knownFailures: options.knownFailures ?? null,
    today: options.today,
    ...options.relativeThreshold !== void 0 ? { relativeThreshold: options.relativeThreshold } : {},
    ...options.absoluteThreshold !== void 0 ? { absoluteThreshold: options.absoluteThreshold } : {},
    baselineLabel: base ? base.source : "no baseline",
    runLabel: options.runLabel ?? null,
    interop: interop[0] ?? null
  });
  const verdict = gateVerdict({
    diff,
    hasBaseline: base !== null,
    damage: [...base?.damage ?? [], ...options.damage ?? []],
    infrastructure: options.infrastructure ?? null
  });
  const guideline = options.guidelines?.[0];
  if (guideline && base && passed) {
    const before = { names: /* @__PURE__ */ new Set(), ids: /* @__PURE__ */ new Set() };
    for (const t of base.baseline.tests) {
      if (t.outcome !== "pass") continue;
      before.names.add(t.name);
      if (t.idempotentId !== null) before.ids.add(t.idempotentId);
    }
    const ran = new Set(options.runs.flatMap((r) => r.tests.filter((t) => t.status !== "exists").map((t) => t.name)));
    diff.interopChange = compareInterop(guideline, options.interopTarget ?? guideline.targets[0]?.name ?? "platform", before, passed, ran);
  }
  diff.verdict = { ...diff.verdict, failed: verdict.result !== "pass", reason: verdict.reason, blocking: verdict.blocking };
  return { diff, verdict, interop, hasBaseline: base !== null };
}

export {
  DEFAULT_STORE,
  checkName,
  pushStore,
  openStore,
  loadBaseline,
  loadKnownFailures,
  loadGuidelines,
  judgeRuns
};
