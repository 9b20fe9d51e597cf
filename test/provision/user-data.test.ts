// Each node's user-data: devstack's local.conf as the multinode job writes it, no secret in it,
// and accepted by cloud-init's own schema check (Debian cloud-init).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderLocalConf, DEVSTACK_MULTINODE, SECRETS_PATH } from '../../src/core/provision/local-conf.ts';
import { renderUserData } from '../../src/core/provision/user-data.ts';

const CLOUD_INIT = '/usr/bin/cloud-init';
const haveCloudInit = existsSync(CLOUD_INIT);
const skip = !haveCloudInit && !process.env.CI ? 'Debian cloud-init missing (scripts/setup-machine.sh installs it)' : false;

function schemaCheck(text: string): Promise<{ code: number; out: string }> {
  return mkdtemp(join(tmpdir(), 'tg-ud-')).then(async (dir) => {
    const file = join(dir, 'user-data.yaml');
    await writeFile(file, text);
    return new Promise((resolve) => {
      execFile(CLOUD_INIT, ['schema', '--config-file', file], { timeout: 60_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
      });
    });
  });
}

const controller = { role: 'controller' as const, runId: 'r1', controllerIp: '10.0.0.5', selfIp: '10.0.0.5', computeNodes: 3 };
const subnode = { role: 'subnode' as const, runId: 'r1', controllerIp: '10.0.0.5', selfIp: '10.0.0.7', computeNodes: 3 };

function localrc(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const x = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (x) m.set(x[1]!, x[2]!);
  }
  return m;
}

test('subnode local.conf points database, RabbitMQ, Glance and Neutron at the controller, as devstack-multinode does', () => {
  const rc = localrc(renderLocalConf(subnode));
  assert.equal(rc.get('HOST_IP'), '10.0.0.7');
  assert.equal(rc.get('SERVICE_HOST'), '10.0.0.5');
  assert.equal(rc.get('DATABASE_HOST'), '10.0.0.5');
  assert.equal(rc.get('RABBIT_HOST'), '10.0.0.5');
  assert.equal(rc.get('Q_HOST'), '10.0.0.5');
  assert.equal(rc.get('GLANCE_HOSTPORT'), '10.0.0.5:9292');
  assert.equal(rc.get('DATABASE_TYPE'), 'mysql');
  const conf = renderLocalConf(subnode);
  assert.match(conf, /^disable_all_services$/m);
  for (const s of ['n-cpu', 'placement-client', 'ovn-controller', 'q-ovn-agent']) assert.match(conf, new RegExp(`^enable_service ${s}$`, 'm'));
  for (const s of ['n-api', 'mysql', 'rabbit', 'key', 'q-svc']) assert.doesNotMatch(conf, new RegExp(`^enable_service ${s}$`, 'm'));
  assert.doesNotMatch(conf, /min_compute_nodes/);
});

test('controller local.conf runs the API services on itself and tells Tempest how many computes to expect', () => {
  const conf = renderLocalConf(controller);
  const rc = localrc(conf);
  assert.equal(rc.get('HOST_IP'), '10.0.0.5');
  assert.equal(rc.get('SERVICE_HOST'), '10.0.0.5');
  assert.equal(rc.get('LIBVIRT_TYPE'), 'qemu');
  assert.equal(rc.get('PUBLIC_BRIDGE_MTU'), '1400');
  assert.equal(rc.has('DATABASE_HOST'), false);
  for (const s of ['key', 'mysql', 'rabbit', 'n-api', 'n-cpu', 'q-svc', 'placement-api', 'g-api']) assert.match(conf, new RegExp(`^enable_service ${s}$`, 'm'));
  assert.match(conf, /^disable_service horizon$/m);
  assert.match(conf, /\[\[post-config\|\$NEUTRON_CONF\]\]\n\[DEFAULT\]\nglobal_physnet_mtu = 1400/);
  assert.match(conf, /\[\[test-config\|\$TEMPEST_CONFIG\]\]\n\[compute\]\nmin_compute_nodes = 3/);
  // every localrc key of the template is there, but the passwords, which come from the sourced file
  for (const k of Object.keys(DEVSTACK_MULTINODE.controller.devstack_localrc)) {
    if (k.endsWith('_PASSWORD')) assert.equal(rc.has(k), false, k);
    else assert.equal(rc.has(k), true, k);
  }
  assert.match(conf, new RegExp(`^source ${SECRETS_PATH.replaceAll('/', '\\/')}$`, 'm'));
});

