// Merging shards: every test of the plan is either in the merged run exactly once or listed as
// held by a shard that brought nothing back (property), parts of different plans or with a test
// twice are one-line errors, and the CLI's select -> merge round trip on the bundled real run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { planShards, type ShardPlan } from '../../src/core/select/shard.ts';
import { mergeShards, parseShardManifest, shardManifest, type ShardPart } from '../../src/core/select/shard-merge.ts';
import { makeRunResults, parseTestId, type RunResults, type TestRecord, type TestStatus } from '../../src/core/results/model.ts';
import { UserError } from '../../src/core/errors.ts';
import { judgeRuns } from '../../src/stages/judge.ts';
import { selectCommand } from '../../src/cli/commands/select.ts';
import { mergeCommand } from '../../src/cli/commands/merge.ts';
import { loadRuns } from '../../src/stages/results.ts';
import { cliCommand } from '../helpers/cli.ts';
import { generateRun } from './shard-input.ts';

const SAMPLE = fileURLToPath(new URL('../../data/samples/local-tempest-33-compute-identity-mini.subunit', import.meta.url));

function record(id: string, status: TestStatus): TestRecord {
  const p = parseTestId(id);
  return { id, ...p, status, tags: [], start: null, stop: null, duration: 1, worker: null, routeCode: null, attachments: [] };
}

function resultsOf(ids: readonly string[], status: (id: string) => TestStatus = () => 'success'): RunResults {
  return makeRunResults(
    'subunit-v2',
    ids.map((id) => record(id, status(id))),
    [],
  );
}

function parts(plan: ShardPlan, keep: (i: number) => 'results' | 'empty' | 'absent'): ShardPart[] {
  const out: ShardPart[] = [];
  for (const sh of plan.shards) {
    const what = keep(sh.index);
    if (what === 'absent') continue;
    const manifest = shardManifest(plan, sh.index);
    out.push({
      source: `shard-${sh.index}`,
      manifest,
      results: what === 'results' ? resultsOf(manifest.tests) : null,
      reason: what === 'empty' ? 'provision: quota' : null,
    });
  }
  return out;
}

const oneLine = (re: RegExp) => (e: unknown) => e instanceof UserError && e.exitCode === 3 && !e.message.includes('\n') && re.test(e.message);

