// Nodes for the emulated Zuul executor: network namespaces on one bridge, each running a real
// Debian sshd that listens on all its addresses (127.0.0.1 included: the CLI on the controller
// reaches the controller through it, as on a Zuul node). Each node has its own /root and
// /etc/ssh: bind mounts made inside the mount namespace `ip netns exec` gives each sshd, so
// nothing changes outside. Nothing leaves the namespaces and the bridge this file creates.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';
const SFTP = '/usr/lib/openssh/sftp-server';

export interface Node {
  name: string;
  ns: string;
  /** This side's end of the node's veth pair. */
  hostIf: string;
  address: string;
  /** The node's /root and /etc/ssh, as seen from outside its namespace. */
  home: string;
  etcSsh: string;
  /** `<address> <type> <key>` lines, as Zuul writes them into the executor's known_hosts. */
  knownHosts: string[];
  sshd: ChildProcess;
}

export interface Nodes {
  bridge: string;
  nodes: Node[];
  close(): void;
}

/** Why the nodes cannot be made here, or null when they can. */
export function nodesUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces, bind mounts)';
  for (const f of [SSHD, SFTP]) if (!existsSync(f)) return `${f} is missing: run scripts/setup-machine.sh (openssh-server)`;
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'pipe' });
  } catch {
    return 'ip netns does not work here';
  }
  return null;
}

