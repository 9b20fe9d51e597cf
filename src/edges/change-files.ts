// Where a change's file list comes from: a file (or stdin), `git diff base...head`, or a pull
// request's files through the GitHub API. Both paths of a rename count (the old path's rules
// still cover what moved away).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UserError, EXIT } from '../core/errors.ts';
import { readChunks } from './files.ts';

const run = promisify(execFile);

/** One path per line; blank lines and surrounding whitespace ignored; duplicates dropped. */
export function parseFileList(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const p = line.trim();
    if (p) out.add(p);
  }
  return [...out];
}

export async function readChangedFileList(path: string, stdin: NodeJS.ReadableStream): Promise<string[]> {
  const chunks: Uint8Array[] = [];
  for await (const c of readChunks(path, stdin)) chunks.push(c);
  return parseFileList(Buffer.concat(chunks).toString('utf8'));
}

/** `git diff --name-status -z -M base...head` in `cwd`: every changed path, both sides of renames and copies. */
export async function gitChangedFiles(options: { cwd: string; range: string }): Promise<string[]> {
  const { cwd, range } = options;
  if (!/^[^\s-][^\s]*$/.test(range)) throw new UserError(`--git expects BASE...HEAD (or BASE..HEAD), not '${range}'`, { exitCode: EXIT.usage });
  let stdout: string;
  try {
    ({ stdout } = await run('git', ['diff', '--name-status', '-z', '-M', range, '--'], { cwd, maxBuffer: 1 << 28, encoding: 'utf8' }));
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new UserError(`git diff ${range} failed in ${cwd}: ${(e.stderr ?? e.message).trim().split('\n')[0]}`, { cause: err });
  }
  const fields = stdout.split('\0');
  const out = new Set<string>();
  for (let i = 0; i < fields.length;) {
    const status = fields[i++];
    if (!status) continue;
    const paths = status.startsWith('R') || status.startsWith('C') ? 2 : 1;
    for (let k = 0; k < paths; k++) {
      const p = fields[i++];
      if (p) out.add(p);
    }
  }
  return [...out];
}

/** The part of an Octokit client we use (an `@actions/github` getOctokit() client fits). */
export interface PullFilesClient {
  paginate(
    route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    params: { owner: string; repo: string; pull_number: number; per_page?: number },
  ): Promise<{ filename: string; previous_filename?: string }[]>;
}

/** A pull request's changed files, all pages (GitHub lists at most 3000). */
export async function pullRequestChangedFiles(client: PullFilesClient, pr: { owner: string; repo: string; number: number }): Promise<string[]> {
  const files = await client.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  const out = new Set<string>();
  for (const f of files) {
    out.add(f.filename);
    if (f.previous_filename) out.add(f.previous_filename);
  }
  return [...out];
}
