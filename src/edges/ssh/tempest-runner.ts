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
  devstackErrorLine,
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
import { workerFileYaml } from '../../core/run/worker-file.ts';
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
  /** Seconds between the lines that say which nodes are still stacking (default 30, as often as the tests' heartbeat). */
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

/**
 * Run the steps on the nodes, in the phases of a devstack multinode job: connect, deliver the
 * files the nodes wait for, stack (the controller, then the subnodes) and map the computes to
 * cells, prepare the lists and tempest.conf, run the steps (and the rerun), fetch the logs.
 * Whatever happens, the finished tests are kept and the run is classified.
 */
export async function runTempest(options: RunnerOptions): Promise<RunReport> {
  return new TempestRun(options).execute();
}

type RunNode = { spec: RunnerNode; ssh: RemoteShell };

/** The lists and the config, sent with the controller's readiness probe when devstack is already done. */
interface Preparation {
  command: string | null;
  input: Buffer;
  done: boolean;
}

/** One run's state, shared by its phases (each a method below). */
class TempestRun {
  private readonly options: RunnerOptions;
  private readonly plan: RunnerOptions['plan'];
  private readonly timeouts: StageTimeouts;
  private readonly log: (line: string) => void;
  private readonly nodes: RunNode[];
  private readonly controller: RunNode;
  private readonly subnodes: RunNode[];
  private readonly warnings: string[] = [];
  private readonly stages: { stage: Stage; seconds: number }[] = [];
  private readonly stepReports: StepReport[] = [];
  private readonly stepStreams: StepStream[] = [];
  private readonly stepResults: RunResults[] = [];
  private readonly progress: ProgressModel;
  private lastEmit = 0;
  private trailing: NodeJS.Timeout | null = null;
  private runDeadline = 0;

  constructor(options: RunnerOptions) {
    this.options = options;
    this.plan = options.plan;
    this.timeouts = options.timeouts;
    this.log = options.log;
    // The controller first: nodes marked `viaController` reach the cloud's private network through it.
    const controllerSpec = options.nodes.find((n) => n.role === 'controller');
    const controllerSsh =
      controllerSpec && !controllerSpec.shell
        ? new SshNode({
            ...controllerSpec.target,
            afterConnect: controllerSpec.forwards?.length ? (ssh) => forward(ssh, controllerSpec.forwards ?? []) : undefined,
          })
        : null;
    this.nodes = options.nodes.map((n) => ({
      spec: n,
      ssh:
        n.shell ??
        (n === controllerSpec && controllerSsh
          ? controllerSsh
          : (new SshNode({
              ...n.target,
              jump: n.viaController && controllerSsh ? controllerSsh : undefined,
              afterConnect: n.forwards?.length ? (ssh) => forward(ssh, n.forwards ?? []) : undefined,
            }) as RemoteShell)),
    }));
    const controller = this.nodes.find((n) => n.spec.role === 'controller') ?? this.nodes[0];
    if (!controller) throw new Error('no nodes to run on');
    this.controller = controller;
    this.subnodes = this.nodes.filter((n) => n !== controller);
    this.progress = new ProgressModel({
      total: options.total,
      baseline: options.baseline,
      concurrency: options.steps[0]?.concurrency ?? 1,
      startedAt: Date.now(),
    });
  }

