// Lab hosts against the real local OpenStack: servers booted through Nova from the lab image
// (scripts/local-openstack/lab.sh registers it) are real SSH hosts. The run is provisioned with the
// gate's own provisioner (its keypair, ports, security group, the controller's floating IP and
// the gate's user-data), then reached as the run step reaches it: host keys from Nova's console
// output, the controller on its floating IP and on its fixed IP, the subnode through the
// controller. The user-data's users, write_files and runcmd took effect; after the cleanup no lab
// host, namespace, process or NAT rule of the run is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { localSession, skipLocal } from '../helpers/local-openstack.ts';
import { provision, type ProvisionResult } from '../../src/edges/openstack/provisioner.ts';
import { cleanupRun } from '../../src/edges/openstack/cleanup.ts';
import { getConsoleOutput, waitForConsoleHostKeys } from '../../src/edges/openstack/console-output.ts';
import { SshNode, type SshTarget } from '../../src/edges/ssh/client.ts';
import { STACK_FAILED } from '../../src/core/provision/user-data.ts';
import type { Session } from '../../src/edges/openstack/session.ts';

const REPO = new URL('../..', import.meta.url).pathname;
const LAB_HOST = join(REPO, 'scripts', 'lab', 'lab-host');
const LOS = process.env.LOCAL_OPENSTACK_DIR ?? join(REPO, '.local-openstack');
export const LAB_IMAGE = 'tg-lab';

interface LabHostInfo {
  id: string;
  name: string;
  netns: string;
  ips: string[];
  running: boolean;
  status: string;
}

function labHosts(): LabHostInfo[] {
  return JSON.parse(execFileSync(LAB_HOST, ['list', '--json'], { encoding: 'utf8', env: { ...process.env, LOCAL_OPENSTACK_DIR: LOS } })) as LabHostInfo[];
}

async function labImageMissing(s: Session): Promise<string | undefined> {
  const res = await s.call('image', 'GET', `/v2/images?name=${LAB_IMAGE}`);
  const images = (res.json as { images: { status: string; tg_lab?: string }[] }).images;
  if (!images.some((i) => i.status === 'active' && i.tg_lab === 'true'))
    return `no active image ${LAB_IMAGE} with tg_lab=true: run scripts/local-openstack/setup.sh`;
  return undefined;
}

async function why(): Promise<string | false> {
  if (skipLocal) return skipLocal;
  if (process.getuid?.() !== 0) return 'lab hosts need root';
  const s = localSession();
  try {
    const missing = await labImageMissing(s);
    if (missing && process.env.CI) throw new Error(`the lab image is required under CI: ${missing}`);
    return missing ?? false;
  } finally {
    await s.close();
  }
}
const skip = await why();

