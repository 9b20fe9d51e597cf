// The run stage: the selected Tempest tests run on a provisioned environment over SSH (the
// controller runs them; every node is waited on), with live progress, and the subunit stream,
// the results and every node's logs brought back. Devstack's passwords are masked in all it says.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError, usageError } from '../core/errors.ts';
import { baselineFromBytes, isJsonDocument } from '../core/compare/index.ts';
import { SECRETS_PATH } from '../core/provision/local-conf.ts';
import { CONTROLLER_SHARED_PATHS, DISCOVER_HOSTS_COMMAND } from '../core/provision/user-data.ts';
import { namesThatRan } from '../core/results/model.ts';
import { parseResults } from '../core/results/parse.ts';
import { parseKnownHosts, type HostTrust, type TrustedKey } from '../core/run/host-keys.ts';
import { maskSecrets, secretValues } from '../core/run/mask.ts';
import { DEFAULT_READY, defaultPlanOptions, environmentOverrides, type ConfigOverride, type RunStep } from '../core/run/plan.ts';
import { baselineDurations, formatProgress, type ProgressSnapshot } from '../core/run/progress.ts';
import { idFromExactRegex, planWorkers, type WorkerPlan } from '../core/run/worker-file.ts';
import { readBytes, readText } from '../edges/files.ts';
import { waitForConsoleHostKeys } from '../edges/openstack/console-output.ts';
import { DEFAULT_TIMEOUTS, runTempest, type RunnerNode, type RunReport } from '../edges/ssh/tempest-runner.ts';
import { openSession, type ResolvedCloud } from './cloud.ts';
import { loadProvisionState } from './provision.ts';

export { DEFAULT_TIMEOUTS, type RunReport };

export interface NodeAddress {
  role: 'controller' | 'subnode';
  name: string;
  host: string;
  port: number;
  /** Nova server id, to read the console output from. */
  serverId?: string;
  /** Reached through the controller's connection (no address of its own that we can reach). */
  viaController?: boolean;
}

export interface RunStageOptions {
  /** provision's state folder (absolute), or the nodes of an existing deployment (controller first). */
  environment: { stateDir: string } | { hosts: NodeAddress[] };
  /** Reach the subnodes through the controller (automatic with a state whose controller alone has a floating IP). */
  viaController: boolean;
  /** SSH private key file (default: the state folder's). */
  identity?: string | undefined;
  /** Trust the host keys listed there; otherwise those cloud-init printed to each console (through Nova). */
  knownHosts?: string | undefined;
  /** The cloud, to read console output from; resolved only when needed. */
  cloud: () => ResolvedCloud;
  user: string;
  include: string[];
  exclude: string[];
  serialInclude: string[];
  concurrency: number;
  rerunFailed: boolean;
  /** Tempest's workspace on the controller, the user that runs it (null: the SSH user), the command. */
  workspace: string;
  runAs: string | null;
  tempest: string;
  overrides: ConfigOverride[];
  /** Durations of a reference run: the ETA. */
  reference: Map<string, number>;
  total: number | null;
  timeouts: typeof DEFAULT_TIMEOUTS;
  markers: { done: string; failed: string; log: string };
  outputDir: string;
  fetchLogs: boolean;
  log: (line: string) => void;
  onProgress?: (line: string, progress: ProgressSnapshot) => void;
  signal: AbortSignal;
}

export interface RunSummary {
  outcome: string;
  reason: string;
  exitCode: number;
  counts: RunReport['results']['counts'];
  failed: string[];
  flaky: string[];
  steps: RunReport['steps'];
  stages: RunReport['stages'];
  warnings: string[];
  artifacts: { subunit: string; results: string; logs: string[] };
}

export interface RunOutcome {
  report: RunReport;
  /** What run.json holds (masked). */
  summary: RunSummary;
  /** Masks devstack's passwords in any text. */
  mask: (text: string) => string;
}

/** Lines of a Tempest include/exclude list: blank lines and `#` comments dropped. */
export async function readRegexList(path: string | undefined): Promise<string[]> {
  if (path === undefined) return [];
  return (await readText(path))
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
}

/**
 * A reference run for the ETA, the shards' balance (select --baseline) and validate's test list:
 * a tempest-gate baseline (JSON as `baseline` writes it, or a store's compact history), a results
 * JSON (`parse --to json`) or a result file in any format the engine reads.
 */
