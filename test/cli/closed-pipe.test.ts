// A reader that goes away (`tempest-gate ... | head`) is a normal end: no EPIPE stack trace, and the
// exit code is the verb's own (src/cli/main.ts processIo). The real CLI runs in a child process
// (node src/cli/bin.ts, the bundle's source) with its standard output on a FIFO whose reader is
// closed: before the first byte (every write fails, whatever the output's size), or after the first
// bytes as `head` does (then the output must be bigger than what the FIFO holds, checked below).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERBS } from '../../src/cli/main.ts';
import { cli } from '../helpers/cli.ts';
import { cloudEnv, skipLocal } from '../helpers/local-openstack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'src', 'cli', 'bin.ts');
const RUN = join(ROOT, 'data', 'samples', 'local-tempest-33-compute-identity-mini.subunit');
const BASELINE = join(ROOT, 'data', 'samples', 'baseline-master.json');
const TEST_LIST = join(ROOT, 'data', 'tempest-33.0.0-test-list.txt');
/** Linux's default pipe capacity (16 pages); a FIFO holds this much before a writer blocks. */
const PIPE_CAPACITY = 64 * 1024;

interface ClosedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** bytes the reader took before closing (0 when closed before the start) */
  read: number;
}

/** Run the CLI with its standard output on a FIFO whose reader closes before it starts, or after the first bytes. */
async function runClosed(argv: string[], when: 'before' | 'after-first-bytes', options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ClosedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'tg-pipe-'));
  const fifo = join(dir, 'out');
  execFileSync('mkfifo', [fifo]);
  // Non-blocking: opening a FIFO's read end waits for a writer otherwise.
  const readFd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writeFd = openSync(fifo, constants.O_WRONLY);
  let read = 0;
  const closed = new Promise<void>((resolve) => {
    if (when === 'before') {
      closeSync(readFd);
      resolve();
      return;
    }
    const reader = new Socket({ fd: readFd, readable: true, writable: false });
    reader.once('data', (chunk: Buffer) => {
      read = chunk.length;
      reader.destroy();
    });
    reader.once('close', () => resolve());
  });
  if (when === 'before') await closed;
  const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', writeFd, 'pipe'], cwd: options.cwd ?? ROOT, env: options.env ?? process.env });
  closeSync(writeFd);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('close', (c, s) => resolve([c, s])));
  await closed;
  rmSync(dir, { recursive: true, force: true });
  return { code, signal, stderr, read };
}

function assertQuiet(r: ClosedRun, code: number, what: string): void {
  assert.equal(r.signal, null, `${what}: killed by ${r.signal}`);
  assert.doesNotMatch(r.stderr, /EPIPE|Error:|\n\s+at /, `${what}: no stack trace, no EPIPE`);
  assert.equal(r.code, code, `${what}: exit ${r.code}, stderr: ${r.stderr}`);
}

test('--help of every verb, the top-level help and --version: exit 0 and nothing on stderr when the reader is gone', async () => {
  const runs = [['--help'], ['--version'], ...VERBS.map((v) => [v.name, '--help'])];
  for (const argv of runs) {
    const r = await runClosed(argv, 'before');
    assertQuiet(r, 0, argv.join(' '));
    assert.equal(r.stderr, '', argv.join(' '));
  }
});

