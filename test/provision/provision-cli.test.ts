// `tempest-gate provision` and `cleanup` against the real local OpenStack: three nodes booted in
// parallel, tagged and stamped from creation, user-data as rendered, then all of it deleted.
// And bad input: a clear one-line error, and nothing left in the cloud.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCommand } from '../helpers/cli.ts';
import { cloudEnv, keypairExists, leftovers, localSession, skipLocal, writeCloudsYaml, LOCAL_PASSWORD } from '../helpers/local-openstack.ts';
import { provisionCommand } from '../../src/cli/commands/provision.ts';
import { cleanupCommand } from '../../src/cli/commands/cleanup.ts';
import { renderUserData } from '../../src/core/provision/user-data.ts';

const runId = (tag: string) => `t${Date.now().toString(36)}-${tag}`;

test('provision boots controller + 2 subnodes, tagged and stamped; cleanup --state removes every resource', { skip: skipLocal }, async () => {
  const id = runId('cli');
  const dir = await mkdtemp(join(tmpdir(), 'tg-prov-'));
  const state = join(dir, 'state');
  const r = await cliCommand(
    provisionCommand,
    [
      '--image',
      'tiny',
      '--flavor',
      'm1.tiny',
      '--subnodes',
      '2',
      '--floating-network',
      'public',
      '--run-id',
      id,
      '--repo',
      'openstack/nova',
      '--change',
      '4242',
      '--state-dir',
      state,
      '--json',
    ],
    { env: cloudEnv(), cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    nodes: { role: string; name: string; id: string; ip: string; floatingIp?: string }[];
    tokens: number;
    apiCalls: number;
  };
  assert.deepEqual(
    out.nodes.map((n) => n.role),
    ['controller', 'subnode', 'subnode'],
  );
  assert.equal(out.tokens, 1, 'one token per run');
  assert.match(r.stderr, /nodes booted 1\/3/);
  assert.match(r.stderr, /nodes booted 3\/3/);
  assert.ok(out.nodes[0]!.floatingIp, 'the controller has a floating IP');
  // the state folder: the key and the passwords are private
  assert.equal((await stat(join(state, 'id_ed25519'))).mode & 0o777, 0o600);
  assert.equal((await stat(join(state, 'devstack-secrets.env'))).mode & 0o777, 0o600);
  const secrets = (await readFile(join(state, 'devstack-secrets.env'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => l.split('=')[1]!);
  assert.equal(secrets.length, 4);
  assert.match(await readFile(join(state, 'id_ed25519'), 'utf8'), /BEGIN OPENSSH PRIVATE KEY/);

  // what Nova holds, seen as admin: tags, metadata, key, user-data
  const admin = localSession('tg-local-admin');
  try {
    const controllerIp = out.nodes[0]!.ip;
    for (const n of out.nodes) {
      const res = await admin.call('compute', 'GET', `/servers/${n.id}`);
      const s = (res.json as { server: Record<string, unknown> }).server;
      assert.equal(s.status, 'ACTIVE');
      assert.deepEqual([...(s.tags as string[])].sort(), ['tempest-gate', `tempest-gate-role-${n.role}`, `tempest-gate-run-${id}`].sort());
      const md = s.metadata as Record<string, string>;
      assert.equal(md['tempest-gate:run'], id);
      assert.equal(md['tempest-gate:role'], n.role);
      assert.equal(md['tempest-gate:repo'], 'openstack/nova');
      assert.equal(md['tempest-gate:change'], '4242');
      assert.ok(Date.parse(md['tempest-gate:created-at']!) <= Date.now());
      assert.ok(Date.parse(md['tempest-gate:deadline']!) > Date.now());
      assert.equal(s.key_name, `tempest-gate-${id}`);
      const userData = Buffer.from(String(s['OS-EXT-SRV-ATTR:user_data']), 'base64').toString('utf8');
      assert.equal(userData, renderUserData({ role: n.role as 'controller' | 'subnode', runId: id, controllerIp, selfIp: n.ip, computeNodes: 3 }));
      for (const secret of [...secrets, LOCAL_PASSWORD]) assert.equal(new RegExp(`\\b${secret}\\b`).test(userData), false, 'no secret in user-data');
    }
    const ports = await admin.call('network', 'GET', `/v2.0/ports?tags=tempest-gate-run-${id}`);
    assert.equal((ports.json as { ports: unknown[] }).ports.length, 3);
  } finally {
    await admin.close();
  }
  assert.equal(await keypairExists(id), true);

  assert.equal((await stat(join(state, 'token.json'))).mode & 0o777, 0o600);
  const c = await cliCommand(cleanupCommand, ['--state', state, '--json'], { env: cloudEnv(), cwd: dir });
  assert.equal(c.code, 0, c.stderr);
  const cleaned = JSON.parse(c.stdout) as { servers: string[]; ports: string[]; floatingIps: string[]; keypairs: string[]; tokensIssued: number };
  assert.deepEqual([cleaned.servers.length, cleaned.ports.length, cleaned.floatingIps.length, cleaned.keypairs.length], [3, 3, 1, 1]);
  assert.equal(cleaned.tokensIssued, 0, "provision's token is reused: one token per run");
  assert.deepEqual(await leftovers(id), []);
  assert.equal(await keypairExists(id), false);
  // a second cleanup finds nothing and still succeeds
  const again = await cliCommand(cleanupCommand, ['--run-id', id], { env: cloudEnv(), cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /nothing was there/);
});

test('a broken clouds.yaml: file and line, exit 3', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tg-badyaml-'));
  const file = join(dir, 'clouds.yaml');
  await writeFile(file, 'clouds:\n  a:\n    auth:\n      auth_url: http://x/v3\n     username: broken-indent\n');
  const r = await cliCommand(provisionCommand, ['--image', 'tiny'], { env: { HOME: dir, OS_CLIENT_CONFIG_FILE: file }, cwd: dir });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, new RegExp(`${file.replaceAll('/', '\\/')}: line 5`));
  assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
});

test('an unknown cloud lists the known ones, exit 2', { skip: skipLocal }, async () => {
  const r = await cliCommand(provisionCommand, ['--image', 'tiny', '--os-cloud', 'nope'], { env: cloudEnv('tg-local'), cwd: tmpdir() });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cloud 'nope' not found in .*clouds\.yaml; known clouds: tg-local, tg-local-admin/);
});

test("a wrong password: Keystone's message, the password never echoed, nothing created", { skip: skipLocal }, async () => {
  const wrong = 'Wr0ng-pass-4f9d1';
  const { dir, file } = await writeCloudsYaml({ password: wrong });
  const id = runId('badpw');
  const r = await cliCommand(provisionCommand, ['--image', 'tiny', '--flavor', 'm1.tiny', '--run-id', id], {
    env: { HOME: dir, OS_CLIENT_CONFIG_FILE: file },
    cwd: dir,
  });
  assert.equal(r.code, 4, r.stderr);
  assert.match(r.stderr, /refused the credentials of cloud 'tg-test' \(401: The request you have made requires authentication\.\)/);
  assert.equal(r.stderr.includes(wrong), false);
  assert.equal(r.stdout.includes(wrong), false);
  assert.deepEqual(await leftovers(id), []);
});

test('a missing image, flavor or network lists what exists, exit 2, nothing left behind', { skip: skipLocal }, async () => {
  const cases: [string[], RegExp][] = [
    [['--image', 'no-such-image', '--flavor', 'm1.tiny'], /image 'no-such-image' not found; images: .*\btiny\b/],
    [['--image', 'tiny', '--flavor', 'no-such-flavor'], /flavor 'no-such-flavor' not found; flavors: .*m1\.tiny \(64 MB\)/],
    [['--image', 'tiny', '--min-ram', '999999'], /no flavor has 999999 MB of RAM or more; flavors: /],
    [['--image', 'tiny', '--flavor', 'm1.tiny', '--network', 'no-such-net'], /network 'no-such-net' not found; networks: .*private/],
  ];
  for (const [args, message] of cases) {
    const id = runId('miss');
    const r = await cliCommand(provisionCommand, [...args, '--run-id', id], { env: cloudEnv(), cwd: tmpdir() });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('tempest-gate')).length,
      1,
    );
    assert.deepEqual(await leftovers(id), []);
    assert.equal(await keypairExists(id), false);
  }
});

