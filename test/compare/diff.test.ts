// The diff: classification, matching by idempotent id then name, durations like for like,
// policy, known failures; and properties that must hold on any pair of runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareRuns, parseKnownFailures, type CompareDiff } from '../../src/core/compare/index.ts';
import { baselineOf, planPair, summaryOf, t, uuidFor } from './gen.ts';

const TODAY = '2026-11-25';
const names = (list: { name: string }[]): string[] => list.map((x) => x.name.replace('tempest.api.x.test_m.T.', ''));

test('classifies regressions, fixes, still failing, new, removed, skip changes, never finished, flaky', () => {
  const base = baselineOf([
    t('reg', ['success']),
    t('fix', ['fail'], { traceback: 'boom' }),
    t('still', ['fail']),
    t('gone', ['success']),
    t('skip_to_pass', ['skip'], { reason: 'disabled' }),
    t('pass_to_skip', ['success']),
    t('reason_changes', ['skip'], { reason: 'old reason' }),
    t('hang', ['success']),
    t('flaky_base', ['success', 'fail']),
    t('steady', ['success']),
  ]);
  const run = summaryOf([
    t('reg', ['fail'], { traceback: 'Traceback\nAssertionError: reg' }),
    t('fix', ['success']),
    t('still', ['fail']),
    t('brand_new', ['success']),
    t('new_fail', ['fail']),
    t('skip_to_pass', ['success']),
    t('pass_to_skip', ['skip'], { reason: 'feature off' }),
    t('reason_changes', ['skip'], { reason: 'new reason' }),
    t('hang', ['inprogress']),
    t('flaky_base', ['fail']),
    t('rerun_passes', ['fail', 'success']),
    t('steady', ['success']),
  ]);
  const d = compareRuns(base, run, { today: TODAY });
  assert.deepEqual(names(d.regressions), ['reg']);
  assert.equal(d.regressions[0]?.detail, 'Traceback\nAssertionError: reg');
  assert.deepEqual(names(d.fixes), ['fix']);
  assert.deepEqual(names(d.stillFailing), ['still']);
  assert.deepEqual(names(d.removed), ['gone']);
  assert.deepEqual(names(d.added), ['brand_new']);
  assert.deepEqual(names(d.newFailing), ['new_fail']);
  assert.deepEqual(names(d.skipChanges), ['pass_to_skip', 'reason_changes', 'skip_to_pass']);
  const rc = d.skipChanges.find((c) => c.name.endsWith('reason_changes'));
  assert.equal(rc?.reasonBefore, 'old reason');
  assert.equal(rc?.reasonAfter, 'new reason');
  assert.deepEqual(names(d.neverFinished), ['hang']);
  assert.deepEqual(names(d.flaky), ['flaky_base', 'rerun_passes']);
  const rerun = d.flaky.find((c) => c.name.endsWith('rerun_passes'));
  assert.equal(rerun?.after, 'flaky');
  assert.equal(rerun?.passRate, 0.5);
  assert.equal(d.flaky.find((c) => c.name.endsWith('flaky_base'))?.basePassRate, 0.5);
  // Default policy: regressions, new failures and hangs block; still-failing and flaky do not.
  assert.equal(d.verdict.failed, true);
  assert.deepEqual(
    d.verdict.blocking.map((n) => n.replace('tempest.api.x.test_m.T.', '')),
    ['hang', 'new_fail', 'reg'],
  );
  assert.match(d.verdict.reason, /1 regression, 1 new failing test, 1 test never finished/);
});

test('fail-on: regressions passes a run whose only failures the baseline already had; failures does not; never never fails', () => {
  const base = baselineOf([t('a', ['fail']), t('b', ['success'])]);
  const run = summaryOf([t('a', ['fail']), t('b', ['fail', 'success'])]);
  const reg = compareRuns(base, run, { today: TODAY, failOn: 'regressions' });
  assert.equal(reg.verdict.failed, false);
  assert.match(reg.verdict.reason, /no regressions \(1 test still failing as in the baseline\)/);
  const fail = compareRuns(base, run, { today: TODAY, failOn: 'failures' });
  assert.equal(fail.verdict.failed, true);
  assert.deepEqual(fail.verdict.blocking, ['tempest.api.x.test_m.T.a']);
  assert.equal(compareRuns(baselineOf([t('a', ['success'])]), summaryOf([t('a', ['fail'])]), { today: TODAY, failOn: 'never' }).verdict.failed, false);
});

test('a run with no tests never passes the gate', () => {
  const d = compareRuns(baselineOf([t('a', ['success'])]), summaryOf([]), { today: TODAY });
  assert.equal(d.verdict.failed, true);
  assert.match(d.verdict.reason, /no test results/);
});

