// The remote plan: every command parses in bash and dash whatever the values, the probes'
// outputs read back right, and the classification and progress model behave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  devstackErrorLine,
  cancelCommand,
  configCommand,
  defaultPlanOptions,
  drainCommand,
  environmentOverrides,
  followCommand,
  journalCommand,
  logTailCommand,
  logsArchiveCommand,
  readinessFromProbe,
  readyProbeCommand,
  readyThenCommand,
  redactPipe,
  thenStatus,
  startCommand,
  statusCommand,
  statusFromOutput,
  stepArgv,
  stestrLastCommand,
  uploadCommand,
  uploadManyCommand,
  type RunStep,
} from '../../src/core/run/plan.ts';
import { classifyRun } from '../../src/core/run/classify.ts';
import { ProgressModel, formatProgress } from '../../src/core/run/progress.ts';
import { makeRunResults, parseTestId, type TestRecord, type TestStatus } from '../../src/core/results/model.ts';

const EVIL = `/tmp/tg plan/$(touch pwned)/\`id\`/it's "x"\nnext`;
const step: RunStep = { name: 'p', include: ['^a$'], exclude: ['b'], concurrency: 3, serial: false };

function allCommands(): string[] {
  const plan = { ...defaultPlanOptions(EVIL), runCommand: ['tempest', 'run', '--regex', "^x'$(id)"] };
  const markers = { done: `${EVIL}/done`, failed: `${EVIL}/failed`, log: `${EVIL}/log` };
  return [
    readyProbeCommand(markers),
    readyThenCommand(markers, configCommand(plan, [])),
    logTailCommand(markers.log, 40),
    uploadCommand(`${EVIL}/list.txt`),
    uploadManyCommand([
      { path: `${EVIL}/a`, bytes: 3 },
      { path: '/b', bytes: 0 },
    ]),
    configCommand(plan, [{ section: "s'x", key: 'k$(id)', value: EVIL }]),
    startCommand(plan, step, 0),
    startCommand(plan, { ...step, serial: true }, 1),
    followCommand(plan, 0, 1234),
    statusCommand(plan, 0),
    cancelCommand(plan, 0, 5),
    stestrLastCommand(plan, 0),
    drainCommand(plan, 0, 99),
    logsArchiveCommand([EVIL, '/opt/stack/logs']),
    logsArchiveCommand([]),
    journalCommand(),
    logsArchiveCommand([EVIL], EVIL),
    journalCommand(EVIL),
  ];
}

test('every remote command is valid sh, bash and dash syntax, hostile values included', () => {
  for (const shell of ['/bin/bash', '/bin/dash', '/bin/sh'].filter((s) => existsSync(s))) {
    for (const cmd of allCommands()) execFileSync(shell, ['-n', '-c', cmd], { stdio: 'pipe' });
  }
});

