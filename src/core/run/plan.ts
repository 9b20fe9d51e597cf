// The remote command plan of a gate run: every shell command the runner sends to a node, built
// from data. Pure: strings out, no I/O. Every value that comes from the change, the rules or the
// user (paths, regexes, config values) goes through shQuote; nothing is pasted into a command raw.
import { shJoin, shQuote } from './shell-quote.ts';
import { STACK_DONE, STACK_FAILED } from '../provision/user-data.ts';

/** Where devstack (or whatever built the node) says it is done or has failed. */
export interface ReadyMarkers {
  /** Created when devstack finished successfully. */
  done: string;
  /** Created when devstack (or the provisioning script) failed. */
  failed: string;
  /** The log whose tail explains a failure. */
  log: string;
}

/** The markers and log of the stack script that `provision` puts in every node's user-data. */
export const DEFAULT_READY: ReadyMarkers = {
  done: STACK_DONE,
  failed: STACK_FAILED,
  log: '/var/log/tempest-gate-stack.log',
};

/** One `tempest run`: the gate's parallel step, then usually a serial one. */
export interface RunStep {
  name: string;
  /** Lines of an include list (regexes, one per line): uploaded and passed as --include-list. */
  include: string[];
  /** Lines of an exclude list: uploaded and passed as --exclude-list. */
  exclude: string[];
  /** Worker processes; ignored when serial. */
  concurrency: number;
  serial: boolean;
  /**
   * stestr's --worker-file: one regex list per worker (core/run/worker-file.ts), uploaded and passed
   * instead of --concurrency, so the workers are balanced by the baseline's durations. Absent: stestr balances.
   */
  workers?: string[][];
}

export interface ConfigOverride {
  section: string;
  key: string;
  value: string;
}

export interface RemotePlanOptions {
  /** Tempest workspace on the controller (holds etc/tempest.conf and .stestr). */
  workspace: string;
  /** A directory of our own on the controller for lists, streams and pids. */
  stateDir: string;
  /** The command that runs tests, before its options: `tempest run` on a real node. */
  runCommand: string[];
  /** The base configuration that overrides are applied to. */
  baseConfig: string;
  /** Interpreter for writing the overridden tempest.conf (configparser keeps this safe and short). */
  python: string;
  /** Pass the written config with --config-file (tempest run does; a bare stestr run does not). */
  passConfigFile: boolean;
  /** Run the workspace commands as this user (devstack's `stack`) through `sudo -n -u`, or as the SSH user when null. */
  runAs: string | null;
}

/** A command as the workspace's owner (see RemotePlanOptions.runAs). */
export function asWorkspaceUser(plan: RemotePlanOptions, command: string): string {
  return plan.runAs === null ? command : `sudo -n -u ${shQuote(plan.runAs)} -H sh -c ${shQuote(command)}`;
}

/** A command as root: through `sudo -n` unless the SSH user is root already. */
export function asRoot(command: string, viaSudo: boolean): string {
  return viaSudo ? `sudo -n sh -c ${shQuote(command)}` : command;
}

/** Write a file from stdin with the given mode, creating its directory (a secret stays unreadable to others throughout). */
export function installFileCommand(path: string, mode: number): string {
  const slash = path.lastIndexOf('/');
  const dir = slash > 0 ? path.slice(0, slash) : '.';
  const octal = (mode & 0o7777).toString(8).padStart(4, '0');
  return `umask 077 && mkdir -p ${shQuote(dir)} && cat > ${shQuote(path)} && chmod ${octal} ${shQuote(path)}`;
}

export function defaultPlanOptions(workspace: string): RemotePlanOptions {
  return {
    workspace,
    stateDir: `${workspace}/tempest-gate`,
    runCommand: ['tempest', 'run'],
    baseConfig: `${workspace}/etc/tempest.conf`,
    python: 'python3',
    passConfigFile: true,
    runAs: null,
  };
}

/** Files of one step in the state directory. */
export function stepFiles(
  plan: RemotePlanOptions,
  index: number,
): Record<'include' | 'exclude' | 'workers' | 'stream' | 'stderr' | 'pid' | 'rc' | 'stestrId', string> {
  const base = `${plan.stateDir}/step${index}`;
  return {
    include: `${base}.include.txt`,
    workers: `${base}.workers.yaml`,
    exclude: `${base}.exclude.txt`,
    stream: `${base}.subunit`,
    stderr: `${base}.stderr.log`,
    pid: `${base}.pid`,
    rc: `${base}.rc`,
    stestrId: `${base}.stestr-id`,
  };
}

