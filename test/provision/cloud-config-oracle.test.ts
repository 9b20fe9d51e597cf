// Credential resolution must agree with openstacksdk (Debian python3-openstacksdk), case by case:
// the same files, the same environment, the same working directory, asked of both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveCloud } from '../../src/edges/openstack/cloud-config.ts';

const PY = '/usr/bin/python3';
const ORACLE = new URL('../oracle/cloud_config_oracle.py', import.meta.url).pathname;

function haveOracle(): boolean {
  return existsSync(PY) && existsSync('/usr/lib/python3/dist-packages/openstack/config/loader.py');
}

interface Case {
  name: string;
  /** files relative to the case's home ('~/...') or working directory ('./...') */
  files: Record<string, string>;
  env?: Record<string, string>;
  cloud?: string;
  region?: string;
  /** both must fail */
  fails?: boolean;
}

const PW_CLOUD = (name: string, extra = '') => `clouds:
  ${name}:
    auth:
      auth_url: http://127.0.0.1:35357/v3
      username: demo
      password: s3cret-${name}
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
${extra}`;

const CASES: Case[] = [
  {
    name: 'OS_CLOUD picks a cloud from ./clouds.yaml',
    files: { './clouds.yaml': PW_CLOUD('a') + PW_CLOUD('b').replace('clouds:\n', '') },
    env: { OS_CLOUD: 'b' },
  },
  { name: 'the only cloud is the default', files: { '~/.config/openstack/clouds.yaml': PW_CLOUD('only') } },
  { name: 'working directory beats ~/.config/openstack', files: { './clouds.yaml': PW_CLOUD('cwd'), '~/.config/openstack/clouds.yaml': PW_CLOUD('home') } },
  {
    name: 'clouds.yaml beats clouds.yml beats clouds.json',
    files: {
      '~/.config/openstack/clouds.yml': PW_CLOUD('yml'),
      '~/.config/openstack/clouds.json': JSON.stringify({ clouds: { json: { auth: { auth_url: 'http://x/v3', username: 'u', password: 'p' } } } }),
    },
  },
  {
    name: 'clouds.json is read',
    files: { './clouds.json': JSON.stringify({ clouds: { json: { auth: { auth_url: 'http://x/v3', username: 'u', password: 'p', project_id: 1234 } } } }) },
  },
  { name: 'XDG_CONFIG_HOME is searched', files: { '~/xdg/openstack/clouds.yaml': PW_CLOUD('xdg') }, env: { XDG_CONFIG_HOME: '~/xdg' } },
  {
    name: 'secure.yaml merges the password in',
    files: {
      './clouds.yaml': PW_CLOUD('s').replace('      password: s3cret-s\n', ''),
      '~/.config/openstack/secure.yaml': 'clouds:\n  s:\n    auth:\n      password: from-secure\n',
    },
  },
  {
    name: 'OS_CLIENT_CONFIG_FILE comes first',
    files: { './clouds.yaml': PW_CLOUD('cwd'), '~/elsewhere.yaml': PW_CLOUD('override') },
    env: { OS_CLIENT_CONFIG_FILE: '~/elsewhere.yaml', OS_CLOUD: 'override' },
  },
  {
    name: 'OS_CLIENT_SECURE_FILE comes first',
    files: {
      './clouds.yaml': PW_CLOUD('c'),
      './secure.yaml': 'clouds:\n  c:\n    auth:\n      password: cwd-secure\n',
      '~/sec.yaml': 'clouds:\n  c:\n    auth:\n      password: env-secure\n',
    },
    env: { OS_CLIENT_SECURE_FILE: '~/sec.yaml' },
  },
  {
    name: 'envvars cloud from OS_* (password)',
    files: {},
    env: {
      OS_AUTH_URL: 'http://127.0.0.1:35357/v3',
      OS_USERNAME: 'demo',
      OS_PASSWORD: 'pw',
      OS_PROJECT_NAME: 'demo',
      OS_USER_DOMAIN_NAME: 'Default',
      OS_PROJECT_DOMAIN_NAME: 'Default',
      OS_REGION_NAME: 'RegionOne',
    },
  },
  {
    name: 'envvars: OS_TENANT_NAME and OS_DOMAIN_NAME',
    files: {},
    env: { OS_AUTH_URL: 'http://k/v3', OS_USERNAME: 'u', OS_PASSWORD: 'pw', OS_TENANT_NAME: 't', OS_DOMAIN_NAME: 'D' },
  },
  {
    name: 'envvars: OS_CLOUD_NAME renames it',
    files: {},
    env: { OS_CLOUD_NAME: 'mine', OS_AUTH_URL: 'http://k/v3', OS_USERNAME: 'u', OS_PASSWORD: 'pw', OS_PROJECT_ID: 'p1' },
  },
  {
    name: 'envvars win over a lone file cloud when OS_CLOUD is unset',
    files: { './clouds.yaml': PW_CLOUD('file') },
    env: { OS_AUTH_URL: 'http://env/v3', OS_USERNAME: 'u', OS_PASSWORD: 'pw', OS_PROJECT_NAME: 'p' },
  },
  {
    name: 'OS_CLOUD beats the envvars cloud',
    files: { './clouds.yaml': PW_CLOUD('file') },
    env: { OS_CLOUD: 'file', OS_AUTH_URL: 'http://env/v3', OS_USERNAME: 'u', OS_PASSWORD: 'pw' },
  },
  {
    name: 'envvars: application credential',
    files: {},
    env: { OS_AUTH_TYPE: 'v3applicationcredential', OS_AUTH_URL: 'http://k/v3', OS_APPLICATION_CREDENTIAL_ID: 'ac1', OS_APPLICATION_CREDENTIAL_SECRET: 'acs' },
  },
  { name: 'envvars: token', files: {}, env: { OS_AUTH_TYPE: 'token', OS_AUTH_URL: 'http://k/v3', OS_TOKEN: 'tok', OS_PROJECT_ID: 'p1' } },
  {
    name: 'envvars: v3token with OS_AUTH_TOKEN',
    files: {},
    env: { OS_AUTH_TYPE: 'v3token', OS_AUTH_URL: 'http://k/v3', OS_AUTH_TOKEN: 'tok2', OS_PROJECT_NAME: 'p', OS_PROJECT_DOMAIN_ID: 'default' },
  },
  {
    name: 'v3token: a project name without its domain fails',
    files: {},
    env: { OS_AUTH_TYPE: 'v3token', OS_AUTH_URL: 'http://k/v3', OS_AUTH_TOKEN: 'tok2', OS_PROJECT_NAME: 'p' },
    fails: true,
  },
  {
    name: 'envvars: OS_ENDPOINT_TYPE sets the interface',
    files: {},
    env: { OS_AUTH_URL: 'http://k/v3', OS_USERNAME: 'u', OS_PASSWORD: 'pw', OS_ENDPOINT_TYPE: 'internal' },
  },
  { name: 'only selectors set: no envvars cloud', files: { './clouds.yaml': PW_CLOUD('file') }, env: { OS_REGION_NAME: 'RegionOne' } },
  {
    name: 'application credential in clouds.yaml',
    files: {
      './clouds.yaml':
        'clouds:\n  ac:\n    auth_type: v3applicationcredential\n    auth:\n      auth_url: http://k/v3\n      application_credential_name: ci\n      application_credential_secret: shh\n      username: demo\n      user_domain_name: Default\n',
    },
  },
  {
    name: 'auth_plugin loses to the default auth_type: a token then fails',
    files: { './clouds.yaml': 'clouds:\n  t:\n    auth_plugin: token\n    auth:\n      auth_url: http://k/v3\n      token: abc\n' },
    fails: true,
  },
  {
    name: 'token: domain_name fans out to user_domain_name, which token rejects',
    files: {
      './clouds.yaml':
        'clouds:\n  t:\n    auth_type: token\n    auth:\n      auth_url: http://k/v3\n      token: abc\n      project_name: demo\n      domain_name: Default\n',
    },
    fails: true,
  },
  {
    name: 'token in clouds.yaml',
    files: {
      './clouds.yaml':
        'clouds:\n  t:\n    auth_type: token\n    auth:\n      auth_url: http://k/v3\n      token: abc\n      project_name: demo\n      project_domain_name: Default\n',
    },
  },
  {
    name: 'top-level auth keys move into auth; auth wins',
    files: {
      './clouds.yaml':
        'clouds:\n  t:\n    auth_url: http://top/v3\n    username: top\n    password: toppw\n    tenant_name: tt\n    auth:\n      username: inner\n    domain_id: default\n',
    },
  },
  {
    name: 'regions with values; first region is the default',
    files: {
      './clouds.yaml': PW_CLOUD('r', '    regions:\n      - name: R1\n        values:\n          interface: internal\n      - R2\n').replace(
        '    region_name: RegionOne\n',
        '',
      ),
    },
  },
  {
    name: 'regions with values; region chosen',
    files: {
      './clouds.yaml': PW_CLOUD(
        'r',
        '    regions:\n      - name: R1\n      - name: R2\n        values:\n          auth:\n            project_name: other\n',
      ).replace('    region_name: RegionOne\n', ''),
    },
    region: 'R2',
  },
  { name: 'comma-separated region_name', files: { './clouds.yaml': PW_CLOUD('r').replace('RegionOne', 'A,B') }, region: 'B' },
  { name: 'unknown region', files: { './clouds.yaml': PW_CLOUD('r') }, region: 'Nowhere', fails: true },
  { name: 'unknown cloud', files: { './clouds.yaml': PW_CLOUD('a') }, cloud: 'zzz', fails: true },
  { name: 'OS_CLOUD names an unknown cloud', files: { './clouds.yaml': PW_CLOUD('a') }, env: { OS_CLOUD: 'nope' }, fails: true },
  { name: 'insecure and endpoint_type', files: { './clouds.yaml': PW_CLOUD('i', '    insecure: true\n    endpoint_type: admin\n') } },
  {
    name: 'verify false, dashed keys',
    files: {
      './clouds.yaml':
        'clouds:\n  d:\n    verify: false\n    auth:\n      auth-url: http://k/v3\n      user-name: dash\n      password: pw\n      project-name: p\n      user-domain-id: default\n',
    },
  },
  {
    name: 'an unsupported auth type fails',
    files: { './clouds.yaml': 'clouds:\n  o:\n    auth_type: no-such-plugin\n    auth:\n      auth_url: http://k/v3\n' },
    fails: true,
  },
];

