// The whole gate on the embedded lab, as a GitHub runner would run it: the bundled dist/index.js
// then dist/post.js, with INPUT_* (action.yml's defaults filled in), a real pull_request event,
// GITHUB_OUTPUT/GITHUB_STATE/GITHUB_STEP_SUMMARY files and ACTIONS_RUNTIME_* for artifacts, against
//   - the local OpenStack (the clouds.yaml scripts/local-openstack/start.sh wrote), whose lab image
//     boots servers that are real SSH hosts (network namespaces, scripts/lab's virt driver);
//   - the local GitHub API (github-server.ts: every request validated against GitHub's OpenAPI
//     description) and the local artifact backend (artifact-server.ts);
//   - a change made on the fly into a real git repository (changes.ts), which the nodes clone;
//   - the lab's devstack stand-in (a git repository the nodes clone as devstack-repo).
// It follows the job's log for per-stage times, collects what was posted, and lists what is left.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { newJob, type StepResult } from './action-runner.ts';
import { startArtifactServer, type ArtifactServer } from './artifact-server.ts';
import { makeChangeRepo, type ChangeRepo } from './changes.ts';
import { example, startGitHubServer, type FakeCheckRun, type Rejection } from './github-server.ts';
import { leftovers, type Leftovers } from './leftovers.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
export const OWNER = 'lab';
export const REPO = 'nova';
const TOKEN = 'ghs_labGateToken_0e2e';

export interface LabGateOptions {
  /** A change of data/lab/changes/. */
  change: string;
  /** clouds.yaml of the local cloud (its `tg-local` and `tg-local-admin` clouds). */
  cloudsYaml: string;
  cloud?: string;
  image: string;
  flavor: string;
  /** Subnodes besides the controller (default 2). */
  subnodes?: number;
  /** The devstack the nodes clone (default: the lab's stand-in, scripts/lab/devstack-repo.sh). */
  devstackRepo: string;
  /** A rules file instead of the change repository's own .tempest-gate.yaml (CI's trimmed subset). */
  rules?: string;
  /** The baseline (default data/samples/baseline-master.json, the bundled one). */
  baseline?: string;
  /** More devstack localrc lines (KEY=VALUE), after the change's NOVA_REPO (the `devstack-localrc` input). */
  localrc?: string[];
  /** More inputs, by action.yml name (they win). */
  inputs?: Record<string, string>;
  /** Where the run's files go (default a temp dir). */
  dir?: string;
  /** The dist/ to run (default: the sources bundled now). */
  dist?: string;
  /** Live progress: each visible line of the job's log, with the time since the start. */
  say?: (line: string) => void;
  /** The artifact backend of the workflow run (shared by a matrix's jobs and the merge job); default: one of its own. */
  artifacts?: ArtifactServer;
  /** SIGKILL dist/index.js when one of its log lines matches (a runner lost mid-step). */
  killWhen?: RegExp;
  /** Called between main and post, with the run id (what a runner lost mid-step left behind can be looked at). */
  beforePost?: (runId: string | null, serverIds: string[]) => Promise<void>;
}

export interface StageTime {
  stage: string;
  seconds: number;
}

export interface LabGateResult {
  change: ChangeRepo;
  runId: string | null;
  main: StepResult;
  post: StepResult;
  stages: StageTime[];
  /** What the job posted. */
  comment: string | null;
  checkRun: FakeCheckRun | null;
  summary: string;
  artifact: { name: string; dir: string; files: string[] } | null;
  rejections: Rejection[];
  badResponses: string[];
  artifactErrors: string[];
  /** Operation ids of every GitHub call, in order. */
  calls: string[];
  leftovers: Leftovers | null;
  /** The nodes' deployed-projects.json, from the log archives, when they were fetched. */
  dir: string;
  totalSeconds: number;
}

/** The cloud's own entry of clouds.yaml, as text for the `clouds-yaml` input (a secret, as a user's would be). */
function cloudsYamlInput(file: string, cloud: string): string {
  const doc = parseYaml(readFileSync(file, 'utf8')) as { clouds?: Record<string, unknown> };
  const entry = doc.clouds?.[cloud];
  if (!entry) throw new Error(`${file}: no cloud '${cloud}'`);
  return `${JSON.stringify({ clouds: { [cloud]: entry } }, null, 2)}\n`;
}

