// The compare verb tallies each test as it is read (stages/results.ts summarizeRunFiles: no record
// of a passing test) instead of reading every record and summarising them (loadRuns, then
// summarizeRuns, what report and the Action still do). Both must judge alike to the byte: the
// diff's JSON, its Markdown and text, the verdict and the Interop scores, over generated runs with
// reruns, a 10,000-test run, a damaged big file read twice (the CRC worker's second pass), and
// results JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  compareRuns,
  EMPTY_CONTEXT,
  renderCompareMarkdown,
  renderCompareText,
  summarizeRuns,
  toBaseline,
  type Baseline,
} from '../../src/core/compare/index.ts';
import { knownTests } from '../../src/core/compare/baseline.ts';
import { namesId, parseTestId, testNameOf } from '../../src/core/results/model.ts';
import { loadGuidelines } from '../../src/stages/baseline.ts';
import { judgeRuns } from '../../src/stages/judge.ts';
import { loadRuns, resultsJsonFile, summarizeRunFiles } from '../../src/stages/results.ts';
import type { Guideline } from '../../src/core/interop/index.ts';
import { baselineOf, bigPlan, planPair, streamOf, summaryOf, uuidFor, type PlannedTest } from './gen.ts';
import { injure } from '../helpers/streams.ts';

const TODAY = '2026-11-25';
const NOW = '2026-11-25T00:00:00.000Z';

/** Run `body` with a temporary directory, removed afterwards whatever happened. */
async function inTmp(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tg-summarize-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both paths over the same files: the diff as JSON, Markdown and text, and the verdict, must be equal. */
async function sameJudgement(
  files: string[],
  baseline: Baseline,
  options: { guidelines?: Guideline[]; crcWorkerMinBytes?: number; context?: { concurrency: number } } = {},
): Promise<string[]> {
  const guidelines = options.guidelines ?? [];
  const common = {
    baseline: { baseline, source: 'base.json', damage: [] },
    failOn: 'regressions' as const,
    guidelines,
    today: TODAY,
    now: NOW,
    context: options.context ?? {},
    runLabel: files.join(', '),
  };
  const loaded = await loadRuns(files, process.stdin);
  const old = judgeRuns({ ...common, runs: loaded.runs, damage: loaded.damage });
  // judgeRuns reads records against the baseline too: the records summarised alone diff alike.
  const summaryContext = { ...EMPTY_CONTEXT, ...options.context };
  const plain = summarizeRuns(loaded.runs, { context: summaryContext });
  const known = knownTests(baseline.tests);
  const read = summarizeRuns(loaded.runs, { context: summaryContext }, { known: known ?? undefined });
  assert.deepEqual(read.tests, plain.tests);
  const diffOptions = { today: TODAY, failOn: 'regressions' as const };
  assert.equal(JSON.stringify(compareRuns(baseline, read, diffOptions)), JSON.stringify(compareRuns(baseline, plain, diffOptions)));
  const summarized = await summarizeRunFiles(files, process.stdin, {
    context: options.context,
    interop: guidelines.length > 0,
    crcWorkerMinBytes: options.crcWorkerMinBytes,
  });
  assert.deepEqual(summarized.damage, loaded.damage);
  const now = judgeRuns({ ...common, summarized, damage: summarized.damage });
  assert.equal(JSON.stringify(now.diff, null, 2), JSON.stringify(old.diff, null, 2));
  assert.equal(renderCompareMarkdown(now.diff), renderCompareMarkdown(old.diff));
  assert.equal(renderCompareText(now.diff), renderCompareText(old.diff));
  assert.deepEqual(now.verdict, old.verdict);
  assert.equal(JSON.stringify(now.interop), JSON.stringify(old.interop));
  // Read against the baseline (its strings taken, positions kept by its tests): the same again,
  // by the diff's shortcut (readAgainst, the very tests compared with) and, compared with a copy
  // of the baseline's tests, by the name lookup it then falls back to.
  const against = await summarizeRunFiles(files, process.stdin, {
    context: options.context,
    interop: guidelines.length > 0,
    crcWorkerMinBytes: options.crcWorkerMinBytes,
    known: baseline.tests,
  });
  assert.deepEqual(against.summary.tests, summarized.summary.tests);
  assert.deepEqual(against.summary.details, summarized.summary.details);
  if (baseline.tests.length > 0 && files.length === 1) assert.equal(against.summary.readAgainst?.tests, baseline.tests);
  for (const base of [baseline, { ...baseline, tests: [...baseline.tests] }]) {
    const judged = judgeRuns({ ...common, baseline: { ...common.baseline, baseline: base }, summarized: against, damage: against.damage });
    assert.equal(JSON.stringify(judged.diff, null, 2), JSON.stringify(old.diff, null, 2));
    assert.deepEqual(judged.verdict, old.verdict);
    assert.equal(JSON.stringify(judged.interop), JSON.stringify(old.interop));
  }
  return summarized.damage;
}

/** The run of the compare bench: ~1% flipped, renamed (same id), new, gone, slower. */
function runPlan(base: PlannedTest[]): PlannedTest[] {
  const out: PlannedTest[] = [];
  base.forEach((t, i) => {
    if (i % 200 === 7) return;
    const copy = { ...t };
    if (i % 100 === 3) copy.runs = [t.runs[0] === 'success' ? 'fail' : 'success'];
    if (i % 200 === 11) copy.name = `${t.name}_renamed`;
    if (i % 50 === 5) copy.durationS = t.durationS * 3 + 10;
    out.push(copy);
    if (i % 200 === 13) out.push({ ...t, name: `${t.name}_new`, idempotentId: null });
  });
  return out;
}

test('testNameOf gives the name and idempotent id parseTestId gives', () => {
  const ids = [
    'tempest.api.compute.servers.test_x.T.test_a[id-1234abcd-0000-4000-8000-00000000ABCD,smoke]',
    'tempest.api.T.test_b[smoke, id-1234abcd-0000-4000-8000-00000000abcd ]',
    'tempest.api.T.test_c[id-1234abcd-0000-4000-8000-00000000abcd,id-ffffffff-0000-4000-8000-00000000abcd]',
    'tempest.api.T.test_d[id-1234abcd-0000-4000-8000-00000000abcz]',
    'tempest.api.T.test_e[]',
    'tempest.api.T.test_f[a[b]',
    'tempest.api.T.test_g[a]b]',
    'setUpClass (tempest.api.T)',
    'tempest.api.T.test_h(x)',
    'plain',
    '[id-1234abcd-0000-4000-8000-00000000abcd]',
  ];
  for (const id of ids) {
    const p = parseTestId(id);
    assert.deepEqual(testNameOf(id), { name: p.name, idempotentId: p.idempotentId }, id);
  }
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('a', '.', '[', ']', ',', ' ', 'id-', '1234abcd-0000-4000-8000-00000000abcd', 'F', '(', ')'), { maxLength: 12 }),
      (parts) => {
        const id = parts.join('');
        const p = parseTestId(id);
        assert.deepEqual(testNameOf(id), { name: p.name, idempotentId: p.idempotentId });
      },
    ),
    { numRuns: 2000 },
  );
});

