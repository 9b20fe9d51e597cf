// End to end: the bundled action (dist/index.js, dist/post.js built to a temp dir) run as the
// runner runs it, against a local GitHub API that validates every request against GitHub's
// OpenAPI description, and a local artifact backend that @actions/artifact talks to unmodified.
import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubServer, type GitHubServer } from '../../scripts/lab/github-server.ts';
import { startArtifactServer, type ArtifactServer } from '../../scripts/lab/artifact-server.ts';
import { newJob, visibleLog, type StepResult } from '../../scripts/lab/action-runner.ts';
import { makeRun } from '../helpers/tempest-run.ts';
import { filePackets, streamWith } from '../helpers/streams.ts';
import { encodePacket } from '../../src/core/results/subunit-v2.ts';

const FIXTURE = new URL('../fixtures/action/pull_request.synchronize.json', import.meta.url);
const TOKEN = 'ghs_e2eSecretToken_7Q2xK';
const CLOUD_PASSWORD = 'Pw-e2e-Cloud-9931';
const APP_SECRET = 'AppCredSecret-e2e-42';
// Quote and backslash: JSON escapes them, so a redaction of JSON text would miss this one.
const OS_PASSWORD = 'os-env"pass\\5512';
const SECRETS = [TOKEN, CLOUD_PASSWORD, APP_SECRET, OS_PASSWORD];
const CLOUDS_YAML = `clouds:
  devstack:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: demo
      password: ${CLOUD_PASSWORD}
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
  appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: http://127.0.0.1:5000/v3
      application_credential_id: 0123abcd
      application_credential_secret: ${APP_SECRET}
`;

type Event = { pull_request: { number: number; head: { sha: string; repo: { full_name: string } } } } & Record<string, unknown>;
let event: Event;
let gh: GitHubServer;
let artifacts: ArtifactServer;

before(async () => {
  event = JSON.parse(await readFile(FIXTURE, 'utf8')) as Event;
  artifacts = await startArtifactServer();
});
after(async () => {
  await artifacts.stop();
});

async function freshServer(t: TestContext): Promise<GitHubServer> {
  gh = await startGitHubServer({ token: TOKEN, pullRequest: event.pull_request });
  const server = gh;
  t.after(() => server.stop());
  return gh;
}

function assertNoRejections(server: GitHubServer): void {
  assert.deepEqual(server.rejections, [], 'every request matched the GitHub OpenAPI description');
  assert.deepEqual(server.badResponses, [], 'the fake only answered documented shapes');
}

function unzip(bytes: Buffer): Promise<Record<string, string>> {
  return (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tg-unzip-'));
    await writeFile(join(dir, 'a.zip'), bytes);
    execFileSync('/usr/bin/python3', ['-m', 'zipfile', '-e', join(dir, 'a.zip'), join(dir, 'out')]);
    const out: Record<string, string> = {};
    for (const f of await readdir(join(dir, 'out'))) out[f] = (await readFile(join(dir, 'out', f))).toString('latin1');
    return out;
  })();
}

function everythingPublished(server: GitHubServer): string {
  return JSON.stringify({ comments: server.comments, checkRuns: server.checkRuns, bodies: server.requests.map((r) => r.body) });
}