export async function readReference(file: string): Promise<{ durations: Map<string, number>; names: string[] }> {
  const bytes = await readBytes(file);
  // A results JSON is read as the stream it was parsed from would be (baselineFromBytes hands it back).
  const loaded = isJsonDocument(bytes) ? baselineFromBytes(bytes, file, { created: '' }) : null;
  if (loaded && loaded.results === null) {
    const durations = new Map<string, number>();
    for (const t of loaded.baseline.tests) if (t.duration !== null) durations.set(t.name, t.duration);
    return { durations, names: loaded.baseline.tests.map((t) => t.name) };
  }
  const run = loaded?.results ?? parseResults(bytes);
  return { durations: baselineDurations(run), names: [...namesThatRan(run.tests)] };
}

/**
 * The parallel step's workers balanced by the reference's durations, when there is something to
 * balance: several workers, a reference with durations, and an include list that names its tests
 * exactly (as select writes it; a pattern could match tests no worker regex covers, and stestr
 * drops those). Null otherwise: stestr balances by its own times.
 */
function balancedWorkers(o: RunStageOptions): WorkerPlan | null {
  if (o.concurrency < 2 || o.reference.size === 0 || o.include.length < 2) return null;
  const ids: string[] = [];
  for (const line of o.include) {
    const id = idFromExactRegex(line);
    if (id === null) return null;
    ids.push(id);
  }
  return planWorkers({ ids, workers: o.concurrency, durations: o.reference });
}

type Trusts = Map<string, { trust: HostTrust; revoked: TrustedKey[]; source: string }>;

async function trustFor(o: RunStageOptions, nodes: NodeAddress[], say: (l: string) => void): Promise<Trusts> {
  const out: Trusts = new Map();
  if (o.knownHosts !== undefined) {
    const text = await readText(o.knownHosts);
    for (const n of nodes) {
      const { keys, revoked } = parseKnownHosts(text, n.host, n.port);
      out.set(n.name, { trust: { keys, fingerprints: [] }, revoked, source: o.knownHosts });
    }
    return out;
  }
  if (nodes.some((n) => n.serverId === undefined)) throw usageError('--known-hosts FILE is required with --host (host keys are never trusted blindly)');
  const session = openSession(o.cloud(), say);
  try {
    for (const n of nodes) {
      say(`reading ${n.name}'s host keys from its console output`);
      const trust = await waitForConsoleHostKeys(
        session,
        { id: n.serverId ?? '', name: n.name },
        { timeoutMs: o.timeouts.readySeconds * 1000, signal: o.signal },
      );
      out.set(n.name, { trust, revoked: [], source: `the console output of ${n.name}` });
    }
  } finally {
    await session.close();
  }
  return out;
}

/** The nodes, key and devstack secrets of the environment. */
async function environmentOf(o: RunStageOptions): Promise<{ addresses: NodeAddress[]; keyPath: string; secrets: Uint8Array | null; secretsPath: string }> {
  if ('hosts' in o.environment) {
    if (o.identity === undefined) throw usageError('give -i/--identity FILE (the SSH private key)');
    return {
      addresses: o.environment.hosts.map((a) => ({ ...a, viaController: a.role === 'subnode' && o.viaController })),
      keyPath: o.identity,
      secrets: null,
      secretsPath: SECRETS_PATH,
    };
  }
  const dir = o.environment.stateDir;
  const state = await loadProvisionState(dir);
  if (!state.nodes.some((n) => n.role === 'controller'))
    throw new UserError('no controller in nodes (is this what provision wrote?)', { place: { file: join(dir, 'provision.json') } });
  let sub = 0;
  // With a floating IP on the controller only, the subnodes sit on the private network:
  // they are reached through the controller's connection.
  const controllerFloating = state.nodes.some((n) => n.role === 'controller' && n.floatingIp);
  const addresses = [...state.nodes]
    .sort((a, b) => (a.role === 'controller' ? -1 : b.role === 'controller' ? 1 : 0))
    .map((n): NodeAddress => ({
      role: n.role === 'controller' ? 'controller' : 'subnode',
      name: n.role === 'controller' ? 'controller' : `subnode-${++sub}`,
      host: n.floatingIp ?? n.ip,
      port: 22,
      serverId: n.id,
      viaController: n.role !== 'controller' && !n.floatingIp && (controllerFloating || o.viaController),
    }));
  return {
    addresses,
    keyPath: o.identity ?? join(dir, state.privateKeyFile),
    secrets: await readBytes(join(dir, state.secretsFile)),
    secretsPath: state.secretsPathOnNodes || SECRETS_PATH,
  };
}