  async execute(): Promise<RunReport> {
    const { options } = this;
    mkdirSync(options.outputDir, { recursive: true });
    let failure: StageFailure | null = null;
    let timedOut: { stage: Stage; seconds: number } | null = null;
    let cancelled = false;
    // The tests' heartbeat starts with the run: while the nodes stack, waitStacked says what each does.
    const heartbeat = setInterval(() => {
      if (this.runDeadline !== 0) this.emit();
    }, 30_000);
    try {
      await this.timed('connect', () => this.connect());
      const ordered = options.waitReady !== false;
      if ((ordered ? [this.controller] : this.nodes).some((n) => n.spec.files?.length)) {
        await this.timed('bootstrap', async () => {
          for (const n of ordered ? [this.controller] : this.nodes) await this.installFiles(n);
        });
      }
      const prep = this.preparation();
      if (ordered) await this.timed('wait-ready', () => this.stackInOrder(prep));
      // Zuul maps the computes only when there are subnodes: the controller's own stack.sh maps itself.
      if (ordered && this.subnodes.length && options.discoverHosts) {
        const command = options.discoverHosts;
        await this.timed('discover-hosts', () => this.discoverHosts(command));
      }
      if (!prep.done && prep.command !== null) {
        const command = prep.command;
        await this.timed('prepare', async () => {
          await mustSucceed(this.again, this.controller.ssh, 'prepare', command, {
            stdin: prep.input,
            timeoutMs: this.timeouts.prepareSeconds * 1000,
            signal: options.signal,
          });
        });
      }
      this.runDeadline = Date.now() + this.timeouts.runSeconds * 1000;
      await this.timed('run', () => this.runSteps());
      if (options.rerunFailed) await this.rerunFailed();
    } catch (err) {
      if (err instanceof StageTimeout) timedOut = { stage: err.stage, seconds: err.seconds };
      else if (err instanceof CommandAborted || (options.signal.aborted && !(err instanceof StageFailed))) cancelled = true;
      else if (err instanceof StageFailed) failure = err.failure;
      else if (err instanceof ConnectionLost) failure = { stage: 'run', node: this.controller.spec.target.name, message: err.message };
      else if (err instanceof CommandTimeout) timedOut = { stage: 'run', seconds: err.seconds };
      else if (err instanceof Error && err.name === 'UserError') failure = { stage: 'connect', node: this.controller.spec.target.name, message: err.message };
      else throw err;
      if (failure) {
        this.log(`infrastructure failure: ${failure.stage} on ${failure.node}: ${failure.message}`);
        if (failure.logTail) this.log(`last lines of the log on ${failure.node}:\n${failure.logTail.trimEnd()}`);
      }
    } finally {
      clearInterval(heartbeat);
      if (this.trailing) clearTimeout(this.trailing);
    }

    // Logs of every node, whatever happened (best effort: a failure here is a warning).
    const logFiles = options.fetchLogs ? await this.timed('fetch-logs', () => this.fetchLogs()) : [];
    for (const n of this.nodes) n.ssh.dispose();

    // Every step's stream, in order, makes one subunit v2 stream.
    const subunitPath = join(options.outputDir, 'results.subunit');
    const out = openSync(subunitPath, 'w');
    for (const s of this.stepStreams) writeSync(out, readFileSync(s.path));
    closeSync(out);
    const results = merge(this.stepResults.filter((r): r is RunResults => r !== undefined));
    this.emit();
    const classification = classifyRun({ failure, timedOut, cancelled, stepExitCodes: this.stepReports.map((s) => s.exitCode), results });
    for (const w of this.warnings) this.log(`warning: ${w}`);
    return { classification, results, subunitPath, logFiles, steps: this.stepReports, stages: this.stages, warnings: this.warnings };
  }

  // ---------------------------------------------------------------- helpers of every phase

  private ws(command: string): string {
    return asWorkspaceUser(this.plan, command);
  }

  private emit(): void {
    this.lastEmit = Date.now();
    this.options.onProgress?.(this.progress.snapshot(this.lastEmit));
  }

  /** A finished test: progress at most every `progressIntervalMs`, the last one never lost. */
  private readonly onTest = (t: Parameters<ProgressModel['onTest']>[0]): void => {
    this.progress.onTest(t);
    const wait = this.lastEmit + (this.options.progressIntervalMs ?? 250) - Date.now();
    if (wait <= 0) this.emit();
    else if (this.trailing === null) {
      this.trailing = setTimeout(() => {
        this.trailing = null;
        this.emit();
      }, wait);
    }
  };

  private async timed<T>(stage: Stage, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    this.log(`stage ${stage}: started`);
    try {
      return await fn();
    } finally {
      const seconds = (performance.now() - t0) / 1000;
      this.stages.push({ stage, seconds });
      this.log(`stage ${stage}: ${seconds.toFixed(1)}s`);
    }
  }

