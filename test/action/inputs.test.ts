// readSettings in-process: every input checked with an error that names it, the secrets it
// collects for masking and redaction, and the run context read from the event payload.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings, readContext } from '../../src/action/inputs.ts';
import { UserError } from '../../src/core/errors.ts';

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
  process.env['INPUT_GITHUB-TOKEN'] = 'ghs_inputs_test';
});

function fails(inputs: Record<string, string>, message: RegExp): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
  process.env['INPUT_GITHUB-TOKEN'] = 'ghs_inputs_test';
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  assert.throws(
    () => readSettings({}),
    (err: unknown) => err instanceof UserError && message.test(err.message) && !err.message.includes('\n'),
  );
}

test('defaults', () => {
  const s = readSettings({ GITHUB_JOB: 'tempest', RUNNER_TEMP: '/tmp/r' });
  assert.equal(s.nodeCount, 2);
  assert.equal(s.failOn, 'regressions');
  assert.equal(s.commentMode, 'update');
  assert.equal(s.commentKey, 'tempest');
  assert.equal(s.checkRun, true);
  assert.equal(s.artifactName, 'tempest-gate-report');
  assert.equal(s.reportDir, '/tmp/r/tempest-gate');
  assert.equal(s.cloud, null);
  assert.deepEqual(s.secrets, ['ghs_inputs_test']);
  assert.equal(s.connectSeconds, null, "the run's own deadlines");
});

test('connect-timeout: a duration, as run --connect-timeout takes it', () => {
  process.env['INPUT_CONNECT-TIMEOUT'] = '1m30s';
  assert.equal(readSettings({}).connectSeconds, 90);
  fails({ 'CONNECT-TIMEOUT': '90' }, /^input 'connect-timeout' wants a duration like 90s, 30m, 2h, 1d or 1h30m, not '90'$/);
  fails({ 'CONNECT-TIMEOUT': '0s' }, /^input 'connect-timeout' must be longer than 0s; got '0s'$/);
});

test('each bad input is named in a one-line error', () => {
  fails({ 'NODE-COUNT': '0' }, /^input 'node-count' must be a whole number from 1 to 16; got '0'$/);
  fails({ 'NODE-COUNT': '2.5' }, /^input 'node-count' must be a whole number/);
  fails({ 'UPLOAD-ARTIFACTS': 'yes please' }, /^input 'upload-artifacts' must be true or false; got 'yes please'$/);
  fails({ 'COMMENT-MODE': 'always' }, /^input 'comment-mode' must be one of update, on-failure, off; got 'always'$/);
  fails({ 'ARTIFACT-NAME': 'a/b' }, /^input 'artifact-name' may not contain/);
  fails({ RESULTS: 'r.subunit', 'REPORT-FROM': 'dir' }, /^inputs 'results' and 'report-from' cannot both be set/);
  fails({ 'CLOUDS-YAML': 'just: text' }, /^input 'clouds-yaml' has no top-level 'clouds:' mapping$/);
  fails({ 'GITHUB-TOKEN': '' }, /^input 'github-token' is empty/);
});

test('secrets: the token, every credential in clouds.yaml and the OS_* ones; not the other values', () => {
  process.env['INPUT_CLOUDS-YAML'] = [
    'clouds:',
    '  a:',
    '    auth: { auth_url: "http://k:5000/v3", username: u, password: "p4ss-word", project_name: demo }',
    '  b:',
    '    auth_type: v3applicationcredential',
    '    auth: { auth_url: "http://k:5000/v3", application_credential_id: abc123, application_credential_secret: s3cret-app }',
    '  c:',
    '    auth: { auth_url: "http://k:5000/v3", token: tok-en-123 }',
  ].join('\n');
  const s = readSettings({ OS_PASSWORD: 'env-pass-1', OS_AUTH_URL: 'http://k:5000/v3' });
  assert.deepEqual(s.secrets.filter((x) => !x.includes('\n')).sort(), ['env-pass-1', 'ghs_inputs_test', 'p4ss-word', 's3cret-app', 'tok-en-123'].sort());
  assert.equal(s.cloud?.fromEnv, true);
  assert.ok(s.cloud?.cloudsYaml?.startsWith('clouds:'));
});

