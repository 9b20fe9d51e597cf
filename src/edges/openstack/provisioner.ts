// Boot a controller and N subnodes for one run: look the flavor, image and network up, make a
// keypair and a security group for the run (or use the one named), create one port per node (so every node's IP, the controller's above all,
// is known before any server exists and goes into each node's user-data), create the servers in
// parallel, tagged and with metadata from the first call, and wait for ACTIVE with backoff.
// A server that goes to ERROR is reported with Nova's fault and replaced once; a quota refusal
// is reported and not retried. Whatever fails, and on cancel or timeout, the run is cleaned up
// before the error is passed on.
import ssh2 from 'ssh2';
import { randomBytes } from 'node:crypto';
import { EXIT, UserError } from '../../core/errors.ts';
import {
  planNodes,
  parseDescription,
  resourceDescription,
  resourceTags,
  runTag,
  keypairName,
  securityGroupName,
  securityGroupRules,
  type PlannedNode,
  type RunIdentity,
} from '../../core/provision/plan.ts';
import { SECRET_LOCALRC_KEYS } from '../../core/provision/local-conf.ts';
import { renderUserData, type UserDataOptions } from '../../core/provision/user-data.ts';
import {
  chooseFlavor,
  chooseExternalNetwork,
  chooseNetwork,
  chooseSecurityGroup,
  createFloatingIp,
  createKeypair,
  createPorts,
  createSecurityGroup,
  createSecurityGroupRules,
  createServer,
  deleteServer,
  findImage,
  getKeypair,
  getPort,
  getSecurityGroup,
  getServer,
  listPorts,
  isQuotaError,
  listFlavors,
  listNetworks,
  listSecurityGroups,
  listServers,
  networkExtensions,
  QuotaError,
  setNeutronTags,
  setServerTags,
  type Flavor,
  type Image,
  type Network,
  type Port,
  type SecurityGroup,
  type Server,
} from './api.ts';
import { cleanupRun, type CleanupReport } from './cleanup.ts';
import { CloudError, defaultSleep, pollDelay } from './http.ts';
import { compareMicroversion, NOVA_TAGS_AT_CREATE, type Session } from './session.ts';

export interface ProvisionOptions {
  session: Session;
  run: RunIdentity;
  subnodes: number;
  flavor: { name?: string | undefined; minRamMb?: number | undefined };
  image: string;
  network?: string | undefined;
  /** an external network (name, id, or 'auto': the only external one): the controller gets a floating IP on it */
  floatingNetwork?: string | undefined;
  /**
   * The nodes' security group. Default `{ create: true }`: one for the run, tagged like the rest
   * and removed with it, allowing SSH from `sshCidr` (default 0.0.0.0/0) and everything between
   * the run's nodes. `{ name }`: an existing group (name or id), used as it is and never deleted.
   */
  securityGroup?: SecurityGroupChoice | undefined;
  /** time allowed from a server's creation to ACTIVE (each attempt) */
  bootTimeoutMs: number;
  /** cancel (SIGINT/SIGTERM) and the overall timeout */
  signal?: AbortSignal | undefined;
  onProgress?: (line: string) => void;
  /** devstack settings for the user-data */
  devstack?: Pick<UserDataOptions, 'devstackRepo' | 'devstackBranch' | 'libvirtType' | 'externalBridgeMtu' | 'extraLocalrc'>;
  /** leave the resources in place when provisioning fails (debugging) */
  keepOnFailure?: boolean;
  poll?: { initialMs: number; maxMs: number };
}

export type SecurityGroupChoice = { create: true; sshCidr?: string | undefined } | { name: string };

export interface ProvisionedNode {
  role: PlannedNode['role'];
  name: string;
  id: string;
  portId: string;
  ip: string;
  floatingIp: string | undefined;
  /** 1, or 2 when the first server went to ERROR */
  attempts: number;
  activeAfterMs: number;
}