test('matches by idempotent id first, then by name: renamed and moved tests still match', () => {
  const id = uuidFor(1);
  const base = baselineOf([
    { name: 'tempest.api.compute.old_module.OldTest.test_thing', idempotentId: id, runs: ['success'], durationS: 1 },
    { name: 'tempest.api.compute.test_plain.T.test_no_id', idempotentId: null, runs: ['success'], durationS: 1 },
  ]);
  const run = summaryOf([
    { name: 'tempest.api.compute.new_module.NewTest.test_thing_renamed', idempotentId: id, runs: ['fail'], durationS: 1 },
    { name: 'tempest.api.compute.test_plain.T.test_no_id', idempotentId: null, runs: ['success'], durationS: 1 },
  ]);
  const d = compareRuns(base, run, { today: TODAY });
  assert.equal(d.counts.matched, 2);
  assert.equal(d.regressions.length, 1);
  assert.equal(d.regressions[0]?.renamedFrom, 'tempest.api.compute.old_module.OldTest.test_thing');
  assert.equal(d.removed.length + d.added.length + d.newFailing.length, 0);
});

test('an idempotent id shared by subclasses (as in Tempest) does not cross-match tests', () => {
  // FlavorsV255TestJSON and FlavorsV261TestJSON run test_crud_flavor under one id.
  const id = uuidFor(2);
  const v255 = 'tempest.api.compute.flavors.test_flavors_microversions.FlavorsV255TestJSON.test_crud_flavor';
  const v261 = 'tempest.api.compute.flavors.test_flavors_microversions.FlavorsV261TestJSON.test_crud_flavor';
  const base = baselineOf([
    { name: v255, idempotentId: id, runs: ['success'], durationS: 1 },
    { name: v261, idempotentId: id, runs: ['fail'], durationS: 1 },
  ]);
  const run = summaryOf([
    { name: v261, idempotentId: id, runs: ['fail'], durationS: 1 },
    { name: v255, idempotentId: id, runs: ['success'], durationS: 1 },
  ]);
  const d = compareRuns(base, run, { today: TODAY });
  assert.equal(d.regressions.length, 0);
  assert.deepEqual(
    d.stillFailing.map((c) => c.name),
    [v261],
  );
  // One of the two moved to a new class: still matched (one-to-one on the id among unmatched tests).
  const moved = summaryOf([
    { name: v255, idempotentId: id, runs: ['success'], durationS: 1 },
    { name: v261.replace('FlavorsV261TestJSON', 'FlavorsV261Test'), idempotentId: id, runs: ['success'], durationS: 1 },
  ]);
  const m = compareRuns(base, moved, { today: TODAY });
  assert.equal(m.fixes.length, 1);
  assert.equal(m.fixes[0]?.renamedFrom, v261);
});

test('durations: relative and absolute thresholds, like for like only', () => {
  const base = baselineOf(
    [
      t('slow', ['success'], { durationS: 10 }),
      t('tiny', ['success'], { durationS: 1 }),
      t('fast', ['success'], { durationS: 30 }),
      t('same', ['success'], { durationS: 10 }),
    ],
    { concurrency: 4, flavor: 'm1.large' },
  );
  const plan = [
    t('slow', ['success'], { durationS: 40 }),
    t('tiny', ['success'], { durationS: 3 }),
    t('fast', ['success'], { durationS: 10 }),
    t('same', ['success'], { durationS: 12 }),
  ];
  const d = compareRuns(base, summaryOf(plan, { concurrency: 4, flavor: 'm1.large' }), { today: TODAY });
  assert.equal(d.durationCheck.compared, true);
  // tiny tripled but by 2 s (< 5 s absolute); same moved 2 s (20% < 50%).
  assert.deepEqual(
    d.durations.map((c) => [c.kind, c.name.replace('tempest.api.x.test_m.T.', '')]),
    [
      ['slower', 'slow'],
      ['faster', 'fast'],
    ],
  );
  assert.equal(d.counts.slower, 1);
  const other = compareRuns(base, summaryOf(plan, { concurrency: 2, flavor: 'm1.large' }), { today: TODAY });
  assert.equal(other.durationCheck.compared, false);
  assert.match(other.durationCheck.skippedReason ?? '', /concurrency 4 in the baseline, 2 now/);
  assert.equal(other.durations.length, 0);
  const strict = compareRuns(base, summaryOf(plan, { concurrency: 4 }), { today: TODAY, relativeThreshold: 0.1, absoluteThreshold: 1 });
  assert.equal(strict.durations.length, 4);
});

