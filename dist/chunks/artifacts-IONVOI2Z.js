import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  DefaultArtifactClient
} from "./chunk-QUCT464V.js";
import "./chunk-KXWUZ2QK.js";
import "./chunk-DSMXSV3X.js";
import "./chunk-WEZUQMLQ.js";
import "./chunk-7X7P2LP7.js";
import "./chunk-NQJFE2ZZ.js";

// src/edges/github/artifacts.ts
async function uploadArtifact(o) {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
    return { uploaded: false, reason: "the runner did not provide ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL (not running on GitHub Actions?)" };
  }
  const client = new DefaultArtifactClient();
  const r = await client.uploadArtifact(o.name, o.files, o.rootDirectory, o.retentionDays ? { retentionDays: o.retentionDays } : {});
  return { uploaded: true, id: r.id ?? null, size: r.size ?? null };
}
function namePattern(pattern) {
  return new RegExp(
    `^${pattern.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`
  );
}
async function downloadMatchingArtifacts(o) {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL)
    throw new Error("the runner did not provide ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL (not running on GitHub Actions?)");
  const client = new DefaultArtifactClient();
  const re = namePattern(o.pattern);
  const { artifacts } = await client.listArtifacts({ latest: true });
  const out = [];
  for (const a of artifacts.filter((x) => re.test(x.name)).sort((x, y) => x.name < y.name ? -1 : x.name > y.name ? 1 : 0)) {
    const dir = `${o.path}/artifact-${a.id}`;
    o.log(`downloading artifact '${a.name}' (id ${a.id}, ${a.size} bytes)`);
    await client.downloadArtifact(a.id, { path: dir });
    out.push({ name: a.name, id: a.id, dir });
  }
  return out;
}
export {
  downloadMatchingArtifacts,
  namePattern,
  uploadArtifact
};
