// The environment the OpenStack edge resolves the cloud from, as openstacksdk does: the
// `clouds-yaml` input is written to a private temp file and named by OS_CLIENT_CONFIG_FILE (the
// resolver reads files, not strings); OS_* variables pass through. The file is removed afterwards.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionSettings } from './inputs.ts';

export async function withCloudEnv<T>(settings: ActionSettings, use: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  let dir: string | null = null;
  try {
    if (settings.cloud?.cloudsYaml) {
      dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'tempest-gate-cloud-'));
      const file = join(dir, 'clouds.yaml');
      await writeFile(file, settings.cloud.cloudsYaml, { mode: 0o600 });
      env.OS_CLIENT_CONFIG_FILE = file;
    }
    if (settings.cloud?.name) env.OS_CLOUD = settings.cloud.name;
    return await use(env);
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
