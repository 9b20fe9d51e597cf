// Hosts for the devstack stand-in's tests (scripts/lab/devstack): each node is a network
// namespace of its own plus a mount and UTS namespace in which /opt/stack and /etc/tempest-gate
// are the node's own folders and the hostname is the node's, as on a real machine. The nodes
// share one link (a private network, 10.214.0.0/24) and nothing else: their loopback, ports and
// processes are theirs, so a whole local OpenStack inside one does not touch the one on the root
// namespace. Nothing here goes through SSH: commands enter the node's namespaces with nsenter.
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderLocalConf } from '../../src/core/provision/local-conf.ts';
import type { NodeRole } from '../../src/core/provision/plan.ts';

export const REPO_SCRIPT = fileURLToPath(new URL('../../scripts/lab/devstack-repo.sh', import.meta.url));

export interface DsNode {
  name: string;
  address: string;
  ns: string;
  /** The node's /opt/stack and /etc/tempest-gate, seen from the root namespace. */
  optStack: string;
  etc: string;
  /** The process that holds the node's mount and UTS namespaces. */
  keeper: number;
}

export interface DsLab {
  dir: string;
  /** The bare repository the nodes clone devstack from (made by scripts/lab/devstack-repo.sh). */
  devstackRepo: string;
  nodes: DsNode[];
  /** Run a shell command inside the node; never throws. */
  sh(node: DsNode, script: string, timeoutMs?: number): SpawnSyncReturns<string>;
  /** Clone devstack into the node's /opt/stack/devstack (as the user-data does) and write its local.conf and secrets. */
  prepare(node: DsNode, localConf: string): void;
  /** The node's stack.sh, its output and exit status. */
  stack(node: DsNode, timeoutMs: number): SpawnSyncReturns<string>;
  close(): void;
}

/** Devstack's passwords, as the gate's secrets file holds them (KEY=value lines). */
export const SECRETS = { DATABASE_PASSWORD: 'dbLab4xq', RABBIT_PASSWORD: 'rbLab4xq', ADMIN_PASSWORD: 'adLab4xq', SERVICE_PASSWORD: 'svLab4xq' };

export function dsLabUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (network and mount namespaces)';
  for (const bin of ['/usr/bin/nsenter', '/usr/bin/unshare', '/usr/bin/git']) if (!existsSync(bin)) return `${bin} is missing`;
  if (!existsSync('/usr/lib/python3/dist-packages/nova')) return 'python3-nova is missing: run scripts/setup-machine.sh (the local OpenStack)';
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'pipe' });
  } catch {
    return 'ip netns does not work here';
  }
  return null;
}

