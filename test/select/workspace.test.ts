// `select --workspace`: the test list comes from the real `stestr list` (Debian python3-stestr)
// run in a workspace, ids with Tempest-style attributes included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliCommand } from '../helpers/cli.ts';
import { selectCommand } from '../../src/cli/commands/select.ts';
import type { SelectResult } from '../../src/core/select/select.ts';
import { oracleMissing } from './oracle-helpers.ts';

const missing = oracleMissing();
const skip = missing && !process.env.CI ? missing : false;
const WS = fileURLToPath(new URL('../fixtures/select/workspace/', import.meta.url));

function workspace(init: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'tg-select-ws-'));
  cpSync(WS, dir, { recursive: true });
  if (init) execFileSync('stestr', ['init'], { cwd: dir, stdio: 'pipe' });
  return dir;
}

test('the test list comes from stestr list in the workspace', { skip }, async () => {
  assert.equal(missing, null, missing ?? '');
  const ws = workspace(true);
  const rules = join(ws, 'rules.yaml');
  writeFileSync(
    rules,
    'version: 1\nselections:\n  - name: fast\n    files: ^src/\n    tempest:\n      - regex: ^demo_tests\\.\n        exclude-attrs: [slow]\n',
  );
  const r = await cliCommand(selectCommand, ['--rules', rules, '--workspace', ws, '--files', '-', '--json'], { stdin: 'src/app.py\n' });
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout) as SelectResult;
  assert.equal(res.counts.listed, 3);
  assert.deepEqual(res.tests, [
    'demo_tests.test_demo.ServersTest.test_create[id-5de47127-9977-400a-936f-abcfbec1218f,smoke]',
    'demo_tests.test_demo.ServersTest.test_list',
  ]);
});

test('a workspace stestr cannot list is one clear line (exit 3)', { skip }, async () => {
  assert.equal(missing, null, missing ?? '');
  const ws = workspace(false);
  const r = await cliCommand(selectCommand, ['--preset', 'smoke', '--workspace', ws, '--files', '-'], { stdin: 'a\n' });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /^tempest-gate select: 'stestr list' failed in .*: No repository found/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('--list-command runs another lister in the workspace (here stestr list with a filter)', { skip }, async () => {
  assert.equal(missing, null, missing ?? '');
  const ws = workspace(true);
  const r = await cliCommand(selectCommand, ['--preset', 'all', '--workspace', ws, '--list-command', 'stestr list test_list', '--files', '-', '--json'], {
    stdin: 'a\n',
  });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as SelectResult).tests, ['demo_tests.test_demo.ServersTest.test_list']);
});
