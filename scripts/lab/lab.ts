// The embedded lab the whole gate runs on: the local OpenStack (scripts/local-openstack), the lab
// image whose servers the lab's virt driver turns into SSH hosts, and the devstack stand-in's git
// repository. prepareLab checks each and says in one line what is missing and how to get it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveCloud } from '../../src/edges/openstack/cloud-config.ts';
import { Session } from '../../src/edges/openstack/session.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface Lab {
  cloudsYaml: string;
  image: string;
  flavor: string;
  /** `file://` URL of the devstack stand-in's repository. */
  devstackRepo: string;
}

export const LAB_CLOUDS_YAML = process.env.TG_LOCAL_CLOUDS_YAML ?? join(ROOT, '.local-openstack', 'clouds.yaml');
export const LAB_IMAGE = process.env.TG_LAB_IMAGE ?? 'tg-lab';
export const LAB_FLAVOR = process.env.TG_LAB_FLAVOR ?? 'm1.tiny';

/** The devstack stand-in's repository (scripts/lab/devstack-repo.sh makes or refreshes it and prints its path). */
export async function devstackRepo(): Promise<string> {
  const script = join(ROOT, 'scripts', 'lab', 'devstack-repo.sh');
  if (!existsSync(script)) throw new Error(`${script} is missing`);
  const { stdout } = await promisify(execFile)('bash', [script], { maxBuffer: 1 << 20 });
  const path = stdout.trim().split('\n').at(-1) ?? '';
  if (!path) throw new Error(`${script} printed no repository path`);
  return path.startsWith('file://') ? path : `file://${path}`;
}

/** Is the image there, and is it a lab image (property tg_lab=true)? */
async function checkImage(cloudsYaml: string, name: string): Promise<void> {
  const s = new Session({ cloud: resolveCloud({ cloud: 'tg-local', env: { OS_CLIENT_CONFIG_FILE: cloudsYaml }, cwd: tmpdir(), home: tmpdir() }) });
  try {
    const r = await s.call('image', 'GET', `/v2/images?name=${encodeURIComponent(name)}`);
    const images = (r.json as { images: Record<string, unknown>[] }).images;
    if (images.length === 0)
      throw new Error(`no image '${name}' in the local cloud: the lab image comes with scripts/local-openstack/setup.sh (the lab's virt driver)`);
    if (String(images[0]?.tg_lab) !== 'true') throw new Error(`image '${name}' is not a lab image (property tg_lab=true): its servers would not be SSH hosts`);
  } finally {
    await s.close();
  }
}

export async function prepareLab(o: { say: (line: string) => void }): Promise<Lab> {
  if (!existsSync(LAB_CLOUDS_YAML)) throw new Error(`no ${LAB_CLOUDS_YAML}: start the local OpenStack with 'sudo bash scripts/local-openstack/start.sh'`);
  await checkImage(LAB_CLOUDS_YAML, LAB_IMAGE);
  const repo = await devstackRepo();
  o.say(`lab: the local OpenStack (${LAB_CLOUDS_YAML}), image ${LAB_IMAGE} (lab hosts), flavor ${LAB_FLAVOR}, devstack stand-in ${repo}`);
  return { cloudsYaml: LAB_CLOUDS_YAML, image: LAB_IMAGE, flavor: LAB_FLAVOR, devstackRepo: repo };
}
