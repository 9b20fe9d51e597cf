import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  withCloudEnv
} from "./chunk-UAHZEFCJ.js";
import {
  cleanupRun
} from "./chunk-EWNSINYI.js";
import "./chunk-SZENUZMG.js";
import {
  openSession,
  resolveCloud
} from "./chunk-6FQIVUDE.js";
import "./chunk-LAJXBLTR.js";
import "./chunk-JTCS6GEG.js";
import "./chunk-FLRDIUCQ.js";
import "./chunk-XOD6W3JI.js";
import "./chunk-NQJFE2ZZ.js";

// src/action/cloud-cleanup.ts
var openstackCleanup = {
  cleanup: ({ settings, runId, log }) => withCloudEnv(settings, async (env) => {
    const cloud = resolveCloud({ cloud: settings.cloud?.name ?? void 0, regionName: env.OS_REGION_NAME || void 0, env, cwd: process.cwd(), home: env.HOME });
    const session = openSession(cloud, log);
    try {
      const r = await cleanupRun(session, runId, { onProgress: log });
      return {
        deleted: [
          ...r.servers.map((x) => `server ${x}`),
          ...r.ports.map((x) => `port ${x}`),
          ...r.floatingIps.map((x) => `floating IP ${x}`),
          ...r.keypairs.map((x) => `keypair ${x}`)
        ],
        leftover: r.leftovers
      };
    } finally {
      await session.close();
    }
  })
};
export {
  openstackCleanup
};
