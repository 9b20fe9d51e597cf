// Run the bundled action the way the GitHub runner does: build dist/ into a temp dir (scripts/build.ts's
// options), then start `node dist/index.js` / `node dist/post.js` with the
// runner's environment: INPUT_* (action.yml defaults filled in), GITHUB_EVENT_PATH, GITHUB_OUTPUT,
// GITHUB_STATE, GITHUB_STEP_SUMMARY, and STATE_* for the post step from what main saved.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile, mkdir, symlink } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, stop as stopEsbuild } from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { distOptions } from '../build.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const NODE = process.execPath;

let built: Promise<string> | null = null;

/** Bundle the action's entry points once per test process; returns the dist directory. */
export function buildAction(): Promise<string> {
  built ??= (async () => {
    // The action's layout: dist/ next to data/ (presets and the shipped test list are found from the bundle).
    const root = await mkdtemp(join(tmpdir(), 'tg-action-'));
    await symlink(join(ROOT, 'data'), join(root, 'data'));
    const out = join(root, 'dist');
    await build({ ...distOptions(out, { index: 'src/action/main.ts', post: 'src/action/post.ts' }), logLevel: 'error' });
    // esbuild's service process would keep the test process alive.
    await stopEsbuild();
    return out;
  })();
  return built;
}

interface ActionYml {
  inputs: Record<string, { default?: string }>;
}

/** action.yml's input defaults, as the runner fills them in (`${{ github.token }}` -> the token given). */
export function inputDefaults(githubToken: string): Record<string, string> {
  const yml = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(yml.inputs)) {
    const d = spec.default ?? '';
    out[name] = d === '${{ github.token }}' ? githubToken : d;
  }
  return out;
}

export interface StepResult {
  /** The exit code; 128 + the signal's number when the step was killed. */
  code: number;
  /** The signal that ended the step (a SIGKILL from `kill`), or null. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

/** Parse GITHUB_OUTPUT / GITHUB_STATE files (`name<<delimiter` ... `delimiter`). */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (m) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? '');
      out[m[1] ?? ''] = value.join('\n');
    } else {
      const kv = /^([^=]+)=(.*)$/.exec(lines[i] ?? '');
      if (kv) out[kv[1] ?? ''] = kv[2] ?? '';
    }
  }
  return out;
}

export interface JobOptions {
  /** Inputs by their action.yml names (missing ones get action.yml's defaults). */
  inputs: Record<string, string>;
  githubToken: string;
  apiUrl: string;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event: unknown;
  eventName?: string;
  /** Extra environment (OS_* variables, ACTIONS_RUNTIME_*...). */
  env?: Record<string, string>;
  workspace?: string;
  /** State as if a main step had saved it (for post-step tests). */
  state?: Record<string, string>;
  /** The dist/ directory to run (default: the sources bundled now into a temp dir, as scripts/build.ts does). */
  dist?: string;
  /** The owner/name of GITHUB_REPOSITORY (default octocat/Hello-World). */
  repository?: string;
  /** GITHUB_SHA (default all f). */
  sha?: string;
}

export interface StepOptions {
  /** Each line of stdout as it comes (live progress). */
  onLine?: (line: string) => void;
  /** SIGKILL the step when a stdout line matches (a runner that dies mid-step), as the runner's host would. */
  killWhen?: RegExp;
}

export interface Job {
  dir: string;
  workspace: string;
  step: (entry: 'index' | 'post', options?: StepOptions) => Promise<StepResult>;
}

const SIGNALS: Partial<Record<NodeJS.Signals, number>> = { SIGKILL: 9, SIGTERM: 15, SIGINT: 2 };

/** One job: a temp runner directory; `step()` runs main or post with the runner's files. */
export async function newJob(o: JobOptions): Promise<Job> {
  const dist = o.dist ?? (await buildAction());
  const dir = await mkdtemp(join(tmpdir(), 'tg-job-'));
  const eventPath = join(dir, 'event.json');
  await writeFile(eventPath, JSON.stringify(o.event));
  const workspace = o.workspace ?? join(dir, 'workspace');
  await mkdir(workspace, { recursive: true });
  await mkdir(join(dir, 'temp'), { recursive: true });
  const inputs = { ...inputDefaults(o.githubToken), ...o.inputs };
  let savedState: Record<string, string> = { ...o.state };
  let n = 0;
  const step = async (entry: 'index' | 'post', so: StepOptions = {}): Promise<StepResult> => {
    n++;
    const files = { output: join(dir, `output-${n}`), state: join(dir, `state-${n}`), summary: join(dir, `summary-${n}.md`) };
    for (const f of Object.values(files)) await writeFile(f, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_API_URL: o.apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: o.repository ?? 'octocat/Hello-World',
      GITHUB_EVENT_NAME: o.eventName ?? 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: o.sha ?? 'ffffffffffffffffffffffffffffffffffffffff',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'tempest',
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: join(dir, 'temp'),
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
      ...o.env,
    };
    // The runner hands the post step what main saved, as STATE_<name>.
    if (entry === 'post') for (const [k, v] of Object.entries(savedState)) env[`STATE_${k}`] = v;
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
    const { code, signal, stdout, stderr } = await new Promise<{ code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(NODE, [join(dist, `${entry}.js`)], { env, cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] });
        const out: string[] = [];
        const err: string[] = [];
        let partial = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out.push(chunk);
          const lines = (partial + chunk).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) {
            so.onLine?.(line);
            if (so.killWhen?.test(line) && child.exitCode === null) child.kill('SIGKILL');
          }
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk));
        child.on('error', reject);
        child.on('close', (exit, sig) => {
          if (partial !== '') so.onLine?.(partial);
          resolve({ code: exit ?? 128 + (sig ? (SIGNALS[sig] ?? 0) : 0), signal: sig, stdout: out.join(''), stderr: err.join('') });
        });
      },
    );
    const state = parseCommandFile(await readFile(files.state, 'utf8'));
    if (entry === 'index') savedState = state;
    return {
      code,
      signal,
      stdout,
      stderr,
      outputs: parseCommandFile(await readFile(files.output, 'utf8')),
      state,
      summary: await readFile(files.summary, 'utf8'),
    };
  };
  return { dir, workspace, step };
}

/** What the runner would show: stdout without the `::add-mask::` commands it consumes. */
export function visibleLog(stdout: string): string {
  return stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}
