// SIGINT/SIGTERM end any verb within 1 s, whatever it is doing: the real CLI (src/cli/bin.ts, the
// entry dist/cli.js bundles) in a process of its own, sent the signal in the middle of each kind of
// work: parsing a stream, a regex on the backtracker (synchronous: no handler could run), waiting
// on a cloud that does not answer. A verb that holds something (provision, run, validate) says
// what it cleans up and ends on a second signal at once; the provision case with a real cloud is
// test/provision/provision-faults.test.ts "SIGTERM to the provision process".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const BIN = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const STREAM = readFileSync(fileURLToPath(new URL('../fixtures/subunit/local-tempest-33-compute-identity-mini.subunit', import.meta.url)));
/** The promise: the process is gone this long after the signal. */
const WITHIN_MS = 1000;

function start(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): { child: ChildProcess; stderr: () => string } {
  const child = spawn(NODE, [BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOME: options.cwd, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  child.stdout.resume();
  return { child, stderr: () => err };
}

/** Send `sig`, and how long the process took to be gone, with how it ended. */
async function stop(child: ChildProcess, sig: NodeJS.Signals): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null }> {
  const gone = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const t0 = performance.now();
  child.kill(sig);
  const end = await gone;
  return { ms: performance.now() - t0, ...end };
}

/** The process's user CPU time in clock ticks (/proc/PID/stat, field 14). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[11]);
}

test('parse in the middle of a stream: ended at once by SIGTERM, the output file not written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-sig-'));
  try {
    const out = join(dir, 'out', 'report.xml');
    const { child } = start(['parse', '-', '--to', 'junit', '-o', out], { cwd: dir });
    // 4 MB of real stream, then the pipe stays open: the verb is reading and decoding.
    const chunk = Buffer.concat(Array.from({ length: Math.ceil((4 << 20) / STREAM.length) }, () => STREAM));
    await new Promise<void>((resolve, reject) => child.stdin!.write(chunk, (e) => (e ? reject(e) : resolve())));
    const r = await stop(child, 'SIGTERM');
    assert.equal(r.signal, 'SIGTERM');
    assert.ok(r.ms < WITHIN_MS, `gone after ${r.ms.toFixed(0)} ms`);
    assert.deepEqual(readdirSync(dir), [], 'no output, no half-written or temporary file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('select in a backtracking regex (synchronous work): ended at once by SIGINT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-sig-'));
  try {
    // Each id costs the backtracker ~150 ms under its step budget: 200 ids are half a minute of
    // synchronous work, during which no signal handler could run.
    writeFileSync(join(dir, 'rules.yaml'), "version: 1\nselections:\n  - name: x\n    files: .*\n    tempest:\n      - regex: '(a+)+\\1$'\n");
    const fifo = join(dir, 'tests.fifo');
    execFileSync('mkfifo', [fifo]);
    const { child, stderr } = start(['select', '--files', '-', '--rules', join(dir, 'rules.yaml'), '--test-list', fifo], { cwd: dir });
    child.stdin!.end('nova/compute/manager.py\n');
    // The list goes through a FIFO: once it is written and closed the verb has read it, and all
    // that is left is matching. Then wait until it has spent 0.2 s of CPU in the matching.
    const w = createWriteStream(fifo);
    const ids = Array.from({ length: 200 }, (_, i) => `tempest.api.x.T.test_${i}_${'a'.repeat(18)}b`).join('\n');
    await new Promise<void>((resolve, reject) => w.end(`${ids}\n`, () => resolve()).on('error', reject));
    const base = cpuTicks(child.pid!);
    while (cpuTicks(child.pid!) < base + 20) await new Promise((r) => setImmediate(r));
    const r = await stop(child, 'SIGINT');
    assert.equal(r.signal, 'SIGINT', stderr());
    assert.ok(r.ms < WITHIN_MS, `gone after ${r.ms.toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A "cloud" that takes connections and never answers. */
async function silentCloud(): Promise<{ url: string; connected: Promise<void>; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  let onConnect!: () => void;
  const connected = new Promise<void>((r) => (onConnect = r));
  const server = createServer((s) => {
    sockets.push(s);
    s.once('data', () => onConnect());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`,
    connected,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

function cloudsYaml(dir: string, authUrl: string): NodeJS.ProcessEnv {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'clouds.yaml'),
    `clouds:\n  silent:\n    auth: {auth_url: '${authUrl}', username: u, password: pw-never-shown, project_name: p, user_domain_name: Default, project_domain_name: Default}\n`,
  );
  return { OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), OS_CLOUD: 'silent' };
}

test('cleanup waiting on a cloud that does not answer: ended at once by SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-sig-'));
  const cloud = await silentCloud();
  try {
    const { child, stderr } = start(['cleanup', '--run-id', 'tsig-1'], { cwd: dir, env: cloudsYaml(dir, cloud.url) });
    await cloud.connected;
    const r = await stop(child, 'SIGTERM');
    assert.equal(r.signal, 'SIGTERM', stderr());
    assert.ok(r.ms < WITHIN_MS, `gone after ${r.ms.toFixed(0)} ms`);
  } finally {
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('provision waiting on a cloud that does not answer: says what it cleans up, and ends within 1 s (nothing was made)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-sig-'));
  const cloud = await silentCloud();
  try {
    const { child, stderr } = start(['provision', '--image', 'tiny', '--flavor', 'm1.tiny', '--run-id', 'tsig-2', '--state-dir', join(dir, 'st')], {
      cwd: dir,
      env: cloudsYaml(dir, cloud.url),
    });
    await cloud.connected;
    const r = await stop(child, 'SIGTERM');
    assert.ok(r.ms < WITHIN_MS, `gone after ${r.ms.toFixed(0)} ms: ${stderr()}`);
    assert.equal(r.code, 4, stderr());
    assert.match(stderr(), /^tempest-gate: received SIGTERM: cleaning up the servers, ports and keypair it made \(send it again to stop at once\)$/m);
    assert.match(stderr(), /provision cancelled: received SIGTERM/);
    assert.doesNotMatch(stderr(), /pw-never-shown|\n\s+at /);
  } finally {
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
