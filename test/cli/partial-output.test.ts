// An output file is written under a temporary name and renamed over the file (edges/files.ts
// writeOutput). A process killed by SIGKILL mid-write runs nothing on the way out, so the
// temporary file stays: it carries tempest-gate's mark, the host and the dead process's id, and
// the next write into that folder removes it (and nothing that belongs to a live process,
// another host or another program). A signal that ends the process (SIGINT, SIGTERM, SIGHUP)
// removes the partial file on the way out. The real CLI in processes of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigPlan, streamOf } from '../compare/gen.ts';
import { partialName } from '../../src/edges/files.ts';

const NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const BIN = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
/** 3,000 tests: their results JSON (~2 MB) is far more than a pipe holds (64 KiB). */
const STREAM = streamOf(bigPlan(3000, 11));

function parseTo(dir: string, out: string, to = 'json'): ChildProcess {
  const child = spawn(NODE, [BIN, 'parse', '-', '--to', to, '-o', out], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  child.stderr.resume();
  return child;
}

const exited = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

/** A process id that is certainly no process now: one that has exited and been reaped. */
function deadPid(): number {
  const r = spawnSync('sh', ['-c', 'echo $$']);
  return Number(r.stdout.toString().trim());
}

test('SIGKILL mid-write: the output is not there, a marked partial file is; the next run removes it and nothing else', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-partial-'));
  try {
    const out = join(dir, 'results.json');
    // What must survive the next run's sweep: another host's partial file (a shared folder),
    // another program's temporary file, and an old-style name not beside its file.
    const otherHost = partialName('results.json', deadPid(), `${hostname()}-elsewhere`);
    const dead = deadPid();
    const keep = [otherHost, '.notes.txt.12.tmp', `.absent.json.${dead}.tmp`];
    for (const k of keep) writeFileSync(join(dir, k), 'x');
    // The name this CLI version wrote before: removed beside its file when its process is gone.
    writeFileSync(out, 'an older results file\n');
    const oldStyle = `.results.json.${dead}.tmp`;
    writeFileSync(join(dir, oldStyle), 'half');

    // The killed run. Its temporary name is known from its pid; made a FIFO before any input
    // (the verb makes its partial file with the first bytes of output, once the input's format
    // is known), the writer blocks in the middle of its output as soon as the pipe is full,
    // however fast the machine: the kill lands mid-write by construction, not by timing. It is
    // killed before it has read all its input: that pipe then breaks (EPIPE), as it should.
    const killed = parseTo(dir, out);
    const temp = join(dir, partialName('results.json', killed.pid));
    execFileSync('mkfifo', [temp]);
    killed.stdin!.on('error', (err: NodeJS.ErrnoException) => assert.equal(err.code, 'EPIPE'));
    killed.stdin!.end(STREAM);
    const reader = createReadStream(temp, { highWaterMark: 4096 });
    const first = await new Promise<Buffer>((resolve, reject) => reader.once('data', (c) => resolve(c as Buffer)).once('error', reject));
    reader.pause();
    assert.match(first.toString(), /^\{/, 'the writer had begun its results JSON');
    const gone = exited(killed);
    killed.kill('SIGKILL');
    assert.equal((await gone).signal, 'SIGKILL');
    reader.destroy();
    assert.equal(readFileSync(out, 'utf8'), 'an older results file\n', 'the output as it was: not half written');
    assert.ok(lstatSync(temp).isFIFO(), 'the partial file is left (nothing runs after SIGKILL)');
    assert.match(readdirSync(dir).join('\n'), /^\.results\.json\.tempest-gate-partial\./m, 'hidden, and named as tempest-gate left it');

    // A live writer's partial file is not touched by another run writing beside it.
    const live = parseTo(dir, out);
    const liveTemp = join(dir, partialName('results.json', live.pid));
    execFileSync('mkfifo', [liveTemp]);
    const other = parseTo(dir, join(dir, 'other.json'));
    other.stdin!.end(STREAM);
    assert.equal((await exited(other)).code, 0);
    assert.ok(existsSync(liveTemp), "a live process's partial file is left alone");
    assert.ok(!existsSync(temp), "the dead process's partial file is removed by the next write");
    assert.ok(!existsSync(join(dir, oldStyle)), 'and so is an old-style one beside its file');
    const liveGone = exited(live);
    live.kill('SIGKILL');
    await liveGone;

    // The next run into the folder: the output written whole, the dead writer's file removed.
    const next = parseTo(dir, out);
    next.stdin!.end(STREAM);
    assert.equal((await exited(next)).code, 0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { tests: unknown[] };
    assert.equal(written.tests.length, 3000);
    assert.deepEqual(readdirSync(dir).sort(), [...keep, 'other.json', 'results.json'].sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Resolves once `file` is in `dir`, on the folder's own change events, not on a polling clock;
 * rejects after `ms` (see `within` for the bound), the watch closed either way.
 */
function appears(dir: string, file: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      clearTimeout(timer);
      watcher.close();
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => done(new Error(`${file}: not made within ${ms / 1000} s`)), ms);
    const watcher = watch(dir, () => {
      if (existsSync(join(dir, file))) done();
    });
    if (existsSync(join(dir, file))) done(); // made before the watch began
  });
}

/**
 * `promise`, or a failure once `ms` have passed (after `onLate`): a child that never writes, or
 * ignores a signal, would otherwise hold the test open for ever. 60 s is far past the ~1 s a
 * start-up and a parse of 3,000 tests take on 2 loaded cores: only a child that is stuck reaches it.
 */
async function within<T>(promise: Promise<T>, ms: number, onLate: () => void, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onLate();
      reject(new Error(message));
    }, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

test('SIGINT, SIGTERM or SIGHUP mid-write: the partial file goes, the output stays as it was, and the process ends by that signal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-partial-signal-'));
  const children: ChildProcess[] = [];
  try {
    // JSON goes straight into its partial file from the first test on: the run is stopped while it
    // still waits for input (half the stream sent, stdin left open), so the signal lands mid-parse
    // by construction. JUnit's partial file exists only while the whole document is written out at
    // the end: a FIFO at its name, read once and then left full, holds the writer in that write.
    const cases = [
      { to: 'json', signal: 'SIGINT', fifo: false },
      { to: 'json', signal: 'SIGTERM', fifo: false },
      { to: 'junit', signal: 'SIGINT', fifo: true },
      { to: 'junit', signal: 'SIGHUP', fifo: true },
    ] as const;
    for (const c of cases) {
      const out = join(dir, `results.${c.to}`);
      writeFileSync(out, 'an older results file\n');
      const child = parseTo(dir, out, c.to);
      children.push(child);
      const name = partialName(`results.${c.to}`, child.pid);
      const temp = join(dir, name);
      let reader: ReturnType<typeof createReadStream> | null = null;
      if (c.fifo) {
        execFileSync('mkfifo', [temp]);
        child.stdin!.end(STREAM);
        reader = createReadStream(temp, { highWaterMark: 4096 });
        const data = new Promise<Buffer>((resolve, reject) => reader!.once('data', (d) => resolve(d as Buffer)).once('error', reject));
        const first = await within(data, 60_000, () => undefined, `${c.to}: no output within 60 s`);
        reader.pause();
        assert.match(first.toString(), /^<testsuite /, 'the writer had begun its JUnit');
      } else {
        child.stdin!.on('error', () => undefined); // the pipe breaks when the child ends
        child.stdin!.write(STREAM.subarray(0, STREAM.length >> 1));
        await appears(dir, name, 60_000);
      }
      const gone = exited(child);
      child.kill(c.signal);
      const end = await within(gone, 60_000, () => child.kill('SIGKILL'), `${c.to}: still running 60 s after ${c.signal}`);
      reader?.destroy();
      assert.deepEqual(end, { code: null, signal: c.signal }, `${c.to}, ${c.signal}: ended by the signal, as without the listener`);
      assert.ok(!existsSync(temp), `${c.to}, ${c.signal}: the partial file is removed`);
      assert.equal(readFileSync(out, 'utf8'), 'an older results file\n', `${c.to}, ${c.signal}: the output as it was`);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['results.json', 'results.junit']);
  } finally {
    // a failed assertion must not leave a writer blocked on its FIFO, holding the test run open
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
