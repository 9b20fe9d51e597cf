// The few Nova, Neutron and Glance calls tempest-gate makes, one small function each, over a
// Session. Lookups that fail say what exists instead.
import { EXIT, UserError } from '../../core/errors.ts';
import { answerField, badAnswer, CloudError, shapeProblem, type Shape } from './http.ts';
import type { Session } from './session.ts';

// ---------------------------------------------------------------- shapes (the fields we read)
export interface Flavor {
  id: string;
  name: string;
  ram: number;
  vcpus: number;
  disk: number;
}
export interface Image {
  id: string;
  name: string;
  status: string;
}
export interface Network {
  id: string;
  name: string;
  'router:external'?: boolean;
  shared?: boolean;
  subnets?: string[];
  status?: string;
}
export interface Port {
  id: string;
  name: string;
  description?: string;
  network_id: string;
  device_id?: string;
  'binding:host_id'?: string;
  security_groups?: string[];
  fixed_ips: { subnet_id: string; ip_address: string }[];
  tags?: string[];
  created_at?: string;
}
export interface FloatingIp {
  id: string;
  floating_ip_address: string;
  port_id: string | null;
  description?: string;
  tags?: string[];
  created_at?: string;
}
export interface SecurityGroupRule {
  id: string;
  security_group_id: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
}
export interface SecurityGroup {
  id: string;
  name: string;
  description?: string;
  tags?: string[];
  created_at?: string;
  security_group_rules?: SecurityGroupRule[];
}
export interface Server {
  id: string;
  name: string;
  status: string;
  created?: string;
  tags?: string[];
  metadata?: Record<string, string>;
  fault?: { message?: string; code?: number; details?: string };
  addresses?: Record<string, { addr: string; version: number }[]>;
}
export interface Keypair {
  name: string;
  created_at?: string;
}

// ---------------------------------------------------------------- the same, checked in each answer
// Only what the code reads, in the types above; '?' marks a field that may be absent or null.
const STRINGS: Shape = { list: 'string' };
const TAGS = { 'tags?': STRINGS, 'created_at?': 'string', 'description?': 'string' } as const;
const FLAVOR: Shape = { fields: { id: 'id', name: 'string', ram: 'number', vcpus: 'number', disk: 'number' } };
const IMAGE: Shape = { fields: { id: 'string', 'name?': 'string', status: 'string' } };
const NETWORK: Shape = { fields: { id: 'string', name: 'string', 'router:external?': 'boolean', 'shared?': 'boolean', 'subnets?': STRINGS } };
const PORT: Shape = {
  fields: {
    id: 'string',
    name: 'string',
    network_id: 'string',
    'device_id?': 'string',
    'binding:host_id?': 'string',
    'security_groups?': STRINGS,
    fixed_ips: { list: { fields: { subnet_id: 'string', ip_address: 'string' } } },
    ...TAGS,
  },
};
const FLOATING_IP: Shape = { fields: { id: 'string', floating_ip_address: 'string', 'port_id?': 'string', ...TAGS } };
const RULE: Shape = { fields: { id: 'string', direction: 'string' } };
const SECURITY_GROUP: Shape = { fields: { id: 'string', name: 'string', 'security_group_rules?': { list: RULE }, ...TAGS } };
const SERVER: Shape = {
  fields: {
    id: 'string',
    name: 'string',
    status: 'string',
    'created?': 'string',
    'tags?': STRINGS,
    'metadata?': { record: 'string' },
    'fault?': { fields: { 'message?': 'string' } },
    'addresses?': { record: { list: { fields: { addr: 'string', version: 'number' } } } },
  },
};
const KEYPAIR: Shape = { fields: { name: 'string', 'created_at?': 'string' } };

/** Nova or Neutron refused for quota: never retried. */
export class QuotaError extends UserError {
  constructor(message: string, cause?: unknown) {
    super(message, { exitCode: EXIT.infra, cause });
    this.name = 'QuotaError';
  }
}