export function configPath(plan: RemotePlanOptions): string {
  return `${plan.stateDir}/tempest.conf`;
}

/** Prints `failed=0|1 done=0|1 cloudinit=<status>`; `readinessFromProbe` reads it. */
export function readyProbeCommand(markers: ReadyMarkers): string {
  return [...probeAssignments(markers), `echo "failed=$f done=$d cloudinit=$c"`].join('; ');
}

function probeAssignments(markers: ReadyMarkers): string[] {
  return [
    `f=0; d=0; c=absent`,
    `[ -e ${shQuote(markers.failed)} ] && f=1`,
    `[ -e ${shQuote(markers.done)} ] && d=1`,
    // `cloud-init status` prints "status: running|done|error|disabled".
    `if command -v cloud-init >/dev/null 2>&1; then c=$(cloud-init status 2>/dev/null | sed -n 's/^status: *//p' | head -n 1); [ -n "$c" ] || c=unknown; fi`,
  ];
}

/**
 * The probe, and when it finds the node ready (the same rule as readinessFromProbe), `then` in the
 * same round trip; prints `then=<status>` after the probe line. `then` may read stdin.
 */
export function readyThenCommand(markers: ReadyMarkers, then: string): string {
  return [
    ...probeAssignments(markers),
    `echo "failed=$f done=$d cloudinit=$c"`,
    `if [ "$f" = 0 ] && [ "$d" = 1 ] && [ "$c" != error ]; then (${then}) && echo "then=0" || echo "then=$?"; fi`,
  ].join('; ');
}

/** The status of `then` in readyThenCommand's output, or null when it did not run. */
export function thenStatus(output: string): number | null {
  const m = /^then=(\d+)$/m.exec(output);
  return m ? Number(m[1]) : null;
}

export type Readiness = { state: 'ready' } | { state: 'pending' } | { state: 'failed'; reason: string };

export function readinessFromProbe(output: string): Readiness {
  const m = /failed=([01]) done=([01]) cloudinit=(\S*)/.exec(output);
  if (!m) return { state: 'failed', reason: `readiness probe printed nothing usable: ${JSON.stringify(output.trim().slice(0, 200))}` };
  const [, failed, done, cloudInit] = m;
  if (failed === '1') return { state: 'failed', reason: 'devstack wrote its failure marker' };
  if (cloudInit === 'error') return { state: 'failed', reason: 'cloud-init reports status: error' };
  if (done === '1') return { state: 'ready' };
  // cloud-init 'done' proves nothing here: the stack script runs detached after cloud-init ends
  // (and waits for the secrets the run step uploads), so only the markers decide.
  return { state: 'pending' };
}

/**
 * Devstack's own reason in the tail of its log: the last `[ERROR] <file>:<line> <message>` line
 * (what devstack's `die` prints), so that the one line of a failed stack says why; null if none.
 */
