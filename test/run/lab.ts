// A throwaway lab of "hosts" for the runner tests: each host is a network namespace made here,
// reached over a veth link, running a real Debian sshd with host keys and a user key generated in
// a temp dir. Nothing leaves the namespaces this file creates.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';

export interface LabHost {
  name: string;
  ns: string;
  /** Host-side end of the veth link (set it down to cut the connection). */
  hostIf: string;
  address: string;
  port: number;
  dir: string;
  /** `ssh-keygen -l` lines and public keys of the host keys, as cloud-init would print them. */
  fingerprints: string[];
  publicKeys: string[];
  sshd: ChildProcess;
}

export interface Lab {
  dir: string;
  userKey: Buffer;
  hosts: LabHost[];
  /** Run a command inside a host's namespace (as the tests' own helper, not through SSH). */
  inNs(host: LabHost, argv: string[]): string;
  setLink(host: LabHost, up: boolean): void;
  close(): void;
}

/** Why the lab cannot run here, or null when it can. */
export function labUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces)';
  if (!existsSync(SSHD)) return `${SSHD} is missing: run scripts/setup-machine.sh (openssh-server)`;
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
 * Free 10.213.<n>.0/30 subnets for this lab. Test files run in parallel processes, so the choice
 * and the address assignment happen under a lock (mkdir is atomic); `release` is called once the
 * addresses are on the links.
 */
let releaseLock: (() => void) | null = null;
let labCount = 0;
async function allocateSubnets(count: number): Promise<number[]> {
  const lock = join(tmpdir(), 'tg-lab-subnets.lock');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true }); // a crashed holder
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  releaseLock = () => rmSync(lock, { recursive: true, force: true });
  const used = new Set([...sh(['ip', '-o', '-4', 'addr', 'show']).matchAll(/inet 10\.213\.(\d+)\./g)].map((m) => Number(m[1])));
  const out: number[] = [];
  for (let n = 1; n < 255 && out.length < count; n++) if (!used.has(n)) out.push(n);
  return out;
}

/**
 * `behind` puts a host on a link of its own from another host's namespace (a cloud's private
 * network): this test's namespace has no route to it, only the other host does.
 */
