// The stacking order of a multinode run, as devstack's multinode job has it: the controller
// stacks alone, the subnodes only once it is done, and the computes are mapped to cells on the
// controller after every subnode. Real sshd in network namespaces (test/run/lab.ts); on each
// "node" a stand-in for the user-data's stack script waits for its secrets file, as the real
// one does, and writes start and end into one shared event file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleOutput, labUnavailable, makeLab, type Lab, type LabHost } from './lab.ts';
import { runTempest, DEFAULT_TIMEOUTS, type RunnerOptions } from '../../src/edges/ssh/tempest-runner.ts';
import { parseConsoleHostKeys } from '../../src/core/run/host-keys.ts';
import { defaultPlanOptions, extractArchiveCommand, shareArchiveCommand } from '../../src/core/run/plan.ts';

const unavailable = labUnavailable();
const skip = unavailable !== null && !process.env.CI ? unavailable : false;
const NAMES = ['controller', 'subnode-1', 'subnode-2'];
const SECRET = 'ADMIN_PASSWORD=s3cretvalue\n';

interface Case {
  dir: string;
  events: string;
  stand: ChildProcess[];
}

/**
 * The stand-in stack script of one node: waits for its secrets, then "stacks". The controller
 * takes 2 s, long enough for a subnode given its secrets too early to start meanwhile; a subnode
 * waits until every subnode has started (at most 20 s), so stacking them one after the other
 * shows, whatever the machine's speed.
 */
function stackScript(c: Case, node: string, o: { subnodes: number; fail?: boolean }): string {
  const d = join(c.dir, node);
  const stamp = `$(date +%s%N)`;
  const stack =
    node === 'controller'
      ? 'sleep 2'
      : `for i in $(seq 1 200); do [ "$(grep -c '^subnode-[0-9]* start' ${c.events})" -ge ${o.subnodes} ] && break; sleep 0.1; done`;
  return [
    `while [ ! -s ${d}/secrets.env ]; do sleep 0.05; done`,
    `echo "${node} start ${stamp}" >> ${c.events}`,
    `echo "+ ./stack.sh:main: installing on ${node}, the password is s3cretvalue" >> ${d}/stack.log`,
    stack,
    o.fail
      ? `echo "[ERROR] ${node}: nova-compute did not start" >> ${d}/stack.log; echo "${node} failed ${stamp}" >> ${c.events}; echo stack.sh > ${d}/failed`
      : `echo "${node} end ${stamp}" >> ${c.events}; touch ${d}/done`,
  ].join('\n');
}

function newCase(lab: Lab, o: { failOn?: string; discoverFails?: boolean } = {}): { c: Case; options: RunnerOptions; lines: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'tg-order-'));
  const c: Case = { dir, events: join(dir, 'events.log'), stand: [] };
  writeFileSync(c.events, '');
  for (const h of lab.hosts) {
    mkdirSync(join(dir, h.name));
    writeFileSync(join(dir, h.name, 'stack.log'), '');
    // Started inside the node's namespace, as cloud-init starts the real one at boot.
    const p = spawn('ip', ['netns', 'exec', h.ns, '/bin/sh', '-c', stackScript(c, h.name, { subnodes: lab.hosts.length - 1, fail: o.failOn === h.name })], {
      stdio: 'ignore',
    });
    c.stand.push(p);
  }
  const discover = join(dir, 'discover-hosts');
  writeFileSync(
    discover,
    o.discoverFails
      ? `#!/bin/sh\necho "discover $(date +%s%N)" >> ${c.events}\necho "only 1 of 3 computes were mapped to cells" >&2\nexit 1\n`
      : `#!/bin/sh\necho "discover $(date +%s%N)" >> ${c.events}\necho "computes mapped to cells: 3 of 3"\n`,
  );
  chmodSync(discover, 0o755);
  // Something the subnodes get from the controller before they stack (devstack's CA on a real cloud).
  mkdirSync(join(dir, 'controller', 'CA'));
  writeFileSync(join(dir, 'controller', 'CA', 'ca.pem'), 'CA\n');
  const target = (h: LabHost) => ({
    name: h.name,
    host: h.address,
    port: h.port,
    username: 'root',
    privateKey: lab.userKey,
    trust: parseConsoleHostKeys(consoleOutput(h)),
    trustSource: `console output of ${h.name}`,
    connectTimeoutMs: 3000,
  });
  const lines: string[] = [];
  const options: RunnerOptions = {
    nodes: lab.hosts.map((h, i) => ({
      target: target(h),
      role: i === 0 ? 'controller' : 'subnode',
      sudo: false,
      markers: { done: join(dir, h.name, 'done'), failed: join(dir, h.name, 'failed'), log: join(dir, h.name, 'stack.log') },
      logPaths: [join(dir, h.name, 'stack.log')],
      files: [{ path: join(dir, h.name, 'secrets.env'), content: SECRET, mode: 0o600 }],
    })),
    // No Tempest here: the order of the stacking is what is under test.
    plan: { ...defaultPlanOptions(join(dir, 'ws')), passConfigFile: false },
    steps: [],
    overrides: [],
    rerunFailed: false,
    // The stand-ins stack for about 2 s in all; 60 s leaves a loaded machine much slack.
    timeouts: { ...DEFAULT_TIMEOUTS, readySeconds: 60, logsSeconds: 20 },
    pollSeconds: 0.1,
    stackProgressSeconds: 0.5,
    shareFromController: [join(dir, 'controller', 'CA')],
    discoverHosts: discover,
    redactFile: join(dir, 'controller', 'secrets.env'),
    outputDir: join(dir, 'artifacts'),
    fetchLogs: false,
    total: null,
    baseline: new Map(),
    log: (l) => lines.push(l),
    signal: new AbortController().signal,
  };
  return { c, options, lines };
}

