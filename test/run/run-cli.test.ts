// `tempest-gate run` as users call it: usage and input errors, and a whole run through the CLI
// over real sshd in the netns lab with real `tempest run`, host keys from a known_hosts file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cliCommand } from '../helpers/cli.ts';
import { parseSet, runVerbCommand } from '../../src/cli/commands/run.ts';
import { labUnavailable, makeLab, type Lab, type LabHost } from './lab.ts';
import { parseResults } from '../../src/core/results/parse.ts';

const SUITE = fileURLToPath(new URL('../fixtures/run/sample-suite/', import.meta.url));
const unavailable = labUnavailable() ?? (existsSync('/usr/bin/tempest') ? null : '/usr/bin/tempest is missing: run scripts/setup-machine.sh (tempest)');
const skip = unavailable !== null && !process.env.CI ? unavailable : false;

test('usage errors: one line, exit 2', async () => {
  const none = await cliCommand(runVerbCommand, []);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^tempest-gate run: give --state DIR or --host ADDR \(see --help\)\n$/);
  const dir = mkdtempSync(join(tmpdir(), 'tg-runcli-'));
  try {
    writeFileSync(join(dir, 'key'), 'not really a key');
    const noTrust = await cliCommand(runVerbCommand, ['--host', '10.213.9.2', '-i', join(dir, 'key')]);
    assert.equal(noTrust.code, 2);
    assert.match(noTrust.stderr, /--known-hosts FILE is required with --host \(host keys are never trusted blindly\)/);
    const badSet = await cliCommand(runVerbCommand, ['--host', 'h', '-i', join(dir, 'key'), '--set', 'nodot=1']);
    assert.equal(badSet.code, 2);
    assert.match(badSet.stderr, /--set wants SECTION\.KEY=VALUE/);
    const badTimeout = await cliCommand(runVerbCommand, ['--host', 'h', '-i', join(dir, 'key'), '--timeout', 'soon']);
    assert.equal(badTimeout.code, 2);
    const missingList = await cliCommand(runVerbCommand, ['--host', 'h', '-i', join(dir, 'key'), '--include-list', join(dir, 'nope.txt')]);
    assert.equal(missingList.code, 3);
    assert.match(missingList.stderr, /nope\.txt: cannot read: no such file/);
    mkdirSync(join(dir, 'state'));
    writeFileSync(join(dir, 'state', 'provision.json'), '{"nodes": [');
    const badState = await cliCommand(runVerbCommand, ['--state', join(dir, 'state')]);
    assert.equal(badState.code, 3);
    assert.match(badState.stderr, /state\/provision\.json: not valid JSON/);
    assert.equal(badState.stderr.split('\n').length, 2, 'one line, no stack trace');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(parseSet('compute.flavor_ref=a=b'), { section: 'compute', key: 'flavor_ref', value: 'a=b' });
  assert.deepEqual(parseSet("tg.x=$(id) 'q'"), { section: 'tg', key: 'x', value: "$(id) 'q'" });
});