test('usage errors', async () => {
  const r = await cliCommand(provisionCommand, ['--flavor', 'x'], { env: {}, cwd: tmpdir() });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /missing --image/);
  const c = await cliCommand(cleanupCommand, ['--sweep'], { env: {}, cwd: tmpdir() });
  assert.equal(c.code, 2);
  assert.match(c.stderr, /--sweep needs --older-than/);
  const both = await cliCommand(cleanupCommand, ['--sweep', '--run-id', 'x', '--older-than', '1h'], { env: {}, cwd: tmpdir() });
  assert.equal(both.code, 2);
  const help = await cliCommand(provisionCommand, ['--help'], { env: {}, cwd: tmpdir() });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Exit codes:/);
});

test('image by name or id, flavor by name, id or minimum RAM, network by name or id', { skip: skipLocal }, async () => {
  const { chooseFlavor, chooseNetwork, findImage, listFlavors, listNetworks } = await import('../../src/edges/openstack/api.ts');
  const s = localSession();
  try {
    const byName = await findImage(s, 'tiny');
    assert.equal((await findImage(s, byName.id)).name, 'tiny');
    const flavors = await listFlavors(s);
    assert.equal(chooseFlavor(flavors, { name: 'm1.tiny-alt' }).id, '2');
    assert.equal(chooseFlavor(flavors, { name: '3' }).name, 'ds2G');
    assert.equal(chooseFlavor(flavors, { minRamMb: 100 }).name, 'm1.tiny-alt', 'the smallest with enough RAM');
    assert.equal(chooseFlavor(flavors, { minRamMb: 0 }).name, 'm1.tiny');
    const networks = await listNetworks(s);
    const priv = chooseNetwork(networks, undefined);
    assert.equal(priv.name, 'private', 'the only non-external network is the default');
    assert.equal(chooseNetwork(networks, priv.id).name, 'private');
    assert.equal(chooseNetwork(networks, 'public')['router:external'], true);
  } finally {
    await s.close();
  }
});
