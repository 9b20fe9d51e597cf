// The pure pull-request report: size fitting, redaction, annotations, the marker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  annotationBatches,
  buildAnnotations,
  commentMarker,
  fitBody,
  GITHUB_BODY_LIMIT,
  modulePath,
  redact,
  renderReportMarkdown,
  tracebackLine,
} from '../../src/core/render/pr-report.ts';
import { parseResults } from '../../src/core/results/parse.ts';
import { makeRun } from '../helpers/tempest-run.ts';
import { readFileSync } from 'node:fs';

test('fitBody: never longer than the limit, unchanged when it fits, says where the rest is', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.constant('```'), fc.constant('<details>'), fc.constant('</details>')), { maxLength: 400 }),
      fc.integer({ min: 400, max: 5000 }),
      (parts, limit) => {
        const body = parts.join('\n');
        const r = fitBody(body, { limit, pointer: 'See the job summary.' });
        assert.ok(r.body.length <= limit, `${r.body.length} > ${limit}`);
        if (body.length <= limit) assert.equal(r.body, body);
        else {
          assert.ok(r.cut);
          assert.match(r.body, /See the job summary\.\n$/);
          // A cut inside a code block is closed, so the pointer is not swallowed by the fence.
          const fences = (r.body.match(/^`{3,}/gm) ?? []).length;
          assert.equal(fences % 2, 0);
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('fitBody at GitHub scale: a 200 KB report fits 65,536', () => {
  const body = `<!-- m -->\n${'| `tempest.api.x.Test.test_y` | fail | 1.00 s |\n'.repeat(5000)}`;
  const r = fitBody(body, { pointer: 'p' });
  assert.ok(r.body.length <= GITHUB_BODY_LIMIT);
  assert.ok(r.body.startsWith('<!-- m -->'), 'the marker at the top survives the cut');
});

test('redact: every occurrence, longest secret first, short values ignored', () => {
  assert.equal(redact('a hunter2x b hunter2x', ['hunter2x']), 'a *** b ***');
  assert.equal(redact('token abcdefgh', ['abcd', 'abcdefgh']), 'token ***');
  assert.equal(redact('a b c', ['a']), 'a b c');
});

test('commentMarker: one per key, safe inside an HTML comment', () => {
  assert.equal(commentMarker('tempest'), '<!-- tempest-gate:report key=tempest -->');
  assert.doesNotMatch(commentMarker('a-->b c'), /-->b/);
  assert.notEqual(commentMarker('job-a'), commentMarker('job-b'));
});

test('annotations: the module file and the line of the test frame; batches of 50', () => {
  assert.equal(modulePath('tempest.api.compute.servers.test_servers.ServersTestJSON'), 'tempest/api/compute/servers/test_servers.py');
  const tb =
    'Traceback:\n  File "/usr/lib/python3/dist-packages/tempest/api/x/test_a.py", line 42, in test_a\n  File "/usr/lib/python3/dist-packages/tempest/lib/common/rest_client.py", line 900, in x\n';
  assert.equal(tracebackLine(tb, 'tempest/api/x/test_a.py'), 42);
  assert.equal(tracebackLine('no frames', 'tempest/api/x/test_a.py'), 1);
  const results = parseResults(makeRun({ tests: 130, failures: 120 }));
  const ann = buildAnnotations(results);
  assert.equal(ann.length, 120);
  assert.deepEqual(ann[0], {
    path: 'tempest/api/compute/servers/test_area_0.py',
    start_line: 100,
    end_line: 100,
    annotation_level: 'failure',
    title: 'Failed: test_case_0',
    message: 'testtools.matchers._impl.MismatchError: 201 != 500',
    raw_details: ann[0]?.raw_details,
  });
  assert.deepEqual(
    annotationBatches(ann).map((b) => b.length),
    [50, 50, 20],
  );
});

test('the report on a real Tempest stream: counts, failing tests with their traceback, links', () => {
  const bytes = readFileSync(new URL('../fixtures/subunit/local-tempest-33-compute-identity-mini.subunit', import.meta.url));
  const results = parseResults(bytes);
  const md = renderReportMarkdown({
    results,
    verdict: 'fail',
    headline: '2 tests failed of 33.',
    runUrl: 'https://github.com/o/r/actions/runs/1',
    artifactName: 'tempest-gate-report',
  });
  assert.match(md, /^### ❌ tempest-gate: fail\n\n2 tests failed of 33\./);
  assert.match(md, /\*\*33\*\* tests · 30 passed · 2 failed · 1 skipped/);
  assert.match(md, /#### Failing tests \(2\)/);
  assert.match(md, /<details><summary><code>tempest\./);
  assert.match(md, /\[workflow run and job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1\) · artifact `tempest-gate-report`/);
  const ann = buildAnnotations(results);
  assert.equal(ann.length, 2);
  for (const a of ann) assert.match(a.path, /^tempest\/api\/.*\.py$/);
});

test('compare Markdown replaces the plain failure list when there is a baseline', () => {
  const results = parseResults(makeRun({ tests: 5, failures: 1 }));
  const md = renderReportMarkdown({
    results,
    verdict: 'fail',
    headline: '1 regression',
    compareMarkdown: '### ❌ Tempest gate: 1 regression\n#### Regressions (1)\n- x',
  });
  assert.match(md, /^### ❌ Tempest gate: 1 regression\n#### Regressions \(1\)/);
  assert.doesNotMatch(md, /#### Failing tests/);
  assert.doesNotMatch(md, /tempest-gate: fail/, "one heading, the compare engine's");
});
