// The post step's cleanup through the OpenStack edge: resolve the cloud (cloud-env.ts), then
// delete every resource of the run by its run id (src/edges/openstack/cleanup.ts).
import { resolveCloud } from '../edges/openstack/cloud-config.ts';
import { cleanupRun } from '../edges/openstack/cleanup.ts';
import { openSession } from '../cli/openstack-args.ts';
import { withCloudEnv } from './cloud-env.ts';
import type { CleanupStage, CleanupReport } from './stages.ts';

export const openstackCleanup: CleanupStage = {
  cleanup: ({ settings, runId, log }) =>
    withCloudEnv(settings, async (env): Promise<CleanupReport> => {
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
    }),
};
