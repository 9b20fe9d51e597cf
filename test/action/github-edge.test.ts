// The GitHub edge in-process against the OpenAPI-validating server: finding the comment across
// pages, one comment per key, only our own comment taken over, a lost POST answer never making a
// second comment, annotation batches, rate limits retried, errors explained.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS_BOT, startGitHubServer, type GitHubServer, type GitHubServerOptions } from '../../scripts/lab/github-server.ts';
import { createGitHubClient } from '../../src/edges/github/client.ts';
import { upsertComment } from '../../src/edges/github/comment.ts';
import { publishCheckRun } from '../../src/edges/github/check-run.ts';
import { commentMarker, type Annotation } from '../../src/core/render/pr-report.ts';
import { UserError } from '../../src/core/errors.ts';

const TOKEN = 'ghs_edge_token';
const target = { owner: 'octocat', repo: 'Hello-World', issueNumber: 7 };

async function server(t: TestContext, seed: GitHubServerOptions['seedComments'] = [], more: Partial<GitHubServerOptions> = {}): Promise<GitHubServer> {
  const s = await startGitHubServer({ token: TOKEN, seedComments: seed, ...more });
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
  assert.deepEqual(
    s.calls().map((c) => `${c.operationId} ${c.query.page ?? '1'}`),
    ['issues/list-comments 1', 'issues/list-comments 2', 'issues/update-comment 1'],
  );
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
  const annotations: Annotation[] = Array.from({ length: 120 }, (_, i) => ({
    path: `tempest/t${i}.py`,
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: 'failure',
    title: `t${i}`,
    message: 'boom',
  }));
  const r = await publishCheckRun(gh, {
    owner: 'octocat',
    repo: 'Hello-World',
    headSha: 'a'.repeat(40),
    name: 'tempest-gate',
    conclusion: 'failure',
    title: '120 failed',
    summary: 'sum',
    annotations,
  });
  assert.equal(r.calls, 3);
  assert.deepEqual(
    s.calls().map((c) => (c.body as { output: { annotations: unknown[] } }).output.annotations.length),
    [50, 50, 20],
  );
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
    body: {
      message: 'API rate limit exceeded for installation ID 1.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
    },
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'x-ratelimit-limit': '5000' },
  });
  s.fail('issues/create-comment', {
    status: 403,
    times: 1,
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest',
    },
    headers: { 'retry-after': '1' },
  });
  const marker = commentMarker('x');
  const r = await upsertComment(gh, { ...target, marker, body: `${marker} hi`, mode: 'update', failing: true });
  assert.equal(r.action, 'created');
  assert.deepEqual(
    s.calls().map((c) => `${c.operationId} ${c.status}`),
    ['issues/list-comments 403', 'issues/list-comments 200', 'issues/create-comment 403', 'issues/create-comment 201'],
  );
  assert.match(notes.join('\n'), /GitHub rate limit on GET .*retrying/);
  assert.match(notes.join('\n'), /GitHub secondary rate limit on POST .*retrying/);
});

test('errors are one line that says what to do: bad token (401), missing PR (404)', async (t) => {
  const s = await server(t);
  const bad = createGitHubClient({ token: 'ghs_wrong', baseUrl: s.url });
  const marker = commentMarker('x');
  await assert.rejects(upsertComment(bad, { ...target, marker, body: marker, mode: 'update', failing: true }), (err: unknown) => {
    assert.ok(err instanceof UserError);
    assert.equal(
      err.message,
      "GitHub refused the comment on pull request #7 (HTTP 401 Bad credentials): the token was rejected: check the 'github-token' input",
    );
    return true;
  });
  const gh = createGitHubClient({ token: TOKEN, baseUrl: s.url });
  await assert.rejects(
    upsertComment(gh, { owner: 'octocat', repo: 'Nope', issueNumber: 7, marker, body: marker, mode: 'update', failing: true }),
    /HTTP 404 Not Found\): not found, or the token cannot see it \(needs `pull-requests: write`\)/,
  );
});

const MALLORY = { login: 'mallory', type: 'User' } as const;

