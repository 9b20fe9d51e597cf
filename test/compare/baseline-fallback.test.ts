// loadBaselineWithFallback: the first of several stored names the store has (the base branch,
// then master), a one-line warning when it fell back or found none, and errors that are not
// "not there" never passed over. Real git repositories and directories in temporary places.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gitStore } from '../../src/edges/baseline-store.ts';
import { loadBaselineWithFallback } from '../../src/stages/baseline.ts';
import { UserError } from '../../src/core/errors.ts';
import { baselineOf, t } from './gen.ts';

const created = '2026-01-01T00:00:00Z';
const g = (dir: string, ...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

function repo(root: string, name: string): string {
  const dir = join(root, name);
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  g(dir, '-c', 'user.name=u', '-c', 'user.email=u@example.invalid', 'commit', '-q', '--allow-empty', '-m', 'init');
  return dir;
}

const text = (tests: ReturnType<typeof t>[]): string => JSON.stringify(baselineOf(tests));

test('git store: the base branch when stored, else master with a warning, else none with a warning', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tg-fallback-'));
  try {
    const dir = repo(root, 'repo');
    const store = gitStore(dir, 'tempest-baselines');
    await store.write('master', text([t('a', ['success']), t('b', ['success'])]), 'master');
    await store.write('stable/2025.2', text([t('a', ['success'])]), 'stable');

    let r = await loadBaselineWithFallback({ candidates: ['stable/2025.2', 'master'], repo: dir, created });
    assert.equal(r.used, 'stable/2025.2');
    assert.equal(r.warning, null);
    assert.equal(r.loaded?.source, 'git:tempest-baselines:baselines/stable/2025.2.json');
    assert.equal(r.loaded?.baseline.tests.length, 1);

    r = await loadBaselineWithFallback({ candidates: ['stable/2099.1', 'master'], repo: dir, created });
    assert.equal(r.used, 'master');
    assert.equal(r.loaded?.baseline.tests.length, 2);
    assert.equal(r.warning, "no baseline 'stable/2099.1' in git:tempest-baselines (known: master, stable/2025.2): compared with 'master' instead");

    r = await loadBaselineWithFallback({ candidates: ['stable/2099.1', 'master'], store: 'git:other-baselines', repo: dir, created });
    assert.equal(r.loaded, null);
    assert.equal(r.used, null);
    assert.equal(
      r.warning,
      "no baseline 'stable/2099.1' or 'master' in git:other-baselines (branch 'other-baselines' does not exist and the repository has no remote 'origin' to fetch it from): compared with none, every failure counts",
    );

    // Not a git repository (no checkout): nothing to compare with, said, not an error.
    const bare = mkdtempSync(join(tmpdir(), 'tg-fallback-none-'));
    r = await loadBaselineWithFallback({ candidates: ['master'], repo: bare, created });
    rmSync(bare, { recursive: true, force: true });
    assert.equal(r.loaded, null);
    assert.match(r.warning ?? '', /^no baseline 'master' in git:tempest-baselines \(\S+ is not a git repository\): compared with none, every failure counts$/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a shallow clone without the branch: fetched once, told through log, then the fallback', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tg-fallback-'));
  try {
    const publisher = repo(root, 'publisher');
    const bare = join(root, 'origin.git');
    execFileSync('git', ['clone', '-q', '--bare', publisher, bare]);
    g(publisher, 'remote', 'add', 'origin', bare);
    await gitStore(publisher, 'tempest-baselines').write('master', text([t('a', ['success'])]), 'master');
    g(publisher, 'push', '-q', 'origin', 'tempest-baselines');
    const clone = join(root, 'checkout');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--single-branch', '--branch', 'main', pathToFileURL(bare).href, clone]);

    const lines: string[] = [];
    const r = await loadBaselineWithFallback({ candidates: ['stable/2025.2', 'master'], repo: clone, created, log: (l) => lines.push(l) });
    assert.equal(r.used, 'master');
    assert.equal(r.warning, "no baseline 'stable/2025.2' in git:tempest-baselines (known: master): compared with 'master' instead");
    assert.deepEqual(lines, [`baselines: fetched tempest-baselines from origin (${g(bare, 'rev-parse', 'tempest-baselines').slice(0, 7)})`]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a dir store; a stored baseline that is there but damaged is an error, never passed over', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tg-fallback-'));
  try {
    mkdirSync(join(root, 'stable'));
    writeFileSync(join(root, 'master.json'), text([t('a', ['success'])]));
    let r = await loadBaselineWithFallback({ candidates: ['stable/2025.2', 'master'], store: `dir:${root}`, repo: root, created });
    assert.equal(r.used, 'master');
    assert.equal(r.warning, `no baseline 'stable/2025.2' in dir:${root} (no stable/2025.2.json): compared with 'master' instead`);

    writeFileSync(join(root, 'stable', '2025.2.json'), '{"schema": "tempest-gate/baseline@1",');
    await assert.rejects(
      loadBaselineWithFallback({ candidates: ['stable/2025.2', 'master'], store: `dir:${root}`, repo: root, created }),
      (e) => e instanceof UserError && /2025\.2\.json: line 1, column \d+: not valid JSON/.test(e.message),
    );
    r = await loadBaselineWithFallback({ candidates: [], store: `dir:${root}`, repo: root, created });
    assert.equal(r.loaded, null);
    assert.match(r.warning ?? '', /every failure counts$/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
