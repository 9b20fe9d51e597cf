// Baselines: summaries of real runs, merging runs into flaky tests with pass rates, and reading
// baseline files back with clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseResults } from '../../src/core/results/parse.ts';
import { BASELINE_SCHEMA, mergeBaselines, parseBaseline, summarizeRuns, toBaseline } from '../../src/core/compare/index.ts';
import { UserError } from '../../src/core/errors.ts';
import { namesThatRan } from '../../src/core/results/model.ts';
import { readReference } from '../../src/stages/run.ts';
import { baselineOf, planPair, streamOf, summaryOf, t } from './gen.ts';

const stream = (name: string): Uint8Array => readFileSync(new URL(`../fixtures/subunit/${name}`, import.meta.url));

test('a real Tempest run: outcomes, idempotent ids, skip reason, failure details', () => {
  const s = summarizeRuns([parseResults(stream('local-tempest-33-compute-identity-mini.subunit'))], { context: { concurrency: 2, nodes: 1 } });
  assert.equal(s.tests.length, 33);
  const by = (o: string): number => s.tests.filter((x) => x.outcome === o).length;
  assert.deepEqual([by('pass'), by('fail'), by('skip')], [30, 2, 1]);
  const skip = s.tests.find((x) => x.outcome === 'skip');
  assert.equal(skip?.reason, 'Nova personality feature disabled');
  assert.equal(skip?.name, 'setUpClass (tempest.api.compute.servers.test_server_personality.ServerPersonalityTestJSON)');
  const uptime = s.tests.find((x) => x.name.endsWith('test_get_hypervisor_uptime'));
  assert.equal(uptime?.outcome, 'fail');
  assert.match(uptime?.idempotentId ?? '', /^[0-9a-f-]{36}$/);
  assert.match(s.details[uptime?.name ?? ''] ?? '', /None of the hypervisors had a valid uptime/);
  assert.equal(s.context.concurrency, 2);
  const file = toBaseline(s);
  assert.deepEqual(
    file.tests.map((x) => x.name),
    [...s.tests.map((x) => x.name)].sort(),
    'files are sorted by name',
  );
  assert.ok(s.tests.filter((x) => x.outcome === 'pass').every((x) => x.duration !== null && x.duration >= 0));
});

test("a live stestr stream announces each test ('exists') before running it: a listing, not an attempt, so nothing is flaky", () => {
  // The oracle: python-subunit's subunit-stats on the same bytes says 20 tests, 20 passed.
  const s = summarizeRuns([parseResults(stream('lab-tempest-33-live-exists.subunit'))]);
  assert.equal(s.tests.length, 20);
  assert.deepEqual(
    s.tests.filter((x) => x.outcome !== 'pass').map((x) => `${x.name}: ${x.outcome}`),
    [],
  );
  assert.ok(s.tests.every((x) => x.passes === 1 && x.failures === 0 && x.unfinished === 0 && x.passRate === 1));
  // A test that was only listed (the run ended before it started) is unfinished, not passed.
  const listedOnly = summaryOf([t('x', ['exists'])]);
  assert.equal(listedOnly.tests[0]?.outcome, 'unfinished');
});