test('a comment by someone else carrying the marker is left alone (Actions token: only github-actions[bot] is us)', async (t) => {
  const marker = commentMarker('tempest');
  const s = await server(t, [
    { issueNumber: 7, body: `${marker}\nmy old report`, author: ACTIONS_BOT },
    { issueNumber: 7, body: `${marker}\nmallory's comment, newer`, author: MALLORY },
  ]);
  const gh = createGitHubClient({ token: TOKEN, baseUrl: s.url });
  const r = await upsertComment(gh, { ...target, marker, body: `${marker}\nnew report`, mode: 'update', failing: true });
  assert.equal(r.action, 'updated');
  assert.equal(r.id, s.comments[0]?.id);
  assert.equal(s.comments[1]?.body, `${marker}\nmallory's comment, newer`);
  // The installation token is known by its prefix: no GET /user, which GitHub refuses it anyway.
  assert.deepEqual(
    s.calls().map((c) => c.operationId),
    ['issues/list-comments', 'issues/update-comment'],
  );

  // Only mallory's comment: ours is made beside it.
  const other = commentMarker('other');
  s.comments.push({ id: 5000, body: `${other} hijack`, issueNumber: 7, author: MALLORY });
  const r2 = await upsertComment(gh, { ...target, marker: other, body: `${other} real`, mode: 'update', failing: true });
  assert.equal(r2.action, 'created');
  assert.deepEqual(
    s.comments.filter((c) => c.body.includes(other)).map((c) => [c.author.login, c.body]),
    [
      ['mallory', `${other} hijack`],
      ['github-actions[bot]', `${other} real`],
    ],
  );
  // 'on-failure' on a green run does not count mallory's comment as one to keep current.
  const third = commentMarker('third');
  s.comments.push({ id: 5001, body: `${third} hijack`, issueNumber: 7, author: MALLORY });
  assert.equal((await upsertComment(gh, { ...target, marker: third, body: `${third} green`, mode: 'on-failure', failing: false })).action, 'skipped');
  assert.equal(s.comments.find((c) => c.id === 5001)?.body, `${third} hijack`);
  checkClean(s);
});

test('a personal token: GET /user names us; a bot comment or another person with the marker is not us', async (t) => {
  const marker = commentMarker('tempest');
  const s = await server(
    t,
    [
      { issueNumber: 7, body: `${marker}\nours`, author: { login: 'tg-ci', type: 'User' } },
      { issueNumber: 7, body: `${marker}\nthe action's`, author: ACTIONS_BOT },
      { issueNumber: 7, body: `${marker}\nmallory's`, author: MALLORY },
    ],
    { token: 'ghp_personal', viewer: { kind: 'user', login: 'tg-ci' } },
  );
  const gh = createGitHubClient({ token: 'ghp_personal', baseUrl: s.url });
  const r = await upsertComment(gh, { ...target, marker, body: `${marker}\nnew`, mode: 'update', failing: true });
  assert.equal(r.action, 'updated');
  assert.deepEqual(
    s.comments.map((c) => c.body),
    [`${marker}\nnew`, `${marker}\nthe action's`, `${marker}\nmallory's`],
  );
  assert.deepEqual(
    s.calls().map((c) => `${c.operationId} ${c.status}`),
    ['issues/list-comments 200', 'users/get-authenticated 200', 'issues/update-comment 200'],
  );
  // No marked comment at all: GET /user is not needed.
  const before = s.calls().length;
  const other = commentMarker('fresh');
  assert.equal((await upsertComment(gh, { ...target, marker: other, body: other, mode: 'update', failing: true })).action, 'created');
  assert.deepEqual(
    s
      .calls()
      .slice(before)
      .map((c) => c.operationId),
    ['issues/list-comments', 'issues/create-comment'],
  );
  checkClean(s);
});

test('an installation token without the ghs_ prefix: GET /user is refused (403), so we are the app bot', async (t) => {
  const marker = commentMarker('tempest');
  const old = '0123456789abcdef0123456789abcdef01234567';
  const s = await server(
    t,
    [
      { issueNumber: 7, body: `${marker}\nmallory's`, author: MALLORY },
      { issueNumber: 7, body: `${marker}\nours`, author: ACTIONS_BOT },
    ],
    { token: old },
  );
  const gh = createGitHubClient({ token: old, baseUrl: s.url });
  const r = await upsertComment(gh, { ...target, marker, body: `${marker}\nnew`, mode: 'update', failing: true });
  assert.equal(r.action, 'updated');
  assert.deepEqual(
    s.comments.map((c) => c.body),
    [`${marker}\nmallory's`, `${marker}\nnew`],
  );
  assert.deepEqual(
    s.calls().map((c) => `${c.operationId} ${c.status}`),
    ['issues/list-comments 200', 'users/get-authenticated 403', 'issues/update-comment 200'],
  );
  // Another app's installation token writes as '<slug>[bot]': the caller names it.
  const theirs = commentMarker('app');
  s.comments.push(
    { id: 6000, body: `${theirs} old`, issueNumber: 7, author: { login: 'tempest-gate[bot]', type: 'Bot' } },
    { id: 6001, body: `${theirs} actions`, issueNumber: 7, author: ACTIONS_BOT },
  );
  const r2 = await upsertComment(gh, { ...target, marker: theirs, body: `${theirs} new`, mode: 'update', failing: true, appLogin: 'tempest-gate[bot]' });
  assert.equal(r2.id, 6000);
  assert.equal(s.comments.find((c) => c.id === 6001)?.body, `${theirs} actions`);
  checkClean(s);
});

