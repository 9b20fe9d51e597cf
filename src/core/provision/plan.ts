// What a run creates, decided before any call: node names and roles, and the tags and metadata
// every resource carries from the moment it exists, so that a run can be found (and cleaned up)
// even if the process dies before it learns a server's id.

export type NodeRole = 'controller' | 'subnode';

export interface RunIdentity {
  runId: string;
  /** owner/name of the repository under test, when known */
  repo?: string | undefined;
  /** the change under test: a pull request number, a Gerrit change, a SHA */
  change?: string | undefined;
  /** ISO 8601 time the run started */
  createdAt: string;
  /** ISO 8601 time after which nobody will clean up for this run any more (start + overall timeout) */
  deadline: string;
}

export interface PlannedNode {
  role: NodeRole;
  /** 0 for the controller, 1..N for subnodes */
  index: number;
  name: string;
  tags: string[];
  metadata: Record<string, string>;
}

/** Every resource tempest-gate creates carries this tag. */
export const OWNER_TAG = 'tempest-gate';
/** Resource names start with this (ports and keypairs are also found by name). */
export const NAME_PREFIX = 'tempest-gate-';
const RUN_TAG_PREFIX = 'tempest-gate-run-';
const ROLE_TAG_PREFIX = 'tempest-gate-role-';

export const META = {
  run: 'tempest-gate:run',
  role: 'tempest-gate:role',
  createdAt: 'tempest-gate:created-at',
  deadline: 'tempest-gate:deadline',
  repo: 'tempest-gate:repo',
  change: 'tempest-gate:change',
} as const;

/** Run ids go into tags (Nova: at most 60 characters, no ',' or '/') and names. */
const RUN_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function isValidRunId(id: string): boolean {
  return RUN_ID.test(id);
}

export function runTag(runId: string): string {
  return `${RUN_TAG_PREFIX}${runId}`;
}

export function runIdFromTags(tags: readonly string[]): string | undefined {
  const t = tags.find((x) => x.startsWith(RUN_TAG_PREFIX));
  return t?.slice(RUN_TAG_PREFIX.length);
}

export function keypairName(runId: string): string {
  return `${NAME_PREFIX}${runId}`;
}

/** The security group a run makes (found by this name and our description before its tags are set). */
export function securityGroupName(runId: string): string {
  return `${NAME_PREFIX}${runId}`;
}

/**
 * The rules of a run's security group: SSH from `sshCidr` (the runner's address, or anywhere),
 * and everything between the run's own nodes (devstack's database, message queue, APIs and
 * tunnels), both families; Neutron adds the egress rules itself.
 */
export function securityGroupRules(groupId: string, sshCidr: string): Record<string, unknown>[] {
  const ssh = {
    security_group_id: groupId,
    direction: 'ingress',
    ethertype: sshCidr.includes(':') ? 'IPv6' : 'IPv4',
    protocol: 'tcp',
    port_range_min: 22,
    port_range_max: 22,
    remote_ip_prefix: sshCidr,
  };
  const peers = (['IPv4', 'IPv6'] as const).map((ethertype) => ({ security_group_id: groupId, direction: 'ingress', ethertype, remote_group_id: groupId }));
  return [ssh, ...peers];
}

export function runIdFromKeypairName(name: string): string | undefined {
  return name.startsWith(NAME_PREFIX) && isValidRunId(name.slice(NAME_PREFIX.length)) ? name.slice(NAME_PREFIX.length) : undefined;
}

export function resourceTags(run: RunIdentity, role?: NodeRole): string[] {
  const tags = [OWNER_TAG, runTag(run.runId)];
  if (role) tags.push(`${ROLE_TAG_PREFIX}${role}`);
  return tags;
}

/** Nova metadata values are at most 255 characters. */
function clip(v: string): string {
  return v.length > 255 ? v.slice(0, 255) : v;
}

export function resourceMetadata(run: RunIdentity, role: NodeRole): Record<string, string> {
  const m: Record<string, string> = {
    [META.run]: run.runId,
    [META.role]: role,
    [META.createdAt]: run.createdAt,
    [META.deadline]: run.deadline,
  };
  if (run.repo) m[META.repo] = clip(run.repo);
  if (run.change) m[META.change] = clip(run.change);
  return m;
}

/** Neutron has no metadata: the same facts go into the description (at most 255 characters). */
export function resourceDescription(run: RunIdentity, role?: NodeRole): string {
  const d: Record<string, string> = { run: run.runId, created: run.createdAt, deadline: run.deadline };
  if (role) d.role = role;
  if (run.repo) d.repo = run.repo;
  if (run.change) d.change = run.change;
  let text = JSON.stringify({ 'tempest-gate': d });
  if (text.length > 255) {
    delete d.repo;
    delete d.change;
    text = JSON.stringify({ 'tempest-gate': d });
  }
  return text;
}

export function parseDescription(text: string | undefined | null): { run?: string; created?: string; deadline?: string } | undefined {
  if (!text || !text.startsWith('{"tempest-gate"')) return undefined;
  try {
    const v = JSON.parse(text) as { 'tempest-gate'?: { run?: string; created?: string; deadline?: string } };
    return v['tempest-gate'];
  } catch {
    return undefined;
  }
}

export function planNodes(run: RunIdentity, subnodes: number): PlannedNode[] {
  const nodes: PlannedNode[] = [];
  for (let i = 0; i <= subnodes; i++) {
    const role: NodeRole = i === 0 ? 'controller' : 'subnode';
    nodes.push({
      role,
      index: i,
      name: i === 0 ? `${NAME_PREFIX}${run.runId}-controller` : `${NAME_PREFIX}${run.runId}-subnode-${i}`,
      tags: resourceTags(run, role),
      metadata: resourceMetadata(run, role),
    });
  }
  return nodes;
}

/** A fresh run id: time-ordered base36 plus randomness, valid in tags and names. */
export function newRunId(nowMs: number, random: () => number): string {
  const r = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `${nowMs.toString(36)}-${r}`;
}
