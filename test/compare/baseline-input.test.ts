// One baseline whichever way its document arrives: as a file's bytes, as a store's text, or read
// from a file (which lets its bytes go before the text is parsed). And what compare does not need
// of a loaded baseline (its stored history) and has no more use for (the load's garbage) is let go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendHistory,
  baselineFromBytes,
  baselineFromText,
  encodeCompact,
  historyOfBaseline,
  summarizeRuns,
  toBaseline,
} from '../../src/core/compare/index.ts';
import { parseResults } from '../../src/core/results/parse.ts';
import { UserError } from '../../src/core/errors.ts';
import { loadBaselineRef } from '../../src/edges/baseline-store.ts';
import { collectGarbage } from '../../src/edges/memory.ts';
import { loadBaseline, loadReference } from '../../src/stages/baseline.ts';
import { readReference } from '../../src/stages/run.ts';
import { bigPlan, streamOf } from './gen.ts';

const basePlan = bigPlan(40, 7);
const stream = streamOf(basePlan);
const results = parseResults(stream);
const baseline = toBaseline(summarizeRuns([results], { created: '2026-12-01T00:00:00.000Z' }));
const history = appendHistory(historyOfBaseline(baseline), [historyOfBaseline(baseline)], 30);
const documents: [string, Uint8Array][] = [
  ['compact document (a store with history)', Buffer.from(encodeCompact(history, { created: '2026-12-02T00:00:00.000Z', keep: 30 }))],
  ['baseline JSON', Buffer.from(`\n  ${JSON.stringify(baseline)}`)],
  // Past the first 64 bytes: a reader that sniffed only those took it for a stream.
  ['baseline JSON behind 100 spaces', Buffer.from(`${' '.repeat(100)}${JSON.stringify(baseline)}`)],
  ['results JSON', Buffer.from(JSON.stringify(results))],
  ['subunit v2 stream', stream],
];
const options = { created: '2026-12-03T00:00:00.000Z' };

test('a store text, a file read as text and the same bytes give the same baseline, for every kind of document', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-baseline-input-'));
  try {
    for (const [kind, bytes] of documents) {
      const fromBytes = baselineFromBytes(bytes, 'b.json', options);
      assert.ok(fromBytes.baseline.tests.length >= 40, kind);
      if (kind !== 'subunit v2 stream') {
        const fromText = baselineFromText(Buffer.from(bytes).toString('utf8'), 'b.json', options);
        assert.deepEqual(fromText.baseline, fromBytes.baseline, kind);
        assert.equal(fromText.compact !== null, fromBytes.compact !== null, kind);
      }
      const file = join(dir, 'b.json');
      writeFileSync(file, bytes);
      const loaded = await loadBaselineRef(file, { store: 'git:tempest-baselines', repo: dir, ...options });
      assert.deepEqual(loaded.baseline, fromBytes.baseline, kind);
      assert.equal(loaded.results !== null, fromBytes.results !== null, kind);
      // The ETA's, the shards' and validate's reader (readReference) takes the same document for the same tests.
      assert.deepEqual((await readReference(file)).names.sort(), fromBytes.baseline.tests.map((t) => t.name).sort(), kind);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('damaged JSON read as text is the same one-line error, naming the file and place, as read as bytes', () => {
  const text = '{"schema": "tempest-gate/baseline@1",\n  "tests": [,]}';
  const errorOf = (f: () => unknown): UserError => {
    try {
      f();
    } catch (err) {
      if (err instanceof UserError) return err;
      throw err;
    }
    assert.fail('no error');
  };
  const a = errorOf(() => baselineFromText(text, 'store:master', options));
  const b = errorOf(() => baselineFromBytes(Buffer.from(text), 'store:master', options));
  assert.equal(a.message, b.message);
  assert.deepEqual(a.place, b.place);
  assert.equal(a.place?.file, 'store:master');
  assert.equal(a.place?.line, 2);
});

test('compare and report judge by the aggregate: loadReference lets the stored history go, loadBaseline keeps it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-baseline-input-'));
  try {
    const file = join(dir, 'master.json');
    writeFileSync(file, documents[0]![1]);
    const common = { ref: file, repo: dir, created: options.created };
    const kept = await loadBaseline(common);
    assert.equal(kept.history?.runs.length, 2);
    const { baseline: judged, problems } = await loadReference({ baseline: common });
    assert.deepEqual(problems, []);
    assert.equal(judged?.history, null);
    assert.deepEqual(judged?.baseline, kept.baseline);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('collectGarbage frees what nothing holds, at once', () => {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const held: { garbage: string[][] | null } = {
    garbage: Array.from({ length: 200 }, (_, i) => Array.from({ length: 1000 }, (_, j) => `${i}:${j}:${'x'.repeat(100)}`)),
  };
  const holding = process.memoryUsage().heapUsed;
  assert.ok(holding - before > 20e6, `the garbage to be took ${holding - before} bytes`);
  assert.equal(held.garbage?.length, 200);
  held.garbage = null;
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  // 200,000 strings of ~110 bytes: well over 20 MB; a full collection frees nearly all of it (a scavenge could not: most of it is old by now).
  assert.ok(after - before < (holding - before) / 4, `after ${after - before} bytes of ${holding - before} remain`);
});