/** Event lines in file order: `<who> <what> <nanoseconds>`. */
function parseEvents(c: Case): { who: string; what: string; at: bigint }[] {
  return readFileSync(c.events, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const parts = l.split(' ');
      if (parts[0] === 'discover') return { who: 'controller', what: 'discover', at: BigInt(parts[1] ?? '0') };
      return { who: parts[0] ?? '', what: parts[1] ?? '', at: BigInt(parts[2] ?? '0') };
    });
}

describe('stacking order over SSH (netns lab, real sshd)', { skip, concurrency: false }, () => {
  let lab: Lab;
  const cases: Case[] = [];
  before(async () => {
    if (unavailable) throw new Error(`real parts missing: ${unavailable}`);
    lab = await makeLab(NAMES);
  });
  after(() => {
    for (const c of cases) {
      for (const p of c.stand) p.kill('SIGTERM');
      rmSync(c.dir, { recursive: true, force: true });
    }
    lab?.close();
  });

  test('the controller stacks alone; the subnodes start once it is done; discover_hosts runs after all of them', async () => {
    const { c, options, lines } = newCase(lab);
    cases.push(c);
    const report = await runTempest(options);
    assert.equal(report.classification.outcome, 'passed', `${report.classification.reason}\n${lines.join('\n')}`);
    const ev = parseEvents(c);
    const at = (who: string, what: string): bigint => {
      const e = ev.find((x) => x.who === who && x.what === what);
      assert.ok(e, `${who} ${what} in ${JSON.stringify(ev.map((x) => `${x.who} ${x.what}`))}`);
      return e.at;
    };
    const controllerEnd = at('controller', 'end');
    for (const s of ['subnode-1', 'subnode-2']) {
      assert.ok(at(s, 'start') > controllerEnd, `${s} started before the controller was done`);
      assert.ok(at('controller', 'discover') > at(s, 'end'), `discover_hosts ran before ${s} was done`);
    }
    assert.equal(ev.filter((x) => x.what === 'discover').length, 1);
    // The subnodes stacked side by side, not one after the other.
    assert.ok(
      at('subnode-1', 'start') < at('subnode-2', 'end') && at('subnode-2', 'start') < at('subnode-1', 'end'),
      'the subnodes stacked one after the other',
    );
    assert.deepEqual(
      report.stages.map((s) => s.stage),
      ['connect', 'bootstrap', 'wait-ready', 'discover-hosts', 'run'],
    );
    // Progress: which node stacks, for how long, and what its log says (passwords masked).
    assert.ok(lines.includes('stacking: controller'), lines.join('\n'));
    assert.ok(lines.includes('stacking: subnode-1, subnode-2'), lines.join('\n'));
    assert.ok(
      lines.some((l) => /^controller: devstack is done \(\d+s\)$/.test(l)),
      lines.join('\n'),
    );
    const progress = lines.filter((l) => /^stacking: \S+ \(\d+s\): \+ \.\/stack\.sh:main: installing on/.test(l));
    assert.ok(progress.length > 0, lines.join('\n'));
    assert.ok(!lines.some((l) => l.includes('s3cretvalue')), 'a password reached the log');
    assert.ok(
      progress.some((l) => l.includes('***********')),
      progress.join('\n'),
    );
    assert.ok(
      lines.some((l) => /^copied .*CA from controller to 2 subnodes$/.test(l)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => l === 'controller: computes mapped to cells: computes mapped to cells: 3 of 3'),
      lines.join('\n'),
    );
  });

  test('a subnode failing: an infrastructure failure naming it, with its masked log tail; no cell mapping', async () => {
    const { c, options, lines } = newCase(lab, { failOn: 'subnode-2' });
    cases.push(c);
    const report = await runTempest(options);
    assert.equal(report.classification.outcome, 'infra-failed');
    assert.equal(report.classification.exitCode, 4);
    assert.match(
      report.classification.reason,
      /^wait-ready failed on subnode-2: devstack wrote its failure marker after \d+s: \[ERROR\] subnode-2: nova-compute did not start;/,
    );
    const tail = lines.find((l) => l.startsWith('last lines of the log on subnode-2:'));
    assert.ok(tail, lines.join('\n'));
    assert.match(tail, /\[ERROR\] subnode-2: nova-compute did not start/);
    assert.doesNotMatch(tail, /s3cretvalue/);
    assert.ok(!parseEvents(c).some((e) => e.what === 'discover'), 'cells were mapped after a failed subnode');
  });

  test('the controller failing: no subnode starts stacking', async () => {
    const { c, options } = newCase(lab, { failOn: 'controller' });
    cases.push(c);
    const report = await runTempest(options);
    assert.match(report.classification.reason, /^wait-ready failed on controller: devstack wrote its failure marker/);
    assert.deepEqual(
      parseEvents(c).map((e) => `${e.who} ${e.what}`),
      ['controller start', 'controller failed'],
    );
    for (const s of ['subnode-1', 'subnode-2']) assert.equal(readFileSyncOr(join(c.dir, s, 'secrets.env')), null, `${s} got its secrets`);
  });

  test('discover_hosts failing: an infrastructure failure on the controller with its output', async () => {
    const { c, options } = newCase(lab, { discoverFails: true });
    cases.push(c);
    const report = await runTempest(options);
    assert.equal(report.classification.outcome, 'infra-failed');
    assert.match(report.classification.reason, /^discover-hosts failed on controller: only 1 of 3 computes were mapped to cells/);
  });
});