test("the names that ran leave out a test that was only listed ('exists'): for validate's list and the Interop fallback alike", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-ran-'));
  try {
    const plan = [t('listed', ['exists']), t('a', ['exists', 'success']), t('b', ['fail']), t('a', ['success'])];
    const results = parseResults(streamOf(plan));
    const names = [...namesThatRan(results.tests)].map((n) => n.split('.').pop());
    assert.deepEqual(names, ['a', 'b']);
    const file = join(dir, 'run.subunit');
    writeFileSync(file, streamOf(plan));
    assert.deepEqual(
      (await readReference(file)).names.map((n) => n.split('.').pop()),
      ['a', 'b'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('merging runs: a test that passed and failed is flaky, with its pass rate; median durations', () => {
  const runs = [
    [t('a', ['success'], { durationS: 2 }), t('b', ['success']), t('c', ['skip'], { reason: 'off' })],
    [t('a', ['fail'], { durationS: 9 }), t('b', ['success']), t('c', ['skip'], { reason: 'off' })],
    [t('a', ['success'], { durationS: 4 }), t('b', ['success']), t('c', ['skip'], { reason: 'off' })],
    [t('a', ['success'], { durationS: 6 }), t('b', ['fail', 'success']), t('c', ['skip'], { reason: 'off' })],
  ].map((plan) => parseResults(streamOf(plan)));
  const s = summarizeRuns(runs);
  const a = s.tests.find((x) => x.name.endsWith('.a'));
  assert.equal(a?.outcome, 'flaky');
  assert.equal(a?.passRate, 0.75);
  assert.equal(a?.duration, 4);
  const b = s.tests.find((x) => x.name.endsWith('.b'));
  assert.equal(b?.outcome, 'flaky', 'a rerun that passed after a failure is flaky');
  assert.equal(b?.passRate, 0.8);
  assert.equal(s.tests.find((x) => x.name.endsWith('.c'))?.outcome, 'skip');
  assert.equal(s.runs, 4);
  // Merging baselines made from single runs gives the same outcomes and rates.
  const merged = mergeBaselines(runs.map((r) => toBaseline(summarizeRuns([r]))));
  assert.deepEqual(
    merged.tests.map((x) => [x.name, x.outcome, x.passRate]),
    s.tests.map((x) => [x.name, x.outcome, x.passRate]),
  );
});

test('property: merged counts add up and flaky means both passed and failed', () => {
  fc.assert(
    fc.property(planPair, ({ base, run }) => {
      const runs = [parseResults(streamOf(base)), parseResults(streamOf(run))];
      const merged = summarizeRuns(runs);
      const executions = runs.reduce((n, r) => n + r.tests.length, 0);
      assert.equal(
        merged.tests.reduce((n, x) => n + x.passes + x.failures + x.skips + x.unfinished, 0),
        executions,
      );
      for (const x of merged.tests) {
        assert.equal(x.outcome === 'flaky', x.passes > 0 && x.failures + x.unfinished > 0);
        if (x.passRate !== null) assert.ok(x.passRate >= 0 && x.passRate <= 1);
      }
    }),
    { numRuns: 100 },
  );
});

test('a baseline file round-trips through JSON and the schema check', () => {
  const b = baselineOf([t('a', ['success']), t('b', ['fail']), t('c', ['skip'], { reason: 'r' })], { branch: 'master', concurrency: 4 });
  const text = JSON.stringify(b);
  assert.deepEqual(parseBaseline(text, 'b.json'), b);
  assert.equal(b.schema, BASELINE_SCHEMA);
});

function errorOf(text: string): string {
  try {
    parseBaseline(text, 'base.json');
  } catch (err) {
    assert.ok(err instanceof UserError, String(err));
    assert.ok(!err.message.includes('\n'));
    return err.message;
  }
  assert.fail('expected an error');
}

test('bad baselines: unknown version, not JSON (with line and column), wrong fields', () => {
  const good = baselineOf([t('a', ['success'])]);
  assert.equal(
    errorOf(JSON.stringify({ ...good, schema: 'tempest-gate/baseline@9' })),
    "base.json: unknown baseline version 'tempest-gate/baseline@9' (this tempest-gate reads tempest-gate/baseline@1)",
  );
  assert.equal(errorOf('{"tests": []}'), 'base.json: not a tempest-gate baseline: "schema" is missing, expected "tempest-gate/baseline@1"');
  assert.equal(errorOf('[1, 2]'), 'base.json: not a tempest-gate baseline (expected a JSON object)');
  assert.match(
    errorOf('{\n  "schema": "tempest-gate/baseline@1",\n  "runs": 1,,\n}'),
    /^base\.json: line 3, column 13: not valid JSON: Expected double-quoted property name$/,
  );
  const long = JSON.stringify(good, null, 1).replace('"outcome": "pass"', '"outcome": pass');
  assert.match(errorOf(long), /^base\.json: line \d+, column \d+: not valid JSON: Unexpected token 'p'$/);
  const line = long.split('\n').findIndex((l) => l.includes('"outcome": pass')) + 1;
  assert.ok(errorOf(long).includes(`line ${line},`), errorOf(long));
  assert.equal(errorOf('{"schema": "tempest-gate/baseline@1"'), "base.json: line 1, column 37: not valid JSON: Expected ',' or '}' after property value");
  const bad = structuredClone(good) as unknown as { tests: { outcome: string }[] };
  (bad.tests[0] as { outcome: string }).outcome = 'passed';
  assert.equal(errorOf(JSON.stringify(bad)), 'base.json: invalid baseline: tests.0.outcome must be one of pass, fail, skip, unfinished, flaky');
});
