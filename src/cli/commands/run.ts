// tempest-gate run: run the selected Tempest tests on a provisioned environment over SSH, with
// live progress, and bring back the subunit stream, the results and every node's logs.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { flag, str, wholeOption, strs, type Command, type CommandIo, type ParsedArgs } from '../command.ts';
import { EXIT, UserError, usageError } from '../../core/errors.ts';
import { parseDuration } from '../../core/provision/sweep.ts';
import { SECRETS_PATH } from '../../core/provision/local-conf.ts';
import { parseKnownHosts, type HostTrust, type TrustedKey } from '../../core/run/host-keys.ts';
import { DEFAULT_READY, defaultPlanOptions, environmentOverrides, type ConfigOverride, type RunStep } from '../../core/run/plan.ts';
import { baselineDurations, formatProgress } from '../../core/run/progress.ts';
import { maskSecrets, secretValues } from '../../core/run/mask.ts';
import { parseResults } from '../../core/results/parse.ts';
import { parseBaseline } from '../../core/compare/index.ts';
import { readBytes, readText } from '../../edges/files.ts';
import { DEFAULT_TIMEOUTS, runTempest, type RunnerNode, type RunReport } from '../../edges/ssh/tempest-runner.ts';
import { waitForConsoleHostKeys } from '../../edges/openstack/console-output.ts';
import { CLOUD_HELP, CLOUD_OPTIONS, cloudFromArgs, openSession } from '../openstack-args.ts';
import type { ProvisionState } from './provision.ts';

interface NodeAddress {
  role: 'controller' | 'subnode';
  name: string;
  host: string;
  port: number;
  /** Nova server id, to read the console output from. */
  serverId?: string;
  /** Reached through the controller's connection (no address of its own that we can reach). */
  viaController?: boolean;
}

function seconds(args: ParsedArgs, name: string, def: number): number {
  const text = str(args, name);
  return text === undefined ? def : parseDuration(text, `--${name}`) / 1000;
}

/** `section.key=value` (the value may hold anything, '=' included). */
export function parseSet(text: string): ConfigOverride {
  const m = /^([^.=\s][^.=]*)\.([^=\s]+)=(.*)$/s.exec(text);
  if (!m) throw usageError(`--set wants SECTION.KEY=VALUE (e.g. compute.build_timeout=300), not '${text}'`);
  return { section: m[1] ?? '', key: m[2] ?? '', value: m[3] ?? '' };
}

function parseHost(text: string, index: number): NodeAddress {
  const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(text);
  if (!m) throw usageError(`--host wants ADDRESS or ADDRESS:PORT, not '${text}'`);
  return { role: index === 0 ? 'controller' : 'subnode', name: index === 0 ? 'controller' : `subnode-${index}`, host: m[1] ?? m[2] ?? '', port: m[3] ? Number(m[3]) : 22 };
}

/** Lines of a Tempest include/exclude list: blank lines and `#` comments dropped. */
async function readList(path: string | undefined): Promise<string[]> {
  if (path === undefined) return [];
  return (await readText(path))
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
}

async function loadState(dir: string): Promise<ProvisionState> {
  const file = join(dir, 'provision.json');
  const text = await readText(file);
  let state: ProvisionState;
  try {
    state = JSON.parse(text) as ProvisionState;
  } catch (err) {
    throw new UserError(`not JSON: ${(err as Error).message}`, { place: { file } });
  }
  if (!Array.isArray(state.nodes) || !state.nodes.some((n) => n.role === 'controller')) {
    throw new UserError('no controller in nodes (is this what provision wrote?)', { place: { file } });
  }
  return state;
}

async function trustFor(args: ParsedArgs, io: CommandIo, nodes: NodeAddress[], say: (l: string) => void, timeoutMs: number): Promise<Map<string, { trust: HostTrust; revoked: TrustedKey[]; source: string }>> {
  const out = new Map<string, { trust: HostTrust; revoked: TrustedKey[]; source: string }>();
  const knownHosts = str(args, 'known-hosts');
  if (knownHosts !== undefined) {
    const text = await readText(knownHosts);
    for (const n of nodes) {
      const { keys, revoked } = parseKnownHosts(text, n.host, n.port);
      out.set(n.name, { trust: { keys, fingerprints: [] }, revoked, source: knownHosts });
    }
    return out;
  }
  if (nodes.some((n) => n.serverId === undefined)) throw usageError('--known-hosts FILE is required with --host (host keys are never trusted blindly)');
  const session = openSession(cloudFromArgs(args, io), say);
  try {
    for (const n of nodes) {
      say(`reading ${n.name}'s host keys from its console output`);
      const trust = await waitForConsoleHostKeys(session, { id: n.serverId ?? '', name: n.name }, { timeoutMs, signal: io.signal });
      out.set(n.name, { trust, revoked: [], source: `the console output of ${n.name}` });
    }
  } finally {
    await session.close();
  }
  return out;
}

