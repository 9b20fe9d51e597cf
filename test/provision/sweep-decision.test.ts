// Which leaked resources a sweep removes: only dead runs' (deadline passed and all of it older
// than --older-than), never a live run's, never the caller's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideSweep, parseDuration, type FoundResource } from '../../src/core/provision/sweep.ts';
import { newRunId, isValidRunId, planNodes, resourceDescription, parseDescription, runIdFromTags } from '../../src/core/provision/plan.ts';

const H = 3_600_000;
const NOW = Date.parse('2026-11-25T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const r = (kind: FoundResource['kind'], id: string, runId: string | undefined, createdAgoMs: number | undefined, deadlineInMs?: number): FoundResource => ({
  kind,
  id,
  name: id,
  runId,
  createdAt: createdAgoMs === undefined ? undefined : iso(NOW - createdAgoMs),
  deadline: deadlineInMs === undefined ? undefined : iso(NOW + deadlineInMs),
});

test('a crashed run (deadline passed, old) goes whole; a live run stays whole', () => {
  const found = [
    r('server', 'dead-ctl', 'dead', 5 * H, -4 * H),
    r('port', 'dead-port', 'dead', 5 * H, -4 * H),
    r('keypair', 'tempest-gate-dead', 'dead', 5 * H),
    r('server', 'live-ctl', 'live', 5 * H, +1 * H), // a long run, still within its timeout
    r('port', 'live-port', 'live', 5 * H, +1 * H),
  ];
  const d = decideSweep(found, { nowMs: NOW, olderThanMs: 2 * H });
  assert.deepEqual(d.remove.map((x) => x.id).sort(), ['dead-ctl', 'dead-port', 'tempest-gate-dead']);
  assert.deepEqual(d.runs, ['dead']);
  assert.deepEqual(d.keep.map((k) => k.resource.id).sort(), ['live-ctl', 'live-port']);
  assert.match(d.keep[0]!.reason, /live/);
});

test('a run with any part younger than --older-than stays; the current run is never swept', () => {
  const found = [r('server', 'a', 'young', 3 * H, -1 * H), r('port', 'p', 'young', 10 * 60_000, -1 * H), r('server', 'mine', 'mine', 9 * H, -8 * H)];
  const d = decideSweep(found, { nowMs: NOW, olderThanMs: 2 * H, exceptRuns: ['mine'] });
  assert.equal(d.remove.length, 0);
  assert.deepEqual(d.keep.map((k) => k.reason).sort(), ['the current run', 'younger than --older-than', 'younger than --older-than']);
});

test("a keypair's own clock does not save a dead run; alone, it is judged by its age", () => {
  const withServer = decideSweep([r('server', 's', 'dead', 5 * H, -4 * H), r('keypair', 'k', 'dead', 60_000)], { nowMs: NOW, olderThanMs: 2 * H });
  assert.deepEqual(withServer.remove.map((x) => x.id).sort(), ['k', 's']);
  const d = decideSweep([r('keypair', 'old', 'gone', 30 * H), r('keypair', 'unknown', 'x', undefined)], { nowMs: NOW, olderThanMs: 24 * H });
  assert.deepEqual(
    d.remove.map((x) => x.id),
    ['old'],
  );
  assert.deepEqual(
    d.keep.map((k) => [k.resource.id, k.reason]),
    [['unknown', 'creation time unknown']],
  );
});

test('durations', () => {
  assert.equal(parseDuration('90s'), 90_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('2d'), 172_800_000);
  assert.equal(parseDuration('1w'), 604_800_000);
  for (const bad of ['', '5', 'h', '1x', '1h 30m', '-1h']) assert.throws(() => parseDuration(bad), /--older-than wants a duration/);
});

test('run ids, names, tags and descriptions round-trip', () => {
  const id = newRunId(NOW, () => 0.5);
  assert.ok(isValidRunId(id), id);
  const run = { runId: id, createdAt: iso(NOW), deadline: iso(NOW + H), repo: 'openstack/nova', change: '12345' };
  const nodes = planNodes(run, 2);
  assert.deepEqual(
    nodes.map((n) => n.name),
    [`tempest-gate-${id}-controller`, `tempest-gate-${id}-subnode-1`, `tempest-gate-${id}-subnode-2`],
  );
  for (const n of nodes) {
    assert.equal(runIdFromTags(n.tags), id);
    for (const t of n.tags) assert.ok(t.length <= 60 && !/[,/]/.test(t), t);
    assert.equal(n.metadata['tempest-gate:repo'], 'openstack/nova');
    assert.equal(n.metadata['tempest-gate:change'], '12345');
  }
  const desc = resourceDescription({ ...run, repo: 'x'.repeat(300) }, 'subnode');
  assert.ok(desc.length <= 255);
  assert.equal(parseDescription(desc)?.run, id);
  assert.equal(parseDescription('someone else'), undefined);
  assert.equal(isValidRunId('Bad/Id'), false);
});