test('context: the PR head (not the merge commit), a fork, a deleted fork, a workflow_run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tg-ctx-'));
  const write = async (name: string, v: unknown): Promise<string> => {
    await writeFile(join(dir, name), JSON.stringify(v));
    return join(dir, name);
  };
  const base = { repo: { full_name: 'o/r' } };
  const same = readContext({
    GITHUB_EVENT_PATH: await write('a.json', { pull_request: { number: 3, head: { sha: 'h'.repeat(40), repo: { full_name: 'o/r' } }, base } }),
    GITHUB_SHA: 'm'.repeat(40),
    GITHUB_REPOSITORY: 'o/r',
  });
  assert.equal(same.sha, 'h'.repeat(40));
  assert.equal(same.pullRequest?.fromFork, false);
  const fork = readContext({
    GITHUB_EVENT_PATH: await write('b.json', { pull_request: { number: 3, head: { sha: 'h'.repeat(40), repo: { full_name: 'x/r' } }, base } }),
    GITHUB_REPOSITORY: 'o/r',
  });
  assert.equal(fork.pullRequest?.fromFork, true);
  const deleted = readContext({
    GITHUB_EVENT_PATH: await write('c.json', { pull_request: { number: 3, head: { sha: 'h'.repeat(40), repo: null }, base } }),
    GITHUB_REPOSITORY: 'o/r',
  });
  assert.equal(deleted.pullRequest?.fromFork, true, 'a deleted fork is still a fork');
  const wr = readContext({
    GITHUB_EVENT_PATH: await write('d.json', { workflow_run: { id: 9, head_sha: 'w'.repeat(40), event: 'pull_request' } }),
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_RUN_ID: '5',
    GITHUB_SERVER_URL: 'https://ghe.example',
  });
  assert.deepEqual(wr.workflowRun, { id: 9, headSha: 'w'.repeat(40), event: 'pull_request' });
  assert.equal(wr.runUrl, 'https://ghe.example/o/r/actions/runs/5');
  assert.throws(() => readContext({ GITHUB_EVENT_PATH: join(dir, 'missing.json') }), /GITHUB_EVENT_PATH '.*missing.json' is not a readable JSON event payload/);
});

test('the change under test is deployed: <PROJECT>_REPO/_BRANCH at the PR head, devstack-localrc wins, passwords refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tg-lrc-'));
  const event = join(dir, 'pr.json');
  await writeFile(
    event,
    JSON.stringify({
      pull_request: { number: 7, head: { sha: 'a'.repeat(40), repo: { full_name: 'me/nova' } }, base: { repo: { full_name: 'openstack/nova' } } },
    }),
  );
  const env = { GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: 'openstack/nova', GITHUB_SERVER_URL: 'https://github.com' };
  const s = readSettings(env);
  assert.deepEqual(s.devstackLocalrc, { NOVA_REPO: 'https://github.com/me/nova.git', NOVA_BRANCH: 'a'.repeat(40) });
  process.env['INPUT_DEVSTACK-LOCALRC'] = '# libraries from git\nLIBS_FROM_GIT=python-novaclient\nNOVA_BRANCH=stable/2025.2\n';
  assert.deepEqual(readSettings(env).devstackLocalrc, {
    NOVA_REPO: 'https://github.com/me/nova.git',
    NOVA_BRANCH: 'stable/2025.2',
    LIBS_FROM_GIT: 'python-novaclient',
  });
  process.env['INPUT_DEPLOY-CHANGE'] = 'false';
  assert.deepEqual(readSettings(env).devstackLocalrc, { NOVA_BRANCH: 'stable/2025.2', LIBS_FROM_GIT: 'python-novaclient' });
  fails({ 'DEVSTACK-LOCALRC': 'ADMIN_PASSWORD=x' }, /^input 'devstack-localrc': ADMIN_PASSWORD is one of devstack's passwords/);
  fails({ 'DEVSTACK-LOCALRC': 'not a setting' }, /^input 'devstack-localrc': 'not a setting' is not KEY=VALUE/);
  fails({ 'DEPLOY-CHANGE': 'maybe' }, /^input 'deploy-change' must be true or false/);
});
