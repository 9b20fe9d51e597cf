// The post step's cleanup through the OpenStack edge: resolve the cloud as openstacksdk does
// (the `clouds-yaml` input, written to a private temp file for the resolver, or OS_* variables),
// then delete every resource of the run by its run id (src/edges/openstack/cleanup.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCloud } from '../edges/openstack/cloud-config.ts';
import { cleanupRun } from '../edges/openstack/cleanup.ts';
import { openSession } from '../cli/openstack-args.ts';
import type { CleanupStage, CleanupReport } from './stages.ts';

export const openstackCleanup: CleanupStage = {
  async cleanup({ settings, runId, log }): Promise<CleanupReport> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    let dir: string | null = null;
    try {
      if (settings.cloud?.cloudsYaml) {
        // Readable by this user only, removed in finally: the resolver reads files, not strings.
        dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'tempest-gate-cloud-'));
        const file = join(dir, 'clouds.yaml');
        await writeFile(file, settings.cloud.cloudsYaml, { mode: 0o600 });
        env.OS_CLIENT_CONFIG_FILE = file;
      }
      const cloud = resolveCloud({ cloud: settings.cloud?.name ?? undefined, regionName: env.OS_REGION_NAME || undefined, env, cwd: process.cwd(), home: env.HOME });
      const session = openSession(cloud, log);
      try {
        const r = await cleanupRun(session, runId, { onProgress: log });
        return {
          deleted: [
            ...r.servers.map((x) => `server ${x}`),
            ...r.ports.map((x) => `port ${x}`),
            ...r.floatingIps.map((x) => `floating IP ${x}`),
            ...r.keypairs.map((x) => `keypair ${x}`),
          ],
          leftover: r.leftovers,
        };
      } finally {
        await session.close();
      }
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  },
};
