// The git baselines store in the clones CI makes: actions/checkout's default (shallow, one
// branch: the baselines branch is not there at all) and a full clone (the branch only under
// refs/remotes/origin/). Real bare remotes in temporary directories, cloned over file:// so that
// --depth is honoured as it is over the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliCommand } from '../helpers/cli.ts';
import { compareCommand } from '../../src/cli/commands/compare.ts';
import { baselineCommand } from '../../src/cli/commands/baseline.ts';
import { BaselineNotFound, gitStore } from '../../src/edges/baseline-store.ts';
import type { CompareDiff } from '../../src/core/compare/index.ts';
import { streamOf, t } from './gen.ts';

const g = (dir: string, ...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const ident = ['-c', 'user.name=u', '-c', 'user.email=u@example.invalid'];

interface World {
  root: string;
  /** The bare repository every clone's origin points at. */
  bare: string;
  url: string;
  stable: string;
  master: string;
}

/** A bare remote with a main branch; `withBaselines` adds tempest-baselines (master and stable/2025.2) as a release manager would. */
function world(withBaselines: boolean): World {
  const root = mkdtempSync(join(tmpdir(), 'tg-gitremote-'));
  const bare = join(root, 'origin.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  const work = join(root, 'publisher');
  execFileSync('git', ['init', '-q', '-b', 'main', work]);
  g(work, 'remote', 'add', 'origin', bare);
  writeFileSync(join(work, 'README'), 'project\n');
  g(work, 'add', 'README');
  g(work, ...ident, 'commit', '-q', '-m', 'init');
  g(work, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
  const stable = join(root, 'stable.subunit');
  writeFileSync(stable, streamOf([t('a', ['success']), t('b', ['success'])]));
  const master = join(root, 'master.subunit');
  writeFileSync(master, streamOf([t('a', ['success']), t('b', ['fail'])]));
  const w = { root, bare, url: pathToFileURL(bare).href, stable, master };
  if (withBaselines) publish(w, work);
  return w;
}

function publish(w: World, work: string): void {
  for (const [name, file] of [
    ['stable/2025.2', w.stable],
    ['master', w.master],
  ] as const) {
    execFileSync(process.execPath, [
      join(import.meta.dirname, 'run-command.ts'),
      'baseline',
      'promote',
      name,
      '--results',
      file,
      '--repo',
      work,
      '--push',
      'origin',
    ]);
  }
}

function shallowClone(w: World, name: string): string {
  const dir = join(w.root, name);
  // What actions/checkout does by default: one commit of one branch.
  execFileSync('git', ['clone', '-q', '--depth', '1', '--single-branch', '--branch', 'main', w.url, dir]);
  return dir;
}

function fullClone(w: World, name: string): string {
  const dir = join(w.root, name);
  execFileSync('git', ['clone', '-q', w.url, dir]);
  return dir;
}

const has = (dir: string, ref: string): boolean => {
  try {
    execFileSync('git', ['-C', dir, 'rev-parse', '--verify', '--quiet', ref], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

test('a shallow single-branch clone (actions/checkout): the store fetches the branch itself and says so', async () => {
  const w = world(true);
  try {
    const clone = shallowClone(w, 'checkout');
    assert.ok(!has(clone, 'refs/remotes/origin/tempest-baselines'), 'the clone really lacks the branch');
    const tip = g(w.bare, 'rev-parse', 'tempest-baselines');
    const status = g(clone, 'status', '--porcelain');

    let r = await cliCommand(compareCommand, ['--baseline', 'stable/2025.2', '--results', w.master, '--repo', clone, '--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal((JSON.parse(r.stdout) as CompareDiff).counts.regressions, 1);
    assert.equal(r.stderr, `baselines: fetched tempest-baselines from origin (${tip.slice(0, 7)})\n`);
    // Fetched as a remote-tracking branch, shallow as the clone is; the user's branch and files untouched.
    assert.equal(g(clone, 'rev-parse', 'refs/remotes/origin/tempest-baselines'), tip);
    assert.ok(!has(clone, 'refs/heads/tempest-baselines'));
    assert.equal(g(clone, 'rev-parse', '--is-shallow-repository'), 'true');
    assert.equal(g(clone, 'symbolic-ref', 'HEAD'), 'refs/heads/main');
    assert.equal(g(clone, 'status', '--porcelain'), status);

    // The next run has it under refs/remotes: no fetch, and it says what it used.
    r = await cliCommand(compareCommand, ['--baseline', 'master', '--results', w.master, '--repo', clone]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `baselines: using origin/tempest-baselines (${tip.slice(0, 7)}): no local branch tempest-baselines\n`);

    // One store fetches once and tells once, however many reads.
    const fresh = shallowClone(w, 'checkout2');
    const lines: string[] = [];
    const store = gitStore(fresh, 'tempest-baselines', { log: (l) => lines.push(l) });
    assert.deepEqual(
      (await store.list()).map((b) => b.name),
      ['master', 'stable/2025.2'],
    );
    assert.match((await store.read('master')).text, /tempest-gate\/baseline-compact@1/);
    assert.deepEqual(lines, [`baselines: fetched tempest-baselines from origin (${tip.slice(0, 7)})`]);
  } finally {
    rmSync(w.root, { recursive: true, force: true });
  }
});

test('a full clone: the branch under refs/remotes/origin is used as it is; a branch made after the clone is fetched without making the clone shallow', async () => {
  const w = world(false);
  try {
    const early = fullClone(w, 'early');
    publish(w, join(w.root, 'publisher'));
    const late = fullClone(w, 'late');
    const tip = g(w.bare, 'rev-parse', 'tempest-baselines');
    assert.ok(has(late, 'refs/remotes/origin/tempest-baselines') && !has(late, 'refs/heads/tempest-baselines'));

    let r = await cliCommand(compareCommand, ['--baseline', 'git:tempest-baselines:stable/2025.2', '--results', w.stable, '--repo', late]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `baselines: using origin/tempest-baselines (${tip.slice(0, 7)}): no local branch tempest-baselines\n`);

    assert.ok(!has(early, 'refs/remotes/origin/tempest-baselines'));
    r = await cliCommand(baselineCommand, ['show', 'stable/2025.2', '--repo', early]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 tests from 1 run/);
    assert.equal(r.stderr, `baselines: fetched tempest-baselines from origin (${tip.slice(0, 7)})\n`);
    assert.equal(g(early, 'rev-parse', '--is-shallow-repository'), 'false');
    // The whole history came: the first promote is there too.
    assert.equal(g(early, 'rev-list', '--count', 'refs/remotes/origin/tempest-baselines'), '2');
  } finally {
    rmSync(w.root, { recursive: true, force: true });
  }
});

test('a baselines branch that exists nowhere: one line naming the branch and the remote, exit 3; a remote that cannot be reached: exit 4', async () => {
  const w = world(false);
  try {
    const clone = shallowClone(w, 'checkout');
    let r = await cliCommand(compareCommand, ['--baseline', 'master', '--results', w.master, '--repo', clone]);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(
      r.stderr,
      `tempest-gate compare: ${clone}: no baseline 'master': branch 'tempest-baselines' does not exist, here nor on remote 'origin' (create it with 'tempest-gate baseline promote master --push origin')\n`,
    );
    r = await cliCommand(baselineCommand, ['list', '--repo', clone, '--store', 'git:release-baselines']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'no baselines in git:release-baselines\n');

    // Not a missing branch but a remote that is gone: that is git failing, not bad input.
    g(clone, 'remote', 'set-url', 'origin', pathToFileURL(join(w.root, 'moved.git')).href);
    r = await cliCommand(compareCommand, ['--baseline', 'master', '--results', w.master, '--repo', clone]);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /^tempest-gate compare: \S+: cannot fetch tempest-baselines from origin: git fetch failed: .+\n$/);

    // No remote at all (a repository of one's own): the branch simply does not exist.
    g(clone, 'remote', 'remove', 'origin');
    r = await cliCommand(compareCommand, ['--baseline', 'master', '--results', w.master, '--repo', clone]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(
      r.stderr,
      /no baseline 'master': branch 'tempest-baselines' does not exist and the repository has no remote 'origin' to fetch it from \(create it with 'tempest-gate baseline promote master'\)\n$/,
    );
    await assert.rejects(gitStore(clone, 'tempest-baselines').read('master'), (e) => e instanceof BaselineNotFound);
  } finally {
    rmSync(w.root, { recursive: true, force: true });
  }
});

test('promote --push from a clone that lacks the branch builds on the remote branch: its history is kept', async () => {
  const w = world(true);
  try {
    const before = g(w.bare, 'rev-parse', 'tempest-baselines');
    // The full clone is made first: its refs/remotes/origin/tempest-baselines is stale by its turn.
    const full = fullClone(w, 'full');
    for (const clone of [shallowClone(w, 'shallow'), full]) {
      const parent = g(w.bare, 'rev-parse', 'tempest-baselines');
      const r = await cliCommand(baselineCommand, [
        'promote',
        'stable/2026.1',
        '--results',
        w.stable,
        '--repo',
        clone,
        '--push',
        'origin',
        '-m',
        `from ${clone}`,
      ]);
      assert.equal(r.code, 0, r.stderr);
      const pushed = g(w.bare, 'rev-parse', 'tempest-baselines');
      assert.equal(g(clone, 'rev-parse', 'refs/heads/tempest-baselines'), pushed);
      assert.equal(g(w.bare, 'rev-parse', `${pushed}^`), parent, 'the new commit sits on the remote tip');
      // Every baseline the remote had is still in the new tree.
      assert.deepEqual(g(w.bare, 'ls-tree', '-r', '--name-only', 'tempest-baselines').split('\n'), [
        'baselines/master.json',
        'baselines/stable/2025.2.json',
        'baselines/stable/2026.1.json',
      ]);
    }
    assert.deepEqual(g(w.bare, 'log', '--format=%s', 'tempest-baselines').split('\n').slice(2), [
      'baseline master: 2 tests, history of 1 run',
      'baseline stable/2025.2: 2 tests, history of 1 run',
    ]);
    assert.equal(g(w.bare, 'rev-list', '--count', 'tempest-baselines'), '4');
    assert.equal(g(w.bare, 'merge-base', '--is-ancestor', before, 'tempest-baselines'), '');

    // A local branch behind the remote is the user's: the push is refused, with what to do.
    const r = await cliCommand(baselineCommand, ['promote', 'master', '--results', w.master, '--repo', full, '--push', 'origin']);
    assert.equal(r.code, 0, r.stderr);
    const behind = shallowClone(w, 'behind');
    g(behind, 'fetch', '-q', '--depth=1', 'origin', '+refs/heads/tempest-baselines:refs/heads/tempest-baselines');
    const other = await cliCommand(baselineCommand, ['promote', 'master', '--results', w.stable, '--repo', fullClone(w, 'other'), '--push', 'origin']);
    assert.equal(other.code, 0, other.stderr);
    const refused = await cliCommand(baselineCommand, ['promote', 'master', '--results', w.master, '--repo', behind, '--push', 'origin']);
    assert.equal(refused.code, 4, refused.stderr);
    assert.match(
      refused.stderr,
      /^tempest-gate baseline: cannot push tempest-baselines to origin: refused \((fetch first|non-fast-forward)\): origin has baselines the local tempest-baselines lacks; bring them in \(git fetch origin tempest-baselines:tempest-baselines\) and promote again\n$/,
    );
  } finally {
    rmSync(w.root, { recursive: true, force: true });
  }
});