export function devstackErrorLine(tail: string): string | null {
  const last = tail
    .split('\n')
    .filter((l) => l.includes('[ERROR]'))
    .at(-1);
  if (last === undefined) return null;
  const line = last.slice(last.indexOf('[ERROR]')).trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** The last lines of a log; masked with the secrets file when given (see redactPipe): run it as root then. */
export function logTailCommand(path: string, lines: number, secretsFile?: string): string {
  const tail = `tail -n ${Math.max(1, Math.floor(lines))} ${shQuote(path)} 2>&1`;
  return secretsFile ? `(${tail} || true)${redactPipe(secretsFile)} || true` : `${tail} || true`;
}

/**
 * Copy paths from one node to another as they are (devstack's CA from the controller to the
 * subnodes, as Zuul's sync-devstack-data does): this archive on the source, on stdout, and
 * extractArchiveCommand on the destination, stdin. Absent paths are left out. Both as root.
 */
export function shareArchiveCommand(paths: readonly string[]): string {
  if (paths.length === 0) return `tar -czf - -T /dev/null`;
  const list = paths.map(shQuote).join(' ');
  return `for p in ${list}; do [ -e "$p" ] && printf '%s\\0' "$p"; done | tar -czf - --null -T -`;
}

/** Unpack shareArchiveCommand's archive under `root` (`/` on a node: the paths land where they were). */
export function extractArchiveCommand(root = '/'): string {
  return `mkdir -p ${shQuote(root)} && tar -xzf - -C ${shQuote(root)}`;
}

/**
 * Write several files in one command (one round trip): their contents are concatenated on stdin
 * and each is cut off by `head -c <length>`, which GNU head reads exactly from a pipe.
 */
export function uploadManyCommand(files: readonly { path: string; bytes: number }[]): string {
  const dirs = [...new Set(files.map((f) => (f.path.lastIndexOf('/') > 0 ? f.path.slice(0, f.path.lastIndexOf('/')) : '.')))];
  const parts = [`mkdir -p ${dirs.map(shQuote).join(' ')}`];
  for (const f of files) parts.push(`head -c ${Math.max(0, Math.floor(f.bytes))} > ${shQuote(f.path)}`);
  return parts.join(' && ');
}

/** `cat > path`, creating its directory: the file's content travels on stdin, never in the command. */
export function uploadCommand(path: string): string {
  const slash = path.lastIndexOf('/');
  const dir = slash > 0 ? path.slice(0, slash) : '.';
  return `mkdir -p ${shQuote(dir)} && cat > ${shQuote(path)}`;
}

// configparser with interpolation off: `%` in a value stays literal. Values come in argv, so no
// quoting of them inside the script is needed.
const CONFIG_SCRIPT = [
  'import configparser, sys',
  'base, out, rest = sys.argv[1], sys.argv[2], sys.argv[3:]',
  'c = configparser.RawConfigParser()',
  'c.optionxform = str',
  'c.read(base)',
  'for i in range(0, len(rest), 3):',
  '    s, k, v = rest[i:i + 3]',
  "    if s != 'DEFAULT' and not c.has_section(s):",
  '        c.add_section(s)',
  '    c.set(s, k, v)',
  "with open(out, 'w') as f:",
  '    c.write(f)',
].join('\n');

/** Write `<stateDir>/tempest.conf`: the base config with the overrides applied. */
export function configCommand(plan: RemotePlanOptions, overrides: readonly ConfigOverride[]): string {
  const argv = [plan.python, '-c', CONFIG_SCRIPT, plan.baseConfig, configPath(plan)];
  for (const o of overrides) argv.push(o.section, o.key, o.value);
  return `mkdir -p ${shQuote(plan.stateDir)} && ${shJoin(argv)}`;
}

/** Overrides the environment implies: Tempest must know how many compute nodes there are. */
export function environmentOverrides(options: { computeNodes: number }): ConfigOverride[] {
  const n = Math.max(1, Math.floor(options.computeNodes));
  const out: ConfigOverride[] = [{ section: 'compute', key: 'min_compute_nodes', value: String(n) }];
  // Migration tests need a second host; with one they can only fail.
  if (n < 2) {
    out.push({ section: 'compute-feature-enabled', key: 'live_migration', value: 'False' });
    out.push({ section: 'compute-feature-enabled', key: 'cold_migration', value: 'False' });
  }
  return out;
}

/** The `tempest run` argv of one step (paths are on the controller). */
export function stepArgv(plan: RemotePlanOptions, step: RunStep, index: number): string[] {
  const files = stepFiles(plan, index);
  const argv = [...plan.runCommand, '--subunit'];
  if (plan.passConfigFile) argv.push('--config-file', configPath(plan));
  if (step.serial) argv.push('--serial');
  else if (step.workers?.length) argv.push('--worker-file', files.workers);
  else argv.push('--concurrency', String(Math.max(1, Math.floor(step.concurrency))));
  if (step.include.length) argv.push('--include-list', files.include);
  if (step.exclude.length) argv.push('--exclude-list', files.exclude);
  return argv;
}

/**
 * Start a step detached from the SSH session (setsid, stdin from /dev/null) so a dropped
 * connection does not kill Tempest; the subunit goes to a file that is followed at once (see
 * followCommand) in the same command, to save a round trip. The pid, also the process group to
 * signal on cancel, is kept in a file. Records stestr's next run id first, so a recovery via
 * `stestr last` can check that the last run is ours.
 */
export function startCommand(plan: RemotePlanOptions, step: RunStep, index: number): string {
  const files = stepFiles(plan, index);
  const inner = [`cd ${shQuote(plan.workspace)}`, `${shJoin(stepArgv(plan, step, index))} > ${shQuote(files.stream)} 2> ${shQuote(files.stderr)}`].join(' && ');
  // `echo $?` runs after the run whatever its status; written to a temp name and renamed so a
  // reader never sees an empty rc file.
  const body = `${inner}; echo $? > ${shQuote(`${files.rc}.tmp`)}; mv ${shQuote(`${files.rc}.tmp`)} ${shQuote(files.rc)}`;
  const setup = [
    `mkdir -p ${shQuote(plan.stateDir)}`,
    `rm -f ${shQuote(files.stream)} ${shQuote(files.rc)} ${shQuote(files.pid)}`,
    `(cat ${shQuote(`${plan.workspace}/.stestr/next-stream`)} 2>/dev/null || echo 0) > ${shQuote(files.stestrId)}`,
    `: > ${shQuote(files.stream)}`,
  ].join(' && ');
  // `&` ends a command like `;` does, so the pid is written right after the start.
  return `${setup} || exit 1; setsid sh -c ${shQuote(body)} < /dev/null > /dev/null 2>&1 & echo $! > ${shQuote(files.pid)} || exit 1; ${followCommand(plan, index, 0)}`;
}

/**
 * Follow a step's stream from byte `offset` (0-based) on stdout until the run's process is gone
 * (GNU tail sees new bytes at once through inotify and checks the pid every 0.2 s), then print
 * the step's status line (statusCommand) on stderr.
 */
export function followCommand(plan: RemotePlanOptions, index: number, offset: number): string {
  const files = stepFiles(plan, index);
  return `tail -c +${Math.floor(offset) + 1} -s 0.2 --pid="$(cat ${shQuote(files.pid)})" -f ${shQuote(files.stream)}; { ${statusCommand(plan, index)}; } >&2`;
}

/** Prints `state=running|exited|missing rc=<n|-> size=<bytes>`. */
export function statusCommand(plan: RemotePlanOptions, index: number): string {
  const files = stepFiles(plan, index);
  return [
    `s=missing; r=-; z=0`,
    `[ -e ${shQuote(files.stream)} ] && z=$(wc -c < ${shQuote(files.stream)})`,
    `if [ -e ${shQuote(files.rc)} ]; then s=exited; r=$(cat ${shQuote(files.rc)}); elif [ -e ${shQuote(files.pid)} ] && kill -0 "$(cat ${shQuote(files.pid)})" 2>/dev/null; then s=running; elif [ -e ${shQuote(files.pid)} ]; then s=exited; fi`,
    `echo "state=$s rc=$r size=$z"`,
  ].join('; ');
}

export interface RemoteStatus {
  state: 'running' | 'exited' | 'missing';
  rc: number | null;
  size: number;
}

/** The last status line in `output` (other lines, e.g. a shell's warnings on stderr, are skipped); null when none. */
export function statusLine(output: string): RemoteStatus | null {
  const all = [...output.matchAll(/state=(running|exited|missing) rc=(-|\d+) size=\s*(\d+)/g)];
  const m = all.at(-1);
  if (!m) return null;
  return { state: m[1] as RemoteStatus['state'], rc: m[2] === '-' ? null : Number(m[2]), size: Number(m[3]) };
}

export function statusFromOutput(output: string): RemoteStatus {
  return statusLine(output) ?? { state: 'missing', rc: null, size: 0 };
}

/** Stop a step: TERM to its whole process group (tempest, stestr and workers), KILL after a grace period. */
export function cancelCommand(plan: RemotePlanOptions, index: number, graceSeconds = 10): string {
  const pid = shQuote(stepFiles(plan, index).pid);
  // `&` already ends the background command: no `;` after it.
  return [
    `p=$(cat ${pid} 2>/dev/null) || exit 0`,
    `kill -TERM -- "-$p" 2>/dev/null`,
    `(sleep ${Math.max(0, Math.floor(graceSeconds))}; kill -KILL -- "-$p" 2>/dev/null) < /dev/null > /dev/null 2>&1 & exit 0`,
  ].join('; ');
}

/**
 * The step's whole stream from stestr's repository, for when our own copy is gone. Only if the
 * repository's last run is the one this step started (next-stream moved on by exactly one).
 */
export function stestrLastCommand(plan: RemotePlanOptions, index: number): string {
  const files = stepFiles(plan, index);
  return [
    `cd ${shQuote(plan.workspace)}`,
    `id=$(cat ${shQuote(files.stestrId)})`,
    `next=$(cat .stestr/next-stream)`,
    `[ "$next" -eq $((id + 1)) ] || { echo "stestr's last run ($((next - 1))) is not this step's ($id)" >&2; exit 3; }`,
    `exec stestr last --subunit`,
  ].join(' && ');
}

/** A gzip'd tar of the paths that exist, on stdout. */
export function logsArchiveCommand(paths: readonly string[], secretsFile?: string): string {
  if (paths.length === 0) return `tar -czf - -T /dev/null`;
  const list = paths.map(shQuote).join(' ');
  // Print the existing paths NUL-separated so any file name survives; tar reads them with --null.
  return `for p in ${list}; do [ -e "$p" ] && printf '%s\\0' "$p"; done | tar -cf - --null -T - --ignore-failed-read --warning=no-file-changed 2>/dev/null${redactPipe(secretsFile)} | gzip -c; true`;
}

/** The system journal of the current boot, gzip'd (empty when the node has no journald). */
export function journalCommand(secretsFile?: string): string {
  return `(journalctl --no-pager -o short-precise -b 2>/dev/null || true)${redactPipe(secretsFile)} | gzip -c`;
}

/**
 * Masks devstack's passwords in a byte stream, on the node: the values of the secrets file
 * (KEY=VALUE lines, values of 6 characters or more, as core/run/mask.ts reads them) each become as
 * many '*' as they have bytes, so a tar stream stays valid (its headers count bytes). Python, not
 * sed: the values come from the file on the node, never from a command line. A value cut by a
 * read is caught: the last (longest - 1) bytes wait for the next read.
 */
const REDACT_PY = `import re, sys
vals = set()
try:
    for line in open(sys.argv[1], 'rb'):
        m = re.match(rb'\\s*(?:export\\s+)?[A-Za-z_][A-Za-z0-9_]*=(.*)$', line.rstrip(b'\\r\\n'))
        if m:
            v = m.group(1).strip()
            if len(v) >= 2 and v[:1] == v[-1:] and v[:1] in (b'"', b"'"):
                v = v[1:-1]
            if len(v) >= 6:
                vals.add(v)
except OSError:
    pass
src, out = sys.stdin.buffer, sys.stdout.buffer
pat = re.compile(b'|'.join(re.escape(v) for v in sorted(vals, key=len, reverse=True))) if vals else None
keep = max(map(len, vals)) - 1 if vals else 0
buf = b''
while True:
    b = src.read(1 << 16)
    buf += b
    if pat:
        buf = pat.sub(lambda m: b'*' * len(m.group()), buf)
    if not b:
        out.write(buf)
        break
    cut = len(buf) - keep
    if cut > 0:
        out.write(buf[:cut])
        buf = buf[cut:]
`;

/** The pipe stage of REDACT_PY over `secretsFile`; empty without one. */
export function redactPipe(secretsFile: string | undefined): string {
  return secretsFile ? ` | python3 -c ${shQuote(REDACT_PY)} ${shQuote(secretsFile)}` : '';
}

/**
 * Default logs of a node: devstack's, cloud-init's and, on the controller, tempest.log and the
 * steps' stderr. Never tempest.conf: it holds the admin password.
 */
export function defaultLogPaths(options: { role: 'controller' | 'subnode'; plan: RemotePlanOptions; markers: ReadyMarkers; steps: number }): string[] {
  const paths = ['/opt/stack/logs', options.markers.log, '/var/log/cloud-init-output.log'];
  if (options.role === 'controller') {
    paths.push(`${options.plan.workspace}/tempest.log`);
    for (let i = 0; i < options.steps; i++) paths.push(stepFiles(options.plan, i).stderr);
  }
  return [...new Set(paths)];
}

/** What the step's stream holds from byte `offset` (0-based) on, without following it. */
export function drainCommand(plan: RemotePlanOptions, index: number, offset: number): string {
  return `tail -c +${Math.floor(offset) + 1} ${shQuote(stepFiles(plan, index).stream)}`;
}
