// The runner's own overhead: the same Tempest run (real `tempest run` over a small real suite, in
// a network-namespace "controller" with a real sshd) started by hand with OpenSSH's client,
// streaming the subunit back on stdout, and started by our runner (connect with host key check,
// readiness probe, uploads, config, detached start, follow, parse, progress). Alternating rounds,
// median of each. Also: how long after a test finishes its progress line is out.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleOutput, labUnavailable, makeLab, type LabHost } from '../test/run/lab.ts';
import { parseConsoleHostKeys } from '../src/core/run/host-keys.ts';
import { configCommand, defaultPlanOptions, stepArgv, uploadCommand, stepFiles, type RunStep } from '../src/core/run/plan.ts';
import { shQuote } from '../src/core/run/shell-quote.ts';
import { DEFAULT_TIMEOUTS, runTempest } from '../src/edges/ssh/tempest-runner.ts';
import { microsFromIso } from '../src/core/results/model.ts';
import { parseResults } from '../src/core/results/parse.ts';

const SUITE = fileURLToPath(new URL('../test/fixtures/run/sample-suite/', import.meta.url));
const ROUNDS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? NaN;
}

export async function run(): Promise<void> {
  const why = labUnavailable();
  if (why) {
    console.log(`run bench skipped: ${why}`);
    return;
  }
  const lab = await makeLab(['controller']);
  const dir = mkdtempSync(join(tmpdir(), 'tg-runbench-'));
  try {
    const host = lab.hosts[0] as LabHost;
    const ws = join(dir, 'ws');
    cpSync(SUITE, ws, { recursive: true });
    mkdirSync(join(ws, 'etc'));
    // 10 tests of 1 s on 2 workers (plus Tempest's own start-up): a short but real run.
    writeFileSync(join(ws, 'etc', 'tempest.conf'), '[tg_sample]\nsleep = 1.0\n');
    writeFileSync(join(dir, 'ready'), '');
    writeFileSync(join(dir, 'key'), lab.userKey, { mode: 0o600 });
    writeFileSync(join(dir, 'known_hosts'), host.publicKeys.map((k) => `${host.address} ${k}`).join('\n') + '\n');
    const plan = { ...defaultPlanOptions(ws), python: '/usr/bin/python3' };
    const step: RunStep = { name: 'parallel', include: ['^tests\\.test_sample\\.Fast'], exclude: [], concurrency: 2, serial: false };

    // By hand: one ssh command that writes the config, the list and runs tempest, subunit on stdout.
    const manualRemote = [
      configCommand(plan, []),
      `printf '%s\\n' ${shQuote(step.include[0] ?? '')} > ${shQuote(stepFiles(plan, 0).include)}`,
      `cd ${shQuote(ws)} && ${stepArgv(plan, step, 0).map(shQuote).join(' ')}`,
    ].join(' && ');
    const manual = (): number => {
      const t0 = performance.now();
      const r = spawnSync('ssh', ['-i', join(dir, 'key'), '-o', `UserKnownHostsFile=${join(dir, 'known_hosts')}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', `root@${host.address}`, manualRemote], { maxBuffer: 1 << 28 });
      const s = (performance.now() - t0) / 1000;
      if (r.status !== 0) throw new Error(`manual run failed: ${r.stderr.toString()}`);
      const res = parseResults(r.stdout);
      if (res.counts.success !== 8) throw new Error(`manual run: ${JSON.stringify(res.counts)}`);
      return s;
    };
    const latencies: number[] = [];
    const ours = async (): Promise<number> => {
      const emitted: { at: number; done: number }[] = [];
      const t0 = performance.now();
      const report = await runTempest({
        nodes: [{ role: 'controller', sudo: false, markers: { done: join(dir, 'ready'), failed: join(dir, 'failed'), log: join(dir, 'log') }, target: { name: 'controller', host: host.address, port: 22, username: 'root', privateKey: lab.userKey, trust: parseConsoleHostKeys(consoleOutput(host)), trustSource: 'console' } }],
        plan,
        steps: [step],
        overrides: [],
        rerunFailed: false,
        timeouts: DEFAULT_TIMEOUTS,
        outputDir: join(dir, 'out'),
        fetchLogs: false,
        total: null,
        baseline: new Map(),
        progressIntervalMs: 500, // what the CLI uses
        onProgress: (p) => emitted.push({ at: Date.now(), done: p.done }),
        log: (l) => process.env.TG_BENCH_DEBUG && console.log(`${((performance.now() - t0) / 1000).toFixed(2)} ${l}`),
        signal: new AbortController().signal,
      });
      const s = (performance.now() - t0) / 1000;
      if (report.results.counts.success !== 8) throw new Error(`runner: ${report.classification.reason}`);
      // k-th finished test (in arrival order) against the first progress line counting k tests.
      const seen = new Set<string>();
      for (const t of report.results.tests) {
        if (t.status === 'exists' || seen.has(t.name) || t.stop === null) continue;
        seen.add(t.name);
        const shown = emitted.find((e) => e.done >= seen.size);
        if (shown) latencies.push(shown.at - microsFromIso(t.stop) / 1000);
      }
      return s;
    };

    const byHand: number[] = [];
    const runner: number[] = [];
    await ours(); // warm-up: Python's bytecode caches, ssh2's first handshake
    manual();
    for (let i = 0; i < ROUNDS; i++) {
      byHand.push(manual());
      runner.push(await ours());
    }
    const m = median(byHand);
    const r = median(runner);
    console.log(`same tempest run (10 tests, 2 workers), median of ${ROUNDS} alternating rounds:`);
    console.log(`  by hand (ssh + tempest run, subunit on stdout): ${m.toFixed(3)} s   [${byHand.map((x) => x.toFixed(2)).join(', ')}]`);
    console.log(`  tempest-gate runner (verified connect, probe, uploads, detached run, follow, parse, progress): ${r.toFixed(3)} s   [${runner.map((x) => x.toFixed(2)).join(', ')}]`);
    console.log(`  overhead: ${(r - m).toFixed(3)} s = ${(((r - m) / m) * 100).toFixed(1)}% (goal < 2%)`);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`  progress after a test finished: median ${median(sorted).toFixed(0)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms over ${sorted.length} tests (goal < 1000 ms)`);
  } finally {
    lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
