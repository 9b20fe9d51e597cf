// Remove what a run left in the cloud: its floating IPs, servers, ports, security group and
// keypair, found by the run's tag (and name, for what cannot be tagged), then wait until they
// are gone. A security group the user named carries none of our marks: it is never touched. Also the
// sweep: every resource with our marks whose run is no longer live (src/core/provision/sweep.ts).
import {
  keypairName,
  META,
  NAME_PREFIX,
  OWNER_TAG,
  parseDescription,
  runIdFromKeypairName,
  runIdFromTags,
  runTag,
  securityGroupName,
} from '../../core/provision/plan.ts';
import { decideSweep, type FoundResource, type SweepDecision } from '../../core/provision/sweep.ts';
import { EXIT, UserError } from '../../core/errors.ts';
import {
  deleteFloatingIp,
  deleteKeypair,
  deletePort,
  deleteSecurityGroup,
  deleteServer,
  getKeypair,
  listFloatingIps,
  listKeypairs,
  listPorts,
  listSecurityGroups,
  listServers,
  type FloatingIp,
  type Port,
  type SecurityGroup,
  type Server,
} from './api.ts';
import { CloudError, defaultSleep, pollDelay } from './http.ts';
import type { Session } from './session.ts';

export interface CleanupOptions {
  /** How long to wait for servers to disappear. */
  waitTimeoutMs?: number;
  onProgress?: (line: string) => void;
}

export interface CleanupReport {
  servers: string[];
  ports: string[];
  floatingIps: string[];
  securityGroups: string[];
  keypairs: string[];
  /** what was still there at the end (empty when all is gone) */
  leftovers: string[];
}

interface Targets {
  servers: Server[];
  ports: Port[];
  floatingIps: FloatingIp[];
  securityGroups: SecurityGroup[];
  keypairs: string[];
}

/** Ours: tagged, or (the moment before tagging) named by us with our description. */
function isOurGroup(g: SecurityGroup, runId?: string): boolean {
  if (runId !== undefined)
    return (g.tags ?? []).includes(runTag(runId)) || (g.name === securityGroupName(runId) && parseDescription(g.description)?.run === runId);
  return (g.tags ?? []).includes(OWNER_TAG) || (g.name.startsWith(NAME_PREFIX) && parseDescription(g.description) !== undefined);
}

async function findRun(s: Session, runId: string): Promise<Targets> {
  const tag = runTag(runId);
  const [servers, allPorts, floatingIps, groups] = await Promise.all([
    listServers(s, { tags: tag }),
    // one list, filtered here: a port exists a moment before its tags are set, so its name counts too
    listPorts(s, {}),
    listFloatingIps(s, { tags: tag }),
    listSecurityGroups(s, {}),
  ]);
  const prefix = `${NAME_PREFIX}${runId}-`;
  const ports = allPorts.filter((p) => (p.tags ?? []).includes(tag) || p.name.startsWith(prefix));
  return { servers, ports, floatingIps, securityGroups: groups.filter((g) => isOurGroup(g, runId)), keypairs: [keypairName(runId)] };
}

async function waitServersGone(s: Session, ids: string[], timeoutMs: number, onProgress?: (line: string) => void): Promise<string[]> {
  const start = Date.now();
  let pending = new Set(ids);
  while (pending.size && Date.now() - start < timeoutMs) {
    await defaultSleep(pollDelay(Date.now() - start));
    // one list call per poll, whatever the number of servers
    const still = await listServers(s, { name: `^${NAME_PREFIX}` });
    const present = new Set(still.map((x) => x.id));
    const before = pending.size;
    pending = new Set([...pending].filter((id) => present.has(id)));
    if (pending.size !== before) onProgress?.(`cleanup: servers deleted ${ids.length - pending.size}/${ids.length}`);
  }
  return [...pending];
}

