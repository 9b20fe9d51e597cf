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
import { configCommand, defaultPlanOptions, stepArgv, stepFiles, uploadCommand, type RunStep } from '../src/core/run/plan.ts';
import { shQuote } from '../src/core/run/shell-quote.ts';
import { DEFAULT_TIMEOUTS, runTempest } from '../src/edges/ssh/tempest-runner.ts';
import { microsFromIso } from '../src/core/results/model.ts';
import { parseResults } from '../src/core/results/parse.ts';

const SUITE = fileURLToPath(new URL('../test/fixtures/run/sample-suite/', import.meta.url));
const ROUNDS = Number(process.env.TG_BENCH_ROUNDS ?? 5);

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

    // By hand, with OpenSSH's client: the same steps a person takes (is devstack done? put the
    // list and the config in place; run tempest with the subunit on stdout), and the least anyone
    // could do (all of it in one ssh command).
    const sshArgs = [
      '-i',
      join(dir, 'key'),
      '-o',
      `UserKnownHostsFile=${join(dir, 'known_hosts')}`,
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'BatchMode=yes',
      `root@${host.address}`,
    ];
    const ssh = (command: string, input?: string): Buffer => {
      const r = spawnSync('ssh', [...sshArgs, command], { maxBuffer: 1 << 28, input });
      if (r.status !== 0) throw new Error(`ssh ${command}: ${r.stderr.toString()}`);
      return r.stdout;
    };
    const list = `${step.include[0] ?? ''}\n`;
    const tempestRun = `cd ${shQuote(ws)} && ${stepArgv(plan, step, 0).map(shQuote).join(' ')}`;
    const check = (out: Buffer): void => {
      const res = parseResults(out);
      if (res.counts.success !== 8) throw new Error(`manual run: ${JSON.stringify(res.counts)}`);
    };
    const manualSteps = (): number => {
      const t0 = performance.now();
      ssh(`test -e ${shQuote(join(dir, 'ready'))}`);
      ssh(`${uploadCommand(stepFiles(plan, 0).include)} && ${configCommand(plan, [])}`, list);
      check(ssh(tempestRun));
      return (performance.now() - t0) / 1000;
    };
    const manualOne = (): number => {
      const t0 = performance.now();
      check(ssh(`${uploadCommand(stepFiles(plan, 0).include)} && ${configCommand(plan, [])} && ${tempestRun}`, list));
      return (performance.now() - t0) / 1000;
    };
    const shellStart = (): number => {
      const t0 = performance.now();
      ssh('true');
      return (performance.now() - t0) / 1000;
    };
    const latencies: number[] = [];
    const cpuSeconds: number[] = [];
    let streamBytes = 0;
    const ours = async (): Promise<number> => {
      const emitted: { at: number; done: number }[] = [];
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const report = await runTempest({
        nodes: [
          {
            role: 'controller',
            sudo: false,
            markers: { done: join(dir, 'ready'), failed: join(dir, 'failed'), log: join(dir, 'log') },
            target: {
              name: 'controller',
              host: host.address,
              port: 22,
              username: 'root',
              privateKey: lab.userKey,
              trust: parseConsoleHostKeys(consoleOutput(host)),
              trustSource: 'console',
            },
          },
        ],
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
      const cpu = process.cpuUsage(cpu0);
      cpuSeconds.push((cpu.user + cpu.system) / 1e6);
      streamBytes = report.steps.reduce((a, st) => a + st.bytes, 0);
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

    const bySteps: number[] = [];
    const byOne: number[] = [];
    const runner: number[] = [];
    await ours(); // warm-up: Python's bytecode caches, ssh2's first handshake
    manualSteps();
    for (let i = 0; i < ROUNDS; i++) {
      bySteps.push(manualSteps());
      runner.push(await ours());
      byOne.push(manualOne());
    }
    const ms = median(bySteps);
    const mo = median(byOne);
    const r = median(runner);
    const list3 = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
    const pct = (a: number, b: number): string => `${a - b >= 0 ? '+' : ''}${(a - b).toFixed(3)} s = ${(((a - b) / b) * 100).toFixed(1)}%`;
    console.log(`same tempest run (10 tests of 1 s, 2 workers), median of ${ROUNDS} interleaved rounds:`);
    console.log(`  by hand, same steps (ssh: marker? / list+config / tempest run > subunit): ${ms.toFixed(3)} s   [${list3(bySteps)}]`);
    console.log(`  by hand, all in one ssh command:                                        ${mo.toFixed(3)} s   [${list3(byOne)}]`);
    console.log(`  tempest-gate runner (verified keys, probe, lists+config, detached run, follow, parse, progress): ${r.toFixed(3)} s   [${list3(runner)}]`);
    console.log(`  runner overhead vs same steps by hand: ${pct(r, ms)} (goal < 2%)`);
    console.log(`  runner overhead vs one ssh command:    ${pct(r, mo)}`);
    console.log(
      `  runner's own CPU for the whole run (SSH, crypto, streaming ${streamBytes} bytes, parsing, progress): median ${(median(cpuSeconds) * 1000).toFixed(0)} ms`,
    );
    const starts = [shellStart(), shellStart(), shellStart()];
    console.log(`  (one 'ssh host true' here: ${median(starts).toFixed(3)} s: the remote login shell's start-up, paid once per round trip)`);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `  progress after a test finished: median ${median(sorted).toFixed(0)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms over ${sorted.length} tests (goal < 1000 ms)`,
    );
  } finally {
    lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
