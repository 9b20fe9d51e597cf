// A mapping or list where clouds.yaml wants a scalar is bad input naming the file and the key
// (exit 3), not a value that reads '[object Object]' and fails later at keystone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCloud } from '../../src/edges/openstack/cloud-config.ts';
import { UserError } from '../../src/core/errors.ts';

const CLOUD = (extra: string, auth = '') =>
  `clouds:\n  c:\n    region_name: R1\n    auth:\n      auth_url: http://k/v3\n      username: u\n      password: p\n      project_id: p1\n${auth}${extra}`;

async function resolveText(text: string) {
  // an empty home and working directory, no site directories: no secure.yaml is found anywhere
  const dir = await mkdtemp(join(tmpdir(), 'tg-cloudcfg-types-'));
  try {
    return resolveCloud({ env: {}, cwd: dir, home: dir, siteDirs: [], configText: { file: '/etc/ci/clouds.yaml', text } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

for (const [name, text, message] of [
  ['interface as a mapping', CLOUD('    interface: {name: internal}\n'), "'interface' must be a string, not a mapping"],
  ['auth_type as a list', CLOUD('    auth_type: [password]\n'), "'auth_type' must be a string, not a list"],
  ['insecure as a mapping', CLOUD('    insecure: {yes: 1}\n'), "'insecure' must be true or false, not a mapping"],
  ['an auth alias as a list', CLOUD('', '      user_domain_name: [a, b]\n'), "'auth.user_domain_name' must be a string, not a list"],
  ['a region as a list', CLOUD('    regions:\n      - [R1, R2]\n').replace('    region_name: R1\n', ''), "'regions' must be a string, not a list"],
] as const) {
  test(`clouds.yaml: ${name} is a one-line error naming the key`, async () => {
    await assert.rejects(
      () => resolveText(text),
      (e: unknown) => {
        assert.ok(e instanceof UserError, String(e));
        assert.equal(e.exitCode, 3);
        assert.equal(e.message, `/etc/ci/clouds.yaml: ${message}`);
        return true;
      },
    );
  });
}

test('clouds.yaml: scalars of other types still read as their text', async () => {
  const r = await resolveText(CLOUD('    insecure: "True"\n    interface: internal\n').replace('project_id: p1', 'project_id: 1234'));
  assert.equal(r.verify, false);
  assert.equal(r.interface, 'internal');
  assert.equal(r.auth.project_id, '1234');
  assert.equal(r.regionName, 'R1');
});
