import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  readBytes,
  readText,
  writeOutput
} from "./chunk-P2FODZ67.js";
import {
  baselineFromBytes,
  baselineFromJson,
  baselineFromText,
  isJsonDocument
} from "./chunk-6K5OT3X4.js";
import {
  BaselineNotFound
} from "./chunk-4E3TQ2AB.js";
import {
  EXIT,
  UserError
} from "./chunk-MY7TWMR2.js";

// src/edges/baseline-store.ts
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
var DEFAULT_STORE = "git:tempest-baselines";
function isBaselineName(name) {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(name) && !name.includes("..");
}
function checkName(name) {
  if (!isBaselineName(name)) {
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
        throw new BaselineNotFound(`no baseline '${name}' in ${dir}`, `no ${name}.json`, { place: { file } });
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
var DEFAULT_REMOTE = "origin";
function gitStore(repo, branch, options = {}) {
  const spec = `git:${branch}`;
  const remote = options.remote ?? DEFAULT_REMOTE;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote))
    throw new UserError(`'${remote}' is not a git remote name (baselines store ${spec})`, { exitCode: EXIT.usage });
  const log = options.log ?? (() => {
  });
  const ref = `refs/heads/${branch}`;
  const remoteRef = `refs/remotes/${remote}/${branch}`;
  const pathOf = (name) => `baselines/${checkName(name)}.json`;
  const must = async (args, what, extra = {}) => {
    const r = await git(args, { cwd: repo, ...extra });
    if (r.code !== 0) throw new UserError(`${what}: git ${args[0]} failed: ${firstLine(r.stderr)}`, { exitCode: EXIT.infra, place: { file: repo } });
    return r.stdout;
  };
  const checkRepo = async () => {
    const r = await git(["rev-parse", "--git-dir"], { cwd: repo });
    if (r.code !== 0)
      throw new BaselineNotFound(`not a git repository (baselines store ${spec})`, `${repo} is not a git repository`, { place: { file: repo } });
  };
  const commitOf = async (name) => {
    const r = await git(["rev-parse", "--verify", "--quiet", `${name}^{commit}`], { cwd: repo });
    return r.code === 0 ? r.stdout.trim() : null;
  };
  let fetched = null;
  let told = false;
  const fetchBranch = async () => {
    if ((await git(["remote", "get-url", remote], { cwd: repo })).code !== 0) {
      return `branch '${branch}' does not exist and the repository has no remote '${remote}' to fetch it from`;
    }
    const shallow = (await git(["rev-parse", "--is-shallow-repository"], { cwd: repo })).stdout.trim() === "true";
    const r = await git(["fetch", "--quiet", "--no-tags", ...shallow ? ["--depth=1"] : [], remote, `+${ref}:${remoteRef}`], { cwd: repo });
    if (r.code === 0) return null;
    const probe = await git(["ls-remote", "--exit-code", remote, ref], { cwd: repo });
    if (probe.code === 2) return `branch '${branch}' does not exist, here nor on remote '${remote}'`;
    throw new UserError(`cannot fetch ${branch} from ${remote}: git fetch failed: ${firstLine(r.stderr || probe.stderr)}`, {
      exitCode: EXIT.infra,
      place: { file: repo }
    });
  };
  const head = async () => {
    const local = await commitOf(ref);
    if (local) return { commit: local };
    let tracking = await commitOf(remoteRef);
    if (tracking === null) {
      fetched ??= fetchBranch();
      const missing = await fetched;
      if (missing !== null) return { missing };
      tracking = await commitOf(remoteRef);
      if (tracking === null) return { missing: `branch '${branch}' was fetched from ${remote} but ${remoteRef} is not there` };
      if (!told) log(`baselines: fetched ${branch} from ${remote} (${tracking.slice(0, 7)})`);
    } else if (!told) {
      log(`baselines: using ${remote}/${branch} (${tracking.slice(0, 7)}): no local branch ${branch}`);
    }
    told = true;
    return { commit: tracking };
  };
  const hint = (name, missing) => `${missing} (create it with 'tempest-gate baseline promote ${name}${missing.includes("no remote") ? "" : ` --push ${remote}`}')`;
  const store = {
    spec,
    async list() {
      await checkRepo();
      const tip = await head();
      if (!("commit" in tip)) return [];
      const out = await must(["ls-tree", "-r", "--name-only", tip.commit, "--", "baselines/"], `cannot list ${spec}`);
      return out.split("\n").filter((p) => p.startsWith("baselines/") && p.endsWith(".json")).map((p) => ({ name: p.slice("baselines/".length, -5), source: `${spec}:${p}` }));
    },
    async read(name) {
      await checkRepo();
      const path = pathOf(name);
      const tip = await head();
      if (!("commit" in tip)) throw new BaselineNotFound(`no baseline '${name}': ${hint(name, tip.missing)}`, tip.missing, { place: { file: repo } });
      const r = await git(["cat-file", "blob", `${tip.commit}:${path}`], { cwd: repo });
      if (r.code !== 0) {
        const known = (await store.list()).map((b) => b.name);
        const detail = known.length ? `known: ${known.join(", ")}` : "it holds none yet";
        throw new BaselineNotFound(`no baseline '${name}' in ${spec} (${detail})`, detail, { place: { file: repo } });
      }
      return { text: r.stdout, source: `${spec}:${path}` };
    },
    async write(name, text, message) {
      await checkRepo();
      const path = pathOf(name);
      const local = await commitOf(ref);
      let parent = local;
      if (parent === null) {
        fetched = fetchBranch();
        parent = await fetched === null ? await commitOf(remoteRef) : null;
        if (parent !== null) log(`baselines: fetched ${branch} from ${remote} (${parent.slice(0, 7)})`);
        told = true;
      }
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
        await must(["update-ref", "-m", `tempest-gate: ${message}`, ref, commit, local ?? ""], `cannot update ${ref}`);
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
  const r = await git(["push", "--porcelain", remote, `refs/heads/${branch}:refs/heads/${branch}`], { cwd: repo });
  if (r.code === 0) return;
  const lines = `${r.stdout}
${r.stderr}`.split("\n").map((l) => l.trim());
  const rejected = lines.find((l) => l.startsWith("!"));
  const why = rejected ? `refused ${(rejected.split("	").pop() ?? "").replace(/^\[rejected\]\s*/, "")}` : lines.find((l) => /^(fatal|error):/.test(l)) ?? firstLine(r.stderr);
  const hint = rejected?.includes("non-fast-forward") || rejected?.includes("fetch first") ? `: ${remote} has baselines the local ${branch} lacks; bring them in (git fetch ${remote} ${branch}:${branch}) and promote again` : "";
  throw new UserError(`cannot push ${branch} to ${remote}: ${why}${hint}`, { exitCode: EXIT.infra });
}
function artifactStore(artifact, github) {
  const [owner, repo] = (github?.repository ?? "").split("/");
  if (!github?.token || !owner || !repo) {
    const unavailable = () => {
      throw new UserError(
        `artifact baselines need GITHUB_TOKEN (actions:read) and GITHUB_REPOSITORY=owner/repo, as in a GitHub Actions job; elsewhere download the artifact and pass its file to --baseline`,
        { exitCode: EXIT.usage }
      );
    };
    return { spec: `artifact:${artifact}`, list: async () => unavailable(), read: async () => unavailable(), write: async () => unavailable() };
  }
  const options = { token: github.token, owner, repo, apiUrl: github.apiUrl, artifact, ...github.workflow ? { workflow: github.workflow } : {} };
  const inner = async () => (await import("./baseline-artifact-3D4YIMRK.js")).githubArtifactStore(options);
  return {
    spec: `artifact:${artifact}`,
    list: async () => (await inner()).list(),
    read: async (name) => (await inner()).read(name),
    write: async (name, text, message) => (await inner()).write(name, text, message)
  };
}
var DEFAULT_ARTIFACT = "tempest-gate-baseline";
function openStore(spec, repo, github, gitOptions = {}) {
  if (spec.startsWith("git:")) {
    const branch = spec.slice(4);
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) || branch.includes(".."))
      throw new UserError(`'${branch}' is not a branch name (store ${spec})`, { exitCode: EXIT.usage });
    return gitStore(repo, branch, gitOptions);
  }
  if (spec.startsWith("dir:")) return directoryStore(resolve(repo, spec.slice(4)));
  if (spec === "artifact" || spec.startsWith("artifact:")) return artifactStore(spec.slice(9) || DEFAULT_ARTIFACT, github);
  throw new UserError(`unknown baseline store '${spec}' (use git:BRANCH, dir:PATH or artifact:NAME)`, { exitCode: EXIT.usage });
}
async function resolveBaselineRef(ref, options) {
  const gitRef = /^git:([^:]+):(.+)$/.exec(ref);
  if (gitRef) return { kind: "stored", ...await gitStore(options.repo, gitRef[1] ?? "", options.git).read(gitRef[2] ?? "") };
  if (ref.startsWith("artifact:")) return { kind: "stored", ...await artifactStore(DEFAULT_ARTIFACT, options.github).read(ref.slice(9)) };
  if (ref === "-") return { kind: "file", path: ref };
  const asFile = resolve(options.repo, ref);
  const isFile = await stat(asFile).then(
    (s) => s.isFile(),
    () => false
  );
  if (isFile || /\.(json|subunit)$/.test(ref)) return { kind: "file", path: asFile };
  return { kind: "stored", ...await openStore(options.store, options.repo, options.github, options.git).read(ref) };
}
async function loadBaselineRef(ref, options) {
  const found = await resolveBaselineRef(ref, options);
  if (found.kind === "stored") {
    return { ...baselineFromText(found.text, found.source, options), source: found.source };
  }
  if (found.path === "-") {
    if (!options.stdin) throw new UserError("'-' (standard input) is not available here", { exitCode: EXIT.usage });
    return { ...baselineFromBytes(await options.stdin(), "<stdin>", options), source: "<stdin>" };
  }
  const read = await readBaselineFile(found.path);
  return { ...typeof read === "string" ? baselineFromJson(read, ref, options) : baselineFromBytes(read, ref, options), source: ref };
}
async function readBaselineFile(path) {
  const bytes = await readBytes(path);
  return isJsonDocument(bytes) ? bytes.toString("utf8") : bytes;
}
async function loadStoredBaseline(store, name, options) {
  const found = await store.read(name);
  return { ...baselineFromText(found.text, found.source, options), source: found.source };
}

export {
  DEFAULT_STORE,
  isBaselineName,
  checkName,
  pushStore,
  openStore,
  loadBaselineRef,
  loadStoredBaseline
};
