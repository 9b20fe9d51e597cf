// The runner end to end: real `tempest run` (Debian) over real sshd in network namespaces made by
// the test, the stream checked against python-subunit, and the faults: a cut connection (resumed,
// and recovered with stestr last), devstack failing on a node, a timeout, a cancel, a bad host key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleOutput, labUnavailable, makeLab, type Lab, type LabHost } from './lab.ts';
import { runTempest, DEFAULT_TIMEOUTS, type RunnerOptions, type RunReport } from '../../src/edges/ssh/tempest-runner.ts';
import { SshNode } from '../../src/edges/ssh/client.ts';
import { parseConsoleHostKeys } from '../../src/core/run/host-keys.ts';
import { defaultPlanOptions, stepFiles, type RunStep } from '../../src/core/run/plan.ts';
import type { ProgressSnapshot } from '../../src/core/run/progress.ts';
import { parseResults } from '../../src/core/results/parse.ts';
import { ours, requireOracle, runOracle } from '../helpers/oracle.ts';

const SUITE = fileURLToPath(new URL('../fixtures/run/sample-suite/', import.meta.url));
const unavailable = labUnavailable() ?? (existsSync('/usr/bin/tempest') ? null : '/usr/bin/tempest is missing: run scripts/setup-machine.sh (tempest)');
// Without CI a missing real part skips with its reason; in CI it fails.
const skip = unavailable !== null && !process.env.CI ? unavailable : false;

const HOSTILE = `$(touch /tmp/tg-pwned)\`touch /tmp/tg-pwned\`'"; touch /tmp/tg-pwned #`;

interface Case {
  dir: string;
  ws: string;
  out: string;
  markers: { controller: { done: string; failed: string; log: string }; subnode: { done: string; failed: string; log: string } };
}

function newCase(): Case {
  const dir = mkdtempSync(join(tmpdir(), 'tg-run-'));
  const ws = join(dir, 'ws');
  cpSync(SUITE, ws, { recursive: true });
  mkdirSync(join(ws, 'etc'));
  writeFileSync(join(ws, 'etc', 'tempest.conf'), '[DEFAULT]\nlog_file = tempest.log\n\n[compute]\nmin_compute_nodes = 1\n');
  const markers = (n: string): { done: string; failed: string; log: string } => ({
    done: join(dir, n, 'devstack.done'),
    failed: join(dir, n, 'devstack.failed'),
    log: join(dir, n, 'stack.sh.log'),
  });
  const c: Case = { dir, ws, out: join(dir, 'artifacts'), markers: { controller: markers('controller'), subnode: markers('subnode') } };
  for (const n of ['controller', 'subnode'] as const) {
    mkdirSync(join(dir, n));
    writeFileSync(c.markers[n].log, `stack.sh on ${n}\n+ all went well\n`);
    writeFileSync(c.markers[n].done, '');
  }
  return c;
}

function trustOf(host: LabHost): ReturnType<typeof parseConsoleHostKeys> {
  return parseConsoleHostKeys(consoleOutput(host));
}

const TEST_TIMEOUTS = { ...DEFAULT_TIMEOUTS, readySeconds: 120, runSeconds: 600, reconnectSeconds: 60, logsSeconds: 120 };

/**
 * Seconds from the start of the run stage to the first finished test, one figure per run of this
 * file: how long `tempest run` takes to start on this machine right now (about 2 s idle, up to 8 s
 * on a loaded 2-core machine). The timeout test derives its deadline from these instead of assuming
 * a speed.
 */
const startups: number[] = [];

/** Every runner option a test may change, and the start-up measurement wrapped around its hooks. */
function options(lab: Lab, c: Case, extra: Partial<RunnerOptions> & { sets?: Record<string, string> } = {}): RunnerOptions {
  const base = baseOptions(lab, c, extra);
  let runStarted: number | null = null;
  let measured = false;
  return {
    ...base,
    log: (line) => {
      if (line === 'stage run: started') runStarted = performance.now();
      base.log(line);
    },
    onProgress: (p) => {
      if (!measured && runStarted !== null && p.done > 0) {
        measured = true;
        startups.push((performance.now() - runStarted) / 1000);
      }
      base.onProgress?.(p);
    },
  };
}

