// The workflows docs/examples/ offers to copy: they parse, every step of ours uses only inputs
// action.yml declares, and the sharded one holds together (the matrix has shard-count entries,
// the merge job needs the matrix and still runs when a shard failed, and its merge-from pattern
// matches the artifact every shard uploads).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { namePattern } from '../../src/edges/github/artifacts.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = join(ROOT, 'docs', 'examples');
const ACTION = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
/** The inputs of the other actions the examples use (from their action.yml), so a typo there fails too. */
const OTHERS: Record<string, string[]> = {
  'actions/checkout@v4': ['fetch-depth', 'ref', 'repository', 'token', 'persist-credentials', 'path', 'fetch-tags'],
  'actions/setup-node@v4': ['node-version', 'node-version-file', 'cache', 'cache-dependency-path', 'registry-url', 'check-latest', 'architecture'],
};

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown[]> };
  steps: Step[];
}

test('every example workflow parses and uses only existing inputs', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yml'));
  assert.ok(files.includes('tempest-gate-sharded.yml'));
  for (const f of files) {
    const w = parseYaml(readFileSync(join(DIR, f), 'utf8')) as { on: unknown; jobs: Record<string, Job> };
    assert.ok(w.on && w.jobs, f);
    for (const [id, job] of Object.entries(w.jobs))
      for (const step of job.steps) {
        if (step.uses === undefined) continue;
        const known = step.uses.endsWith('/tempest-gate@v1') ? Object.keys(ACTION.inputs) : (OTHERS[step.uses] ?? null);
        assert.ok(known, `${f}: ${id}: an action this test does not know: ${step.uses}`);
        for (const k of Object.keys(step.with ?? {})) assert.ok(known.includes(k), `${f}: ${id}: '${k}' is not an input of ${step.uses}`);
      }
  }
});

test('the sharded example: K matrix entries, a merge job that needs them, runs after a failed shard, and finds every shard artifact', () => {
  const w = parseYaml(readFileSync(join(DIR, 'tempest-gate-sharded.yml'), 'utf8')) as { jobs: Record<string, Job> };
  const ours = (j: Job): Record<string, unknown> => j.steps.find((s) => s.uses?.endsWith('/tempest-gate@v1'))?.with ?? {};
  const [shardId, shard] = Object.entries(w.jobs).find(([, j]) => ours(j)['shard-index'] !== undefined) ?? [];
  const merge = Object.values(w.jobs).find((j) => ours(j)['merge-from'] !== undefined);
  assert.ok(shard && merge && shardId);
  const k = Number(ours(shard)['shard-count']);
  assert.deepEqual(
    shard.strategy?.matrix?.shard,
    Array.from({ length: k }, (_, i) => i),
  );
  assert.equal(shard.strategy?.['fail-fast'], false);
  assert.equal(ours(shard)['shard-index'], '${{ matrix.shard }}');
  assert.equal(Number(ours(merge)['shard-count']), k);
  assert.deepEqual([merge.needs].flat(), [shardId]);
  assert.equal(merge.if, '${{ !cancelled() }}');
  // The artifact each shard uploads (inputs.ts: <artifact-name>-shard-<index>), matched by the merge job's pattern.
  const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
  const name = text(ours(shard)['artifact-name'], ACTION.inputs['artifact-name']?.default ?? '');
  const re = namePattern(String(ours(merge)['merge-from']));
  for (let i = 0; i < k; i++) assert.ok(re.test(`${name}-shard-${i}`), `${name}-shard-${i}`);
  assert.ok(!re.test(text(ours(merge)['artifact-name'], name)), "the merge job's own artifact is not one of the shards'");
});