// The comment POST fails in every way whose outcome is unknown; there is always exactly one comment.
// The pause before listing again is cut to 10 ms: the fake has no replica lag to wait out.
const FAST = { recheckDelayMs: 10 };
for (const [name, fault, posts] of [
  ['a 502 before anything was applied: posted again', { status: 502, times: 1 }, ['502', '201']],
  ['a 502 after the comment was applied: found, not posted again', { status: 502, times: 1, applied: true }, ['502']],
  ['a connection reset before anything was applied: posted again', { cut: 'reset', times: 1 }, ['0', '201']],
  ['a connection reset after the comment was applied: found, not posted again', { cut: 'reset', times: 1, applied: true }, ['0']],
] as const) {
  test(`comment POST: ${name}`, async (t) => {
    const marker = commentMarker('tempest');
    const s = await server(t, [{ issueNumber: 7, body: `${marker}\nmallory's`, author: MALLORY }]);
    s.fail('issues/create-comment', fault);
    const gh = createGitHubClient({ token: TOKEN, baseUrl: s.url });
    const r = await upsertComment(gh, { ...target, marker, body: `${marker}\nreport`, mode: 'update', failing: true, ...FAST });
    assert.equal(r.action, 'created');
    const ours = s.comments.filter((c) => c.author.login === ACTIONS_BOT.login);
    assert.deepEqual(
      ours.map((c) => c.body),
      [`${marker}\nreport`],
      'exactly one comment',
    );
    assert.equal(r.id, ours[0]?.id);
    assert.deepEqual(
      s.calls('issues/create-comment').map((c) => String(c.status)),
      posts,
    );
    // Listed again after the failed POST, before deciding.
    assert.deepEqual(
      s
        .calls()
        .map((c) => c.operationId)
        .slice(0, 3),
      ['issues/list-comments', 'issues/create-comment', 'issues/list-comments'],
    );
    checkClean(s);
  });
}

test('comment POST: no answer at all (applied, then hanging) times out and is found, not posted again', async (t) => {
  const marker = commentMarker('tempest');
  const s = await server(t);
  const gh = createGitHubClient({ token: TOKEN, baseUrl: s.url });
  // A comment just posted (here on another PR) makes the throttling plugin hold the next one back
  // for 3 s; that wait must not count against the time the POST itself has.
  await upsertComment(gh, { ...target, issueNumber: 8, marker, body: `${marker}\nPR 8`, mode: 'update', failing: true });
  s.fail('issues/create-comment', { cut: 'hang', times: 1, applied: true });
  // 2 s for a loopback POST that otherwise takes milliseconds.
  const r = await upsertComment(gh, { ...target, marker, body: `${marker}\nreport`, mode: 'update', failing: true, postTimeoutMs: 2000, ...FAST });
  assert.equal(r.action, 'created');
  const onPr7 = s.comments.filter((c) => c.issueNumber === 7);
  assert.deepEqual(
    onPr7.map((c) => c.body),
    [`${marker}\nreport`],
  );
  assert.equal(r.id, onPr7[0]?.id);
  assert.deepEqual(
    s.calls('issues/create-comment').map((c) => c.status),
    [201, 0],
    'the hung POST was sent once, not again',
  );
  checkClean(s);
});

test('comment POST: 503 every time: tried 3 times in all, listing in between, then one clear line', async (t) => {
  const marker = commentMarker('tempest');
  const s = await server(t);
  s.fail('issues/create-comment', { status: 503, times: Infinity });
  const gh = createGitHubClient({ token: TOKEN, baseUrl: s.url });
  await assert.rejects(upsertComment(gh, { ...target, marker, body: marker, mode: 'update', failing: true, ...FAST }), (err: unknown) => {
    assert.ok(err instanceof UserError);
    assert.equal(err.message, 'GitHub refused the comment on pull request #7 (HTTP 503 Server Error): GitHub failed, even after retries');
    return true;
  });
  assert.deepEqual(
    s.calls().map((c) => c.operationId),
    ['issues/list-comments', 'issues/create-comment', 'issues/list-comments', 'issues/create-comment', 'issues/list-comments', 'issues/create-comment'],
  );
  assert.deepEqual(s.comments, []);
  checkClean(s);
});
