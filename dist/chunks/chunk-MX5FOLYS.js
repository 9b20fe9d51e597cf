import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  TOKEN_FILE,
  cleanupRun,
  openSession,
  sweep
} from "./chunk-ER65E557.js";

// src/stages/cleanup.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";
async function savedToken(stateDir) {
  return readFile(join(stateDir, TOKEN_FILE), "utf8").then((t) => JSON.parse(t)).catch(() => void 0);
}
async function withSession(o, use) {
  const session = openSession(o.cloud, o.log);
  const t = o.token;
  if (t?.token && t.cloud === o.cloud.name && t.region === o.cloud.regionName) {
    session.keystone.seed({ ...t.token, expiresAt: new Date(t.token.expiresAt), projectId: t.token.projectId, userId: t.token.userId });
  }
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}
function cleanupStage(o) {
  return withSession(o, async (session) => {
    const report = await cleanupRun(session, o.runId, { ...o.waitTimeoutMs !== void 0 ? { waitTimeoutMs: o.waitTimeoutMs } : {}, onProgress: o.log });
    return { ...report, apiCalls: session.http.calls, tokensIssued: session.keystone.tokensIssued };
  });
}
function sweepStage(o) {
  return withSession(
    o,
    (session) => sweep(session, {
      olderThanMs: o.olderThanMs,
      exceptRuns: o.exceptRuns,
      dryRun: o.dryRun,
      ...o.waitTimeoutMs !== void 0 ? { waitTimeoutMs: o.waitTimeoutMs } : {},
      onProgress: o.log
    })
  );
}
function cleanupLines(r) {
  return {
    deleted: [
      ...r.servers.map((x) => `server ${x}`),
      ...r.ports.map((x) => `port ${x}`),
      ...r.floatingIps.map((x) => `floating IP ${x}`),
      ...r.keypairs.map((x) => `keypair ${x}`),
      ...r.securityGroups.map((x) => `security group ${x}`)
    ],
    leftover: r.leftovers
  };
}

export {
  savedToken,
  cleanupStage,
  sweepStage,
  cleanupLines
};
