// Every verb the top-level help lists loads, has --help with exit codes, and matches its summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERBS } from '../../src/cli/main.ts';
import { cli } from '../helpers/cli.ts';

test("the brief's verbs are all there, each with --help, --json and documented exit codes", async () => {
  const names = VERBS.map((v) => v.name);
  for (const verb of ['select', 'provision', 'run', 'parse', 'compare', 'baseline', 'report', 'cleanup']) assert.ok(names.includes(verb), verb);
  for (const entry of VERBS) {
    const cmd = await entry.load();
    assert.equal(cmd.name, entry.name);
    assert.equal(cmd.summary, entry.summary, `${entry.name}: main.ts summary differs from the command's`);
    const help = await cli([entry.name, '--help']);
    assert.equal(help.code, 0, entry.name);
    assert.match(help.stdout, new RegExp(`^Usage: tempest-gate ${entry.name}`));
    assert.match(help.stdout, /Exit codes:/, entry.name);
    assert.match(help.stdout, /--json/, entry.name);
  }
  const top = await cli(['--help']);
  for (const entry of VERBS) assert.match(top.stdout, new RegExp(`^  ${entry.name} +${entry.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
});

test('report writes HTML and Markdown for a real run against a baseline, exit code is the verdict', async () => {
  const fix = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'tg-report-'));
  try {
    const html = join(dir, 'r.html');
    const md = join(dir, 'r.md');
    const run = join(fix, 'local-tempest-33-compute-identity-mini.subunit');
    // Against itself: nothing changed, the gate passes although two tests fail (they failed before too).
    const same = await cli(['report', '-r', run, '-b', run, '--html', html, '--markdown', md]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(readFileSync(html, 'utf8'), /data-verdict="pass"/);
    assert.match(readFileSync(md, 'utf8'), /Still failing/i);
    // Without a baseline, failing tests fail the report.
    const alone = await cli(['report', '-r', run, '--html', html, '--json']);
    assert.equal(alone.code, 1);
    assert.equal((JSON.parse(alone.stdout) as { verdict: { failed: boolean } }).verdict.failed, true);
    assert.match(readFileSync(html, 'utf8'), /data-verdict="fail"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bundled CLI (dist/cli.js) loads every verb', async () => {
  const { execFileSync } = await import('node:child_process');
  const cliJs = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
  for (const entry of VERBS) {
    const out = execFileSync(process.execPath, [cliJs, entry.name, '--help'], { encoding: 'utf8' });
    assert.match(out, new RegExp(`^Usage: tempest-gate ${entry.name}`), entry.name);
  }
});

test('the bundled CLI keeps its compiled code in a cache under TMPDIR, and runs without one', async () => {
  const { execFileSync } = await import('node:child_process');
  const { readdirSync } = await import('node:fs');
  const cliJs = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'tg-compile-cache-'));
  try {
    const { NODE_COMPILE_CACHE: _set, NODE_DISABLE_COMPILE_CACHE: _off, ...env } = process.env;
    const run = (extra: Record<string, string>): string =>
      execFileSync(process.execPath, [cliJs, 'compare', '--help'], { encoding: 'utf8', env: { ...env, ...extra } });
    const plain = run({ TMPDIR: join(dir, 'none'), NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.deepEqual(readdirSync(dir), [], 'turned off: no cache written');
    assert.equal(run({ TMPDIR: dir }), plain);
    const [versionDir] = readdirSync(join(dir, 'node-compile-cache'));
    assert.ok(readdirSync(join(dir, 'node-compile-cache', versionDir!)).length >= 2, 'the entry chunks are cached');
    // A cache directory that cannot be made (its parent is a file): the verb runs all the same.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'file'), '');
    assert.equal(run({ TMPDIR: join(dir, 'file') }), plain);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('provision refuses a devstack password in --localrc before touching any cloud', async () => {
  const r = await cli(['provision', '--image', 'x', '--localrc', 'ADMIN_PASSWORD=hunter2'], { env: {} });
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /--localrc: ADMIN_PASSWORD is one of devstack's passwords/);
  assert.doesNotMatch(r.stderr, /hunter2/);
});