export async function runStage(o: RunStageOptions): Promise<RunOutcome> {
  const env = await environmentOf(o);
  const secretsToMask = env.secrets ? secretValues(Buffer.from(env.secrets).toString('utf8')) : [];
  const mask = (text: string): string => maskSecrets(text, secretsToMask);
  const say = (line: string): void => o.log(mask(line));
  const privateKey = await readBytes(env.keyPath);

  // No include list means every test, unless a serial list is given alone: then only those run.
  const steps: RunStep[] = [];
  if (o.include.length || !o.serialInclude.length) {
    const workers = balancedWorkers(o);
    if (workers)
      say(
        `workers: ${workers.groups.length} balanced by the reference's durations (--worker-file): longest ${workers.plan.makespanSeconds.toFixed(1)} s, lower bound ${workers.plan.lowerBoundSeconds.toFixed(1)} s`,
      );
    steps.push({
      name: 'parallel',
      include: o.include,
      exclude: o.exclude,
      concurrency: o.concurrency,
      serial: false,
      ...(workers ? { workers: workers.groups } : {}),
    });
  }
  if (o.serialInclude.length) steps.push({ name: 'serial', include: o.serialInclude, exclude: o.exclude, concurrency: 1, serial: true });
  const plan = { ...defaultPlanOptions(o.workspace), runCommand: [o.tempest, 'run'], runAs: o.runAs };
  const trusts = await trustFor(o, env.addresses, say);
  const nodes: RunnerNode[] = env.addresses.map((a) => {
    const t = trusts.get(a.name);
    return {
      role: a.role,
      viaController: a.viaController ?? false,
      sudo: o.user !== 'root',
      markers: o.markers,
      files: env.secrets ? [{ path: env.secretsPath, content: env.secrets, mode: 0o600 }] : [],
      target: {
        name: a.name,
        host: a.host,
        port: a.port,
        username: o.user,
        privateKey,
        trust: t?.trust ?? { keys: [], fingerprints: [] },
        revoked: t?.revoked ?? [],
        trustSource: t?.source ?? 'nothing',
      },
    };
  });

  await mkdir(o.outputDir, { recursive: true });
  const report = await runTempest({
    nodes,
    plan,
    steps,
    overrides: [...environmentOverrides({ computeNodes: nodes.length }), ...o.overrides],
    rerunFailed: o.rerunFailed,
    timeouts: o.timeouts,
    outputDir: o.outputDir,
    fetchLogs: o.fetchLogs,
    redactFile: env.secrets ? env.secretsPath : undefined,
    // Nodes we provisioned run our stack script: the controller's CA goes to the subnodes, and
    // once they are stacked their computes are mapped to cells, as devstack's multinode jobs do.
    ...('stateDir' in o.environment ? { shareFromController: CONTROLLER_SHARED_PATHS, discoverHosts: DISCOVER_HOSTS_COMMAND } : {}),
    total: o.total,
    baseline: o.reference,
    progressIntervalMs: 500,
    onProgress: (p) => {
      const line = `progress: ${formatProgress(p)}`;
      if (o.onProgress) o.onProgress(mask(line), p);
      else say(line);
    },
    log: say,
    signal: o.signal,
  });
  const resultsFile = join(o.outputDir, 'results.json');
  await writeFile(resultsFile, `${JSON.stringify(report.results)}\n`);
  const summary: RunSummary = {
    outcome: report.classification.outcome,
    reason: report.classification.reason,
    exitCode: report.classification.exitCode,
    counts: report.results.counts,
    failed: report.classification.failed,
    flaky: report.classification.flaky,
    steps: report.steps,
    stages: report.stages,
    warnings: report.warnings,
    artifacts: { subunit: report.subunitPath, results: resultsFile, logs: report.logFiles },
  };
  await writeFile(join(o.outputDir, 'run.json'), `${mask(JSON.stringify(summary, null, 2))}\n`);
  return { report, summary, mask };
}

export { DEFAULT_READY, SECRETS_PATH };
