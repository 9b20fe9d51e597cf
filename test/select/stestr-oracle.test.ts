// Our selection against stestr's own (Debian python3-stestr, stestr.selection.construct_list run
// in-process by test/oracle/stestr_select.py): every Tempest tox env, the real Tempest 33.0.0 list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPresetCatalog, presetsDir } from '../../src/edges/select-data.ts';
import { testIdsOf } from '../../src/core/select/stestr.ts';
import { toxPresetRules } from '../../src/core/select/rules.ts';
import { selectTests } from '../../src/core/select/select.ts';
import { oracleMissing, runStestr, type StestrRun } from './oracle-helpers.ts';

const missing = oracleMissing();
const skip = missing && !process.env.CI ? missing : false;
const LIST = fileURLToPath(new URL('../fixtures/select/tempest-33.0.0-test-list.txt', import.meta.url));
const ids = testIdsOf(readFileSync(LIST, 'utf8'));
const catalog = loadPresetCatalog();
const listPath = (p: string): string => join(presetsDir(), 'lists', p.split('/').pop() ?? p);

test('the fixture is the real Tempest 33.0.0 list', () => {
  assert.equal(ids.length, 1646);
});

test('every tox env selects exactly what stestr selects', { skip }, () => {
  assert.equal(missing, null, missing ?? '');
  const envs = Object.keys(catalog.toxEnvs);
  assert.ok(envs.length >= 20, `only ${envs.length} tox envs`);
  const runs: StestrRun[] = [];
  const owners: { env: string; serial: boolean }[] = [];
  for (const env of envs) {
    for (const r of catalog.toxEnvs[env]?.runs ?? []) {
      runs.push({
        regexes: r.regex && r.regex !== '{posargs}' ? [r.regex] : null,
        include_list: r.include_list ? listPath(r.include_list) : null,
        exclude_list: r.exclude_list ? listPath(r.exclude_list) : null,
        exclude_regex: r.exclude_regex ?? null,
      });
      owners.push({ env, serial: r.serial });
    }
  }
  const oracle = runStestr({ ids_file: LIST, runs });
  const counts: Record<string, string> = {};
  for (const env of envs) {
    const serialWant = new Set<string>();
    const parallelWant = new Set<string>();
    oracle.forEach((o, i) => {
      if (owners[i]?.env !== env) return;
      for (const t of o.selected) (owners[i]?.serial ? serialWant : parallelWant).add(t);
    });
    for (const t of serialWant) parallelWant.delete(t);
    const ours = selectTests({ rules: toxPresetRules(catalog, env), changedFiles: ['nova/compute/manager.py'], testIds: ids });
    assert.deepEqual(
      ours.serial,
      ids.filter((t) => serialWant.has(t)),
      `${env}: serial step`,
    );
    assert.deepEqual(
      ours.parallel,
      ids.filter((t) => parallelWant.has(t)),
      `${env}: parallel step`,
    );
    counts[env] = `${ours.tests.length} = ${ours.parallel.length} + ${ours.serial.length}`;
  }
  // The worked figures.
  assert.equal(counts['integrated-compute'], '1211 = 1173 + 38');
  // multinode's regex splits at the `|`: it selects exactly the smoke tests.
  const smoke = selectTests({ rules: toxPresetRules(catalog, 'smoke'), changedFiles: ['a'], testIds: ids }).tests;
  const multinode = selectTests({ rules: toxPresetRules(catalog, 'multinode'), changedFiles: ['a'], testIds: ids }).tests;
  assert.deepEqual(multinode, smoke);
  assert.ok(smoke.length > 0);
});

test('the include lists we output select exactly the same tests under stestr', { skip }, () => {
  assert.equal(missing, null, missing ?? '');
  const ours = selectTests({ rules: toxPresetRules(catalog, 'integrated-compute'), changedFiles: ['a'], testIds: ids });
  assert.equal(ours.run.length, 2);
  const dir = mkdtempSync(join(tmpdir(), 'tg-select-'));
  const runs = ours.run.map((r) => {
    const p = join(dir, r.includeListName);
    writeFileSync(p, `${r.includeList.join('\n')}\n`);
    return { include_list: p };
  });
  const [parallel, serial] = runStestr({ ids_file: LIST, runs });
  assert.deepEqual(parallel?.selected, ours.parallel);
  assert.deepEqual(serial?.selected, ours.serial);
  assert.deepEqual(ours.run[1]?.args, ['--combine', '--serial', '--include-list', 'serial-include-list.txt']);
});

test('list-file quirks read exactly as stestr reads them', { skip }, async () => {
  assert.equal(missing, null, missing ?? '');
  const { compileListFile, compileFilter, constructList } = await import('../../src/core/select/stestr.ts');
  const dir = mkdtempSync(join(tmpdir(), 'tg-select-lists-'));
  const cases: { name: string; include?: string; exclude?: string; regex?: string; excludeRegex?: string }[] = [
    { name: 'comments only: no filter, every test', include: '# nothing here\n\n   # still nothing\n' },
    { name: 'hash cuts a regex, whitespace stripped, CRLF', include: '  tempest\\.api\\.compute\\.keypairs   # keypairs\r\nscenario#\r\n' },
    { name: 'include OR regex', include: 'test_keypairs\n', regex: '^tempest\\.api\\.image' },
    { name: 'form feed splits include lines (splitlines)', include: 'test_keypairs\fsmoke\n' },
    { name: 'form feed does not split exclude lines', regex: '^tempest\\.api\\.compute', exclude: 'keypairs\fx\nadmin\n' },
    {
      name: 'exclusions last, both kinds',
      regex: 'tempest\\.api\\.(compute|network)',
      exclude: 'negative\n# comment\n\n',
      excludeRegex: '\\[.*\\bslow\\b.*\\]',
    },
    { name: 'unicode whitespace strip', include: '\u00a0test_keypairs\u2003\n' },
  ];
  const runs: StestrRun[] = cases.map((c, i) => {
    const run: StestrRun = { regexes: c.regex ? [c.regex] : null, exclude_regex: c.excludeRegex ?? null };
    if (c.include !== undefined) writeFileSync((run.include_list = join(dir, `inc${i}.txt`)), c.include);
    if (c.exclude !== undefined) writeFileSync((run.exclude_list = join(dir, `exc${i}.txt`)), c.exclude);
    return run;
  });
  const oracle = runStestr({ ids_file: LIST, runs });
  cases.forEach((c, i) => {
    const sel = constructList(ids, {
      regexes: c.regex ? [compileFilter(c.regex, '--regex', {})] : [],
      includeList: c.include !== undefined ? compileListFile({ name: 'inc', text: c.include }, 'include') : [],
      excludeList: c.exclude !== undefined ? compileListFile({ name: 'exc', text: c.exclude }, 'exclude') : [],
      excludeRegex: c.excludeRegex ? compileFilter(c.excludeRegex, '--exclude-regex', {}) : undefined,
    });
    const want = oracle[i]?.selected ?? [];
    assert.ok(want.length > 0, `${c.name}: the oracle selected nothing, a weak case`);
    assert.deepEqual(
      sel.selected.map((k) => ids[k]),
      want,
      c.name,
    );
  });
});