/** A pull_request (synchronize) event as the runner writes it: GitHub's own pull-request example, pointed at the change's repository and commits. */
function pullRequestEvent(change: ChangeRepo): { event: Record<string, unknown>; pullRequest: Record<string, unknown> & { number: number } } {
  const pr = example<Record<string, unknown> & { number: number; head: Record<string, unknown>; base: Record<string, unknown> }>('pull-request');
  const repo = { ...(pr.base.repo as Record<string, unknown>), name: REPO, full_name: `${OWNER}/${REPO}`, owner: { ...(pr.user as object), login: OWNER } };
  pr.title = change.message;
  pr.head = { ...pr.head, sha: change.headSha, ref: `change/${change.name}`, label: `${OWNER}:change/${change.name}`, repo };
  pr.base = { ...pr.base, sha: change.baseSha, ref: 'master', label: `${OWNER}:master`, repo };
  const event = {
    action: 'synchronize',
    number: pr.number,
    before: change.baseSha,
    after: change.headSha,
    pull_request: pr,
    repository: repo,
    sender: pr.user,
  };
  return { event, pullRequest: pr };
}

/** Follows the job's log: when each stage started and ended. */
class StageClock {
  private readonly marks = new Map<string, number>();
  private readonly runner = new Map<string, number>();
  private readonly t0: number;
  constructor(t0: number) {
    this.t0 = t0;
  }
  line(l: string, now: number): void {
    const at = (now - this.t0) / 1000;
    const mark = (k: string): void => void (this.marks.has(k) || this.marks.set(k, at));
    if (l.startsWith('Selection: ')) mark('selected');
    else if (/^Run id \S+:/.test(l)) mark('provision-start');
    else if (/^provision: ready in /.test(l)) mark('provisioned');
    else if (/^provision: failed/.test(l)) mark('provisioned');
    const s = /^stage ([a-z-]+): ([\d.]+)s$/.exec(l);
    if (s) {
      this.runner.set(s[1] ?? '', Number(s[2]));
      mark('runner-end');
      this.marks.set('runner-end', at);
    }
  }
  mainEnded(now: number): void {
    this.marks.set('main-end', (now - this.t0) / 1000);
  }
  stages(postSeconds: number): StageTime[] {
    const m = (k: string): number | undefined => this.marks.get(k);
    const r = (...names: string[]): number => names.reduce((n, k) => n + (this.runner.get(k) ?? 0), 0);
    const out: StageTime[] = [];
    const sel = m('selected');
    if (sel !== undefined) out.push({ stage: 'select', seconds: sel });
    const p0 = m('provision-start');
    const p1 = m('provisioned');
    if (p0 !== undefined && p1 !== undefined) out.push({ stage: 'provision', seconds: p1 - p0 });
    if (this.runner.has('connect')) out.push({ stage: 'connect (SSH)', seconds: r('connect') });
    if (this.runner.has('bootstrap') || this.runner.has('wait-ready')) out.push({ stage: 'stack', seconds: r('bootstrap', 'wait-ready', 'discover-hosts') });
    if (this.runner.has('run')) out.push({ stage: 'tempest', seconds: r('prepare', 'run', 'rerun') });
    if (this.runner.has('fetch-logs')) out.push({ stage: 'node logs', seconds: r('fetch-logs') });
    const end = m('main-end');
    const from = m('runner-end') ?? p1 ?? sel;
    if (end !== undefined && from !== undefined) out.push({ stage: 'compare + report', seconds: end - from });
    out.push({ stage: 'cleanup (post)', seconds: postSeconds });
    return out;
  }
}

/** What the runner shows of a log line: workflow commands consumed, groups as headers; null for hidden ones. */
export function visible(line: string): string | null {
  if (line.startsWith('::add-mask::') || line.startsWith('::debug::') || line === '::endgroup::') return null;
  const group = /^::group::(.*)$/.exec(line);
  if (group) return `== ${group[1]} ==`;
  const cmd = /^::(error|warning|notice)[^:]*::(.*)$/.exec(line);
  if (cmd) return `${cmd[1]}: ${(cmd[2] ?? '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')}`;
  return line;
}

