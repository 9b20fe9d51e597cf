import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;

// src/core/provision/plan.ts
var OWNER_TAG = "tempest-gate";
var NAME_PREFIX = "tempest-gate-";
var RUN_TAG_PREFIX = "tempest-gate-run-";
var ROLE_TAG_PREFIX = "tempest-gate-role-";
var META = {
  run: "tempest-gate:run",
  role: "tempest-gate:role",
  createdAt: "tempest-gate:created-at",
  deadline: "tempest-gate:deadline",
  repo: "tempest-gate:repo",
  change: "tempest-gate:change"
};
var RUN_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
function isValidRunId(id) {
  return RUN_ID.test(id);
}
function runTag(runId) {
  return `${RUN_TAG_PREFIX}${runId}`;
}
function runIdFromTags(tags) {
  const t = tags.find((x) => x.startsWith(RUN_TAG_PREFIX));
  return t?.slice(RUN_TAG_PREFIX.length);
}
function keypairName(runId) {
  return `${NAME_PREFIX}${runId}`;
}
function securityGroupName(runId) {
  return `${NAME_PREFIX}${runId}`;
}
function securityGroupRules(groupId, sshCidr) {
  const ssh = {
    security_group_id: groupId,
    direction: "ingress",
    ethertype: sshCidr.includes(":") ? "IPv6" : "IPv4",
    protocol: "tcp",
    port_range_min: 22,
    port_range_max: 22,
    remote_ip_prefix: sshCidr
  };
  const peers = ["IPv4", "IPv6"].map((ethertype) => ({ security_group_id: groupId, direction: "ingress", ethertype, remote_group_id: groupId }));
  return [ssh, ...peers];
}
function runIdFromKeypairName(name) {
  return name.startsWith(NAME_PREFIX) && isValidRunId(name.slice(NAME_PREFIX.length)) ? name.slice(NAME_PREFIX.length) : void 0;
}
function resourceTags(run, role) {
  const tags = [OWNER_TAG, runTag(run.runId)];
  if (role) tags.push(`${ROLE_TAG_PREFIX}${role}`);
  return tags;
}
function clip(v) {
  return v.length > 255 ? v.slice(0, 255) : v;
}
function resourceMetadata(run, role) {
  const m = {
    [META.run]: run.runId,
    [META.role]: role,
    [META.createdAt]: run.createdAt,
    [META.deadline]: run.deadline
  };
  if (run.repo) m[META.repo] = clip(run.repo);
  if (run.change) m[META.change] = clip(run.change);
  return m;
}
function resourceDescription(run, role) {
  const d = { run: run.runId, created: run.createdAt, deadline: run.deadline };
  if (role) d.role = role;
  if (run.repo) d.repo = run.repo;
  if (run.change) d.change = run.change;
  let text = JSON.stringify({ "tempest-gate": d });
  if (text.length > 255) {
    delete d.repo;
    delete d.change;
    text = JSON.stringify({ "tempest-gate": d });
  }
  return text;
}
function parseDescription(text) {
  if (!text || !text.startsWith('{"tempest-gate"')) return void 0;
  try {
    const v = JSON.parse(text);
    return v["tempest-gate"];
  } catch {
    return void 0;
  }
}
function planNodes(run, subnodes) {
  const nodes = [];
  for (let i = 0; i <= subnodes; i++) {
    const role = i === 0 ? "controller" : "subnode";
    nodes.push({
      role,
      index: i,
      name: i === 0 ? `${NAME_PREFIX}${run.runId}-controller` : `${NAME_PREFIX}${run.runId}-subnode-${i}`,
      tags: resourceTags(run, role),
      metadata: resourceMetadata(run, role)
    });
  }
  return nodes;
}
function newRunId(nowMs, random) {
  const r = Math.floor(random() * 36 ** 4).toString(36).padStart(4, "0");
  return `${nowMs.toString(36)}-${r}`;
}

export {
  OWNER_TAG,
  NAME_PREFIX,
  META,
  isValidRunId,
  runTag,
  runIdFromTags,
  keypairName,
  securityGroupName,
  securityGroupRules,
  runIdFromKeypairName,
  resourceTags,
  resourceDescription,
  parseDescription,
  planNodes,
  newRunId
};