async function materialize(c: Case): Promise<{ home: string; cwd: string; env: Record<string, string>; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'tg-cloudcfg-'));
  const home = join(root, 'home');
  const cwd = join(root, 'work');
  await mkdir(home, { recursive: true });
  await mkdir(cwd, { recursive: true });
  const expand = (p: string) => (p.startsWith('~/') ? join(home, p.slice(2)) : p.startsWith('./') ? join(cwd, p.slice(2)) : p);
  for (const [p, text] of Object.entries(c.files)) {
    const path = expand(p);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  const env: Record<string, string> = { HOME: home, PATH: '/usr/bin:/bin' };
  for (const [k, v] of Object.entries(c.env ?? {})) env[k] = expand(v);
  return { home, cwd, env, cleanup: () => rm(root, { recursive: true, force: true }) };
}

test(
  'credential resolution agrees with openstacksdk on every case',
  { skip: !haveOracle() && !process.env.CI ? 'Debian python3-openstacksdk missing (scripts/setup-machine.sh installs it)' : false },
  async (t) => {
    assert.ok(haveOracle(), 'python3-openstacksdk is required under CI');
    const made = await Promise.all(CASES.map(materialize));
    try {
      // one Python process for all cases (it forks one child per case)
      const py = await new Promise<string>((resolve, reject) => {
        const child = execFile(PY, [ORACLE], { env: { PATH: '/usr/bin:/bin' }, timeout: 60_000, maxBuffer: 16 << 20 }, (err, out, errOut) =>
          err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out),
        );
        child.stdin?.end(JSON.stringify(CASES.map((c, i) => ({ cwd: made[i]!.cwd, env: made[i]!.env, cloud: c.cloud ?? null, region: c.region ?? null }))));
      });
      const answers = JSON.parse(py) as Record<string, unknown>[];
      assert.equal(answers.length, CASES.length);
      for (const [i, c] of CASES.entries()) {
        const m = made[i]!;
        const theirs = answers[i]!;
        await t.test(c.name, () => {
          let ours: Record<string, unknown>;
          try {
            const r = resolveCloud({ cloud: c.cloud, regionName: c.region, env: m.env, cwd: m.cwd, home: m.home });
            ours = {
              name: r.name,
              region_name: r.regionName,
              auth_type: r.authType,
              auth: r.auth,
              interface: r.interface,
              verify: r.verify,
              config_file: r.configFile ?? null,
            };
          } catch (err) {
            ours = { error: (err as Error).name, message: (err as Error).message };
          }
          if (c.fails) {
            assert.ok(theirs.error, `openstacksdk was expected to fail: ${JSON.stringify(theirs)}`);
            assert.equal(ours.error, 'UserError', `ours should fail with a UserError: ${JSON.stringify(ours)}`);
            assert.ok(!String(ours.message).includes('s3cret'), 'no secret in the error');
          } else {
            assert.equal(theirs.error, undefined, `openstacksdk failed: ${JSON.stringify(theirs)}`);
            assert.deepEqual(ours, theirs);
          }
        });
      }
    } finally {
      await Promise.all(made.map((m) => m.cleanup()));
    }
  },
);
