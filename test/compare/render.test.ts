// Markdown for pull requests and text for logs: what blocks comes first, and the size budget holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareRuns, parseKnownFailures, renderCompareMarkdown, renderCompareText, type CompareDiff } from '../../src/core/compare/index.ts';
import { baselineOf, planPair, summaryOf, t, type PlannedTest } from './gen.ts';

const TODAY = '2026-11-25';

function sampleDiff(): CompareDiff {
  const base: PlannedTest[] = [];
  const run: PlannedTest[] = [];
  for (let i = 0; i < 300; i++) {
    base.push(t(`test_reg_${i}`, ['success']));
    run.push(
      t(`test_reg_${i}`, ['fail'], { traceback: `Traceback (most recent call last):\n${'  File "x.py", line 1\n'.repeat(30)}AssertionError: regression ${i}` }),
    );
  }
  for (let i = 0; i < 50; i++) {
    base.push(t(`test_fix_${i}`, ['fail']));
    run.push(t(`test_fix_${i}`, ['success']));
    run.push(t(`test_new_${i}`, ['success']));
  }
  base.push(t('test_known', ['success']));
  run.push(t('test_known', ['fail'], { traceback: 'Timeout while verifying metadata' }));
  const known = parseKnownFailures(
    '- bug: https://bugs.launchpad.net/nova/+bug/42\n  test: test_known\n  expires: 2027-01-01\n- bug: https://bugs.launchpad.net/nova/+bug/7\n  test: test_reg_1$\n  expires: 2020-01-01\n',
    'known.yaml',
  );
  return compareRuns(baselineOf(base), summaryOf(run), { today: TODAY, knownFailures: known });
}

test('Markdown: verdict first, then regressions with tracebacks, then the rest in order of importance', () => {
  const md = renderCompareMarkdown(sampleDiff());
  assert.match(md, /^### ❌ Tempest gate: 300 regressions\n/);
  const order = ['#### Regressions (300)', '#### Known failures (1)', '#### Expired known-failure entries (1)', '#### Fixes (50)', '#### New tests (50)'];
  const at = order.map((h) => md.indexOf(h));
  assert.ok(
    at.every((i) => i > 0),
    JSON.stringify(at),
  );
  assert.deepEqual(
    [...at].sort((a, b) => a - b),
    at,
  );
  assert.match(md, /<details><summary>traceback<\/summary>/);
  assert.equal(md.match(/<details>/g)?.length, 10, 'ten tracebacks by default');
  assert.match(md, /`tempest\.api\.x\.test_m\.T\.test_known` — passed in the baseline, fails now — known: \[https:\/\/bugs\.launchpad\.net\/nova\/\+bug\/42\]/);
  assert.match(md, /bug\/7 \(known\.yaml:4\) expired on 2020-01-01: no longer explains 1 failing test/);
  assert.ok(md.length <= 60000);
});

test('Markdown: the budget is never exceeded; cut lists say how many are left out', () => {
  const diff = sampleDiff();
  for (const budget of [200, 500, 1000, 3000, 10000, 65536]) {
    const md = renderCompareMarkdown(diff, { budget, detailsUrl: 'https://example.invalid/run/1' });
    assert.ok(md.length <= budget, `${md.length} > ${budget}`);
    assert.match(md, /^### ❌ Tempest gate/);
  }
  const small = renderCompareMarkdown(diff, { budget: 3000 });
  assert.match(small, /- … and \d+ more\n/);
  assert.match(small, /#### Regressions \(300\)/);
  assert.match(small, /more sections? left out to stay within 3000 characters/);
});

test('property: any diff renders within any budget, verdict first', () => {
  fc.assert(
    fc.property(planPair, fc.integer({ min: 200, max: 5000 }), ({ base, run }, budget) => {
      const d = compareRuns(baselineOf(base), summaryOf(run), { today: TODAY });
      const md = renderCompareMarkdown(d, { budget });
      assert.ok(md.length <= budget);
      assert.ok(md.startsWith(d.verdict.failed ? '### ❌' : '### ✅'));
      const text = renderCompareText(d);
      assert.ok(text.startsWith(d.verdict.failed ? 'FAIL: ' : 'PASS: '));
    }),
    { numRuns: 100 },
  );
});

test('text: one section per change kind, lists capped', () => {
  const text = renderCompareText(sampleDiff(), { maxPerSection: 5 });
  assert.match(text, /^FAIL: 300 regressions \(fail-on: regressions\)\n/);
  assert.match(text, /\nRegressions \(300\):\n/);
  assert.match(text, /… and 295 more/);
  assert.match(text, /\[known: https:\/\/bugs\.launchpad\.net\/nova\/\+bug\/42, until 2027-01-01\]/);
});

test('a clean run says so', () => {
  const plan = [t('a', ['success']), t('b', ['skip'], { reason: 'off' })];
  const d = compareRuns(baselineOf(plan), summaryOf(plan), { today: TODAY });
  const md = renderCompareMarkdown(d);
  assert.match(md, /^### ✅ Tempest gate: no regressions\n/);
  assert.match(md, /No changes from the baseline\./);
});

test('Markdown: free text is shown as written (no HTML, no table breaks); only http(s) bugs become links', () => {
  const base = baselineOf([t('a', ['success']), t('b', ['success'])]);
  const run = summaryOf([t('a', ['skip'], { reason: '<img src=x onerror=alert(1)> | **bold** `tick`' }), t('b', ['fail'])]);
  const known = parseKnownFailures('- bug: "LP#123 [x](javascript:alert(1))"\n  test: \\.b$\n  expires: 2099-01-01\n', 'k.yaml');
  const md = renderCompareMarkdown(compareRuns(base, run, { today: TODAY, knownFailures: known }));
  assert.ok(!/(^|[^\\])<img/.test(md), 'no live HTML');
  assert.match(md, /\\<img src=x onerror=alert\(1\)\\> \\\| \\\*\\\*bold\\\*\\\* \\`tick\\`/);
  assert.match(md, /known: LP\\#123 \\\[x\\\]\(javascript:alert\(1\)\) \(until 2099-01-01\)/);
  assert.ok(!/[^\\]\]\(javascript:/.test(md), 'no live javascript: link');
});
