// What the user sees when the cloud's answers are wrong, or it cannot be reached: a cloud (or a
// proxy) that echoes the request in its 400, malformed and truncated JSON bodies, a name that
// does not resolve, a TLS certificate that is not trusted, faults while the sweep lists what it
// would remove. Each is one line and exit 4, never a stack trace or exit 70, and never a secret:
// the password and the token are redacted on every error path of edges/openstack.
// The cleanup verb runs in-process (its --sweep --dry-run and --run-id list the cloud and change
// nothing of other runs) against the real local OpenStack behind test/helpers/fault-proxy.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCommand, type CliRun } from '../helpers/cli.ts';
import { startFaultProxy, type Rule } from '../helpers/fault-proxy.ts';
import { skipLocal } from '../helpers/local-openstack.ts';
import { cleanupCommand } from '../../src/cli/commands/cleanup.ts';
import { createFloatingIp, getServer } from '../../src/edges/openstack/api.ts';
import { resolveCloud } from '../../src/edges/openstack/cloud-config.ts';
import { CloudError } from '../../src/edges/openstack/http.ts';
import { Session } from '../../src/edges/openstack/session.ts';

/** The local cloud accepts only its own password, so the echo cases use a clouds.yaml of their own. */
const PASSWORD = 'Ech0ed-pa"ss\\wörd&<x>';

function cloudsYaml(authUrl: string, extra = '', password = 'secret'): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'tg-answers-'));
  writeFileSync(
    join(dir, 'clouds.yaml'),
    `clouds:
  tg-test:
    auth:
      auth_url: ${authUrl}
      username: demo
      password: ${JSON.stringify(password)}
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
${extra}`,
  );
  return { dir, env: { PATH: process.env.PATH, HOME: dir, OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), OS_CLOUD: 'tg-test' } };
}

/** One line on stderr besides progress lines, no stack trace, no internal error. */
function oneLineFailure(r: CliRun, code: number): string {
  assert.equal(r.code, code, r.stderr);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at |TypeError/);
  const last = r.stderr.trimEnd().split('\n').at(-1) ?? '';
  assert.match(last, /^tempest-gate cleanup: /);
  return last;
}

function noSecret(text: string, secrets: string[]): void {
  for (const s of secrets) {
    for (const form of [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)])
      assert.ok(!text.includes(form), `a secret (${form.slice(0, 3)}…) leaked: ${text}`);
  }
}

