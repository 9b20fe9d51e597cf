// The local OpenStack's ports lie in Linux's ephemeral range (32768-60999), so lib.sh's
// reserve_ports takes them out of it before the first daemon starts: otherwise one service's
// outgoing connection can be handed the port another is about to listen on (a lab controller's
// nova-api once failed so: "Could not bind to ...:38774: Address already in use"). Checked in a
// network namespace of its own whose ephemeral range is the one port 38774: a connection there
// gets 38774, and after reserve_ports it gets none (the kernel has no port left to hand out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LIB = fileURLToPath(new URL('../../scripts/local-openstack/lib.sh', import.meta.url));

function why(): string | false {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
  } catch {
    return 'no ip netns here (iproute2)';
  }
  return false;
}

/** Run `body` with a command runner inside a fresh network namespace, deleted after. */
function inFreshNs<T>(body: (run: (cmd: string, args: string[]) => string) => T): T {
  const ns = `tg-rp-${process.pid}`;
  execFileSync('ip', ['netns', 'add', ns]);
  try {
    return body((cmd, args) => execFileSync('ip', ['netns', 'exec', ns, cmd, ...args], { encoding: 'utf8' }));
  } finally {
    execFileSync('ip', ['netns', 'delete', ns]);
  }
}

/** In a namespace whose ephemeral range is 38774 alone: a connection's local port, after `setup` ran there. */
function connectIn(setup: string): string {
  return inFreshNs((run) => {
    run('ip', ['link', 'set', 'lo', 'up']);
    run('sysctl', ['-qw', 'net.ipv4.ip_local_port_range=38774 38774']);
    if (setup) run('bash', ['-c', setup]);
    const probe = `const net = require('node:net');
      const server = net.createServer().listen(41000, '127.0.0.1', () => {
        const c = net.connect(41000, '127.0.0.1');
        c.on('connect', () => { console.log(String(c.localPort)); process.exit(0); });
        c.on('error', (e) => { console.log(e.code); process.exit(0); });
      });`;
    return run(process.execPath, ['-e', probe]).trim();
  });
}

test("reserve_ports: a service port is never an outgoing connection's, and every port of lib.sh is reserved", { skip: why() }, () => {
  // the control: without the reservation, the one ephemeral port is handed out
  assert.equal(connectIn(''), '38774');
  assert.equal(connectIn(`source ${JSON.stringify(LIB)} && reserve_ports`), 'EADDRNOTAVAIL');
  // every P_ port of lib.sh is in the list, and a second call changes nothing
  const script = `source ${JSON.stringify(LIB)} && reserve_ports && reserve_ports && cat /proc/sys/net/ipv4/ip_local_reserved_ports && set | grep -E '^P_[A-Z_]+='`;
  const out = inFreshNs((run) => run('bash', ['-c', script]));
  const [reserved = '', ...vars] = out.trim().split('\n');
  const inList = (port: number): boolean =>
    reserved.split(',').some((r) => {
      const [lo, hi = lo] = r.split('-').map(Number);
      return port >= lo! && port <= hi!;
    });
  const ports = vars.map((v) => Number(v.split('=')[1]));
  assert.ok(ports.length >= 9, `the ports of lib.sh: ${vars.join(' ')}`);
  for (const p of ports) assert.ok(inList(p), `port ${p} reserved (${reserved})`);
});
