// The compact baseline encoding (src/core/compare/compact.ts): a baseline and its history survive
// the round trip (durations rounded within 1.4%), a history keeps its newest N runs and gives pass
// rates and flaky tests over them, and a damaged document is bad input naming the file and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  appendHistory,
  baselineFromBytes,
  baselineOfCompact,
  decodeCompact,
  encodeCompact,
  historyOfBaseline,
  roundDuration,
  summarizeRuns,
  toBaseline,
  type Baseline,
} from '../../src/core/compare/index.ts';
import { parseResults } from '../../src/core/results/parse.ts';
import { namesId } from '../../src/core/results/model.ts';
import { knownTests } from '../../src/core/compare/baseline.ts';
import { UserError } from '../../src/core/errors.ts';
import { planPair, streamOf, type PlannedTest } from './gen.ts';

function baselineOf(plan: PlannedTest[], created = '2026-12-01T00:00:00.000Z', context: Partial<Baseline['context']> = {}): Baseline {
  return toBaseline(summarizeRuns([parseResults(streamOf(plan))], { created, context }));
}

function roundTrip(b: Baseline): Baseline {
  const text = encodeCompact(historyOfBaseline(b), { created: b.created, keep: 30 });
  return baselineOfCompact(decodeCompact(JSON.parse(text), 'x.json'));
}

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= Math.max(0.0015, 0.015 * b);
}

test('a one-run baseline survives the round trip: names, ids, attributes, outcomes, reasons; durations within 1.4%', () => {
  fc.assert(
    fc.property(planPair, ({ base }) => {
      const b = baselineOf(base);
      const back = roundTrip(b);
      assert.equal(back.tests.length, b.tests.length);
      b.tests.forEach((t, i) => {
        const r = back.tests[i];
        assert.ok(r);
        const pick = (x: typeof t): unknown => ({ id: x.id, name: x.name, idempotentId: x.idempotentId, outcome: x.outcome, reason: x.reason });
        assert.deepEqual(pick(r), pick(t));
        assert.ok(close(r.duration, t.duration), `${t.name}: ${r.duration} vs ${t.duration}`);
        // One cell per run: reruns inside it count as one outcome (flaky: a pass and a failure).
        if (t.passes + t.failures + t.skips + t.unfinished === 1)
          assert.deepEqual([r.passes, r.failures, r.skips, r.unfinished, r.passRate], [t.passes, t.failures, t.skips, t.unfinished, t.passRate]);
      });
    }),
    { numRuns: 60 },
  );
});

test('ids the name, idempotent id and attributes do not rebuild are kept verbatim', () => {
  const odd = [
    'setUpClass (tempest.api.compute.test_a.T)',
    'tempest.x.T.test_b[smoke,id-0ba2fe6a-2cc3-4e1d-a60a-7c6bfc0fe6a6]',
    'tempest.x.T.test_c[slow]',
    'plain',
  ];
  const b: Baseline = {
    schema: 'tempest-gate/baseline@1',
    created: '2026-12-01T00:00:00.000Z',
    context: { branch: 'master', release: null, commit: 'abc', tempestVersion: '33.0.0', nodes: 2, flavor: 'm1', concurrency: 4, cloud: null },
    runs: 1,
    tests: odd
      .map((id) => {
        const open = id.endsWith(']') ? id.lastIndexOf('[') : -1;
        const name = open > 0 ? id.slice(0, open) : id;
        const uuid = /id-([0-9a-f-]{36})/.exec(id)?.[1] ?? null;
        return {
          id,
          name,
          idempotentId: uuid,
          outcome: 'pass' as const,
          passes: 1,
          failures: 0,
          skips: 0,
          unfinished: 0,
          passRate: 1,
          duration: 1234.5,
          reason: null,
        };
      })
      .sort((x, y) => (x.name < y.name ? -1 : 1)),
  };
  const back = roundTrip(b);
  assert.deepEqual(
    back.tests.map((t) => t.id),
    b.tests.map((t) => t.id),
  );
  assert.deepEqual(back.context, b.context);
  assert.equal(roundDuration(1234.5), back.tests[0]?.duration);
});

