// The cloud path of dist/index.js with the real select and provision verbs: a docs-only change
// provisions nothing and says why; a code change selects tests, and a cloud that does not answer
// fails provisioning with one line in the log and the summary, after which dist/post.js cleans up
// by the run id main saved. (A whole devstack run cannot happen here: see docs/action.md.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { startGitHubServer } from '../../scripts/lab/github-server.ts';
import { newJob, visibleLog } from '../../scripts/lab/action-runner.ts';

const TOKEN = 'ghs_cloud_e2e';
const PASSWORD = 'Cloud-E2E-pw-4417';
type Event = { pull_request: Record<string, unknown> & { number: number } };
let event: Event;
let deadPort = 9;

before(async () => {
  event = JSON.parse(await readFile(new URL('../fixtures/action/pull_request.synchronize.json', import.meta.url), 'utf8')) as Event;
  // A port nobody listens on: bind, note it, close.
  deadPort = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 9));
    });
  });
});

function inputs(): Record<string, string> {
  return {
    'clouds-yaml': `clouds:\n  lab:\n    auth:\n      auth_url: http://127.0.0.1:${deadPort}/v3\n      username: demo\n      password: ${PASSWORD}\n      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n`,
    cloud: 'lab',
    flavor: 'm1.small',
    image: 'cirros',
    rules: 'preset:nova',
  };
}

test('a docs-only change: nothing selected, nothing provisioned, a passing report that says why', async (t) => {
  const gh = await startGitHubServer({ token: TOKEN, pullRequest: event.pull_request, pullFiles: ['doc/source/index.rst', 'releasenotes/notes/x.yaml'] });
  t.after(() => gh.stop());
  const job = await newJob({ inputs: inputs(), githubToken: TOKEN, apiUrl: gh.url, event });
  const r = await job.step('index');
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.outputs.result, 'pass');
  assert.equal(r.outputs['selected-count'], '0');
  assert.match(r.stdout, /Selection: nothing to run/);
  assert.equal(r.state['tempest-gate-run-id'], undefined, 'no run id: nothing was created');
  assert.deepEqual(
    gh.calls().map((c) => c.operationId),
    ['pulls/list-files', 'issues/list-comments', 'issues/create-comment', 'checks/create'],
  );
  assert.match(gh.comments[0]?.body ?? '', /tempest-gate: pass\n\nnothing to run: no rule applies to the 2 changed files/);
  assert.equal(gh.checkRuns[0]?.conclusion, 'success');
  assert.deepEqual(gh.rejections, []);
  const post = await job.step('post');
  assert.match(post.stdout, /nothing to clean up/);
});

test('a code change against a cloud that does not answer: selected, provision fails in one line, post cleans up by run id', async (t) => {
  const gh = await startGitHubServer({ token: TOKEN, pullRequest: event.pull_request, pullFiles: ['nova/compute/manager.py'] });
  t.after(() => gh.stop());
  const job = await newJob({ inputs: inputs(), githubToken: TOKEN, apiUrl: gh.url, event });
  const r = await job.step('index');
  assert.equal(r.code, 1);
  assert.equal(r.outputs.result, 'error');
  assert.match(r.stdout, /Selection: 1211 of 1646 tests selected \(1173 parallel \+ 38 serial\)/);
  const runId = r.state['tempest-gate-run-id'] ?? '';
  assert.match(runId, /^[0-9a-z]+-[0-9a-z]{4}$/);
  assert.match(r.stdout, new RegExp(`provision: run ${runId}: 2 nodes \\(controller \\+ 1 subnodes\\)`));
  // Only the secret values are masked, not every line of the clouds.yaml ("clouds:", "auth:"...).
  assert.deepEqual(
    r.stdout
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice(12).split('%0A')[0]),
    [TOKEN, 'clouds:', PASSWORD],
  );
  const line = new RegExp(`provision: POST http://127\\.0\\.0\\.1:${deadPort}/v3/auth/tokens: no answer: ECONNREFUSED`);
  assert.match(r.stdout, new RegExp(`::error::${line.source}`));
  assert.match(r.summary, line);
  // A run that never got results still tells the pull request why, as an infrastructure failure.
  assert.match(gh.comments[0]?.body ?? '', /tempest-gate: error\n\ninfrastructure failure, not a test failure: provision: POST /);
  assert.equal(gh.checkRuns[0]?.conclusion, 'failure');
  const post = await job.step('post');
  assert.equal(post.code, 0);
  assert.match(post.stdout, new RegExp(`deleting the cloud resources of run '${runId}'`));
  assert.match(post.stdout, /::warning::tempest-gate post: cleanup failed: /);
  for (const out of [visibleLog(r.stdout), r.stderr, r.summary, visibleLog(post.stdout), post.stderr]) assert.ok(!out.includes(PASSWORD));
  assert.deepEqual(gh.rejections, []);
});

test('without a rules file or a known service name, selection fails with a clear line before anything is created', async (t) => {
  const gh = await startGitHubServer({ token: TOKEN, pullRequest: event.pull_request, pullFiles: ['x.py'] });
  t.after(() => gh.stop());
  const { rules: _drop, ...rest } = inputs();
  const job = await newJob({ inputs: rest, githubToken: TOKEN, apiUrl: gh.url, event });
  const r = await job.step('index');
  assert.equal(r.code, 1);
  assert.match(r.stdout, /::error::select: no \.tempest-gate\.yaml in \S+ and 'hello-world' is not a known service repository: give a rules file or a preset/);
  assert.equal(r.state['tempest-gate-run-id'], undefined);
});
