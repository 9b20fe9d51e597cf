// The worker file: the parallel step's tests over the workers by the baseline's durations, as
// Debian's stestr reads the file (generate_worker_partitions gives exactly our groups), against
// stestr's own partitioning of the same list on a fresh node (no times.dbm), and in the argv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classRegex, idFromExactRegex, planWorkers, workerFileYaml } from '../../src/core/run/worker-file.ts';
import { exactTestRegex } from '../../src/core/select/select.ts';
import { defaultPlanOptions, stepArgv } from '../../src/core/run/plan.ts';
import { loadRuns } from '../../src/stages/results.ts';
import { baselineDurations } from '../../src/core/run/progress.ts';
import { DEBIAN_PYTHON } from '../helpers/oracle.ts';
import { generateRun } from '../select/shard-input.ts';

const LIST = fileURLToPath(new URL('../fixtures/select/tempest-33.0.0-test-list.txt', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../data/samples/local-tempest-33-compute-identity-mini.subunit', import.meta.url));
const ORACLE = fileURLToPath(new URL('../oracle/stestr_workers.py', import.meta.url));

function stestr(ids: string[], workers: number, workerFile: string | null): { cold: string[][]; from_file: string[][] | null } {
  const out = execFileSync(DEBIAN_PYTHON, [ORACLE], { input: JSON.stringify({ ids, workers, worker_file: workerFile }), maxBuffer: 1 << 28, encoding: 'utf8' });
  return JSON.parse(out) as { cold: string[][]; from_file: string[][] | null };
}

const makespan = (groups: string[][], d: ReadonlyMap<string, number>): number => Math.max(...groups.map((g) => g.reduce((a, id) => a + (d.get(id) ?? 0), 0)));

test("select's exact include lines read back as the ids they name (the whole Tempest 33.0.0 list); patterns do not", () => {
  const ids = readFileSync(LIST, 'utf8').split('\n').filter(Boolean);
  for (const id of ids) assert.equal(idFromExactRegex(exactTestRegex(id)), id);
  for (const p of ['^tempest\\.api', 'tempest\\.api\\..*$', '^tempest\\.api\\..*$', '^a\\db$', '^(a|b)$']) assert.equal(idFromExactRegex(p), null, p);
});

test("stestr reads our worker file into exactly our groups, every test once; on a fresh node's stestr the slowest worker runs longer", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-workers-'));
  const g = generateRun(3_000, 11, 0);
  const sample = loadRuns([SAMPLE], process.stdin);
  const cases: { name: string; ids: string[]; d: ReadonlyMap<string, number> }[] = [{ name: 'generated', ids: g.parallel, d: g.durations }];
  return sample.then(({ runs }) => {
    const run = runs[0]!;
    cases.push({ name: 'real run', ids: run.tests.filter((t) => t.status !== 'exists' && !t.id.includes(' (')).map((t) => t.id), d: baselineDurations(run) });
    for (const c of cases)
      for (const workers of [2, 4]) {
        const plan = planWorkers({ ids: c.ids, workers, durations: c.d });
        assert.ok(plan, `${c.name}: a plan for ${workers} workers`);
        const file = join(dir, `${c.name}-${workers}.yaml`);
        writeFileSync(file, workerFileYaml(plan.groups));
        const o = stestr(c.ids, workers, file);
        const ours = plan.plan.shards.filter((s) => s.count).map((s) => [...s.parallel].sort());
        assert.deepEqual(
          (o.from_file ?? []).map((x) => x.join('\n')).sort(),
          ours.map((x) => x.join('\n')).sort(),
          `${c.name}, ${workers} workers: stestr's groups from our file`,
        );
        // Durations by name (the baseline's key) for the id-keyed sums.
        const byId = new Map(c.ids.map((id) => [id, c.d.get(id.replace(/\[.*\]$/, '')) ?? c.d.get(id) ?? 0]));
        const cold = makespan(o.cold, byId);
        const balanced = makespan(ours, byId);
        assert.ok(balanced <= cold + 1e-9, `${c.name}, ${workers} workers: balanced ${balanced} vs stestr cold ${cold}`);
        if (c.name === 'generated') assert.ok(balanced <= plan.plan.lowerBoundSeconds * 1.05, `${c.name}: within 5% of the bound`);
      }
  });
});

test('a class regex matches its own tests only; the step passes --worker-file instead of --concurrency', () => {
  const re = new RegExp(classRegex('tempest.api.compute.Foo'));
  assert.ok(re.test('tempest.api.compute.Foo.test_a[id-1,smoke]'));
  assert.ok(re.test('tempest.api.compute.Foo.test_a'));
  assert.ok(!re.test('tempest.api.compute.FooBar.test_a'));
  assert.ok(!re.test('tempest.api.compute.Foo.Bar.test_a'));
  assert.ok(!re.test('xtempest.api.compute.Foo.test_a'));
  const plan = defaultPlanOptions('/ws');
  const argv = stepArgv(plan, { name: 'parallel', include: ['^a\\.B\\.t$'], exclude: [], concurrency: 4, serial: false, workers: [['^a\\.B\\.']] }, 0);
  assert.ok(argv.includes('--worker-file') && !argv.includes('--concurrency'), argv.join(' '));
  assert.equal(workerFileYaml([["^it's"], ['^b']]), "- worker:\n    - '^it''s'\n- worker:\n    - '^b'\n");
  assert.equal(planWorkers({ ids: ['a.B.t', 'a.C.t'], workers: 2, durations: new Map() }), null, 'no durations: stestr balances');
  assert.equal(planWorkers({ ids: ['a.B.t', 'a.C.t'], workers: 1, durations: new Map([['a.B.t', 1]]) }), null, 'one worker');
});