export function isQuotaError(err: unknown): err is CloudError {
  return (
    err instanceof CloudError &&
    (err.status === 403 || err.status === 413 || err.status === 409 || err.status === 400) &&
    /quota|limit exceeded|over.?limit/i.test(err.cloudMessage)
  );
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function list(names: string[], max = 20): string {
  if (!names.length) return 'none';
  return names.length > max ? `${names.slice(0, max).join(', ')}, ... (${names.length} in all)` : names.join(', ');
}

// ---------------------------------------------------------------- Nova
export async function listFlavors(s: Session): Promise<Flavor[]> {
  const res = await s.call('compute', 'GET', '/flavors/detail');
  return answerField<Flavor[]>(res, 'flavors', 'list', [], { call: 'Nova (list flavors)', of: FLAVOR }).map((f) => ({ ...f, id: String(f.id) }));
}

/** By name or id; or the smallest flavor with at least minRamMb of RAM. */
export function chooseFlavor(flavors: Flavor[], want: { name?: string | undefined; minRamMb?: number | undefined }): Flavor {
  if (want.name) {
    const f = flavors.find((x) => x.name === want.name) ?? flavors.find((x) => x.id === want.name);
    if (!f) throw new UserError(`flavor '${want.name}' not found; flavors: ${list(flavors.map((x) => `${x.name} (${x.ram} MB)`))}`, { exitCode: EXIT.usage });
    return f;
  }
  const min = want.minRamMb ?? 0;
  const fits = flavors.filter((f) => f.ram >= min).sort((a, b) => a.ram - b.ram || a.vcpus - b.vcpus || a.disk - b.disk || a.name.localeCompare(b.name));
  const f = fits[0];
  if (!f)
    throw new UserError(`no flavor has ${min} MB of RAM or more; flavors: ${list(flavors.map((x) => `${x.name} (${x.ram} MB)`))}`, { exitCode: EXIT.usage });
  return f;
}

export async function listServers(s: Session, query: Record<string, string>): Promise<Server[]> {
  const qs = new URLSearchParams(query).toString();
  const res = await s.call('compute', 'GET', `/servers/detail${qs ? `?${qs}` : ''}`);
  return answerField<Server[]>(res, 'servers', 'list', [], { call: 'Nova (list servers)', of: SERVER });
}

export async function getServer(s: Session, id: string): Promise<Server | undefined> {
  const res = await s.call('compute', 'GET', `/servers/${encodeURIComponent(id)}`, { accept: [404] });
  return res.status === 404 ? undefined : answerField<Server>(res, 'server', 'object', undefined, { call: 'Nova (show server)', of: SERVER });
}

export async function createServer(s: Session, server: Record<string, unknown>): Promise<{ id: string }> {
  const res = await s.call('compute', 'POST', '/servers', { json: { server } });
  return { id: answerField<{ id: string }>(res, 'server', 'object', undefined, { call: 'Nova (create server)', of: { fields: { id: 'string' } } }).id };
}

export async function setServerTags(s: Session, id: string, tags: string[]): Promise<void> {
  await s.call('compute', 'PUT', `/servers/${encodeURIComponent(id)}/tags`, { json: { tags } });
}

/** Delete; a server already gone is fine. */
export async function deleteServer(s: Session, id: string): Promise<void> {
  await s.call('compute', 'DELETE', `/servers/${encodeURIComponent(id)}`, { accept: [404] });
}

export async function createKeypair(s: Session, name: string, publicKey: string): Promise<void> {
  await s.call('compute', 'POST', '/os-keypairs', { json: { keypair: { name, public_key: publicKey, type: 'ssh' } } });
}

export async function deleteKeypair(s: Session, name: string): Promise<boolean> {
  const res = await s.call('compute', 'DELETE', `/os-keypairs/${encodeURIComponent(name)}`, { accept: [404] });
  return res.status !== 404;
}

export async function listKeypairs(s: Session): Promise<Keypair[]> {
  const res = await s.call('compute', 'GET', '/os-keypairs');
  return answerField<{ keypair: Keypair }[]>(res, 'keypairs', 'list', [], { call: 'Nova (list keypairs)', of: { fields: { keypair: KEYPAIR } } }).map(
    (k) => k.keypair,
  );
}

export async function getKeypair(s: Session, name: string): Promise<Keypair | undefined> {
  const res = await s.call('compute', 'GET', `/os-keypairs/${encodeURIComponent(name)}`, { accept: [404] });
  return res.status === 404 ? undefined : answerField<Keypair>(res, 'keypair', 'object', undefined, { call: 'Nova (show keypair)', of: KEYPAIR });
}

// ---------------------------------------------------------------- Glance
export async function findImage(s: Session, nameOrId: string): Promise<Image> {
  if (UUID.test(nameOrId)) {
    const res = await s.call('image', 'GET', `/v2/images/${encodeURIComponent(nameOrId)}`, { accept: [404] });
    if (res.status !== 404) {
      // Glance answers the image itself, not under a key.
      const problem = shapeProblem(res.json, IMAGE, 'the answer');
      if (problem) throw badAnswer(res, problem, 'Glance (show image)');
      return res.json as Image;
    }
  }
  const res = await s.call('image', 'GET', `/v2/images?name=${encodeURIComponent(nameOrId)}`);
  const found = answerField<Image[]>(res, 'images', 'list', [], { call: 'Glance (list images)', of: IMAGE }).filter((i) => i.status === 'active');
  if (found.length > 1)
    throw new UserError(`image name '${nameOrId}' is ambiguous (${found.length} images): give its id (${found.map((i) => i.id).join(', ')})`, {
      exitCode: EXIT.usage,
    });
  if (found[0]) return found[0];
  const all = await s.call('image', 'GET', '/v2/images?limit=100');
  const names = answerField<Image[]>(all, 'images', 'list', [], { call: 'Glance (list images)', of: IMAGE }).map((i) => i.name || i.id);
  throw new UserError(`image '${nameOrId}' not found; images: ${list(names)}`, { exitCode: EXIT.usage });
}

// ---------------------------------------------------------------- Neutron
export async function listNetworks(s: Session): Promise<Network[]> {
  const res = await s.call('network', 'GET', '/v2.0/networks');
  return answerField<Network[]>(res, 'networks', 'list', [], { call: 'Neutron (list networks)', of: NETWORK });
}

/** By name or id; with none given, the project's only non-external network. */
export function chooseNetwork(networks: Network[], want: string | undefined): Network {
  const usable = networks.filter((n) => !n['router:external']);
  if (want) {
    const byId = networks.find((n) => n.id === want);
    if (byId) return byId;
    const byName = networks.filter((n) => n.name === want);
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1)
      throw new UserError(`network name '${want}' is ambiguous: give its id (${byName.map((n) => n.id).join(', ')})`, { exitCode: EXIT.usage });
    throw new UserError(`network '${want}' not found; networks: ${list(networks.map((n) => n.name || n.id))}`, { exitCode: EXIT.usage });
  }
  if (usable.length === 1) return usable[0]!;
  throw new UserError(
    usable.length
      ? `several networks, none chosen: pass --network (networks: ${list(usable.map((n) => n.name || n.id))})`
      : 'the project has no network to boot on: create one, or pass --network',
    { exitCode: EXIT.usage },
  );
}