test('namesId says whether testNameOf gives a name and idempotent id, on listed and random ids', () => {
  const check = (id: string): void => {
    const own = testNameOf(id);
    const u = '1234abcd-0000-4000-8000-00000000abcd';
    const candidates: [string, string | null][] = [
      [own.name, own.idempotentId],
      [own.name, null],
      [own.name, u],
      [own.name, u.toUpperCase()],
      [id, null],
      [id, own.idempotentId],
      [own.name.slice(0, -1), own.idempotentId],
      [`${own.name}x`, own.idempotentId],
      [id.slice(0, id.indexOf('[')), own.idempotentId],
    ];
    for (const [name, idem] of candidates) assert.equal(namesId(id, name, idem), own.name === name && own.idempotentId === idem, `${id} | ${name} | ${idem}`);
  };
  for (const id of [
    'tempest.api.T.test_a[id-1234abcd-0000-4000-8000-00000000abcd]',
    'tempest.api.T.test_a[id-1234abcd-0000-4000-8000-00000000abcd,smoke]',
    'tempest.api.T.test_a[id-1234ABCD-0000-4000-8000-00000000abcd,smoke]',
    'tempest.api.T.test_a[smoke,id-1234abcd-0000-4000-8000-00000000abcd]',
    'tempest.api.T.test_a[ id-1234abcd-0000-4000-8000-00000000abcd]',
    'tempest.api.T.test_a[id-1234abcd-0000-4000-8000-00000000abcz]',
    'tempest.api.T.test_a[id-1234abcd-0000-4000-8000-00000000abcd]x]',
    'a[b][id-1234abcd-0000-4000-8000-00000000abcd]',
    'setUpClass (tempest.api.T)',
    'plain',
    'x[y]',
  ])
    check(id);
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('a', '.', '[', ']', ',', ' ', 'id-', '1234abcd-0000-4000-8000-00000000abcd', '1234ABCD-0000-4000-8000-00000000ABCD', ')'), {
        maxLength: 10,
      }),
      (parts) => check(parts.join('')),
    ),
    { numRuns: 3000 },
  );
});