test("decoding says whether every id gives its name and idempotent id, as a run's would: knownTests then skips the check, with the same outcome", () => {
  const uuid = '0000aaaa11112222333344445555bbbb';
  const bits = ['', 'smoke', '[', ']', ',', ')', ' (a.B)', 'id-0000aaaa-1111-2222-3333-444444444444', 'id-0000AAAA-1111-2222-3333-444444444444', ' ', 'x'];
  const piece = fc.array(fc.constantFrom(...bits), { maxLength: 3 }).map((p) => p.join(''));
  // Mostly the usual shapes, so that both verdicts are drawn often.
  const usually = (plain: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: piece });
  const row = fc.record({
    method: usually(fc.constantFrom('', '_x', ' (a.B)', '', '_x', '[y]')),
    attr: fc.nat(3),
    withId: fc.boolean(),
    // an id of its own, now and then: the one it would be built as, or any
    override: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('same') }, { weight: 1, arbitrary: piece }),
  });
  const template = JSON.parse(
    encodeCompact(
      historyOfBaseline(
        baselineOf(Array.from({ length: 6 }, (_, i): PlannedTest => ({ name: `a.B.t${i}`, idempotentId: null, runs: ['success'], durationS: 1 }))),
      ),
      {
        created: '2026-12-01T00:00:00.000Z',
        keep: 30,
      },
    ),
  ) as { classes: string[]; tests: Record<string, unknown> };
  let named = 0;
  let notNamed = 0;
  fc.assert(
    fc.property(
      fc.option(usually(fc.constantFrom('a.B', 'a.b[c]')), { nil: null }),
      fc.array(usually(fc.constantFrom('', 'smoke', 'slow,smoke')), { minLength: 4, maxLength: 4 }),
      fc.array(row, { minLength: 6, maxLength: 6 }),
      (cls, attrs, rows) => {
        // Names in strict order whatever the pieces: each method starts m0..m5.
        const doc = structuredClone(template);
        doc.classes = cls === null ? [] : [cls];
        doc.tests.class = rows.map(() => (cls === null ? -1 : 0));
        doc.tests.method = rows.map((r, i) => `m${i}${r.method}`);
        doc.tests.attrs = ['', ...attrs.slice(1)];
        doc.tests.attr = rows.map((r) => r.attr);
        doc.tests.uuid = rows.map((r) => (r.withId ? uuid : '.'.repeat(32))).join('');
        const built = decodeCompact(structuredClone({ ...doc, tests: { ...doc.tests, ids: {} } }), 'x.json').history.tests;
        doc.tests.ids = Object.fromEntries(
          rows.flatMap((r, i) => (r.override === undefined ? [] : [[String(i), r.override === 'same' ? built[i]!.id : `m${i}${r.override}`]])),
        );
        const decoded = decodeCompact(doc, 'x.json');
        const every = decoded.history.tests.every((t) => namesId(t.id, t.name, t.idempotentId));
        assert.equal(decoded.idsNamed, every);
        if (every) named++;
        else notNamed++;
        const tests = baselineOfCompact(decoded).tests;
        // The list decoded (marked when its ids were found to name it) and a copy (checked test by test).
        assert.deepEqual(knownTests(tests), knownTests([...tests]));
      },
    ),
    {
      numRuns: 400,
      // Found by a fresh CI run (2026-12-07): a test whose built id does not give its name, given an
      // id of its own that does. Decoding said "not named" for the whole list, the check found it named.
      examples: [
        [null, ['', '[', '', ''], [0, 1, 2, 3, 4, 5].map((i) => ({ method: '', attr: i === 5 ? 1 : 0, withId: false, override: i === 5 ? '' : undefined }))],
      ],
    },
  );
  // About half are named (~190 of 400, sd 10): 100 is far below what a run draws, and still shows both.
  assert.ok(named > 100 && notNamed > 100, `both kinds drawn (${named} named, ${notNamed} not)`);
});