test('no password of the devstack template ever reaches user-data', () => {
  const secrets = Object.entries(DEVSTACK_MULTINODE.controller.devstack_localrc)
    .filter(([k]) => k.endsWith('_PASSWORD'))
    .map(([, v]) => String(v));
  assert.ok(secrets.length >= 4);
  for (const o of [controller, subnode]) {
    const ud = renderUserData(o);
    for (const s of secrets) assert.equal(ud.includes(s), false, `${s} in ${o.role} user-data`);
    assert.doesNotMatch(ud, /PASSWORD=/);
  }
});

test('user-data is a #cloud-config document with the node files and the stack script', () => {
  const ud = renderUserData(controller);
  assert.ok(ud.startsWith('#cloud-config\n'));
  const doc = parse(ud) as { write_files: { path: string; content: string }[]; runcmd: unknown[] };
  const paths = doc.write_files.map((f) => f.path);
  assert.deepEqual(paths, [
    '/etc/tempest-gate/run-id',
    '/etc/tempest-gate/role',
    '/etc/tempest-gate/local.conf',
    '/usr/local/bin/tempest-gate-stack',
    '/usr/local/bin/tempest-gate-discover-hosts',
  ]);
  assert.equal(doc.write_files[2]!.content, renderLocalConf(controller));
  assert.equal((parse(renderUserData(subnode)) as { write_files: unknown[] }).write_files.length, 4, 'subnodes do not map cells');
});

test('cloud-init schema check accepts the controller and subnode user-data', { skip }, async () => {
  assert.ok(haveCloudInit, 'cloud-init is required under CI');
  for (const o of [controller, subnode, { ...subnode, devstackBranch: 'stable/2024.1', extraLocalrc: { TEMPEST_PLUGINS: '/opt/stack/x y' } }]) {
    const r = await schemaCheck(renderUserData(o));
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /Valid cloud-config/);
  }
});

test('cloud-init schema check rejects a broken document (the check can fail)', { skip }, async () => {
  const broken = renderUserData(controller).replace('permissions: "0755"', 'permissions: 755');
  assert.notEqual(broken, renderUserData(controller));
  const r = await schemaCheck(broken);
  assert.notEqual(r.code, 0);
  assert.match(r.out, /permissions/);
});

test('extra localrc settings (the change under test) reach every node, quoted for the shell', async () => {
  const { changeUnderTestLocalrc, parseLocalrcEntries, renderLocalConf } = await import('../../src/core/provision/local-conf.ts');
  const extra = {
    ...changeUnderTestLocalrc({ serverUrl: 'https://github.com/', headRepo: 'me/python-novaclient', headSha: 'b'.repeat(40) }),
    ...parseLocalrcEntries(['X=$(touch /tmp/p) `id`'], '--localrc'),
  };
  assert.equal(extra.PYTHON_NOVACLIENT_REPO, 'https://github.com/me/python-novaclient.git');
  for (const role of ['controller', 'subnode'] as const) {
    const conf = renderLocalConf({
      role,
      controllerIp: '10.0.0.5',
      selfIp: role === 'controller' ? '10.0.0.5' : '10.0.0.6',
      computeNodes: 2,
      extraLocalrc: extra,
    });
    assert.match(conf, /^PYTHON_NOVACLIENT_BRANCH=b{40}$/m);
    assert.match(conf, /^X="\\\$\(touch \/tmp\/p\) \\`id\\`"$/m);
  }
  assert.throws(() => parseLocalrcEntries(['SERVICE_PASSWORD=x'], '--localrc'), /--localrc: SERVICE_PASSWORD is one of devstack's passwords/);
  assert.throws(() => parseLocalrcEntries(['A=b\nc'], '--localrc'), /line break/);
});
