// The lab's devstack stand-in deploying for real, in the order of devstack's multinode job: the
// controller (Debian's MariaDB, RabbitMQ, Keystone, Placement, Glance, Neutron and Nova on the
// node's address), then a subnode's nova-compute joining it, then discover_hosts on the
// controller. local.conf is the one the gate writes, with the change under test (NOVA_REPO at a
// commit whose etc/nova/policy.yaml makes keypairs admin-only) and Tempest enabled as
// devstack-tempest's jobs enable it. The nodes are network namespaces (test/lab/devstack-lab.ts).
//
// Heavy: stacking the controller runs every service's database migrations. Measured here, 2 cores
// shared with other jobs (load average 7-11): the controller 465 s and 516 s, the subnode 17 s and
// 19 s, the whole file 567 s. So it runs only with TG_LAB_DEVSTACK_FULL=1 (CI sets it only where
// the time fits).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dsLabUnavailable, gateLocalConf, makeDsLab, nodeFile, SECRETS, type DsLab, type DsNode } from './devstack-lab.ts';

const unavailable = dsLabUnavailable();
const skip = !process.env.TG_LAB_DEVSTACK_FULL
  ? 'the whole stand-in deployment takes minutes (see the file header): set TG_LAB_DEVSTACK_FULL=1 to run it'
  : unavailable !== null && !process.env.CI
    ? unavailable
    : false;
// Deadlines far above the times measured under load (above): they only stop a hung run.
const CONTROLLER_MS = 30 * 60_000;
const SUBNODE_MS = 10 * 60_000;

/** The root namespace's local OpenStack (the one other tests use): its daemons' PIDs, which must be the same afterwards. */
function rootCloudPids(): Record<string, string> {
  const run = join(process.env.LOCAL_OPENSTACK_DIR ?? '/work/main/.local-openstack', 'run');
  const out: Record<string, string> = {};
  for (const name of ['mysqld', 'epmd', 'rabbitmq', 'keystone', 'nova-compute']) {
    const f = join(run, `${name}.pid`);
    if (existsSync(f)) out[name] = readFileSync(f, 'utf8').trim();
  }
  return out;
}
function alive(record: string): boolean {
  const [pid, start] = record.split(' ');
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[21] === start;
  } catch {
    return false;
  }
}

