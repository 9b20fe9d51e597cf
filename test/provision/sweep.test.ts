// `cleanup --sweep` against the real local cloud: a crashed run (deadline passed, old) is
// removed whole; a live run, and look-alikes without our tags, are left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { cliCommand } from '../helpers/cli.ts';
import { cloudEnv, keypairExists, leftovers, localSession, skipLocal } from '../helpers/local-openstack.ts';
import { provision } from '../../src/edges/openstack/provisioner.ts';
import { cleanupRun } from '../../src/edges/openstack/cleanup.ts';
import { findImage, listNetworks } from '../../src/edges/openstack/api.ts';
import { cleanupCommand } from '../../src/cli/commands/cleanup.ts';

const H = 3_600_000;

test('sweep removes a crashed run and nothing else', { skip: skipLocal }, async () => {
  const stamp = Date.now().toString(36);
  const dead = `t${stamp}-dead`;
  const live = `t${stamp}-live`;
  const s = localSession();
  let foreignServer: string | undefined;
  let foreignPort: string | undefined;
  try {
    const now = Date.now();
    // a run that started 3 h ago with a 1 h timeout, and whose process died: nobody cleaned up
    await provision({
      session: s,
      run: { runId: dead, createdAt: new Date(now - 3 * H).toISOString(), deadline: new Date(now - 2 * H).toISOString() },
      subnodes: 1,
      flavor: { name: 'm1.tiny' },
      image: 'tiny',
      bootTimeoutMs: 60_000,
    });
    // a run started 3 h ago that is still within its (long) timeout
    await provision({
      session: s,
      run: { runId: live, createdAt: new Date(now - 3 * H).toISOString(), deadline: new Date(now + H).toISOString() },
      subnodes: 0,
      flavor: { name: 'm1.tiny' },
      image: 'tiny',
      bootTimeoutMs: 60_000,
    });
    // look-alikes: our name prefix, none of our tags or descriptions
    const image = await findImage(s, 'tiny');
    const net = (await listNetworks(s)).find((n) => n.name === 'private')!;
    const port = await s.call('network', 'POST', '/v2.0/ports', { json: { port: { network_id: net.id, name: `tempest-gate-${stamp}-foreign` } } });
    foreignPort = (port.json as { port: { id: string } }).port.id;
    const server = await s.call('compute', 'POST', '/servers', {
      json: { server: { name: `tempest-gate-${stamp}-foreign`, imageRef: image.id, flavorRef: '1', networks: 'none' } },
    });
    foreignServer = (server.json as { server: { id: string } }).server.id;

    const dry = await cliCommand(cleanupCommand, ['--sweep', '--older-than', '1h', '--dry-run', '--json'], { env: cloudEnv(), cwd: tmpdir() });
    assert.equal(dry.code, 0, dry.stderr);
    const plan = JSON.parse(dry.stdout) as {
      removed: { kind: string; runId?: string; name: string }[];
      kept: { runId?: string; reason: string }[];
      runs: string[];
    };
    const deadItems = plan.removed
      .filter((r) => r.runId === dead)
      .map((r) => r.kind)
      .sort();
    assert.deepEqual(deadItems, ['keypair', 'port', 'port', 'securitygroup', 'server', 'server']);
    assert.ok(plan.runs.includes(dead));
    assert.ok(!plan.removed.some((r) => r.runId === live));
    assert.ok(plan.kept.some((k) => k.runId === live && /run still live/.test(k.reason)));
    assert.ok(!plan.removed.some((r) => r.name.includes('foreign')));
    assert.equal((await leftovers(dead)).length, 4, 'a dry run deletes nothing');

    const real = await cliCommand(cleanupCommand, ['--sweep', '--older-than', '1h'], { env: cloudEnv(), cwd: tmpdir() });
    assert.equal(real.code, 0, real.stderr);
    assert.match(real.stdout, /sweep: removed \d+ resources of \d+ dead runs/);
    assert.deepEqual(await leftovers(dead), []);
    assert.equal(await keypairExists(dead), false);
    assert.equal((await leftovers(live)).length, 2, 'the live run is untouched');
    assert.equal(await keypairExists(live), true);
    assert.equal((await s.call('compute', 'GET', `/servers/${foreignServer}`, { accept: [404] })).status, 200, 'the look-alike server is untouched');
    assert.equal((await s.call('network', 'GET', `/v2.0/ports/${foreignPort}`, { accept: [404] })).status, 200, 'the look-alike port is untouched');
  } finally {
    await cleanupRun(s, live).catch(() => undefined);
    await cleanupRun(s, dead).catch(() => undefined);
    if (foreignServer) await s.call('compute', 'DELETE', `/servers/${foreignServer}`, { accept: [404] });
    if (foreignPort) await s.call('network', 'DELETE', `/v2.0/ports/${foreignPort}`, { accept: [404] });
    await s.close();
  }
  assert.deepEqual(await leftovers(live), []);
});