function baseOptions(lab: Lab, c: Case, extra: Partial<RunnerOptions> & { sets?: Record<string, string> }): RunnerOptions {
  const [controller, subnode] = lab.hosts as [LabHost, LabHost];
  const plan = { ...defaultPlanOptions(c.ws), python: '/usr/bin/python3' };
  const target = (h: LabHost) => ({
    name: h.name,
    host: h.address,
    port: h.port,
    username: 'root',
    privateKey: lab.userKey,
    trust: trustOf(h),
    trustSource: `console output of ${h.name}`,
    keepaliveMs: 300,
    keepaliveCountMax: 2,
    connectTimeoutMs: 3000,
  });
  const sets = { expect_nodes: '2', hostile: HOSTILE, hostile_hex: Buffer.from(HOSTILE).toString('hex'), sleep: '0.1', ...(extra.sets ?? {}) };
  return {
    nodes: [
      {
        target: target(controller),
        role: 'controller',
        sudo: false,
        markers: c.markers.controller,
        logPaths: [c.markers.controller.log, join(c.ws, 'tempest.log')],
        files: [{ path: join(c.dir, 'controller', 'etc', 'secrets.env'), content: 'ADMIN_PASSWORD=s3cret\n', mode: 0o600 }],
      },
      {
        target: target(subnode),
        role: 'subnode',
        sudo: false,
        markers: c.markers.subnode,
        logPaths: [c.markers.subnode.log],
        files: [{ path: join(c.dir, 'subnode', 'etc', 'secrets.env'), content: 'ADMIN_PASSWORD=s3cret\n', mode: 0o600 }],
      },
    ],
    plan,
    steps: [{ name: 'parallel', include: ['^tests\\.test_sample\\.(Fast|Config)'], exclude: [], concurrency: 2, serial: false }],
    overrides: [
      { section: 'compute', key: 'min_compute_nodes', value: '2' },
      ...Object.entries(sets).map(([key, value]) => ({ section: 'tg_sample', key, value })),
    ],
    rerunFailed: false,
    // Only bounds a hang: these runs are meant to finish, and a loaded 2-core machine takes 3-5
    // times as long as an idle one (the two-step run's stage took 30 s of a 60 s deadline).
    timeouts: TEST_TIMEOUTS,
    pollSeconds: 0.2,
    outputDir: c.out,
    fetchLogs: true,
    total: null,
    baseline: new Map(),
    log: () => {},
    signal: new AbortController().signal,
    ...extra,
  };
}

/** The stream we kept must read the same in python-subunit as in our parser. */
function assertOracleAgrees(report: RunReport): void {
  const fromFile = parseResults(readFileSync(report.subunitPath), { attachments: { keep: 'all', capBytes: 1 << 30 } });
  const [oracle] = runOracle([report.subunitPath]);
  assert.ok(oracle);
  assert.deepEqual(ours(fromFile), oracle.tests);
  assert.equal(fromFile.tests.length, report.results.tests.length);
}

/** Last status of each test (stestr's 'exists' announcements come first and are overwritten). */
function byName(report: RunReport): Map<string, string> {
  return new Map(report.results.tests.map((t) => [t.name, t.status]));
}

/**
 * Brings a cut link back up once the runner has logged the drop, a second later so that reconnects
 * also meet the link down. A fixed outage instead could end before a loaded machine notices it
 * (keepalives are missed only while the link is down), and the test would see no drop at all.
 */
function upAfterDrop(lab: Lab, host: LabHost, then: () => void = () => {}): { log: (line: string) => void; lines: string[]; stop: () => void } {
  const lines: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  return {
    lines,
    log: (line) => {
      lines.push(line);
      if (timer === null && /dropped/.test(line)) {
        timer = setTimeout(() => {
          lab.setLink(host, true);
          then();
        }, 1000);
      }
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      lab.setLink(host, true);
    },
  };
}

function ran(report: RunReport): number {
  return report.results.tests.filter((t) => t.status !== 'exists').length;
}

