// Runs a gate's Tempest steps on a provisioned environment over SSH: stack devstack on the
// controller, then on the subnodes, and map the computes to cells, upload the lists and the config, start each step detached, follow its subunit as it is
// written (parsed on the fly for live progress), survive a dropped connection, honour timeouts and
// cancellation, rerun failures once, and fetch every node's logs. Whatever happens, the tests
// that finished are kept and the end is classified (core/run/classify.ts).
import { closeSync, createWriteStream, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { classifyRun, finalStatuses, type Classification, type Stage, type StageFailure } from '../../core/run/classify.ts';
import {
  cancelCommand,
  asRoot,
  asWorkspaceUser,
  configCommand,
  installFileCommand,
  defaultLogPaths,
  drainCommand,
  extractArchiveCommand,
  followCommand,
  journalCommand,
  logTailCommand,
  logsArchiveCommand,
  readinessFromProbe,
  readyProbeCommand,
  readyThenCommand,
  shareArchiveCommand,
  thenStatus,
  startCommand,
  statusCommand,
  statusFromOutput,
  statusLine,
  uploadManyCommand,
  stepFiles,
  stestrLastCommand,
  uploadCommand,
  type ConfigOverride,
  type ReadyMarkers,
  type RemotePlanOptions,
  type RunStep,
} from '../../core/run/plan.ts';
import { formatDuration, ProgressModel, type ProgressSnapshot } from '../../core/run/progress.ts';
import { makeRunResults, FAILING_STATUSES, type RunResults } from '../../core/results/model.ts';
import { createResultParser, type ResultParser } from '../../core/results/parse.ts';
import { CommandAborted, CommandTimeout, ConnectionLost, SshNode, type RemoteShell, type SshTarget } from './client.ts';

export interface RunnerNode {
  target: SshTarget;
  role: 'controller' | 'subnode';
  markers: ReadyMarkers;
  /** Logs to fetch; default: devstack's, cloud-init's, tempest's. */
  logPaths?: string[];
  /** The SSH user is not root: commands that need root go through `sudo -n`. */
  sudo: boolean;
  /** Files to install (as root) before waiting for devstack, e.g. the secrets devstack waits for. Content goes over stdin only. */
  files?: { path: string; content: string | Uint8Array; mode: number }[];
  /** Ports on the node's loopback that reach a service here (ssh -R), set up again after every reconnect. */
  forwards?: { remotePort: number; localHost: string; localPort: number }[];
  /** Reach this node through the controller's SSH connection (ssh -J), for nodes without a public address. */
  viaController?: boolean;
  /** Fetch the node's journal too (default true; not for this machine). */
  journal?: boolean;
  /** Another way to reach the node (validate runs on this machine); default: SSH to `target`. */
  shell?: RemoteShell;
}

export interface StageTimeouts {
  /** Connecting to every node. */
  connectSeconds: number;
  /** Waiting for devstack on every node. */
  readySeconds: number;
  prepareSeconds: number;
  /** All test steps together (the rerun included). */
  runSeconds: number;
  logsSeconds: number;
  /** How long to keep trying to reconnect after a drop. */
  reconnectSeconds: number;
}

export const DEFAULT_TIMEOUTS: StageTimeouts = {
  connectSeconds: 120,
  readySeconds: 10800, // the controller, then the subnodes: Zuul's multinode jobs allow 3 h in all
  prepareSeconds: 300,
  runSeconds: 7200,
  logsSeconds: 600,
  reconnectSeconds: 300,
};

export interface RunnerOptions {
  nodes: RunnerNode[];
  plan: RemotePlanOptions;
  steps: RunStep[];
  overrides: ConfigOverride[];
  rerunFailed: boolean;
  timeouts: StageTimeouts;
  /** Seconds between readiness probes. */
  pollSeconds?: number;
  /**
   * Wait for devstack's markers (false for a cloud that is already up: validate). With the wait,
   * the controller gets its files and stacks first, the subnodes only once it is done.
   */
  waitReady?: boolean;
  /** Seconds between the lines that say which nodes are still stacking (default 60). */
  stackProgressSeconds?: number;
  /**
   * Paths copied (as root, as they are) from the stacked controller to every subnode before the
   * subnodes get their files: devstack's CA (core/provision/user-data.ts CONTROLLER_SHARED_PATHS).
   */
  shareFromController?: readonly string[];
  /**
   * Run as root on the controller once every subnode is stacked, to map the computes to cells
   * (core/provision/user-data.ts DISCOVER_HOSTS_COMMAND); not run without subnodes.
   */
  discoverHosts?: string;
  /** Local artifacts folder: results.subunit, logs/. */
  outputDir: string;
  fetchLogs: boolean;
  /**
   * A KEY=VALUE file on the nodes (devstack's secrets, installed by `files`): its values are
   * masked (same-length '*') in the fetched logs, on the node.
   */
  redactFile?: string;
  /** Tests expected (for "done of total" and the ETA), and the baseline's durations by name. */
  total: number | null;
  baseline: ReadonlyMap<string, number>;
  /** Called within `progressIntervalMs` of each finished test (and every 30 s otherwise). */
  onProgress?: (snapshot: ProgressSnapshot) => void;
  progressIntervalMs?: number;
  /** Human log lines (stage changes, reconnects, warnings). */
  log: (line: string) => void;
  signal: AbortSignal;
}

export interface StepReport {
  name: string;
  exitCode: number | null;
  bytes: number;
  /** How a dropped connection was recovered, if it was. */
  recoveries: string[];
}

export interface RunReport {
  classification: Classification;
  results: RunResults;
  /** All steps' subunit, concatenated (a valid subunit v2 stream). */
  subunitPath: string;
  logFiles: string[];
  steps: StepReport[];
  stages: { stage: Stage; seconds: number }[];
  warnings: string[];
}

class StageTimeout extends Error {
  readonly stage: Stage;
  readonly seconds: number;
  constructor(stage: Stage, seconds: number) {
    super(`stage ${stage} timed out after ${seconds}s`);
    this.stage = stage;
    this.seconds = seconds;
  }
}

class StageFailed extends Error {
  readonly failure: StageFailure;
  constructor(failure: StageFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

/** The bytes and parser of one step; a recovery from stestr replaces both. */
class StepStream {
  readonly path: string;
  private fd: number;
  parser: ResultParser;
  offset = 0;
  private readonly makeParser: () => ResultParser;
  constructor(path: string, makeParser: () => ResultParser) {
    this.path = path;
    this.fd = openSync(path, 'w');
    this.makeParser = makeParser;
    this.parser = makeParser();
  }
  push(chunk: Buffer): void {
    writeSync(this.fd, chunk);
    this.parser.push(chunk);
    this.offset += chunk.length;
  }
  /** Throw away what was received (the whole stream is coming again from another source). */
  restart(): void {
    closeSync(this.fd);
    this.fd = openSync(this.path, 'w');
    this.parser = this.makeParser();
    this.offset = 0;
  }
  close(): RunResults {
    closeSync(this.fd);
    return this.parser.end();
  }
}

function failedRerunList(results: RunResults): string[] {
  const { last } = finalStatuses(results);
  const out: string[] = [];
  for (const [name, status] of last) {
    if (!FAILING_STATUSES.has(status)) continue;
    // A class fixture (setUpClass (pkg.Class)) reruns as its whole class.
    const fixture = /^\w+ \((.*)\)$/.exec(name);
    const target = fixture ? (fixture[1] ?? name) : name;
    out.push(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.|\\[|$)`);
  }
  return [...new Set(out)];
}

export async function runTempest(options: RunnerOptions): Promise<RunReport> {
  const { plan, timeouts, log } = options;
  // The controller first: nodes marked `viaController` reach the cloud's private network through it.
  const controllerSpec = options.nodes.find((n) => n.role === 'controller');
  const controllerSsh = controllerSpec && !controllerSpec.shell ? new SshNode({ ...controllerSpec.target, afterConnect: controllerSpec.forwards?.length ? (ssh) => forward(ssh, controllerSpec.forwards ?? []) : undefined }) : null;
  const nodes = options.nodes.map((n) => ({
    spec: n,
    ssh:
      n.shell ??
      (n === controllerSpec && controllerSsh
        ? controllerSsh
        : (new SshNode({ ...n.target, jump: n.viaController && controllerSsh ? controllerSsh : undefined, afterConnect: n.forwards?.length ? (ssh) => forward(ssh, n.forwards ?? []) : undefined }) as RemoteShell)),
  }));
  const ws = (command: string): string => asWorkspaceUser(plan, command);
  const controller = nodes.find((n) => n.spec.role === 'controller') ?? nodes[0];
  if (!controller) throw new Error('no nodes to run on');
  mkdirSync(options.outputDir, { recursive: true });
  const warnings: string[] = [];
  const stages: { stage: Stage; seconds: number }[] = [];
  const stepReports: StepReport[] = [];
  const stepStreams: StepStream[] = [];
  const stepResults: RunResults[] = [];
  let failure: StageFailure | null = null;
  let timedOut: { stage: Stage; seconds: number } | null = null;
  let cancelled = false;

  const progress = new ProgressModel({ total: options.total, baseline: options.baseline, concurrency: options.steps[0]?.concurrency ?? 1, startedAt: Date.now() });
  const interval = options.progressIntervalMs ?? 250;
  let lastEmit = 0;
  let trailing: NodeJS.Timeout | null = null;
  const emit = (): void => {
    lastEmit = Date.now();
    options.onProgress?.(progress.snapshot(lastEmit));
  };
  const onTest = (t: Parameters<ProgressModel['onTest']>[0]): void => {
    progress.onTest(t);
    const wait = lastEmit + interval - Date.now();
    if (wait <= 0) emit();
    else if (trailing === null) {
      trailing = setTimeout(() => {
        trailing = null;
        emit();
      }, wait);
    }
  };
  const heartbeat = setInterval(emit, 30_000);

  const timed = async <T>(stage: Stage, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    log(`stage ${stage}: started`);
    try {
      return await fn();
    } finally {
      const seconds = (performance.now() - t0) / 1000;
      stages.push({ stage, seconds });
      log(`stage ${stage}: ${seconds.toFixed(1)}s`);
    }
  };
  const abortable = (): AbortSignal => options.signal;
  // Commands that may simply run again (they write the same files, or only read): a connection
  // that drops under them is reopened and the command repeated.
  const again: Exec = async (ssh, command, opts) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ssh.exec(command, opts);
      } catch (err) {
        if (!(err instanceof ConnectionLost) || attempt >= 5) throw err;
        log(`${err.message}; reconnecting`);
        await ssh.reconnect({ deadlineMs: Date.now() + timeouts.reconnectSeconds * 1000, signal: abortable() });
      }
    }
  };
  const check = (stage: Stage, deadline: number, seconds: number): void => {
    if (options.signal.aborted) throw new CommandAborted('all nodes');
    if (Date.now() > deadline) throw new StageTimeout(stage, seconds);
  };

  try {
    // 1. Connect (host keys verified inside SshNode.connect).
    await timed('connect', async () => {
      const deadline = Date.now() + timeouts.connectSeconds * 1000;
      // allSettled: every attempt ends before we go on, so none connects behind our back.
      // The controller first: the nodes behind it connect through its connection.
      const first = await Promise.allSettled([controller.ssh.reconnect({ deadlineMs: deadline, signal: abortable() })]);
      const failedFirst = first[0];
      if (failedFirst?.status === 'rejected') {
        if (failedFirst.reason instanceof CommandAborted) throw failedFirst.reason;
        throw new StageFailed({ stage: 'connect', node: controller.spec.target.name, message: (failedFirst.reason as Error).message });
      }
      const rest = await Promise.allSettled(nodes.filter((n) => n !== controller).map((n) => n.ssh.reconnect({ deadlineMs: deadline, signal: abortable() })));
      const settled = [...first, ...rest];
      const order = [controller, ...nodes.filter((n) => n !== controller)];
      for (const [i, s] of settled.entries()) {
        if (s.status === 'fulfilled') continue;
        if (s.reason instanceof CommandAborted) throw s.reason;
        throw new StageFailed({ stage: 'connect', node: order[i]?.spec.target.name ?? '?', message: (s.reason as Error).message });
      }
    });

    // 2. Files the nodes wait for (devstack's secrets): never in a command line, only on stdin.
    // A node's stack script starts stack.sh once its files are there, so the order in which the
    // files go out is the order of the stacking (step 3). Without the wait, all go at once.
    const installFiles = async (n: (typeof nodes)[number]): Promise<void> => {
      for (const f of n.spec.files ?? []) {
        await mustSucceed(again, n.ssh, 'bootstrap', asRoot(installFileCommand(f.path, f.mode), n.spec.sudo), { stdin: f.content, timeoutMs: timeouts.prepareSeconds * 1000, signal: abortable() });
      }
    };
    const subnodes = nodes.filter((n) => n !== controller);
    const ordered = options.waitReady !== false;
    if ((ordered ? [controller] : nodes).some((n) => n.spec.files?.length)) {
      await timed('bootstrap', async () => {
        for (const n of ordered ? [controller] : nodes) await installFiles(n);
      });
    }

    // 3. Stack in devstack's multinode order (roles/orchestrate-devstack): the controller alone,
    // since the database, the message queue and Keystone that the subnodes' services join live
    // there; then, once it is done, its CA goes to every subnode and the subnodes stack side by
    // side; then the new computes are mapped to cells on the controller. A failure on any node
    // is an infrastructure failure naming the node, with the last lines of its stack log.
    // The lists and the config (step 4), built now so that they can ride along with the
    // controller's readiness probe: one round trip fewer when devstack is already done.
    const uploads: { path: string; content: Buffer }[] = [];
    for (const [i, step] of options.steps.entries()) {
      const files = stepFiles(plan, i);
      if (step.include.length) uploads.push({ path: files.include, content: Buffer.from(`${step.include.join('\n')}\n`) });
      if (step.exclude.length) uploads.push({ path: files.exclude, content: Buffer.from(`${step.exclude.join('\n')}\n`) });
    }
    const prepareParts: string[] = [];
    if (uploads.length) prepareParts.push(uploadManyCommand(uploads.map((u) => ({ path: u.path, bytes: u.content.length }))));
    if (plan.passConfigFile) prepareParts.push(configCommand(plan, options.overrides));
    const prepareCommand = prepareParts.length ? ws(prepareParts.join(' && ')) : null;
    const prepareInput = Buffer.concat(uploads.map((u) => u.content));
    let prepared = prepareCommand === null;

    /** The last `lines` lines of a node's stack log, devstack's passwords masked. */
    const stackLogTail = async (n: (typeof nodes)[number], lines: number): Promise<string> => {
      const r = await again(n.ssh, asRoot(logTailCommand(n.spec.markers.log, lines, options.redactFile), n.spec.sudo), { timeoutMs: 60_000, signal: abortable() });
      return r.stdout.toString('utf8');
    };
    const progressEvery = (options.stackProgressSeconds ?? 60) * 1000;
    const waitStacked = async (group: (typeof nodes)[number][], deadline: number): Promise<void> => {
      const started = Date.now();
      const pending = new Set(group);
      log(`stacking: ${group.map((n) => n.spec.target.name).join(', ')}`);
      let nextProgress = started + progressEvery;
      while (pending.size) {
        check('wait-ready', deadline, timeouts.readySeconds);
        // Every node probed at once: a round trip costs the same for one node or five.
        const probes = await Promise.all(
          [...pending].map(async (n) => {
            const withPrepare = n === controller && !prepared && prepareCommand !== null;
            const command = withPrepare ? readyThenCommand(n.spec.markers, prepareCommand) : readyProbeCommand(n.spec.markers);
            // Devstack takes its time; a connection that drops meanwhile is reopened, not fatal.
            const probe = await again(n.ssh, command, { timeoutMs: 60_000, signal: abortable(), ...(withPrepare ? { stdin: prepareInput } : {}) });
            const out = probe.stdout.toString('utf8');
            const then = withPrepare ? thenStatus(out) : null;
            if (then !== null && then !== 0) {
              throw new StageFailed({ stage: 'prepare', node: n.spec.target.name, message: probe.stderr.toString('utf8').trim().split('\n').slice(-3).join(' / ') || `exit status ${then}` });
            }
            if (then === 0) prepared = true;
            return { n, r: readinessFromProbe(out) };
          }),
        );
        const elapsed = formatDuration((Date.now() - started) / 1000);
        for (const { n, r } of probes) {
          if (r.state === 'ready') {
            log(`${n.spec.target.name}: devstack is done (${elapsed})`);
            pending.delete(n);
          } else if (r.state === 'failed') {
            throw new StageFailed({ stage: 'wait-ready', node: n.spec.target.name, message: `${r.reason} after ${elapsed}`, logTail: await stackLogTail(n, 40) });
          }
        }
        if (pending.size && Date.now() >= nextProgress) {
          nextProgress = Date.now() + progressEvery;
          // What each node is doing: the last line of its stack log, so a stuck step shows.
          const lasts = await Promise.all([...pending].map(async (n) => ({ n, last: (await stackLogTail(n, 1).catch(() => '')).trim().slice(0, 160) })));
          for (const { n, last } of lasts) log(`stacking: ${n.spec.target.name} (${elapsed})${last ? `: ${last}` : ''}`);
        }
        if (pending.size) await sleep((options.pollSeconds ?? 10) * 1000, options.signal);
      }
    };

    if (ordered) await timed('wait-ready', async () => {
      const deadline = Date.now() + timeouts.readySeconds * 1000;
      await waitStacked([controller], deadline);
      if (!subnodes.length) return;
      const share = options.shareFromController ?? [];
      if (share.length) {
        const archive = await mustSucceed(again, controller.ssh, 'bootstrap', asRoot(shareArchiveCommand(share), controller.spec.sudo), { timeoutMs: timeouts.prepareSeconds * 1000, signal: abortable() });
        for (const n of subnodes) {
          await mustSucceed(again, n.ssh, 'bootstrap', asRoot(extractArchiveCommand(), n.spec.sudo), { stdin: archive.stdout, timeoutMs: timeouts.prepareSeconds * 1000, signal: abortable() });
        }
        log(`copied ${share.join(', ')} from ${controller.spec.target.name} to ${subnodes.length} subnode${subnodes.length === 1 ? '' : 's'}`);
      }
      // All at once: they stack side by side, as the subnode group does in Zuul.
      await settle(subnodes.map(installFiles));
      await waitStacked(subnodes, deadline);
    });

    // Zuul maps the computes only when there are subnodes: the controller's own stack.sh maps itself.
    if (ordered && subnodes.length && options.discoverHosts) {
      const command = options.discoverHosts;
      await timed('discover-hosts', async () => {
        const r = await again(controller.ssh, asRoot(command, controller.spec.sudo), { timeoutMs: timeouts.readySeconds * 1000, signal: abortable() });
        const out = `${r.stdout.toString('utf8')}${r.stderr.toString('utf8')}`.trim();
        if (r.code !== 0) {
          throw new StageFailed({ stage: 'discover-hosts', node: controller.spec.target.name, message: out.split('\n').slice(-3).join(' / ') || `exit status ${r.code ?? r.signal}`, logTail: out.split('\n').slice(-40).join('\n') });
        }
        log(`${controller.spec.target.name}: computes mapped to cells${out ? `: ${out.split('\n').at(-1)}` : ''}`);
      });
    }

    // 4. Upload the lists and write tempest.conf with the overrides, unless done with the probe.
    if (!prepared && prepareCommand !== null) {
      await timed('prepare', async () => {
        await mustSucceed(again, controller.ssh, 'prepare', prepareCommand, { stdin: prepareInput, timeoutMs: timeouts.prepareSeconds * 1000, signal: abortable() });
      });
    }

    // 5. The steps, then the rerun of what failed.
    const runDeadline = Date.now() + timeouts.runSeconds * 1000;
    const steps = [...options.steps];
    await timed('run', async () => {
      for (const [i, step] of steps.entries()) {
        await runStep(i, step, 'run');
      }
    });
    if (options.rerunFailed) {
      const sofar = merge(stepResults);
      const list = failedRerunList(sofar);
      if (list.length) {
        const rerun: RunStep = { name: 'rerun', include: list, exclude: [], concurrency: steps[0]?.concurrency ?? 1, serial: false };
        await timed('rerun', async () => {
          await mustSucceed(again, controller.ssh, 'rerun', ws(uploadCommand(stepFiles(plan, steps.length).include)), { stdin: `${list.join('\n')}\n`, timeoutMs: timeouts.prepareSeconds * 1000, signal: abortable() });
          log(`rerunning ${list.length} failed test${list.length === 1 ? '' : 's'} once`);
          await runStep(steps.length, rerun, 'rerun');
        });
      }
    }

    async function runStep(index: number, step: RunStep, stage: Stage): Promise<void> {
      const c = controller as (typeof nodes)[number];
      const stream = new StepStream(join(options.outputDir, `step${index}.subunit`), () => createResultParser({ onTest, format: 'subunit-v2' }));
      stepStreams.push(stream);
      const report: StepReport = { name: step.name, exitCode: null, bytes: 0, recoveries: [] };
      stepReports.push(report);
      let started = false;
      try {
        for (;;) {
          const remaining = runDeadline - Date.now();
          if (remaining <= 0) throw new CommandTimeout(c.spec.target.name, timeouts.runSeconds);
          // Start and follow in one command; after a drop, follow again from the byte we got to.
          const command = started ? followCommand(plan, index, stream.offset) : startCommand(plan, step, index);
          let status: ReturnType<typeof statusLine>;
          try {
            const r = await c.ssh.exec(ws(command), { onStdout: (chunk) => stream.push(chunk), timeoutMs: remaining, signal: abortable() });
            status = statusLine(r.stderr.toString('utf8'));
            if (!started) {
              started = true;
              log(`step ${step.name}: started`);
            }
            if (status === null) {
              throw new StageFailed({ stage, node: c.spec.target.name, message: r.stderr.toString('utf8').trim().split('\n').slice(-3).join(' / ') || `exit status ${r.code ?? r.signal}` });
            }
          } catch (err) {
            if (!(err instanceof ConnectionLost)) throw err;
            log(`${err.message}; reconnecting`);
            await c.ssh.reconnect({ deadlineMs: Date.now() + timeouts.reconnectSeconds * 1000, signal: abortable() });
            const st = statusFromOutput((await c.ssh.exec(ws(statusCommand(plan, index)), { timeoutMs: 60_000, signal: abortable() })).stdout.toString());
            if (!started && st.state === 'missing') {
              log(`${c.spec.target.name}: reconnected; the step had not started, starting it`);
              continue;
            }
            started = true;
            if (st.size >= stream.offset) {
              report.recoveries.push(`resumed the stream at byte ${stream.offset}`);
              log(`${c.spec.target.name}: reconnected; resuming the stream at byte ${stream.offset} (run ${st.state})`);
              continue;
            }
            // Our copy on the node is gone: take the whole run from stestr's repository once it ends.
            while (statusFromOutput((await c.ssh.exec(ws(statusCommand(plan, index)), { timeoutMs: 60_000, signal: abortable() })).stdout.toString()).state === 'running') {
              if (Date.now() > runDeadline) throw new CommandTimeout(c.spec.target.name, timeouts.runSeconds);
              await sleep(2000, options.signal);
            }
            const last = await c.ssh.exec(ws(stestrLastCommand(plan, index)), { timeoutMs: 300_000, signal: abortable() });
            if (last.code !== 0) throw new StageFailed({ stage, node: c.spec.target.name, message: `lost the stream and cannot recover it: ${last.stderr.toString().trim()}` });
            stream.restart();
            stream.push(last.stdout);
            report.recoveries.push(`recovered the whole stream (${last.stdout.length} bytes) with stestr last --subunit`);
            log(`${c.spec.target.name}: recovered the run with stestr last --subunit`);
            const after = statusFromOutput((await c.ssh.exec(ws(statusCommand(plan, index)), { timeoutMs: 60_000, signal: abortable() })).stdout.toString());
            report.exitCode = after.rc;
            break;
          }
          // tail ended: the run's process is gone (or tail was stopped; then follow again).
          if (status.state === 'running') continue;
          report.exitCode = status.rc;
          break;
        }
      } catch (err) {
        if (err instanceof CommandTimeout || err instanceof CommandAborted) {
          // Stop Tempest on the node, then take the bytes written before it stopped.
          await stopAndDrain(c.ssh, index, stream);
          if (err instanceof CommandTimeout) throw new StageTimeout(stage, timeouts.runSeconds);
        }
        throw err;
      } finally {
        report.bytes = stream.offset;
        stepResults[index] = stream.close();
      }
    }

    async function stopAndDrain(ssh: RemoteShell, index: number, stream: StepStream): Promise<void> {
      try {
        if (!ssh.connected) await ssh.reconnect({ deadlineMs: Date.now() + 30_000 });
        const r = await ssh.exec(ws(cancelCommand(plan, index, 5)), { timeoutMs: 30_000 });
        if (r.code !== 0) throw new Error(r.stderr.toString().trim() || `exit status ${r.code}`);
        log(`stopped the remote run of step ${index}`);
        // Give the workers a moment to flush what they finished, then take the rest of the file.
        await sleep(1000);
        await ssh.exec(ws(drainCommand(plan, index, stream.offset)), { onStdout: (chunk) => stream.push(chunk), timeoutMs: 60_000 });
      } catch (err) {
        warnings.push(`could not stop or drain the remote run: ${(err as Error).message}`);
      }
    }
  } catch (err) {
    if (err instanceof StageTimeout) timedOut = { stage: err.stage, seconds: err.seconds };
    else if (err instanceof CommandAborted || (options.signal.aborted && !(err instanceof StageFailed))) cancelled = true;
    else if (err instanceof StageFailed) failure = err.failure;
    else if (err instanceof ConnectionLost) failure = { stage: 'run', node: controller.spec.target.name, message: err.message };
    else if (err instanceof CommandTimeout) timedOut = { stage: 'run', seconds: err.seconds };
    else if (err instanceof Error && err.name === 'UserError') failure = { stage: 'connect', node: controller.spec.target.name, message: err.message };
    else throw err;
    if (failure) {
      log(`infrastructure failure: ${failure.stage} on ${failure.node}: ${failure.message}`);
      if (failure.logTail) log(`last lines of the log on ${failure.node}:\n${failure.logTail.trimEnd()}`);
    }
  } finally {
    clearInterval(heartbeat);
    if (trailing) clearTimeout(trailing);
  }

  // 6. Logs of every node, whatever happened (best effort: a failure here is a warning).
  const logFiles: string[] = [];
  if (options.fetchLogs) {
    await timed('fetch-logs', async () => {
      const dir = join(options.outputDir, 'logs');
      mkdirSync(dir, { recursive: true });
      await Promise.all(
        nodes.map(async (n) => {
          const name = n.spec.target.name.replace(/[^A-Za-z0-9_.-]/g, '_');
          try {
            if (!n.ssh.connected) await n.ssh.reconnect({ deadlineMs: Date.now() + 30_000 });
            const paths = n.spec.logPaths ?? defaultLogPaths({ role: n.spec.role, plan, markers: n.spec.markers, steps: stepReports.length });
            const tar = join(dir, `${name}.tar.gz`);
            await toFile(n.ssh, asRoot(logsArchiveCommand(paths, options.redactFile), n.spec.sudo), tar, timeouts.logsSeconds * 1000);
            logFiles.push(tar);
            if (n.spec.journal !== false) {
              const journal = join(dir, `${name}-journal.log.gz`);
              await toFile(n.ssh, asRoot(journalCommand(options.redactFile), n.spec.sudo), journal, timeouts.logsSeconds * 1000);
              logFiles.push(journal);
            }
          } catch (err) {
            warnings.push(`logs of ${n.spec.target.name}: ${(err as Error).message}`);
          }
        }),
      );
    });
  }
  for (const n of nodes) n.ssh.dispose();

  // Every step's stream, in order, makes one subunit v2 stream.
  const subunitPath = join(options.outputDir, 'results.subunit');
  const out = openSync(subunitPath, 'w');
  for (const s of stepStreams) writeSync(out, readFileSync(s.path));
  closeSync(out);
  const results = merge(stepResults.filter((r): r is RunResults => r !== undefined));
  emit();
  const classification = classifyRun({ failure, timedOut, cancelled, stepExitCodes: stepReports.map((s) => s.exitCode), results });
  for (const w of warnings) log(`warning: ${w}`);
  return { classification, results, subunitPath, logFiles, steps: stepReports, stages, warnings };
}

/** Wait for every promise, then throw the first failure: nothing is left running behind our back. */
async function settle(items: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(items)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function merge(parts: RunResults[]): RunResults {
  return makeRunResults(
    'subunit-v2',
    parts.flatMap((p) => p.tests),
    parts.flatMap((p) => p.damage),
  );
}

async function forward(ssh: SshNode, forwards: NonNullable<RunnerNode['forwards']>): Promise<void> {
  for (const f of forwards) await ssh.forwardRemoteToLocal(f.remotePort, f.localHost, f.localPort);
}

type Exec = (ssh: RemoteShell, command: string, options: Parameters<RemoteShell['exec']>[1]) => Promise<Awaited<ReturnType<RemoteShell['exec']>>>;

async function mustSucceed(exec: Exec, ssh: RemoteShell, stage: Stage, command: string, options: Parameters<RemoteShell['exec']>[1]): Promise<Awaited<ReturnType<RemoteShell['exec']>>> {
  const r = await exec(ssh, command, options);
  if (r.code !== 0) {
    const why = r.stderr.toString('utf8').trim().split('\n').slice(-3).join(' / ') || `exit status ${r.code ?? r.signal}`;
    throw new StageFailed({ stage, node: ssh.target.name, message: why });
  }
  return r;
}

async function toFile(ssh: RemoteShell, command: string, path: string, timeoutMs: number): Promise<void> {
  const file = createWriteStream(path);
  try {
    await ssh.exec(command, { onStdout: (chunk) => file.write(chunk), timeoutMs });
  } finally {
    file.end();
    await finished(file);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CommandAborted('all nodes'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new CommandAborted('all nodes'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
