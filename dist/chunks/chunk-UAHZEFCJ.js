import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;

// src/action/cloud-env.ts
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
async function withCloudEnv(settings, use) {
  const env = { ...process.env };
  let dir = null;
  try {
    if (settings.cloud?.cloudsYaml) {
      dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), "tempest-gate-cloud-"));
      const file = join(dir, "clouds.yaml");
      await writeFile(file, settings.cloud.cloudsYaml, { mode: 384 });
      env.OS_CLIENT_CONFIG_FILE = file;
    }
    if (settings.cloud?.name) env.OS_CLOUD = settings.cloud.name;
    return await use(env);
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

export {
  withCloudEnv
};
