// The lab's bundled changes (data/lab/changes/): each is made on the fly into a real git repository,
// a base commit (data/lab/changes/base) and the change's own commit on top (the files of
// data/lab/changes/<name>/ over the base, COMMIT_MSG its message), with a checkout of the head as
// actions/checkout would leave it in GITHUB_WORKSPACE.
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CHANGES = new URL('../../data/lab/changes/', import.meta.url).pathname;
const run = promisify(execFile);

export interface ChangeRepo {
  name: string;
  /** The repository the nodes clone (`file://...`: the lab's hosts share this machine's filesystem). */
  url: string;
  /** The checkout of the head commit (GITHUB_WORKSPACE). */
  workspace: string;
  baseSha: string;
  headSha: string;
  /** The files the change touches, as pulls/list-files returns them. */
  files: string[];
  message: string;
}

/** The changes bundled in data/lab/changes/ (every directory but base/). */
export async function bundledChanges(): Promise<string[]> {
  return (await readdir(CHANGES, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && d.name !== 'base')
    .map((d) => d.name)
    .sort();
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Lab Contributor',
    GIT_AUTHOR_EMAIL: 'contributor@lab.invalid',
    GIT_COMMITTER_NAME: 'Lab Contributor',
    GIT_COMMITTER_EMAIL: 'contributor@lab.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: cwd,
  };
  return (await run('git', args, { cwd, env })).stdout.trim();
}

/**
 * Make change `name` under `dir`: `<gitDir>/git/<owner>/<repo>.git` (bare, what the nodes clone;
 * gitDir defaults to dir) and `dir/workspace`. The nodes must see gitDir: not under /tmp, which a
 * lab host has of its own.
 */
export async function makeChangeRepo(o: { name: string; dir: string; gitDir?: string; owner: string; repo: string }): Promise<ChangeRepo> {
  const src = join(CHANGES, o.name);
  if (o.name === 'base' || !existsSync(src))
    throw new Error(`no bundled change '${o.name}' in data/lab/changes/ (there are: ${(await bundledChanges()).join(', ')})`);
  const work = join(o.dir, 'author');
  const bare = join(o.gitDir ?? o.dir, 'git', o.owner, `${o.repo}.git`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  await git(work, 'init', '-q', '-b', 'master');
  await cp(join(CHANGES, 'base'), work, { recursive: true });
  await git(work, 'add', '-A');
  await git(work, 'commit', '-q', '-m', 'base: the lab Nova stand-in');
  const baseSha = await git(work, 'rev-parse', 'HEAD');
  await git(work, 'checkout', '-q', '-b', `change/${o.name}`);
  const message = (await readFile(join(src, 'COMMIT_MSG'), 'utf8')).trim();
  await cp(src, work, { recursive: true, filter: (s) => !s.endsWith('/COMMIT_MSG') });
  await git(work, 'add', '-A');
  await git(work, 'commit', '-q', '-m', message);
  const headSha = await git(work, 'rev-parse', 'HEAD');
  const files = (await git(work, 'diff', '--name-only', baseSha, headSha)).split('\n').filter((f) => f !== '');
  await rm(bare, { recursive: true, force: true });
  await mkdir(join(bare, '..'), { recursive: true });
  await git(o.dir, 'clone', '-q', '--bare', work, bare);
  const workspace = join(o.dir, 'workspace');
  await rm(workspace, { recursive: true, force: true });
  await git(o.dir, 'clone', '-q', '--branch', `change/${o.name}`, bare, workspace);
  return { name: o.name, url: `file://${bare}`, workspace, baseSha, headSha, files, message };
}
