// The Zuul job: valid per Zuul's JSON Schema, playbooks and roles that exist, and command lines
// that the tempest-gate CLI actually accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';
import { VERBS } from '../../src/cli/main.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROLES = join(ROOT, 'zuul/playbooks/roles');
// Roles the job borrows from devstack and Tempest (the parent job brings them in).
const EXTERNAL_ROLES = new Set(['orchestrate-devstack', 'setup-tempest-run-dir', 'setup-tempest-data-dir', 'acl-devstack-files']);

function yamlFile(path: string): unknown {
  return parse(readFileSync(join(ROOT, path), 'utf8'));
}

test("zuul.d/jobs.yaml is valid per Zuul's JSON Schema and its playbooks exist", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/zuul/zuul-schema.json'), 'utf8')) as object;
  const Ajv = Ajv2019 as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
  const validate = new Ajv({ strict: false, allErrors: true, formats: { regex: true } }).compile(schema);
  const config = yamlFile('zuul/zuul.d/jobs.yaml') as {
    job?: { name: string; run?: string; 'post-run'?: string; semaphores?: string | string[] };
    semaphore?: { name: string };
  }[];
  assert.ok(validate(config), JSON.stringify(validate.errors));
  // The schema must be able to say no.
  assert.equal(validate([{ job: { name: 'x', 'no-such-key': 1 } }]), false);
  const semaphores = new Set(config.flatMap((c) => (c.semaphore ? [c.semaphore.name] : [])));
  for (const { job } of config) {
    if (!job) continue;
    for (const p of [job.run, job['post-run']]) if (p !== undefined) assert.ok(existsSync(join(ROOT, p)), `${job.name}: ${p}`);
    // Zuul refuses a job whose semaphore is defined nowhere.
    for (const s of [job.semaphores ?? []].flat()) assert.ok(semaphores.has(s), `${job.name}: semaphore ${s} is not defined`);
  }
});

test('every role a playbook names exists, with tasks, defaults and a README', () => {
  for (const pb of ['zuul/playbooks/run.yaml', 'zuul/playbooks/post.yaml', 'zuul/playbooks/promote.yaml']) {
    for (const play of yamlFile(pb) as { roles?: (string | { role: string })[] }[]) {
      for (const r of play.roles ?? []) {
        const name = typeof r === 'string' ? r : r.role;
        if (EXTERNAL_ROLES.has(name)) continue;
        for (const f of ['tasks/main.yaml', 'defaults/main.yaml', 'README.rst']) assert.ok(existsSync(join(ROLES, name, f)), `${pb}: role ${name} lacks ${f}`);
      }
    }
  }
});

test('every tempest-gate command line in the roles uses a real verb and real options', async () => {
  let checked = 0;
  for (const role of readdirSync(ROLES)) {
    const top = parse(readFileSync(join(ROLES, role, 'tasks/main.yaml'), 'utf8')) as Record<string, unknown>[];
    // Tasks inside block/rescue/always count too.
    const flat = (ts: Record<string, unknown>[]): Record<string, unknown>[] =>
      ts.flatMap((t) => [t, ...flat([t.block, t.rescue, t.always].flatMap((b) => (Array.isArray(b) ? (b as Record<string, unknown>[]) : [])))]);
    for (const task of flat(top)) {
      const line = typeof task.command === 'string' ? task.command : '';
      const m = /\{\{ tempest_gate \}\} (\w+)/.exec(line);
      if (!m) continue;
      const entry = VERBS.find((v) => v.name === m[1]);
      assert.ok(entry, `${role}: unknown verb ${m[1]}`);
      const cmd = await entry.load();
      for (const [, opt] of line.matchAll(/--([a-z][a-z-]*)/g)) {
        assert.ok(opt! in cmd.options || opt === 'json' || opt === 'help', `${role}: '${m[1]}' has no --${opt}`);
      }
      checked++;
    }
  }
  // select, run, report; promote and history.
  assert.equal(checked, 5);
});
