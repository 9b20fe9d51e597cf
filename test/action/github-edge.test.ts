// The GitHub edge in-process against the OpenAPI-validating server: finding the comment across
// pages, one comment per key, annotation batches, rate limits retried, errors explained.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server.ts';
import { createGitHubClient } from '../../src/edges/github/client.ts';
import { upsertComment } from '../../src/edges/github/comment.ts';
import { publishCheckRun } from '../../src/edges/github/check-run.ts';
import { commentMarker, type Annotation } from '../../src/core/render/pr-report.ts';
import { UserError } from '../../src/core/errors.ts';

const TOKEN = 'ghs_edge_token';
const target = { owner: 'octocat', repo: 'Hello-World', issueNumber: 7 };

async function server(t: TestContext, seed: Array<{ issueNumber: number; body: string }> = []): Promise<GitHubServer> {
  const s = await startGitHubServer({ token: TOKEN, seedComments: seed });
  t.after(() => s.stop());
  return s;
}

function checkClean(s: GitHubServer): void {
  assert.deepEqual(s.rejections, []);
  assert.deepEqual(s.badResponses, []);
}

test('the marked comment is found on page 2 of 150 and updated; another key gets its own comment', async (t) => {
  const marker = commentMarker('tempest');
  const seed = Array.from({ length: 150 }, (_, i) => ({ issueNumber: 7, body: i === 120 ? `${marker}\nold report` : `unrelated comment ${i}` }));
  const s = await server(t, seed);
  const gh = createGitHubClient({ token: TOKEN, baseUrl: s.url });
  const r = await upsertComment(gh, { ...target, marker, body: `${marker}\nnew report`, mode: 'update', failing: true });
  assert.equal(r.action, 'updated');
  assert.deepEqual(s.calls().map((c) => `${c.operationId} ${c.query.page ?? '1'}`), ['issues/list-comments 1', 'issues/list-comments 2', 'issues/update-comment 1']);
  assert.equal(s.comments.filter((c) => c.body.includes(marker)).length, 1);
  assert.equal(s.comments[120]?.body, `${marker}\nnew report`);

  const other = commentMarker('tempest-multinode');
  const r2 = await upsertComment(gh, { ...target, marker: other, body: `${other}\nmultinode`, mode: 'update', failing: false });
  assert.equal(r2.action, 'created');
  assert.equal(s.comments.length, 151);
  checkClean(s);
});

test('on-failure mode: no new comment when green, but an existing one is kept current', async (t) => {
  const marker = commentMarker('k');
  const s = await server(t);
  const gh = createGitHubClient({ token: TOKEN, baseUrl: s.url });
  assert.equal((await upsertComment(gh, { ...target, marker, body: `${marker} green`, mode: 'on-failure', failing: false })).action, 'skipped');
  assert.equal((await upsertComment(gh, { ...target, marker, body: `${marker} red`, mode: 'on-failure', failing: true })).action, 'created');
  assert.equal((await upsertComment(gh, { ...target, marker, body: `${marker} green again`, mode: 'on-failure', failing: false })).action, 'updated');
  assert.equal(s.comments[0]?.body, `${marker} green again`);
  checkClean(s);
});

test('a check run with 120 annotations: one create and two updates; GitHub accumulates them', async (t) => {
  const s = await server(t);
  const gh = createGitHubClient({ token: TOKEN, baseUrl: s.url });
  const annotations: Annotation[] = Array.from({ length: 120 }, (_, i) => ({ path: `tempest/t${i}.py`, start_line: i + 1, end_line: i + 1, annotation_level: 'failure', title: `t${i}`, message: 'boom' }));
  const r = await publishCheckRun(gh, { owner: 'octocat', repo: 'Hello-World', headSha: 'a'.repeat(40), name: 'tempest-gate', conclusion: 'failure', title: '120 failed', summary: 'sum', annotations });
  assert.equal(r.calls, 3);
  assert.deepEqual(s.calls().map((c) => (c.body as { output: { annotations: unknown[] } }).output.annotations.length), [50, 50, 20]);
  assert.equal(s.checkRuns[0]?.annotations.length, 120);
  const listed = await gh.rest.checks.listAnnotations({ owner: 'octocat', repo: 'Hello-World', check_run_id: r.id, per_page: 100 });
  assert.equal(listed.data.length, 120);
  checkClean(s);
});

test('primary and secondary rate limits are waited out and retried (throttling plugin)', async (t) => {
  const s = await server(t);
  const notes: string[] = [];
  const gh = createGitHubClient({ token: TOKEN, baseUrl: s.url, log: (l) => notes.push(l) });
  const reset = String(Math.floor(Date.now() / 1000) + 1);
  s.fail('issues/list-comments', {
    status: 403,
    times: 1,
    body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'x-ratelimit-limit': '5000' },
  });
  s.fail('issues/create-comment', {
    status: 403,
    times: 1,
    body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest' },
    headers: { 'retry-after': '1' },
  });
  const marker = commentMarker('x');
  const r = await upsertComment(gh, { ...target, marker, body: `${marker} hi`, mode: 'update', failing: true });
  assert.equal(r.action, 'created');
  assert.deepEqual(s.calls().map((c) => `${c.operationId} ${c.status}`), ['issues/list-comments 403', 'issues/list-comments 200', 'issues/create-comment 403', 'issues/create-comment 201']);
  assert.match(notes.join('\n'), /GitHub rate limit on GET .*retrying/);
  assert.match(notes.join('\n'), /GitHub secondary rate limit on POST .*retrying/);
});

test('errors are one line that says what to do: bad token (401), missing PR (404)', async (t) => {
  const s = await server(t);
  const bad = createGitHubClient({ token: 'ghs_wrong', baseUrl: s.url });
  const marker = commentMarker('x');
  await assert.rejects(upsertComment(bad, { ...target, marker, body: marker, mode: 'update', failing: true }), (err: unknown) => {
    assert.ok(err instanceof UserError);
    assert.equal(err.message, "GitHub refused the comment on pull request #7 (HTTP 401 Bad credentials): the token was rejected: check the 'github-token' input");
    return true;
  });
  const gh = createGitHubClient({ token: TOKEN, baseUrl: s.url });
  await assert.rejects(upsertComment(gh, { owner: 'octocat', repo: 'Nope', issueNumber: 7, marker, body: marker, mode: 'update', failing: true }), /HTTP 404 Not Found\): not found, or the token cannot see it \(needs `pull-requests: write`\)/);
});
