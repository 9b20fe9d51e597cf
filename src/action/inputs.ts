// The action's inputs and run context, read once into a typed settings object and validated.
// Every error names the input. Secrets are masked (core.setSecret) here, before anything is logged.
// Inputs are never read at import time.
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { parse as parseYaml } from 'yaml';
import { changeUnderTestLocalrc, parseLocalrcEntries } from '../core/provision/local-conf.ts';
import { parseDuration } from '../core/provision/sweep.ts';
import { UserError, EXIT } from '../core/errors.ts';
import { isBaselineName } from '../edges/baseline-store.ts';

export type FailOn = 'regressions' | 'failures' | 'never';
export type CommentMode = 'update' | 'on-failure' | 'off';

export interface CloudSettings {
  /** Cloud name in clouds.yaml (input `cloud`, else OS_CLOUD), or null for plain OS_* variables. */
  name: string | null;
  /** clouds.yaml content from the `clouds-yaml` input (a secret), or null. */
  cloudsYaml: string | null;
  /** Whether OS_AUTH_URL (plain OS_* credentials) is set in the environment. */
  fromEnv: boolean;
}

export interface PullRequestContext {
  number: number;
  headSha: string;
  headRepo: string;
  baseRepo: string;
  /** The head branch lives in another repository: GitHub withholds secrets from the run. */
  fromFork: boolean;
}

export interface RunContext {
  apiUrl: string;
  serverUrl: string;
  owner: string;
  repo: string;
  eventName: string;
  /** The commit to attach the check run to: the PR head, not the merge commit. */
  sha: string;
  pullRequest: PullRequestContext | null;
  /** For `workflow_run` reporting: the run that produced the artifact. */
  workflowRun: { id: number; headSha: string; event: string } | null;
  runUrl: string | null;
  job: string;
  /**
   * The branch the change is judged for: a pull request's base branch, else the pushed (or
   * dispatched, scheduled) branch; null for a tag or when nothing says.
   */
  baseBranch: string | null;
}

export interface ActionSettings {
  githubToken: string;
  /** A result file to report instead of provisioning and running Tempest. */
  results: string | null;
  /** A downloaded tempest-gate report artifact to publish (the trusted half of the fork-safe setup). */
  reportFrom: string | null;
  /**
   * Scale-out: this job runs shard `shardIndex` of `shardCount` (the selection split by the
   * baseline's durations; docs/select.md, Shards). 1 and 0: no sharding.
   */
  shardCount: number;
  shardIndex: number;
  /** The merge job: the shards' artifacts of this workflow run whose names match this pattern (`*` any characters), or null. */
  mergeFrom: string | null;
  cloud: CloudSettings | null;
  nodeCount: number;
  flavor: string | null;
  image: string | null;
  /** The devstack branch; `auto` resolved (autoDevstackBranch). */
  devstackBranch: string;
  devstackRepo: string;
  /** Network for the nodes (null: the project's only one). */
  network: string | null;
  /** External network for the controller's floating IP ('auto', a name or id), or null for none. */
  floatingNetwork: string | null;
  /** A security group to use as it is, or null to make the run's own. */
  securityGroup: string | null;
  sshCidr: string;
  /**
   * How long the run keeps trying to reach the nodes over SSH, and to reach one again after a
   * drop (input `connect-timeout`, as `run --connect-timeout`); null: the run's defaults.
   */
  connectSeconds: number | null;
  /**
   * Extra devstack localrc settings for every node: the change under test (`<PROJECT>_REPO` and
   * `<PROJECT>_BRANCH` at the pull request's head, unless `deploy-change` is false), then the
   * `devstack-localrc` input's lines, which win.
   */
  devstackLocalrc: Record<string, string>;
  /** A rules file or `preset:<name>`; null: the repository's .tempest-gate.yaml, else its service preset. */
  rules: string | null;
  /** Test ids to select from (as `stestr list` prints them); null: the shipped Tempest list. */
  testList: string | null;
  /** A baseline reference as `tempest-gate compare --baseline` takes it (docs/compare.md), or null (none, or `auto`). */
  baseline: string | null;
  /**
   * `baseline: auto`: the stored names to try in the store, in order (the base branch, then
   * master), for loadBaselineWithFallback; empty when `baseline` is a reference or there is none.
   */
  baselineCandidates: string[];
  /** Where bare baseline names are looked up (git:BRANCH, dir:PATH, artifact:NAME). */
  baselineStore: string;
  /** A known-failures YAML file (docs/compare.md), or null. */
  knownFailures: string | null;
  /** Interop guidelines to score against (a file, or builtin:<id>); empty for none. */
  guidelines: string[];
  rerunFailed: boolean;
  concurrency: number;
  nodeLogs: boolean;
  failOn: FailOn;
  commentMode: CommentMode;
  /** Distinguishes this job's comment from other jobs' on the same PR. */
  commentKey: string;
  checkRun: boolean;
  checkName: string;
  /** Artifact name, or null when `upload-artifacts` is false. */
  artifactName: string | null;
  /** Where the report files are written. */
  reportDir: string;
  /** Every secret value, for redaction of what is published (masking only covers the log). */
  secrets: string[];
  context: RunContext;
}

