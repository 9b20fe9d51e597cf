// The merge judges the shards' run on the tests the shards were planned to run (their
// manifests' lists), as `report --selected` and the one-environment Action do: a baseline test
// the change did not select is not "removed". Found on the lab's K = 2 run, whose baseline held
// the whole suite and whose merged comment listed every unselected test as removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '../helpers/cli.ts';

const RUN = fileURLToPath(new URL('../../data/samples/local-tempest-33-compute-identity-mini.subunit', import.meta.url));

test("merge compares the baseline on the shards' own tests: the unselected ones are not 'removed'", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-merge-scope-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const all = join(dir, 'all.json');
  assert.equal((await cli(['parse', RUN, '--to', 'json', '-o', all])).code, 0);
  const run = JSON.parse(readFileSync(all, 'utf8')) as { tests: { id: string }[] } & Record<string, unknown>;
  const ids = [...new Set(run.tests.map((x) => x.id))];
  // The change selects every other test; the baseline (the run itself) holds them all.
  const chosen = ids.filter((_, i) => i % 2 === 0);
  assert.ok(ids.length - chosen.length >= 5, `the run has tests to leave out (${ids.length})`);
  writeFileSync(join(dir, 'tests.txt'), `${chosen.join('\n')}\n`);
  writeFileSync(join(dir, 'files.txt'), 'README.md\n');
  const dirs: string[] = [];
  let planned = 0;
  for (const i of [0, 1]) {
    const out = join(dir, `s${i}`);
    mkdirSync(out);
    const sel = await cli(
      ['select', '--files', join(dir, 'files.txt'), '--test-list', join(dir, 'tests.txt'), '--preset', 'full'].concat([
        '--shards',
        '2',
        '--shard-index',
        String(i),
        '--baseline',
        RUN,
        '--write-lists',
        out,
      ]),
    );
    assert.equal(sel.code, 0, sel.stderr);
    const held = new Set((JSON.parse(readFileSync(join(out, 'shard.json'), 'utf8')) as { tests: string[] }).tests);
    planned += held.size;
    writeFileSync(join(out, 'results.json'), JSON.stringify({ ...run, tests: run.tests.filter((x) => held.has(x.id)) }));
    dirs.push(out);
  }
  const merged = join(dir, 'merged.json');
  const md = join(dir, 'merge.md');
  const m = await cli(['merge', ...dirs, '-b', RUN, '--markdown', md, '-o', merged]);
  assert.equal(m.code, 0, `${m.stdout}${m.stderr}`);
  const text = readFileSync(md, 'utf8');
  assert.doesNotMatch(text, /Removed tests/, text.slice(0, 800));
  assert.match(text, new RegExp(`\\| ${planned} \\(${planned}\\) \\|`), 'the baseline column counts the selected tests only');
  // The same merged run judged on the whole baseline (report without --selected) shows the
  // unselected tests as removed: the scope above is the merge's doing.
  const whole = join(dir, 'whole.md');
  const r = await cli(['report', '-r', merged, '-b', RUN, '--markdown', whole]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(whole, 'utf8'), new RegExp(`\\| ${planned} \\(${ids.length}\\) \\|[^]*Removed tests: \\*\\*${ids.length - planned}\\*\\*`));
});
