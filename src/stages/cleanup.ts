// The cleanup stage: every resource of one run deleted (found by its tag, even when provision
// died early), or every leaked resource of ours swept. Safe to run when nothing was created.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogService } from '../edges/openstack/keystone.ts';
import { cleanupRun, sweep, type CleanupReport } from '../edges/openstack/cleanup.ts';
import { openSession, type ResolvedCloud } from './cloud.ts';
import { TOKEN_FILE } from './provision.ts';

export type { CleanupReport };

/** The token the provision stage left in its state folder, for one token per run. */
export interface SavedToken {
  cloud?: string;
  region?: string;
  token?: { value: string; expiresAt: string; catalog: CatalogService[]; projectId?: string; userId?: string };
}

export async function savedToken(stateDir: string): Promise<SavedToken | undefined> {
  return readFile(join(stateDir, TOKEN_FILE), 'utf8')
    .then((t) => JSON.parse(t) as SavedToken)
    .catch(() => undefined);
}

interface Common {
  cloud: ResolvedCloud;
  waitTimeoutMs?: number;
  log: (line: string) => void;
  /** Reused when it is for this cloud and region. */
  token?: SavedToken | undefined;
}

async function withSession<T>(o: Common, use: (s: ReturnType<typeof openSession>) => Promise<T>): Promise<T> {
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

export interface CleanupResult extends CleanupReport {
  apiCalls: number;
  tokensIssued: number;
}

export function cleanupStage(o: Common & { runId: string }): Promise<CleanupResult> {
  return withSession(o, async (session) => {
    const report = await cleanupRun(session, o.runId, { ...(o.waitTimeoutMs !== undefined ? { waitTimeoutMs: o.waitTimeoutMs } : {}), onProgress: o.log });
    return { ...report, apiCalls: session.http.calls, tokensIssued: session.keystone.tokensIssued };
  });
}

export function sweepStage(o: Common & { olderThanMs: number; exceptRuns: string[]; dryRun: boolean }): ReturnType<typeof sweep> {
  return withSession(o, (session) =>
    sweep(session, {
      olderThanMs: o.olderThanMs,
      exceptRuns: o.exceptRuns,
      dryRun: o.dryRun,
      ...(o.waitTimeoutMs !== undefined ? { waitTimeoutMs: o.waitTimeoutMs } : {}),
      onProgress: o.log,
    }),
  );
}

/** A cleanup report as lines for people: what went, and what is left. */
export function cleanupLines(r: CleanupReport): { deleted: string[]; leftover: string[] } {
  return {
    deleted: [
      ...r.servers.map((x) => `server ${x}`),
      ...r.ports.map((x) => `port ${x}`),
      ...r.floatingIps.map((x) => `floating IP ${x}`),
      ...r.keypairs.map((x) => `keypair ${x}`),
      ...r.securityGroups.map((x) => `security group ${x}`),
    ],
    leftover: r.leftovers,
  };
}
