// The shard planner: every test in exactly one shard, classes and the serial tests whole, the
// same plan for the same input, near the lower bound on a heavy-tailed run, and the CLI's flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { equalCountMakespan, planShards, shardRun, type ShardPlan } from '../../src/core/select/shard.ts';
import { UserError } from '../../src/core/errors.ts';
import { selectCommand } from '../../src/cli/commands/select.ts';
import { cliCommand } from '../helpers/cli.ts';
import { generateRun } from './shard-input.ts';

const LIST = fileURLToPath(new URL('../fixtures/select/tempest-33.0.0-test-list.txt', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../data/samples/local-tempest-33-compute-identity-mini.subunit', import.meta.url));

const classOf = (id: string): string => id.slice(0, id.lastIndexOf('.'));

function assertPartition(plan: ShardPlan, parallel: string[], serial: string[]): void {
  const seen = new Map<string, number>();
  for (const sh of plan.shards) for (const id of [...sh.parallel, ...sh.serial]) seen.set(id, (seen.get(id) ?? 0) + 1);
  assert.equal(seen.size, parallel.length + serial.length, 'no test dropped');
  for (const [id, n] of seen) assert.equal(n, 1, `${id} in ${n} shards`);
  for (const id of serial)
    assert.ok(
      plan.shards.some((sh) => sh.serial.includes(id)),
      `${id} stays serial`,
    );
}

test('every test lands in exactly one shard; classes and the serial tests stay whole', () => {
  const g = generateRun(10_000);
  for (const k of [1, 2, 4, 8, 13]) {
    const plan = planShards({ parallel: g.parallel, serial: g.serial, shards: k, durations: g.durations });
    assert.equal(plan.shards.length, k);
    assertPartition(plan, g.parallel, g.serial);
    const shardOfClass = new Map<string, number>();
    for (const sh of plan.shards) {
      for (const id of sh.parallel) {
        const prev = shardOfClass.get(classOf(id));
        assert.ok(prev === undefined || prev === sh.index, `class ${classOf(id)} split between shards ${prev} and ${sh.index}`);
        shardOfClass.set(classOf(id), sh.index);
      }
    }
    assert.equal(plan.shards.filter((sh) => sh.serial.length > 0).length, g.serial.length ? 1 : 0, 'the serial tests in one shard');
    const sum = plan.shards.reduce((a, sh) => a + sh.predictedSeconds, 0);
    assert.ok(Math.abs(sum - plan.totalSeconds) < 1e-6 * plan.totalSeconds);
    assert.equal(plan.makespanSeconds, Math.max(...plan.shards.map((sh) => sh.predictedSeconds)));
    assert.ok(plan.makespanSeconds >= plan.lowerBoundSeconds - 1e-9);
  }
});

test('the same input gives the same plan, whatever order the durations came in', () => {
  const g = generateRun(3_000, 7);
  const a = planShards({ parallel: g.parallel, serial: g.serial, shards: 5, durations: g.durations });
  const reversed = new Map([...g.durations].reverse());
  const b = planShards({ parallel: g.parallel, serial: g.serial, shards: 5, durations: reversed });
  assert.deepEqual(b, a);
  // Ties: equal units go by name, so two identical classes always land the same way.
  const ids = ['p.A.t1', 'p.A.t2', 'p.B.t1', 'p.B.t2', 'p.C.t1'];
  const d = new Map(ids.map((id) => [id, 1]));
  const one = planShards({ parallel: ids, serial: [], shards: 2, durations: d });
  assert.deepEqual(
    one.shards.map((s) => s.units),
    [['p.A', 'p.C'], ['p.B']],
  );
});

test('within 5% of the lower bound on a 10,000-test heavy-tailed run, and at least 20% shorter than equal counts by name', () => {
  const g = generateRun(10_000);
  const all = [...g.parallel, ...g.serial];
  for (const k of [2, 4, 8]) {
    const plan = planShards({ parallel: g.parallel, serial: g.serial, shards: k, durations: g.durations });
    assert.ok(plan.makespanSeconds <= plan.lowerBoundSeconds * 1.05, `K=${k}: ${plan.makespanSeconds} vs bound ${plan.lowerBoundSeconds}`);
    const naive = equalCountMakespan(all, k, (id) => g.durations.get(id) ?? 0);
    assert.ok(plan.makespanSeconds <= naive * 0.8, `K=${k}: ${plan.makespanSeconds} vs naive ${naive}`);
  }
});

test('the refinement fixes what LPT alone gets wrong (3,3,2,2,2 onto 2 shards: LPT 7, optimum 6)', () => {
  const ids = ['p.A.t', 'p.B.t', 'p.C.t', 'p.D.t', 'p.E.t'];
  const d = new Map([
    ['p.A.t', 3],
    ['p.B.t', 3],
    ['p.C.t', 2],
    ['p.D.t', 2],
    ['p.E.t', 2],
  ]);
  const plan = planShards({ parallel: ids, serial: [], shards: 2, durations: d });
  assert.equal(plan.lowerBoundSeconds, 6);
  assert.equal(plan.makespanSeconds, 6);
  assert.deepEqual(plan.shards.map((s) => s.units).sort(), [
    ['p.A', 'p.B'],
    ['p.C', 'p.D', 'p.E'],
  ]);
});

test('a class longer than total/K stays whole by default; --split-classes splits it into parts of at most total/K', () => {
  const big = Array.from({ length: 10 }, (_, i) => `p.Big.test_${String(i).padStart(2, '0')}`);
  const small = ['p.S1.t', 'p.S2.t'];
  const d = new Map<string, number>([...big.map((id): [string, number] => [id, 10]), ['p.S1.t', 5], ['p.S2.t', 5]]);
  const whole = planShards({ parallel: [...big, ...small], serial: [], shards: 4, durations: d });
  assert.equal(whole.lowerBoundSeconds, 100, 'the whole class is the longest unit');
  assert.equal(whole.makespanSeconds, 100);
  const split = planShards({ parallel: [...big, ...small], serial: [], shards: 4, durations: d, splitClasses: true });
  // ceil(100 / 27.5) = 4 parts of whole tests (30, 20, 30, 20 s): the longest part, 30 s, is the bound.
  assert.equal(split.units, 6);
  assert.equal(split.lowerBoundSeconds, 30);
  assert.equal(split.makespanSeconds, 30);
  assert.ok(split.notes.some((n) => n.includes('split')));
  assertPartition(split, [...big, ...small], []);
});

test('a test without history counts its class median, else the run median, and the plan says so', () => {
  const d = new Map([
    ['p.A.t1', 10],
    ['p.A.t2', 30],
    ['p.A.t3', 20],
    ['p.B.t1', 1],
    ['p.B.t2', 2],
  ]);
  const plan = planShards({ parallel: ['p.A.t1', 'p.A.t9[id-x,smoke]', 'p.Z.t1', 'p.B.t1'], serial: [], shards: 1, durations: d });
  // A.t9 gets A's median (20); Z.t1 has no class in the baseline: the run's median (10).
  assert.equal(plan.totalSeconds, 10 + 20 + 10 + 1);
  assert.deepEqual([plan.estimated.classMedian, plan.estimated.runMedian, plan.estimated.runMedianSeconds], [1, 1, 10]);
  assert.equal(plan.notes.length, 2);
  const none = planShards({ parallel: ['p.A.t1', 'p.A.t2', 'p.B.t1'], serial: [], shards: 2, durations: new Map() });
  assert.equal(none.totalSeconds, 3);
  assert.match(none.notes[0] ?? '', /no usable durations/);
});

test('a shard count below 1 or not whole is a usage error', () => {
  for (const k of [0, -1, 1.5, Number.NaN]) {
    assert.throws(
      () => planShards({ parallel: ['p.A.t'], serial: [], shards: k, durations: new Map() }),
      (e: unknown) => e instanceof UserError && e.exitCode === 2 && /shard count/.test(e.message),
    );
  }
  const empty = planShards({ parallel: [], serial: [], shards: 3, durations: new Map() });
  assert.deepEqual(
    empty.shards.map((s) => s.count),
    [0, 0, 0],
  );
  assert.deepEqual(shardRun(empty.shards[0]!), []);
});

test('CLI: --shards K --shard-index I --write-lists writes only that shard; without the index --json prints the whole plan', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'tg-shard-'));
  const base = ['--repo', repo, '--preset', 'nova', '--files', '-', '--test-list', LIST];
  const stdin = 'nova/compute/manager.py\n';
  const json = await cliCommand(selectCommand, [...base, '--shards', '3', '--baseline', SAMPLE, '--json'], { stdin });
  assert.equal(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout) as { tests: string[]; shards: ShardPlan; shardIndex: null };
  assert.equal(out.shards.shards.length, 3);
  assert.equal(out.shardIndex, null);
  assert.equal(
    out.shards.shards.reduce((a, s) => a + s.count, 0),
    out.tests.length,
  );

  const dir = join(repo, 'lists');
  const one = await cliCommand(selectCommand, [...base, '--shards', '3', '--shard-index', '1', '--baseline', SAMPLE, '--write-lists', dir], { stdin });
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /> shard 1: /);
  const shard1 = out.shards.shards[1]!;
  const written = readdirSync(dir).sort();
  const expected = [
    ...(shard1.parallel.length ? ['parallel-include-list.txt'] : []),
    ...(shard1.serial.length ? ['serial-include-list.txt'] : []),
    'shard.json',
  ];
  assert.deepEqual(written, expected);
  if (shard1.parallel.length) assert.equal(readFileSync(join(dir, 'parallel-include-list.txt'), 'utf8').trim().split('\n').length, shard1.parallel.length);

  const all = join(repo, 'all');
  const every = await cliCommand(selectCommand, [...base, '--shards', '3', '--baseline', SAMPLE, '--write-lists', all], { stdin });
  assert.equal(every.code, 0, every.stderr);
  assert.deepEqual(readdirSync(all).sort(), ['shard-0', 'shard-1', 'shard-2']);
  for (const i of [0, 1, 2]) assert.ok(readdirSync(join(all, `shard-${i}`)).includes('shard.json'), `shard-${i} has its manifest`);
});