test('generated runs with reruns: the streamed tally judges as the records do (JSON, Markdown, text, verdict)', async () => {
  await inTmp(async (dir) => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(planPair, fc.boolean(), async ({ base, run }, rerun) => {
        const files = [join(dir, `run-${k}.subunit`)];
        writeFileSync(files[0] as string, streamOf(run));
        // A rerun of the failing tests, half of them passing now (flaky), given as a second file.
        if (rerun) {
          const again = run
            .filter((t) => t.runs.some((s) => s === 'fail'))
            .map((t, i) => ({ ...t, runs: [i % 2 ? 'success' : 'fail'] as PlannedTest['runs'] }));
          files.push(join(dir, `rerun-${k}.subunit`));
          writeFileSync(files[1] as string, streamOf(again));
        }
        k++;
        await sameJudgement(files, baselineOf(base));
      }),
      { numRuns: 150 },
    );
  });
});

test('read against the baseline: tests renamed, re-identified, without their id, or twice under two ids judge as the records do', async () => {
  await inTmp(async (dir) => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(planPair, fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 40, maxLength: 40 }), async ({ base, run }, changes) => {
        const changed = run.flatMap((t, i): PlannedTest[] => {
          switch (changes[i]) {
            case 1:
              return [{ ...t, idempotentId: uuidFor(i, 9) }];
            case 2:
              return [{ ...t, idempotentId: null }];
            case 3:
              return [{ ...t, name: `${t.name}_moved` }];
            case 4:
              return [t, { ...t, idempotentId: uuidFor(i, 11), runs: ['success'] }];
            default:
              return [t];
          }
        });
        const file = join(dir, `changed-${k++}.subunit`);
        writeFileSync(file, streamOf(changed));
        await sameJudgement([file], baselineOf(base));
      }),
      { numRuns: 150 },
    );
  });
});

test('read against a hand-written baseline whose ids do not give its names or idempotent ids: judged as the records are', async () => {
  await inTmp(async (dir) => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(planPair, async ({ base, run }) => {
        const baseline = baselineOf(base);
        // Sorted order kept: the names stay, the ids and idempotent ids disagree with them.
        const tests = baseline.tests.map((t, i) =>
          i % 3 === 0 ? { ...t, idempotentId: uuidFor(i, 13) } : i % 3 === 1 ? { ...t, idempotentId: null } : { ...t, id: `elsewhere.${t.id}` },
        );
        const file = join(dir, `hand-${k++}.subunit`);
        writeFileSync(file, streamOf(run));
        await sameJudgement([file], { ...baseline, tests });
      }),
      { numRuns: 100 },
    );
  });
});

test('a 10,000-test run against its baseline, with the Interop guideline: the same report to the byte', async () => {
  await inTmp(async (dir) => {
    const guidelines = await loadGuidelines(['builtin:2020.06']);
    // The guideline's tests among them, so that the scores and the required capabilities kept and lost are not all empty.
    const named = Object.values(guidelines[0]?.capabilities ?? {}).flatMap((c) => c.tests);
    const base = [
      ...bigPlan(10_000, 42),
      ...named.map((g, i): PlannedTest => ({ name: g.name, idempotentId: g.idempotentId, runs: [i % 7 === 0 ? 'fail' : 'success'], durationS: 1 })),
    ];
    assert.ok(named.length > 100);
    const file = join(dir, 'run.subunit');
    writeFileSync(file, streamOf(runPlan(base)));
    await sameJudgement([file], toBaseline(summaryOf(base)), { guidelines, context: { concurrency: 4 } });
    // The run given twice (a rerun of everything): counts add up, durations are medians.
    await sameJudgement([file, file], toBaseline(summaryOf(base)));
  });
});

test('a damaged file read with the CRC worker (decoded twice) and results JSON: the same judgement', async () => {
  await inTmp(async (dir) => {
    const base = bigPlan(2_000, 7);
    const clean = streamOf(runPlan(base));
    const damaged = join(dir, 'damaged.subunit');
    writeFileSync(damaged, injure(clean, { kind: 'flip', at: Math.floor(clean.length / 2), xor: 0x10 }));
    assert.equal((await sameJudgement([damaged], toBaseline(summaryOf(base)), { crcWorkerMinBytes: 0 })).length, 1, 'the damage is reported');
    const json = join(dir, 'run.json');
    writeFileSync(join(dir, 'run.subunit'), clean);
    const doc = await resultsJsonFile(join(dir, 'run.subunit'), process.stdin);
    writeFileSync(json, Buffer.concat([...doc.pieces].map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))));
    await sameJudgement([json, damaged], toBaseline(summaryOf(base)), { crcWorkerMinBytes: 0 });
  });
});