/** The external network for floating IPs: by name or id, or with 'auto' the project's only external one. */
export function chooseExternalNetwork(networks: Network[], want: string): Network {
  if (want !== 'auto') return chooseNetwork(networks, want);
  const external = networks.filter((n) => n['router:external']);
  if (external.length === 1) return external[0]!;
  throw new UserError(
    external.length
      ? `several external networks for the floating IP: name one (${list(external.map((n) => n.name || n.id))})`
      : "no external network for a floating IP: name one, or set it to '' to reach the nodes on their own addresses",
    { exitCode: EXIT.usage },
  );
}

export async function networkExtensions(s: Session): Promise<Set<string>> {
  const res = await s.call('network', 'GET', '/v2.0/extensions');
  return new Set(
    answerField<{ alias: string }[]>(res, 'extensions', 'list', [], { call: 'Neutron (list extensions)', of: { fields: { alias: 'string' } } }).map(
      (e) => e.alias,
    ),
  );
}

export async function createPort(s: Session, port: Record<string, unknown>): Promise<Port> {
  const res = await s.call('network', 'POST', '/v2.0/ports', { json: { port } });
  return answerField<Port>(res, 'port', 'object', undefined, { call: 'Neutron (create port)', of: PORT });
}

/** Several ports in one call (Neutron bulk create: all or none), in the order given. */
export async function createPorts(s: Session, ports: Record<string, unknown>[]): Promise<Port[]> {
  const res = await s.call('network', 'POST', '/v2.0/ports', { json: { ports } });
  return answerField<Port[]>(res, 'ports', 'list', undefined, { call: 'Neutron (create ports)', of: PORT });
}

export async function setNeutronTags(s: Session, collection: 'ports' | 'floatingips' | 'security-groups', id: string, tags: string[]): Promise<void> {
  await s.call('network', 'PUT', `/v2.0/${collection}/${encodeURIComponent(id)}/tags`, { json: { tags } });
}

