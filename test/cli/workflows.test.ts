// The repository's own workflows (.github/workflows): they parse, every action step's `with:` keys
// are inputs of what it uses, their shell steps are valid bash, the release runs what
// docs/release.md says, and the self-test's action step, run here as the runner runs it (the
// bundled action against the local GitHub API and artifact backend), gives exactly the verdict
// its next step checks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { newJob } from '../../scripts/lab/action-runner.ts';
import { startArtifactServer, type ArtifactServer } from '../../scripts/lab/artifact-server.ts';
import { startGitHubServer } from '../../scripts/lab/github-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = join(ROOT, '.github', 'workflows');
/** A plain shell environment: no startup files of this machine's user (BASH_ENV, HOME). */
const SHELL_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: string;
  'continue-on-error'?: boolean;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[]; if?: string }>;
}

function workflow(file: string): Workflow {
  return parseYaml(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow;
}

const ACTION = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };

/** The inputs the actions used here take (besides ours); a `with:` key outside them is a typo GitHub only warns about. */
const KNOWN_INPUTS: Record<string, string[]> = {
  'actions/checkout@v4': ['fetch-depth', 'ref', 'repository', 'token', 'persist-credentials', 'path', 'fetch-tags'],
};

function steps(w: Workflow): Step[] {
  return Object.values(w.jobs).flatMap((j) => j.steps);
}

test('every workflow parses, runs on a pinned runner, and every action step is pinned with known inputs', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));
  assert.deepEqual(files.sort(), ['release.yml', 'self-test.yml']);
  for (const f of files) {
    const w = workflow(f);
    assert.ok(w.name && w.on && w.jobs, f);
    for (const [id, job] of Object.entries(w.jobs)) {
      assert.match(job['runs-on'], /^ubuntu-\d\d\.\d\d$/, `${f} ${id}: a pinned runner image`);
      for (const s of job.steps) {
        assert.ok((s.uses === undefined) !== (s.run === undefined), `${f} ${id}: a step either uses or runs`);
        if (s.uses === undefined) continue;
        const inputs = s.uses === './' ? Object.keys(ACTION.inputs) : KNOWN_INPUTS[s.uses];
        assert.ok(inputs, `${f} ${id}: ${s.uses} is pinned to a major tag we know`);
        for (const key of Object.keys(s.with ?? {})) assert.ok(inputs.includes(key), `${f} ${id}: '${key}' is not an input of ${s.uses}`);
      }
    }
  }
});