type Env = Record<string, string | undefined>;

const SECRET_KEYS = /(password|secret|token|credential|key)$/i;

/** OS_* variables that hold credentials (openstacksdk's names). */
const OS_SECRET_VARS = ['OS_PASSWORD', 'OS_APPLICATION_CREDENTIAL_SECRET', 'OS_TOKEN', 'OS_AUTH_TOKEN', 'OS_CLIENT_SECRET'];

function mask(value: string, secrets: string[], options: { perLine?: boolean } = {}): void {
  if (value.trim() === '') return;
  core.setSecret(value);
  secrets.push(value);
  // A multi-line value is only masked whole by the runner; when its secret parts cannot be told
  // apart (a clouds.yaml that does not parse), every line is masked too.
  if (options.perLine && value.includes('\n')) {
    for (const line of value.split(/\r?\n/)) {
      if (line.trim().length >= 4) {
        core.setSecret(line.trim());
        secrets.push(line.trim());
      }
    }
  }
}

/** Mask every credential-looking scalar in a clouds.yaml, without ever echoing the file. */
function maskCloudsYaml(text: string, secrets: string[]): void {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    mask(text, secrets, { perLine: true });
    // The parser's message quotes the file: keep only its position.
    const pos = (err as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    throw new UserError(`input 'clouds-yaml' is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ''}`, { exitCode: EXIT.usage });
  }
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string' || typeof v === 'number') {
      if (SECRET_KEYS.test(key)) mask(String(v), secrets);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(doc, '');
  if (!doc || typeof doc !== 'object' || !('clouds' in doc)) {
    throw new UserError("input 'clouds-yaml' has no top-level 'clouds:' mapping", { exitCode: EXIT.usage });
  }
}

function input(name: string): string {
  return core.getInput(name).trim();
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const v = input(name) || fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UserError(`input '${name}' must be one of ${allowed.join(', ')}; got '${v}'`, { exitCode: EXIT.usage });
  }
  return v as T;
}

function bool(name: string, fallback: boolean): boolean {
  if (input(name) === '') return fallback;
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new UserError(`input '${name}' must be true or false; got '${input(name)}'`, { exitCode: EXIT.usage });
  }
}

/** A duration input (90s, 2m, 1h30m) in seconds, above zero; null when empty. */
function durationSeconds(name: string): number | null {
  const v = input(name);
  if (v === '') return null;
  const ms = parseDuration(v, `input '${name}'`);
  if (ms <= 0) throw new UserError(`input '${name}' must be longer than 0s; got '${v}'`, { exitCode: EXIT.usage });
  return ms / 1000;
}

function wholeNumber(name: string, min: number, max: number, fallback: number): number {
  const v = input(name);
  if (v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UserError(`input '${name}' must be a whole number from ${min} to ${max}; got '${v}'`, { exitCode: EXIT.usage });
  }
  return Number(v);
}

/** Check a baseline reference's shape; resolving it (file, git, artifact, store) happens in the compare stage. */
export function checkBaselineRef(text: string): string | null {
  if (text === '') return null;
  const m = /^([a-z]+):/.exec(text);
  if (!m) return text;
  if (m[1] === 'git') {
    if (!/^git:[^:]+:.+$/.test(text))
      throw new UserError(`input 'baseline': '${text}' must be git:BRANCH:NAME (e.g. git:tempest-baselines:master)`, { exitCode: EXIT.usage });
    return text;
  }
  if (m[1] === 'artifact') {
    if (text === 'artifact:') throw new UserError("input 'baseline': 'artifact:' needs a branch, e.g. artifact:master", { exitCode: EXIT.usage });
    return text;
  }
  throw new UserError(`input 'baseline': unknown source '${m[1]}:'; use a file path, a stored name (e.g. master), git:BRANCH:NAME or artifact:BRANCH`, {
    exitCode: EXIT.usage,
  });
}