  /**
   * Commands that may simply run again (they write the same files, or only read): a connection
   * that drops under them is reopened and the command repeated.
   */
  private readonly again: Exec = async (ssh, command, opts) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ssh.exec(command, opts);
      } catch (err) {
        if (!(err instanceof ConnectionLost) || attempt >= 5) throw err;
        this.log(`${err.message}; reconnecting`);
        await ssh.reconnect({ deadlineMs: Date.now() + this.timeouts.reconnectSeconds * 1000, signal: this.options.signal });
      }
    }
  };

  private check(stage: Stage, deadline: number, seconds: number): void {
    if (this.options.signal.aborted) throw new CommandAborted('all nodes');
    if (Date.now() > deadline) throw new StageTimeout(stage, seconds);
  }

  // ---------------------------------------------------------------- 1. connect

  /** Host keys are verified inside SshNode.connect. The controller first: the nodes behind it connect through it. */
  private async connect(): Promise<void> {
    const deadline = Date.now() + this.timeouts.connectSeconds * 1000;
    const { controller, signal } = { controller: this.controller, signal: this.options.signal };
    // allSettled: every attempt ends before we go on, so none connects behind our back.
    const first = await Promise.allSettled([controller.ssh.reconnect({ deadlineMs: deadline, signal })]);
    const failedFirst = first[0];
    if (failedFirst?.status === 'rejected') {
      if (failedFirst.reason instanceof CommandAborted) throw failedFirst.reason;
      throw new StageFailed({ stage: 'connect', node: controller.spec.target.name, message: (failedFirst.reason as Error).message });
    }
    const rest = await Promise.allSettled(this.subnodes.map((n) => n.ssh.reconnect({ deadlineMs: deadline, signal })));
    for (const [i, s] of rest.entries()) {
      if (s.status === 'fulfilled') continue;
      if (s.reason instanceof CommandAborted) throw s.reason;
      throw new StageFailed({ stage: 'connect', node: this.subnodes[i]?.spec.target.name ?? '?', message: (s.reason as Error).message });
    }
  }

  // ---------------------------------------------------------------- 2. bootstrap

  /**
   * Files the nodes wait for (devstack's secrets): never in a command line, only on stdin. A
   * node's stack script starts stack.sh once its files are there, so the order in which the files
   * go out is the order of the stacking. Without the wait, all go at once.
   */
  private async installFiles(n: RunNode): Promise<void> {
    for (const f of n.spec.files ?? []) {
      await mustSucceed(this.again, n.ssh, 'bootstrap', asRoot(installFileCommand(f.path, f.mode), n.spec.sudo), {
        stdin: f.content,
        timeoutMs: this.timeouts.prepareSeconds * 1000,
        signal: this.options.signal,
      });
    }
  }

  // ---------------------------------------------------------------- 3. stack, then map the computes

  /** The lists and the config, built before the wait so that they can ride along with the controller's probe. */
  private preparation(): Preparation {
    const uploads: { path: string; content: Buffer }[] = [];
    for (const [i, step] of this.options.steps.entries()) {
      const files = stepFiles(this.plan, i);
      if (step.include.length) uploads.push({ path: files.include, content: Buffer.from(`${step.include.join('\n')}\n`) });
      if (step.exclude.length) uploads.push({ path: files.exclude, content: Buffer.from(`${step.exclude.join('\n')}\n`) });
      if (!step.serial && step.workers?.length) uploads.push({ path: files.workers, content: Buffer.from(workerFileYaml(step.workers)) });
    }
    const parts: string[] = [];
    if (uploads.length) parts.push(uploadManyCommand(uploads.map((u) => ({ path: u.path, bytes: u.content.length }))));
    if (this.plan.passConfigFile) parts.push(configCommand(this.plan, this.options.overrides));
    const command = parts.length ? this.ws(parts.join(' && ')) : null;
    return { command, input: Buffer.concat(uploads.map((u) => u.content)), done: command === null };
  }

  /**
   * Devstack's multinode order (roles/orchestrate-devstack): the controller alone, since the
   * database, the message queue and Keystone that the subnodes' services join live there; then
   * its CA goes to every subnode and the subnodes stack side by side. A failure on any node is an
   * infrastructure failure naming the node, with the last lines of its stack log.
   */
  private async stackInOrder(prep: Preparation): Promise<void> {
    const deadline = Date.now() + this.timeouts.readySeconds * 1000;
    const { controller, subnodes } = this;
    await this.waitStacked([controller], deadline, prep);
    if (!subnodes.length) return;
    const share = this.options.shareFromController ?? [];
    if (share.length) {
      const opts = { timeoutMs: this.timeouts.prepareSeconds * 1000, signal: this.options.signal };
      const archive = await mustSucceed(this.again, controller.ssh, 'bootstrap', asRoot(shareArchiveCommand(share), controller.spec.sudo), opts);
      for (const n of subnodes)
        await mustSucceed(this.again, n.ssh, 'bootstrap', asRoot(extractArchiveCommand(), n.spec.sudo), { ...opts, stdin: archive.stdout });
      this.log(`copied ${share.join(', ')} from ${controller.spec.target.name} to ${subnodes.length} subnode${subnodes.length === 1 ? '' : 's'}`);
    }
    // All at once: they stack side by side, as the subnode group does in Zuul.
    await settle(subnodes.map((n) => this.installFiles(n)));
    await this.waitStacked(subnodes, deadline, prep);
  }

  /** The last `lines` lines of a node's stack log, devstack's passwords masked. */
  private async stackLogTail(n: RunNode, lines: number): Promise<string> {
    const r = await this.again(n.ssh, asRoot(logTailCommand(n.spec.markers.log, lines, this.options.redactFile), n.spec.sudo), {
      timeoutMs: 60_000,
      signal: this.options.signal,
    });
    return r.stdout.toString('utf8');
  }

  private async waitStacked(group: RunNode[], deadline: number, prep: Preparation): Promise<void> {
    const { options, controller } = this;
    const progressEvery = (options.stackProgressSeconds ?? 30) * 1000;
    const started = Date.now();
    const pending = new Set(group);
    this.log(`stacking: ${group.map((n) => n.spec.target.name).join(', ')}`);
    let nextProgress = started + progressEvery;
    while (pending.size) {
      this.check('wait-ready', deadline, this.timeouts.readySeconds);
      // Every node probed at once: a round trip costs the same for one node or five.
      const probes = await Promise.all(
        [...pending].map(async (n) => {
          const withPrepare = n === controller && !prep.done && prep.command !== null;
          const command = withPrepare && prep.command !== null ? readyThenCommand(n.spec.markers, prep.command) : readyProbeCommand(n.spec.markers);
          // Devstack takes its time; a connection that drops meanwhile is reopened, not fatal.
          const probe = await this.again(n.ssh, command, { timeoutMs: 60_000, signal: options.signal, ...(withPrepare ? { stdin: prep.input } : {}) });
          const out = probe.stdout.toString('utf8');
          const then = withPrepare ? thenStatus(out) : null;
          if (then !== null && then !== 0) {
            throw new StageFailed({
              stage: 'prepare',
              node: n.spec.target.name,
              message: probe.stderr.toString('utf8').trim().split('\n').slice(-3).join(' / ') || `exit status ${then}`,
            });
          }
          if (then === 0) prep.done = true;
          return { n, r: readinessFromProbe(out) };
        }),
      );
      const elapsed = formatDuration((Date.now() - started) / 1000);
      for (const { n, r } of probes) {
        if (r.state === 'ready') {
          this.log(`${n.spec.target.name}: devstack is done (${elapsed})`);
          pending.delete(n);
        } else if (r.state === 'failed') {
          const logTail = await this.stackLogTail(n, 40);
          const cause = devstackErrorLine(logTail);
          throw new StageFailed({
            stage: 'wait-ready',
            node: n.spec.target.name,
            message: `${r.reason} after ${elapsed}${cause ? `: ${cause}` : ''}`,
            logTail,
          });
        }
      }
      if (pending.size && Date.now() >= nextProgress) {
        nextProgress = Date.now() + progressEvery;
        // What each node is doing: the last line of its stack log, so a stuck step shows.
        const lasts = await Promise.all([...pending].map(async (n) => ({ n, last: (await this.stackLogTail(n, 1).catch(() => '')).trim().slice(0, 160) })));
        for (const { n, last } of lasts) this.log(`stacking: ${n.spec.target.name} (${elapsed})${last ? `: ${last}` : ''}`);
      }
      if (pending.size) await sleep((options.pollSeconds ?? 10) * 1000, options.signal);
    }
  }

  private async discoverHosts(command: string): Promise<void> {
    const { controller } = this;
    const r = await this.again(controller.ssh, asRoot(command, controller.spec.sudo), {
      timeoutMs: this.timeouts.readySeconds * 1000,
      signal: this.options.signal,
    });
    const out = `${r.stdout.toString('utf8')}${r.stderr.toString('utf8')}`.trim();
    if (r.code !== 0) {
      throw new StageFailed({
        stage: 'discover-hosts',
        node: controller.spec.target.name,
        message: out.split('\n').slice(-3).join(' / ') || `exit status ${r.code ?? r.signal}`,
        logTail: out.split('\n').slice(-40).join('\n'),
      });
    }
    this.log(`${controller.spec.target.name}: computes mapped to cells${out ? `: ${out.split('\n').at(-1)}` : ''}`);
  }

  // ---------------------------------------------------------------- 4. the steps

  private async runSteps(): Promise<void> {
    for (const [i, step] of this.options.steps.entries()) await this.runStep(i, step, 'run');
  }

  /** The failed tests once more, into one more step: a test that fails, then passes, is flaky. */
  private async rerunFailed(): Promise<void> {
    const steps = this.options.steps;
    const list = failedRerunList(merge(this.stepResults));
    if (!list.length) return;
    const rerun: RunStep = { name: 'rerun', include: list, exclude: [], concurrency: steps[0]?.concurrency ?? 1, serial: false };
    await this.timed('rerun', async () => {
      const upload = this.ws(uploadCommand(stepFiles(this.plan, steps.length).include));
      await mustSucceed(this.again, this.controller.ssh, 'rerun', upload, {
        stdin: `${list.join('\n')}\n`,
        timeoutMs: this.timeouts.prepareSeconds * 1000,
        signal: this.options.signal,
      });
      this.log(`rerunning ${list.length} failed test${list.length === 1 ? '' : 's'} once`);
      await this.runStep(steps.length, rerun, 'rerun');
    });
  }

  private async runStep(index: number, step: RunStep, stage: Stage): Promise<void> {
    const { plan, timeouts, options } = this;
    const c = this.controller;
    const signal = options.signal;
    const stream = new StepStream(join(options.outputDir, `step${index}.subunit`), () => createResultParser({ onTest: this.onTest, format: 'subunit-v2' }));
    this.stepStreams.push(stream);
    const report: StepReport = { name: step.name, exitCode: null, bytes: 0, recoveries: [] };
    this.stepReports.push(report);
    const status = async (): Promise<ReturnType<typeof statusFromOutput>> =>
      statusFromOutput((await c.ssh.exec(this.ws(statusCommand(plan, index)), { timeoutMs: 60_000, signal })).stdout.toString());
    let started = false;
    try {
      for (;;) {
        const remaining = this.runDeadline - Date.now();
        if (remaining <= 0) throw new CommandTimeout(c.spec.target.name, timeouts.runSeconds);
        // Start and follow in one command; after a drop, follow again from the byte we got to.
        const command = started ? followCommand(plan, index, stream.offset) : startCommand(plan, step, index);
        let ended: ReturnType<typeof statusLine>;
        try {
          const r = await c.ssh.exec(this.ws(command), { onStdout: (chunk) => stream.push(chunk), timeoutMs: remaining, signal });
          ended = statusLine(r.stderr.toString('utf8'));
          if (!started) {
            started = true;
            this.log(`step ${step.name}: started`);
          }
          if (ended === null) {
            throw new StageFailed({
              stage,
              node: c.spec.target.name,
              message: r.stderr.toString('utf8').trim().split('\n').slice(-3).join(' / ') || `exit status ${r.code ?? r.signal}`,
            });
          }
        } catch (err) {
          if (!(err instanceof ConnectionLost)) throw err;
          this.log(`${err.message}; reconnecting`);
          await c.ssh.reconnect({ deadlineMs: Date.now() + timeouts.reconnectSeconds * 1000, signal });
          const st = await status();
          if (!started && st.state === 'missing') {
            this.log(`${c.spec.target.name}: reconnected; the step had not started, starting it`);
            continue;
          }
          started = true;
          if (st.size >= stream.offset) {
            report.recoveries.push(`resumed the stream at byte ${stream.offset}`);
            this.log(`${c.spec.target.name}: reconnected; resuming the stream at byte ${stream.offset} (run ${st.state})`);
            continue;
          }
          // Our copy on the node is gone: take the whole run from stestr's repository once it ends.
          while ((await status()).state === 'running') {
            if (Date.now() > this.runDeadline) throw new CommandTimeout(c.spec.target.name, timeouts.runSeconds);
            await sleep(2000, signal);
          }
          const last = await c.ssh.exec(this.ws(stestrLastCommand(plan, index)), { timeoutMs: 300_000, signal });
          if (last.code !== 0)
            throw new StageFailed({ stage, node: c.spec.target.name, message: `lost the stream and cannot recover it: ${last.stderr.toString().trim()}` });
          stream.restart();
          stream.push(last.stdout);
          report.recoveries.push(`recovered the whole stream (${last.stdout.length} bytes) with stestr last --subunit`);
          this.log(`${c.spec.target.name}: recovered the run with stestr last --subunit`);
          report.exitCode = (await status()).rc;
          break;
        }
        // tail ended: the run's process is gone (or tail was stopped; then follow again).
        if (ended.state === 'running') continue;
        report.exitCode = ended.rc;
        break;
      }
    } catch (err) {
      if (err instanceof CommandTimeout || err instanceof CommandAborted) {
        // Stop Tempest on the node, then take the bytes written before it stopped.
        await this.stopAndDrain(c.ssh, index, stream);
        if (err instanceof CommandTimeout) throw new StageTimeout(stage, timeouts.runSeconds);
      }
      throw err;
    } finally {
      report.bytes = stream.offset;
      this.stepResults[index] = stream.close();
    }
  }

  private async stopAndDrain(ssh: RemoteShell, index: number, stream: StepStream): Promise<void> {
    try {
      if (!ssh.connected) await ssh.reconnect({ deadlineMs: Date.now() + 30_000 });
      const r = await ssh.exec(this.ws(cancelCommand(this.plan, index, 5)), { timeoutMs: 30_000 });
      if (r.code !== 0) throw new Error(r.stderr.toString().trim() || `exit status ${r.code}`);
      this.log(`stopped the remote run of step ${index}`);
      // Give the workers a moment to flush what they finished, then take the rest of the file.
      await sleep(1000);
      await ssh.exec(this.ws(drainCommand(this.plan, index, stream.offset)), { onStdout: (chunk) => stream.push(chunk), timeoutMs: 60_000 });
    } catch (err) {
      this.warnings.push(`could not stop or drain the remote run: ${(err as Error).message}`);
    }
  }

  // ---------------------------------------------------------------- 5. logs

  private async fetchLogs(): Promise<string[]> {
    const { options, timeouts } = this;
    const logFiles: string[] = [];
    const dir = join(options.outputDir, 'logs');
    mkdirSync(dir, { recursive: true });
    await Promise.all(
      this.nodes.map(async (n) => {
        const name = n.spec.target.name.replace(/[^A-Za-z0-9_.-]/g, '_');
        try {
          if (!n.ssh.connected) await n.ssh.reconnect({ deadlineMs: Date.now() + 30_000 });
          const paths = n.spec.logPaths ?? defaultLogPaths({ role: n.spec.role, plan: this.plan, markers: n.spec.markers, steps: this.stepReports.length });
          const tar = join(dir, `${name}.tar.gz`);
          await toFile(n.ssh, asRoot(logsArchiveCommand(paths, options.redactFile), n.spec.sudo), tar, timeouts.logsSeconds * 1000);
          logFiles.push(tar);
          if (n.spec.journal !== false) {
            const journal = join(dir, `${name}-journal.log.gz`);
            await toFile(n.ssh, asRoot(journalCommand(options.redactFile), n.spec.sudo), journal, timeouts.logsSeconds * 1000);
            logFiles.push(journal);
          }
        } catch (err) {
          this.warnings.push(`logs of ${n.spec.target.name}: ${(err as Error).message}`);
        }
      }),
    );
    return logFiles;
  }
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

async function mustSucceed(
  exec: Exec,
  ssh: RemoteShell,
  stage: Stage,
  command: string,
  options: Parameters<RemoteShell['exec']>[1],
): Promise<Awaited<ReturnType<RemoteShell['exec']>>> {
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
