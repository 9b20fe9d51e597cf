// Interop (DefCore) scoring: the RefStack upload list against refstack-client's own expected
// output, guideline reading (real 2020.06 guideline and add-ons), RefStack-style percentages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseResults } from '../../src/core/results/parse.ts';
import {
  compareInterop,
  interopChangeLine,
  parseGuideline,
  passedTests,
  refstackUpload,
  scoreGuideline,
  type Guideline,
} from '../../src/core/interop/index.ts';
import { UserError } from '../../src/core/errors.ts';
import { streamOf, type PlannedTest } from './gen.ts';

const fixture = (path: string): URL => new URL(`../fixtures/${path}`, import.meta.url);
const guideline = (name: string): Guideline => parseGuideline(readFileSync(fixture(`compare/${name}`), 'utf8'), name);

test('RefStack upload list equals refstack-client’s expected output for its v1 stream (converted by subunit-1to2)', (t) => {
  const v1 = readFileSync(fixture('subunit/refstack-client-testrepository-0.v1.subunit'));
  const expected = JSON.parse(readFileSync(fixture('subunit/refstack-client-testrepository-0.expected.json'), 'utf8')) as unknown;
  if (!existsSync('/usr/bin/subunit-1to2')) {
    if (process.env.CI) assert.fail('/usr/bin/subunit-1to2 is missing (Debian package subunit): run scripts/setup-machine.sh');
    t.skip('subunit-1to2 missing (Debian package subunit)');
    return;
  }
  const v2 = execFileSync('/usr/bin/subunit-1to2', { input: v1 });
  assert.deepEqual(refstackUpload(parseResults(v2), { cpid: 'test-id', durationSeconds: 0 }), expected);
  // And straight from the v1 stream with our own v1 reader.
  assert.deepEqual(refstackUpload(parseResults(v1), { cpid: 'test-id', durationSeconds: 0 }), expected);
});

test('the 2020.06 guideline and its add-ons read whole: capabilities, tests, flags, aliases, targets', () => {
  const g = guideline('2020.06.json');
  assert.equal(g.id, '2020.06');
  const tests = Object.values(g.capabilities).flatMap((c) => c.tests);
  assert.deepEqual(
    [Object.keys(g.capabilities).length, tests.length, tests.filter((x) => x.flagged).length, tests.filter((x) => x.aliases.length).length],
    [79, 289, 11, 95],
  );
  assert.deepEqual(
    g.targets.map((x) => [x.name, x.kind, x.components]),
    [
      ['OpenStack Powered Platform', 'platform', ['os_powered_compute', 'os_powered_storage']],
      ['OpenStack Powered Compute', 'platform', ['os_powered_compute']],
      ['OpenStack Powered Storage', 'platform', ['os_powered_storage']],
    ],
  );
  assert.ok(tests.every((x) => x.idempotentId === null || /^[0-9a-f-]{36}$/.test(x.idempotentId)));
  assert.deepEqual(
    guideline('add-ons-dns.2020.06.json').targets.map((x) => [x.name, x.kind]),
    [['DNS', 'add-on']],
  );
  assert.deepEqual(
    guideline('add-ons-orchestration.2020.06.json').targets.map((x) => [x.name, x.kind]),
    [['Orchestration', 'add-on']],
  );
});

function runPassing(names: string[], ids: string[] = []): ReturnType<typeof passedTests> {
  const plan: PlannedTest[] = names.map((name) => ({ name, idempotentId: null, runs: ['success'], durationS: 1 }));
  ids.forEach((id, i) => plan.push({ name: `tempest.api.renamed.T.test_${i}`, idempotentId: id, runs: ['success'], durationS: 1 }));
  return passedTests([parseResults(streamOf(plan))]);
}