async function unzip(bytes: Buffer, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const zip = join(dir, '..', 'artifact.zip');
  await writeFile(zip, bytes);
  execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-e', zip, dir]);
  const out: string[] = [];
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}`);
    }
  };
  await walk(dir, '');
  return out.sort();
}

function serverIds(reportDir: string): string[] {
  const file = join(reportDir, 'cloud', 'state', 'provision.json');
  if (!existsSync(file)) return [];
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { nodes: { id: string }[] }).nodes.map((n) => n.id);
  } catch {
    return [];
  }
}

/** A fresh folder for one run (runLabGate's default `dir`): never under /tmp, which a lab host has of its own. */
export function newLabGateDir(): Promise<string> {
  return mkdtemp('/var/tmp/tg-lab-gate-');
}

/** One whole gate on the lab: main, then post (always, as `post-if: always()`), then the leftovers. */
export async function runLabGate(o: LabGateOptions): Promise<LabGateResult> {
  const t0 = performance.now();
  const dir = o.dir ?? (await newLabGateDir());
  await mkdir(dir, { recursive: true });
  const cloud = o.cloud ?? 'tg-local';
  // The change's remote, which the nodes clone, is never under /tmp: a lab host has a /tmp of its own.
  const gitDir = dir === '/tmp' || dir.startsWith('/tmp/') ? await mkdtemp('/var/tmp/tg-lab-git-') : dir;
  const change = await makeChangeRepo({ name: o.change, dir, gitDir, owner: OWNER, repo: REPO });
  const { event, pullRequest } = pullRequestEvent(change);
  const gh = await startGitHubServer({ token: TOKEN, owner: OWNER, repo: REPO, pullRequest, pullFiles: change.files });
  const artifacts = o.artifacts ?? (await startArtifactServer());
  const reportDir = join(dir, 'report');
  try {
    const inputs: Record<string, string> = {
      'clouds-yaml': cloudsYamlInput(o.cloudsYaml, cloud),
      cloud,
      'node-count': String((o.subnodes ?? 2) + 1),
      image: o.image,
      flavor: o.flavor,
      network: 'private',
      'floating-network': 'public',
      'devstack-repo': o.devstackRepo,
      // The change under test: deploy-change sets NOVA_BRANCH to the head commit; the repository is
      // this machine's copy (GitHub's would be ${GITHUB_SERVER_URL}/lab/nova.git).
      'devstack-localrc': [`NOVA_REPO=${change.url}`, ...(o.localrc ?? [])].join('\n'),
      baseline: o.baseline ?? join(ROOT, 'data', 'samples', 'baseline-master.json'),
      concurrency: '2',
      'report-dir': reportDir,
      ...(o.rules ? { rules: o.rules } : {}),
      ...o.inputs,
    };
    const job = await newJob({
      inputs,
      githubToken: TOKEN,
      apiUrl: gh.url,
      event,
      workspace: change.workspace,
      repository: `${OWNER}/${REPO}`,
      sha: change.headSha,
      env: artifacts.env(),
      ...(o.dist ? { dist: o.dist } : {}),
    });
    const clock = new StageClock(performance.now());
    const stamp = (): string => {
      const s = (performance.now() - t0) / 1000;
      return `[${String(Math.floor(s / 60)).padStart(2, '0')}:${(s % 60).toFixed(0).padStart(2, '0')}]`;
    };
    const say = (l: string): void => {
      const v = visible(l);
      if (v !== null) o.say?.(`${stamp()} ${v}`);
    };
    const main = await job.step('index', {
      onLine: (l) => {
        clock.line(l, performance.now());
        say(l);
      },
      ...(o.killWhen ? { killWhen: o.killWhen } : {}),
    });
    clock.mainEnded(performance.now());
    if (main.signal) o.say?.(`${stamp()} dist/index.js was killed (${main.signal}); the runner still runs the post step`);
    const runId = main.state['tempest-gate-run-id'] ?? null;
    const ids = serverIds(reportDir);
    await o.beforePost?.(runId, ids);
    o.say?.(`${stamp()} == post: dist/post.js ==`);
    const p0 = performance.now();
    const post = await job.step('post', { onLine: say });
    const postSeconds = (performance.now() - p0) / 1000;
    const left = runId ? await leftovers({ cloudsYaml: o.cloudsYaml, runId, serverIds: ids }) : null;
    let artifact: LabGateResult['artifact'] = null;
    const stored = artifacts.artifacts.at(-1);
    if (stored) {
      const adir = join(dir, 'artifact', stored.name);
      artifact = { name: stored.name, dir: adir, files: await unzip(stored.bytes, adir) };
    }
    const checkRun = gh.checkRuns.at(-1) ?? null;
    return {
      change,
      runId,
      main,
      post,
      stages: clock.stages(postSeconds),
      comment: gh.comments.at(-1)?.body ?? null,
      checkRun,
      summary: main.summary,
      artifact,
      rejections: gh.rejections,
      badResponses: gh.badResponses,
      artifactErrors: artifacts.errors,
      calls: gh.calls().map((c) => c.operationId ?? ''),
      leftovers: left,
      dir,
      totalSeconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await gh.stop();
    if (!o.artifacts) await artifacts.stop();
    if (gitDir !== dir) await rm(gitDir, { recursive: true, force: true });
  }
}

/** The file of the artifact, if it was uploaded (report.html...). */
export async function artifactFile(r: LabGateResult, name: string): Promise<string | null> {
  if (!r.artifact || !r.artifact.files.includes(name)) return null;
  return readFile(join(r.artifact.dir, name), 'utf8');
}