test('CLI: bad shard flags are one-line usage errors (exit 2); an unreadable baseline is bad input (exit 3)', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'tg-shard-'));
  const base = ['--repo', repo, '--preset', 'nova', '--files', '-', '--test-list', LIST];
  const stdin = 'nova/compute/manager.py\n';
  const cases: [string[], RegExp][] = [
    [['--shards', '0', '--baseline', SAMPLE], /--shards must be a whole number of at least 1, not '0'/],
    [['--shards', 'two', '--baseline', SAMPLE], /--shards must be a whole number/],
    [['--shards', '3', '--shard-index', '3', '--baseline', SAMPLE], /--shard-index must be below --shards \(0\.\.2\), not 3/],
    [['--shards', '3', '--shard-index=-1', '--baseline', SAMPLE], /--shard-index must be a whole number of at least 0/],
    [['--shards', '3'], /--shards needs --baseline FILE/],
    [['--shard-index', '0'], /need --shards K/],
  ];
  for (const [extra, message] of cases) {
    const r = await cliCommand(selectCommand, [...base, ...extra], { stdin });
    assert.equal(r.code, 2, `${extra.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  const missing = join(repo, 'no-such-baseline.json');
  const r = await cliCommand(selectCommand, [...base, '--shards', '2', '--baseline', missing], { stdin });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /no-such-baseline\.json/);
  // A malformed baseline JSON names the file too.
  const bad = join(repo, 'bad.json');
  writeFileSync(bad, '{ "schema": 1');
  const b = await cliCommand(selectCommand, [...base, '--shards', '2', '--baseline', bad], { stdin });
  assert.equal(b.code, 3, b.stderr);
  assert.match(b.stderr, /bad\.json/);
});

test("CLI: --baseline takes what its help names: a baseline JSON, a results JSON ('parse --to json') or a result stream; a results JSON gives its stream's plan", async () => {
  const { parseResults } = await import('../../src/core/results/parse.ts');
  const { summarizeRuns, toBaseline } = await import('../../src/core/compare/index.ts');
  const { parseCommand } = await import('../../src/cli/commands/parse.ts');
  const repo = mkdtempSync(join(tmpdir(), 'tg-shard-'));
  const base = ['--repo', repo, '--preset', 'nova', '--files', '-', '--test-list', LIST, '--shards', '3', '--json'];
  const stdin = 'nova/compute/manager.py\n';
  const resultsJson = join(repo, 'results.json');
  const parsed = await cliCommand(parseCommand, [SAMPLE, '--to', 'json', '-o', resultsJson]);
  assert.equal(parsed.code, 0, parsed.stderr);
  const baselineJson = join(repo, 'baseline.json');
  writeFileSync(baselineJson, JSON.stringify(toBaseline(summarizeRuns([parseResults(readFileSync(SAMPLE))]))));
  const help = await cliCommand(selectCommand, ['--help']);
  assert.match(help.stdout, /--baseline FILE +the durations: a tempest-gate baseline JSON, a results JSON or a result\s+file \(subunit, JUnit\)/);
  const plans = [];
  for (const file of [SAMPLE, resultsJson, baselineJson]) {
    const r = await cliCommand(selectCommand, [...base, '--baseline', file], { stdin });
    assert.equal(r.code, 0, `${file}: ${r.stderr}`);
    plans.push((JSON.parse(r.stdout) as { shards: ShardPlan }).shards);
  }
  assert.ok(
    plans[0]!.shards.some((s) => s.predictedSeconds > 0),
    'durations were read',
  );
  assert.deepEqual(plans[1], plans[0], 'results JSON: the plan of its stream');
  // A baseline keeps the durations of the tests that passed: its plan holds the same tests.
  const ids = (p: ShardPlan): string[] => p.shards.flatMap((s) => [...s.parallel, ...s.serial]).sort();
  assert.deepEqual(ids(plans[2]!), ids(plans[0]!), 'baseline JSON: the same tests');
});
