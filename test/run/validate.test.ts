// tempest-gate validate: the generated tempest.conf, a guideline's required tests, and a real
// Tempest run from this machine against the local OpenStack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliCommand } from '../helpers/cli.ts';
import { exactTestRegex, guidelineTests, validateCommand } from '../../src/cli/commands/validate.ts';
import { renderTempestConf, type TempestCloud } from '../../src/core/run/tempest-conf.ts';
import { parseGuideline } from '../../src/core/interop/index.ts';
import { START, startLocalCloud } from './local-cloud.ts';

const GUIDELINE = fileURLToPath(new URL('../fixtures/compare/2020.06.json', import.meta.url));

test("a guideline's required tests become exact include-list lines", () => {
  const g = parseGuideline(readFileSync(GUIDELINE, 'utf8'), GUIDELINE);
  const { target, tests } = guidelineTests(g, undefined);
  assert.equal(target, 'OpenStack Powered Platform');
  assert.ok(tests.length > 100, `${tests.length} tests`);
  assert.ok(tests.includes('tempest.api.identity.v3.test_tokens.TokensV3Test.test_create_token'));
  const re = new RegExp(exactTestRegex('tempest.api.identity.v3.test_tokens.TokensV3Test.test_create_token'));
  assert.ok(re.test('tempest.api.identity.v3.test_tokens.TokensV3Test.test_create_token[id-6f8e4436-fc96-4282-8122-e41df57197a9]'));
  assert.ok(re.test('tempest.api.identity.v3.test_tokens.TokensV3Test.test_create_token'));
  assert.ok(!re.test('tempest.api.identity.v3.test_tokens.TokensV3Test.test_create_token_x'));
  assert.ok(!re.test('xtempest.api.identity.v3.test_tokens.TokensV3Test.test_create_token'));
  assert.throws(() => guidelineTests(g, 'nope'), /has no target 'nope'/);
});

test('tempest.conf: services from the catalog, $ escaped for oslo.config, line breaks refused', () => {
  const cloud: TempestCloud = {
    authUrl: 'http://127.0.0.1:35357/v3',
    username: 'admin',
    password: 'pa$$word%',
    projectName: 'admin',
    userDomainName: 'Default',
    projectDomainName: 'Default',
    region: 'RegionOne',
    services: new Set(['identity', 'compute', 'image']),
    images: ['img-1'],
    flavors: ['1', '2'],
    publicNetworkId: null,
    networkExtensions: [],
    computeNodes: 1,
    lockPath: '/tmp/lock',
  };
  const text = renderTempestConf(cloud);
  const dir = mkdtempSync(join(tmpdir(), 'tg-conf-'));
  try {
    writeFileSync(join(dir, 'c.conf'), text);
    // Read it the way Tempest does: oslo.config, with its $-interpolation.
    const py = [
      'import sys',
      'from oslo_config import cfg',
      'c = cfg.ConfigOpts()',
      "c.register_opts([cfg.StrOpt('admin_password'), cfg.StrOpt('admin_username')], group='auth')",
      "c.register_opts([cfg.BoolOpt('nova'), cfg.BoolOpt('neutron'), cfg.BoolOpt('glance')], group='service_available')",
      "c.register_opts([cfg.StrOpt('image_ref'), cfg.StrOpt('image_ref_alt'), cfg.StrOpt('flavor_ref_alt')], group='compute')",
      'c(args=[], default_config_files=[sys.argv[1]])',
      'print(c.auth.admin_password, c.service_available.nova, c.service_available.neutron, c.compute.image_ref_alt, c.compute.flavor_ref_alt)',
    ].join('\n');
    const out = execFileSync('/usr/bin/python3', ['-c', py, join(dir, 'c.conf')], { encoding: 'utf8' }).trim();
    assert.equal(out, 'pa$$word% True False img-1 2');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => renderTempestConf({ ...cloud, password: 'a\nb' }), /line break/);
});

test('validate: usage error without tests', async () => {
  const r = await cliCommand(validateCommand, ['--os-cloud', 'x']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /give --include-list, --guideline or --baseline/);
});

const unavailable = !existsSync('/usr/bin/tempest')
  ? '/usr/bin/tempest is missing: run scripts/setup-machine.sh'
  : !existsSync(START)
    ? 'scripts/local-openstack/start.sh is missing'
    : null;

test(
  'validate against the local OpenStack: generated tempest.conf, real Tempest, identity tests pass',
  { skip: unavailable !== null && !process.env.CI ? unavailable : false },
  async () => {
    if (unavailable) throw new Error(unavailable);
    const cloud = await startLocalCloud();
    const dir = mkdtempSync(join(tmpdir(), 'tg-validate-'));
    try {
      const cloudsYaml = join(dir, 'clouds.yaml');
      writeFileSync(cloudsYaml, cloud.text, { mode: 0o600 });
      writeFileSync(join(dir, 'include.txt'), '^tempest\\.api\\.identity\\.v3\\.(test_api_discovery|test_tokens)\n');
      const r = await cliCommand(
        validateCommand,
        [
          '--os-cloud',
          'tg-local-admin',
          '--include-list',
          join(dir, 'include.txt'),
          '--concurrency',
          '2',
          '--workspace',
          join(dir, 'ws'),
          '-o',
          join(dir, 'out'),
          '--json',
        ],
        { env: { PATH: process.env.PATH, HOME: dir, OS_CLIENT_CONFIG_FILE: cloudsYaml } },
      );
      assert.equal(r.code, 0, r.stderr);
      const summary = JSON.parse(r.stdout) as { outcome: string; counts: { success: number; fail: number } };
      assert.equal(summary.outcome, 'passed');
      assert.ok(summary.counts.success >= 5);
      assert.equal(summary.counts.fail, 0);
      assert.match(r.stderr, /services: .*compute.*identity.*image.*network/);
      const conf = join(dir, 'ws', 'tempest', 'etc', 'tempest.conf');
      assert.equal(statSync(conf).mode & 0o777, 0o600, 'the password file is private');
      const text = readFileSync(conf, 'utf8');
      assert.match(text, /^flavor_ref = 1$/m, 'the smallest flavor (m1.tiny)');
      assert.match(text, /^image_ref = [0-9a-f-]{36}$/m);
      assert.match(text, /^public_network_id = [0-9a-f-]{36}$/m);
      assert.doesNotMatch(execFileSync('tar', ['-tzf', join(dir, 'out', 'logs', 'localhost.tar.gz')], { encoding: 'utf8' }), /tempest\.conf/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