export interface ProvisionResult {
  runId: string;
  microversion: string;
  flavor: Flavor;
  image: Image;
  network: Network;
  /** `created`: made for this run (cleanup removes it); otherwise the user's, left alone */
  securityGroup: { id: string; name: string; created: boolean };
  keypair: { name: string; publicKey: string; privateKey: string };
  /** devstack passwords for the run step to copy to the nodes (never in user-data) */
  devstackSecrets: Record<string, string>;
  nodes: ProvisionedNode[];
  elapsedMs: number;
}

/** Provisioning failed; the run was cleaned up (see `cleanup`). */
export class ProvisionError extends UserError {
  readonly cleanup: CleanupReport | undefined;
  constructor(message: string, options: { cleanup?: CleanupReport; cause?: unknown; exitCode?: (typeof EXIT)[keyof typeof EXIT] }) {
    super(message, { exitCode: options.exitCode ?? EXIT.infra, cause: options.cause });
    this.name = 'ProvisionError';
    this.cleanup = options.cleanup;
  }
}

/** Wait for every promise, then fail with the first failure: nothing is left in flight. */
async function settleAll<T>(items: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(items);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

function fault(server: Server): string {
  const f = server.fault;
  if (!f?.message) return 'no fault recorded by Nova';
  return `${f.message}${f.code ? ` (code ${f.code})` : ''}`;
}

interface NodeState {
  plan: PlannedNode;
  port: Port;
  ip: string;
  serverId: string | undefined;
  createdAt: number;
  attempts: number;
  activeAfterMs: number | undefined;
}

/** What the phases of one provisioning share. */
interface Provisioning {
  o: ProvisionOptions;
  s: Session;
  nodes: PlannedNode[];
  say: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  /** Neutron takes tags in the create call (the tag-creation extension). */
  portTagsAtCreate: boolean;
}

/**
 * Boot the run's nodes in phases: look up what the cloud has; make the keypair, the security
 * group and one port per node; boot every server; wait until all are ACTIVE (a server in ERROR
 * is retried once on a new server); give the controller its floating IP. On any failure, cancel
 * or timeout everything the run made is deleted before the error is thrown.
 */
export async function provision(o: ProvisionOptions): Promise<ProvisionResult> {
  const s = o.session;
  const t0 = Date.now();
  const nodes = planNodes(o.run, o.subnodes);
  const p: Provisioning = { o, s, nodes, say: (line) => o.onProgress?.(line), sleep: (ms) => defaultSleep(ms, o.signal), portTagsAtCreate: false };
  const checkAbort = () => {
    if (o.signal?.aborted) throw o.signal.reason;
  };
  const sgChoice: SecurityGroupChoice = o.securityGroup ?? { create: true };
  const sshCidr = 'create' in sgChoice ? (sgChoice.sshCidr ?? '0.0.0.0/0') : undefined;
  if (sshCidr !== undefined && !/^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/.test(sshCidr)) {
    throw new UserError(`SSH source '${sshCidr}' is not a CIDR like 203.0.113.7/32 or 2001:db8::/64`, { exitCode: EXIT.usage });
  }
  let created = false; // anything made in the cloud yet?
  try {
    p.say(`provision: run ${o.run.runId}: ${nodes.length} nodes (controller + ${o.subnodes} subnodes)`);
    const [flavors, image, networks, microversion, extensions, namedGroup] = await Promise.all([
      listFlavors(s),
      findImage(s, o.image),
      listNetworks(s),
      s.computeMicroversion(),
      networkExtensions(s),
      'name' in sgChoice ? listSecurityGroups(s, {}).then((groups) => chooseSecurityGroup(groups, sgChoice.name)) : Promise.resolve(undefined),
    ]);
    const flavor = chooseFlavor(flavors, o.flavor);
    const network = chooseNetwork(networks, o.network);
    const floatingNet = o.floatingNetwork ? chooseExternalNetwork(networks, o.floatingNetwork) : undefined;
    const tagsAtCreate = compareMicroversion(microversion, NOVA_TAGS_AT_CREATE) >= 0;
    p.portTagsAtCreate = extensions.has('tag-creation');
    p.say(`provision: flavor ${flavor.name} (${flavor.ram} MB), image ${image.name}, network ${network.name}, compute API ${microversion}`);
    checkAbort();

    // keypair: made here, only the public half goes to the cloud
    const kpName = keypairName(o.run.runId);
    const keys = generateRunKey(kpName);
    created = true;
    // the keypair and the ports do not depend on each other: made at the same time
    const makeKeypair = async (): Promise<void> => {
      await orFind(
        () => createKeypair(s, kpName, keys.public),
        async () => ((await getKeypair(s, kpName)) as { public_key?: string } | undefined)?.public_key?.trim() === keys.public.trim(),
      );
    };
    let group: SecurityGroup | undefined = namedGroup;
    let ports: Port[] = [];
    const makeNetworking = async (): Promise<void> => {
      // the group first: every port is made with it
      group ??= await makeSecurityGroup(p, sshCidr ?? '0.0.0.0/0');
      ports = await makePorts(p, network, group.id);
    };
    await settleAll([makeKeypair(), makeNetworking()]);
    const state: NodeState[] = nodes.map((plan, i) => {
      const port = ports[i]!;
      const ip = port.fixed_ips.find((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f.ip_address))?.ip_address ?? port.fixed_ips[0]?.ip_address ?? '';
      return { plan, port, ip, serverId: undefined, createdAt: 0, attempts: 0, activeAfterMs: undefined };
    });
    const controllerIp = state[0]!.ip;
    const devstackSecrets: Record<string, string> = {};
    for (const k of SECRET_LOCALRC_KEYS) devstackSecrets[k] = randomBytes(18).toString('base64url');
    checkAbort();

    const boot = (n: NodeState): Promise<void> => bootServer(p, n, { image, flavor, keypair: kpName, controllerIp, tagsAtCreate });
    try {
      await settleAll(state.map(boot));
    } catch (err) {
      if (isQuotaError(err)) {
        throw new QuotaError(
          `quota exceeded: ${err.cloudMessage} (this run needs ${nodes.length} servers of flavor ${flavor.name}: ${flavor.vcpus} vCPUs, ${flavor.ram} MB each); not retried`,
          err,
        );
      }
      throw err;
    }
    p.say(`provision: ${nodes.length} servers created; waiting for ACTIVE`);
    await waitActive(p, state, boot);
    const floatingIp = floatingNet ? await attachFloatingIp(p, state[0]!, floatingNet) : undefined;

    const elapsedMs = Date.now() - t0;
    p.say(`provision: ready in ${(elapsedMs / 1000).toFixed(1)} s`);
    return {
      runId: o.run.runId,
      microversion,
      flavor,
      image,
      network,
      securityGroup: { id: group!.id, name: group!.name, created: namedGroup === undefined },
      keypair: { name: kpName, publicKey: keys.public, privateKey: keys.private },
      devstackSecrets,
      nodes: state.map((n, i) => ({
        role: n.plan.role,
        name: n.plan.name,
        id: n.serverId!,
        portId: n.port.id,
        ip: n.ip,
        floatingIp: i === 0 ? floatingIp : undefined,
        attempts: n.attempts,
        activeAfterMs: n.activeAfterMs!,
      })),
      elapsedMs,
    };
  } catch (err) {
    throw await failed(p, err, created);
  }
}

/** The run's own security group: SSH from `sshCidr`, all traffic between the run's nodes. */
async function makeSecurityGroup(p: Provisioning, sshCidr: string): Promise<SecurityGroup> {
  const { o, s } = p;
  const name = securityGroupName(o.run.runId);
  const body: Record<string, unknown> = { name, description: resourceDescription(o.run) };
  if (p.portTagsAtCreate) body.tags = resourceTags(o.run);
  let made: SecurityGroup | undefined;
  await orFind(
    async () => {
      made = await createSecurityGroup(s, body);
    },
    async () => {
      made = (await listSecurityGroups(s, { name })).find((g) => parseDescription(g.description)?.run === o.run.runId);
      return made !== undefined;
    },
  );
  const sg = made!;
  if (!p.portTagsAtCreate) await setNeutronTags(s, 'security-groups', sg.id, resourceTags(o.run));
  const rules = securityGroupRules(sg.id, sshCidr);
  await orFind(
    async () => void (await createSecurityGroupRules(s, rules)),
    // bulk creation is all or none: the ingress rules are there, or none of them
    async () => ((await getSecurityGroup(s, sg.id))?.security_group_rules ?? []).filter((r) => r.direction === 'ingress').length >= rules.length,
  );
  p.say(`provision: security group ${name} (SSH from ${sshCidr}, all traffic between the run's nodes)`);
  return sg;
}

/** One port per node, all in one bulk call: every IP is known before any server exists. */
async function makePorts(p: Provisioning, network: Network, groupId: string): Promise<Port[]> {
  const { o, s, nodes } = p;
  const bodies = nodes.map((n) => {
    const body: Record<string, unknown> = { network_id: network.id, name: n.name, description: resourceDescription(o.run, n.role), security_groups: [groupId] };
    if (p.portTagsAtCreate) body.tags = n.tags;
    return body;
  });
  let ports: Port[] = [];
  await orFind(
    async () => {
      ports = await createPorts(s, bodies);
    },
    async () => {
      // bulk creation is all or none: either every port is there, or none is
      const byName = new Map((await listPorts(s, { network_id: network.id })).map((x) => [x.name, x]));
      const found = nodes.map((n) => byName.get(n.name));
      if (found.every((x) => x)) ports = found as Port[];
      return found.every((x) => x);
    },
  );
  if (!p.portTagsAtCreate) await settleAll(ports.map((port, i) => setNeutronTags(s, 'ports', port.id, nodes[i]!.tags)));
  return ports;
}

async function bootServer(
  p: Provisioning,
  n: NodeState,
  c: { image: Image; flavor: Flavor; keypair: string; controllerIp: string; tagsAtCreate: boolean },
): Promise<void> {
  const { o, s } = p;
  const userData = renderUserData({
    ...o.devstack,
    role: n.plan.role,
    runId: o.run.runId,
    controllerIp: c.controllerIp,
    selfIp: n.ip,
    computeNodes: p.nodes.length,
  });
  const body: Record<string, unknown> = {
    name: n.plan.name,
    imageRef: c.image.id,
    flavorRef: c.flavor.id,
    key_name: c.keypair,
    networks: [{ port: n.port.id }],
    metadata: n.plan.metadata,
    user_data: Buffer.from(userData).toString('base64'),
  };
  if (c.tagsAtCreate) body.tags = n.plan.tags;
  n.attempts++;
  n.createdAt = Date.now();
  n.serverId = await createOnce(s, body, n.plan.name, o.run.runId);
  if (!c.tagsAtCreate) await setServerTags(s, n.serverId, n.plan.tags);
}

/** One list call per poll for all nodes, with backoff; a server in ERROR is replaced once. */
async function waitActive(p: Provisioning, state: NodeState[], boot: (n: NodeState) => Promise<void>): Promise<void> {
  const { o, s } = p;
  const minDelay = o.poll?.initialMs ?? 250;
  const maxDelay = o.poll?.maxMs ?? 2000;
  let waitStart = Date.now();
  let booted = 0;
  while (state.some((n) => n.activeAfterMs === undefined)) {
    await p.sleep(pollDelay(Date.now() - waitStart, minDelay, maxDelay));
    const servers = new Map((await listServers(s, { tags: runTag(o.run.runId) })).map((x) => [x.id, x]));
    for (const n of state) {
      if (n.activeAfterMs !== undefined || !n.serverId) continue;
      let server = servers.get(n.serverId);
      // tags set after creation (old microversion) may lag the list: ask directly
      if (!server) server = await getServer(s, n.serverId);
      if (server?.status === 'ACTIVE') {
        n.activeAfterMs = Date.now() - n.createdAt;
        booted++;
        p.say(`provision: nodes booted ${booted}/${state.length} (${n.plan.name} ACTIVE after ${(n.activeAfterMs / 1000).toFixed(1)} s)`);
      } else if (server?.status === 'ERROR' || !server) {
        // Nova sets ERROR a moment before it records the fault: ask again for it once
        if (server && !server.fault?.message) {
          await p.sleep(500);
          server = (await getServer(s, n.serverId)) ?? server;
        }
        const why = server ? fault(server) : 'the server disappeared';
        if (n.attempts >= 2) {
          throw new UserError(`${n.plan.name} went to ERROR twice: ${why}`, { exitCode: EXIT.infra });
        }
        p.say(`provision: ${n.plan.name} went to ERROR: ${why}; trying once more on a new server`);
        await deleteServer(s, n.serverId);
        await waitGone(s, n.serverId, o.bootTimeoutMs, p.sleep);
        await waitPortFree(s, n.port.id, o.bootTimeoutMs, p.sleep);
        await boot(n);
        waitStart = Date.now();
      } else if (Date.now() - n.createdAt > o.bootTimeoutMs) {
        throw new UserError(`${n.plan.name} not ACTIVE after ${Math.round(o.bootTimeoutMs / 1000)} s (status ${server.status}) (--boot-timeout)`, {
          exitCode: EXIT.infra,
        });
      }
    }
  }
}

async function attachFloatingIp(p: Provisioning, controller: NodeState, floatingNet: Network): Promise<string> {
  const { o, s } = p;
  const fip = await createFloatingIp(s, {
    floating_network_id: floatingNet.id,
    port_id: controller.port.id,
    description: resourceDescription(o.run, 'controller'),
  });
  await setNeutronTags(s, 'floatingips', fip.id, resourceTags(o.run, 'controller'));
  p.say(`provision: controller floating IP ${fip.floating_ip_address}`);
  return fip.floating_ip_address;
}

/** The error to throw for a failure: after deleting what the run made (unless kept on purpose). */
async function failed(p: Provisioning, err: unknown, created: boolean): Promise<Error> {
  const { o, s } = p;
  const cancelled = o.signal?.aborted === true && err === o.signal.reason;
  const reason = cancelled ? describeAbort(o.signal!.reason) : err instanceof Error ? err.message : String(err);
  if (!created || o.keepOnFailure) {
    if (err instanceof UserError && !cancelled) return err;
    return new ProvisionError(`${cancelled ? 'provision cancelled' : 'provision failed'}: ${reason}${created ? ' (resources kept: --keep-on-failure)' : ''}`, {
      cause: err,
    });
  }
  p.say(`provision: failed (${reason}); cleaning up run ${o.run.runId}`);
  // The session's requests were cancelled with the run: the cleanup's must go through.
  s.http.ignoreCancel();
  let report: CleanupReport | undefined;
  try {
    report = await cleanupRun(s, o.run.runId, { onProgress: o.onProgress });
  } catch (cleanupErr) {
    return new ProvisionError(
      `provision failed: ${reason}; and cleanup failed too: ${(cleanupErr as Error).message} (run \`tempest-gate cleanup --run-id ${o.run.runId}\`)`,
      { cause: err },
    );
  }
  const left = report.leftovers.length ? `; still present: ${report.leftovers.join(', ')}` : '; cleaned up';
  const exitCode = err instanceof UserError && !cancelled ? err.exitCode : EXIT.infra;
  return new ProvisionError(`${cancelled ? 'provision cancelled' : 'provision failed'}: ${reason}${left}`, { cleanup: report, cause: err, exitCode });
}

/**
 * An ed25519 key pair in OpenSSH format. ssh2 1.17 drops a leading zero byte of the public key
 * about once in 400 keys (31 bytes instead of 32), which Nova rejects ("failed to generate
 * fingerprint"): such a key is thrown away and another made.
 */
export function generateRunKey(comment: string): { public: string; private: string } {
  for (let i = 0; ; i++) {
    const keys = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    const blob = Buffer.from(keys.public.split(' ')[1] ?? '', 'base64');
    // string "ssh-ed25519" (4 + 11 bytes) then string key (4 + 32 bytes)
    if (blob.length === 51 && blob.readUInt32BE(15) === 32) return keys;
    if (i >= 20) throw new Error('could not generate a valid ed25519 key');
  }
}

function describeAbort(reason: unknown): string {
  if (reason instanceof Error && reason.name === 'TimeoutError') return 'overall timeout reached (--timeout)';
  if (reason instanceof Error) return reason.message;
  return typeof reason === 'string' || typeof reason === 'number' ? String(reason) : 'cancelled';
}

/**
 * A create call whose answer may be lost (reset, timeout, 5xx): before trying again, look for
 * what it would have made. `find` says whether it exists (and picks it up).
 */
async function orFind(create: () => Promise<void>, find: () => Promise<boolean>, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (err) {
      if (!(err instanceof CloudError) || !err.ambiguous || attempt >= attempts) throw err;
      if (await lookAgain(err, find)) return;
    }
  }
}

