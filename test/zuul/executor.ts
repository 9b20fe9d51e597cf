// An emulated Zuul executor: the job directory, ansible.cfg, inventory and `zuul` variables as
// Zuul's executor writes them (zuul/executor/server.py), and the playbooks run in Zuul's order:
// pre-run, run, then post-run whatever happened, with zuul_success.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Node } from './nodes.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));

export function executorUnavailable(): string | null {
  for (const tool of ['ansible-playbook', 'rsync', 'git']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'pipe' });
    } catch {
      return `${tool} is missing: run scripts/setup-machine.sh (ansible, rsync, git)`;
    }
  }
  return null;
}

export interface Project {
  name: string;
  canonicalName: string;
  srcDir: string;
}

export interface JobDir {
  dir: string;
  work: string;
  logs: string;
  src: string;
  keyFile: string;
  publicKey: string;
  output: string;
}

export function makeJobDir(dir: string): JobDir {
  const work = join(dir, 'work');
  for (const d of ['ansible', 'work/logs', 'work/src', 'work/tmp', 'work/.ssh']) mkdirSync(join(dir, d), { recursive: true });
  const keyFile = join(work, '.ssh', 'id_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'zuul-build', '-f', keyFile]);
  return {
    dir,
    work,
    logs: join(work, 'logs'),
    src: join(work, 'src'),
    keyFile,
    publicKey: readFileSync(`${keyFile}.pub`, 'utf8'),
    output: join(work, 'logs', 'job-output.txt'),
  };
}

/**
 * A job's `vars` as Zuul gives them to a build: zuul/zuul.d/jobs.yaml's job and its parents there,
 * the child's over the parent's (a parent from elsewhere, Tempest's, brings none here).
 */
export function zuulJobVars(name: string): Record<string, unknown> {
  const config = parse(readFileSync(join(ROOT, 'zuul/zuul.d/jobs.yaml'), 'utf8')) as {
    job?: { name: string; parent?: string; vars?: Record<string, unknown> };
  }[];
  const jobs = new Map(config.flatMap((c) => (c.job ? [[c.job.name, c.job] as const] : [])));
  const job = jobs.get(name);
  if (!job) throw new Error(`no job ${name} in zuul/zuul.d/jobs.yaml`);
  return { ...(job.parent && jobs.has(job.parent) ? zuulJobVars(job.parent) : {}), ...job.vars };
}

/**
 * The executor's files for a build on `nodes` (the first is the controller, in group tempest).
 * `zuul` replaces keys of the `zuul` variables (pipeline, job, ref, artifacts of the jobs this
 * one depends on, ...).
 */
export function writeBuild(job: JobDir, nodes: Node[], project: Project, jobVars: Record<string, unknown>, zuulOverrides: Record<string, unknown> = {}): void {
  const [controller, ...subnodes] = nodes;
  if (!controller) throw new Error('no nodes');
  writeFileSync(join(job.work, '.ssh', 'known_hosts'), `${nodes.flatMap((n) => n.knownHosts).join('\n')}\n`);
  const host = (n: Node): Record<string, unknown> => ({
    ansible_host: n.address,
    ansible_port: 22,
    ansible_user: 'root',
    ansible_connection: 'ssh',
    nodepool: { label: 'ubuntu-noble', private_ipv4: n.address, public_ipv4: n.address, interface_ip: n.address, provider: 'netns', region: null, az: null },
    zuul: { node: n.name },
  });
  const group = (ns: Node[]): { hosts: Record<string, null> } => ({ hosts: Object.fromEntries(ns.map((n) => [n.name, null])) });
  const inventory = {
    all: {
      hosts: Object.fromEntries(nodes.map((n) => [n.name, host(n)])),
      vars: jobVars,
      children: { tempest: group([controller]), subnode: group(subnodes), compute: group(subnodes), zuul_unreachable: { hosts: {} } },
    },
  };
  // JSON is YAML: the executor writes YAML, either reads the same.
  writeFileSync(join(job.dir, 'ansible', 'inventory.yaml'), JSON.stringify(inventory, null, 2));
  const proj = {
    name: project.name,
    short_name: project.name.split('/').pop(),
    canonical_hostname: project.canonicalName.split('/')[0],
    canonical_name: project.canonicalName,
    src_dir: project.srcDir,
  };
  const zuul = {
    zuul: {
      tenant: 'example',
      pipeline: 'check',
      job: 'tempest-gate',
      voting: true,
      build: '6a1b2c3d4e5f60718293a4b5c6d7e8f9',
      buildset: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      ref: 'refs/changes/56/123456/1',
      branch: 'master',
      override_checkout: null,
      change: '123456',
      patchset: '1',
      change_url: 'https://review.opendev.org/123456',
      project: proj,
      projects: { [project.canonicalName]: { ...proj, checkout: 'master', required: false } },
      attempts: 1,
      max_attempts: 3,
      executor: {
        hostname: 'executor.test',
        work_root: job.work,
        log_root: job.logs,
        src_root: job.src,
        result_data_file: join(job.work, 'results.json'),
        inventory_file: join(job.dir, 'ansible', 'inventory.yaml'),
      },
      ...zuulOverrides,
    },
  };
  writeFileSync(join(job.dir, 'ansible', 'zuul_vars.yaml'), JSON.stringify(zuul, null, 2));
  // Zuul's settings (server.py): facts cached per build, zuul_return as an action plugin, pipelining,
  // the build's known_hosts; the job's roles on the roles path (here: the stand-ins).
  writeFileSync(
    join(job.dir, 'ansible', 'ansible.cfg'),
    [
      '[defaults]',
      `inventory = ${join(job.dir, 'ansible', 'inventory.yaml')}`,
      'gathering = smart',
      'fact_caching = jsonfile',
      `fact_caching_connection = ${join(job.dir, 'ansible', 'fact-cache')}`,
      `action_plugins = ${join(HERE, 'executor', 'action_plugins')}`,
      `roles_path = ${join(HERE, 'roles')}`,
      `local_tmp = ${join(job.work, 'tmp')}`,
      `private_key_file = ${job.keyFile}`,
      'retry_files_enabled = False',
      'interpreter_python = auto_silent',
      'forks = 5',
      '',
      '[ssh_connection]',
      'pipelining = True',
      `control_path_dir = ${join(job.work, '.ansible', 'cp')}`,
      `ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o ServerAliveInterval=60 -o UserKnownHostsFile=${join(job.work, '.ssh', 'known_hosts')}`,
      '',
    ].join('\n'),
  );
}

export interface PhaseResult {
  phase: string;
  playbook: string;
  rc: number;
  seconds: number;
}

/**
 * One playbook as the executor runs it; the output goes to the build's job-output.txt (a file,
 * not a pipe: ssh's ControlPersist masters outlive ansible-playbook and would hold a pipe open).
 */
export async function runPhase(job: JobDir, phase: 'pre' | 'run' | 'post', playbook: string, success: boolean | null, timeoutMs: number): Promise<PhaseResult> {
  const args = ['-v', playbook, '-e', `zuul_execution_phase=${phase}`, '-e', `@${join(job.dir, 'ansible', 'zuul_vars.yaml')}`];
  if (success !== null) args.push('-e', `zuul_success=${success}`);
  appendFileSync(job.output, `\n==== ${phase}: ${playbook}\n`);
  const fd = openSync(job.output, 'a');
  const started = Date.now();
  try {
    const child = spawn('ansible-playbook', args, {
      cwd: job.work,
      stdio: ['ignore', fd, fd],
      env: {
        ...process.env,
        HOME: job.work,
        ZUUL_JOBDIR: job.dir,
        ANSIBLE_CONFIG: join(job.dir, 'ansible', 'ansible.cfg'),
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_FORCE_COLOR: '0',
        PYTHONUNBUFFERED: '1',
      },
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    const rc = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    clearTimeout(timer);
    return { phase, playbook, rc, seconds: (Date.now() - started) / 1000 };
  } finally {
    closeSync(fd);
  }
}

/** pre → run → post (post always, as Zuul does), stopping the run phase when pre failed. */
export async function runBuild(job: JobDir, playbooks: { pre: string[]; run: string; post: string[] }, timeoutMs: number): Promise<PhaseResult[]> {
  const out: PhaseResult[] = [];
  let ok = true;
  for (const pb of playbooks.pre) {
    const r = await runPhase(job, 'pre', pb, null, timeoutMs);
    out.push(r);
    if (r.rc !== 0) ok = false;
    if (!ok) break;
  }
  if (ok) {
    const r = await runPhase(job, 'run', playbooks.run, null, timeoutMs);
    out.push(r);
    ok = r.rc === 0;
  }
  for (const pb of playbooks.post) out.push(await runPhase(job, 'post', pb, ok, timeoutMs));
  return out;
}

/** What the build returned (zuul_return), {} when nothing. */
export function resultData(job: JobDir): Record<string, unknown> {
  const f = join(job.work, 'results.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>) : {};
}

export function jobOutput(job: JobDir): string {
  return existsSync(job.output) ? readFileSync(job.output, 'utf8') : '';
}