test('property: the merged run holds every test of the shards that reported once, and the rest are counted as not run', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 20, max: 400 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 1000 }),
      fc.array(fc.constantFrom('results', 'results', 'empty', 'absent'), { minLength: 9, maxLength: 9 }),
      (n, k, seed, fate) => {
        const g = generateRun(n, seed, 0.05);
        const plan = planShards({ parallel: g.parallel, serial: g.serial, shards: k, durations: g.durations });
        const given = parts(plan, (i) => fate[i] as 'results' | 'empty' | 'absent');
        if (!given.length) return;
        const m = mergeShards(given);
        const ids = m.results.tests.map((t) => t.id);
        assert.equal(new Set(ids).size, ids.length, 'no test twice');
        const reported = plan.shards.filter((s) => fate[s.index] === 'results');
        const expected = reported.flatMap((s) => [...s.parallel, ...s.serial]);
        assert.deepEqual(new Set(ids), new Set(expected), 'no test dropped');
        const silent = plan.shards.filter((s) => fate[s.index] !== 'results');
        assert.equal(
          m.notRun,
          silent.reduce((a, s) => a + s.count, 0),
        );
        assert.equal(m.results.tests.length + m.notRun, n, 'every selected test accounted for');
        assert.equal(
          m.infrastructure !== null,
          silent.some((s) => s.count > 0),
        );
        // One verdict: a shard missing is never a pass, whatever the rest says.
        if (m.infrastructure) {
          const j = judgeRuns({
            runs: [m.results],
            baseline: null,
            failOn: 'never',
            today: '2026-01-01',
            now: '2026-01-01T00:00:00Z',
            infrastructure: m.infrastructure,
          });
          assert.notEqual(j.verdict.result, 'pass');
          assert.equal(j.verdict.exitCode, 4);
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('a missing shard is named with what it held and why; an empty shard is no problem', () => {
  const g = generateRun(200, 3, 0.05);
  const plan = planShards({ parallel: g.parallel, serial: g.serial, shards: 3, durations: g.durations });
  const m = mergeShards(parts(plan, (i) => (i === 0 ? 'results' : i === 1 ? 'empty' : 'absent')));
  assert.match(
    m.infrastructure ?? '',
    new RegExp(`^shard 1 of 3 brought back no results \\(${plan.shards[1]?.count} tests not run in \\d+ class(es)?.*\\): provision: quota; `),
  );
  assert.match(m.infrastructure ?? '', /shard 2 of 3 brought back no results .*: no results were found for it/);
  const wide = planShards({ parallel: ['p.A.t1', 'p.B.t1'], serial: [], shards: 4, durations: new Map() });
  const w = mergeShards(parts(wide, (i) => (wide.shards[i]?.count ? 'results' : 'absent')));
  assert.equal(w.infrastructure, null);
  assert.equal(w.results.tests.length, 2);
});

test('parts of different plans, a shard twice, a test twice, an index past the count: one-line errors', () => {
  const g = generateRun(300, 5);
  const plan = planShards({ parallel: g.parallel, serial: g.serial, shards: 3, durations: g.durations });
  const otherBaseline = planShards({ parallel: g.parallel, serial: g.serial, shards: 3, durations: new Map([...g.durations].map(([k, v]) => [k, v * 2 + 1])) });
  const otherSelection = planShards({ parallel: g.parallel.slice(1), serial: g.serial, shards: 3, durations: g.durations });
  assert.notEqual(plan.planId, otherBaseline.planId);
  assert.notEqual(plan.planId, otherSelection.planId);
  assert.equal(plan.planId, planShards({ parallel: g.parallel, serial: g.serial, shards: 3, durations: new Map([...g.durations].reverse()) }).planId);
  const a = parts(plan, () => 'results');
  for (const other of [otherBaseline, otherSelection])
    assert.throws(
      () => mergeShards([a[0] as ShardPart, ...parts(other, (i) => (i === 1 ? 'results' : 'absent'))]),
      oneLine(/^shards planned from different selections or baselines: shard-0 has plan [0-9a-f]{16} \(3 shards\), shard-1 has plan/),
    );
  assert.throws(() => mergeShards([a[0] as ShardPart, { ...(a[0] as ShardPart), source: 'again' }]), oneLine(/^shard 0 appears twice: shard-0 and again$/));
  const stolen = (a[0] as ShardPart).manifest.tests[0] as string;
  const b = { ...(a[1] as ShardPart), results: resultsOf([...(a[1] as ShardPart).manifest.tests, stolen]) };
  assert.throws(
    () => mergeShards([a[0] as ShardPart, b]),
    oneLine(new RegExp(`^test ${stolen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in the results of shard 0 \\(shard-0\\) and of shard 1 \\(shard-1\\)$`)),
  );
  assert.throws(() => mergeShards(a, { shardCount: 4 }), oneLine(/planned for 3 shards, not the 4 asked for/));
  // Within one shard, a test's several records (stestr's 'exists' announcement, then its result;
  // a rerun) are no test twice: all are kept, the test counted once.
  const own = a[1] as ShardPart;
  const held = own.manifest.tests[0] as string;
  const twice = {
    ...own,
    results: makeRunResults('subunit-v2', [record(held, 'exists'), ...resultsOf(own.manifest.tests).tests, record(held, 'success')], []),
  };
  const m = mergeShards([a[0] as ShardPart, twice, a[2] as ShardPart]);
  assert.equal(m.results.tests.filter((t) => t.id === held).length, 3);
  assert.equal(m.shards[1]?.records, own.manifest.tests.length + 2);
  const text = JSON.stringify({ ...(a[0] as ShardPart).manifest, shardIndex: 3 });
  assert.throws(() => parseShardManifest(text, 'x/shard.json'), oneLine(/^x\/shard\.json: shard index 3 is not below the shard count 3 \(0\.\.2\)$/));
  assert.throws(() => parseShardManifest('{"schema":"nope"}', 'y.json'), oneLine(/^y\.json: not a shard manifest/));
});

test('CLI: select --shards 2 --shard-index I writes each shard its manifest; merge joins them once; a shard without results fails as infrastructure (exit 4)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-merge-'));
  // The bundled real run's tests, selected by a preset that takes every test of the list.
  const run = (await loadRuns([SAMPLE], process.stdin)).runs[0] as RunResults;
  const list = join(dir, 'tests.txt');
  writeFileSync(list, `${run.tests.map((t) => t.id).join('\n')}\n`);
  writeFileSync(join(dir, 'files.txt'), 'nova/compute/manager.py\n');
  for (const i of [0, 1]) {
    const r = await cliCommand(selectCommand, [
      '--files',
      join(dir, 'files.txt'),
      '--test-list',
      list,
      '--preset',
      'full',
      '--shards',
      '2',
      '--shard-index',
      String(i),
      '--baseline',
      SAMPLE,
      '--write-lists',
      join(dir, `s${i}`),
    ]);
    assert.equal(r.code, 0, r.stderr);
  }
  const manifests = [0, 1].map((i) => parseShardManifest(readFileSync(join(dir, `s${i}`, 'shard.json'), 'utf8'), `s${i}`));
  assert.equal(manifests[0]?.planId, manifests[1]?.planId);
  // Each shard's results: the real run's records of the tests it held.
  for (const [i, m] of manifests.entries()) {
    const held = new Set(m.tests);
    writeFileSync(
      join(dir, `s${i}`, 'results.json'),
      JSON.stringify(
        makeRunResults(
          'subunit-v2',
          run.tests.filter((t) => held.has(t.id)),
          [],
        ),
      ),
    );
  }
  const out = join(dir, 'merged.json');
  const ok = await cliCommand(mergeCommand, [join(dir, 's0'), join(dir, 's1'), '--out', out, '--baseline', SAMPLE]);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^merged 2 shards of plan [0-9a-f]{16}: \d+ test records\n/);
  const merged = JSON.parse(readFileSync(out, 'utf8')) as RunResults;
  const selected = manifests.flatMap((m) => m.tests);
  assert.equal(merged.tests.length, selected.length);
  // A bad known-failures file (one good entry, one bad): as for 'report', what could be read is
  // used and the merged report still written, never as a pass (exit 3).
  const known = join(dir, 'known.yaml');
  writeFileSync(known, '- bug: https://bugs.launchpad.net/nova/+bug/1\n  expires: 2099-01-01\n  test: x\n- bug: b\n  expires: someday\n  test: y\n');
  const md = join(dir, 'merged.md');
  const badRef = await cliCommand(mergeCommand, [join(dir, 's0'), join(dir, 's1'), '--baseline', SAMPLE, '-k', known, '--markdown', md]);
  assert.equal(badRef.code, 3, badRef.stdout + badRef.stderr);
  assert.match(badRef.stderr, /^tempest-gate merge: \S+known\.yaml: line 5, column 12: 'expires' must be a date/m);
  assert.doesNotMatch(badRef.stdout, /^PASS/m);
  assert.match(readFileSync(md, 'utf8'), /damaged/);
  // A shard whose job left only its manifest and an error line.
  const broken = join(dir, 'broken');
  mkdirSync(broken);
  writeFileSync(join(broken, 'shard.json'), readFileSync(join(dir, 's1', 'shard.json')));
  writeFileSync(join(broken, 'report.json'), JSON.stringify({ headline: 'infrastructure failure, not a test failure: provision: no valid host' }));
  const bad = await cliCommand(mergeCommand, [join(dir, 's0'), broken, '--baseline', SAMPLE]);
  assert.equal(bad.code, 4, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /shard 1: NO RESULTS \(\d+ tests held: .*\): infrastructure failure, not a test failure: provision: no valid host/);
  assert.match(bad.stdout, /^ERROR: infrastructure failure, not a test failure: shard 1 of 2 brought back no results/m);
  const absent = await cliCommand(mergeCommand, [join(dir, 's0'), '--shards', '2']);
  assert.equal(absent.code, 4);
  const wrongK = await cliCommand(mergeCommand, [join(dir, 's0'), '--shards', '3']);
  assert.equal(wrongK.code, 3);
  assert.equal(wrongK.stderr.trim().split('\n').length, 1, wrongK.stderr);
  const twice = await cliCommand(mergeCommand, [join(dir, 's0'), join(dir, 's0')]);
  assert.equal(twice.code, 3);
  assert.match(twice.stderr, /shard 0 appears twice/);
  const overIndex = await cliCommand(selectCommand, [
    '--files',
    join(dir, 'files.txt'),
    '--test-list',
    list,
    '--preset',
    'full',
    '--shards',
    '2',
    '--shard-index',
    '2',
    '--baseline',
    SAMPLE,
  ]);
  assert.equal(overIndex.code, 2);
  assert.match(overIndex.stderr, /--shard-index must be below --shards \(0\.\.1\), not 2/);
});