test('a failing run: one comment updated in place, a check run with annotations, summary, outputs, artifact; no secret anywhere', async (t) => {
  await freshServer(t);
  const job = await newJob({
    inputs: { results: 'results.subunit', 'clouds-yaml': CLOUDS_YAML, cloud: 'devstack' },
    githubToken: TOKEN,
    apiUrl: gh.url,
    event,
    env: { ...artifacts.env(), OS_PASSWORD },
  });
  // The first failure's traceback carries the cloud password, as a leaky test log would.
  await writeFile(join(job.dir, 'workspace', 'results.subunit'), makeRun({ tests: 40, failures: 3, secretInTraceback: `${CLOUD_PASSWORD} or ${OS_PASSWORD}` }));

  const first = await job.step('index');
  assert.equal(first.code, 1, 'failing tests fail the step');
  assert.match(first.stdout, /::error::tempest-gate: 3 tests failed of 40/);
  assert.equal(first.outputs.result, 'fail');
  assert.equal(first.outputs.regressions, '3');
  assert.equal(first.outputs['selected-count'], '40');
  assert.ok(first.outputs['report-path']?.endsWith('report.md'));
  assertNoRejections(gh);
  assert.deepEqual(
    gh.calls().map((r) => r.operationId),
    ['issues/list-comments', 'issues/create-comment', 'checks/create'],
  );
  assert.equal(gh.comments.length, 1);
  const comment = gh.comments[0];
  assert.ok(comment);
  assert.equal(comment.issueNumber, event.pull_request.number);
  assert.match(comment.body, /<!-- tempest-gate:report key=tempest -->/);
  assert.match(comment.body, /tempest-gate: fail/);
  assert.match(comment.body, /tempest\.api\.compute\.servers\.test_area_0\.AreaTest0\.test_case_0/);
  assert.equal(first.outputs['comment-url'], `https://github.com/octocat/Hello-World/pull/${event.pull_request.number}#issuecomment-${comment.id}`);
  const run = gh.checkRuns[0];
  assert.ok(run);
  assert.equal(run.head_sha, event.pull_request.head.sha, 'the check run is on the PR head, not the merge commit');
  assert.equal(run.conclusion, 'failure');
  assert.equal(run.annotations.length, 3);
  assert.equal(run.annotations[0]?.path, 'tempest/api/compute/servers/test_area_0.py');
  assert.equal(run.annotations[0]?.start_line, 100);
  assert.match(first.summary, /### ❌ tempest-gate: fail/);
  assert.match(first.summary, /test_case_1/);

  // The artifact, uploaded through @actions/artifact to the local backend.
  assert.deepEqual(artifacts.errors, []);
  const art = artifacts.artifacts.at(-1);
  assert.ok(art);
  assert.equal(art.name, 'tempest-gate-report');
  const files = await unzip(art.bytes);
  assert.deepEqual(Object.keys(files).sort(), ['report.html', 'report.json', 'report.md', 'results.json'], 'the raw stream held a secret, so it is left out');
  assert.match(files['results.json'] ?? '', /test_case_0/);
  assert.match(files['report.html'] ?? '', /<html[\s\S]*test_case_0/);

  // Secrets: masked for the runner (::add-mask::), and absent from everything else.
  for (const s of SECRETS) assert.ok(first.stdout.includes(`::add-mask::${s}`), `masked ${s.slice(0, 4)}…`);
  const published = [visibleLog(first.stdout), first.stderr, first.summary, everythingPublished(gh), ...Object.values(files)];
  // Raw, and as JSON escapes it (results.json, request bodies).
  const forms = SECRETS.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  for (const s of forms) for (const text of published) assert.ok(!text.includes(s), `secret ${s.slice(0, 4)}… leaked`);
  assert.match(comment.body, /auth with password \*\*\* or \*\*\*\)/, 'the leaked passwords were redacted, the rest of the line kept');

  // Second run on the same PR: the same comment is updated, never duplicated.
  const before = gh.calls().length;
  const second = await job.step('index');
  assert.equal(second.code, 1);
  assert.deepEqual(
    gh
      .calls()
      .slice(before)
      .map((r) => r.operationId),
    ['issues/list-comments', 'issues/update-comment', 'checks/create'],
  );
  assert.equal(gh.comments.length, 1, 'still one comment');
  assert.equal(second.outputs['comment-url'], first.outputs['comment-url']);
  assertNoRejections(gh);
  for (const s of SECRETS) assert.ok(!visibleLog(second.stdout).includes(s) && !second.summary.includes(s));

  // The post step runs after main and finds nothing provisioned to clean up.
  const post = await job.step('post');
  assert.equal(post.code, 0);
  assert.match(post.stdout, /nothing to clean up/);
});

test('a passing run comments once and passes; comment-mode on-failure creates nothing when green', async (t) => {
  await freshServer(t);
  const job = await newJob({ inputs: { results: 'results.subunit', 'comment-mode': 'on-failure' }, githubToken: TOKEN, apiUrl: gh.url, event });
  await writeFile(join(job.dir, 'workspace', 'results.subunit'), makeRun({ tests: 20, failures: 0 }));
  const r = await job.step('index');
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.result, 'pass');
  assert.equal(gh.comments.length, 0);
  assert.equal(gh.checkRuns[0]?.conclusion, 'success');
  assert.match(r.summary, /All 20 tests passed/);
  assert.match(r.stdout, /Artifact not uploaded: the runner did not provide ACTIONS_RUNTIME_TOKEN/);
  assertNoRejections(gh);
});

