// The local OpenStack the provision tests talk to (scripts/local-openstack/start.sh brings it
// up and writes .local-openstack/clouds.yaml). Missing, a test skips with the reason, or fails
// when CI is set: a test that needs a real part must not pass without it.
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { resolveCloud } from '../../src/edges/openstack/cloud-config.ts';
import { Session } from '../../src/edges/openstack/session.ts';

const REPO = new URL('../..', import.meta.url).pathname;
export const LOCAL_CLOUDS_YAML = process.env.TG_LOCAL_CLOUDS_YAML ?? join(REPO, '.local-openstack', 'clouds.yaml');
export const KEYSTONE = 'http://127.0.0.1:35357/v3';
/** the local cloud's throwaway password (scripts/local-openstack/lib.sh) */
export const LOCAL_PASSWORD = 'secret';

async function probe(): Promise<string | undefined> {
  if (!existsSync(LOCAL_CLOUDS_YAML)) return `no ${LOCAL_CLOUDS_YAML}: run scripts/local-openstack/start.sh`;
  try {
    // A Keystone that is down refuses at once; one that is up may be slow to answer while other
    // test files keep it busy on a loaded machine, and a probe given up too soon fails the
    // whole file under CI: the wait only costs time when Keystone hangs.
    const res = await request(KEYSTONE, { headersTimeout: 30_000, bodyTimeout: 30_000 });
    await res.body.text();
    if (res.statusCode !== 200) return `Keystone at ${KEYSTONE} answered ${res.statusCode}`;
  } catch (err) {
    return `Keystone at ${KEYSTONE} is not answering (${(err as Error).message}): run scripts/local-openstack/start.sh`;
  }
  return undefined;
}

const problem = await probe();
if (problem && process.env.CI) throw new Error(`the local OpenStack is required under CI: ${problem}`);
/** false, or the reason the provision tests skip */
export const skipLocal: string | false = problem ?? false;

/** Environment for a CLI run against the local cloud: only our clouds.yaml, no stray OS_*. */
export function cloudEnv(cloud = 'tg-local', extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: tmpdir(), OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_YAML, OS_CLOUD: cloud, ...extra };
}

export function localSession(cloud = 'tg-local'): Session {
  return new Session({ cloud: resolveCloud({ cloud, env: { OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_YAML }, cwd: tmpdir(), home: tmpdir() }) });
}

/** A clouds.yaml of our own (through a proxy, a wrong password...) in a fresh folder. */
export async function writeCloudsYaml(options: {
  authUrl?: string;
  password?: string;
  user?: string;
  project?: string;
  name?: string;
}): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tg-clouds-'));
  const file = join(dir, 'clouds.yaml');
  await writeFile(
    file,
    `clouds:
  ${options.name ?? 'tg-test'}:
    auth:
      auth_url: ${options.authUrl ?? KEYSTONE}
      username: ${options.user ?? 'demo'}
      password: ${options.password ?? LOCAL_PASSWORD}
      project_name: ${options.project ?? 'demo'}
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
`,
  );
  return { dir, file };
}

/** Everything of a run still in the cloud (servers, ports, floating IPs, keypair), seen as admin. */
export async function leftovers(runId: string): Promise<string[]> {
  const s = localSession('tg-local-admin');
  try {
    const left: string[] = [];
    const servers = await s.call('compute', 'GET', `/servers/detail?all_tenants=1&tags=tempest-gate-run-${runId}`);
    for (const x of (servers.json as { servers: { name: string }[] }).servers) left.push(`server ${x.name}`);
    const ports = await s.call('network', 'GET', '/v2.0/ports');
    for (const p of (ports.json as { ports: { name: string; tags?: string[] }[] }).ports) {
      if (p.name.startsWith(`tempest-gate-${runId}-`) || (p.tags ?? []).includes(`tempest-gate-run-${runId}`)) left.push(`port ${p.name}`);
    }
    const fips = await s.call('network', 'GET', `/v2.0/floatingips?tags=tempest-gate-run-${runId}`);
    for (const f of (fips.json as { floatingips: { floating_ip_address: string }[] }).floatingips) left.push(`floating IP ${f.floating_ip_address}`);
    return left;
  } finally {
    await s.close();
  }
}

/** The run's keypair, seen by the demo user (keypairs belong to users). */
export async function keypairExists(runId: string): Promise<boolean> {
  const s = localSession('tg-local');
  try {
    const res = await s.call('compute', 'GET', `/os-keypairs/tempest-gate-${runId}`, { accept: [404] });
    return res.status === 200;
  } finally {
    await s.close();
  }
}