export async function listPorts(s: Session, query: Record<string, string>): Promise<Port[]> {
  const qs = new URLSearchParams(query).toString();
  const res = await s.call('network', 'GET', `/v2.0/ports${qs ? `?${qs}` : ''}`);
  return answerField<Port[]>(res, 'ports', 'list', [], { call: 'Neutron (list ports)', of: PORT });
}

export async function getPort(s: Session, id: string): Promise<Port | undefined> {
  const res = await s.call('network', 'GET', `/v2.0/ports/${encodeURIComponent(id)}`, { accept: [404] });
  return res.status === 404 ? undefined : answerField<Port>(res, 'port', 'object', undefined, { call: 'Neutron (show port)', of: PORT });
}

export async function deletePort(s: Session, id: string): Promise<void> {
  await s.call('network', 'DELETE', `/v2.0/ports/${encodeURIComponent(id)}`, { accept: [404] });
}

export async function createFloatingIp(s: Session, fip: Record<string, unknown>): Promise<FloatingIp> {
  const res = await s.call('network', 'POST', '/v2.0/floatingips', { json: { floatingip: fip } });
  return answerField<FloatingIp>(res, 'floatingip', 'object', undefined, { call: 'Neutron (create floating IP)', of: FLOATING_IP });
}

export async function listFloatingIps(s: Session, query: Record<string, string>): Promise<FloatingIp[]> {
  const qs = new URLSearchParams(query).toString();
  const res = await s.call('network', 'GET', `/v2.0/floatingips${qs ? `?${qs}` : ''}`);
  return answerField<FloatingIp[]>(res, 'floatingips', 'list', [], { call: 'Neutron (list floating IPs)', of: FLOATING_IP });
}

export async function deleteFloatingIp(s: Session, id: string): Promise<void> {
  await s.call('network', 'DELETE', `/v2.0/floatingips/${encodeURIComponent(id)}`, { accept: [404] });
}

export async function createSecurityGroup(s: Session, group: Record<string, unknown>): Promise<SecurityGroup> {
  const res = await s.call('network', 'POST', '/v2.0/security-groups', { json: { security_group: group } });
  return answerField<SecurityGroup>(res, 'security_group', 'object', undefined, { call: 'Neutron (create security group)', of: SECURITY_GROUP });
}

/** Several rules in one call (bulk: all or none). */
export async function createSecurityGroupRules(s: Session, rules: Record<string, unknown>[]): Promise<SecurityGroupRule[]> {
  const res = await s.call('network', 'POST', '/v2.0/security-group-rules', { json: { security_group_rules: rules } });
  return answerField<SecurityGroupRule[]>(res, 'security_group_rules', 'list', undefined, { call: 'Neutron (create security group rules)', of: RULE });
}

export async function listSecurityGroups(s: Session, query: Record<string, string>): Promise<SecurityGroup[]> {
  const qs = new URLSearchParams(query).toString();
  const res = await s.call('network', 'GET', `/v2.0/security-groups${qs ? `?${qs}` : ''}`);
  return answerField<SecurityGroup[]>(res, 'security_groups', 'list', [], { call: 'Neutron (list security groups)', of: SECURITY_GROUP });
}

export async function getSecurityGroup(s: Session, id: string): Promise<SecurityGroup | undefined> {
  const res = await s.call('network', 'GET', `/v2.0/security-groups/${encodeURIComponent(id)}`, { accept: [404] });
  return res.status === 404
    ? undefined
    : answerField<SecurityGroup>(res, 'security_group', 'object', undefined, { call: 'Neutron (show security group)', of: SECURITY_GROUP });
}

/** Delete; a group already gone is fine. A group still used by a port answers 409 (a CloudError). */
export async function deleteSecurityGroup(s: Session, id: string): Promise<void> {
  await s.call('network', 'DELETE', `/v2.0/security-groups/${encodeURIComponent(id)}`, { accept: [404] });
}

/** By id or name (one of the project's); what exists is listed when it is not found. */
export function chooseSecurityGroup(groups: SecurityGroup[], want: string): SecurityGroup {
  const byId = groups.find((g) => g.id === want);
  if (byId) return byId;
  const byName = groups.filter((g) => g.name === want);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1)
    throw new UserError(`security group name '${want}' is ambiguous: give its id (${byName.map((g) => g.id).join(', ')})`, { exitCode: EXIT.usage });
  throw new UserError(`security group '${want}' not found; security groups: ${list(groups.map((g) => g.name || g.id))}`, { exitCode: EXIT.usage });
}