describe('devstack stand-in: a controller and a subnode, stacked for real', { skip }, () => {
  let lab: DsLab;
  let work: string;
  let controller: DsNode;
  let sub: DsNode;
  let nova: { path: string; sha: string };
  let rootBefore: Record<string, string>;
  const seconds: Record<string, number> = {};

  /** An API call made from inside a node with curl: status and body. */
  function api(node: DsNode, method: string, url: string, token: string, body?: unknown, headers: string[] = []): { status: number; body: string } {
    const data = body === undefined ? '' : `-H 'Content-Type: application/json' -d '${JSON.stringify(body)}'`;
    const h = headers.map((x) => `-H '${x}'`).join(' ');
    const r = lab.sh(node, `curl -s -m 60 -X ${method} -H 'X-Auth-Token: ${token}' ${h} ${data} -w '\\n%{http_code}' '${url}'`);
    const lines = r.stdout.trimEnd().split('\n');
    return { status: Number(lines.pop()), body: lines.join('\n') };
  }
  function token(node: DsNode, user: string, project: string): string {
    const body = JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: user, domain: { id: 'default' }, password: SECRETS.ADMIN_PASSWORD } } },
        scope: { project: { name: project, domain: { id: 'default' } } },
      },
    });
    const r = lab.sh(
      node,
      `curl -s -i -m 60 -H 'Content-Type: application/json' -d '${body}' http://${controller.address}:35357/v3/auth/tokens | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}' | tr -d '\\r'`,
    );
    const t = r.stdout.trim();
    assert.notEqual(t, '', `no token for ${user} from ${node.name}: ${r.stderr}`);
    return t;
  }
  function waitServer(id: string, t: string, until: (status: string) => boolean): Record<string, unknown> {
    const deadline = Date.now() + 180_000;
    for (;;) {
      const r = api(controller, 'GET', `http://${controller.address}:38774/v2.1/servers/${id}`, t);
      const server = (JSON.parse(r.body) as { server: Record<string, unknown> }).server;
      if (until(String(server.status))) return server;
      if (Date.now() > deadline) throw new Error(`server ${id} stayed ${String(server.status)}`);
      execFileSync('sleep', ['1']);
    }
  }
  function bootOn(host: string, name: string, t: string): string {
    const r = api(
      controller,
      'POST',
      `http://${controller.address}:38774/v2.1/servers`,
      t,
      { server: { name, flavorRef: '1', imageRef: imageId(t), availability_zone: `nova:${host}`, networks: 'none' } },
      ['OpenStack-API-Version: compute 2.37'],
    );
    assert.equal(r.status, 202, r.body);
    return (JSON.parse(r.body) as { server: { id: string } }).server.id;
  }
  function imageId(t: string): string {
    const r = api(controller, 'GET', `http://${controller.address}:39292/v2/images?name=tiny`, t);
    return (JSON.parse(r.body) as { images: { id: string }[] }).images[0]?.id ?? '';
  }
  function listHosts(): string {
    return lab.sh(controller, '/opt/stack/data/venv/bin/nova-manage cell_v2 list_hosts 2>/dev/null').stdout;
  }

  before(() => {
    rootBefore = rootCloudPids();
    lab = makeDsLab(['controller', 'compute1']);
    [controller, sub] = lab.nodes as [DsNode, DsNode];
    work = mkdtempSync(join(tmpdir(), 'tg-dsfull-'));
    const path = join(work, 'nova');
    mkdirSync(join(path, 'etc', 'nova'), { recursive: true });
    writeFileSync(join(path, 'etc', 'nova', 'policy.yaml'), '"os_compute_api:os-keypairs:create": "rule:context_is_admin"\n');
    const git = (...a: string[]): string =>
      execFileSync('git', ['-C', path, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...a], { encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'keypairs are admin-only');
    nova = { path, sha: git('rev-parse', 'HEAD') };
  });
  after(() => {
    lab?.close();
    if (work) rmSync(work, { recursive: true, force: true });
    console.log(`stand-in timings: ${JSON.stringify(seconds)}`);
  });

  test('the controller stacks: its Keystone answers on the node address, the change under test is deployed and recorded', () => {
    // devstack-tempest's jobs enable Tempest on the controller; the multinode template leaves it off
    const conf = gateLocalConf(lab, controller, { NOVA_REPO: nova.path, NOVA_BRANCH: nova.sha }).replace(
      /^disable_service tempest$/m,
      'enable_service tempest',
    );
    lab.prepare(controller, conf);
    const t0 = performance.now();
    const r = lab.stack(controller, CONTROLLER_MS);
    seconds.controller = Math.round((performance.now() - t0) / 1000);
    // returns when stack.sh does: no daemon it started may hold its output open (a hang until the deadline)
    assert.equal(r.error, undefined, 'stack.sh did not return before the deadline');
    assert.equal(r.status, 0, r.stdout.split('\n').slice(-40).join('\n'));
    assert.match(r.stdout, /stack\.sh completed in \d+ seconds\./);
    assert.match(r.stdout, new RegExp(`Keystone is serving at http://${controller.address.replace(/\./g, '\\.')}:35357/v3/`));
    // from the other node: a real remote client
    const v3 = lab.sh(sub, `curl -s -m 30 http://${controller.address}:35357/v3`);
    assert.match(v3.stdout, /"id": "v3\.\d+"/);
    // deployed: nova from the change at its commit, with its policy applied
    const deployed = JSON.parse(nodeFile(controller, '/opt/stack/logs/deployed-projects.json')) as {
      role: string;
      projects: { name: string; source: string; commit?: string; applied?: { file: string }[] }[];
    };
    assert.equal(deployed.role, 'controller');
    const n = deployed.projects.find((p) => p.name === 'nova');
    assert.equal(n?.source, 'git');
    assert.equal(n?.commit, nova.sha);
    assert.deepEqual(
      n?.applied?.map((a) => a.file),
      ['etc/nova/policy.yaml'],
    );
    assert.deepEqual(deployed.projects.find((p) => p.name === 'keystone')?.source, 'debian');
    // the change reaches the running Nova: a member may not create a keypair, the admin may
    const member = api(sub, 'POST', `http://${controller.address}:38774/v2.1/os-keypairs`, token(sub, 'demo', 'demo'), { keypair: { name: 'k1' } });
    assert.equal(member.status, 403, member.body);
    assert.match(member.body, /os_compute_api:os-keypairs:create/);
    const admin = api(sub, 'POST', `http://${controller.address}:38774/v2.1/os-keypairs`, token(sub, 'admin', 'admin'), { keypair: { name: 'k1' } });
    assert.equal(admin.status, 200, admin.body);
    // Tempest's workspace, with the gate's [[test-config|$TEMPEST_CONFIG]] merged
    const tconf = nodeFile(controller, '/opt/stack/tempest/etc/tempest.conf');
    assert.match(tconf, new RegExp(`^uri_v3 = http://${controller.address.replace(/\./g, '\\.')}:35357/v3$`, 'm'));
    assert.match(tconf, /^min_compute_nodes = 2$/m);
    assert.ok(existsSync(join(controller.optStack, 'tempest', '.stestr.conf')));
    // devstack leaves the periodic discovery off: only discover_hosts maps a subnode
    assert.match(nodeFile(controller, '/opt/stack/data/local-openstack/etc/nova/nova.conf'), /^discover_hosts_in_cells_interval = -1$/m);
  });

  test('the subnode stacks against it; its compute is not in a cell until discover_hosts, and a server sent there fails as Nova says', () => {
    lab.prepare(sub, gateLocalConf(lab, sub));
    const t0 = performance.now();
    const r = lab.stack(sub, SUBNODE_MS);
    seconds.subnode = Math.round((performance.now() - t0) / 1000);
    assert.equal(r.error, undefined, 'stack.sh did not return before the deadline');
    assert.equal(r.status, 0, r.stdout.split('\n').slice(-40).join('\n'));
    assert.match(r.stdout, /nova-compute on compute1 is up in the controller's Nova/);
    assert.doesNotMatch(listHosts(), /compute1/);
    const t = token(controller, 'admin', 'admin');
    const early = bootOn('compute1', 'unmapped', t);
    const failed = waitServer(early, t, (s) => s === 'ERROR' || s === 'ACTIVE');
    assert.equal(failed.status, 'ERROR');
    assert.match(JSON.stringify(failed.fault), /Host 'compute1' is not mapped to any cell/);
  });

  test('discover_hosts on the controller maps the subnode; a server then runs on its nova-compute', () => {
    const d = lab.sh(controller, '/opt/stack/devstack/tools/discover_hosts.sh 2>&1');
    assert.equal(d.status, 0, d.stdout);
    assert.match(d.stdout, /Creating host mapping for compute host 'compute1'/);
    const hosts = listHosts();
    assert.match(hosts, /\| +cell1 +\| [0-9a-f-]+ \| +controller +\|/);
    assert.match(hosts, /\| +cell1 +\| [0-9a-f-]+ \| +compute1 +\|/);
    const t = token(controller, 'admin', 'admin');
    const id = bootOn('compute1', 'mapped', t);
    const server = waitServer(id, t, (s) => s === 'ERROR' || s === 'ACTIVE');
    assert.equal(server.status, 'ACTIVE', JSON.stringify(server.fault));
    assert.equal(server['OS-EXT-SRV-ATTR:host'], 'compute1');
  });

  test('the cloud on the root namespace was not touched', () => {
    for (const [name, record] of Object.entries(rootBefore)) assert.ok(alive(record), `the root cloud's ${name} (${record}) is gone`);
  });
});