async function removeTargets(s: Session, t: Targets, o: CleanupOptions): Promise<CleanupReport> {
  const report: CleanupReport = { servers: [], ports: [], floatingIps: [], securityGroups: [], keypairs: [], leftovers: [] };
  // floating IPs, servers and the keypair at once; ports once the servers are gone
  await Promise.all([
    ...t.floatingIps.map((f) => deleteFloatingIp(s, f.id).then(() => report.floatingIps.push(f.floating_ip_address || f.id))),
    ...t.servers.map((x) => deleteServer(s, x.id).then(() => report.servers.push(x.name))),
    ...t.keypairs.map((k) => deleteKeypair(s, k).then((gone) => (gone ? report.keypairs.push(k) : 0))),
  ]);
  const left = await waitServersGone(
    s,
    t.servers.map((x) => x.id),
    o.waitTimeoutMs ?? 120_000,
    o.onProgress,
  );
  report.leftovers.push(...left.map((id) => `server ${id}`));
  // ports last: Nova leaves ports it did not create, and they are free once the servers are gone
  await Promise.all(t.ports.map((p) => deletePort(s, p.id).then(() => report.ports.push(p.name || p.id))));
  // the security group last: Neutron refuses (409) while a port still uses it
  await Promise.all(
    t.securityGroups.map(async (g) => {
      if (await deleteGroupOnceFree(s, g.id)) report.securityGroups.push(g.name || g.id);
      else report.leftovers.push(`security group ${g.id} (still in use)`);
    }),
  );
  return report;
}

/** A port deleted a moment ago may still hold the group: a 409 is tried again for about 10 s. */
async function deleteGroupOnceFree(s: Session, id: string): Promise<boolean> {
  const start = Date.now();
  for (;;) {
    try {
      await deleteSecurityGroup(s, id);
      return true;
    } catch (err) {
      if (!(err instanceof CloudError) || err.status !== 409) throw err;
      if (Date.now() - start > 10_000) return false;
      await defaultSleep(pollDelay(Date.now() - start, 250, 2000));
    }
  }
}

/** Delete every resource of one run and wait until it is gone. Safe to run twice. */
export async function cleanupRun(s: Session, runId: string, o: CleanupOptions = {}): Promise<CleanupReport> {
  const total: CleanupReport = { servers: [], ports: [], floatingIps: [], securityGroups: [], keypairs: [], leftovers: [] };
  // A server whose POST was still in flight when the run failed can appear after the first
  // listing: look again, and remove again, until a listing comes back empty (3 rounds at most).
  for (let round = 1; ; round++) {
    const t = await findRun(s, runId);
    const empty = !t.servers.length && !t.ports.length && !t.floatingIps.length && !t.securityGroups.length;
    if (round > 1 && empty) return total;
    if (round > 3) {
      total.leftovers = [
        ...t.servers.map((x) => `server ${x.id}`),
        ...t.ports.map((p) => `port ${p.id}`),
        ...t.floatingIps.map((f) => `floating IP ${f.id}`),
        ...t.securityGroups.map((g) => `security group ${g.id}`),
      ];
      return total;
    }
    if (round > 1) await defaultSleep(1000);
    o.onProgress?.(
      `cleanup: run ${runId}: ${t.servers.length} servers, ${t.ports.length} ports, ${t.floatingIps.length} floating IPs, ${t.securityGroups.length} security groups`,
    );
    const report = await removeTargets(s, round > 1 ? { ...t, keypairs: [] } : t, o);
    total.servers.push(...report.servers);
    total.ports.push(...report.ports);
    total.floatingIps.push(...report.floatingIps);
    total.securityGroups.push(...report.securityGroups);
    total.keypairs.push(...report.keypairs);
  }
}