function sh(argv: string[]): string {
  return execFileSync(argv[0] ?? 'true', argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function waitForPort(host: string, port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host, port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd on ${host}:${port} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A free 198.51.100.<16k>/28 (TEST-NET-2; the machine's eth0 may sit in 192.0.2.0/24) for one set
 * of nodes, chosen under a lock: test files run in parallel processes. `release` once the bridge
 * holds its address.
 */
async function allocateBlock(): Promise<{ base: number; release: () => void }> {
  const lock = join(tmpdir(), 'tg-zuul-nodes.lock');
  // A holder only runs `ip` a few times; 30 s means it crashed.
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const used = new Set([...sh(['ip', '-o', '-4', 'addr', 'show']).matchAll(/inet 198\.51\.100\.(\d+)\//g)].map((m) => Math.floor(Number(m[1]) / 16)));
  for (let block = 1; block < 16; block++) {
    if (!used.has(block)) return { base: block * 16, release: () => rmSync(lock, { recursive: true, force: true }) };
  }
  rmSync(lock, { recursive: true, force: true });
  throw new Error('no free 198.51.100.x/28 block for the nodes');
}

let count = 0;

/** Nodes named `names`, in `dir`; `authorizedKey` is let in as root on every one. */
export async function makeNodes(dir: string, names: string[], authorizedKey: string): Promise<Nodes> {
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege separation directory
  const tag = `${process.pid % 10000}${count++}`;
  const bridge = `tgzb${tag}`.slice(0, 15);
  const nodes: Node[] = [];
  // Every process in a node's namespace goes: sshd, its sessions, anything a test left running.
  // Killing them closes their connections while the link still exists, so the executor's ssh
  // masters (ControlPersist) see the end and exit instead of waiting on a vanished network.
  const close = (): void => {
    for (const n of nodes) {
      n.sshd.kill('SIGKILL');
      for (let round = 0; round < 50; round++) {
        let pids: string[];
        try {
          pids = sh(['ip', 'netns', 'pids', n.ns]).split(/\s+/).filter(Boolean);
        } catch {
          break; // the namespace is gone
        }
        if (pids.length === 0) break;
        for (const pid of pids) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            /* exited meanwhile */
          }
        }
        execFileSync('sleep', ['0.1']);
      }
      // The pair goes with this end. (Deleting the namespace alone may leave it for minutes: the
      // closed connections' sockets keep the namespace alive until their timeouts.)
      for (const argv of [
        ['ip', 'link', 'del', n.hostIf],
        ['ip', 'netns', 'del', n.ns],
      ]) {
        try {
          sh(argv);
        } catch {
          /* already gone */
        }
      }
    }
    nodes.length = 0;
    try {
      sh(['ip', 'link', 'del', bridge]);
    } catch {
      /* already gone */
    }
  };
  const block = await allocateBlock();
  let released = false;
  // Once only: a second call could remove another process's lock.
  const release = (): void => {
    if (released) return;
    released = true;
    block.release();
  };
  const base = block.base;
  try {
    sh(['ip', 'link', 'add', bridge, 'type', 'bridge']);
    sh(['ip', 'addr', 'add', `198.51.100.${base + 1}/28`, 'dev', bridge]);
    sh(['ip', 'link', 'set', bridge, 'up']);
    release();
    for (const [i, name] of names.entries()) {
      const ns = `tgz${tag}-${name}`.slice(0, 15);
      const hostIf = `tgzh${tag}-${i}`.slice(0, 15);
      const nsIf = `tgzn${tag}-${i}`.slice(0, 15);
      const address = `198.51.100.${base + 2 + i}`;
      sh(['ip', 'netns', 'add', ns]);
      sh(['ip', 'link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]);
      sh(['ip', 'link', 'set', hostIf, 'master', bridge]);
      sh(['ip', 'link', 'set', hostIf, 'up']);
      sh(['ip', 'link', 'set', nsIf, 'netns', ns]);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up']);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'addr', 'add', `${address}/28`, 'dev', nsIf]);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'link', 'set', nsIf, 'up']);

      const home = join(dir, name, 'root');
      const etcSsh = join(dir, name, 'etc-ssh');
      mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
      mkdirSync(etcSsh, { recursive: true });
      writeFileSync(join(home, '.ssh', 'authorized_keys'), `${authorizedKey.trim()}\n`, { mode: 0o600 });
      for (const f of ['ssh_config', 'moduli']) if (existsSync(`/etc/ssh/${f}`)) copyFileSync(`/etc/ssh/${f}`, join(etcSsh, f));
      const knownHosts: string[] = [];
      for (const type of ['ed25519', 'ecdsa']) {
        const key = join(etcSsh, `ssh_host_${type}_key`);
        sh(['ssh-keygen', '-q', '-t', type, '-N', '', '-C', `root@${name}`, '-f', key]);
        const [kt, kb] = readFileSync(`${key}.pub`, 'utf8').trim().split(/\s+/);
        knownHosts.push(`${address} ${kt} ${kb}`);
      }
      // Paths as the node sees them (its own /etc/ssh and /root).
      writeFileSync(
        join(etcSsh, 'sshd_config'),
        [
          'ListenAddress 0.0.0.0',
          'Port 22',
          'HostKey /etc/ssh/ssh_host_ed25519_key',
          'HostKey /etc/ssh/ssh_host_ecdsa_key',
          `PidFile ${join(dir, name, 'sshd.pid')}`,
          'AuthorizedKeysFile .ssh/authorized_keys',
          'StrictModes no',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'PermitRootLogin prohibit-password',
          'UsePAM no',
          'AllowTcpForwarding yes',
          // Ansible's forks and the CLI's connections at once.
          'MaxSessions 50',
          'MaxStartups 50',
          `Subsystem sftp ${SFTP}`,
          'LogLevel ERROR',
          '',
        ].join('\n'),
      );
      // The log goes to a file: a pipe would be inherited by every session sshd forks and keep
      // this process waiting for its end.
      const log = join(dir, name, 'sshd.log');
      const script = `mount --bind ${home} /root && mount --bind ${etcSsh} /etc/ssh && exec ${SSHD} -D -E ${log} -f /etc/ssh/sshd_config`;
      const sshd = spawn('ip', ['netns', 'exec', ns, 'sh', '-c', script], { stdio: 'ignore' });
      nodes.push({ name, ns, hostIf, address, home, etcSsh, knownHosts, sshd });
      try {
        // sshd binds within milliseconds; 20 s is for a machine whose load average is several
        // times its core count.
        await waitForPort(address, 22, 20_000);
      } catch (err) {
        throw new Error(`${(err as Error).message}: ${existsSync(log) ? readFileSync(log, 'utf8').trim() : 'no log'}`, { cause: err });
      }
    }
  } catch (err) {
    release();
    close();
    throw err;
  }
  return { bridge, nodes, close };
}
