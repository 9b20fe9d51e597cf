// What a run left behind on the local cloud, seen as admin (every project) and by the demo user
// (keypairs belong to users): servers, ports, floating IPs, keypairs and security groups carrying the
// run's tag or name, and the lab hosts (network namespaces) the lab's virt driver made for its
// servers. The gate-demo and the tests print and assert the same list.
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { keypairName, runTag, securityGroupName } from '../../src/core/provision/plan.ts';
import { resolveCloud } from '../../src/edges/openstack/cloud-config.ts';
import { Session } from '../../src/edges/openstack/session.ts';

export interface Leftovers {
  servers: string[];
  ports: string[];
  floatingIps: string[];
  keypairs: string[];
  securityGroups: string[];
  labHosts: string[];
}

export const KINDS: ReadonlyArray<[keyof Leftovers, string]> = [
  ['servers', 'servers'],
  ['ports', 'ports'],
  ['floatingIps', 'floating IPs'],
  ['keypairs', 'keypairs'],
  ['securityGroups', 'security groups'],
  ['labHosts', 'lab hosts'],
];

function session(cloudsYaml: string, cloud: string): Session {
  return new Session({ cloud: resolveCloud({ cloud, env: { OS_CLIENT_CONFIG_FILE: cloudsYaml }, cwd: tmpdir(), home: tmpdir() }) });
}

/** The lab hosts of a run's servers: network namespaces whose name carries one of the server ids (scripts/lab's virt driver names them so). */
export async function labHosts(serverIds: readonly string[]): Promise<string[]> {
  let out: string;
  try {
    out = (await promisify(execFile)('ip', ['netns', 'list'])).stdout;
  } catch {
    return [];
  }
  const names = out
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n !== '');
  return names.filter((n) => serverIds.some((id) => n.includes(id.slice(0, 8))));
}

/**
 * Everything of run `runId` still there. `serverIds` are the ids the run booted (from its state or
 * its log), so that a lab host whose server is already gone from Nova is still found.
 */
export async function leftovers(o: {
  cloudsYaml: string;
  runId: string;
  serverIds?: readonly string[];
  adminCloud?: string;
  userCloud?: string;
}): Promise<Leftovers> {
  const admin = session(o.cloudsYaml, o.adminCloud ?? 'tg-local-admin');
  const user = session(o.cloudsYaml, o.userCloud ?? 'tg-local');
  const tag = runTag(o.runId);
  try {
    const servers = (await admin.call('compute', 'GET', `/servers/detail?all_tenants=1&tags=${tag}`)).json as { servers: { id: string; name: string }[] };
    const ports = (await admin.call('network', 'GET', '/v2.0/ports')).json as { ports: { name: string; tags?: string[] }[] };
    const fips = (await admin.call('network', 'GET', `/v2.0/floatingips?tags=${tag}`)).json as { floatingips: { floating_ip_address: string }[] };
    const groups = (await admin.call('network', 'GET', '/v2.0/security-groups')).json as { security_groups: { name: string; tags?: string[] }[] };
    const kp = await user.call('compute', 'GET', `/os-keypairs/${keypairName(o.runId)}`, { accept: [404] });
    const ids = [...new Set([...(o.serverIds ?? []), ...servers.servers.map((x) => x.id)])];
    return {
      servers: servers.servers.map((x) => x.name),
      ports: ports.ports.filter((p) => p.name.startsWith(`tempest-gate-${o.runId}-`) || (p.tags ?? []).includes(tag)).map((p) => p.name),
      floatingIps: fips.floatingips.map((f) => f.floating_ip_address),
      keypairs: kp.status === 200 ? [keypairName(o.runId)] : [],
      securityGroups: groups.security_groups.filter((g) => g.name === securityGroupName(o.runId) || (g.tags ?? []).includes(tag)).map((g) => g.name),
      labHosts: await labHosts(ids),
    };
  } finally {
    await admin.close();
    await user.close();
  }
}

export function leftoverCount(l: Leftovers): number {
  return KINDS.reduce((n, [k]) => n + l[k].length, 0);
}

/** "0 servers, 0 ports, ..." with the names of what is left. */
export function leftoverLine(l: Leftovers): string {
  return KINDS.map(([k, label]) => `${l[k].length} ${label}${l[k].length ? ` (${l[k].join(', ')})` : ''}`).join(', ');
}