test("every run step is valid bash (as the runner's `bash -e` shell gets it)", () => {
  for (const f of ['release.yml', 'self-test.yml']) {
    for (const s of steps(workflow(f))) {
      if (s.run === undefined) continue;
      // Expressions are replaced before the shell sees the script; none are used inside scripts here.
      assert.doesNotMatch(s.run, /\$\{\{/, `${f}: '${s.name ?? s.run}' takes expressions through env:, not in the script`);
      execFileSync('bash', ['-n', '-e', '-c', s.run], { env: SHELL_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    }
  }
});

test('release: on vX.Y.Z tags, npm ci, typecheck and check-dist before the major tag moves', () => {
  const w = workflow('release.yml');
  assert.deepEqual(w.on, { push: { tags: ['v*.*.*'] } });
  assert.equal(w.permissions?.contents, 'write');
  const runs = steps(w).map((s) => s.run ?? s.uses ?? '');
  const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
  for (const re of [/^npm ci$/, /^npm run typecheck$/, /^npm run check-dist$/, /git push -f origin "refs\/tags\/\$major"/, /gh release create/])
    assert.ok(at(re) >= 0, `release runs ${re}`);
  assert.ok(at(/^npm run check-dist$/) < at(/git push -f/), 'dist is checked before the major tag moves');
  // The tag must be package.json's version and have a changelog section; the shipped files are there.
  assert.match(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), /^## \[Unreleased\]$/m);
  assert.ok(existsSync(join(ROOT, 'docs', 'release.md')));
  // The step that moves the tag strips the version to its major: run it on a tag name.
  const move = runs[at(/git push -f/)] ?? '';
  assert.match(move, /major="\$\{GITHUB_REF_NAME%%\.\*\}"/);
  assert.equal(
    execFileSync('bash', ['-c', 'GITHUB_REF_NAME=v1.4.2; echo "${GITHUB_REF_NAME%%.*}"'], {
      encoding: 'utf8',
      env: SHELL_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim(),
    'v1',
  );
});

test("release notes: the awk of the release step prints exactly the version's changelog section", () => {
  const script = steps(workflow('release.yml')).find((s) => s.run?.includes('gh release create'))?.run ?? '';
  const awk = /awk -v v="\$version" '([^']+)'/.exec(script)?.[1];
  assert.ok(awk, 'the awk program');
  const changelog = '# Changelog\n\n## [Unreleased]\n\n- next\n\n## [1.2.0] - 2026-01-02\n\n- one\n- two\n\n## [1.1.0] - 2025-12-01\n\n- old\n';
  const notes = execFileSync('awk', ['-v', 'v=1.2.0', awk], { input: changelog, encoding: 'utf8' });
  assert.equal(notes, '\n- one\n- two\n\n');
});

let artifacts: ArtifactServer;
before(async () => {
  artifacts = await startArtifactServer();
});
after(async () => {
  await artifacts.stop();
});

test('self-test: `uses: ./` on its own pull requests over the bundled run; the action gives the verdict the workflow checks', async (t) => {
  const w = workflow('self-test.yml');
  assert.deepEqual(Object.keys(w.on), ['pull_request']);
  const job = w.jobs.action!;
  assert.match(job.if ?? '', /github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
  const gate = job.steps.find((s) => s.uses === './');
  assert.ok(gate, 'uses: ./');
  assert.equal(gate['continue-on-error'], true);
  const inputs = Object.fromEntries(Object.entries(gate.with ?? {}).map(([k, v]) => [k, String(v)]));
  assert.ok(!('report-from' in inputs), 'report-from is for the workflow_run half, not this one');
  for (const key of ['results', 'baseline']) assert.ok(existsSync(join(ROOT, inputs[key] ?? '')), `${key}: ${inputs[key]} is in the repository`);
  const check = job.steps[job.steps.indexOf(gate) + 1];
  assert.ok(check?.run, 'a step after the action checks its outputs');
  // Every output the check reads is one the action declares.
  for (const m of JSON.stringify(check.env).matchAll(/steps\.gate\.outputs\.([a-z-]+)/g)) assert.ok(m[1]! in ACTION.outputs, `output ${m[1]}`);

  // Run the step as the runner would, in a checkout of this repository, then the check's script on its outputs.
  const token = 'ghs_selfTestToken_5Xq';
  const event = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'action', 'pull_request.synchronize.json'), 'utf8')) as {
    pull_request: { number: number; head: { sha: string; repo: { full_name: string } } };
  };
  const gh = await startGitHubServer({ token, pullRequest: event.pull_request });
  t.after(() => gh.stop());
  const run = await newJob({ inputs, githubToken: token, apiUrl: gh.url, event, workspace: ROOT, env: artifacts.env() });
  const r = await run.step('index');
  assert.equal(r.code, 1, 'the gate fails (the step is continue-on-error)');
  const env: Record<string, string> = { ...SHELL_ENV };
  for (const [name, value] of Object.entries(check.env ?? {})) env[name] = r.outputs[/steps\.gate\.outputs\.([a-z-]+)/.exec(String(value))?.[1] ?? ''] ?? '';
  const out = execFileSync('bash', ['-e', '-c', check.run], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(out, /^result=fail regressions=1 fixes=0 report=\S+report\.md$/m);
  assert.deepEqual(gh.rejections, [], 'every request matched the GitHub OpenAPI description');
  assert.ok(
    gh.comments.some((c) => /Tempest gate: 1 regression/.test(c.body)),
    'the comment was posted',
  );
});
