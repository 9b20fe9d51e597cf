// The run's security group against the real local OpenStack: made with SSH from the given CIDR
// and all traffic between the run's nodes (IPv4 and IPv6), tagged and described like the other
// resources, on every port; removed by cleanupRun and by the sweep once its ports are gone. A
// group the user names is used as it is and never deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localSession, skipLocal } from '../helpers/local-openstack.ts';
import { provision, type ProvisionResult } from '../../src/edges/openstack/provisioner.ts';
import { cleanupRun, sweep } from '../../src/edges/openstack/cleanup.ts';
import { getPort, getSecurityGroup, listSecurityGroups, type SecurityGroupRule } from '../../src/edges/openstack/api.ts';
import type { Session } from '../../src/edges/openstack/session.ts';

const H = 3_600_000;
const runId = (tag: string) => `t${Date.now().toString(36)}-${tag}`;

function boot(s: Session, id: string, extra: Partial<Parameters<typeof provision>[0]> = {}, ago = 0): Promise<ProvisionResult> {
  const now = Date.now();
  return provision({
    session: s,
    run: { runId: id, createdAt: new Date(now - ago).toISOString(), deadline: new Date(now - ago + H).toISOString() },
    subnodes: 1,
    flavor: { name: 'm1.tiny' },
    image: 'tiny',
    bootTimeoutMs: 60_000,
    ...extra,
  });
}

/** The ingress rules as comparable strings. */
function ingress(rules: SecurityGroupRule[], self: string): string[] {
  return rules
    .filter((r) => r.direction === 'ingress')
    .map(
      (r) =>
        `${r.ethertype} ${r.protocol ?? 'any'} ${r.port_range_min ?? ''}-${r.port_range_max ?? ''} from ${r.remote_group_id === self ? 'self' : (r.remote_group_id ?? r.remote_ip_prefix)}`,
    )
    .sort();
}

test(
  'a run makes its security group: SSH from the CIDR, all traffic between its nodes; its ports carry it; cleanupRun removes it',
  { skip: skipLocal },
  async () => {
    const id = runId('sg');
    const s = localSession();
    try {
      const r = await boot(s, id, { securityGroup: { create: true, sshCidr: '203.0.113.0/24' } });
      assert.equal(r.securityGroup.created, true);
      assert.equal(r.securityGroup.name, `tempest-gate-${id}`);
      const g = await getSecurityGroup(s, r.securityGroup.id);
      assert.ok(g);
      assert.deepEqual(ingress(g.security_group_rules ?? [], g.id), ['IPv4 any - from self', 'IPv4 tcp 22-22 from 203.0.113.0/24', 'IPv6 any - from self']);
      assert.deepEqual([...(g.tags ?? [])].sort(), ['tempest-gate', `tempest-gate-run-${id}`]);
      assert.match(g.description ?? '', new RegExp(`"run":"${id}"`));
      for (const n of r.nodes) assert.deepEqual((await getPort(s, n.portId))?.security_groups, [g.id], n.name);

      const report = await cleanupRun(s, id);
      assert.deepEqual(report.securityGroups, [g.name]);
      assert.deepEqual(report.leftovers, []);
      assert.equal(await getSecurityGroup(s, g.id), undefined, 'the group is gone');
      assert.deepEqual((await cleanupRun(s, id)).securityGroups, [], 'a second cleanup finds nothing');
    } finally {
      await cleanupRun(s, id).catch(() => undefined);
      await s.close();
    }
  },
);

test('a named security group is used on every port and never deleted', { skip: skipLocal }, async () => {
  const id = runId('sgnamed');
  const s = localSession();
  const name = `mine-${id}`;
  const made = await s.call('network', 'POST', '/v2.0/security-groups', { json: { security_group: { name, description: "the user's" } } });
  const mine = (made.json as { security_group: { id: string } }).security_group.id;
  try {
    const r = await boot(s, id, { securityGroup: { name } }, 3 * H);
    assert.deepEqual(r.securityGroup, { id: mine, name, created: false });
    for (const n of r.nodes) assert.deepEqual((await getPort(s, n.portId))?.security_groups, [mine]);
    const report = await cleanupRun(s, id);
    assert.deepEqual(report.securityGroups, []);
    assert.ok(await getSecurityGroup(s, mine), 'the named group is kept');
    await assert.rejects(boot(s, runId('sgmissing'), { securityGroup: { name: `absent-${id}` } }), /security group 'absent-.*' not found; security groups: /);
  } finally {
    await cleanupRun(s, id).catch(() => undefined);
    await s.call('network', 'DELETE', `/v2.0/security-groups/${mine}`, { accept: [404] });
    await s.close();
  }
});

test("the sweep removes a dead run's security group with its servers and ports, and leaves a live run's", { skip: skipLocal }, async () => {
  const dead = runId('sgdead');
  const live = runId('sglive');
  const s = localSession();
  try {
    const now = Date.now();
    // a run that started 3 h ago with a 1 h timeout, and whose process died
    const d = await boot(s, dead, {}, 3 * H);
    const l = await provision({
      session: s,
      run: { runId: live, createdAt: new Date(now - 3 * H).toISOString(), deadline: new Date(now + H).toISOString() },
      subnodes: 0,
      flavor: { name: 'm1.tiny' },
      image: 'tiny',
      bootTimeoutMs: 60_000,
    });
    const { decision, report } = await sweep(s, { olderThanMs: H, exceptRuns: [] });
    assert.ok(decision.remove.some((x) => x.kind === 'securitygroup' && x.id === d.securityGroup.id && x.runId === dead));
    assert.ok(!decision.remove.some((x) => x.runId === live));
    assert.ok(report?.securityGroups.includes(d.securityGroup.name));
    assert.equal(await getSecurityGroup(s, d.securityGroup.id), undefined);
    assert.ok(await getSecurityGroup(s, l.securityGroup.id), 'the live run keeps its group');
    // the project's default group carries none of our marks
    assert.ok((await listSecurityGroups(s, { name: 'default' })).length >= 1);
  } finally {
    await cleanupRun(s, live).catch(() => undefined);
    await cleanupRun(s, dead).catch(() => undefined);
    await s.close();
  }
});