function assertLogAndSummary(r: StepResult, pattern: RegExp): void {
  assert.match(r.stdout, new RegExp(`::error::.*${pattern.source}`), `log: ${r.stdout}`);
  assert.match(r.summary, pattern, `summary: ${r.summary}`);
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at .*\.(js|ts):\d+/, 'no stack trace');
}

test('bad input: missing token, wrong-typed inputs, unknown baseline', async (t) => {
  await freshServer(t);
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ 'github-token': '' }, /input 'github-token' is empty/],
    [{ 'node-count': 'three' }, /input 'node-count' must be a whole number from 1 to 16; got 'three'/],
    [{ 'check-run': 'maybe' }, /input 'check-run' must be true or false; got 'maybe'/],
    [{ 'fail-on': 'sometimes' }, /input 'fail-on' must be one of regressions, failures, never; got 'sometimes'/],
    [{ baseline: 'git:main' }, /input 'baseline': 'git:main' must be git:BRANCH:NAME/],
    [{ baseline: 'svn:trunk' }, /input 'baseline': unknown source 'svn:'/],
    [{ 'clouds-yaml': `clouds:\n  x: [unclosed ${CLOUD_PASSWORD}` }, /input 'clouds-yaml' is not valid YAML \(line 2, column \d+\)/],
  ];
  for (const [inputs, pattern] of cases) {
    const job = await newJob({ inputs: { results: 'results.subunit', ...inputs }, githubToken: TOKEN, apiUrl: gh.url, event });
    await writeFile(join(job.dir, 'workspace', 'results.subunit'), makeRun({ tests: 5, failures: 1 }));
    const r = await job.step('index');
    assert.equal(r.code, 1, JSON.stringify(inputs));
    assertLogAndSummary(r, pattern);
    assert.ok(!visibleLog(r.stdout).includes(CLOUD_PASSWORD) && !r.summary.includes(CLOUD_PASSWORD), 'a bad clouds.yaml is never echoed');
    // The post step still runs and does not fail.
    const post = await job.step('post');
    assert.equal(post.code, 0);
  }
  assert.equal(gh.calls().length, 0, 'bad input stops before any API call');
});

test('a baseline that cannot be read: the pull request hears it (comment and check run name the input), an error, never a pass', async (t) => {
  await freshServer(t);
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ baseline: 'no/such/baseline.json' }, /input 'baseline' \('no\/such\/baseline.json'\): \S*no\/such\/baseline.json: cannot read: no such file/],
    [{ baseline: 'master' }, /input 'baseline' \('master'\): \S+: not a git repository \(baselines store git:tempest-baselines\)/],
  ];
  for (const [inputs, pattern] of cases) {
    const before = gh.checkRuns.length;
    const job = await newJob({ inputs: { results: 'results.subunit', ...inputs }, githubToken: TOKEN, apiUrl: gh.url, event });
    await writeFile(join(job.dir, 'workspace', 'results.subunit'), makeRun({ tests: 5, failures: 0 }));
    const r = await job.step('index');
    assert.equal(r.code, 1, JSON.stringify(inputs));
    assertLogAndSummary(r, pattern);
    assert.equal(r.outputs.result, 'error');
    assert.match(r.summary, /bad input, not a test failure/);
    const check = gh.checkRuns.at(-1);
    assert.equal(gh.checkRuns.length, before + 1, 'one check run');
    assert.equal(check?.conclusion, 'failure', 'never a pass');
    assert.match(JSON.stringify(check), new RegExp(pattern.source.replace(/\\S[*+]/g, '[^"]*')));
    assert.equal(gh.comments.length, 1, 'the one comment, updated');
    assert.match(gh.comments[0]?.body ?? '', /bad input, not a test failure/);
    assert.equal((await job.step('post')).code, 0);
  }
  assertNoRejections(gh);
});

