// Where baselines live. One small interface, three places:
//  - a file path (`path/to/baseline.json`), or a directory store (`dir:PATH`, one NAME.json each);
//  - a branch of the user's git repository (`git:BRANCH`, default `git:tempest-baselines`): one
//    file `baselines/<name>.json` per branch or release (`baselines/master.json`,
//    `baselines/stable/2025.2.json`), written by `baseline promote` with git plumbing so the
//    user's work tree, index and current branch are never touched;
//  - the artifact of the latest successful run on the target branch (`artifact:NAME` store,
//    `artifact:BRANCH` reference): baseline-artifact.ts, with the GitHub API and @actions/artifact.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { EXIT, UserError } from '../core/errors.ts';
import { readBytes, readText, writeOutput } from './files.ts';
import { baselineFromBytes, baselineFromJson, baselineFromText, isJsonDocument, type Baseline, type DecodedCompact } from '../core/compare/index.ts';
import type { RunResults } from '../core/results/model.ts';
import { BaselineNotFound } from './baseline-not-found.ts';

export { BaselineNotFound };

export interface StoredBaseline {
  name: string;
  /** Where it is, for people: a path, or `git:BRANCH:baselines/NAME.json`. */
  source: string;
}

export interface BaselineStore {
  /** The store's spec, as the user writes it. */
  readonly spec: string;
  list(): Promise<StoredBaseline[]>;
  /** The baseline's JSON text and where it came from; a UserError names the store when missing. */
  read(name: string): Promise<{ text: string; source: string }>;
  /** Store (replace) a baseline; returns where it went (for git: the new commit). */
  write(name: string, text: string, message: string): Promise<string>;
}

export const DEFAULT_STORE = 'git:tempest-baselines';

/** Names are branch or release names: letters, digits, `._-` and `/` between parts. */
export function isBaselineName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(name) && !name.includes('..');
}

export function checkName(name: string): string {
  if (!isBaselineName(name)) {
    throw new UserError(`'${name}' is not a baseline name (a branch or release such as master or stable/2025.2)`, { exitCode: EXIT.usage });
  }
  return name;
}

// ---------------------------------------------------------------- directory store

export function directoryStore(dir: string): BaselineStore {
  const root = resolve(dir);
  return {
    spec: `dir:${dir}`,
    async list() {
      const out: StoredBaseline[] = [];
      const walk = async (d: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(d, { withFileTypes: true });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw new UserError(`cannot list baselines: ${(err as Error).message}`, { place: { file: d } });
        }
        for (const e of entries) {
          const p = join(d, e.name);
          if (e.isDirectory()) await walk(p);
          else if (e.name.endsWith('.json')) out.push({ name: relative(root, p).slice(0, -5).split(sep).join('/'), source: p });
        }
      };
      await walk(root);
      return out.sort((a, b) => (a.name < b.name ? -1 : 1));
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
    },
  };
}

