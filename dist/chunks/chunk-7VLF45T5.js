import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  cleanupRun
} from "./chunk-EWNSINYI.js";
import {
  QuotaError,
  chooseFlavor,
  chooseNetwork,
  createFloatingIp,
  createKeypair,
  createPorts,
  createServer,
  deleteServer,
  findImage,
  getKeypair,
  getPort,
  getServer,
  isQuotaError,
  listFlavors,
  listNetworks,
  listPorts,
  listServers,
  networkExtensions,
  setNeutronTags,
  setServerTags
} from "./chunk-SZENUZMG.js";
import {
  renderUserData,
  require_lib
} from "./chunk-2VM6WFQS.js";
import {
  CLOUD_HELP,
  CLOUD_OPTIONS,
  CloudError,
  NOVA_TAGS_AT_CREATE,
  cloudFromArgs,
  compareMicroversion,
  defaultSleep,
  openSession,
  parseDuration,
  pollDelay
} from "./chunk-6FQIVUDE.js";
import {
  isValidRunId,
  keypairName,
  newRunId,
  planNodes,
  resourceDescription,
  resourceTags,
  runTag
} from "./chunk-LAJXBLTR.js";
import {
  SECRETS_PATH,
  SECRET_LOCALRC_KEYS,
  parseLocalrcEntries
} from "./chunk-LATCVEPG.js";
import {
  flag,
  str,
  strs,
  wholeOption,
  writeJson
} from "./chunk-FLRDIUCQ.js";
import {
  EXIT,
  UserError,
  usageError
} from "./chunk-XOD6W3JI.js";
import {
  __toESM
} from "./chunk-NQJFE2ZZ.js";

// src/cli/commands/provision.ts
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