test('known failures: shown as known, never hidden, do not block; expired entries stop matching and are reported', () => {
  const known = parseKnownFailures(
    `- bug: https://bugs.launchpad.net/nova/+bug/1
  test: test_m\\.T\\.reg
  signature: "Timeout while verifying metadata"
  expires: 2026-12-31
- bug: https://bugs.launchpad.net/nova/+bug/2
  test_ids: [tempest.api.x.test_m.T.other]
  expires: 2026-01-01
`,
    'known.yaml',
  );
  const base = baselineOf([t('reg', ['success']), t('other', ['success']), t('nosig', ['success'])]);
  const run = summaryOf([
    t('reg', ['fail'], { traceback: 'Details: Timeout while verifying metadata on server.' }),
    t('other', ['fail']),
    t('nosig', ['fail'], { traceback: 'something else' }),
  ]);
  const d = compareRuns(base, run, { today: TODAY, knownFailures: known });
  assert.equal(d.regressions.length, 3);
  const reg = d.regressions.find((c) => c.name.endsWith('.reg'));
  assert.equal(reg?.known?.bug, 'https://bugs.launchpad.net/nova/+bug/1');
  assert.equal(reg?.known?.source, 'known.yaml:1');
  assert.equal(d.counts.known, 1);
  assert.deepEqual(
    d.verdict.blocking.map((n) => n.split('.').pop()),
    ['nosig', 'other'],
  );
  assert.deepEqual(d.expiredKnownFailures, [
    { bug: 'https://bugs.launchpad.net/nova/+bug/2', expires: '2026-01-01', source: 'known.yaml:5', wouldMatch: ['tempest.api.x.test_m.T.other'] },
  ]);
  // The last day of an entry still matches.
  const onExpiry = compareRuns(base, run, { today: '2026-01-01', knownFailures: known });
  assert.equal(onExpiry.counts.known, 2);
});

function everyName(d: CompareDiff): string[] {
  return [...d.regressions, ...d.neverFinished, ...d.newFailing, ...d.stillFailing, ...d.flaky, ...d.fixes, ...d.skipChanges, ...d.added, ...d.removed].map(
    (c) => c.name,
  );
}

test('properties: a run against its own baseline has no changes; no test is listed twice; counts add up', () => {
  fc.assert(
    fc.property(planPair, ({ base, run }) => {
      const b = baselineOf(base);
      const s = summaryOf(run);
      const self = compareRuns(baselineOf(run), s, { today: TODAY });
      // Against itself: only tests still failing, still unfinished, still flaky can appear.
      assert.equal(self.regressions.length + self.fixes.length + self.added.length + self.removed.length + self.skipChanges.length + self.newFailing.length, 0);
      const d = compareRuns(b, s, { today: TODAY });
      const listed = everyName(d);
      assert.equal(new Set(listed).size, listed.length);
      assert.equal(d.counts.matched + d.counts.new, s.tests.length);
      assert.equal(d.counts.matched + d.counts.removed, b.tests.length);
      assert.equal(d.counts.passed + d.counts.failed + d.counts.skipped, s.tests.length);
      // Every blocking test is a failing test of the run.
      const failing = new Set(s.tests.filter((x) => x.outcome === 'fail' || x.outcome === 'unfinished').map((x) => x.name));
      for (const n of d.verdict.blocking) assert.ok(failing.has(n), n);
    }),
    { numRuns: 200 },
  );
});

test('property: the diff does not depend on the order tests ran in', () => {
  fc.assert(
    fc.property(planPair, fc.integer(), ({ base, run }, seed) => {
      const shuffled = [...run].sort((a, b) => ((a.name.length * 31 + seed) % 7) - ((b.name.length * 31 + seed) % 7) || (a.name < b.name ? 1 : -1));
      const a = compareRuns(baselineOf(base), summaryOf(run), { today: TODAY });
      const b = compareRuns(baselineOf(base), summaryOf(shuffled), { today: TODAY });
      assert.deepEqual(everyName(a), everyName(b));
      assert.deepEqual(a.verdict, b.verdict);
    }),
    { numRuns: 100 },
  );
});

test('the run summary index is used only while it still describes the tests', () => {
  const base = baselineOf([t('a', ['success']), t('b', ['success'])]);
  const run = summaryOf([t('a', ['success']), t('b', ['fail'])]);
  const trimmed = { ...run, tests: run.tests.filter((x) => x.name.endsWith('.b')) };
  // A filtered copy keeps the old index: its size gives it away and the diff rebuilds it.
  const d = compareRuns(base, trimmed, { today: TODAY });
  assert.deepEqual(names(d.regressions), ['b']);
  assert.deepEqual(names(d.removed), ['a']);
  const renamed = { ...run, tests: run.tests.map((x) => ({ ...x, name: `${x.name}_x` })) };
  assert.throws(() => compareRuns(base, renamed, { today: TODAY }), /index does not match its tests/);
});