test('a history keeps its newest N runs: pass rates and flaky tests come from them, tests in none leave', () => {
  const t = (name: string, status: 'success' | 'fail' | 'skip', durationS = 2): PlannedTest => ({
    name: `tempest.api.h.test_m.T.${name}`,
    idempotentId: null,
    runs: [status],
    durationS,
    reason: 'disabled',
    traceback: 'Traceback\nAssertionError',
  });
  const runs = [
    [t('test_gone', 'success'), t('test_a', 'fail'), t('test_b', 'success', 10)],
    [t('test_a', 'success'), t('test_b', 'success', 20)],
    [t('test_a', 'fail'), t('test_b', 'success', 30), t('test_new', 'skip')],
    [t('test_a', 'success'), t('test_b', 'success', 40), t('test_new', 'success')],
  ].map((plan, k) => historyOfBaseline(baselineOf(plan, `2026-12-0${k + 1}T00:00:00.000Z`, { commit: `c${k}` })));
  let history = appendHistory(null, runs.slice(0, 2), 3);
  history = appendHistory(history, runs.slice(2), 3);
  assert.equal(history.runs.length, 3);
  assert.deepEqual(
    history.runs.map((r) => r.context.commit),
    ['c1', 'c2', 'c3'],
  );
  const text = encodeCompact(history, { created: '2026-12-05T00:00:00.000Z', keep: 3 });
  // One run per line: a promote changes the file by a line or two.
  assert.equal(text.split('\n').filter((l) => l.startsWith('{"created"')).length, 3);
  const { baseline } = baselineFromBytes(Buffer.from(text), 'store:master', { created: 'now' });
  const by = new Map(baseline.tests.map((x) => [x.name.split('.').pop(), x]));
  assert.deepEqual([...by.keys()], ['test_a', 'test_b', 'test_new']);
  assert.equal(baseline.runs, 3);
  assert.equal(by.get('test_a')?.outcome, 'flaky');
  assert.equal(by.get('test_a')?.passRate, 2 / 3);
  assert.equal(by.get('test_new')?.outcome, 'pass');
  assert.equal(by.get('test_new')?.reason, 'disabled');
  assert.ok(close(by.get('test_b')?.duration ?? null, 30));
  assert.equal(baseline.context.commit, 'c3');
  // --history 1: the newest run alone.
  const last = baselineFromBytes(Buffer.from(text), 'store:master', { created: 'now', history: 1 }).baseline;
  assert.equal(last.runs, 1);
  assert.equal(last.tests.find((x) => x.name.endsWith('test_a'))?.outcome, 'pass');
  assert.ok(close(last.tests.find((x) => x.name.endsWith('test_b'))?.duration ?? null, 40));
});

test('a damaged compact document is bad input that names the file and the column', () => {
  const b = baselineOf([{ name: 'tempest.a.T.test_x', idempotentId: null, runs: ['success'], durationS: 1 }]);
  const doc = JSON.parse(encodeCompact(historyOfBaseline(b), { created: b.created, keep: 2 })) as { runs: { cells: string }[]; tests: { uuid: string } };
  const broken = (edit: (d: typeof doc) => void): string => {
    const d = structuredClone(doc);
    edit(d);
    return JSON.stringify(d);
  };
  const cases: [string, RegExp][] = [
    [broken((d) => (d.runs[0] = { ...d.runs[0], cells: 'A' } as never)), /runs\[0\]\.cells has 1 characters, expected 2/],
    [broken((d) => (d.runs[0] = { ...d.runs[0], cells: '**' } as never)), /runs\[0\]\.cells: character 1 is not a cell/],
    [broken((d) => (d.tests.uuid = 'x')), /tests\.uuid must be 32 characters/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => baselineFromBytes(Buffer.from(text), 'baselines/master.json', { created: 'now' }),
      (err: unknown) => err instanceof UserError && message.test(err.message) && err.place?.file === 'baselines/master.json',
    );
  }
});