/**
 * A reference run for the ETA (and validate's test list): a tempest-gate baseline (JSON, as
 * `baseline` writes) or a result file in any format `parse` reads.
 */
export async function readReference(file: string): Promise<{ durations: Map<string, number>; names: string[] }> {
  const bytes = await readBytes(file);
  const head = bytes.subarray(0, 64).toString('utf8').trimStart();
  if (head.startsWith('{')) {
    const base = parseBaseline(bytes.toString('utf8'), file);
    const durations = new Map<string, number>();
    for (const t of base.tests) if (t.duration !== null) durations.set(t.name, t.duration);
    return { durations, names: base.tests.map((t) => t.name) };
  }
  const results = parseResults(bytes);
  return { durations: baselineDurations(results), names: [...new Set(results.tests.filter((t) => t.status !== 'exists').map((t) => t.name))] };
}

export function reportText(report: RunReport, outputDir: string): string {
  const c = report.classification;
  const counts = report.results.counts;
  const lines = [
    `${c.outcome}: ${c.reason}`,
    `tests: ${counts.success} passed, ${counts.fail} failed, ${counts.skip} skipped${counts.inprogress ? `, ${counts.inprogress} unfinished` : ''}${c.flaky.length ? `; flaky (passed on rerun): ${c.flaky.length}` : ''}`,
    ...c.failed.slice(0, 20).map((n) => `  FAIL ${n}`),
    ...(c.failed.length > 20 ? [`  ... and ${c.failed.length - 20} more`] : []),
    `stages: ${report.stages.map((s) => `${s.stage} ${s.seconds.toFixed(1)}s`).join(', ')}`,
    ...report.steps.filter((s) => s.recoveries.length).map((s) => `step ${s.name}: ${s.recoveries.join('; ')}`),
    ...report.warnings.map((w) => `warning: ${w}`),
    `artifacts: ${outputDir} (results.subunit, results.json, run.json${report.logFiles.length ? ', logs/' : ''})`,
  ];
  return `${lines.join('\n')}\n`;
}