describe("the cloud-free verbs, reader closed before the first byte: the verb's own exit code, its files still written", () => {
  const changed = join(mkdtempSync(join(tmpdir(), 'tg-pipe-change-')), 'change.txt');
  writeFileSync(changed, 'nova/compute/manager.py\n');

  test('select, text and --json', async () => {
    for (const extra of [['--explain'], ['--json']]) {
      assertQuiet(
        await runClosed(['select', '--files', changed, '--preset', 'nova', '--test-list', TEST_LIST, ...extra], 'before'),
        0,
        `select ${extra.join(',')}`,
      );
    }
  });

  test('parse to text, json and junit', async () => {
    for (const to of ['text', 'json', 'junit']) {
      const r = await runClosed(['parse', RUN, '--to', to], 'before');
      assertQuiet(r, 0, `parse --to ${to}`);
      assert.equal(r.stderr, '');
    }
  });

  test('compare and baseline: the verdict stays the exit code', async () => {
    // The bundled run regresses against the bundled master baseline (as the demo shows): exit 1.
    assertQuiet(await runClosed(['compare', '-b', BASELINE, '-r', RUN], 'before'), 1, 'compare');
    assertQuiet(await runClosed(['compare', '-b', RUN, '-r', RUN, '--json'], 'before'), 0, 'compare --json');
    assertQuiet(await runClosed(['baseline', 'create', '--results', RUN], 'before'), 0, 'baseline create');
    assertQuiet(await runClosed(['baseline', 'show', BASELINE, '--json'], 'before'), 0, 'baseline show');
  });

  test('report and demo finish their files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-pipe-files-'));
    try {
      assertQuiet(await runClosed(['report', '-r', RUN, '-b', RUN, '--html', join(dir, 'r.html'), '--json'], 'before'), 0, 'report');
      assert.ok(existsSync(join(dir, 'r.html')));
      assertQuiet(await runClosed(['demo', '--out', join(dir, 'demo')], 'before'), 0, 'demo');
      // The last step writes the report: the demo ran to its end although nobody read it.
      assert.ok(existsSync(join(dir, 'demo', 'report.html')));
      assert.ok(existsSync(join(dir, 'demo', 'summary.md')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('run: a node nobody answers on is still exit 4 (infrastructure), its run.json written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-pipe-run-'));
    // A port that was just free: connecting is refused at once.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    try {
      writeFileSync(join(dir, 'known_hosts'), '127.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVzZWxlc3Mga2V5IGZvciBhIHRlc3QgdGhhdCBpcyBub3Q\n');
      writeFileSync(join(dir, 'key'), 'not used: the connection is refused first');
      const r = await runClosed(
        [
          'run',
          '--host',
          `127.0.0.1:${port}`,
          '--known-hosts',
          join(dir, 'known_hosts'),
          '-i',
          join(dir, 'key'),
          '--connect-timeout',
          '1s',
          '--no-logs',
          '-o',
          join(dir, 'out'),
        ],
        'before',
      );
      assertQuiet(r, 4, 'run');
      assert.ok(existsSync(join(dir, 'out', 'run.json')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the reader closes after the first bytes, as `| head` does', () => {
  const changed = join(mkdtempSync(join(tmpdir(), 'tg-pipe-change-')), 'change.txt');
  writeFileSync(changed, 'nova/compute/manager.py\n');
  const cases: { name: string; argv: string[] }[] = [
    { name: "select --explain (the issue's case)", argv: ['select', '--files', changed, '--preset', 'nova', '--test-list', TEST_LIST, '--explain'] },
    { name: "parse --json (the issue's case)", argv: ['parse', RUN, '--json', '--attachments', 'all'] },
  ];
  for (const { name, argv } of cases) {
    test(name, async () => {
      const whole = await cli(argv);
      assert.equal(whole.code, 0, whole.stderr);
      const r = await runClosed(argv, 'after-first-bytes');
      assert.ok(r.read > 0, 'the reader saw the first bytes');
      // The reader took at most one FIFO's worth and the FIFO holds one more: anything beyond is
      // written after the close, so the write failed (EPIPE) rather than the test passing untried.
      assert.ok(
        Buffer.byteLength(whole.stdout) > r.read + PIPE_CAPACITY,
        `output ${Buffer.byteLength(whole.stdout)} bytes is too small to reach the closed pipe`,
      );
      assertQuiet(r, 0, argv[0] ?? '');
      assert.equal(r.stderr, '');
    });
  }
});

test('a standard output that fails otherwise (a full disk: /dev/full) is one line and exit 4', async () => {
  const full = openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [BIN, 'parse', RUN, '--json'], { stdio: ['ignore', full, 'pipe'], cwd: ROOT });
  closeSync(full);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  assert.equal(code, 4, stderr);
  assert.equal(stderr, 'tempest-gate: cannot write standard output: ENOSPC: no space left on device, write\n');
});

test('cleanup against the local OpenStack: a run with nothing left, reader gone, exit 0', { skip: skipLocal }, async () => {
  const runId = `pipe-${process.pid}-${Date.now().toString(36)}`;
  const r = await runClosed(['cleanup', '--run-id', runId, '--wait-timeout', '1m'], 'before', { env: cloudEnv() });
  assertQuiet(r, 0, 'cleanup');
});