test('scores as RefStack does: all required tests passed, flagged counted apart, compliance', () => {
  const g = guideline('2020.06.json');
  const compute = g.targets.find((x) => x.name === 'OpenStack Powered Compute');
  assert.ok(compute);
  const capNames = new Set(compute.components.flatMap((c) => g.components[c]?.capabilities.required ?? []));
  const required = [...capNames].flatMap((c) => g.capabilities[c]?.tests ?? []);
  const flagged = required.filter((x) => x.flagged);
  const notFlagged = required.filter((x) => !x.flagged);

  const all = scoreGuideline(g, runPassing(required.map((x) => x.name)));
  const c = all.targets.find((x) => x.name === 'OpenStack Powered Compute');
  assert.equal(c?.byStatus.required.count, required.length);
  assert.equal(c?.byStatus.required.percent, 100);
  assert.equal(c?.byStatus.required.flaggedPassed, flagged.length);
  assert.equal(c?.compliant, true);
  // Storage needs object storage tests, which did not run.
  assert.equal(all.targets.find((x) => x.name === 'OpenStack Powered Storage')?.compliant, false);

  // Every test but the flagged ones: not 100% overall, but 100% of the tests that are not flagged.
  const some = scoreGuideline(g, runPassing(notFlagged.map((x) => x.name)));
  const s = some.targets.find((x) => x.name === 'OpenStack Powered Compute')?.byStatus.required;
  assert.equal(s?.passed, notFlagged.length);
  assert.equal(s?.flaggedFailed, flagged.length);
  assert.equal(s?.percent, (notFlagged.length * 100) / required.length);
  assert.equal(s?.nonFlaggedPercent, 100);
  assert.equal(some.targets.find((x) => x.name === 'OpenStack Powered Compute')?.compliant, true, 'flagged tests are optional');

  // One non-flagged test missing: not compliant, and the capability says which.
  const missing = notFlagged[0];
  assert.ok(missing);
  const one = scoreGuideline(g, runPassing(notFlagged.slice(1).map((x) => x.name)));
  const target = one.targets.find((x) => x.name === 'OpenStack Powered Compute');
  assert.equal(target?.compliant, false);
  assert.ok(target?.capabilities.some((cap) => !cap.met && cap.notPassed.includes(missing.name)));
});

test('a test passes by its name, one of its aliases, or its idempotent id', () => {
  const g = guideline('2020.06.json');
  const withAlias = Object.values(g.capabilities)
    .flatMap((c) => c.tests.map((x) => ({ cap: c.name, x })))
    .find(({ x }) => x.aliases.length > 0 && x.idempotentId);
  assert.ok(withAlias);
  const { cap, x } = withAlias;
  const passedIn = (p: ReturnType<typeof passedTests>): boolean =>
    scoreGuideline(g, p).targets.some((tg) => tg.capabilities.some((c) => c.name === cap && c.passed.includes(x.name)));
  assert.equal(passedIn(runPassing([x.name])), true);
  assert.equal(passedIn(runPassing([x.aliases[0] ?? ''])), true);
  assert.equal(passedIn(runPassing([], [x.idempotentId ?? ''])), true);
  assert.equal(passedIn(runPassing(['tempest.api.unrelated.T.test_x'])), false);
});

test('a hand-computed guideline: statuses per component, the most important status wins, `flag` as the schema spells it', () => {
  const doc = {
    metadata: { id: 'mini', schema: '2.0' },
    platforms: { Both: { components: [{ name: 'a' }, { name: 'b' }] } },
    components: {
      a: { capabilities: { required: ['cap1'], advisory: ['cap2'], deprecated: [], removed: [] } },
      b: { capabilities: { required: ['cap2'], advisory: [], deprecated: ['cap3'] } },
    },
    capabilities: {
      cap1: { tests: { 't.A.test_1': { idempotent_id: 'id-00000000-0000-4000-8000-000000000001' }, 't.A.test_2': { flag: { reason: 'schema spelling' } } } },
      cap2: { tests: { 't.B.test_3': {}, 't.B.test_4': { flagged: { reason: 'guideline spelling' } } } },
      cap3: { tests: { 't.C.test_5': {} } },
    },
  };
  const g = parseGuideline(JSON.stringify(doc), 'mini.json');
  const score = scoreGuideline(g, runPassing(['t.A.test_1', 't.B.test_4', 't.C.test_5']));
  const both = score.targets[0];
  assert.ok(both);
  // cap2 is advisory in a but required in b: required wins.
  assert.deepEqual(
    both.capabilities.map((c) => [c.name, c.status]),
    [
      ['cap1', 'required'],
      ['cap2', 'required'],
      ['cap3', 'deprecated'],
    ],
  );
  assert.deepEqual(both.byStatus.required, { count: 4, passed: 2, flaggedPassed: 1, flaggedFailed: 1, percent: 50, nonFlaggedPercent: 50 });
  assert.equal(both.byStatus.deprecated.percent, 100);
  assert.equal(both.byStatus.advisory.percent, null);
  assert.equal(both.compliant, false, 't.B.test_3 is required and did not pass');
  assert.deepEqual(score.components.find((c) => c.name === 'a')?.byStatus.advisory, {
    count: 2,
    passed: 1,
    flaggedPassed: 1,
    flaggedFailed: 0,
    percent: 50,
    nonFlaggedPercent: 0,
  });
});