function readEvent(env: Env): Record<string, unknown> {
  // @actions/github's context reads the same file; reading it here keeps settings a pure function of env.
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    throw new UserError(`GITHUB_EVENT_PATH '${path}' is not a readable JSON event payload`, { exitCode: EXIT.usage });
  }
}

interface RepoRef {
  full_name?: string;
}
interface PrPayload {
  number?: number;
  head?: { sha?: string; repo?: RepoRef | null };
  base?: { ref?: string; repo?: RepoRef };
}

/** The branch a run judges for, from the event payload's pull request or the run's ref. */
function baseBranchOf(pr: PrPayload | undefined, env: Env): string | null {
  if (pr?.base?.ref) return pr.base.ref;
  if (env.GITHUB_BASE_REF) return env.GITHUB_BASE_REF;
  const ref = env.GITHUB_REF ?? '';
  if (ref.startsWith('refs/heads/')) return ref.slice('refs/heads/'.length);
  return null;
}

/** `baseline: auto`: the baseline named after the base branch, then master's. */
export function baselineCandidates(baseBranch: string | null): string[] {
  // A branch name that cannot be a baseline name (git allows more) can only fall back.
  const own = baseBranch !== null && isBaselineName(baseBranch) ? [baseBranch] : [];
  return [...new Set([...own, 'master'])];
}

/** `devstack-branch: auto`: the base branch when devstack has it (master, stable/*), else master. */
export function autoDevstackBranch(baseBranch: string | null): string {
  return baseBranch !== null && (baseBranch === 'master' || /^stable\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(baseBranch)) ? baseBranch : 'master';
}

export function readContext(env: Env = process.env): RunContext {
  const event = readEvent(env);
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const pr = event.pull_request as PrPayload | undefined;
  let pullRequest: PullRequestContext | null = null;
  if (pr && typeof pr.number === 'number') {
    const baseRepo = pr.base?.repo?.full_name ?? `${owner}/${repo}`;
    // A deleted fork has head.repo null: treat it as a fork.
    const headRepo = pr.head?.repo?.full_name ?? '';
    pullRequest = { number: pr.number, headSha: pr.head?.sha ?? env.GITHUB_SHA ?? '', headRepo, baseRepo, fromFork: headRepo !== baseRepo };
  }
  const wr = event.workflow_run as { id?: number; head_sha?: string; event?: string } | undefined;
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl,
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: pullRequest?.headSha ?? env.GITHUB_SHA ?? '',
    pullRequest,
    workflowRun: wr && typeof wr.id === 'number' ? { id: wr.id, headSha: wr.head_sha ?? '', event: wr.event ?? '' } : null,
    runUrl: env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : null,
    job: env.GITHUB_JOB ?? 'tempest-gate',
    baseBranch: baseBranchOf(pr, env),
  };
}