test('403 on the comment: a clear message in the log and the summary, the check run still published', async (t) => {
  await freshServer(t);
  gh.fail('issues/create-comment', { status: 403, times: Infinity });
  const job = await newJob({ inputs: { results: 'results.subunit' }, githubToken: TOKEN, apiUrl: gh.url, event });
  await writeFile(join(job.dir, 'workspace', 'results.subunit'), makeRun({ tests: 10, failures: 0 }));
  const r = await job.step('index');
  assert.equal(r.code, 1);
  const line =
    /GitHub refused the comment on pull request #1347 \(HTTP 403 Resource not accessible by integration\): the token may not do this: grant the job `permissions: pull-requests: write`/;
  assertLogAndSummary(r, line);
  assert.equal(gh.checkRuns.length, 1);
  assert.equal(gh.calls('issues/create-comment').length, 1, '403 is not retried');
  assertNoRejections(gh);
});

test('GitHub 5xx is retried with backoff and the report still lands', async (t) => {
  await freshServer(t);
  gh.fail('checks/create', { status: 502, times: 1 });
  const job = await newJob({ inputs: { results: 'results.subunit' }, githubToken: TOKEN, apiUrl: gh.url, event });
  await writeFile(join(job.dir, 'workspace', 'results.subunit'), makeRun({ tests: 10, failures: 0 }));
  const r = await job.step('index');
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(
    gh.calls('checks/create').map((c) => c.status),
    [502, 201],
  );
  assert.equal(gh.checkRuns.length, 1);
});

test('a report too long for a comment is cut under 65,536 characters with a pointer; the summary keeps it whole', async (t) => {
  await freshServer(t);
  const job = await newJob({ inputs: { results: 'results.subunit' }, githubToken: TOKEN, apiUrl: gh.url, event });
  await writeFile(join(job.dir, 'workspace', 'results.subunit'), makeRun({ tests: 300, failures: 120, tracebackLineLength: 600 }));
  const r = await job.step('index');
  assert.equal(r.code, 1);
  const body = gh.comments[0]?.body ?? '';
  assert.ok(body.length <= 65_536, `comment is ${body.length} characters`);
  assert.match(
    body,
    /cut to fit GitHub's 65,536-character limit.*job summary of \[the workflow run\]\(https:\/\/github\.com\/octocat\/Hello-World\/actions\/runs\/4242\) and its artifact `tempest-gate-report`/,
  );
  assert.ok(r.summary.length > 65_536, 'the job summary holds the whole report');
  assert.ok((gh.checkRuns[0]?.output.summary ?? '').length <= 65_535);
  // 120 annotations: created with 50, then two updates of 50 and 20.
  assert.equal(gh.checkRuns[0]?.annotations.length, 120);
  assert.deepEqual(
    gh.calls().map((c) => c.operationId),
    ['issues/list-comments', 'issues/create-comment', 'checks/create', 'checks/update', 'checks/update'],
  );
  assertNoRejections(gh);
});