// ---------------------------------------------------------------- git store

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run git; never through a shell. `input` goes to its stdin. */
export function git(args: string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, GIT_TERMINAL_PROMPT: '0' },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => {
      reject(new UserError(`cannot run git: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : e.message}`, { exitCode: EXIT.infra }));
    });
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    if (child.stdin) {
      // git may exit before reading all of it (an error): its exit status says why, not EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** How a git store reaches the branch when this clone does not have it as a local branch. */
export interface GitStoreOptions {
  /** The remote that holds the baselines branch (default origin). */
  remote?: string | undefined;
  /** Told what the store fetched or used instead of a local branch, one line each (stderr, core.info). */
  log?: ((line: string) => void) | undefined;
}

export const DEFAULT_REMOTE = 'origin';

/**
 * The baselines branch, wherever this clone has it: the local branch; else the remote-tracking
 * branch (a full actions/checkout clone has other branches only there); else fetched from the
 * remote (a shallow, single-branch clone has none of it), once per store.
 */
export function gitStore(repo: string, branch: string, options: GitStoreOptions = {}): BaselineStore {
  const spec = `git:${branch}`;
  const remote = options.remote ?? DEFAULT_REMOTE;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote))
    throw new UserError(`'${remote}' is not a git remote name (baselines store ${spec})`, { exitCode: EXIT.usage });
  const log = options.log ?? ((): void => {});
  const ref = `refs/heads/${branch}`;
  const remoteRef = `refs/remotes/${remote}/${branch}`;
  const pathOf = (name: string): string => `baselines/${checkName(name)}.json`;
  const must = async (args: string[], what: string, extra: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> => {
    const r = await git(args, { cwd: repo, ...extra });
    if (r.code !== 0) throw new UserError(`${what}: git ${args[0]} failed: ${firstLine(r.stderr)}`, { exitCode: EXIT.infra, place: { file: repo } });
    return r.stdout;
  };
  const checkRepo = async (): Promise<void> => {
    const r = await git(['rev-parse', '--git-dir'], { cwd: repo });
    if (r.code !== 0)
      throw new BaselineNotFound(`not a git repository (baselines store ${spec})`, `${repo} is not a git repository`, { place: { file: repo } });
  };
  const commitOf = async (name: string): Promise<string | null> => {
    const r = await git(['rev-parse', '--verify', '--quiet', `${name}^{commit}`], { cwd: repo });
    return r.code === 0 ? r.stdout.trim() : null;
  };
  // Why the branch is nowhere, once a fetch has said so; a fetch is tried once per store.
  let fetched: Promise<string | null> | null = null;
  let told = false;
  const fetchBranch = async (): Promise<string | null> => {
    if ((await git(['remote', 'get-url', remote], { cwd: repo })).code !== 0) {
      return `branch '${branch}' does not exist and the repository has no remote '${remote}' to fetch it from`;
    }
    // A full clone stays full: --depth=1 there would make it shallow for good.
    const shallow = (await git(['rev-parse', '--is-shallow-repository'], { cwd: repo })).stdout.trim() === 'true';
    const r = await git(['fetch', '--quiet', '--no-tags', ...(shallow ? ['--depth=1'] : []), remote, `+${ref}:${remoteRef}`], { cwd: repo });
    if (r.code === 0) return null;
    // Tell "the remote has no such branch" from a fetch that failed, without reading git's (translated) words.
    const probe = await git(['ls-remote', '--exit-code', remote, ref], { cwd: repo });
    if (probe.code === 2) return `branch '${branch}' does not exist, here nor on remote '${remote}'`;
    throw new UserError(`cannot fetch ${branch} from ${remote}: git fetch failed: ${firstLine(r.stderr || probe.stderr)}`, {
      exitCode: EXIT.infra,
      place: { file: repo },
    });
  };
  /** The branch's commit, or why there is none. */
  const head = async (): Promise<{ commit: string } | { missing: string }> => {
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
  const hint = (name: string, missing: string): string =>
    `${missing} (create it with 'tempest-gate baseline promote ${name}${missing.includes('no remote') ? '' : ` --push ${remote}`}')`;
  const store: BaselineStore = {
    spec,
    async list() {
      await checkRepo();
      const tip = await head();
      if (!('commit' in tip)) return [];
      const out = await must(['ls-tree', '-r', '--name-only', tip.commit, '--', 'baselines/'], `cannot list ${spec}`);
      return out
        .split('\n')
        .filter((p) => p.startsWith('baselines/') && p.endsWith('.json'))
        .map((p) => ({ name: p.slice('baselines/'.length, -5), source: `${spec}:${p}` }));
    },
    async read(name) {
      await checkRepo();
      const path = pathOf(name);
      const tip = await head();
      if (!('commit' in tip)) throw new BaselineNotFound(`no baseline '${name}': ${hint(name, tip.missing)}`, tip.missing, { place: { file: repo } });
      const r = await git(['cat-file', 'blob', `${tip.commit}:${path}`], { cwd: repo });
      if (r.code !== 0) {
        const known = (await store.list()).map((b) => b.name);
        const detail = known.length ? `known: ${known.join(', ')}` : 'it holds none yet';
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
        // Only the remote has the branch: build on its newest tip (not on what an older fetch left
        // under refs/remotes), so that a push fast-forwards and keeps the history.
        fetched = fetchBranch();
        parent = (await fetched) === null ? await commitOf(remoteRef) : null;
        if (parent !== null) log(`baselines: fetched ${branch} from ${remote} (${parent.slice(0, 7)})`);
        told = true;
      }
      const blob = (await must(['hash-object', '-w', '--stdin'], 'cannot store the baseline', { input: text })).trim();
      // A private index: the user's index and work tree stay as they are.
      const tmp = await mkdtemp(join(tmpdir(), 'tempest-gate-index-'));
      try {
        const env: NodeJS.ProcessEnv = { GIT_INDEX_FILE: join(tmp, 'index') };
        if (parent) await must(['read-tree', parent], 'cannot read the baselines branch', { env });
        else await must(['read-tree', '--empty'], 'cannot start the baselines branch', { env });
        await must(['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], 'cannot stage the baseline', { env });
        const tree = (await must(['write-tree'], 'cannot write the tree', { env })).trim();
        const ident = await identity(repo);
        const commit = (
          await must(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message], 'cannot commit the baseline', { env: { ...env, ...ident } })
        ).trim();
        // Compare-and-swap: fails if someone else moved (or created) the local branch meanwhile.
        await must(['update-ref', '-m', `tempest-gate: ${message}`, ref, commit, local ?? ''], `cannot update ${ref}`);
        return commit;
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    },
  };
  return store;
}

/** Commit identity: the user's git config when set, else a fixed tempest-gate identity. */
async function identity(repo: string): Promise<NodeJS.ProcessEnv> {
  const name = await git(['config', 'user.name'], { cwd: repo });
  const email = await git(['config', 'user.email'], { cwd: repo });
  const env: NodeJS.ProcessEnv = {};
  if (name.code !== 0 || !name.stdout.trim()) env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = 'tempest-gate';
  if (email.code !== 0 || !email.stdout.trim()) env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = 'tempest-gate@localhost';
  return env;
}

/** Push the baselines branch (after a promote) to a remote the user names. */
export async function pushStore(repo: string, branch: string, remote: string): Promise<void> {
  const r = await git(['push', '--porcelain', remote, `refs/heads/${branch}:refs/heads/${branch}`], { cwd: repo });
  if (r.code === 0) return;
  // git's first line is often "To <url>": say the refusal, and what to do about a branch that moved.
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim());
  const rejected = lines.find((l) => l.startsWith('!'));
  const why = rejected
    ? `refused ${(rejected.split('\t').pop() ?? '').replace(/^\[rejected\]\s*/, '')}`
    : (lines.find((l) => /^(fatal|error):/.test(l)) ?? firstLine(r.stderr));
  const hint =
    rejected?.includes('non-fast-forward') || rejected?.includes('fetch first')
      ? `: ${remote} has baselines the local ${branch} lacks; bring them in (git fetch ${remote} ${branch}:${branch}) and promote again`
      : '';
  throw new UserError(`cannot push ${branch} to ${remote}: ${why}${hint}`, { exitCode: EXIT.infra });
}

// ---------------------------------------------------------------- artifact store

/** What the artifact store needs of GitHub, passed as values (never read from the environment here). */
export interface GitHubAccess {
  token: string;
  /** owner/repo */
  repository: string;
  apiUrl: string;
  /** Only runs of this workflow (file name or id). */
  workflow?: string;
}

/**
 * The artifact of the latest successful run on the target branch (src/edges/baseline-artifact.ts).
 * Needs a token with actions:read and the repository, as the Action has them.
 */
export function artifactStore(artifact: string, github: GitHubAccess | undefined): BaselineStore {
  const [owner, repo] = (github?.repository ?? '').split('/');
  if (!github?.token || !owner || !repo) {
    const unavailable = (): never => {
      throw new UserError(
        `artifact baselines need GITHUB_TOKEN (actions:read) and GITHUB_REPOSITORY=owner/repo, as in a GitHub Actions job; elsewhere download the artifact and pass its file to --baseline`,
        { exitCode: EXIT.usage },
      );
    };
    return { spec: `artifact:${artifact}`, list: async () => unavailable(), read: async () => unavailable(), write: async () => unavailable() };
  }
  const options = { token: github.token, owner, repo, apiUrl: github.apiUrl, artifact, ...(github.workflow ? { workflow: github.workflow } : {}) };
  // Loaded on first use: @actions/artifact takes a third of a second to load, and most stores are not artifacts.
  const inner = async (): Promise<BaselineStore> => (await import('./baseline-artifact.ts')).githubArtifactStore(options);
  return {
    spec: `artifact:${artifact}`,
    list: async () => (await inner()).list(),
    read: async (name) => (await inner()).read(name),
    write: async (name, text, message) => (await inner()).write(name, text, message),
  };
}

/** The artifact name baselines are uploaded under by default. */
export const DEFAULT_ARTIFACT = 'tempest-gate-baseline';

// ---------------------------------------------------------------- resolving specs

/** A store from its spec: `git:BRANCH`, `dir:PATH`, or `artifact:NAME`; `git` options serve git stores. */
export function openStore(spec: string, repo: string, github?: GitHubAccess, gitOptions: GitStoreOptions = {}): BaselineStore {
  if (spec.startsWith('git:')) {
    const branch = spec.slice(4);
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) || branch.includes('..'))
      throw new UserError(`'${branch}' is not a branch name (store ${spec})`, { exitCode: EXIT.usage });
    return gitStore(repo, branch, gitOptions);
  }
  if (spec.startsWith('dir:')) return directoryStore(resolve(repo, spec.slice(4)));
  if (spec === 'artifact' || spec.startsWith('artifact:')) return artifactStore(spec.slice(9) || DEFAULT_ARTIFACT, github);
  throw new UserError(`unknown baseline store '${spec}' (use git:BRANCH, dir:PATH or artifact:NAME)`, { exitCode: EXIT.usage });
}