/** Everything carrying our marks in the project, described for the sweep's decision. */
export async function findOurs(s: Session): Promise<{
  found: FoundResource[];
  servers: Map<string, Server>;
  ports: Map<string, Port>;
  fips: Map<string, FloatingIp>;
  groups: Map<string, SecurityGroup>;
}> {
  const [servers, allPorts, fips, keypairs, allGroups] = await Promise.all([
    listServers(s, { tags: OWNER_TAG }),
    listPorts(s, {}),
    listFloatingIps(s, { tags: OWNER_TAG }),
    listKeypairs(s),
    listSecurityGroups(s, {}),
  ]);
  const found: FoundResource[] = [];
  for (const x of servers) {
    found.push({
      kind: 'server',
      id: x.id,
      name: x.name,
      runId: x.metadata?.[META.run] ?? runIdFromTags(x.tags ?? []),
      createdAt: x.metadata?.[META.createdAt] ?? x.created,
      deadline: x.metadata?.[META.deadline],
    });
  }
  // ports: tagged, or named by us with our description (the moment before tagging)
  const ports = allPorts.filter((p) => (p.tags ?? []).includes(OWNER_TAG) || (p.name.startsWith(NAME_PREFIX) && parseDescription(p.description)));
  for (const p of ports) {
    const d = parseDescription(p.description);
    found.push({
      kind: 'port',
      id: p.id,
      name: p.name,
      runId: d?.run ?? runIdFromTags(p.tags ?? []),
      createdAt: d?.created ?? p.created_at,
      deadline: d?.deadline,
    });
  }
  for (const f of fips) {
    const d = parseDescription(f.description);
    found.push({
      kind: 'floatingip',
      id: f.id,
      name: f.floating_ip_address,
      runId: d?.run ?? runIdFromTags(f.tags ?? []),
      createdAt: d?.created ?? f.created_at,
      deadline: d?.deadline,
    });
  }
  const groups = allGroups.filter((g) => isOurGroup(g));
  for (const g of groups) {
    const d = parseDescription(g.description);
    found.push({
      kind: 'securitygroup',
      id: g.id,
      name: g.name,
      runId: d?.run ?? runIdFromTags(g.tags ?? []),
      createdAt: d?.created ?? g.created_at,
      deadline: d?.deadline,
    });
  }
  const ours = keypairs.filter((k) => runIdFromKeypairName(k.name));
  const details = await Promise.all(ours.map((k) => getKeypair(s, k.name)));
  for (const k of details) {
    if (!k) continue;
    found.push({
      kind: 'keypair',
      id: k.name,
      name: k.name,
      runId: runIdFromKeypairName(k.name),
      createdAt: k.created_at ? `${k.created_at.replace(' ', 'T').replace(/(\.\d+)?$/, '')}${/Z|[+-]\d\d:?\d\d$/.test(k.created_at) ? '' : 'Z'}` : undefined,
      deadline: undefined,
    });
  }
  return {
    found,
    servers: new Map(servers.map((x) => [x.id, x])),
    ports: new Map(ports.map((p) => [p.id, p])),
    fips: new Map(fips.map((f) => [f.id, f])),
    groups: new Map(groups.map((g) => [g.id, g])),
  };
}

export interface SweepRunOptions extends CleanupOptions {
  olderThanMs: number;
  nowMs?: number;
  exceptRuns?: string[];
  dryRun?: boolean;
}

/** Remove leaked resources of dead runs; returns the decision and what was removed. */
export async function sweep(s: Session, o: SweepRunOptions): Promise<{ decision: SweepDecision; report: CleanupReport | undefined }> {
  const { found, servers, ports, fips, groups } = await findOurs(s);
  const decision = decideSweep(found, { nowMs: o.nowMs ?? Date.now(), olderThanMs: o.olderThanMs, exceptRuns: o.exceptRuns });
  if (o.dryRun || !decision.remove.length) return { decision, report: undefined };
  const t: Targets = { servers: [], ports: [], floatingIps: [], securityGroups: [], keypairs: [] };
  for (const r of decision.remove) {
    if (r.kind === 'server') t.servers.push(servers.get(r.id)!);
    else if (r.kind === 'port') t.ports.push(ports.get(r.id)!);
    else if (r.kind === 'floatingip') t.floatingIps.push(fips.get(r.id)!);
    else if (r.kind === 'securitygroup') t.securityGroups.push(groups.get(r.id)!);
    else t.keypairs.push(r.id);
  }
  o.onProgress?.(`sweep: removing ${decision.remove.length} resources of ${decision.runs.length} dead runs`);
  const report = await removeTargets(s, t, o);
  if (report.leftovers.length) {
    throw new UserError(`sweep: still present after the wait: ${report.leftovers.join(', ')}`, { exitCode: EXIT.infra });
  }
  return { decision, report };
}
