// scripts/apt.sh, which the setup scripts source: policy-rc.d is lifted as it was found (absent,
// the machine's own kept, our leftover removed) on every way out, and `apt-get update` waits for
// a package-lists lock held by another apt. Real bash and a real apt-get, in a temp root: the
// machine's own policy-rc.d and apt state are never touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APT_SH = fileURLToPath(new URL('../../scripts/apt.sh', import.meta.url));
const noApt = existsSync('/usr/bin/apt-get') ? false : 'apt-get is missing (not a Debian machine)';

function root(): { dir: string; policy: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tg-apt-'));
  return { dir, policy: join(dir, 'policy-rc.d'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a bash snippet after sourcing apt.sh with POLICY_RC_D in the temp root. */
function bash(policy: string, script: string, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', `set -u; source ${JSON.stringify(APT_SH)}; ${script}`], {
    encoding: 'utf8',
    env: { ...process.env, POLICY_RC_D: policy, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('policy-rc.d: made for the install (refusing every service), then removed', () => {
  const r = root();
  try {
    const out = bash(
      r.policy,
      `policy_rc_block; "$POLICY_RC_D" ssh start; echo "refused=$?"; policy_rc_restore; [ -e "$POLICY_RC_D" ] && echo left || echo gone`,
    );
    assert.equal(out.stdout, 'refused=101\ngone\n', out.stderr);
  } finally {
    r.done();
  }
});

test("policy-rc.d: one the machine had (a container image's) is kept as it was", () => {
  const r = root();
  try {
    const theirs = "#!/bin/sh\n# the image builder's own\nexit 101\n";
    writeFileSync(r.policy, theirs);
    chmodSync(r.policy, 0o700);
    const out = bash(r.policy, 'policy_rc_block; policy_rc_restore; exit 0');
    assert.equal(out.code, 0, out.stderr);
    assert.equal(readFileSync(r.policy, 'utf8'), theirs);
    assert.equal(statSync(r.policy).mode & 0o777, 0o700);
    // ... also when the script fails after blocking.
    assert.equal(bash(r.policy, 'policy_rc_block; exit 3').code, 3);
    assert.equal(readFileSync(r.policy, 'utf8'), theirs);
  } finally {
    r.done();
  }
});

test('policy-rc.d: a leftover of ours from a run killed outright is removed', () => {
  const r = root();
  try {
    // A SIGKILL runs no trap: the file stays, as if the trap were cleared before exiting.
    const made = bash(r.policy, 'policy_rc_block; trap - EXIT; exit 0');
    assert.equal(made.code, 0, made.stderr);
    assert.ok(existsSync(r.policy), 'the leftover is there');
    const out = bash(r.policy, 'policy_rc_block; policy_rc_restore; [ -e "$POLICY_RC_D" ] && echo left || echo gone');
    assert.equal(out.stdout, 'gone\n');
  } finally {
    r.done();
  }
});

test('policy-rc.d: removed on every way out (a failing step, SIGTERM, SIGINT)', async () => {
  const r = root();
  try {
    const failed = bash(r.policy, 'policy_rc_block; false || exit 7');
    assert.equal(failed.code, 7);
    assert.equal(existsSync(r.policy), false, 'removed when the script exits on a failure');
    for (const [sig, code] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      // Signalled once it says it blocked (an event, not a sleep).
      const child = spawn('bash', ['-c', `source ${JSON.stringify(APT_SH)}; policy_rc_block; echo blocked; while :; do sleep 0.1; done`], {
        env: { ...process.env, POLICY_RC_D: r.policy },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.on('data', (c: Buffer) => c.toString().includes('blocked') && resolve()));
      assert.ok(existsSync(r.policy));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      child.kill(sig);
      assert.equal(await exited, code, sig);
      assert.equal(existsSync(r.policy), false, `removed on ${sig}`);
    }
  } finally {
    r.done();
  }
});

/** apt-get's state in the temp root: no sources, its own lists and cache (the machine's are never locked). */
function aptSandbox(dir: string): string {
  for (const d of ['lists/partial', 'cache/archives/partial', 'parts']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'sources.list'), '');
  return [
    `-o Dir::State::Lists=${dir}/lists`,
    `-o Dir::Cache=${dir}/cache`,
    `-o Dir::Etc::sourcelist=${dir}/sources.list`,
    `-o Dir::Etc::sourceparts=${dir}/parts`,
  ].join(' ');
}

/** Holds the lists lock as apt does (fcntl), until its stdin closes. */
function holdListsLock(dir: string): { held: Promise<void>; release: () => void } {
  const py = `import fcntl, os, sys\nf = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o640)\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('held', flush=True)\nsys.stdin.read()\n`;
  const child = spawn('python3', ['-c', py, join(dir, 'lists', 'lock')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const held = new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
  return { held, release: () => child.stdin.end() };
}

test('apt_update waits while another apt holds the package lists, then updates', { skip: noApt }, async () => {
  const r = root();
  const lock = holdListsLock(r.dir);
  try {
    const opts = aptSandbox(r.dir);
    await lock.held;
    // apt-get alone fails at once even with DPkg::Lock::Timeout: what apt_update is for.
    const plain = bash(r.policy, `LC_ALL=C apt-get -o DPkg::Lock::Timeout=30 ${opts} update`);
    assert.equal(plain.code, 100);
    assert.match(plain.stderr, /Could not get lock .*lists\/lock/);
    // Released once apt_update says it waits.
    const child = spawn('bash', ['-c', `source ${JSON.stringify(APT_SH)}; apt_update -q ${opts}`], {
      env: { ...process.env, APT_LOCK_POLL: '0.2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.includes('waiting up to 900s')) lock.release();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 0, err);
    assert.match(err, /^apt: the package lists are locked by another apt; waiting up to 900s$/m);
  } finally {
    lock.release();
    r.done();
  }
});

test("apt_update: a lock held past APT_LOCK_WAIT fails with apt's error and one line saying so; other errors fail at once", { skip: noApt }, async () => {
  const r = root();
  const lock = holdListsLock(r.dir);
  try {
    const opts = aptSandbox(r.dir);
    await lock.held;
    const out = bash(r.policy, `apt_update ${opts}`, { APT_LOCK_WAIT: '1', APT_LOCK_POLL: '0.2' });
    assert.equal(out.code, 100);
    assert.match(out.stderr, /E: Could not get lock/);
    assert.match(out.stderr, /^apt: the package lists stayed locked for 1s$/m);
    // Not a lock: no waiting.
    const bad = bash(
      r.policy,
      `apt_update -o Dir::Etc::sourcelist=${r.dir}/nope.list -o Dir::State::Lists=${r.dir}/nope -o Dir::Cache=${r.dir}/cache -o Dir::Etc::sourceparts=${r.dir}/parts`,
    );
    assert.notEqual(bad.code, 0);
    assert.doesNotMatch(bad.stderr, /waiting/);
  } finally {
    lock.release();
    r.done();
  }
});