export type BaselineSource = { kind: 'file'; path: string } | { kind: 'stored'; text: string; source: string };

/**
 * Resolve a baseline reference: an existing file (or one named *.json / *.subunit, or '-'),
 * `git:BRANCH:NAME`, `artifact:BRANCH` (the `tempest-gate-baseline` artifact of the latest
 * successful run on BRANCH), or a bare NAME looked up in the given store.
 * Files are returned as paths: the caller reads them (they may be result streams).
 */
export async function resolveBaselineRef(
  ref: string,
  options: { store: string; repo: string; github?: GitHubAccess | undefined; git?: GitStoreOptions | undefined },
): Promise<BaselineSource> {
  const gitRef = /^git:([^:]+):(.+)$/.exec(ref);
  if (gitRef) return { kind: 'stored', ...(await gitStore(options.repo, gitRef[1] ?? '', options.git).read(gitRef[2] ?? '')) };
  if (ref.startsWith('artifact:')) return { kind: 'stored', ...(await artifactStore(DEFAULT_ARTIFACT, options.github).read(ref.slice(9))) };
  if (ref === '-') return { kind: 'file', path: ref };
  const asFile = resolve(options.repo, ref);
  const isFile = await stat(asFile).then(
    (s) => s.isFile(),
    () => false,
  );
  if (isFile || /\.(json|subunit)$/.test(ref)) return { kind: 'file', path: asFile };
  return { kind: 'stored', ...(await openStore(options.store, options.repo, options.github, options.git).read(ref)) };
}