export const runVerbCommand: Command = {
  name: 'run',
  summary: 'Run the selected Tempest tests on the provisioned controller over SSH; stream results and fetch logs.',
  usage: '(--state DIR | --host ADDR[:PORT]... --known-hosts FILE) [--include-list FILE] [options]',
  options: {
    ...CLOUD_OPTIONS,
    state: { type: 'string' },
    host: { type: 'string', multiple: true },
    user: { type: 'string' },
    identity: { type: 'string', short: 'i' },
    'known-hosts': { type: 'string' },
    'include-list': { type: 'string' },
    'exclude-list': { type: 'string' },
    'serial-include-list': { type: 'string' },
    concurrency: { type: 'string' },
    'rerun-failed': { type: 'boolean' },
    workspace: { type: 'string' },
    'run-as': { type: 'string' },
    tempest: { type: 'string' },
    set: { type: 'string', multiple: true },
    baseline: { type: 'string' },
    total: { type: 'string' },
    timeout: { type: 'string' },
    'ready-timeout': { type: 'string' },
    'connect-timeout': { type: 'string' },
    'output-dir': { type: 'string', short: 'o' },
    'no-logs': { type: 'boolean' },
    'ready-file': { type: 'string' },
    'via-controller': { type: 'boolean' },
    'failed-file': { type: 'string' },
    'stack-log': { type: 'string' },
  },
  help: `Environment (one of):
      --state DIR              provision's state folder: nodes, SSH key, devstack's secrets (copied
                               to ${SECRETS_PATH} on every node, over stdin only)
      --host ADDR[:PORT]       a node of an existing deployment; repeat it, the controller first
      --user NAME              SSH user (default ubuntu); commands needing root use sudo -n
      --via-controller         reach the subnodes through the controller's connection (ssh -J);
                               automatic with --state when only the controller has a floating IP
  -i, --identity FILE          SSH private key (default: the state folder's)
Host keys (never trusted blindly):
      --known-hosts FILE       trust the keys listed there for each node (required with --host);
                               otherwise the keys cloud-init printed to each server's console output,
                               read through Nova (the cloud options below)
Readiness (default: the markers of provision's stack script):
      --ready-file PATH        exists on a node once devstack is done (default ${DEFAULT_READY.done})
      --failed-file PATH       exists when devstack failed (default ${DEFAULT_READY.failed})
      --stack-log PATH         its log; the tail is shown on failure (default ${DEFAULT_READY.log})
Tests:
      --include-list FILE      Tempest include list (regexes, one a line), e.g. from 'select --write-lists'
      --exclude-list FILE      Tempest exclude list
      --serial-include-list FILE  a second step run with --serial (the gate's serial tests)
      --concurrency N          workers of the parallel step (default 4)
      --rerun-failed           run the failed tests once more; both results are kept (compare
                               calls a test that failed, then passed, flaky)
Tempest on the controller:
      --workspace DIR          Tempest workspace (default /opt/stack/tempest, devstack's)
      --run-as USER            run Tempest as this user through sudo (default stack; '' for the SSH user)
      --tempest PATH           the tempest command (default tempest)
      --set SECTION.KEY=VALUE  tempest.conf override, repeatable; [compute] min_compute_nodes is set
                               from the node count
Progress:
      --baseline FILE          a baseline (JSON from 'baseline') or a reference run (subunit, JUnit):
                               its durations give the ETA
      --total N                tests expected (default: the count stestr announces)
Timeouts (durations like 90s, 30m, 2h):
      --timeout D              all test steps together (default 2h); the run is stopped, what
                               finished is kept
      --ready-timeout D        waiting for devstack on every node (default 1h)
      --connect-timeout D      reaching every node, and reconnecting after a drop (default 5m)
Output:
  -o, --output-dir DIR         artifacts: results.subunit, results.json, run.json, logs/<node>.tar.gz
                               (default tempest-gate-artifacts)
      --no-logs                do not fetch the nodes' logs
${CLOUD_HELP}
Progress lines (tests done of total, failures, ETA) go to standard error within a second of a test
finishing. SIGINT/SIGTERM stop Tempest on the controller and keep the finished tests.
Exit codes:
  0  every test passed or was skipped
  1  tests failed (the gate's verdict belongs to 'compare'; this is the raw run)
  2  usage error
  3  a bad input file (list, baseline, state)
  4  infrastructure: a node unreachable or with an unknown host key, devstack failed, the run timed
     out or was cancelled, Tempest produced no results; the finished tests are still written`,
  async run(args, io) {
    const stateDir = str(args, 'state');
    const hosts = strs(args, 'host');
    if (stateDir === undefined && hosts.length === 0) throw usageError('give --state DIR or --host ADDR (see --help)');
    if (stateDir !== undefined && hosts.length) throw usageError('give --state or --host, not both');
    const concurrency = wholeOption(args, 'concurrency', { min: 1, fallback: 4 });
    const totalText = str(args, 'total');
    const total = totalText === undefined ? null : wholeOption(args, 'total', { min: 0, fallback: 0 });
    const overrides = strs(args, 'set').map(parseSet);
    const timeouts = {
      ...DEFAULT_TIMEOUTS,
      runSeconds: seconds(args, 'timeout', DEFAULT_TIMEOUTS.runSeconds),
      readySeconds: seconds(args, 'ready-timeout', DEFAULT_TIMEOUTS.readySeconds),
      connectSeconds: seconds(args, 'connect-timeout', DEFAULT_TIMEOUTS.reconnectSeconds),
      reconnectSeconds: seconds(args, 'connect-timeout', DEFAULT_TIMEOUTS.reconnectSeconds),
    };
    // Devstack's passwords (from the state's secrets file) are masked in everything printed.
    let secretsToMask: string[] = [];
    const mask = (text: string): string => maskSecrets(text, secretsToMask);
    const say = (line: string): void => void io.stderr.write(`${mask(line)}\n`);

    let addresses: NodeAddress[];
    let keyPath = str(args, 'identity');
    let secrets: Uint8Array | null = null;
    let secretsPath = SECRETS_PATH;
    if (stateDir !== undefined) {
      const dir = resolve(io.cwd, stateDir);
      const state = await loadState(dir);
      let sub = 0;
      // With a floating IP on the controller only, the subnodes sit on the private network:
      // they are reached through the controller's connection.
      const controllerFloating = state.nodes.some((n) => n.role === 'controller' && n.floatingIp);
      addresses = [...state.nodes]
        .sort((a, b) => (a.role === 'controller' ? -1 : b.role === 'controller' ? 1 : 0))
        .map((n) => ({
          role: n.role === 'controller' ? 'controller' : 'subnode',
          name: n.role === 'controller' ? 'controller' : `subnode-${++sub}`,
          host: n.floatingIp ?? n.ip,
          port: 22,
          serverId: n.id,
          viaController: n.role !== 'controller' && !n.floatingIp && (controllerFloating || flag(args, 'via-controller')),
        }));
      keyPath ??= join(dir, state.privateKeyFile);
      secrets = await readBytes(join(dir, state.secretsFile));
      secretsPath = state.secretsPathOnNodes || SECRETS_PATH;
      secretsToMask = secretValues(Buffer.from(secrets).toString('utf8'));
    } else addresses = hosts.map(parseHost).map((a) => ({ ...a, viaController: a.role === 'subnode' && flag(args, 'via-controller') }));
    if (keyPath === undefined) throw usageError('give -i/--identity FILE (the SSH private key)');
    const privateKey = await readBytes(resolve(io.cwd, keyPath));

    const include = await readList(str(args, 'include-list'));
    const exclude = await readList(str(args, 'exclude-list'));
    const serialInclude = await readList(str(args, 'serial-include-list'));
    const steps: RunStep[] = [{ name: 'parallel', include, exclude, concurrency, serial: false }];
    if (serialInclude.length) steps.push({ name: 'serial', include: serialInclude, exclude, concurrency: 1, serial: true });

    let baseline = new Map<string, number>();
    const baselineFile = str(args, 'baseline');
    if (baselineFile !== undefined) baseline = (await readReference(baselineFile)).durations;

    const workspace = str(args, 'workspace') ?? '/opt/stack/tempest';
    const runAs = str(args, 'run-as') ?? 'stack';
    const plan = { ...defaultPlanOptions(workspace), runCommand: [str(args, 'tempest') ?? 'tempest', 'run'], runAs: runAs === '' ? null : runAs };
    const user = str(args, 'user') ?? 'ubuntu';
    const markers = { done: str(args, 'ready-file') ?? DEFAULT_READY.done, failed: str(args, 'failed-file') ?? DEFAULT_READY.failed, log: str(args, 'stack-log') ?? DEFAULT_READY.log };
    const trusts = await trustFor(args, io, addresses, say, timeouts.readySeconds * 1000);
    const nodes: RunnerNode[] = addresses.map((a) => {
      const t = trusts.get(a.name);
      return {
        role: a.role,
        viaController: a.viaController ?? false,
        sudo: user !== 'root',
        markers,
        files: secrets ? [{ path: secretsPath, content: secrets, mode: 0o600 }] : [],
        target: { name: a.name, host: a.host, port: a.port, username: user, privateKey, trust: t?.trust ?? { keys: [], fingerprints: [] }, revoked: t?.revoked ?? [], trustSource: t?.source ?? 'nothing' },
      };
    });

    const outputDir = resolve(io.cwd, str(args, 'output-dir') ?? 'tempest-gate-artifacts');
    await mkdir(outputDir, { recursive: true });
    const report = await runTempest({
      nodes,
      plan,
      steps,
      overrides: [...environmentOverrides({ computeNodes: nodes.length }), ...overrides],
      rerunFailed: flag(args, 'rerun-failed'),
      timeouts,
      outputDir,
      fetchLogs: !flag(args, 'no-logs'),
      redactFile: secrets ? secretsPath : undefined,
      total,
      baseline,
      progressIntervalMs: 500,
      onProgress: (p) => say(`progress: ${formatProgress(p)}`),
      log: say,
      signal: io.signal,
    });
    await writeFile(join(outputDir, 'results.json'), `${JSON.stringify(report.results)}\n`);
    const summary = {
      outcome: report.classification.outcome,
      reason: report.classification.reason,
      exitCode: report.classification.exitCode,
      counts: report.results.counts,
      failed: report.classification.failed,
      flaky: report.classification.flaky,
      steps: report.steps,
      stages: report.stages,
      warnings: report.warnings,
      artifacts: { subunit: report.subunitPath, results: join(outputDir, 'results.json'), logs: report.logFiles },
    };
    await writeFile(join(outputDir, 'run.json'), `${mask(JSON.stringify(summary, null, 2))}\n`);
    if (flag(args, 'json')) io.stdout.write(`${mask(JSON.stringify(summary, null, 2))}\n`);
    else io.stdout.write(mask(reportText(report, outputDir)));
    return report.classification.exitCode;
  },
};