export async function makeLab(names: string[], options: { behind?: Record<string, string> } = {}): Promise<Lab> {
  const dir = mkdtempSync(join(tmpdir(), 'tg-lab-'));
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege separation directory
  sh(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'tempest-gate-test', '-f', join(dir, 'user_key')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'user_key.pub')));
  const tag = `${process.pid % 10000}${labCount++}`; // unique names per process and per lab
  const hosts: LabHost[] = [];
  const lab: Lab = {
    dir,
    userKey: readFileSync(join(dir, 'user_key')),
    hosts,
    inNs: (host, argv) => sh(['ip', 'netns', 'exec', host.ns, ...argv]),
    setLink: (host, up) => void sh(['ip', 'link', 'set', host.hostIf, up ? 'up' : 'down']),
    close: () => {
      for (const h of hosts) {
        h.sshd.kill('SIGTERM');
        try {
          sh(['ip', 'netns', 'del', h.ns]); // takes the veth pair with it
        } catch {
          /* already gone */
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const subnets = await allocateSubnets(names.length);
    for (const [i, name] of names.entries()) {
      const ns = `tg${tag}-${name}`.slice(0, 15);
      const hostIf = `tgh${tag}-${i}`.slice(0, 15);
      const nsIf = `tgn${tag}-${i}`.slice(0, 15);
      // 10.213.<n>.0/30: a point-to-point link between this test and its own namespace.
      const n = subnets[i] ?? 0;
      const hostAddr = `10.213.${n}.1`;
      const address = `10.213.${n}.2`;
      try {
        sh(['ip', 'netns', 'del', ns]);
      } catch {
        /* not left over */
      }
      sh(['ip', 'netns', 'add', ns]);
      sh(['ip', 'link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]);
      sh(['ip', 'link', 'set', nsIf, 'netns', ns]);
      const parent = options.behind?.[name] ? hosts.find((h) => h.name === options.behind?.[name]) : undefined;
      if (parent) {
        // The near end goes into the parent's namespace: only that host can reach this one.
        sh(['ip', 'link', 'set', hostIf, 'netns', parent.ns]);
        sh(['ip', 'netns', 'exec', parent.ns, 'ip', 'addr', 'add', `${hostAddr}/30`, 'dev', hostIf]);
        sh(['ip', 'netns', 'exec', parent.ns, 'ip', 'link', 'set', hostIf, 'up']);
      } else {
        sh(['ip', 'addr', 'add', `${hostAddr}/30`, 'dev', hostIf]);
        sh(['ip', 'link', 'set', hostIf, 'up']);
      }
      sh(['ip', 'netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up']);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'addr', 'add', `${address}/30`, 'dev', nsIf]);
      sh(['ip', 'netns', 'exec', ns, 'ip', 'link', 'set', nsIf, 'up']);

      const hdir = join(dir, name);
      mkdirSync(hdir);
      const fingerprints: string[] = [];
      const publicKeys: string[] = [];
      const hostKeys: string[] = [];
      for (const type of ['ed25519', 'ecdsa']) {
        const key = join(hdir, `ssh_host_${type}_key`);
        sh(['ssh-keygen', '-q', '-t', type, '-N', '', '-C', `root@${name}`, '-f', key]);
        hostKeys.push(key);
        fingerprints.push(sh(['ssh-keygen', '-l', '-f', `${key}.pub`]).trim());
        publicKeys.push(readFileSync(`${key}.pub`, 'utf8').trim());
      }
      const config = join(hdir, 'sshd_config');
      writeFileSync(
        config,
        [
          `ListenAddress ${address}`,
          'Port 22',
          ...hostKeys.map((k) => `HostKey ${k}`),
          `PidFile ${join(hdir, 'sshd.pid')}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          'StrictModes no',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'PermitRootLogin prohibit-password',
          'UsePAM no',
          'AllowTcpForwarding yes',
          'MaxSessions 50',
          'ClientAliveInterval 0',
          'LogLevel ERROR',
          '',
        ].join('\n'),
      );
      const sshd = spawn('ip', ['netns', 'exec', ns, SSHD, '-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
      sshd.stderr?.on('data', () => {});
      hosts.push({ name, ns, hostIf, address, port: 22, dir: hdir, fingerprints, publicKeys, sshd });
      if (parent) {
        // Not reachable from here: ask the namespace itself whether sshd listens.
        const deadline = Date.now() + 10_000;
        while (!sh(['ip', 'netns', 'exec', ns, 'ss', '-Hltn', 'sport', '=', ':22']).trim()) {
          if (Date.now() > deadline) throw new Error(`sshd in ${ns} did not start`);
          await new Promise((r) => setTimeout(r, 50));
        }
      } else await waitForPort(address, 22, 10_000);
    }
  } catch (err) {
    lab.close();
    throw err;
  } finally {
    releaseLock?.();
    releaseLock = null;
  }
  return lab;
}

/** What cloud-init prints to the console for this host (syslog-style prefixes included). */
export function consoleOutput(host: LabHost): string {
  const p = '<14>Nov 25 06:00:00 ec2: ';
  return [
    '[    4.123456] cloud-init[612]: Cloud-init v. 23.1 running modules:final',
    `${p}`,
    `${p}#############################################################`,
    `${p}-----BEGIN SSH HOST KEY FINGERPRINTS-----`,
    ...host.fingerprints.map((f) => `${p}${f}`),
    `${p}-----END SSH HOST KEY FINGERPRINTS-----`,
    `${p}#############################################################`,
    '-----BEGIN SSH HOST KEY KEYS-----',
    ...host.publicKeys,
    '-----END SSH HOST KEY KEYS-----',
    '[   10.5] cloud-init[612]: Cloud-init v. 23.1 finished',
    '',
  ].join('\r\n');
}