function run(argv: string[]): string {
  return execFileSync(argv[0] ?? 'true', argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let count = 0;

/** The gate's local.conf for one node of this lab (controller first in `nodes`), with extra localrc entries as `provision --localrc` adds them. */
export function gateLocalConf(lab: DsLab, node: DsNode, extraLocalrc: Record<string, string> = {}): string {
  const controller = lab.nodes[0];
  if (!controller) throw new Error('no nodes');
  const role: NodeRole = node === controller ? 'controller' : 'subnode';
  return renderLocalConf({ role, controllerIp: controller.address, selfIp: node.address, computeNodes: lab.nodes.length, extraLocalrc });
}

export function makeDsLab(names: string[]): DsLab {
  const dir = mkdtempSync(join(tmpdir(), 'tg-dslab-'));
  const tag = `${process.pid % 10000}${count++}`;
  const nodes: DsNode[] = [];
  // the mount points the nodes' own folders go on (empty folders on the machine itself)
  mkdirSync('/opt/stack', { recursive: true });
  mkdirSync('/etc/tempest-gate', { recursive: true });
  const devstackRepo = join(dir, 'devstack.git');
  const lab: DsLab = {
    dir,
    devstackRepo,
    nodes,
    sh: (node, script, timeoutMs = 120_000) =>
      spawnSync('nsenter', ['-t', String(node.keeper), '-m', '-u', '-n', '--', 'bash', '-c', script], {
        encoding: 'utf8',
        timeout: timeoutMs,
        maxBuffer: 64 << 20,
      }),
    prepare: (node, localConf) => {
      writeFileSync(
        join(node.etc, 'devstack-secrets.env'),
        Object.entries(SECRETS)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
        { mode: 0o600 },
      );
      writeFileSync(join(dir, `${node.name}.local.conf`), localConf);
      // as the user-data's stack script does (tempest-gate-stack): clone, then put local.conf in place
      const r = lab.sh(
        node,
        `set -e; rm -rf /opt/stack/devstack; git clone -q --depth 1 --branch master ${devstackRepo} /opt/stack/devstack 2>&1; cp ${join(dir, `${node.name}.local.conf`)} /opt/stack/devstack/local.conf`,
      );
      if (r.status !== 0) throw new Error(`clone on ${node.name}: ${r.stdout}${r.stderr}`);
    },
    stack: (node, timeoutMs) => lab.sh(node, 'cd /opt/stack/devstack && ./stack.sh 2>&1', timeoutMs),
    close: () => {
      for (const n of nodes) {
        try {
          lab.sh(n, 'test -x /opt/stack/devstack/unstack.sh && /opt/stack/devstack/unstack.sh >/dev/null 2>&1', 120_000);
        } catch {
          /* best effort: whatever is left is killed below */
        }
        killNamespace(n.keeper);
        try {
          run(['ip', 'netns', 'del', n.ns]);
        } catch {
          /* already gone */
        }
      }
      rmSync(dir, { recursive: true, force: true });
      // the empty mount points made below: left on the machine, a lab host's overlay of / would
      // start with a root-owned /opt/stack (rmdir fails harmlessly when they are not empty)
      for (const d of ['/opt/stack', '/etc/tempest-gate']) {
        try {
          rmdirSync(d);
        } catch {
          /* not empty, or not there */
        }
      }
    },
  };
  try {
    const r = spawnSync('bash', [REPO_SCRIPT, devstackRepo], { encoding: 'utf8', env: { ...process.env, LAB_DEVSTACK_SAFE_DIRECTORY: '0' } });
    if (r.status !== 0) throw new Error(`devstack-repo.sh: ${r.stderr}`);
    const ifs: string[] = [];
    for (const [i, name] of names.entries()) {
      const ns = `tgds${tag}-${name}`.slice(0, 15);
      try {
        run(['ip', 'netns', 'del', ns]);
      } catch {
        /* not left over */
      }
      run(['ip', 'netns', 'add', ns]);
      run(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
      const optStack = join(dir, name, 'opt-stack');
      const etc = join(dir, name, 'etc-tempest-gate');
      mkdirSync(optStack, { recursive: true });
      mkdirSync(etc, { recursive: true });
      const keeperScript = `mount --bind ${optStack} /opt/stack && mount --bind ${etc} /etc/tempest-gate && hostname ${name} && exec sleep infinity`;
      // ip netns exec, unshare and sh each exec the next, so the child's PID is the keeper's
      const keeper = spawn('ip', ['netns', 'exec', ns, 'unshare', '--mount', '--uts', '--propagation', 'private', 'sh', '-c', keeperScript], {
        stdio: 'ignore',
        detached: true,
      });
      keeper.unref();
      const pid = keeper.pid ?? 0;
      nodes.push({ name, address: `10.214.0.${11 + i}`, ns, optStack, etc, keeper: pid });
      ifs.push(`tgds${tag}${i}`.slice(0, 15));
    }
    // one link between the first two nodes (a third would need a bridge; two are what the tests use)
    if (nodes.length > 2) throw new Error('makeDsLab: at most two nodes');
    const [a, b] = nodes;
    if (a && b) {
      const [ia, ib] = ifs as [string, string];
      run(['ip', 'link', 'add', ia, 'netns', a.ns, 'type', 'veth', 'peer', 'name', ib, 'netns', b.ns]);
      for (const [n, itf] of [
        [a, ia],
        [b, ib],
      ] as const) {
        run(['ip', '-n', n.ns, 'addr', 'add', `${n.address}/24`, 'dev', itf]);
        run(['ip', '-n', n.ns, 'link', 'set', itf, 'up']);
      }
    } else if (a) {
      run(['ip', '-n', a.ns, 'link', 'add', ifs[0] ?? 'tgds0', 'type', 'dummy']);
      run(['ip', '-n', a.ns, 'addr', 'add', `${a.address}/24`, 'dev', ifs[0] ?? 'tgds0']);
      run(['ip', '-n', a.ns, 'link', 'set', ifs[0] ?? 'tgds0', 'up']);
    }
    // the keepers are in place once the node's hostname is its own
    const deadline = Date.now() + 20_000;
    for (const n of nodes) {
      while (lab.sh(n, 'hostname').stdout.trim() !== n.name) {
        if (Date.now() > deadline) throw new Error(`node ${n.name} did not come up`);
        spawnSync('sleep', ['0.05']);
      }
    }
  } catch (err) {
    lab.close();
    throw err;
  }
  return lab;
}

/** Kill every process in the keeper's mount namespace (what stack.sh started there), then the keeper. */
function killNamespace(keeper: number): void {
  let mnt: string;
  try {
    mnt = readlinkSync(`/proc/${keeper}/ns/mnt`);
  } catch {
    return;
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === keeper) continue;
    try {
      if (readlinkSync(`/proc/${entry}/ns/mnt`) === mnt) process.kill(Number(entry), 'SIGKILL');
    } catch {
      /* gone, or not ours to read */
    }
  }
  try {
    process.kill(keeper, 'SIGKILL');
  } catch {
    /* gone */
  }
}

/** A file of the node, read from the root namespace. */
export function nodeFile(node: DsNode, path: string): string {
  if (!path.startsWith('/opt/stack/')) throw new Error(`nodeFile: ${path} is not under /opt/stack`);
  return readFileSync(join(node.optStack, path.slice('/opt/stack/'.length)), 'utf8');
}
