// Real Tempest against the project's local OpenStack, through the runner: the "controller" is a
// network namespace with a real sshd; Keystone on this machine's 127.0.0.1 reaches it through the
// SSH connection's remote port forward (ssh -R), set up again after any reconnect.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { START, startLocalCloud } from './local-cloud.ts';
import { consoleOutput, labUnavailable, makeLab, type Lab, type LabHost } from './lab.ts';
import { DEFAULT_TIMEOUTS, runTempest } from '../../src/edges/ssh/tempest-runner.ts';
import { parseConsoleHostKeys } from '../../src/core/run/host-keys.ts';
import { defaultPlanOptions } from '../../src/core/run/plan.ts';
import { parseResults } from '../../src/core/results/parse.ts';
import { ours, requireOracle, runOracle } from '../helpers/oracle.ts';

const KEYSTONE_PORT = 35357;

function cloudUnavailable(): string | null {
  const lab = labUnavailable();
  if (lab) return lab;
  if (!existsSync('/usr/bin/tempest')) return '/usr/bin/tempest is missing: run scripts/setup-machine.sh (tempest)';
  if (!existsSync(START)) return 'scripts/local-openstack/start.sh is missing';
  return null;
}
const unavailable = cloudUnavailable();
const skip = unavailable !== null && !process.env.CI ? unavailable : false;

describe('real Tempest against the local OpenStack, over SSH into a namespace', { skip, concurrency: false }, () => {
  let lab: Lab;
  let dir: string;
  let cloud: { adminPassword: string; authUrl: string };
  before(async () => {
    if (unavailable) throw new Error(`real parts missing: ${unavailable}`);
    requireOracle();
    cloud = await startLocalCloud();
    lab = await makeLab(['controller']);
    dir = mkdtempSync(join(tmpdir(), 'tg-tempest-'));
  });
  after(() => {
    lab?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('identity API tests pass; the stream agrees with python-subunit; no password in the artifacts', async () => {
    const host = lab.hosts[0] as LabHost;
    execFileSync('tempest', ['init', '--workspace-path', join(dir, 'workspace.yaml'), join(dir, 'ws')], { stdio: 'pipe' });
    // Keystone only (TEMPEST.md's settings for identity); the other services are not asked for.
    writeFileSync(
      join(dir, 'ws', 'etc', 'tempest.conf'),
      [
        '[DEFAULT]',
        'log_file = tempest.log',
        '',
        '[auth]',
        'use_dynamic_credentials = True',
        'create_isolated_networks = False',
        'admin_username = admin',
        `admin_password = ${cloud.adminPassword}`,
        'admin_project_name = admin',
        'admin_domain_name = Default',
        'default_credentials_domain_name = Default',
        '',
        '[identity]',
        `uri_v3 = ${cloud.authUrl}`,
        'auth_version = v3',
        'region = RegionOne',
        'v3_endpoint_type = public',
        'admin_role = admin',
        'default_domain_id = default',
        '',
        '[identity-feature-enabled]',
        'api_v2 = False',
        'api_v2_admin = False',
        'api_v3 = True',
        '',
        '[service_available]',
        'nova = False',
        'glance = False',
        'neutron = False',
        'cinder = False',
        'swift = False',
        '',
        '[validation]',
        'run_validation = False',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'ready'), '');
    const out = join(dir, 'out');
    const lines: string[] = [];
    const report = await runTempest({
      nodes: [
        {
          role: 'controller',
          sudo: false,
          markers: { done: join(dir, 'ready'), failed: join(dir, 'failed'), log: join(dir, 'stack.log') },
          logPaths: [join(dir, 'ws', 'tempest.log')],
          forwards: [{ remotePort: KEYSTONE_PORT, localHost: '127.0.0.1', localPort: KEYSTONE_PORT }],
          target: {
            name: 'controller',
            host: host.address,
            port: 22,
            username: 'root',
            privateKey: lab.userKey,
            trust: parseConsoleHostKeys(consoleOutput(host)),
            trustSource: 'console output',
          },
        },
      ],
      plan: { ...defaultPlanOptions(join(dir, 'ws')), python: '/usr/bin/python3' },
      steps: [{ name: 'parallel', include: ['^tempest\\.api\\.identity\\.v3\\.(test_api_discovery|test_tokens)'], exclude: [], concurrency: 2, serial: false }],
      overrides: [{ section: 'compute', key: 'min_compute_nodes', value: '1' }],
      rerunFailed: false,
      timeouts: { ...DEFAULT_TIMEOUTS, readySeconds: 30, runSeconds: 300, logsSeconds: 60 },
      outputDir: out,
      fetchLogs: true,
      total: null,
      baseline: new Map(),
      log: (l) => lines.push(l),
      signal: new AbortController().signal,
    });
    assert.equal(report.classification.outcome, 'passed', `${report.classification.reason}\n${lines.join('\n')}`);
    const ran = report.results.tests.filter((t) => t.status !== 'exists');
    assert.ok(ran.length >= 5, `ran ${ran.length}`);
    assert.ok(ran.every((t) => t.status === 'success' && t.name.startsWith('tempest.api.identity.v3.')));
    assert.ok(
      ran.some((t) => t.idempotentId !== null),
      'Tempest ids carry their idempotent id',
    );
    const kept = parseResults(readFileSync(report.subunitPath), { attachments: { keep: 'all', capBytes: 1 << 30 } });
    const [oracle] = runOracle([report.subunitPath]);
    assert.deepEqual(ours(kept), oracle?.tests);
    // tempest.log came back in the controller's logs; tempest.conf (the admin password) did not.
    const tar = join(out, 'logs', 'controller.tar.gz');
    assert.match(execFileSync('tar', ['-tzf', tar], { encoding: 'utf8' }), /tempest\.log/);
    const everything = [report.subunitPath, join(out, 'step0.subunit'), tar].map((f) => readFileSync(f));
    const text = Buffer.concat([...everything, execFileSync('tar', ['-xzOf', tar])]).toString('latin1');
    assert.equal(text.includes(`admin_password = ${cloud.adminPassword}`), false);
  });
});
