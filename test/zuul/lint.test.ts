// The Zuul job's YAML and Ansible pass the linters zuul-jobs uses (yamllint, ansible-lint with
// zuul/.ansible-lint) and Ansible's own syntax check, and each linter is shown to say no.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './executor.ts';

const ZUUL = join(ROOT, 'zuul');
// The roles the parent job brings (devstack's, Tempest's): our stand-ins let Ansible resolve them.
const ENV = {
  ...process.env,
  ANSIBLE_ROLES_PATH: join(ROOT, 'test/zuul/roles'),
  ANSIBLE_ACTION_PLUGINS: join(ROOT, 'test/zuul/executor/action_plugins'),
  ANSIBLE_NOCOLOR: '1',
  NO_COLOR: '1',
};

function missing(tool: string): string | false {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  if (found) return false;
  // Without CI a missing linter skips with its reason; in CI it fails.
  return process.env.CI ? false : `${tool} is missing: run scripts/setup-machine.sh`;
}

function run(cmd: string, args: string[], cwd: string, input?: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, env: ENV, encoding: 'utf8', input, timeout: 120_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

test('yamllint passes on zuul/ and the test stand-ins, and fails on bad YAML', { skip: missing('yamllint') }, () => {
  const ok = run('yamllint', ['-c', join(ZUUL, '.yamllint'), '-s', '-f', 'parsable', ZUUL, join(ROOT, 'test/zuul')], ROOT);
  assert.equal(ok.status, 0, ok.out);
  const bad = run('yamllint', ['-c', join(ZUUL, '.yamllint'), '-s', '-f', 'parsable', '-'], ROOT, '- a: 1\n  a: 2\n- yes\n');
  assert.notEqual(bad.status, 0);
  assert.match(bad.out, /duplicate key|truthy/);
});

test('ansible-lint (production profile) passes on zuul/, and catches a loop without a zj_ variable', { skip: missing('ansible-lint') }, () => {
  const ok = run('ansible-lint', ['-p', '--offline'], ZUUL);
  assert.equal(ok.status, 0, ok.out);
  assert.match(ok.out, /Passed with production profile/);
  const dir = mkdtempSync(join(tmpdir(), 'tg-lint-'));
  try {
    copyFileSync(join(ZUUL, '.ansible-lint'), join(dir, '.ansible-lint'));
    // A role's loop without loop_control.loop_var (the rule applies to roles).
    mkdirSync(join(dir, 'roles', 'bad', 'tasks'), { recursive: true });
    writeFileSync(join(dir, 'roles', 'bad', 'tasks', 'main.yaml'), '- name: Say each\n  debug:\n    msg: "{{ item }}"\n  loop: [a, b]\n');
    const bad = run('ansible-lint', ['-p', '--offline'], dir);
    assert.notEqual(bad.status, 0, bad.out);
    assert.match(bad.out, /loop-var-prefix/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Ansible's syntax check passes on the run, post-run, promote and merge playbooks", { skip: missing('ansible-playbook') }, () => {
  for (const pb of ['playbooks/run.yaml', 'playbooks/post.yaml', 'playbooks/promote.yaml', 'playbooks/merge.yaml']) {
    const r = run('ansible-playbook', ['--syntax-check', '-i', 'localhost,', pb], ZUUL);
    assert.equal(r.status, 0, `${pb}: ${r.out}`);
  }
});