export interface StoredRef {
  baseline: Baseline;
  /** Where it came from, for messages and reports. */
  source: string;
  /** The results it was summarised from, when it was a results file (report their damage). */
  results: RunResults | null;
  /** The compact document it was read from (a store's baseline with its history), or null. */
  compact: DecodedCompact | null;
}

/**
 * Load a baseline by reference (see resolveBaselineRef): a baseline file, a results file, a
 * stored baseline. The one call the CLI and the Action need; `stdin` serves the reference '-'.
 */
export async function loadBaselineRef(
  ref: string,
  options: {
    store: string;
    repo: string;
    created: string;
    github?: GitHubAccess | undefined;
    git?: GitStoreOptions | undefined;
    stdin?: (() => Promise<Uint8Array>) | undefined;
    /** Judge by the newest N runs of a stored history only (null: all it keeps). */
    history?: number | null | undefined;
  },
): Promise<StoredRef> {
  const found = await resolveBaselineRef(ref, options);
  if (found.kind === 'stored') {
    return { ...baselineFromText(found.text, found.source, options), source: found.source };
  }
  if (found.path === '-') {
    if (!options.stdin) throw new UserError("'-' (standard input) is not available here", { exitCode: EXIT.usage });
    return { ...baselineFromBytes(await options.stdin(), '<stdin>', options), source: '<stdin>' };
  }
  const read = await readBaselineFile(found.path);
  return { ...(typeof read === 'string' ? baselineFromJson(read, ref, options) : baselineFromBytes(read, ref, options)), source: ref };
}

/**
 * A baseline file as text when it is a JSON document, else (a result stream) as bytes. Its bytes
 * are let go here, before the text is parsed: for a 1,000,000-test compact baseline, 100 MB less
 * at the peak of the load.
 */
async function readBaselineFile(path: string): Promise<string | Buffer> {
  const bytes = await readBytes(path);
  return isJsonDocument(bytes) ? bytes.toString('utf8') : bytes;
}

/** A baseline stored under NAME in the store (never a file of that name): what a lookup by branch needs. */
export async function loadStoredBaseline(
  store: BaselineStore,
  name: string,
  options: { created: string; history?: number | null | undefined },
): Promise<StoredRef> {
  const found = await store.read(name);
  return { ...baselineFromText(found.text, found.source, options), source: found.source };
}