// src/edges/openstack/provisioner.ts
var import_ssh2 = __toESM(require_lib(), 1);
import { randomBytes } from "node:crypto";
var ProvisionError = class extends UserError {
  cleanup;
  constructor(message, options) {
    super(message, { exitCode: options.exitCode ?? EXIT.infra, cause: options.cause });
    this.name = "ProvisionError";
    this.cleanup = options.cleanup;
  }
};
async function settleAll(items) {
  const results = await Promise.allSettled(items);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => r.value);
}
function fault(server) {
  const f = server.fault;
  if (!f?.message) return "no fault recorded by Nova";
  return `${f.message}${f.code ? ` (code ${f.code})` : ""}`;
}
async function provision(o) {
  const s = o.session;
  const t0 = Date.now();
  const say = (line) => o.onProgress?.(line);
  const sleep = (ms) => defaultSleep(ms, o.signal);
  const checkAbort = () => {
    if (o.signal?.aborted) throw o.signal.reason;
  };
  const nodes = planNodes(o.run, o.subnodes);
  let created = false;
  try {
    say(`provision: run ${o.run.runId}: ${nodes.length} nodes (controller + ${o.subnodes} subnodes)`);
    const [flavors, image, networks, microversion, extensions] = await Promise.all([
      listFlavors(s),
      findImage(s, o.image),
      listNetworks(s),
      s.computeMicroversion(),
      networkExtensions(s)
    ]);
    const flavor = chooseFlavor(flavors, o.flavor);
    const network = chooseNetwork(networks, o.network);
    const floatingNet = o.floatingNetwork ? chooseNetwork(networks, o.floatingNetwork) : void 0;
    const tagsAtCreate = compareMicroversion(microversion, NOVA_TAGS_AT_CREATE) >= 0;
    const portTagsAtCreate = extensions.has("tag-creation");
    say(`provision: flavor ${flavor.name} (${flavor.ram} MB), image ${image.name}, network ${network.name}, compute API ${microversion}`);
    checkAbort();
    const keys = generateRunKey(keypairName(o.run.runId));
    const kpName = keypairName(o.run.runId);
    created = true;
    const makeKeypair = async () => {
      await orFind(
        () => createKeypair(s, kpName, keys.public),
        async () => (await getKeypair(s, kpName))?.public_key?.trim() === keys.public.trim()
      );
    };
    let ports = [];
    const makePorts = async () => {
      const bodies = nodes.map((n) => {
        const body = { network_id: network.id, name: n.name, description: resourceDescription(o.run, n.role) };
        if (portTagsAtCreate) body.tags = n.tags;
        return body;
      });
      await orFind(
        async () => {
          ports = await createPorts(s, bodies);
        },
        async () => {
          const byName = new Map((await listPorts(s, { network_id: network.id })).map((p) => [p.name, p]));
          const found = nodes.map((n) => byName.get(n.name));
          if (found.every((p) => p)) ports = found;
          return found.every((p) => p);
        }
      );
      if (!portTagsAtCreate) await settleAll(ports.map((port, i) => setNeutronTags(s, "ports", port.id, nodes[i].tags)));
    };
    await settleAll([makeKeypair(), makePorts()]);
    const state = nodes.map((plan, i) => {
      const port = ports[i];
      const ip = port.fixed_ips.find((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f.ip_address))?.ip_address ?? port.fixed_ips[0]?.ip_address ?? "";
      return { plan, port, ip, serverId: void 0, createdAt: 0, attempts: 0, activeAfterMs: void 0 };
    });
    const controllerIp = state[0].ip;
    const devstackSecrets = {};
    for (const k of SECRET_LOCALRC_KEYS) devstackSecrets[k] = randomBytes(18).toString("base64url");
    checkAbort();
    const boot = async (n) => {
      const userData = renderUserData({ ...o.devstack, role: n.plan.role, runId: o.run.runId, controllerIp, selfIp: n.ip, computeNodes: nodes.length });
      const body = {
        name: n.plan.name,
        imageRef: image.id,
        flavorRef: flavor.id,
        key_name: kpName,
        networks: [{ port: n.port.id }],
        metadata: n.plan.metadata,
        user_data: Buffer.from(userData).toString("base64")
      };
      if (tagsAtCreate) body.tags = n.plan.tags;
      n.attempts++;
      n.createdAt = Date.now();
      n.serverId = await createOnce(s, body, n.plan.name, o.run.runId);
      if (!tagsAtCreate) await setServerTags(s, n.serverId, n.plan.tags);
    };
    try {
      await settleAll(state.map(boot));
    } catch (err) {
      if (isQuotaError(err)) {
        throw new QuotaError(`quota exceeded: ${err.cloudMessage} (this run needs ${nodes.length} servers of flavor ${flavor.name}: ${flavor.vcpus} vCPUs, ${flavor.ram} MB each); not retried`, err);
      }
      throw err;
    }
    say(`provision: ${nodes.length} servers created; waiting for ACTIVE`);
    const minDelay = o.poll?.initialMs ?? 250;
    const maxDelay = o.poll?.maxMs ?? 2e3;
    let waitStart = Date.now();
    let booted = 0;
    while (state.some((n) => n.activeAfterMs === void 0)) {
      await sleep(pollDelay(Date.now() - waitStart, minDelay, maxDelay));
      const servers = new Map((await listServers(s, { tags: runTag(o.run.runId) })).map((x) => [x.id, x]));
      for (const n of state) {
        if (n.activeAfterMs !== void 0 || !n.serverId) continue;
        let server = servers.get(n.serverId);
        if (!server) server = await getServer(s, n.serverId);
        if (server?.status === "ACTIVE") {
          n.activeAfterMs = Date.now() - n.createdAt;
          booted++;
          say(`provision: nodes booted ${booted}/${nodes.length} (${n.plan.name} ACTIVE after ${(n.activeAfterMs / 1e3).toFixed(1)} s)`);
        } else if (server?.status === "ERROR" || !server) {
          if (server && !server.fault?.message) {
            await sleep(500);
            server = await getServer(s, n.serverId) ?? server;
          }
          const why = server ? fault(server) : "the server disappeared";
          if (n.attempts >= 2) {
            throw new UserError(`${n.plan.name} went to ERROR twice: ${why}`, { exitCode: EXIT.infra });
          }
          say(`provision: ${n.plan.name} went to ERROR: ${why}; trying once more on a new server`);
          await deleteServer(s, n.serverId);
          await waitGone(s, n.serverId, o.bootTimeoutMs, sleep);
          await waitPortFree(s, n.port.id, o.bootTimeoutMs, sleep);
          await boot(n);
          waitStart = Date.now();
        } else if (Date.now() - n.createdAt > o.bootTimeoutMs) {
          throw new UserError(`${n.plan.name} not ACTIVE after ${Math.round(o.bootTimeoutMs / 1e3)} s (status ${server.status}) (--boot-timeout)`, { exitCode: EXIT.infra });
        }
      }
    }
    let floatingIp;
    if (floatingNet) {
      const ctl = state[0];
      const fip = await createFloatingIp(s, { floating_network_id: floatingNet.id, port_id: ctl.port.id, description: resourceDescription(o.run, "controller") });
      await setNeutronTags(s, "floatingips", fip.id, resourceTags(o.run, "controller"));
      floatingIp = fip.floating_ip_address;
      say(`provision: controller floating IP ${floatingIp}`);
    }
    const elapsedMs = Date.now() - t0;
    say(`provision: ready in ${(elapsedMs / 1e3).toFixed(1)} s`);
    return {
      runId: o.run.runId,
      microversion,
      flavor,
      image,
      network,
      keypair: { name: kpName, publicKey: keys.public, privateKey: keys.private },
      devstackSecrets,
      nodes: state.map((n, i) => ({
        role: n.plan.role,
        name: n.plan.name,
        id: n.serverId,
        portId: n.port.id,
        ip: n.ip,
        floatingIp: i === 0 ? floatingIp : void 0,
        attempts: n.attempts,
        activeAfterMs: n.activeAfterMs
      })),
      elapsedMs
    };
  } catch (err) {
    const cancelled = o.signal?.aborted === true && err === o.signal.reason;
    const reason = cancelled ? describeAbort(o.signal.reason) : err instanceof Error ? err.message : String(err);
    if (!created || o.keepOnFailure) {
      if (err instanceof UserError && !cancelled) throw err;
      throw new ProvisionError(`provision failed: ${reason}${created ? " (resources kept: --keep-on-failure)" : ""}`, { cause: err });
    }
    say(`provision: failed (${reason}); cleaning up run ${o.run.runId}`);
    let report;
    try {
      report = await cleanupRun(s, o.run.runId, { onProgress: o.onProgress });
    } catch (cleanupErr) {
      throw new ProvisionError(`provision failed: ${reason}; and cleanup failed too: ${cleanupErr.message} (run \`tempest-gate cleanup --run-id ${o.run.runId}\`)`, { cause: err });
    }
    const left = report.leftovers.length ? `; still present: ${report.leftovers.join(", ")}` : "; cleaned up";
    const exitCode = err instanceof UserError && !cancelled ? err.exitCode : EXIT.infra;
    throw new ProvisionError(`${cancelled ? "provision cancelled" : "provision failed"}: ${reason}${left}`, { cleanup: report, cause: err, exitCode });
  }
}
function generateRunKey(comment) {
  for (let i = 0; ; i++) {
    const keys = import_ssh2.default.utils.generateKeyPairSync("ed25519", { comment });
    const blob = Buffer.from(keys.public.split(" ")[1] ?? "", "base64");
    if (blob.length === 51 && blob.readUInt32BE(15) === 32) return keys;
    if (i >= 20) throw new Error("could not generate a valid ed25519 key");
  }
}
function describeAbort(reason) {
  if (reason instanceof Error && reason.name === "TimeoutError") return "overall timeout reached (--timeout)";
  if (reason instanceof Error) return reason.message;
  return String(reason ?? "cancelled");
}
async function orFind(create, find, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (err) {
      if (!(err instanceof CloudError) || !err.ambiguous || attempt >= attempts) throw err;
      if (await lookAgain(err, find)) return;
    }
  }
}
async function lookAgain(err, find) {
  const settled = err.status !== void 0 && err.status !== 504;
  const waits = settled ? [0] : [0, 1e3, 2e3, 4e3];
  for (const ms of waits) {
    if (ms) await defaultSleep(ms);
    if (await find()) return true;
  }
  return false;
}
async function createOnce(s, body, name, runId) {
  let id;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await orFind(
    async () => {
      id = (await createServer(s, body)).id;
    },
    async () => {
      const existing = await listServers(s, { name: `^${escaped}$`, tags: runTag(runId) });
      id = existing.find((x) => x.status !== "DELETED")?.id;
      return id !== void 0;
    }
  );
  return id;
}
async function waitPortFree(s, id, timeoutMs, sleep) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const port = await getPort(s, id);
    if (!port) throw new UserError(`port ${id} disappeared while its server was replaced`, { exitCode: EXIT.infra });
    if (!port.device_id && !port["binding:host_id"]) return;
    await sleep(pollDelay(Date.now() - start));
  }
  throw new UserError(`port ${id} still in use ${Math.round(timeoutMs / 1e3)} s after its server was deleted`, { exitCode: EXIT.infra });
}
async function waitGone(s, id, timeoutMs, sleep) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (!await getServer(s, id)) return;
    await sleep(pollDelay(Date.now() - start));
  }
  throw new UserError(`server ${id} (ERROR) was not deleted within ${Math.round(timeoutMs / 1e3)} s`, { exitCode: EXIT.infra });
}