/**
 * After an ambiguous failure, is the thing there? An answer from the cloud (500, 502, 503) means
 * the request is over: one look decides. A timeout, a reset or a gateway timeout (504) may leave
 * it still running: look a few times (1, 2, 4 s apart) before deciding it never happened.
 */
async function lookAgain(err: CloudError, find: () => Promise<boolean>): Promise<boolean> {
  const settled = err.status !== undefined && err.status !== 504;
  const waits = settled ? [0] : [0, 1000, 2000, 4000];
  for (const ms of waits) {
    if (ms) await defaultSleep(ms);
    if (await find()) return true;
  }
  return false;
}

/** POST /servers; when the answer is lost (reset, 5xx), look for the server before trying again. */
async function createOnce(s: Session, body: Record<string, unknown>, name: string, runId: string): Promise<string> {
  let id: string | undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await orFind(
    async () => {
      id = (await createServer(s, body)).id;
    },
    async () => {
      const existing = await listServers(s, { name: `^${escaped}$`, tags: runTag(runId) });
      id = existing.find((x) => x.status !== 'DELETED')?.id;
      return id !== undefined;
    },
  );
  return id!;
}

/**
 * Nova unbinds a port it did not create while it deletes the server, but a server deleted while
 * its build was still binding the port can leave the binding behind for a moment; a new server
 * on a port still bound elsewhere fails its build. Wait until the port is free.
 */
async function waitPortFree(s: Session, id: string, timeoutMs: number, sleep: (ms: number) => Promise<void>): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const port = await getPort(s, id);
    if (!port) throw new UserError(`port ${id} disappeared while its server was replaced`, { exitCode: EXIT.infra });
    if (!port.device_id && !port['binding:host_id']) return;
    await sleep(pollDelay(Date.now() - start));
  }
  throw new UserError(`port ${id} still in use ${Math.round(timeoutMs / 1000)} s after its server was deleted`, { exitCode: EXIT.infra });
}

async function waitGone(s: Session, id: string, timeoutMs: number, sleep: (ms: number) => Promise<void>): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (!(await getServer(s, id))) return;
    await sleep(pollDelay(Date.now() - start));
  }
  throw new UserError(`server ${id} (ERROR) was not deleted within ${Math.round(timeoutMs / 1000)} s`, { exitCode: EXIT.infra });
}
