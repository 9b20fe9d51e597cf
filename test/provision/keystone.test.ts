// Keystone v3 against the real local Keystone: one token with its catalog, endpoints by type,
// interface and region, a new token when the old one expires or is revoked, application
// credentials and tokens as auth types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { request } from 'undici';
import { KEYSTONE, LOCAL_CLOUDS_YAML, localSession, skipLocal, writeCloudsYaml } from '../helpers/local-openstack.ts';
import { startFaultProxy } from '../helpers/fault-proxy.ts';
import { resolveCloud, type ResolvedCloud } from '../../src/edges/openstack/cloud-config.ts';
import { HttpClient } from '../../src/edges/openstack/http.ts';
import { endpointFor, Keystone } from '../../src/edges/openstack/keystone.ts';
import { Session } from '../../src/edges/openstack/session.ts';

const demo = (): ResolvedCloud => resolveCloud({ cloud: 'tg-local', env: { OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_YAML }, cwd: tmpdir(), home: tmpdir() });

test('a token with its catalog; endpoints by type, interface and region; errors list what exists', { skip: skipLocal }, async () => {
  const http = new HttpClient();
  try {
    const ks = new Keystone({ http, cloud: demo() });
    const token = await ks.current();
    assert.ok(token.value.length > 20);
    assert.ok(token.expiresAt.getTime() > Date.now());
    assert.equal(endpointFor(token.catalog, { type: 'compute', interface: 'public', region: 'RegionOne' }), 'http://127.0.0.1:38774/v2.1');
    assert.equal(endpointFor(token.catalog, { type: 'network', interface: 'internal', region: 'RegionOne' }), 'http://127.0.0.1:39696');
    assert.equal(endpointFor(token.catalog, { type: 'image', interface: 'adminURL', region: '' }), 'http://127.0.0.1:39292');
    assert.throws(
      () => endpointFor(token.catalog, { type: 'volumev3', interface: 'public', region: 'RegionOne' }),
      /no 'volumev3' service \(it has: compute, identity, image, network, placement\)/,
    );
    assert.throws(
      () => endpointFor(token.catalog, { type: 'compute', interface: 'public', region: 'RegionTwo' }),
      /no public endpoint for 'compute' in region 'RegionTwo' \(the catalog has: .*public@RegionOne/,
    );
    // cached: a second ask costs nothing
    await ks.current();
    assert.equal(ks.tokensIssued, 1);
    assert.equal(http.calls, 1);
  } finally {
    await http.close();
  }
});

test('a token about to expire is renewed before use', { skip: skipLocal }, async () => {
  const http = new HttpClient();
  try {
    let clock = Date.now();
    const ks = new Keystone({ http, cloud: demo(), now: () => clock });
    const first = await ks.current();
    clock = first.expiresAt.getTime() - 60_000; // inside the renewal margin
    const second = await ks.current();
    assert.notEqual(second.value, first.value);
    assert.equal(ks.tokensIssued, 2);
  } finally {
    await http.close();
  }
});

test('a 401 from a service (token expired or revoked) gets a new token once, and the call succeeds', { skip: skipLocal }, async () => {
  // keystonemiddleware caches validations for minutes, so a revoked token still passes here:
  // the proxy answers 401 the way a service does once it stops accepting the token
  const proxy = await startFaultProxy([
    {
      service: 'compute',
      method: 'GET',
      path: /\/flavors/,
      fault: {
        kind: 'status',
        status: 401,
        body: '{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}',
      },
      after: 1,
    },
  ]);
  const { dir, file } = await writeCloudsYaml({ authUrl: proxy.authUrl });
  const s = new Session({ cloud: resolveCloud({ cloud: 'tg-test', env: { OS_CLIENT_CONFIG_FILE: file }, cwd: dir, home: dir }) });
  try {
    await s.call('compute', 'GET', '/flavors');
    const old = await s.keystone.current();
    const res = await s.call('compute', 'GET', '/flavors');
    assert.equal(res.status, 200);
    assert.equal(s.keystone.tokensIssued, 2);
    assert.notEqual((await s.keystone.current()).value, old.value);
    const flavorCalls = proxy.seen.filter((x) => x.path.includes('/flavors')).map((x) => x.status);
    assert.deepEqual(flavorCalls, [200, 401, 200]);
  } finally {
    await s.close();
    await proxy.close();
  }
});

test('application credential and token auth types work against Keystone', { skip: skipLocal }, async () => {
  const s = localSession();
  const http = new HttpClient();
  try {
    const token = await s.keystone.current();
    const name = `tg-appcred-${Date.now().toString(36)}`;
    // Keystone 22 sometimes refuses a fresh application credential with 400 "unassigned role"
    // (a known flake, also seen in Tempest's own identity tests here): ask up to 3 times
    let status = 0;
    let body = { application_credential: { id: '', secret: '' } };
    let text = '';
    for (let i = 0; i < 3 && status !== 201; i++) {
      if (i) await new Promise((r) => setTimeout(r, 500));
      const created = await request(`${KEYSTONE}/users/${token.userId}/application_credentials`, {
        method: 'POST',
        headers: { 'x-auth-token': token.value, 'content-type': 'application/json' },
        body: JSON.stringify({ application_credential: { name: `${name}-${i}` } }),
      });
      status = created.statusCode;
      text = await created.body.text();
      if (status === 201) body = JSON.parse(text) as typeof body;
    }
    assert.equal(status, 201, text);
    try {
      const appCloud = resolveCloud({
        env: {
          OS_AUTH_TYPE: 'v3applicationcredential',
          OS_AUTH_URL: KEYSTONE,
          OS_APPLICATION_CREDENTIAL_ID: body.application_credential.id,
          OS_APPLICATION_CREDENTIAL_SECRET: body.application_credential.secret,
          OS_REGION_NAME: 'RegionOne',
        },
        cwd: tmpdir(),
        home: tmpdir(),
      });
      assert.equal(appCloud.name, 'envvars');
      const appSession = new Session({ cloud: appCloud, http });
      const flavors = await appSession.call('compute', 'GET', '/flavors');
      assert.equal(flavors.status, 200);
      assert.equal((await appSession.keystone.current()).projectId, token.projectId);

      const tokenCloud = resolveCloud({
        env: { OS_AUTH_TYPE: 'token', OS_AUTH_URL: KEYSTONE, OS_TOKEN: token.value, OS_PROJECT_ID: token.projectId!, OS_REGION_NAME: 'RegionOne' },
        cwd: tmpdir(),
        home: tmpdir(),
      });
      const tokenSession = new Session({ cloud: tokenCloud, http });
      assert.equal((await tokenSession.call('image', 'GET', '/v2/images')).status, 200);
    } finally {
      const del = await request(`${KEYSTONE}/users/${token.userId}/application_credentials/${body.application_credential.id}`, {
        method: 'DELETE',
        headers: { 'x-auth-token': token.value },
      });
      await del.body.text();
    }
  } finally {
    await s.close();
    await http.close();
  }
});