function nftRules(): string {
  try {
    return execFileSync('nft', ['list', 'table', 'ip', 'tglab'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return ''; // no table: no floating IP of any lab host
  }
}

/** Poll until `check` holds (the driver looks at floating IPs every 2 s) or the deadline passes. */
async function eventually(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what} after ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function sh(node: SshNode, command: string): Promise<string> {
  const r = await node.exec(command, { timeoutMs: 60_000 });
  assert.equal(r.code, 0, `${node.target.name}: ${command}: ${r.stderr.toString()}`);
  return r.stdout.toString().trim();
}

test(
  'servers of the lab image are SSH hosts: console host keys, floating and fixed IP, jump to the subnode, user-data applied, nothing left after cleanup',
  { skip },
  async (t) => {
    const runId = `t${Date.now().toString(36)}-lab`;
    const s = localSession();
    let r: ProvisionResult | undefined;
    const nodes: SshNode[] = [];
    const t0 = Date.now();
    const mark = (what: string): void => t.diagnostic(`${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    try {
      const now = Date.now();
      r = await provision({
        session: s,
        run: { runId, createdAt: new Date(now).toISOString(), deadline: new Date(now + 3_600_000).toISOString() },
        subnodes: 1,
        flavor: { name: 'm1.tiny' },
        image: LAB_IMAGE,
        floatingNetwork: 'public',
        // Boots queue behind other test files' on one nova-compute (2 cores): a slack deadline.
        bootTimeoutMs: 120_000,
      });
      mark('provisioned (ACTIVE, floating IP)');
      const controller = r.nodes.find((n) => n.role === 'controller');
      const subnode = r.nodes.find((n) => n.role !== 'controller');
      assert.ok(controller?.floatingIp, 'the controller has a floating IP');
      assert.ok(subnode && !subnode.floatingIp);

      const hosts = labHosts();
      for (const n of r.nodes) {
        const h = hosts.find((x) => x.id === n.id);
        assert.ok(h, `${n.name} is a lab host`);
        assert.deepEqual(h.ips, [n.ip], `${n.name} sits at its port's fixed IP`);
      }

      const target = (name: string, host: string, trust: SshTarget['trust'], jump?: SshNode): SshTarget => ({
        name,
        host,
        port: 22,
        username: 'ubuntu',
        privateKey: r!.keypair.privateKey,
        trust,
        trustSource: `the console output of ${name}`,
        connectTimeoutMs: 20_000,
        jump,
      });
      // cloud-init prints the host keys at the end of its final stage: boots take seconds, more on a busy machine
      const trustC = await waitForConsoleHostKeys(s, controller, { timeoutMs: 120_000, pollMs: 500 });
      const trustS = await waitForConsoleHostKeys(s, subnode, { timeoutMs: 120_000, pollMs: 500 });
      assert.match(await getConsoleOutput(s, controller.id), /Cloud-init v\. \S+ running 'init'/);

      mark('host keys on both consoles');
      // The host keys reach the console a moment before sshd answers, and the floating IP's DNAT
      // follows the driver's 2 s look: connect as the runner does (retry with backoff until a
      // deadline), not once. 60 s of slack: on 2 loaded cores a lab host's sshd has taken seconds.
      const ready = { deadlineMs: Date.now() + 60_000 };
      const overFloating = new SshNode(target('controller', controller.floatingIp, trustC));
      nodes.push(overFloating);
      await overFloating.reconnect(ready);
      const overFixed = new SshNode(target('controller (fixed IP)', controller.ip, trustC));
      nodes.push(overFixed);
      await overFixed.reconnect(ready);
      const viaController = new SshNode(target('subnode-1', subnode.ip, trustS, overFloating));
      nodes.push(viaController);
      await viaController.reconnect(ready);

      mark('connected (floating IP, fixed IP, jump)');
      // the floating IP's DNAT is there while the server has it
      assert.match(nftRules(), new RegExp(`ip daddr ${controller.floatingIp.replaceAll('.', '\\.')} dnat to ${controller.ip.replaceAll('.', '\\.')}`));

      // One look per node (each exec costs a round trip): write_files, users, runcmd, its own host
      const facts = async (node: SshNode): Promise<Record<string, string>> => {
        const out = await sh(
          node,
          [
            'echo "role=$(cat /etc/tempest-gate/role)"',
            'echo "run-id=$(cat /etc/tempest-gate/run-id)"',
            'echo "local.conf HOST_IP=$(sed -n "s/^HOST_IP=//p" /etc/tempest-gate/local.conf)"',
            'echo "stack script mode=$(stat -c %a /usr/local/bin/tempest-gate-stack)"',
            'echo "discover-hosts=$(test -x /usr/local/bin/tempest-gate-discover-hosts && echo yes || echo no)"',
            'echo "sudo=$(sudo -n id -un)"',
            'echo "stack user=$(getent passwd stack | cut -d: -f6,7)"',
            'echo "stack sudo=$(sudo -n -u stack sudo -n true && echo ok)"',
            // runcmd started the stack script, which waits for the secrets the run step copies
            // ([t]: the pattern does not match the shell running pgrep)
            `echo "stack script=$(pgrep -f '^/bin/bash /usr/local/bin/[t]empest-gate-stack' >/dev/null && echo waiting; test -e ${STACK_FAILED} && echo failed)"`,
            'echo "hostname=$(hostname)"',
            'echo "eth0=$(ip -4 -o addr show eth0 | awk \'{print $4}\')"',
            'echo "pid 1=$(ps -o comm= -p 1)"',
          ].join('; '),
        );
        return Object.fromEntries(out.split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      };
      const expected = (role: string, n: { name: string; ip: string }): Record<string, string> => ({
        role,
        'run-id': runId,
        'local.conf HOST_IP': n.ip,
        'stack script mode': '755',
        'discover-hosts': role === 'controller' ? 'yes' : 'no',
        sudo: 'root',
        'stack user': '/opt/stack:/bin/bash',
        'stack sudo': 'ok',
        'stack script': 'waiting',
        hostname: n.name,
        eth0: `${n.ip}/24`,
        'pid 1': 'python3',
      });
      assert.deepEqual(await facts(overFloating), expected('controller', controller), 'controller over its floating IP');
      assert.deepEqual(await facts(overFixed), expected('controller', controller), 'controller over its fixed IP');
      assert.deepEqual(await facts(viaController), expected('subnode', subnode), 'subnode through the controller');
      // the host's own cloud-init checked the user-data's schema, as on a real boot
      for (const n of [controller, subnode]) assert.doesNotMatch(await getConsoleOutput(s, n.id), /Invalid cloud-config|Traceback/, n.name);
      // the subnode reaches the controller on the private network
      assert.match(await sh(viaController, `timeout 5 bash -c 'echo > /dev/tcp/${controller.ip}/22' && echo open`), /open/);
      mark('checked');
    } finally {
      for (const n of nodes) n.dispose();
      const report = await cleanupRun(s, runId);
      await s.close();
      mark('cleaned up');
      assert.deepEqual(report.leftovers, []);
    }
    // Nova's delete destroyed each host: no state, namespace, process or NAT rule of the run is left
    assert.ok(r);
    const ids = r.nodes.map((n) => n.id);
    assert.deepEqual(
      labHosts().filter((h) => ids.includes(h.id)),
      [],
    );
    for (const id of ids) {
      const ns = `tgl-${id.replaceAll('-', '').slice(0, 12)}`;
      assert.equal(existsSync(`/run/netns/${ns}`), false, `${ns} is gone`);
      assert.equal(existsSync(join(LOS, 'lab', 'hosts', id)), false, 'its state folder is gone');
      const procs = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes(id));
      assert.deepEqual(procs, [], 'no process of the host');
    }
    const fip = r.nodes.find((n) => n.floatingIp)?.floatingIp ?? '';
    await eventually(`the DNAT of ${fip} is still there`, () => !nftRules().includes(`ip daddr ${fip} `), 15_000);
  },
);
