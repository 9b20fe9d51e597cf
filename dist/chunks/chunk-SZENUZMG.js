import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  CloudError
} from "./chunk-6FQIVUDE.js";
import {
  EXIT,
  UserError
} from "./chunk-XOD6W3JI.js";

// src/edges/openstack/api.ts
var QuotaError = class extends UserError {
  constructor(message, cause) {
    super(message, { exitCode: EXIT.infra, cause });
    this.name = "QuotaError";
  }
};
function isQuotaError(err) {
  return err instanceof CloudError && (err.status === 403 || err.status === 413 || err.status === 409 || err.status === 400) && /quota|limit exceeded|over.?limit/i.test(err.cloudMessage);
}
var UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
function list(names, max = 20) {
  if (!names.length) return "none";
  return names.length > max ? `${names.slice(0, max).join(", ")}, ... (${names.length} in all)` : names.join(", ");
}
async function listFlavors(s) {
  const res = await s.call("compute", "GET", "/flavors/detail");
  return (res.json.flavors ?? []).map((f) => ({ ...f, id: String(f.id) }));
}
function chooseFlavor(flavors, want) {
  if (want.name) {
    const f2 = flavors.find((x) => x.name === want.name) ?? flavors.find((x) => x.id === want.name);
    if (!f2) throw new UserError(`flavor '${want.name}' not found; flavors: ${list(flavors.map((x) => `${x.name} (${x.ram} MB)`))}`, { exitCode: EXIT.usage });
    return f2;
  }
  const min = want.minRamMb ?? 0;
  const fits = flavors.filter((f2) => f2.ram >= min).sort((a, b) => a.ram - b.ram || a.vcpus - b.vcpus || a.disk - b.disk || a.name.localeCompare(b.name));
  const f = fits[0];
  if (!f) throw new UserError(`no flavor has ${min} MB of RAM or more; flavors: ${list(flavors.map((x) => `${x.name} (${x.ram} MB)`))}`, { exitCode: EXIT.usage });
  return f;
}
async function listServers(s, query) {
  const qs = new URLSearchParams(query).toString();
  const res = await s.call("compute", "GET", `/servers/detail${qs ? `?${qs}` : ""}`);
  return res.json.servers ?? [];
}
async function getServer(s, id) {
  const res = await s.call("compute", "GET", `/servers/${encodeURIComponent(id)}`, { accept: [404] });
  return res.status === 404 ? void 0 : res.json.server;
}
async function createServer(s, server) {
  const res = await s.call("compute", "POST", "/servers", { json: { server } });
  return { id: res.json.server.id };
}
async function setServerTags(s, id, tags) {
  await s.call("compute", "PUT", `/servers/${encodeURIComponent(id)}/tags`, { json: { tags } });
}
async function deleteServer(s, id) {
  await s.call("compute", "DELETE", `/servers/${encodeURIComponent(id)}`, { accept: [404] });
}
async function createKeypair(s, name, publicKey) {
  await s.call("compute", "POST", "/os-keypairs", { json: { keypair: { name, public_key: publicKey, type: "ssh" } } });
}
async function deleteKeypair(s, name) {
  const res = await s.call("compute", "DELETE", `/os-keypairs/${encodeURIComponent(name)}`, { accept: [404] });
  return res.status !== 404;
}
async function listKeypairs(s) {
  const res = await s.call("compute", "GET", "/os-keypairs");
  return (res.json.keypairs ?? []).map((k) => k.keypair);
}
async function getKeypair(s, name) {
  const res = await s.call("compute", "GET", `/os-keypairs/${encodeURIComponent(name)}`, { accept: [404] });
  return res.status === 404 ? void 0 : res.json.keypair;
}
async function findImage(s, nameOrId) {
  if (UUID.test(nameOrId)) {
    const res2 = await s.call("image", "GET", `/v2/images/${encodeURIComponent(nameOrId)}`, { accept: [404] });
    if (res2.status !== 404) return res2.json;
  }
  const res = await s.call("image", "GET", `/v2/images?name=${encodeURIComponent(nameOrId)}`);
  const found = (res.json.images ?? []).filter((i) => i.status === "active");
  if (found.length > 1) throw new UserError(`image name '${nameOrId}' is ambiguous (${found.length} images): give its id (${found.map((i) => i.id).join(", ")})`, { exitCode: EXIT.usage });
  if (found[0]) return found[0];
  const all = await s.call("image", "GET", "/v2/images?limit=100");
  const names = (all.json.images ?? []).map((i) => i.name || i.id);
  throw new UserError(`image '${nameOrId}' not found; images: ${list(names)}`, { exitCode: EXIT.usage });
}
async function listNetworks(s) {
  const res = await s.call("network", "GET", "/v2.0/networks");
  return res.json.networks ?? [];
}
function chooseNetwork(networks, want) {
  const usable = networks.filter((n) => !n["router:external"]);
  if (want) {
    const byId = networks.find((n) => n.id === want);
    if (byId) return byId;
    const byName = networks.filter((n) => n.name === want);
    if (byName.length === 1) return byName[0];
    if (byName.length > 1) throw new UserError(`network name '${want}' is ambiguous: give its id (${byName.map((n) => n.id).join(", ")})`, { exitCode: EXIT.usage });
    throw new UserError(`network '${want}' not found; networks: ${list(networks.map((n) => n.name || n.id))}`, { exitCode: EXIT.usage });
  }
  if (usable.length === 1) return usable[0];
  throw new UserError(
    usable.length ? `several networks, none chosen: pass --network (networks: ${list(usable.map((n) => n.name || n.id))})` : "the project has no network to boot on: create one, or pass --network",
    { exitCode: EXIT.usage }
  );
}
async function networkExtensions(s) {
  const res = await s.call("network", "GET", "/v2.0/extensions");
  return new Set((res.json.extensions ?? []).map((e) => e.alias));
}
async function createPorts(s, ports) {
  const res = await s.call("network", "POST", "/v2.0/ports", { json: { ports } });
  return res.json.ports;
}
async function setNeutronTags(s, collection, id, tags) {
  await s.call("network", "PUT", `/v2.0/${collection}/${encodeURIComponent(id)}/tags`, { json: { tags } });
}
async function listPorts(s, query) {
  const qs = new URLSearchParams(query).toString();
  const res = await s.call("network", "GET", `/v2.0/ports${qs ? `?${qs}` : ""}`);
  return res.json.ports ?? [];
}
async function getPort(s, id) {
  const res = await s.call("network", "GET", `/v2.0/ports/${encodeURIComponent(id)}`, { accept: [404] });
  return res.status === 404 ? void 0 : res.json.port;
}
async function deletePort(s, id) {
  await s.call("network", "DELETE", `/v2.0/ports/${encodeURIComponent(id)}`, { accept: [404] });
}
async function createFloatingIp(s, fip) {
  const res = await s.call("network", "POST", "/v2.0/floatingips", { json: { floatingip: fip } });
  return res.json.floatingip;
}
async function listFloatingIps(s, query) {
  const qs = new URLSearchParams(query).toString();
  const res = await s.call("network", "GET", `/v2.0/floatingips${qs ? `?${qs}` : ""}`);
  return res.json.floatingips ?? [];
}
async function deleteFloatingIp(s, id) {
  await s.call("network", "DELETE", `/v2.0/floatingips/${encodeURIComponent(id)}`, { accept: [404] });
}

export {
  QuotaError,
  isQuotaError,
  listFlavors,
  chooseFlavor,
  listServers,
  getServer,
  createServer,
  setServerTags,
  deleteServer,
  createKeypair,
  deleteKeypair,
  listKeypairs,
  getKeypair,
  findImage,
  listNetworks,
  chooseNetwork,
  networkExtensions,
  createPorts,
  setNeutronTags,
  listPorts,
  getPort,
  deletePort,
  createFloatingIp,
  listFloatingIps,
  deleteFloatingIp
};
