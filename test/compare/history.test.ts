// A branch's baseline keeps the history of its last N runs (promote --keep): in a real git remote
// read back from actions/checkout's shallow clone, and in the artifact store (the local GitHub API:
// the previous artifact is read, the next one written with -o for the workflow to upload). Flaky
// tests and pass rates come from the history, --history N narrows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliCommand } from '../helpers/cli.ts';
import { compareCommand } from '../../src/cli/commands/compare.ts';
import { baselineCommand } from '../../src/cli/commands/baseline.ts';
import type { CompareDiff } from '../../src/core/compare/index.ts';
import type { HistoryView } from '../../src/core/render/history-text.ts';
import { ActionsApiServer } from './actions-api-server.ts';
import { streamOf, t } from './gen.ts';

const g = (dir: string, ...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const ident = ['-c', 'user.name=u', '-c', 'user.email=u@example.invalid'];
const A = 'tempest.api.x.test_m.T.a';

/** Four runs of master: a fails in the first and third, c joins in the fourth. */
function runs(dir: string): string[] {
  const plans = [
    [t('a', ['fail']), t('b', ['success']), t('gone', ['success'])],
    [t('a', ['success']), t('b', ['success'])],
    [t('a', ['fail']), t('b', ['success'])],
    [t('a', ['success']), t('b', ['success']), t('c', ['success'])],
  ];
  return plans.map((p, i) => {
    const f = join(dir, `run${i + 1}.subunit`);
    writeFileSync(f, streamOf(p));
    return f;
  });
}

test('promote --keep 3 keeps the newest three runs in the remote; a shallow clone reads the history; flaky and pass rates come from it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tg-history-'));
  try {
    const bare = join(root, 'origin.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
    const work = join(root, 'release-manager');
    execFileSync('git', ['init', '-q', '-b', 'main', work]);
    g(work, 'remote', 'add', 'origin', bare);
    writeFileSync(join(work, 'README'), 'project\n');
    g(work, 'add', 'README');
    g(work, ...ident, 'commit', '-q', '-m', 'init');
    g(work, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
    const files = runs(root);
    let last = '';
    for (const [i, f] of files.entries()) {
      const r = await cliCommand(baselineCommand, [
        'promote',
        'master',
        '--results',
        f,
        '--commit',
        `c${i + 1}`,
        '--keep',
        '3',
        '--repo',
        work,
        '--push',
        'origin',
      ]);
      assert.equal(r.code, 0, r.stderr);
      last = r.stdout;
    }
    assert.match(last, /^promoted master to git:tempest-baselines \([0-9a-f]{40}\): 3 tests, history of 3 runs \(keeps 3, 1 older let go\)\n$/);
    // One commit per promote on the baselines branch, each with the compact document only.
    assert.equal(g(bare, 'rev-list', '--count', 'tempest-baselines'), '4');
    assert.equal(g(bare, 'ls-tree', '-r', '--name-only', 'tempest-baselines'), 'baselines/master.json');

    // actions/checkout's clone: one branch, depth 1. The store fetches its branch.
    const clone = join(root, 'checkout');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--single-branch', pathToFileURL(bare).href, clone]);
    let r = await cliCommand(baselineCommand, ['history', 'master', '--repo', clone, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const view = JSON.parse(r.stdout) as HistoryView;
    assert.deepEqual(
      view.runs.map((x) => x.context.commit),
      ['c2', 'c3', 'c4'],
    );
    assert.equal(view.keep, 3);
    assert.deepEqual(view.changing, [{ name: A, passRate: 2 / 3, outcomes: 'PFP', kind: 'flaky' }]);
    r = await cliCommand(baselineCommand, ['history', 'master', '--repo', clone]);
    assert.match(r.stdout, /^git:tempest-baselines:baselines\/master\.json: 3 tests, history of 3 runs \(keeps the newest 3\), oldest first\n/);
    assert.match(r.stdout, /\n {3}67% {2}PFP {2}tempest\.api\.x\.test_m\.T\.a\n/);
    r = await cliCommand(baselineCommand, ['show', 'master', '--repo', clone]);
    assert.match(r.stdout, /\n {2}history: 3 runs kept \(keeps 3\)/);
    assert.match(r.stdout, /\n {2}flaky tempest\.api\.x\.test_m\.T\.a \(pass rate 67%, 2\/3\)\n/);

    // a fails now: flaky over the history, so not a regression; the comparison says its pass rate.
    const now = join(root, 'now.subunit');
    writeFileSync(now, streamOf([t('a', ['fail']), t('b', ['success']), t('c', ['success'])]));
    r = await cliCommand(compareCommand, ['--baseline', 'master', '--results', now, '--repo', clone, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const diff = JSON.parse(r.stdout) as CompareDiff;
    assert.equal(diff.baseline.runs, 3);
    assert.deepEqual(
      diff.flaky.map((c) => [c.name, c.basePassRate]),
      [[A, 2 / 3]],
    );
    r = await cliCommand(compareCommand, ['--baseline', 'master', '--results', now, '--repo', clone]);
    assert.match(r.stdout, /fails now; flaky in the baseline \(pass rate 67% over the baseline's runs\)/);
    // --history 1: the newest run alone, where a passed: a regression.
    r = await cliCommand(compareCommand, ['--baseline', 'master', '--results', now, '--repo', clone, '--history', '1', '--json']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      (JSON.parse(r.stdout) as CompareDiff).regressions.map((c) => c.name),
      [A],
    );
    r = await cliCommand(compareCommand, ['--baseline', 'master', '--results', now, '--repo', clone, '--history', '0']);
    assert.equal(r.code, 2);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

const RUNNER = fileURLToPath(new URL('./run-command.ts', import.meta.url));
const TOKEN = 'ghs_fakefakefakefakefake';

function verb(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  // Not spawnSync: it would block the local server this process runs.
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The JSON a verb printed after @actions/artifact's progress lines (it logs on stdout, as Actions expects). */
function lastJson(stdout: string): unknown {
  return JSON.parse(stdout.slice(stdout.search(/^\{$/m)));
}

function zipOf(files: Record<string, string>): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'tg-zip-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-c', join(dir, 'out.zip'), ...Object.keys(files)], { cwd: dir });
    return readFileSync(join(dir, 'out.zip'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('artifact store: promote reads the previous artifact and writes the next one with the history (-o), for the workflow to upload', async () => {
  const server = new ActionsApiServer({ owner: 'octo', repo: 'cloud', token: TOKEN });
  const url = await server.start();
  const dir = mkdtempSync(join(tmpdir(), 'tg-art-history-'));
  try {
    const files = runs(dir);
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'octo/cloud', GITHUB_API_URL: url };
    const store = ['--store', 'artifact:tempest-gate-baseline'];
    // The first promote: no successful run has the artifact yet, so the history starts here.
    const first = join(dir, 'first', 'baseline.json');
    let r = await verb(['baseline', 'promote', 'main', '--results', files[0] ?? '', ...store, '-o', first, '--keep', '2'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /no baseline 'main' in artifact:tempest-gate-baseline yet \(no successful run on it has the artifact tempest-gate-baseline\): its history starts here/,
    );
    server.runs = [
      {
        id: 21,
        branch: 'main',
        status: 'success',
        artifacts: [{ id: 210, name: 'tempest-gate-baseline', zip: zipOf({ 'baseline.json': readFileSync(first, 'utf8') }) }],
      },
    ];
    const next = join(dir, 'next', 'baseline.json');
    r = await verb(['baseline', 'promote', 'main', '--results', files[1] ?? '', ...store, '-o', next, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const promoted = lastJson(r.stdout) as { runs: number; keep: number; written: string };
    // The stored keep (2) holds when --keep is not given again.
    assert.deepEqual([promoted.runs, promoted.keep, promoted.written], [2, 2, next]);
    assert.ok(server.calls.includes('blob 210'));
    server.runs = [
      {
        id: 22,
        branch: 'main',
        status: 'success',
        artifacts: [{ id: 220, name: 'tempest-gate-baseline', zip: zipOf({ 'baseline.json': readFileSync(next, 'utf8') }) }],
      },
    ];
    r = await verb(['baseline', 'history', 'artifact:main', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const view = lastJson(r.stdout) as HistoryView;
    assert.equal(view.runs.length, 2);
    assert.deepEqual(view.changing, [{ name: A, passRate: 1 / 2, outcomes: 'FP', kind: 'flaky' }]);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
