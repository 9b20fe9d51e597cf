// The README's first command: the demo runs every cloud-free stage on bundled data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.ts';

test('demo: select, parse, compare, report over bundled real data', async () => {
  const out = mkdtempSync(join(tmpdir(), 'tg-demo-'));
  try {
    const r = await cli(['demo', '--out', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const { steps } = JSON.parse(r.stdout) as { steps: { step: string; exitCode: number }[] };
    // select x2 and parse succeed; compare and report return the gate's verdict: one regression.
    assert.deepEqual(
      steps.map((s) => s.exitCode),
      [0, 0, 0, 1, 1],
    );
    const parallel = readFileSync(join(out, 'lists', 'parallel-include-list.txt'), 'utf8')
      .trim()
      .split('\n');
    assert.equal(parallel.length, 1173);
    assert.ok(existsSync(join(out, 'report.html')));
    assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /test_credentials_create_get_update_delete/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
