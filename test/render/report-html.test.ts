// The HTML report, checked in real headless Chromium: what a person sees, not just the markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResults } from '../../src/core/results/parse.ts';
import { renderHtmlReport } from '../../src/core/render/report-html.ts';
import { compareRuns, gateVerdict, summarizeRuns, toBaseline } from '../../src/core/compare/index.ts';
import type { RunResults } from '../../src/core/results/model.ts';
import { launchChromium } from '../helpers/browser.ts';

const MINI = new URL('../fixtures/subunit/local-tempest-33-compute-identity-mini.subunit', import.meta.url);

function withAllPassing(results: RunResults): RunResults {
  return { ...results, tests: results.tests.map((t) => (t.status === 'fail' ? { ...t, status: 'success' as const, attachments: [] } : t)) };
}

test('the report of a real run with a baseline diff renders in Chromium: verdict, diff, timeline, failures', async () => {
  const results = parseResults(readFileSync(MINI));
  const baseline = toBaseline(summarizeRuns([withAllPassing(results)]));
  const diff = compareRuns(baseline, summarizeRuns([results]), { today: '2026-11-25', failOn: 'regressions' });
  const html = renderHtmlReport({
    title: 'tempest-gate: <compute> & identity',
    subtitle: 'local cloud',
    results,
    diff,
    verdict: gateVerdict({ diff, hasBaseline: true }),
  });
  const dir = mkdtempSync(join(tmpdir(), 'tg-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`file://${file}`);
    // Escaped title, verdict from the policy.
    assert.equal(await page.title(), 'tempest-gate: <compute> & identity');
    assert.equal(await page.getAttribute('[data-verdict]', 'data-verdict'), 'fail');
    // The diff: the two real failures are regressions against an all-passing baseline.
    const regressions = page.locator('tr.change[data-kind="regression"]');
    assert.equal(await regressions.count(), 2);
    assert.match((await regressions.allInnerTexts()).join('\n'), /test_get_hypervisor_uptime/);
    // The timeline: one visible bar per timed test, red for failures, on two worker lanes.
    assert.equal(await page.locator('svg rect.bar').count(), results.tests.filter((t) => t.start !== null).length);
    assert.equal(await page.locator('svg rect.bar[data-status="fail"]').count(), 2);
    const box = await page.locator('svg').boundingBox();
    assert.ok(box && box.width > 900 && box.height > 40, JSON.stringify(box));
    assert.equal(await page.locator('svg text.lane').count(), 2);
    // Zoom: drag across the first tenth of the plot; the bars in it widen, the axis follows, and
    // "Whole run" brings the first picture back.
    const widths = async (): Promise<number[]> =>
      page.evaluate<number[]>("Array.from(document.querySelectorAll('svg rect.bar')).map((r) => r.getBoundingClientRect().width)");
    const visible = async (): Promise<number> => page.locator('svg rect.bar:visible').count();
    const before = await widths();
    // The plot's place inside the SVG's 1000-unit viewBox, as the report wrote it.
    const [left, plotW] = await page.evaluate<[number, number]>("(({ left, plot }) => [+left, +plot])(document.querySelector('#timeline svg').dataset)");
    const plot = { left: box.x + (box.width * left) / 1000, width: (box.width * plotW) / 1000 };
    const y = box.y + 10;
    await page.mouse.move(plot.left + 1, y);
    await page.mouse.down();
    await page.mouse.move(plot.left + plot.width * 0.05, y, { steps: 4 });
    await page.mouse.move(plot.left + plot.width * 0.1, y, { steps: 4 });
    await page.mouse.up();
    assert.match(await page.locator('#timeline .zoom .window').innerText(), /^showing \d+ ms to [\d.]+ s of [\d.]+ s$/);
    const zoomed = await widths();
    const shown = await visible();
    assert.ok(shown > 0 && shown < before.length, `${shown} of ${before.length} bars in the window`);
    const grown = zoomed.filter((w, i) => w > (before[i] ?? 0) * 5).length;
    assert.ok(grown > 0, `some bar is over 5x wider zoomed in: ${JSON.stringify({ before, zoomed })}`);
    await page.click('#timeline button[data-zoom="reset"]');
    assert.match(await page.locator('#timeline .zoom .window').innerText(), /^whole run: /);
    assert.equal(await visible(), before.length);
    assert.deepEqual(
      (await widths()).map((w) => w.toFixed(0)),
      before.map((w) => w.toFixed(0)),
    );
    // The diff's duration column has a figure for every row (failing tests: how long they ran now).
    for (const cell of await page.locator('tr.change td.dur').allInnerTexts()) assert.match(cell, /\d/);
    // Failures open to show the real traceback.
    const failure = page.locator('details.failure', { hasText: 'test_get_hypervisor_uptime' });
    await failure.locator('summary').click();
    assert.ok(await failure.locator('pre').isVisible());
    assert.match(await failure.locator('pre').innerText(), /None of the hypervisors had a valid uptime/);
    // The filter hides what does not match.
    await page.fill('#filter', 'credentials');
    assert.equal(await page.locator('tr.change:visible').count(), 1);
    assert.equal(await page.locator('details.failure:visible').count(), 1);
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('hostile test names are shown as text, never run as markup', async () => {
  const results = parseResults(readFileSync(MINI));
  const evil = '<img src=x onerror="window.__pwned=1">';
  results.tests[0] = {
    ...results.tests[0]!,
    id: `tempest.api.x.T.test_${evil}`,
    status: 'fail',
    attachments: [{ name: 'traceback', contentType: 'text/plain', size: 10, truncatedBytes: 0, text: `</pre><script>window.__pwned=2</script>` }],
  };
  const html = renderHtmlReport({ title: 'x', results, verdict: { result: 'fail', reason: '1 new failing test', blocking: [], exitCode: 1 } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    assert.equal(await page.evaluate('window.__pwned ?? 0'), 0);
    assert.equal(await page.locator('img').count(), 0);
    assert.match(await page.locator('details.failure').first().innerText(), /<img src=x/);
  } finally {
    await browser.close();
  }
});
