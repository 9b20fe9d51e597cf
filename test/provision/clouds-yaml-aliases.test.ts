// A clouds.yaml with a YAML alias bomb is bad input naming the file and line (exit 3), not an
// internal error; anchors used the ordinary way (shared defaults) still read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText } from '../../src/edges/openstack/cloud-config.ts';
import { UserError } from '../../src/core/errors.ts';

/** Nine times nine times ... : 9^levels strings from a few hundred bytes. */
function aliasBomb(levels: number): string {
  const names = 'abcdefghij';
  let out = `l0: &${names[0]} ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n`;
  for (let i = 1; i <= levels; i++)
    out += `l${i}: &${names[i]} [${Array(9)
      .fill(`*${names[i - 1]}`)
      .join(', ')}]\n`;
  return out;
}

test('an alias bomb in clouds.yaml is a one-line error at the first alias', () => {
  const text = `clouds:\n  devstack:\n    auth: {auth_url: "http://x/identity"}\n${aliasBomb(7)}`;
  assert.throws(
    () => parseConfigText('/etc/openstack/clouds.yaml', text),
    (e: unknown) => {
      assert.ok(e instanceof UserError, String(e));
      assert.equal(e.exitCode, 3);
      assert.equal(e.message, '/etc/openstack/clouds.yaml: line 5: YAML aliases expand to too much data (more than 100 alias uses)');
      return true;
    },
  );
});

test('clouds sharing auth defaults through an anchor still read', () => {
  const text = 'x-defaults: &auth\n  auth_url: http://x/identity\n  username: admin\nclouds:\n  one:\n    auth: *auth\n  two:\n    auth: *auth\n';
  const v = parseConfigText('clouds.yaml', text) as { clouds: Record<string, { auth: Record<string, string> }> };
  assert.equal(v.clouds.one?.auth.username, 'admin');
  assert.equal(v.clouds.one?.auth.auth_url, 'http://x/identity');
  assert.equal(v.clouds.two?.auth.username, 'admin');
});