describe('run through the CLI on the lab', { skip, concurrency: false }, () => {
  let lab: Lab;
  let dir: string;
  before(async () => {
    if (unavailable) throw new Error(`real parts missing: ${unavailable}`);
    lab = await makeLab(['controller', 'subnode']);
    dir = mkdtempSync(join(tmpdir(), 'tg-runcli-'));
  });
  after(() => {
    lab?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('--host --known-hosts: progress on stderr, artifacts written, exit 1 for a failing test', async () => {
    const ws = join(dir, 'ws');
    cpSync(SUITE, ws, { recursive: true });
    mkdirSync(join(ws, 'etc'));
    writeFileSync(join(ws, 'etc', 'tempest.conf'), '[compute]\nmin_compute_nodes = 1\n');
    writeFileSync(join(dir, 'ready'), '');
    writeFileSync(join(dir, 'include.txt'), '# the fast ones\n^tests\\.test_sample\\.Fast\n\n');
    writeFileSync(join(dir, 'serial.txt'), 'tests.test_sample.Config.test_min_compute_nodes\n');
    const known = lab.hosts.flatMap((h) => h.publicKeys.map((k) => `${h.address} ${k.split(' ').slice(0, 2).join(' ')}`));
    writeFileSync(join(dir, 'known_hosts'), `${known.join('\n')}\n`);
    writeFileSync(join(dir, 'key'), lab.userKey);
    const out = join(dir, 'out');
    const r = await cliCommand(runVerbCommand, [
      ...lab.hosts.flatMap((h) => ['--host', h.address]),
      '--known-hosts',
      join(dir, 'known_hosts'),
      '--user',
      'root',
      '-i',
      join(dir, 'key'),
      '--workspace',
      ws,
      '--run-as',
      '',
      '--ready-file',
      join(dir, 'ready'),
      '--failed-file',
      join(dir, 'failed'),
      '--stack-log',
      join(dir, 'stack.log'),
      '--include-list',
      join(dir, 'include.txt'),
      '--serial-include-list',
      join(dir, 'serial.txt'),
      '--concurrency',
      '2',
      '--set',
      'tg_sample.expect_nodes=2',
      '--set',
      'tg_sample.sleep=0.05',
      '--output-dir',
      out,
      '--json',
    ]);
    assert.equal(r.code, 1, r.stderr);
    const summary = JSON.parse(r.stdout) as { outcome: string; failed: string[]; counts: Record<string, number> };
    assert.equal(summary.outcome, 'tests-failed');
    assert.deepEqual(summary.failed, ['tests.test_sample.Fast.test_fails']);
    assert.equal(summary.counts.success, 9, 'Fast (8) and the serial Config test with min_compute_nodes=2 from the node count');
    assert.match(r.stderr, /progress: tests \d+\/\d+ \(\d+%\), 1 failed/);
    assert.match(r.stderr, /stage wait-ready: /);
    const fromDisk = parseResults(readFileSync(join(out, 'results.subunit')));
    assert.equal(fromDisk.counts.success, 9);
    assert.equal((JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { counts: { fail: number } }).counts.fail, 1);
    assert.ok(existsSync(join(out, 'logs', 'controller.tar.gz')));
    assert.ok(existsSync(join(out, 'run.json')));
  });

  test('a known_hosts file without the node: refused, exit 4, nothing run', async () => {
    writeFileSync(join(dir, 'other_known_hosts'), `10.9.9.9 ${lab.hosts[0]?.publicKeys[0]?.split(' ').slice(0, 2).join(' ')}\n`);
    const r = await cliCommand(runVerbCommand, [
      '--host',
      lab.hosts[0]?.address ?? '',
      '--known-hosts',
      join(dir, 'other_known_hosts'),
      '--user',
      'root',
      '-i',
      join(dir, 'key'),
      '--output-dir',
      join(dir, 'out2'),
      '--no-logs',
      '--connect-timeout',
      '5s',
    ]);
    assert.equal(r.code, 4);
    assert.match(r.stdout, /infra-failed: connect failed on controller: no trusted host key for controller/);
  });

  test('--state (what provision writes): secrets installed on every node, devstack failure shown with the secrets masked', async () => {
    const st = join(dir, 'state');
    mkdirSync(st, { recursive: true });
    writeFileSync(join(st, 'id_ed25519'), lab.userKey, { mode: 0o600 });
    const secret = 'Sup3rSecretPassw0rd';
    writeFileSync(join(st, 'devstack-secrets.env'), `ADMIN_PASSWORD=${secret}\nDATABASE_PASSWORD=${secret}db\n`, { mode: 0o600 });
    const onNode = join(dir, 'nodes', 'devstack-secrets.env');
    const [controller, subnode] = lab.hosts as [LabHost, LabHost];
    writeFileSync(
      join(st, 'provision.json'),
      JSON.stringify({
        runId: 'r1',
        cloud: 'c',
        region: 'RegionOne',
        createdAt: '',
        deadline: '',
        flavor: 'f',
        image: 'i',
        network: 'n',
        keypair: 'k',
        privateKeyFile: 'id_ed25519',
        secretsFile: 'devstack-secrets.env',
        secretsPathOnNodes: onNode,
        nodes: [
          { role: 'subnode', name: 'tg-r1-subnode-1', id: 'id-2', ip: subnode.address, attempts: 1 },
          { role: 'controller', name: 'tg-r1-controller', id: 'id-1', ip: controller.address, attempts: 1 },
        ],
      }),
    );
    // devstack failed on the nodes, and its log shows the password (xtrace does that).
    writeFileSync(join(dir, 'st-failed'), '');
    writeFileSync(join(dir, 'st-log'), `+ export ADMIN_PASSWORD=${secret}\n[ERROR] keystone did not start\n`);
    const r = await cliCommand(runVerbCommand, [
      '--state',
      st,
      '--known-hosts',
      join(dir, 'known_hosts'),
      '--user',
      'root',
      '--ready-file',
      join(dir, 'st-ready'),
      '--failed-file',
      join(dir, 'st-failed'),
      '--stack-log',
      join(dir, 'st-log'),
      '--output-dir',
      join(dir, 'out3'),
    ]);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stdout, /infra-failed: wait-ready failed on controller: devstack wrote its failure marker/);
    assert.match(r.stderr, /\+ export ADMIN_PASSWORD=\*\*\*/);
    assert.match(r.stderr, /keystone did not start/);
    assert.equal(`${r.stdout}${r.stderr}${readFileSync(join(dir, 'out3', 'run.json'), 'utf8')}`.includes(secret), false, 'the password is never printed');
    // the logs fetched from the nodes (devstack's log among them) are masked on the node
    const fetched = join(dir, 'out3', 'logs', 'controller.tar.gz');
    const unpacked = join(dir, 'out3', 'unpacked');
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['-xzf', fetched, '-C', unpacked]);
    const stackLog = readFileSync(join(unpacked, dir, 'st-log'), 'utf8');
    assert.equal(stackLog, `+ export ADMIN_PASSWORD=${'*'.repeat(secret.length)}\n[ERROR] keystone did not start\n`);
    assert.equal(execFileSync('gunzip', ['-c', fetched]).includes(Buffer.from(secret)), false, 'no password in the fetched logs');
    assert.equal(readFileSync(onNode, 'utf8'), `ADMIN_PASSWORD=${secret}\nDATABASE_PASSWORD=${secret}db\n`, 'the secrets file reached the nodes');
    assert.equal(statSync(onNode).mode & 0o777, 0o600);
  });
});

test('--baseline reads a tempest-gate baseline (JSON) or a result file for the ETA', async () => {
  const { summarizeRuns, toBaseline } = await import('../../src/core/compare/index.ts');
  const { readReference } = await import('../../src/stages/run.ts');
  const fixture = fileURLToPath(new URL('../fixtures/subunit/local-tempest-33-compute-identity-mini.subunit', import.meta.url));
  const run = parseResults(readFileSync(fixture));
  const dir = mkdtempSync(join(tmpdir(), 'tg-ref-'));
  try {
    const json = join(dir, 'baseline.json');
    writeFileSync(json, JSON.stringify(toBaseline(summarizeRuns([run]))));
    const fromJson = await readReference(json);
    const fromStream = await readReference(fixture);
    assert.ok(fromStream.durations.size > 0);
    assert.deepEqual([...fromJson.names].sort(), [...fromStream.names].sort());
    for (const [name, d] of fromJson.durations) assert.ok(Math.abs(d - (fromStream.durations.get(name) ?? -1)) < 1e-6, name);
    writeFileSync(join(dir, 'bad.json'), '{"schema": "nope"}');
    await assert.rejects(readReference(join(dir, 'bad.json')), /bad\.json: not a tempest-gate baseline/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