export function readSettings(env: Env = process.env): ActionSettings {
  const secrets: string[] = [];
  // Secrets first: nothing below may log before they are masked.
  const githubToken = input('github-token');
  mask(githubToken, secrets);
  const cloudsYaml = core.getInput('clouds-yaml');
  mask(cloudsYaml, secrets);
  for (const name of OS_SECRET_VARS) mask(env[name] ?? '', secrets);
  if (cloudsYaml.trim() !== '') maskCloudsYaml(cloudsYaml, secrets);

  if (githubToken === '') {
    throw new UserError(
      "input 'github-token' is empty: leave it at its default (${{ github.token }}) and grant the job `permissions: { checks: write, pull-requests: write }`",
      { exitCode: EXIT.usage },
    );
  }
  const cloudName = input('cloud') || env.OS_CLOUD || '';
  const fromEnv = (env.OS_AUTH_URL ?? '') !== '';
  const cloud: CloudSettings | null =
    cloudsYaml.trim() !== '' || fromEnv || cloudName !== ''
      ? { name: cloudName || null, cloudsYaml: cloudsYaml.trim() === '' ? null : cloudsYaml, fromEnv }
      : null;

  const context = readContext(env);
  // Empty means none (every failure counts), as before `auto` existed; `auto` is action.yml's default.
  const baselineInput = input('baseline');
  const devstackInput = input('devstack-branch');
  const commentKey = input('comment-key') || env.GITHUB_JOB || 'tempest-gate';
  const uploadArtifacts = bool('upload-artifacts', true);
  const settings: ActionSettings = {
    githubToken,
    results: input('results') || null,
    reportFrom: input('report-from') || null,
    shardCount: wholeNumber('shard-count', 1, 256, 1),
    shardIndex: wholeNumber('shard-index', 0, 255, 0),
    mergeFrom: input('merge-from') || null,
    cloud,
    nodeCount: wholeNumber('node-count', 1, 16, 2),
    flavor: input('flavor') || null,
    image: input('image') || null,
    devstackBranch: devstackInput === 'auto' ? autoDevstackBranch(context.baseBranch) : devstackInput || 'master',
    devstackRepo: input('devstack-repo') || 'https://opendev.org/openstack/devstack',
    network: input('network') || null,
    floatingNetwork: input('floating-network') || null,
    securityGroup: input('security-group') || null,
    sshCidr: input('ssh-cidr') || '0.0.0.0/0',
    connectSeconds: durationSeconds('connect-timeout'),
    devstackLocalrc: {},
    rules: input('rules') || null,
    testList: input('test-list') || null,
    baseline: baselineInput === 'auto' ? null : checkBaselineRef(baselineInput),
    baselineCandidates: baselineInput === 'auto' ? baselineCandidates(context.baseBranch) : [],
    baselineStore: input('baseline-store') || 'git:tempest-baselines',
    knownFailures: input('known-failures') || null,
    guidelines: input('guideline') ? [input('guideline')] : [],
    rerunFailed: bool('rerun-failed', false),
    concurrency: wholeNumber('concurrency', 1, 64, 4),
    nodeLogs: bool('node-logs', true),
    failOn: oneOf('fail-on', ['regressions', 'failures', 'never'] as const, 'regressions'),
    commentMode: oneOf('comment-mode', ['update', 'on-failure', 'off'] as const, 'update'),
    commentKey,
    checkRun: bool('check-run', true),
    checkName: input('check-name') || 'tempest-gate',
    artifactName: uploadArtifacts ? input('artifact-name') || 'tempest-gate-report' : null,
    reportDir: input('report-dir') || `${env.RUNNER_TEMP ?? '.'}/tempest-gate`,
    secrets,
    context,
  };
  // A shard's artifact carries its index: the merge job finds every shard's by one pattern.
  if (settings.shardCount > 1 && settings.mergeFrom === null && settings.artifactName !== null)
    settings.artifactName = `${settings.artifactName}-shard-${settings.shardIndex}`;
  const headRepo = context.pullRequest?.headRepo || `${context.owner}/${context.repo}`;
  settings.devstackLocalrc = {
    ...(bool('deploy-change', true) && context.sha !== '' ? changeUnderTestLocalrc({ serverUrl: context.serverUrl, headRepo, headSha: context.sha }) : {}),
    ...parseLocalrcEntries(
      input('devstack-localrc')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#')),
      "input 'devstack-localrc'",
    ),
  };
  if (settings.results && settings.reportFrom) {
    throw new UserError("inputs 'results' and 'report-from' cannot both be set: 'report-from' publishes a finished report", { exitCode: EXIT.usage });
  }
  if (settings.shardIndex >= settings.shardCount) {
    throw new UserError(
      `input 'shard-index' must be below 'shard-count' (0..${settings.shardCount - 1}); got ${settings.shardIndex} of ${settings.shardCount}`,
      { exitCode: EXIT.usage },
    );
  }
  const modes = (['results', 'reportFrom', 'mergeFrom'] as const).filter((k) => settings[k] !== null);
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
        exitCode: EXIT.usage,
      },
    );
  }
  if (settings.artifactName !== null && !/^[^"<>:|*?\\/\r\n]+$/.test(settings.artifactName)) {
    throw new UserError(`input 'artifact-name' may not contain " < > : | * ? \\ / or newlines; got '${settings.artifactName}'`, { exitCode: EXIT.usage });
  }
  return settings;
}

/** What provisioning needs, checked only when the action is going to provision. */
export function requireCloudInputs(settings: ActionSettings): void {
  if (settings.flavor === null) throw new UserError("input 'flavor' is required to provision nodes (e.g. flavor: m1.xlarge)", { exitCode: EXIT.usage });
  if (settings.image === null) throw new UserError("input 'image' is required to provision nodes (e.g. image: ubuntu-24.04)", { exitCode: EXIT.usage });
}
