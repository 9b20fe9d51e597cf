// The clone policy and the scripts the order of a multinode run relies on: devstack clones (no
// Zuul pre-cloned the repositories here) unless the user says otherwise, each localrc key once;
// the stack script waits for its secrets longer than the controller takes to stack; the
// controller's discover-hosts script fails when a compute is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEVSTACK_MULTINODE, parseLocalrcEntries, renderLocalConf } from '../../src/core/provision/local-conf.ts';
import { DISCOVER_HOSTS_COMMAND, renderUserData } from '../../src/core/provision/user-data.ts';

const base = { controllerIp: '10.0.0.5', computeNodes: 3 };

function values(conf: string, key: string): string[] {
  return [...conf.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1] ?? '');
}

test("devstack clones by default: ERROR_ON_CLONE=False on every node, although Zuul's template says True", () => {
  assert.equal(DEVSTACK_MULTINODE.controller.devstack_localrc.ERROR_ON_CLONE, true, "the template is still Zuul's");
  for (const role of ['controller', 'subnode'] as const) {
    assert.deepEqual(values(renderLocalConf({ ...base, role, selfIp: '10.0.0.6' }), 'ERROR_ON_CLONE'), ['False'], role);
  }
});

test("--localrc ERROR_ON_CLONE=True is honoured, once, after the template's keys", () => {
  const extra = parseLocalrcEntries(['ERROR_ON_CLONE=True', 'LOGFILE=/var/log/stack.txt'], '--localrc');
  for (const role of ['controller', 'subnode'] as const) {
    const conf = renderLocalConf({ ...base, role, selfIp: '10.0.0.6', extraLocalrc: extra });
    assert.deepEqual(values(conf, 'ERROR_ON_CLONE'), ['True'], role);
    assert.deepEqual(values(conf, 'LOGFILE'), ['/var/log/stack.txt'], 'a template key the user sets appears once');
    const lines = conf.split('\n');
    assert.ok(lines.indexOf('ERROR_ON_CLONE=True') > lines.findIndex((l) => l.startsWith('HOST_IP=')), "the user's entries come last");
  }
});

function file(role: 'controller' | 'subnode', path: string, extra: Record<string, unknown> = {}): string | undefined {
  const doc = parse(renderUserData({ ...base, role, selfIp: '10.0.0.6', runId: 'r1', ...extra })) as { write_files: { path: string; content: string }[] };
  return doc.write_files.find((f) => f.path === path)?.content;
}

test('the stack script waits for its secrets 6 h by default (a subnode gets them once the controller is stacked)', () => {
  const script = file('subnode', '/usr/local/bin/tempest-gate-stack') ?? '';
  assert.match(script, /seq 1 21600\)/);
  assert.match(file('subnode', '/usr/local/bin/tempest-gate-stack', { secretsWaitSeconds: 90 }) ?? '', /seq 1 90\); do \[ -s/);
  execFileSync('bash', ['-n'], { input: script });
});

test('discover-hosts: on the controller only, valid bash, and it fails when computes are missing', () => {
  assert.equal(file('subnode', DISCOVER_HOSTS_COMMAND), undefined);
  const script = file('controller', DISCOVER_HOSTS_COMMAND) ?? '';
  execFileSync('bash', ['-n'], { input: script });
  assert.match(script, /nova-manage cell_v2 discover_hosts --verbose/);
  assert.match(script, /\[ "\$n" -ge 3 \] && exit 0/);
  assert.match(script, /\nexit 1\n$/);
});

test('discover-hosts runs: maps, counts the mapped hosts, exits 0 with all of them; a failing nova-manage fails it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-discover-'));
  try {
    // Stand-ins: sudo drops `-u stack -H`; nova-manage answers as Nova does, with 3 hosts mapped.
    writeFileSync(join(dir, 'sudo'), '#!/bin/sh\nshift 3\nexec "$@"\n', { mode: 0o755 });
    const table = [
      '+-----------+------+----------+',
      '| Cell Name | Cell UUID | Hostname |',
      '+-----------+------+----------+',
      '| cell1 | u1 | controller |',
      '| cell1 | u1 | subnode-1 |',
      '| cell1 | u1 | subnode-2 |',
      '+-----------+------+----------+',
    ].join('\\n');
    const nova = (discoverStatus: number) =>
      `#!/bin/sh\necho "nova-manage $*" >> ${dir}/calls\ncase "$2" in discover_hosts) exit ${discoverStatus};; list_hosts) printf '${table}\\n';; esac\n`;
    writeFileSync(join(dir, 'nova-manage'), nova(0), { mode: 0o755 });
    const script = file('controller', DISCOVER_HOSTS_COMMAND) ?? '';
    const env = { PATH: `${dir}:/usr/bin:/bin` };
    const out = execFileSync('bash', ['-c', script], { env, encoding: 'utf8' });
    assert.match(out, /computes mapped to cells: 3 of 3/);
    assert.equal(readFileSync(join(dir, 'calls'), 'utf8'), 'nova-manage cell_v2 discover_hosts --verbose\nnova-manage cell_v2 list_hosts\n');
    writeFileSync(join(dir, 'nova-manage'), nova(2), { mode: 0o755 });
    assert.throws(
      () => execFileSync('bash', ['-c', script], { env, stdio: 'pipe' }),
      (err: { status?: number }) => err.status === 1,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Tempest is installed on the controller only (devstack-tempest enables it there; the multinode template leaves it off)', () => {
  assert.equal(DEVSTACK_MULTINODE.controller.devstack_services.tempest, false, "the template is still devstack-multinode's");
  const controller = renderLocalConf({ ...base, role: 'controller', selfIp: '10.0.0.5' });
  assert.match(controller, /^enable_service tempest$/m);
  assert.doesNotMatch(controller, /^disable_service tempest$/m);
  const subnode = renderLocalConf({ ...base, role: 'subnode', selfIp: '10.0.0.6' });
  assert.doesNotMatch(subnode, /^enable_service tempest$/m);
});