/** Is the process (or any of its group) still running? A zombie no init has reaped yet counts as gone. */
function alive(pidFile: string): boolean {
  const pid = readFileSync(pidFile, 'utf8').trim();
  const out = execFileSync('ps', ['-e', '-o', 'pgid=,stat='], { encoding: 'utf8' });
  return out.split('\n').some((l) => {
    const [pgid, stat] = l.trim().split(/\s+/);
    return pgid === pid && !stat?.startsWith('Z');
  });
}

/**
 * The remote Tempest's process group ends: the runner sent TERM and, 5 s later, KILL
 * (cancelCommand's grace), so on a loaded machine it may take up to that grace; 15 s is the grace
 * with slack for the kill itself.
 */
async function assertStopped(pidFile: string): Promise<void> {
  const deadline = performance.now() + 15_000;
  while (alive(pidFile)) {
    assert.ok(performance.now() < deadline, 'the remote tempest was stopped');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('tempest-gate run over SSH (netns lab, real sshd, real tempest run)', { skip, concurrency: false }, () => {
  let lab: Lab;
  const cases: Case[] = [];
  const track = (c: Case): Case => (cases.push(c), c);
  before(async () => {
    if (unavailable) throw new Error(`real parts missing: ${unavailable}`);
    requireOracle();
    lab = await makeLab(['controller', 'subnode']);
  });
  after(() => {
    lab?.close();
    for (const c of cases) rmSync(c.dir, { recursive: true, force: true });
    rmSync('/tmp/tg-pwned', { force: true });
  });

  test('two steps (parallel + serial): live progress, overrides applied, stream agrees with python-subunit, logs fetched', async () => {
    const c = track(newCase());
    const snapshots: { at: number; p: ProgressSnapshot }[] = [];
    const steps: RunStep[] = [
      { name: 'parallel', include: ['^tests\\.test_sample\\.(Fast|Config)'], exclude: ['test_0[78]$'], concurrency: 2, serial: false },
      { name: 'serial', include: ['^tests\\.test_sample\\.Slow'], exclude: [], concurrency: 1, serial: true },
    ];
    const report = await runTempest(options(lab, c, { steps, total: 11, sets: { slow: '2' }, onProgress: (p) => snapshots.push({ at: Date.now(), p }) }));
    const status = byName(report);
    assert.equal(report.classification.outcome, 'tests-failed', report.classification.reason);
    assert.equal(report.classification.exitCode, 1);
    assert.deepEqual(report.classification.failed, ['tests.test_sample.Fast.test_fails']);
    assert.equal(status.get('tests.test_sample.Config.test_min_compute_nodes'), 'success', 'min_compute_nodes=2 reached tempest.conf');
    assert.equal(status.get('tests.test_sample.Config.test_hostile_value'), 'success', 'the hostile value arrived byte for byte');
    assert.equal(existsSync('/tmp/tg-pwned'), false, 'nothing in a value ran');
    assert.equal(status.get('tests.test_sample.Fast.test_skipped'), 'skip');
    assert.equal(status.has('tests.test_sample.Fast.test_07'), false, 'the exclude list was applied');
    assert.equal(status.get('tests.test_sample.Slow.test_slow'), 'success');
    assert.equal(ran(report), 11);
    assert.deepEqual(
      report.steps.map((s) => [s.name, s.exitCode]),
      [
        ['parallel', 0],
        ['serial', 0],
      ],
    );
    assertOracleAgrees(report);
    // Progress was live: the parallel step's tests were reported while the 2 s serial test still ran.
    const firstDone = snapshots.find((s) => s.p.done > 0);
    const last = snapshots.at(-1);
    assert.ok(firstDone && last);
    assert.ok(last.at - firstDone.at > 1500, `first progress ${last.at - firstDone.at} ms before the end`);
    assert.equal(last.p.done, 11);
    assert.equal(last.p.total, 11);
    assert.equal(last.p.failures, 1);
    assert.equal(last.p.skipped, 1);
    for (let i = 1; i < snapshots.length; i++) assert.ok((snapshots[i]?.p.done ?? 0) >= (snapshots[i - 1]?.p.done ?? 0));
    // The secrets devstack waits for were installed on every node, readable by the owner only.
    for (const n of ['controller', 'subnode']) {
      const f = join(c.dir, n, 'etc', 'secrets.env');
      assert.equal(readFileSync(f, 'utf8'), 'ADMIN_PASSWORD=s3cret\n');
      assert.equal(statSync(f).mode & 0o777, 0o600);
    }
    // Logs of both nodes, compressed, holding each node's devstack log.
    const tars = report.logFiles.filter((f) => f.endsWith('.tar.gz'));
    assert.equal(tars.length, 2);
    for (const tar of tars) {
      const listing = execFileSync('tar', ['-tzf', tar], { encoding: 'utf8' });
      assert.match(listing, /stack\.sh\.log/);
    }
  });

  test('the connection cut mid-run: reconnects and resumes the stream with nothing lost or doubled', async () => {
    const c = track(newCase());
    const [controller] = lab.hosts as [LabHost];
    const link = upAfterDrop(lab, controller);
    const lines = link.lines;
    let cut = false;
    const steps: RunStep[] = [{ name: 'parallel', include: ['^tests\\.test_sample\\.(Fast|Slow)'], exclude: [], concurrency: 2, serial: false }];
    const report = await runTempest(
      options(lab, c, {
        steps,
        sets: { slow: '4', sleep: '0.3' },
        log: link.log,
        onProgress: (p) => {
          if (!cut && p.done >= 2) {
            cut = true;
            lab.setLink(controller, false);
          }
        },
      }),
    ).finally(link.stop);
    assert.ok(cut, 'the link was cut');
    assert.equal(report.classification.outcome, 'tests-failed', report.classification.reason);
    assert.equal(ran(report), 11);
    assert.match(report.steps[0]?.recoveries.join() ?? '', /resumed the stream at byte \d+/);
    assert.ok(
      lines.some((l) => /dropped/.test(l)),
      lines.join('\n'),
    );
    // Byte for byte what Tempest wrote on the node.
    assert.ok(readFileSync(report.subunitPath).equals(readFileSync(stepFiles(options(lab, c).plan, 0).stream)));
    assertOracleAgrees(report);
  });

  test('the connection cut and our stream file gone: the run is recovered with stestr last --subunit', async () => {
    const c = track(newCase());
    const [controller] = lab.hosts as [LabHost];
    const plan = options(lab, c).plan;
    const link = upAfterDrop(lab, controller);
    let cut = false;
    const report = await runTempest(
      options(lab, c, {
        steps: [{ name: 'parallel', include: ['^tests\\.test_sample\\.(Fast|Slow)'], exclude: [], concurrency: 2, serial: false }],
        sets: { slow: '3', sleep: '0.2' },
        log: link.log,
        onProgress: (p) => {
          if (!cut && p.done >= 2) {
            cut = true;
            lab.setLink(controller, false);
            rmSync(stepFiles(plan, 0).stream); // the node lost our copy (e.g. a cleaned /tmp)
          }
        },
      }),
    ).finally(link.stop);
    assert.ok(cut);
    assert.ok(
      link.lines.some((l) => /dropped/.test(l)),
      link.lines.join('\n'),
    );
    assert.match(report.steps[0]?.recoveries.join() ?? '', /stestr last --subunit/);
    assert.equal(ran(report), 11);
    const last = execFileSync('stestr', ['last', '--subunit'], { cwd: c.ws });
    assert.ok(readFileSync(report.subunitPath).equals(last), 'the kept stream is stestr last --subunit');
    assertOracleAgrees(report);
  });

  test('devstack failing on the subnode: an infrastructure failure with the log tail, no tests run', async () => {
    const c = track(newCase());
    rmSync(c.markers.subnode.done);
    writeFileSync(c.markers.subnode.failed, '');
    writeFileSync(c.markers.subnode.log, '+ ./stack.sh:main:1234 die "neutron did not start"\n[ERROR] neutron-server failed\n');
    const lines: string[] = [];
    const report = await runTempest(options(lab, c, { log: (l) => lines.push(l) }));
    assert.equal(report.classification.outcome, 'infra-failed');
    assert.equal(report.classification.exitCode, 4);
    assert.match(report.classification.reason, /wait-ready failed on subnode: devstack wrote its failure marker/);
    assert.ok(
      lines.some((l) => l.includes('neutron-server failed')),
      'the log tail is shown',
    );
    assert.equal(ran(report), 0);
    assert.equal(report.logFiles.length, 4, 'logs are fetched anyway');
  });

  test('a run killed by the timeout: classified, finished tests kept, Tempest stopped on the node', async (t) => {
    // The deadline must fall after the first tests finished and long before the slow one would:
    // three times the slowest start-up measured in this file (measured here if this test runs
    // alone), plus 5 s for the tests themselves, covers the load changing between runs.
    if (startups.length === 0) {
      const probe = track(newCase());
      await runTempest(
        options(lab, probe, {
          steps: [{ name: 'parallel', include: ['^tests\\.test_sample\\.Fast\\.test_01'], exclude: [], concurrency: 1, serial: false }],
          fetchLogs: false,
        }),
      );
    }
    const startup = Math.max(...startups);
    const runSeconds = Math.ceil(3 * startup) + 5;
    t.diagnostic(`start-up ${startup.toFixed(1)}s (slowest of ${startups.length}): deadline ${runSeconds}s`);
    const c = track(newCase());
    const plan = options(lab, c).plan;
    const report = await runTempest(
      options(lab, c, {
        steps: [{ name: 'parallel', include: ['^tests\\.test_sample\\.(Fast|Slow)'], exclude: [], concurrency: 2, serial: false }],
        sets: { slow: String(runSeconds + 60) },
        timeouts: { ...TEST_TIMEOUTS, runSeconds },
      }),
    );
    const why = `${report.classification.reason} (deadline ${runSeconds}s from a start-up of ${startup.toFixed(1)}s)`;
    assert.equal(report.classification.outcome, 'timeout', why);
    assert.equal(report.classification.exitCode, 4);
    assert.match(report.classification.reason, new RegExp(`stage run timed out after ${runSeconds}s; \\d+ test results kept`));
    const statuses = byName(report);
    assert.equal(statuses.get('tests.test_sample.Fast.test_01'), 'success', `tests that finished are kept: ${why}`);
    assert.notEqual(statuses.get('tests.test_sample.Slow.test_slow'), 'success');
    await assertStopped(stepFiles(plan, 0).pid);
  });

  test('cancel (SIGINT/SIGTERM): stops the remote Tempest and keeps the partial results', async () => {
    const c = track(newCase());
    const plan = options(lab, c).plan;
    const ac = new AbortController();
    const report = await runTempest(
      options(lab, c, {
        steps: [{ name: 'parallel', include: ['^tests\\.test_sample\\.(Fast|Slow)'], exclude: [], concurrency: 2, serial: false }],
        sets: { slow: '60' },
        signal: ac.signal,
        onProgress: (p) => {
          if (p.done >= 3) ac.abort(new Error('received SIGINT'));
        },
      }),
    );
    assert.equal(report.classification.outcome, 'cancelled');
    assert.ok(ran(report) >= 3);
    await assertStopped(stepFiles(plan, 0).pid);
  });

  test('rerun of failed tests once: a test failing then passing is kept twice and called flaky', async () => {
    const c = track(newCase());
    const report = await runTempest(
      options(lab, c, {
        steps: [{ name: 'parallel', include: ['^tests\\.test_sample\\.(Flaky|Fast\\.test_0[12])'], exclude: [], concurrency: 2, serial: false }],
        sets: { flaky_marker: join(c.dir, 'flaky-ran-once') },
        rerunFailed: true,
      }),
    );
    assert.equal(report.classification.outcome, 'passed', report.classification.reason);
    assert.deepEqual(report.classification.flaky, ['tests.test_sample.Flaky.test_flaky']);
    const flaky = report.results.tests.filter((t) => t.name === 'tests.test_sample.Flaky.test_flaky' && t.status !== 'exists').map((t) => t.status);
    assert.deepEqual(flaky, ['fail', 'success']);
    assert.deepEqual(
      report.steps.map((s) => s.name),
      ['parallel', 'rerun'],
    );
    assertOracleAgrees(report);
  });

  test('host keys are verified: a server whose key is not the one the console printed is refused', async () => {
    const [controller, subnode] = lab.hosts as [LabHost, LabHost];
    const wrong = new SshNode({
      name: 'controller',
      host: controller.address,
      port: 22,
      username: 'root',
      privateKey: lab.userKey,
      trust: trustOf(subnode),
      trustSource: 'console output of controller',
    });
    await assert.rejects(
      wrong.connect(),
      /host key of controller \(10\.213\.\d+\.2:22\) is SHA256:\S+, which matches none of the 4 trusted keys from console output of controller: refusing to connect/,
    );
    const none = new SshNode({
      name: 'controller',
      host: controller.address,
      port: 22,
      username: 'root',
      privateKey: lab.userKey,
      trust: { keys: [], fingerprints: [] },
      trustSource: 'nothing',
    });
    await assert.rejects(none.connect(), /no trusted host key/);
    const c = newCase();
    track(c);
    const opts = options(lab, c);
    const report = await runTempest({ ...opts, nodes: opts.nodes.map((n) => ({ ...n, target: { ...n.target, trust: trustOf(subnode) } })), fetchLogs: false });
    assert.equal(report.classification.outcome, 'infra-failed');
    assert.match(report.classification.reason, /connect failed on controller: host key/);
  });

  test('a subnode on a private network is reached through the controller (ssh -J), its host key still verified', async () => {
    const hidden = await makeLab(['controller', 'subnode'], { behind: { subnode: 'controller' } });
    try {
      const c = track(newCase());
      const base = options(hidden, c, {
        steps: [{ name: 'parallel', include: ['^tests\\.test_sample\\.Fast\\.test_0[12]'], exclude: [], concurrency: 2, serial: false }],
      });
      const nodes = base.nodes.map((n) => (n.role === 'subnode' ? { ...n, viaController: true } : n));
      const report = await runTempest({ ...base, nodes });
      assert.equal(report.classification.outcome, 'passed', report.classification.reason);
      assert.ok(
        report.logFiles.some((f) => f.endsWith('subnode.tar.gz')),
        "the subnode's logs came through the controller",
      );
      // The same subnode with the wrong key is refused even through the tunnel.
      const [controller, subnode] = hidden.hosts as [LabHost, LabHost];
      const wrong = nodes.map((n) => (n.role === 'subnode' ? { ...n, target: { ...n.target, trust: trustOf(controller) } } : n));
      const refused = await runTempest({ ...base, nodes: wrong, fetchLogs: false });
      assert.equal(refused.classification.outcome, 'infra-failed');
      assert.match(
        refused.classification.reason,
        new RegExp(`connect failed on subnode: host key of subnode \\(${subnode.address.replaceAll('.', '\\.')}:22\\)`),
      );
    } finally {
      hidden.close();
    }
  });

  test('a connection cut while waiting for devstack: reconnects and carries on', async () => {
    const c = track(newCase());
    rmSync(c.markers.controller.done);
    const [controller] = lab.hosts as [LabHost];
    // Cut once the runner waits for devstack (connected by then however slow the machine is);
    // devstack finishes when the link is back.
    const link = upAfterDrop(lab, controller, () => writeFileSync(c.markers.controller.done, ''));
    const lines = link.lines;
    const log = (l: string): void => {
      link.log(l);
      if (l === 'stage wait-ready: started') lab.setLink(controller, false);
    };
    try {
      const report = await runTempest(
        options(lab, c, {
          steps: [{ name: 'parallel', include: ['^tests\\.test_sample\\.Fast\\.test_01'], exclude: [], concurrency: 1, serial: false }],
          fetchLogs: false,
          log,
        }),
      );
      assert.equal(report.classification.outcome, 'passed', `${report.classification.reason}\n${lines.join('\n')}`);
      assert.ok(
        lines.some((l) => /dropped/.test(l)),
        lines.join('\n'),
      );
      assert.equal(byName(report).get('tests.test_sample.Fast.test_01'), 'success');
    } finally {
      link.stop();
    }
  });
});
