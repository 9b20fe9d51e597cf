import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  deleteFloatingIp,
  deleteKeypair,
  deletePort,
  deleteServer,
  getKeypair,
  listFloatingIps,
  listKeypairs,
  listPorts,
  listServers
} from "./chunk-SZENUZMG.js";
import {
  decideSweep,
  defaultSleep,
  pollDelay
} from "./chunk-6FQIVUDE.js";
import {
  META,
  NAME_PREFIX,
  OWNER_TAG,
  keypairName,
  parseDescription,
  runIdFromKeypairName,
  runIdFromTags,
  runTag
} from "./chunk-LAJXBLTR.js";
import {
  EXIT,
  UserError
} from "./chunk-XOD6W3JI.js";

// src/edges/openstack/cleanup.ts
async function findRun(s, runId) {
  const tag = runTag(runId);
  const [servers, allPorts, floatingIps] = await Promise.all([
    listServers(s, { tags: tag }),
    // one list, filtered here: a port exists a moment before its tags are set, so its name counts too
    listPorts(s, {}),
    listFloatingIps(s, { tags: tag })
  ]);
  const prefix = `${NAME_PREFIX}${runId}-`;
  const ports = allPorts.filter((p) => (p.tags ?? []).includes(tag) || p.name.startsWith(prefix));
  return { servers, ports, floatingIps, keypairs: [keypairName(runId)] };
}
async function waitServersGone(s, ids, timeoutMs, onProgress) {
  const start = Date.now();
  let pending = new Set(ids);
  while (pending.size && Date.now() - start < timeoutMs) {
    await defaultSleep(pollDelay(Date.now() - start));
    const still = await listServers(s, { name: `^${NAME_PREFIX}` });
    const present = new Set(still.map((x) => x.id));
    const before = pending.size;
    pending = new Set([...pending].filter((id) => present.has(id)));
    if (pending.size !== before) onProgress?.(`cleanup: servers deleted ${ids.length - pending.size}/${ids.length}`);
  }
  return [...pending];
}
async function removeTargets(s, t, o) {
  const report = { servers: [], ports: [], floatingIps: [], keypairs: [], leftovers: [] };
  await Promise.all([
    ...t.floatingIps.map((f) => deleteFloatingIp(s, f.id).then(() => report.floatingIps.push(f.floating_ip_address || f.id))),
    ...t.servers.map((x) => deleteServer(s, x.id).then(() => report.servers.push(x.name))),
    ...t.keypairs.map((k) => deleteKeypair(s, k).then((gone) => gone ? report.keypairs.push(k) : 0))
  ]);
  const left = await waitServersGone(s, t.servers.map((x) => x.id), o.waitTimeoutMs ?? 12e4, o.onProgress);
  report.leftovers.push(...left.map((id) => `server ${id}`));
  await Promise.all(t.ports.map((p) => deletePort(s, p.id).then(() => report.ports.push(p.name || p.id))));
  return report;
}
async function cleanupRun(s, runId, o = {}) {
  const total = { servers: [], ports: [], floatingIps: [], keypairs: [], leftovers: [] };
  for (let round = 1; ; round++) {
    const t = await findRun(s, runId);
    const empty = !t.servers.length && !t.ports.length && !t.floatingIps.length;
    if (round > 1 && empty) return total;
    if (round > 3) {
      total.leftovers = [...t.servers.map((x) => `server ${x.id}`), ...t.ports.map((p) => `port ${p.id}`), ...t.floatingIps.map((f) => `floating IP ${f.id}`)];
      return total;
    }
    if (round > 1) await defaultSleep(1e3);
    o.onProgress?.(`cleanup: run ${runId}: ${t.servers.length} servers, ${t.ports.length} ports, ${t.floatingIps.length} floating IPs`);
    const report = await removeTargets(s, round > 1 ? { ...t, keypairs: [] } : t, o);
    total.servers.push(...report.servers);
    total.ports.push(...report.ports);
    total.floatingIps.push(...report.floatingIps);
    total.keypairs.push(...report.keypairs);
  }
}
async function findOurs(s) {
  const [servers, allPorts, fips, keypairs] = await Promise.all([
    listServers(s, { tags: OWNER_TAG }),
    listPorts(s, {}),
    listFloatingIps(s, { tags: OWNER_TAG }),
    listKeypairs(s)
  ]);
  const found = [];
  for (const x of servers) {
    found.push({ kind: "server", id: x.id, name: x.name, runId: x.metadata?.[META.run] ?? runIdFromTags(x.tags ?? []), createdAt: x.metadata?.[META.createdAt] ?? x.created, deadline: x.metadata?.[META.deadline] });
  }
  const ports = allPorts.filter((p) => (p.tags ?? []).includes(OWNER_TAG) || p.name.startsWith(NAME_PREFIX) && parseDescription(p.description));
  for (const p of ports) {
    const d = parseDescription(p.description);
    found.push({ kind: "port", id: p.id, name: p.name, runId: d?.run ?? runIdFromTags(p.tags ?? []), createdAt: d?.created ?? p.created_at, deadline: d?.deadline });
  }
  for (const f of fips) {
    const d = parseDescription(f.description);
    found.push({ kind: "floatingip", id: f.id, name: f.floating_ip_address, runId: d?.run ?? runIdFromTags(f.tags ?? []), createdAt: d?.created ?? f.created_at, deadline: d?.deadline });
  }
  const ours = keypairs.filter((k) => runIdFromKeypairName(k.name));
  const details = await Promise.all(ours.map((k) => getKeypair(s, k.name)));
  for (const k of details) {
    if (!k) continue;
    found.push({ kind: "keypair", id: k.name, name: k.name, runId: runIdFromKeypairName(k.name), createdAt: k.created_at ? `${k.created_at.replace(" ", "T").replace(/(\.\d+)?$/, "")}${/Z|[+-]\d\d:?\d\d$/.test(k.created_at) ? "" : "Z"}` : void 0, deadline: void 0 });
  }
  return { found, servers: new Map(servers.map((x) => [x.id, x])), ports: new Map(ports.map((p) => [p.id, p])), fips: new Map(fips.map((f) => [f.id, f])) };
}
async function sweep(s, o) {
  const { found, servers, ports, fips } = await findOurs(s);
  const decision = decideSweep(found, { nowMs: o.nowMs ?? Date.now(), olderThanMs: o.olderThanMs, exceptRuns: o.exceptRuns });
  if (o.dryRun || !decision.remove.length) return { decision, report: void 0 };
  const t = { servers: [], ports: [], floatingIps: [], keypairs: [] };
  for (const r of decision.remove) {
    if (r.kind === "server") t.servers.push(servers.get(r.id));
    else if (r.kind === "port") t.ports.push(ports.get(r.id));
    else if (r.kind === "floatingip") t.floatingIps.push(fips.get(r.id));
    else t.keypairs.push(r.id);
  }
  o.onProgress?.(`sweep: removing ${decision.remove.length} resources of ${decision.runs.length} dead runs`);
  const report = await removeTargets(s, t, o);
  if (report.leftovers.length) {
    throw new UserError(`sweep: still present after the wait: ${report.leftovers.join(", ")}`, { exitCode: EXIT.infra });
  }
  return { decision, report };
}

export {
  cleanupRun,
  sweep
};
