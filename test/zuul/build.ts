// One Zuul build under the emulated executor, for the job tests that need more than job-run's
// check pipeline: the project as Zuul prepares it, the nodes (netns, real sshd), the executor's
// files with the `zuul` variables the pipeline gives (post, periodic, a merge job's artifacts),
// pre → run → post, and what the build returned. The nodes are removed before it returns.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodePacket } from '../../src/core/results/subunit-v2.ts';
import { jobOutput, makeJobDir, resultData, ROOT, runBuild, writeBuild, type JobDir, type PhaseResult, type Project } from './executor.ts';
import { makeNodes, type Node } from './nodes.ts';

export const PROJECT: Project = { name: 'openstack/nova', canonicalName: 'opendev.org/openstack/nova', srcDir: 'src/opendev.org/openstack/nova' };
export const SUITE = join(ROOT, 'test/fixtures/run/sample-suite');
export const CLI = [join(ROOT, 'src/cli/bin.ts')];
// Measured (job-run.test.ts): one build takes 17-50 s on 2 cores at load 4-9; a playbook that
// has not ended after 150 s is stuck, not slow.
export const PLAYBOOK_TIMEOUT_MS = 150_000;

export function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Zuul', '-c', 'user.email=zuul@example.org', '-c', 'init.defaultBranch=master', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The CLI from source, as a release manager would run it; its stdout. */
export function cli(args: string[], cwd = ROOT): string {
  return execFileSync(process.execPath, [...CLI, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const T0 = Date.UTC(2026, 10, 25, 6, 0, 0) * 1000;

/** A reference run as subunit v2, each test with its status. */
export function referenceRun(statuses: Record<string, 'success' | 'fail'>): Buffer {
  const out: Uint8Array[] = [];
  let i = 0;
  for (const [name, status] of Object.entries(statuses)) {
    const start = T0 + i++ * 1_000_000;
    out.push(encodePacket({ testId: name, status: 'inprogress', timestamp: start }));
    out.push(encodePacket({ testId: name, status, timestamp: start + 400_000 }));
  }
  return Buffer.concat(out);
}

/**
 * The project as Zuul prepares it: the branch, then the change merged on top (HEAD^..HEAD), or
 * the branch alone (null: a periodic build of a branch whose only commit is its first); its HEAD.
 */
export function writeProject(job: JobDir, branch: Record<string, string>, change: Record<string, string> | null): string {
  const repo = join(job.src, PROJECT.canonicalName);
  mkdirSync(repo, { recursive: true });
  const write = (files: Record<string, string>): void => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    }
  };
  git(repo, ['init', '-q']);
  write(branch);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'the branch']);
  if (change !== null) {
    write(change);
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'the change']);
  }
  return git(repo, ['rev-parse', 'HEAD']).trim();
}

export interface Build {
  name: string;
  job: JobDir;
  phases: PhaseResult[];
  data: Record<string, unknown>;
  output: string;
  head: string;
  nodes: Node[];
}

export interface BuildSpec {
  /** A folder of its own under the test's directory. */
  dir: string;
  name: string;
  nodes: string[];
  branch: Record<string, string>;
  change: Record<string, string> | null;
  vars: Record<string, unknown>;
  zuul?: (head: string) => Record<string, unknown>;
  playbooks: { pre: string[]; run: string; post: string[] };
  /**
   * Runs once the nodes are up, before the first playbook (a git server on one of them, say);
   * what it returns joins the job's vars.
   */
  prepare?: (nodes: Node[]) => Record<string, unknown> | void;
}

export async function zuulBuild(spec: BuildSpec): Promise<Build> {
  const job = makeJobDir(join(spec.dir, spec.name));
  const nodes = await makeNodes(join(spec.dir, spec.name, 'nodes'), spec.nodes, job.publicKey);
  try {
    const head = writeProject(job, spec.branch, spec.change);
    const prepared = spec.prepare?.(nodes.nodes) ?? {};
    writeBuild(
      job,
      nodes.nodes,
      PROJECT,
      {
        // The parent job's and the test's settings: devstack's base dir under the node's /root,
        // Tempest run as the SSH user (root here), the Node 24 this test runs on.
        devstack_base_dir: '/root/stack',
        tempest_gate_run_as: '',
        tempest_gate_node: process.execPath,
        stand_in_tempest_suite: SUITE,
        ...spec.vars,
        ...prepared,
      },
      spec.zuul?.(head) ?? {},
    );
    const phases = await runBuild(job, spec.playbooks, PLAYBOOK_TIMEOUT_MS);
    console.log(`${spec.name}: ${phases.map((p) => `${p.phase} rc ${p.rc} in ${p.seconds.toFixed(1)} s`).join(', ')}`);
    return { name: spec.name, job, phases, data: resultData(job), output: jobOutput(job), head, nodes: [...nodes.nodes] };
  } finally {
    nodes.close();
  }
}

/** What to show when an assertion fails: the failed tasks and the end of the build's output. */
export function why(b: Build): string {
  const failed = b.output
    .split('\n')
    .filter((l) => /^(fatal|failed):/.test(l))
    .map((l) => l.slice(0, 1500));
  return `${b.name}: ${failed.join('\n')}\n...\n${b.output.slice(-3000)}`;
}

export function rcs(b: Build): Record<string, number> {
  return Object.fromEntries(b.phases.map((p) => [p.phase, p.rc]));
}