test("the logs archive, run for real: devstack's passwords masked on the node, same length, the archive intact", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-logs-'));
  try {
    // Values as provision writes them, plus the spellings core/run/mask.ts also reads.
    const secrets = ['Zk3uQ9_x-2bLmN8pRt4vWy0a', 'p.a*s[s]/w^$\\d&|(', "it's 'quoted'", 'exported1'];
    const secretsFile = join(dir, "devstack secrets's.env");
    writeFileSync(secretsFile, `ADMIN_PASSWORD=${secrets[0]}\nDATABASE_PASSWORD=${secrets[1]}\nQ="${secrets[2]}"\nexport X=${secrets[3]}\nSHORT=abc\n`);
    const logs = join(dir, 'opt stack logs');
    execFileSync('mkdir', ['-p', logs]);
    const files: Record<string, Buffer> = {
      'keystone.log': Buffer.from(
        `connection = mysql+pymysql://root:${secrets[0]}@127.0.0.1/keystone?charset=utf8\nadmin ${secrets[1]} twice ${secrets[1]}\nabc stays\n`,
      ),
      'binary.dat': Buffer.concat([Buffer.from([0, 1, 2, 0xb3, 0]), Buffer.from(secrets[0]!), Buffer.from([0xff, 0, 10, 0])]),
      'quote.log': Buffer.from(`${secrets[2]} and ${secrets[3]}\n`),
      // a value across the 64 KiB reads of the masking filter
      'big.log': Buffer.concat([Buffer.alloc(65536 - 10, 0x41), Buffer.from(secrets[0]!), Buffer.alloc(70000, 0x42)]),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(logs, name), bytes);
    const archive = execFileSync('/bin/sh', ['-c', logsArchiveCommand([logs, join(dir, 'missing')], secretsFile)], { maxBuffer: 1 << 26 });
    const out = join(dir, 'out');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('tar', ['-xzf', '-', '-C', out], { input: archive });
    for (const [name, bytes] of Object.entries(files)) {
      let want = bytes.toString('latin1');
      for (const s of secrets) want = want.split(s).join('*'.repeat(Buffer.byteLength(s)));
      const got = readFileSync(join(out, logs, name));
      assert.equal(got.length, bytes.length, name);
      assert.equal(got.toString('latin1'), want, name);
      for (const s of secrets) assert.ok(!got.includes(Buffer.from(s)), `${name} still holds ${s}`);
    }
    assert.match(readFileSync(join(out, logs, 'keystone.log'), 'utf8'), /abc stays/, 'values under 6 characters are left');
    // the journal goes through the same mask; no secret is ever on the command line
    const journal = execFileSync('/bin/sh', ['-c', `printf 'db %s\\n' ${"'"}${secrets[0]}${"'"}${redactPipe(secretsFile)} | gzip -c`]);
    assert.equal(execFileSync('gunzip', ['-c'], { input: journal }).toString(), `db ${'*'.repeat(24)}\n`);
    for (const s of secrets) assert.ok(!logsArchiveCommand([logs], secretsFile).includes(s) && !journalCommand(secretsFile).includes(s));
    // a value cut by the filter's 64 KiB reads is still masked
    const straddle = join(dir, 'straddle.bin');
    writeFileSync(straddle, Buffer.concat([Buffer.alloc(65536 - 10, 0x41), Buffer.from(secrets[0]!), Buffer.alloc(100, 0x42)]));
    const masked = execFileSync('/bin/sh', ['-c', `cat ${JSON.stringify(straddle)}${redactPipe(secretsFile)}`], { maxBuffer: 1 << 20 });
    assert.equal(masked.toString('latin1'), `${'A'.repeat(65526)}${'*'.repeat(24)}${'B'.repeat(100)}`);
    assert.equal(redactPipe(undefined), '');
    // no secrets file on the node: the logs pass unmasked rather than not at all
    const plain = execFileSync('/bin/sh', ['-c', `printf 'x\\n'${redactPipe(join(dir, 'absent.env'))}`]);
    assert.equal(plain.toString(), 'x\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tempest run argv: concurrency or serial, lists, config file', () => {
  const plan = defaultPlanOptions('/ws');
  assert.deepEqual(stepArgv(plan, step, 0), [
    'tempest',
    'run',
    '--subunit',
    '--config-file',
    '/ws/tempest-gate/tempest.conf',
    '--concurrency',
    '3',
    '--include-list',
    '/ws/tempest-gate/step0.include.txt',
    '--exclude-list',
    '/ws/tempest-gate/step0.exclude.txt',
  ]);
  assert.deepEqual(stepArgv(plan, { ...step, serial: true, include: [], exclude: [] }, 1), [
    'tempest',
    'run',
    '--subunit',
    '--config-file',
    '/ws/tempest-gate/tempest.conf',
    '--serial',
  ]);
});

test('the readiness probe, run for real, and its reading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-ready-'));
  try {
    const markers = { done: join(dir, 'done'), failed: join(dir, "fa'iled"), log: join(dir, 'log') };
    const probe = (): string => execFileSync('/bin/sh', ['-c', readyProbeCommand(markers)], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    const hasCloudInit = existsSync('/usr/bin/cloud-init');
    if (!hasCloudInit) assert.deepEqual(readinessFromProbe(probe()), { state: 'pending' });
    writeFileSync(markers.done, '');
    if (!hasCloudInit) assert.deepEqual(readinessFromProbe(probe()), { state: 'ready' });
    writeFileSync(markers.failed, '');
    assert.deepEqual(readinessFromProbe(probe()), { state: 'failed', reason: 'devstack wrote its failure marker' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(readinessFromProbe('failed=0 done=0 cloudinit=error').state, 'failed');
  assert.deepEqual(readinessFromProbe('failed=0 done=0 cloudinit=done'), { state: 'pending' }, 'the stack script outlives cloud-init: only markers decide');
  assert.deepEqual(readinessFromProbe('failed=0 done=0 cloudinit=running'), { state: 'pending' });
  assert.equal(readinessFromProbe('bash: garbage').state, 'failed');
});

test('config overrides are written by configparser with every value intact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-conf-'));
  try {
    const plan = { ...defaultPlanOptions(dir), python: '/usr/bin/python3' };
    writeFileSync(join(dir, 'base.conf'), '[compute]\nmin_compute_nodes = 1\nflavor_ref = 42\n[auth]\nadmin_password = s3cret%\n');
    const value = `50% $(touch ${join(dir, 'pwned')}) \`id\` 'q' "d"`;
    execFileSync('/bin/sh', [
      '-c',
      configCommand({ ...plan, baseConfig: join(dir, 'base.conf') }, [...environmentOverrides({ computeNodes: 3 }), { section: 'x', key: 'v', value }]),
    ]);
    const out = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        "import configparser,sys; c=configparser.RawConfigParser(); c.read(sys.argv[1]); print(c.get('compute','min_compute_nodes')); print(c.get('compute','flavor_ref')); print(c.get('auth','admin_password')); print(c.get('x','v'))",
        join(dir, 'tempest-gate', 'tempest.conf'),
      ],
      { encoding: 'utf8' },
    );
    assert.deepEqual(out.trimEnd().split('\n'), ['3', '42', 's3cret%', value]);
    assert.equal(existsSync(join(dir, 'pwned')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(
    environmentOverrides({ computeNodes: 1 }).map((o) => `${o.section}.${o.key}=${o.value}`),
    ['compute.min_compute_nodes=1', 'compute-feature-enabled.live_migration=False', 'compute-feature-enabled.cold_migration=False'],
  );
});

test('several files in one command, cut from stdin by their lengths, names hostile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-up-'));
  try {
    const files = [
      { path: join(dir, "l'ists", 'in clude.txt'), content: '^tempest\\.api\\.compute\n$(touch x)\n' },
      { path: join(dir, 'empty'), content: '' },
      { path: join(dir, 'big.bin'), content: 'é'.repeat(100_000) },
    ];
    const input = Buffer.concat(files.map((f) => Buffer.from(f.content)));
    execFileSync('/bin/sh', ['-c', uploadManyCommand(files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.content) })))], { input, cwd: dir });
    for (const f of files) assert.equal(readFileSync(f.path, 'utf8'), f.content);
    assert.equal(existsSync(join(dir, 'x')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('probe then prepare: the second part runs only when the node is ready', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-then-'));
  try {
    const markers = { done: join(dir, 'done'), failed: join(dir, 'failed'), log: join(dir, 'log') };
    const run = (): string =>
      execFileSync('/bin/sh', ['-c', readyThenCommand(markers, `cat > ${join(dir, 'got')}`)], {
        encoding: 'utf8',
        input: 'payload',
        env: { PATH: '/usr/bin:/bin' },
      });
    let out = run();
    assert.equal(thenStatus(out), null);
    assert.equal(existsSync(join(dir, 'got')), false);
    writeFileSync(markers.done, '');
    out = run();
    assert.equal(readinessFromProbe(out).state, 'ready');
    assert.equal(thenStatus(out), 0);
    assert.equal(readFileSync(join(dir, 'got'), 'utf8'), 'payload');
    const failing = execFileSync('/bin/sh', ['-c', readyThenCommand(markers, 'exit 7')], { encoding: 'utf8' });
    assert.equal(thenStatus(failing), 7);
    writeFileSync(markers.failed, '');
    assert.equal(thenStatus(run()), null, 'a failed node runs nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('status output reading', () => {
  assert.deepEqual(statusFromOutput('state=running rc=- size=   123\n'), { state: 'running', rc: null, size: 123 });
  assert.deepEqual(statusFromOutput('state=exited rc=0 size=9'), { state: 'exited', rc: 0, size: 9 });
  assert.deepEqual(statusFromOutput(''), { state: 'missing', rc: null, size: 0 });
  assert.deepEqual(
    statusFromOutput('bash: warning\nstate=running rc=- size=1\nstate=exited rc=3 size=2\n'),
    { state: 'exited', rc: 3, size: 2 },
    'the last line wins',
  );
});

function rec(name: string, status: TestStatus, seconds = 1): TestRecord {
  const p = parseTestId(name);
  return {
    id: name,
    ...p,
    status,
    tags: [],
    start: '2026-01-01T00:00:00.000000Z',
    stop: '2026-01-01T00:00:01.000000Z',
    duration: seconds,
    worker: null,
    routeCode: null,
    attachments: [],
  };
}

test('classification: infrastructure vs tests, timeout, cancel, flaky', () => {
  const results = (tests: TestRecord[]) => makeRunResults('subunit-v2', tests, []);
  const none = { failure: null, timedOut: null, cancelled: false, stepExitCodes: [0] };
  assert.equal(classifyRun({ ...none, results: results([rec('a.b', 'exists'), rec('a.b', 'success')]) }).outcome, 'passed');
  const failed = classifyRun({ ...none, results: results([rec('a.b', 'fail'), rec('a.c', 'success')]) });
  assert.deepEqual([failed.outcome, failed.exitCode, failed.failed], ['tests-failed', 1, ['a.b']]);
  const flaky = classifyRun({ ...none, results: results([rec('a.b', 'fail'), rec('a.b', 'success')]) });
  assert.deepEqual([flaky.outcome, flaky.flaky], ['passed', ['a.b']]);
  const infra = classifyRun({
    ...none,
    failure: { stage: 'wait-ready', node: 'subnode-1', message: 'devstack wrote its failure marker' },
    results: results([]),
  });
  assert.deepEqual([infra.outcome, infra.exitCode], ['infra-failed', 4]);
  assert.equal(infra.reason, 'wait-ready failed on subnode-1: devstack wrote its failure marker; 0 test results kept');
  const timeout = classifyRun({ ...none, timedOut: { stage: 'run', seconds: 60 }, results: results([rec('a.b', 'success'), rec('a.c', 'fail')]) });
  assert.deepEqual([timeout.outcome, timeout.exitCode, timeout.reason], ['timeout', 4, 'stage run timed out after 60s; 2 test results kept']);
  assert.equal(classifyRun({ ...none, cancelled: true, results: results([]) }).outcome, 'cancelled');
  assert.equal(classifyRun({ ...none, stepExitCodes: [2], results: results([]) }).outcome, 'infra-failed');
  assert.equal(classifyRun({ ...none, stepExitCodes: [1], results: results([rec('a.b', 'success')]) }).outcome, 'infra-failed');
  assert.equal(classifyRun({ ...none, results: results([rec('setUpClass (a.B)', 'fail')]) }).outcome, 'tests-failed', 'a class fixture failure fails the run');
});

test('progress: done of total, failures, and an ETA from the baseline scaled by the pace so far', () => {
  const baseline = new Map([
    ['t.a', 10],
    ['t.b', 10],
    ['t.c', 20],
    ['t.d', 40],
  ]);
  const p = new ProgressModel({ total: 4, baseline, concurrency: 2, startedAt: 0 });
  assert.equal(p.snapshot(0).etaSeconds, null);
  p.onTest(rec('t.a', 'success'));
  p.onTest(rec('t.b', 'fail'));
  p.onTest(rec('t.b', 'fail')); // a repeat (recovered stream) counts once
  // 20 s of baseline work on 2 workers is 10 s expected; it took 20 s: pace 2. Left: 60 s / 2 workers * 2.
  const s = p.snapshot(20_000);
  assert.deepEqual([s.done, s.total, s.failures, s.etaSeconds], [2, 4, 1, 60]);
  assert.equal(formatProgress(s), 'tests 2/4 (50%), 1 failed, 0 skipped, 20s elapsed, ETA 1m00s');
  // Without a total, stestr's 'exists' announcements give one.
  const q = new ProgressModel({ total: null, baseline: new Map(), concurrency: 1, startedAt: 0 });
  for (const n of ['x.a', 'x.b', 'x.c', 'x.d']) q.onTest(rec(n, 'exists'));
  q.onTest(rec('x.a', 'skip'));
  const t = q.snapshot(5000);
  assert.deepEqual([t.done, t.total, t.skipped, t.etaSeconds], [1, 4, 1, 15]);
});

test('secrets from a KEY=VALUE file are masked in printed text, longest first', async () => {
  const { secretValues, maskSecrets } = await import('../../src/core/run/mask.ts');
  const secrets = secretValues('ADMIN_PASSWORD=abcdef123\nexport DB="abcdef123456"\nSHORT=abc\n# comment\n');
  assert.deepEqual(secrets, ['abcdef123456', 'abcdef123']);
  assert.equal(maskSecrets('pw abcdef123456 and abcdef123, abc stays', secrets), 'pw *** and ***, abc stays');
});

test("devstackErrorLine: devstack's last [ERROR] line of a log tail, for the one line of a failed stack", () => {
  const tail = [
    '+ lib/compute:wait_for_port:10 sleep 1',
    '[Call Trace]',
    './stack.sh:130:deploy_compute',
    '2026-12-02 21:10:01.123 | [ERROR] /opt/stack/devstack/lib/compute:11 Could not connect to the database at 127.0.0.1:33306 (DATABASE_HOST) after 15 seconds',
    'stack.sh failed: full log in /opt/stack/logs/devstacklog.txt',
    'Error on exit',
  ].join('\n');
  assert.equal(
    devstackErrorLine(tail),
    '[ERROR] /opt/stack/devstack/lib/compute:11 Could not connect to the database at 127.0.0.1:33306 (DATABASE_HOST) after 15 seconds',
  );
  assert.equal(devstackErrorLine('+ echo\nError on exit\n'), null, 'no [ERROR] line: nothing added');
  assert.equal(devstackErrorLine(`[ERROR] ${'x'.repeat(400)}`)?.length, 301, 'long lines cut');
});