function readFileSyncOr(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

test('what the controller shares reaches the subnode as it was (archive, then extract under another root)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-share-'));
  try {
    const src = join(dir, 'data');
    mkdirSync(join(src, 'CA', 'int-ca'), { recursive: true });
    writeFileSync(join(src, 'ca-bundle.pem'), 'bundle\n');
    writeFileSync(join(src, 'CA', 'int-ca', 'key.pem'), 'key\n');
    chmodSync(join(src, 'CA', 'int-ca', 'key.pem'), 0o600);
    const archive = execFileSync('/bin/sh', ['-c', shareArchiveCommand([join(src, 'ca-bundle.pem'), join(src, 'CA'), join(src, 'absent')])], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const root = join(dir, 'other');
    execFileSync('/bin/sh', ['-c', extractArchiveCommand(root)], { input: archive });
    assert.equal(readFileSync(join(root, src, 'ca-bundle.pem'), 'utf8'), 'bundle\n');
    assert.equal(readFileSync(join(root, src, 'CA', 'int-ca', 'key.pem'), 'utf8'), 'key\n');
    assert.equal(execFileSync('stat', ['-c', '%a', join(root, src, 'CA', 'int-ca', 'key.pem')], { encoding: 'utf8' }).trim(), '600');
    // nothing to share is an empty archive, not an error
    const empty = execFileSync('/bin/sh', ['-c', shareArchiveCommand([join(src, 'absent')])], { stdio: ['ignore', 'pipe', 'ignore'] });
    execFileSync('/bin/sh', ['-c', extractArchiveCommand(join(dir, 'empty'))], { input: empty });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
