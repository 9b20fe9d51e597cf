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
import { baselineFromBytes, type Baseline } from '../core/compare/index.ts';
import type { RunResults } from '../core/results/model.ts';

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
export function checkName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(name) || name.includes('..')) {
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
        throw new UserError(`no baseline '${name}' in ${dir}`, { place: { file } });
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

export function gitStore(repo: string, branch: string): BaselineStore {
  const spec = `git:${branch}`;
  const ref = `refs/heads/${branch}`;
  const pathOf = (name: string): string => `baselines/${checkName(name)}.json`;
  const must = async (args: string[], what: string, extra: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> => {
    const r = await git(args, { cwd: repo, ...extra });
    if (r.code !== 0) throw new UserError(`${what}: git ${args[0]} failed: ${firstLine(r.stderr)}`, { exitCode: EXIT.infra, place: { file: repo } });
    return r.stdout;
  };
  const checkRepo = async (): Promise<void> => {
    const r = await git(['rev-parse', '--git-dir'], { cwd: repo });
    if (r.code !== 0) throw new UserError(`not a git repository (baselines store ${spec})`, { place: { file: repo } });
  };
  const head = async (): Promise<string | null> => {
    const r = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo });
    return r.code === 0 ? r.stdout.trim() : null;
  };
  const store: BaselineStore = {
    spec,
    async list() {
      await checkRepo();
      if ((await head()) === null) return [];
      const out = await must(['ls-tree', '-r', '--name-only', ref, '--', 'baselines/'], `cannot list ${spec}`);
      return out
        .split('\n')
        .filter((p) => p.startsWith('baselines/') && p.endsWith('.json'))
        .map((p) => ({ name: p.slice('baselines/'.length, -5), source: `${spec}:${p}` }));
    },
    async read(name) {
      await checkRepo();
      const path = pathOf(name);
      if ((await head()) === null) throw new UserError(`no baseline '${name}': branch '${branch}' does not exist (create it with 'tempest-gate baseline promote ${name}')`, { place: { file: repo } });
      const r = await git(['cat-file', 'blob', `${ref}:${path}`], { cwd: repo });
      if (r.code !== 0) {
        const known = (await store.list()).map((b) => b.name);
        throw new UserError(`no baseline '${name}' in ${spec}${known.length ? ` (known: ${known.join(', ')})` : ' (it holds none yet)'}`, { place: { file: repo } });
      }
      return { text: r.stdout, source: `${spec}:${path}` };
    },
    async write(name, text, message) {
      await checkRepo();
      const path = pathOf(name);
      const parent = await head();
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
        const commit = (await must(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message], 'cannot commit the baseline', { env: { ...env, ...ident } })).trim();
        // Compare-and-swap: fails if someone else moved the branch meanwhile.
        await must(['update-ref', '-m', `tempest-gate: ${message}`, ref, commit, parent ?? ''], `cannot update ${ref}`);
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
  const r = await git(['push', remote, `refs/heads/${branch}:refs/heads/${branch}`], { cwd: repo });
  if (r.code !== 0) throw new UserError(`cannot push ${branch} to ${remote}: ${firstLine(r.stderr)}`, { exitCode: EXIT.infra });
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
      throw new UserError(`artifact baselines need GITHUB_TOKEN (actions:read) and GITHUB_REPOSITORY=owner/repo, as in a GitHub Actions job; elsewhere download the artifact and pass its file to --baseline`, { exitCode: EXIT.usage });
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

/** A store from its spec: `git:BRANCH`, `dir:PATH`, or `artifact:NAME`. */
export function openStore(spec: string, repo: string, github?: GitHubAccess): BaselineStore {
  if (spec.startsWith('git:')) {
    const branch = spec.slice(4);
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) || branch.includes('..')) throw new UserError(`'${branch}' is not a branch name (store ${spec})`, { exitCode: EXIT.usage });
    return gitStore(repo, branch);
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
export async function resolveBaselineRef(ref: string, options: { store: string; repo: string; github?: GitHubAccess | undefined }): Promise<BaselineSource> {
  const gitRef = /^git:([^:]+):(.+)$/.exec(ref);
  if (gitRef) return { kind: 'stored', ...(await gitStore(options.repo, gitRef[1] ?? '').read(gitRef[2] ?? '')) };
  if (ref.startsWith('artifact:')) return { kind: 'stored', ...(await artifactStore(DEFAULT_ARTIFACT, options.github).read(ref.slice(9))) };
  if (ref === '-') return { kind: 'file', path: ref };
  const asFile = resolve(options.repo, ref);
  const isFile = await stat(asFile).then(
    (s) => s.isFile(),
    () => false,
  );
  if (isFile || /\.(json|subunit)$/.test(ref)) return { kind: 'file', path: asFile };
  return { kind: 'stored', ...(await openStore(options.store, options.repo, options.github).read(ref)) };
}

export interface LoadedBaseline {
  baseline: Baseline;
  /** Where it came from, for messages and reports. */
  source: string;
  /** The results it was summarised from, when it was a results file (report their damage). */
  results: RunResults | null;
}

/**
 * Load a baseline by reference (see resolveBaselineRef): a baseline file, a results file, a
 * stored baseline. The one call the CLI and the Action need; `stdin` serves the reference '-'.
 */
export async function loadBaselineRef(
  ref: string,
  options: { store: string; repo: string; created: string; github?: GitHubAccess | undefined; stdin?: () => Promise<Uint8Array> },
): Promise<LoadedBaseline> {
  const found = await resolveBaselineRef(ref, options);
  if (found.kind === 'stored') {
    return { ...baselineFromBytes(Buffer.from(found.text, 'utf8'), found.source, options), source: found.source };
  }
  if (found.path === '-') {
    if (!options.stdin) throw new UserError("'-' (standard input) is not available here", { exitCode: EXIT.usage });
    return { ...baselineFromBytes(await options.stdin(), '<stdin>', options), source: '<stdin>' };
  }
  return { ...baselineFromBytes(await readBytes(found.path), ref, options), source: ref };
}