async function sweepThrough(rules: Rule[], password?: string): Promise<{ r: CliRun; seen: string[] }> {
  const proxy = await startFaultProxy(rules);
  const { dir, env } = cloudsYaml(proxy.authUrl, '', password);
  try {
    const r = await cliCommand(cleanupCommand, ['--sweep', '--older-than', '1h', '--dry-run'], { env, cwd: dir });
    return { r, seen: proxy.seen.map((x) => `${x.method} ${x.service} ${x.path} ${x.status}${x.injected ? ` (${x.injected})` : ''}`) };
  } finally {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a cloud that echoes the request in its 400: neither the password nor the token reaches stderr', { skip: skipLocal }, async () => {
  // Keystone echoing the token request (the password in it, JSON-escaped as sent).
  let { r } = await sweepThrough([{ service: 'identity', method: 'POST', path: /\/auth\/tokens/, fault: { kind: 'echo', status: 400 } }], PASSWORD);
  let line = oneLineFailure(r, 4);
  assert.match(line, /Keystone at \S+ refused the credentials of cloud 'tg-test' \(400: Invalid request POST \/v3\/auth\/tokens: body .*\*\*\*/);
  noSecret(r.stderr, [PASSWORD]);

  // Keystone echoing it in a 503, retried: the retry lines are redacted too.
  ({ r } = await sweepThrough([{ service: 'identity', method: 'POST', path: /\/auth\/tokens/, fault: { kind: 'echo', status: 503 }, times: 10 }], PASSWORD));
  line = oneLineFailure(r, 4);
  assert.match(r.stderr, /^retry 1: POST /m);
  assert.match(line, /gave up after 5 attempts/);
  noSecret(r.stderr, [PASSWORD]);

  // Nova echoing the request's headers: the token (X-Auth-Token) is redacted.
  const proxy = await startFaultProxy([{ service: 'compute', method: 'GET', path: /\/servers\/detail/, fault: { kind: 'echo', status: 400 } }]);
  const { dir, env } = cloudsYaml(proxy.authUrl);
  try {
    r = await cliCommand(cleanupCommand, ['--sweep', '--older-than', '1h', '--dry-run'], { env, cwd: dir });
    line = oneLineFailure(r, 4);
    assert.match(line, /GET \S+\/servers\/detail\S*: 400: Invalid request .*"x-auth-token":"\*\*\*"/);
    assert.doesNotMatch(r.stderr, /gAAAA/, 'no Fernet token');
    noSecret(r.stderr, ['secret']);
  } finally {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('malformed and truncated JSON bodies from the cloud: one line naming the call, exit 4; a truncated GET is retried', { skip: skipLocal }, async () => {
  // A 200 whose JSON does not parse (cut short with a correct length).
  let { r } = await sweepThrough([
    { service: 'compute', method: 'GET', path: /\/servers\/detail/, fault: { kind: 'status', status: 200, body: '{"servers": [{"id": ' } },
  ]);
  let line = oneLineFailure(r, 4);
  assert.match(line, /GET \S+\/servers\/detail\S*: 200: unexpected answer from Nova \(list servers\): not a JSON object \(truncated or malformed\?\)$/);

  // Valid JSON of the wrong shape.
  ({ r } = await sweepThrough([{ service: 'network', method: 'GET', path: /\/v2\.0\/ports/, fault: { kind: 'status', status: 200, body: '{"ports": {}}' } }]));
  line = oneLineFailure(r, 4);
  assert.match(line, /GET \S+\/v2\.0\/ports\S*: 200: unexpected answer from Neutron \(list ports\): no 'ports' list in it \(ports is an object\)$/);

  // Keystone's token answer without a usable catalog.
  ({ r } = await sweepThrough([
    {
      service: 'identity',
      method: 'POST',
      path: /\/auth\/tokens/,
      fault: { kind: 'edit', edit: (j) => ({ token: { ...(j as { token: object }).token, catalog: 'none' } }) },
    },
  ]));
  line = oneLineFailure(r, 4);
  assert.match(line, /POST \S+\/auth\/tokens: 201: unexpected answer: the token's catalog is not a list/);

  // The body cut off mid-way (fewer bytes than its length, then the connection dropped): an
  // idempotent GET is retried and the sweep goes on.
  const cut = await sweepThrough([{ service: 'network', method: 'GET', path: /\/v2\.0\/security-groups/, fault: { kind: 'truncate' } }]);
  ({ r } = cut);
  const seen = cut.seen;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^retry 1: GET \S+\/v2\.0\/security-groups\S*: /m);
  assert.equal(seen.filter((x) => x.startsWith('GET network /v2.0/security-groups')).length, 2, seen.join('\n'));
});

test('well-formed JSON with elements of the wrong shape: one line naming the service, the operation and the field, exit 4', { skip: skipLocal }, async () => {
  // Listings, through the CLI: the sweep reads every element it is given.
  const cases: { rule: Rule; line: RegExp }[] = [
    {
      rule: { service: 'compute', method: 'GET', path: /\/servers\/detail/, fault: { kind: 'status', status: 200, body: '{"servers": [1, null, "x"]}' } },
      line: /GET \S+\/servers\/detail\S*: 200: unexpected answer from Nova \(list servers\): servers\[0\] is a number, expected an object$/,
    },
    {
      rule: {
        service: 'compute',
        method: 'GET',
        path: /\/servers\/detail/,
        fault: { kind: 'status', status: 200, body: '{"servers": [{"id": "a", "name": "n", "status": "ACTIVE", "addresses": "10.0.0.7"}]}' },
      },
      line: /: 200: unexpected answer from Nova \(list servers\): servers\[0\]\.addresses is a string, expected an object of lists$/,
    },
    {
      rule: { service: 'network', method: 'GET', path: /\/v2\.0\/ports/, fault: { kind: 'status', status: 200, body: '{"ports": "none"}' } },
      line: /GET \S+\/v2\.0\/ports\S*: 200: unexpected answer from Neutron \(list ports\): no 'ports' list in it \(ports is a string\)$/,
    },
    {
      rule: {
        service: 'network',
        method: 'GET',
        path: /\/v2\.0\/ports/,
        fault: { kind: 'status', status: 200, body: '{"ports": [{"id": "p", "name": "x", "network_id": "n", "fixed_ips": [{"subnet_id": "s"}]}]}' },
      },
      line: /: 200: unexpected answer from Neutron \(list ports\): ports\[0\]\.fixed_ips\[0\]\.ip_address is missing, expected a string$/,
    },
    {
      rule: {
        service: 'network',
        method: 'GET',
        path: /\/v2\.0\/floatingips/,
        fault: { kind: 'status', status: 200, body: '{"floatingips": [{"id": "f", "port_id": null}]}' },
      },
      line: /GET \S+\/v2\.0\/floatingips\S*: 200: unexpected answer from Neutron \(list floating IPs\): floatingips\[0\]\.floating_ip_address is missing, expected a string$/,
    },
    {
      rule: {
        service: 'compute',
        method: 'GET',
        path: /\/os-keypairs$/,
        fault: { kind: 'status', status: 200, body: '{"keypairs": [{"keypair": {"name": 7}}]}' },
      },
      line: /: 200: unexpected answer from Nova \(list keypairs\): keypairs\[0\]\.keypair\.name is a number, expected a string$/,
    },
  ];
  for (const c of cases) {
    const { r, seen } = await sweepThrough([c.rule]);
    assert.match(oneLineFailure(r, 4), c.line);
    assert.ok(!seen.some((x) => x.startsWith('DELETE')), 'nothing removed on a listing it could not read');
  }

  // One object, through the edge the provisioner calls: the proxy answers in the cloud's place,
  // so nothing is created.
  const proxy = await startFaultProxy([
    {
      service: 'compute',
      method: 'GET',
      path: /\/servers\/tg-shape-1$/,
      fault: { kind: 'status', status: 200, body: '{"server": {"id": "tg-shape-1", "name": "n", "status": "ACTIVE", "addresses": "10.0.0.7"}}' },
    },
    {
      service: 'network',
      method: 'POST',
      path: /\/v2\.0\/floatingips$/,
      fault: { kind: 'status', status: 201, body: '{"floatingip": {"id": "f", "port_id": "p"}}' },
    },
  ]);
  const { dir, env } = cloudsYaml(proxy.authUrl);
  const s = new Session({ cloud: resolveCloud({ cloud: 'tg-test', env, cwd: dir, home: dir }) });
  try {
    const failure = async (p: Promise<unknown>, line: RegExp): Promise<void> => {
      const err = await p.then(
        () => assert.fail('an answer of the wrong shape was taken'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof CloudError, String(err));
      assert.equal(err.exitCode, 4);
      assert.match(err.message, line);
    };
    await failure(
      getServer(s, 'tg-shape-1'),
      /^GET \S+\/servers\/tg-shape-1: 200: unexpected answer from Nova \(show server\): server\.addresses is a string, expected an object of lists$/,
    );
    await failure(
      createFloatingIp(s, { floating_network_id: 'x', port_id: 'p' }),
      /^POST \S+\/v2\.0\/floatingips: 201: unexpected answer from Neutron \(create floating IP\): floatingip\.floating_ip_address is missing, expected a string$/,
    );
    assert.ok(!proxy.seen.some((x) => x.method === 'POST' && x.service === 'network' && !x.injected), 'the POST never reached the cloud');
  } finally {
    await s.close();
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('faults while the sweep lists resources: retried where safe, else one line; nothing is removed', { skip: skipLocal }, async () => {
  // 5xx, a reset and a 429 on the listings: all retried, the dry run finishes.
  const listed = await sweepThrough([
    { service: 'compute', method: 'GET', path: /\/servers\/detail/, fault: { kind: 'status', status: 503 } },
    { service: 'network', method: 'GET', path: /\/v2\.0\/ports/, fault: { kind: 'reset' } },
    { service: 'network', method: 'GET', path: /\/v2\.0\/floatingips/, fault: { kind: 'status', status: 429, retryAfter: 0 } },
    { service: 'compute', method: 'GET', path: /\/os-keypairs$/, fault: { kind: 'status', status: 500 } },
  ]);
  let r = listed.r;
  assert.equal(r.code, 0, r.stderr);
  assert.equal((r.stderr.match(/^retry 1: /gm) ?? []).length, 4, r.stderr);
  assert.ok(!listed.seen.some((x) => x.startsWith('DELETE')), 'a dry run deletes nothing');

  // A listing that keeps failing: one line, exit 4, and nothing deleted.
  const failing = await sweepThrough([{ service: 'network', method: 'GET', path: /\/v2\.0\/floatingips/, fault: { kind: 'status', status: 502 }, times: 10 }]);
  r = failing.r;
  const seen = failing.seen;
  const line = oneLineFailure(r, 4);
  assert.match(line, /GET \S+\/v2\.0\/floatingips\S*: 502: injected 502 \(gave up after 5 attempts\)$/);
  assert.ok(!seen.some((x) => x.startsWith('DELETE')));
});

test('a name that does not resolve: one line naming it, exit 4', async () => {
  const { dir, env } = cloudsYaml('http://tempest-gate-no-such-cloud.invalid:5000/v3');
  try {
    const r = await cliCommand(cleanupCommand, ['--run-id', 'tdns-1'], { env, cwd: dir });
    const line = oneLineFailure(r, 4);
    assert.match(
      line,
      /^tempest-gate cleanup: POST http:\/\/tempest-gate-no-such-cloud\.invalid:5000\/v3\/auth\/tokens: no answer: ENOTFOUND: getaddrinfo ENOTFOUND tempest-gate-no-such-cloud\.invalid$/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("TLS: a self-signed certificate is refused with what to do; clouds.yaml's cacert and verify: false are honoured", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    {
      stdio: 'ignore',
    },
  );
  // A Keystone that refuses every password: reaching it at all shows the TLS handshake passed.
  const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 401, message: 'The request you have made requires authentication.' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
  try {
    let c = cloudsYaml(url);
    let r = await cliCommand(cleanupCommand, ['--run-id', 'ttls-1'], { env: c.env, cwd: c.dir });
    let line = oneLineFailure(r, 4);
    assert.match(line, /auth\/tokens: no answer: DEPTH_ZERO_SELF_SIGNED_CERT: .*not trusted: give its CA as 'cacert' in clouds\.yaml, or 'verify: false'/);

    for (const extra of [`    cacert: ${cert}\n`, '    verify: false\n']) {
      c = cloudsYaml(url, extra);
      r = await cliCommand(cleanupCommand, ['--run-id', 'ttls-1'], { env: c.env, cwd: c.dir });
      line = oneLineFailure(r, 4);
      assert.match(line, /refused the credentials of cloud 'tg-test' \(401: The request you have made requires authentication\.\)$/, extra);
      rmSync(c.dir, { recursive: true, force: true });
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});