test('a subset against the baseline: kept, exercised, lost and gained, in a line that reads right for a subset', () => {
  const doc = {
    metadata: { id: 'mini', schema: '2.0' },
    platforms: { P: { components: [{ name: 'a' }] } },
    components: { a: { capabilities: { required: ['c1', 'c2', 'c3', 'c4', 'c5'], advisory: [], deprecated: [], removed: [] } } },
    capabilities: {
      c1: { tests: { 't.A.test_1': {} } },
      c2: { tests: { 't.B.test_2': {} } },
      c3: { tests: { 't.C.test_3': {} } },
      c4: { tests: { 't.D.test_4': {} } },
      c5: { tests: { 't.E.test_5': {} } },
    },
  };
  const g = parseGuideline(JSON.stringify(doc), 'mini.json');
  // The baseline meets c1-c3; the change's subset ran c1 (passed), c2 (failed) and c4 (passed now).
  const baseline = runPassing(['t.A.test_1', 't.B.test_2', 't.C.test_3']);
  const run = runPassing(['t.A.test_1', 't.D.test_4']);
  const c = compareInterop(g, 'P', baseline, run, new Set(['t.A.test_1', 't.B.test_2', 't.D.test_4']));
  assert.deepEqual(
    { kept: c.kept, exercised: c.exercised, lost: c.lost, gained: c.gained, required: c.required },
    {
      kept: 2,
      exercised: 1,
      lost: ['c2'],
      gained: ['c4'],
      required: 5,
    },
  );
  // c3 did not run: kept as the baseline had it, and not counted as exercised.
  assert.equal(interopChangeLine(c), 'Interop mini P: the baseline meets 3 of 5 required capabilities; this run exercised 2 of them: lost: c2; gained: c4');
  const quiet = compareInterop(g, 'P', baseline, baseline, new Set(['t.A.test_1']));
  assert.equal(interopChangeLine(quiet), 'Interop mini P: the baseline meets 3 of 5 required capabilities; this run exercised 1 of them: none lost');
});

function errorOf(text: string): string {
  try {
    parseGuideline(text, 'g.json');
  } catch (err) {
    assert.ok(err instanceof UserError, String(err));
    assert.ok(!err.message.includes('\n'));
    return err.message;
  }
  assert.fail('expected an error');
}

test('malformed guidelines: one line naming the file, the place and the path', () => {
  const real = readFileSync(fixture('compare/2020.06.json'), 'utf8');
  assert.equal(
    errorOf('{"schema": "1.6", "capabilities": {}}'),
    'g.json: line 1, column 12: not an Interop guideline: schema: schema 1.6 is not supported: this reads schema 2.0 guidelines',
  );
  assert.equal(errorOf('[]'), 'g.json: line 1, column 1: not an Interop guideline: expected an object, found a list');
  assert.match(errorOf('{"metadata": '), /^g\.json: line 1, column 14: not valid JSON/);
  const brokenRef = real.replace('"compute-flavors-list",', '"compute-flavours-list",');
  const m = errorOf(brokenRef);
  const line = brokenRef.split('\n').findIndex((l) => l.includes('"compute-flavours-list"')) + 1;
  assert.match(
    m,
    new RegExp(
      `^g\\.json: line ${line}, column \\d+: not an Interop guideline: components\\.os_powered_compute\\.capabilities\\.required\\[\\d+\\]: capability 'compute-flavours-list' is not defined in 'capabilities'$`,
    ),
  );
  const badId = real.replace('"id-6c0a0990-43b6-4529-9b61-5fd8daf7c55c"', '"6c0a0990"');
  const badLine = badId.split('\n').findIndex((l) => l.includes('"6c0a0990"')) + 1;
  assert.match(
    errorOf(badId),
    new RegExp(
      `^g\\.json: line ${badLine}, column \\d+: .*\\["tempest\\.api\\.compute\\.test_versions\\.TestVersions\\.test_list_api_versions"\\]\\.idempotent_id: idempotent_id must be a uuid`,
    ),
  );
  assert.match(errorOf(real.replace('"schema": "2.0"', '"schema": "3.0"')), /schema "3\.0" is not supported/);
  assert.match(errorOf('{"metadata": {"id": "x", "schema": "2.0"}, "components": {}, "capabilities": {}}'), /no 'platforms' or 'add-ons'/);
});