// src/cli/commands/provision.ts
var TOKEN_FILE = "token.json";
async function writeState(dir, result, state, token) {
  await mkdir(dir, { recursive: true, mode: 448 });
  const key = join(dir, state.privateKeyFile);
  await writeFile(key, result.keypair.privateKey, { mode: 384 });
  await chmod(key, 384);
  const secrets = join(dir, state.secretsFile);
  await writeFile(secrets, Object.entries(result.devstackSecrets).map(([k, v]) => `${k}=${v}
`).join(""), { mode: 384 });
  await chmod(secrets, 384);
  if (token) {
    const file = join(dir, TOKEN_FILE);
    await writeFile(file, JSON.stringify({ cloud: state.cloud, region: state.region, token }), { mode: 384 });
    await chmod(file, 384);
  }
  await writeFile(join(dir, "provision.json"), `${JSON.stringify(state, null, 2)}
`);
}
var provisionCommand = {
  name: "provision",
  summary: "Boot a controller and N subnodes forming one devstack deployment; clean up on any failure.",
  usage: "--image NAME|ID [--flavor NAME|ID | --min-ram MB] [--subnodes N] [options]",
  options: {
    ...CLOUD_OPTIONS,
    image: { type: "string" },
    flavor: { type: "string" },
    "min-ram": { type: "string" },
    subnodes: { type: "string" },
    network: { type: "string" },
    "floating-network": { type: "string" },
    "run-id": { type: "string" },
    repo: { type: "string" },
    change: { type: "string" },
    "boot-timeout": { type: "string" },
    timeout: { type: "string" },
    "state-dir": { type: "string" },
    "devstack-repo": { type: "string" },
    "devstack-branch": { type: "string" },
    localrc: { type: "string", multiple: true },
    "keep-on-failure": { type: "boolean" }
  },
  help: `Servers:
      --image NAME|ID          image to boot (required)
      --flavor NAME|ID         flavor; or
      --min-ram MB             the smallest flavor with at least this much RAM (default 8192)
      --subnodes N             subnodes besides the controller (default 1, as devstack's two-node jobs)
      --network NAME|ID        network for the nodes (default: the project's only non-external one)
      --floating-network NAME  give the controller a floating IP on this external network
Run:
      --run-id ID              [a-z0-9-], at most 32 characters (default: a new one)
      --repo OWNER/NAME        repository under test, recorded on every resource
      --change ID              change under test (pull request, Gerrit change, SHA), recorded too
      --boot-timeout DURATION  per server, from creation to ACTIVE (default 15m)
      --timeout DURATION       the whole provisioning (default 30m)
      --state-dir DIR          where provision.json, the SSH key, devstack's passwords and the
                               run's token (for cleanup --state) go (default
                               .tempest-gate/runs/<run-id>; the secrets mode 0600)
      --devstack-repo URL      devstack to install (default https://opendev.org/openstack/devstack)
      --devstack-branch NAME   its branch (default master)
      --localrc KEY=VALUE      an extra devstack localrc setting on every node, repeatable; e.g.
                               NOVA_REPO=https://github.com/me/nova.git NOVA_BRANCH=<sha> to deploy
                               the change under test (devstack's passwords are refused)
      --keep-on-failure        leave the resources when provisioning fails (debugging)
${CLOUD_HELP}
Every server, port and floating IP is tagged 'tempest-gate' and 'tempest-gate-run-<id>' and
carries the run id, role, creation time, repository and change from the moment it exists.
Devstack's passwords are never in user-data: each node waits for ${SECRETS_PATH},
which the run step copies from the state folder.
Progress (nodes booted n/N, retries) goes to standard error.
Exit codes:
  0  every node ACTIVE; the state folder written
  2  usage error, unknown cloud/region, missing image, flavor or network (what exists is listed)
  3  a broken clouds.yaml or secure.yaml (file and line)
  4  the cloud failed: credentials refused, quota exceeded, a server in ERROR twice, a timeout,
     cancelled; the run's resources were deleted before exiting`,
  async run(args, io) {
    const image = str(args, "image");
    if (!image) throw usageError("missing --image NAME|ID (see --help)");
    const flavorName = str(args, "flavor");
    const minRamText = str(args, "min-ram");
    if (flavorName && minRamText) throw usageError("give --flavor or --min-ram, not both");
    const minRamMb = wholeOption(args, "min-ram", { min: 0, fallback: 8192 });
    const subnodes = wholeOption(args, "subnodes", { min: 0, fallback: 1 });
    const bootTimeoutMs = parseDuration(str(args, "boot-timeout") ?? "15m", "--boot-timeout");
    const timeoutMs = parseDuration(str(args, "timeout") ?? "30m", "--timeout");
    const extraLocalrc = parseLocalrcEntries(strs(args, "localrc"), "--localrc");
    const now = Date.now();
    const runId = str(args, "run-id") ?? newRunId(now, Math.random);
    if (!isValidRunId(runId)) throw usageError(`--run-id must be lowercase letters, digits and '-', at most 32 characters, not '${runId}'`);
    const json = flag(args, "json");
    const say = (line) => io.stderr.write(`${line}
`);
    const cloud = cloudFromArgs(args, io);
    const run = {
      runId,
      repo: str(args, "repo"),
      change: str(args, "change"),
      createdAt: new Date(now).toISOString(),
      deadline: new Date(now + timeoutMs).toISOString()
    };
    const stateDir = resolve(io.cwd, str(args, "state-dir") ?? join(".tempest-gate", "runs", runId));
    const signal = AbortSignal.any([io.signal, AbortSignal.timeout(timeoutMs)]);
    const session = openSession(cloud, say);
    try {
      const result = await provision({
        session,
        run,
        subnodes,
        flavor: flavorName ? { name: flavorName } : { minRamMb },
        image,
        network: str(args, "network"),
        floatingNetwork: str(args, "floating-network"),
        bootTimeoutMs,
        signal,
        onProgress: say,
        keepOnFailure: flag(args, "keep-on-failure"),
        devstack: {
          devstackRepo: str(args, "devstack-repo"),
          devstackBranch: str(args, "devstack-branch"),
          extraLocalrc
        }
      });
      const state = {
        runId,
        cloud: cloud.name,
        region: cloud.regionName,
        createdAt: run.createdAt,
        deadline: run.deadline,
        flavor: result.flavor.name,
        image: result.image.name,
        network: result.network.name,
        keypair: result.keypair.name,
        privateKeyFile: "id_ed25519",
        secretsFile: "devstack-secrets.env",
        secretsPathOnNodes: SECRETS_PATH,
        nodes: result.nodes.map((n) => ({ role: n.role, name: n.name, id: n.id, ip: n.ip, floatingIp: n.floatingIp, attempts: n.attempts }))
      };
      await writeState(stateDir, result, state, session.keystone.peek());
      if (json) writeJson(io, { ...state, stateDir, elapsedMs: result.elapsedMs, apiCalls: session.http.calls, tokens: session.keystone.tokensIssued });
      else {
        io.stdout.write(`run ${runId}: ${result.nodes.length} nodes ACTIVE in ${(result.elapsedMs / 1e3).toFixed(1)} s (${session.http.calls} API calls)
`);
        for (const n of result.nodes) io.stdout.write(`  ${n.role.padEnd(10)} ${n.name}  ${n.ip}${n.floatingIp ? `  floating ${n.floatingIp}` : ""}${n.attempts > 1 ? "  (second attempt)" : ""}
`);
        io.stdout.write(`state: ${stateDir}/provision.json
`);
      }
      return EXIT.ok;
    } finally {
      await session.close();
    }
  }
};

export {
  TOKEN_FILE,
  provisionCommand
};
