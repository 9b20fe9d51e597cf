// The project's local OpenStack for the runner tests: start it (or find it running) with
// scripts/local-openstack/start.sh and read its clouds.yaml.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const START = fileURLToPath(new URL('../../scripts/local-openstack/start.sh', import.meta.url));

export interface LocalCloud {
  cloudsYaml: string;
  /** clouds.yaml as read whole (copy it: the file may be rewritten while a test uses it). */
  text: string;
  adminPassword: string;
  authUrl: string;
}

export async function startLocalCloud(): Promise<LocalCloud> {
  const r = spawnSync('bash', [START], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`local OpenStack did not start: ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' / ')}`);
  const cloudsYaml = r.stdout.trim().split('\n').at(-1) ?? '';
  // Other test files run start.sh at the same time, and it rewrites clouds.yaml each time: a read
  // may catch it half written, so read again until it parses whole.
  let last: unknown;
  for (let i = 0; i < 20; i++) {
    try {
      const text = readFileSync(cloudsYaml, 'utf8');
      const doc = parseYaml(text) as { clouds?: Record<string, { auth: { password: string; auth_url: string } }> };
      const admin = doc?.clouds?.['tg-local-admin'];
      if (admin?.auth?.password && admin.auth.auth_url) return { cloudsYaml, text, adminPassword: admin.auth.password, authUrl: admin.auth.auth_url };
      last = new Error(`${cloudsYaml} has no tg-local-admin cloud`);
    } catch (err) {
      last = err;
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  throw last instanceof Error ? last : new Error(String(last));
}
