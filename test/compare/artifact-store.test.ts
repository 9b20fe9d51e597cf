// The artifact baseline store: the baseline of a branch is the artifact of its latest successful
// run. A local GitHub API (validated against GitHub's OpenAPI description) lists runs and
// artifacts and redirects the download; @actions/artifact downloads and unzips it unmodified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionsApiServer } from './actions-api-server.ts';
import { cliCommand } from '../helpers/cli.ts';
import { baselineCommand } from '../../src/cli/commands/baseline.ts';
import type { CompareDiff } from '../../src/core/compare/index.ts';
import { streamOf, t } from './gen.ts';

const TOKEN = 'ghs_fakefakefakefakefake';
const RUNNER = fileURLToPath(new URL('./run-command.ts', import.meta.url));

/** The verb in its own process, whose environment (GITHUB_API_URL above all) is set from the start. */
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

/** A zip made by Python's zipfile (as GitHub serves artifacts: a zip of the uploaded files). */
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

test('artifact store: latest successful run on the branch with the artifact; CLI compare and list through it', async () => {
  const server = new ActionsApiServer({ owner: 'octo', repo: 'cloud', token: TOKEN });
  const url = await server.start();
  const dir = mkdtempSync(join(tmpdir(), 'tg-art-'));
  try {
    const baseStream = join(dir, 'base.subunit');
    writeFileSync(baseStream, streamOf([t('a', ['success']), t('b', ['success'])]));
    const created = await cliCommand(baselineCommand, ['create', '--results', baseStream, '--branch', 'main']);
    assert.equal(created.code, 0, created.stderr);
    const older = created.stdout.replace('"outcome": "pass"', '"outcome": "fail"');
    server.runs = [
      { id: 10, branch: 'main', status: 'success', artifacts: [{ id: 100, name: 'tempest-gate-baseline', zip: zipOf({ 'baseline.json': older }) }] },
      {
        id: 11,
        branch: 'main',
        status: 'success',
        artifacts: [{ id: 110, name: 'tempest-gate-baseline', zip: zipOf({ 'baseline.json': created.stdout, 'notes.txt': 'x' }) }],
      },
      { id: 12, branch: 'main', status: 'failure', artifacts: [{ id: 120, name: 'tempest-gate-baseline', zip: zipOf({ 'baseline.json': '{}' }) }] },
      { id: 13, branch: 'main', status: 'success', artifacts: [{ id: 130, name: 'other', zip: zipOf({ 'x.json': '{}' }) }] },
      { id: 14, branch: 'stable/2025.2', status: 'success', artifacts: [{ id: 140, name: 'tempest-gate-baseline', zip: zipOf({ 'baseline.json': older }) }] },
    ];
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'octo/cloud', GITHUB_API_URL: url };
    const runFile = join(dir, 'run.subunit');
    writeFileSync(runFile, streamOf([t('a', ['success']), t('b', ['fail'])]));

    const out = join(dir, 'diff.json');
    const r = await verb(['compare', '--baseline', 'artifact:main', '--results', runFile, '--json', '-o', out], env);
    // @actions/artifact logs its progress on stdout (as Actions expects): the JSON goes to -o.
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /Downloading artifact '110' from 'octo\/cloud'/);
    const diff = JSON.parse(readFileSync(out, 'utf8')) as CompareDiff;
    // Run 13 is newer but has no baseline artifact, run 12 failed: run 11's baseline is used.
    assert.equal(diff.baseline.label, 'artifact:tempest-gate-baseline/baseline.json of run 11 on main');
    assert.deepEqual(
      diff.regressions.map((c) => c.name),
      ['tempest.api.x.test_m.T.b'],
    );
    assert.ok(server.calls.includes('blob 110'));
    assert.ok(!server.calls.includes('blob 120'));

    const list = await verb(['baseline', 'list', '--store', 'artifact:tempest-gate-baseline', '--json'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      (JSON.parse(list.stdout) as { name: string }[]).map((b) => b.name),
      ['main', 'stable/2025.2'],
    );

    const none = await verb(['compare', '--baseline', 'artifact:feature', '--results', runFile], env);
    assert.equal(none.code, 3);
    assert.match(none.stderr, /no successful run on 'feature' in octo\/cloud has an artifact named tempest-gate-baseline/);

    const denied = await verb(['compare', '--baseline', 'artifact:main', '--results', runFile], { ...env, GITHUB_TOKEN: 'wrong' });
    assert.equal(denied.code, 4);
    assert.match(denied.stderr, /cannot list workflow runs of octo\/cloud: GitHub answered 401/);

    const noToken = await verb(['compare', '--baseline', 'artifact:main', '--results', runFile], {});
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /artifact baselines need GITHUB_TOKEN/);

    const promote = await verb(['baseline', 'promote', 'main', '--results', runFile, '--store', 'artifact:tempest-gate-baseline'], env);
    assert.equal(promote.code, 2);

    // In this process @actions/github loaded with another GITHUB_API_URL (unset: api.github.com):
    // the store refuses to download rather than let the client go there.
    const { githubArtifactStore } = await import('../../src/edges/baseline-artifact.ts');
    const store = githubArtifactStore({ token: TOKEN, owner: 'octo', repo: 'cloud', apiUrl: url, artifact: 'tempest-gate-baseline' });
    const before = server.calls.filter((c) => c.startsWith('blob')).length;
    await assert.rejects(store.read('main'), /the artifact download client uses \S+ \(GITHUB_API_URL when tempest-gate started\), not http:\/\/127\.0\.0\.1/);
    assert.equal(server.calls.filter((c) => c.startsWith('blob')).length, before);
    assert.deepEqual(server.rejections, []);
    assert.deepEqual(server.badResponses, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
});