test('fork pull request: without credentials the action says what to do; with results it leaves publishing to workflow_run, which publishes from the artifact', async (t) => {
  await freshServer(t);
  const fork = structuredClone(event);
  fork.pull_request.head.repo.full_name = 'contributor/Hello-World';

  // 1. No cloud credentials (GitHub withholds secrets from forks) and nothing to report.
  const bare = await newJob({ inputs: {}, githubToken: TOKEN, apiUrl: gh.url, event: fork, env: artifacts.env() });
  const r1 = await bare.step('index');
  assert.equal(r1.code, 1);
  assert.equal(r1.outputs.result, 'skipped');
  assert.match(r1.stdout, /::error::This pull request comes from a fork.*docs\/action.md, "Pull requests from forks"/);
  assert.match(r1.summary, /tempest-gate: skipped\n\nNot run: this pull request comes from a fork\.[\s\S]*workflow_run reporting workflow/);
  assert.equal(gh.calls().length, 0);
  const skippedBundle = artifacts.artifacts.at(-1);
  assert.ok(skippedBundle, 'the skipped report is uploaded for the reporting workflow');
  assert.deepEqual(Object.keys(await unzip(skippedBundle.bytes)).sort(), ['report.json', 'report.md']);

  // 2. The untrusted run has results: it uploads the report and posts nothing (its token is read-only).
  const untrusted = await newJob({ inputs: { results: 'results.subunit' }, githubToken: TOKEN, apiUrl: gh.url, event: fork, env: artifacts.env() });
  await writeFile(join(untrusted.dir, 'workspace', 'results.subunit'), makeRun({ tests: 12, failures: 2 }));
  const r2 = await untrusted.step('index');
  assert.equal(r2.code, 1);
  assert.match(r2.stdout, /::notice::Pull request from a fork/);
  assert.equal(gh.calls().length, 0, 'nothing posted from the fork run');
  const art = artifacts.artifacts.at(-1);
  assert.ok(art);

  // 3. The trusted workflow_run workflow downloads that artifact and publishes it.
  const files = await unzip(art.bytes);
  const wrEvent = {
    action: 'completed',
    workflow_run: { id: 4242, head_sha: event.pull_request.head.sha, event: 'pull_request' },
    repository: event.repository,
  };
  const trusted = await newJob({ inputs: { 'report-from': 'report' }, githubToken: TOKEN, apiUrl: gh.url, event: wrEvent, eventName: 'workflow_run' });
  const reportDir = join(trusted.dir, 'workspace', 'report');
  const src = await mkdtemp(join(tmpdir(), 'tg-art-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(src, name), Buffer.from(text, 'latin1'));
  await cp(src, reportDir, { recursive: true });
  const r3 = await trusted.step('index');
  assert.equal(r3.code, 0, r3.stdout);
  assert.deepEqual(
    gh.calls().map((c) => c.operationId),
    ['pulls/get', 'issues/list-comments', 'issues/create-comment', 'checks/create'],
  );
  assert.match(gh.comments[0]?.body ?? '', /2 tests failed of 12/);
  assert.equal(gh.checkRuns[0]?.head_sha, event.pull_request.head.sha);
  assert.equal(gh.checkRuns[0]?.annotations.length, 2);
  assertNoRejections(gh);

  // 4. A bundle that claims a pass is judged again from its results: still a failure.
  const claimed = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as { verdict: string; headline: string };
  claimed.verdict = 'pass';
  claimed.headline = 'All good, merge it.';
  await writeFile(join(reportDir, 'report.json'), JSON.stringify(claimed));
  const r35 = await trusted.step('index');
  assert.equal(r35.outputs.result, 'fail');
  assert.equal(gh.checkRuns.at(-1)?.conclusion, 'failure');
  assert.doesNotMatch(gh.comments[0]?.body ?? '', /merge it/);
  assert.equal(gh.comments.length, 1);

  // 4b. Forged results: every status rewritten to success, or no tests at all, or malformed
  // records. Never a successful check: a pass relayed from the fork's own run is not verified.
  const resultsFile = join(reportDir, 'results.json');
  const real = await readFile(resultsFile, 'utf8');
  const forged = JSON.parse(real) as { tests: { status: string }[] };
  for (const t of forged.tests) t.status = 'success';
  await writeFile(resultsFile, JSON.stringify(forged));
  const rForged = await trusted.step('index');
  assert.equal(rForged.outputs.result, 'skipped');
  assert.equal(gh.checkRuns.at(-1)?.conclusion, 'action_required');
  assert.match(gh.comments[0]?.body ?? '', /not verified/);
  await writeFile(resultsFile, JSON.stringify({ ...forged, tests: [] }));
  const rEmpty = await trusted.step('index');
  assert.equal(rEmpty.outputs.result, 'fail', 'zero tests never pass');
  assert.equal(gh.checkRuns.at(-1)?.conclusion, 'failure');
  await writeFile(resultsFile, JSON.stringify({ ...forged, tests: [{ id: 42 }] }));
  const rBad = await trusted.step('index');
  assert.equal(rBad.code, 1);
  assertLogAndSummary(rBad, /input 'report-from': \S*results\.json: tests\[0\]: "id" must be a non-empty string/);
  assert.doesNotMatch(rBad.stdout, /internal error|TypeError/);
  await writeFile(resultsFile, real);
  assert.ok(
    gh.checkRuns.every((c) => c.conclusion !== 'success'),
    'no relayed bundle ever got a successful check',
  );

  // 5. An artifact claiming another commit is refused.
  const manifest = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as { pullRequest: { headSha: string } };
  manifest.pullRequest.headSha = 'b'.repeat(40);
  await writeFile(join(reportDir, 'report.json'), JSON.stringify(manifest));
  const r4 = await trusted.step('index');
  assert.equal(r4.code, 1);
  assertLogAndSummary(r4, /input 'report-from': the report is for commit bbbbbbbbbbbb, but the workflow run that made it built/);

  // 6. The skipped bundle of step 1, published: the contributor learns why, and the check is not green.
  for (const [name, text] of Object.entries(await unzip(skippedBundle.bytes))) await writeFile(join(reportDir, name), Buffer.from(text, 'latin1'));
  const { rm } = await import('node:fs/promises');
  await rm(join(reportDir, 'results.json'));
  const r6 = await trusted.step('index');
  assert.equal(r6.code, 0, r6.stdout);
  assert.equal(r6.outputs.result, 'skipped');
  assert.match(gh.comments[0]?.body ?? '', /Not run: this pull request comes from a fork/);
  assert.equal(gh.comments.length, 1);
  assert.equal(gh.checkRuns.at(-1)?.conclusion, 'action_required', 'never neutral: branch protection would count it as passing');
  assertNoRejections(gh);
});

test('against a baseline: regressions and fixes from the compare engine, in the comment and the outputs', async (t) => {
  await freshServer(t);
  const job = await newJob({ inputs: { results: 'results.subunit', baseline: 'baselines/master.subunit' }, githubToken: TOKEN, apiUrl: gh.url, event });
  // The baseline run failed tests 0 and 1; this run fails 0, 1 and 2: two still fail, one regresses.
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(job.dir, 'workspace', 'baselines'));
  await writeFile(join(job.dir, 'workspace', 'baselines', 'master.subunit'), makeRun({ tests: 20, failures: 2 }));
  const run = makeRun({ tests: 20, failures: 3 });
  await writeFile(join(job.dir, 'workspace', 'results.subunit'), run);
  const r = await job.step('index');
  assert.equal(r.code, 1);
  assert.equal(r.outputs.result, 'fail');
  assert.equal(r.outputs.regressions, '1');
  assert.match(r.stdout, /Baseline: baselines\/master.subunit/);
  const body = gh.comments[0]?.body ?? '';
  assert.match(body, /Tempest gate: 1 regression/);
  assert.match(body, /#### Regressions \(1\)[\s\S]*test_case_2/);
  assert.match(body, /#### Still failing \(2\)/);
  assert.equal(gh.checkRuns[0]?.conclusion, 'failure');
  assertNoRejections(gh);
});

test('a secret no byte search finds (cut across two subunit packets, or spelled with XML references): the raw results stay out of the artifact; clean ones go in', async (t) => {
  await freshServer(t);
  const id = 'tempest.api.identity.v3.test_tokens.TokensTest.test_leak[id-0000000a-0000-4000-8000-000000000000]';
  const T = Date.UTC(2026, 10, 25, 7, 0, 0) * 1000;
  // A traceback sent in two packets, as a test's output is, the cut inside the password.
  const subunitOf = (traceback: string, cut: number): Uint8Array =>
    Buffer.concat([
      makeRun({ tests: 4, failures: 0 }),
      encodePacket({ testId: id, status: 'inprogress', timestamp: T }),
      streamWith(
        [],
        [
          filePackets({
            testId: id,
            fileName: 'traceback',
            mimeType: 'text/x-traceback; charset="utf8"; language="python"',
            content: Buffer.from(traceback),
            cuts: [cut],
            timestamp: T,
          }),
        ],
      ),
      encodePacket({ testId: id, status: 'fail', timestamp: T + 1000 }),
    ]);
  const line = 'keystoneauth1.exceptions.http.Unauthorized: auth with password ';
  const at = line.length + 5;
  // Every character a character reference, decimal and hex by turns.
  const spelled = [...CLOUD_PASSWORD].map((c, i) => (i % 2 ? `&#${c.codePointAt(0)};` : `&#x${c.codePointAt(0)!.toString(16)};`)).join('');
  const junit = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="tempest" tests="2"><testcase classname="tempest.api.compute.T" name="test_ok" time="0.1"/><testcase classname="tempest.api.compute.T" name="test_leak" time="1.0"><failure message="auth">${line}${spelled}</failure></testcase></testsuite>\n`;
  const cases: Array<{ file: string; bytes: Uint8Array; leaks: boolean; decoded: string }> = [
    { file: 'results.subunit', bytes: subunitOf(`${line}${CLOUD_PASSWORD} (from the clouds.yaml)`, at), leaks: true, decoded: 'subunit-v2' },
    { file: 'results.xml', bytes: Buffer.from(junit), leaks: true, decoded: 'junit' },
    { file: 'results.subunit', bytes: subunitOf(`${line}*** (nothing to hide)`, at), leaks: false, decoded: '' },
  ];
  for (const c of cases) {
    assert.ok(!Buffer.from(c.bytes).includes(Buffer.from(CLOUD_PASSWORD)), `${c.file}: no byte search would find it`);
    const job = await newJob({
      inputs: { results: c.file, 'clouds-yaml': CLOUDS_YAML, cloud: 'devstack' },
      githubToken: TOKEN,
      apiUrl: gh.url,
      event,
      env: { ...artifacts.env(), OS_PASSWORD },
    });
    await writeFile(join(job.dir, 'workspace', c.file), c.bytes);
    const uploads = artifacts.artifacts.length;
    const r = await job.step('index');
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /::error::tempest-gate: 1 test failed of/);
    assert.deepEqual(artifacts.errors, []);
    assert.equal(artifacts.artifacts.length, uploads + 1, 'one artifact uploaded');
    const files = await unzip(artifacts.artifacts.at(-1)!.bytes);
    if (c.leaks) {
      assert.match(
        r.stdout,
        new RegExp(
          `::warning::\\S*${c.file.replace('.', '\\.')} contains a secret value \\(decoded as ${c.decoded}\\): only the redacted results\\.json is uploaded\\.`,
        ),
        r.stdout,
      );
      assert.deepEqual(Object.keys(files).sort(), ['report.html', 'report.json', 'report.md', 'results.json'], `${c.file}: the raw results are left out`);
      // The password was in the decoded traceback: the redacted results show *** where it was.
      assert.match(files['results.json'] ?? '', /auth with password \*\*\*/);
    } else {
      assert.doesNotMatch(r.stdout, /contains a secret value|could not be checked for secrets/);
      assert.deepEqual(
        Object.keys(files).sort(),
        ['report.html', 'report.json', 'report.md', 'results.json', 'results.subunit'],
        'a clean raw stream is uploaded',
      );
      assert.ok(Buffer.from(files['results.subunit'] ?? '', 'latin1').equals(Buffer.from(c.bytes)), 'byte for byte');
    }
    const published = [visibleLog(r.stdout), r.stderr, r.summary, everythingPublished(gh), ...Object.values(files)];
    for (const s of SECRETS) for (const text of published) assert.ok(!text.includes(s), `secret ${s.slice(0, 4)}… leaked from ${c.file}`);
  }

  // A password JSON-escaped in a traceback (a logged request body): the value as redaction looks for
  // it is not there, its escaped form is. Whatever goes up in the artifact holds neither; what is
  // left out is named.
  const job = await newJob({
    inputs: { results: 'results.subunit', 'clouds-yaml': CLOUDS_YAML, cloud: 'devstack' },
    githubToken: TOKEN,
    apiUrl: gh.url,
    event,
    env: { ...artifacts.env(), OS_PASSWORD },
  });
  await writeFile(join(job.dir, 'workspace', 'results.subunit'), subunitOf(`${line}${JSON.stringify({ password: OS_PASSWORD })}`, at));
  const r = await job.step('index');
  assert.equal(r.code, 1, r.stdout);
  const files = await unzip(artifacts.artifacts.at(-1)!.bytes);
  const forms = SECRETS.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  for (const name of ['report.html', 'report.json', 'report.md', 'results.json', 'results.subunit']) {
    const text = files[name];
    if (text === undefined)
      assert.match(r.stdout, new RegExp(`::warning::\\S*${name.replace('.', '\\.')} contains a secret value`), `${name} left out without a word`);
    else for (const s of forms) assert.ok(!text.includes(s), `${name} uploaded with secret ${s.slice(0, 4)}…`);
  }
  assert.equal(files['results.subunit'], undefined);
});
