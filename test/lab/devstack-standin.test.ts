// The lab's devstack stand-in (scripts/lab/devstack) where devstack's contract is broken: each
// case fails early, as devstack does, with devstack's kind of message in its log. The nodes are
// network namespaces with their own /opt/stack (test/lab/devstack-lab.ts); local.conf is the one
// the gate writes (renderLocalConf), plus the localrc entries `provision --localrc` would add.
// The whole deployment (controller, subnode, discover_hosts) is devstack-full.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dsLabUnavailable, gateLocalConf, makeDsLab, nodeFile, type DsLab, type DsNode } from './devstack-lab.ts';

const unavailable = dsLabUnavailable();
const skip = unavailable !== null && !process.env.CI ? unavailable : false;
const STANDIN = fileURLToPath(new URL('../../scripts/lab/devstack/', import.meta.url));

/** A git repository standing for the change under test in a project (a commit on top of main). */
function changeRepo(dir: string, name: string, files: Record<string, string>): { path: string; sha: string } {
  const path = join(dir, name);
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', path, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { encoding: 'utf8' }).trim();
  mkdirSync(path, { recursive: true });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(path, 'README'), `${name}\n`);
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(path, file, '..'), { recursive: true });
    writeFileSync(join(path, file), content);
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'the change under test');
  return { path, sha: git('rev-parse', 'HEAD') };
}

/** Processes in the node's network namespace whose command line holds `needle`. */
function processesOf(node: DsNode, needle: string): string[] {
  const netns = readlinkSync(`/proc/${node.keeper}/ns/net`);
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (readlinkSync(`/proc/${pid}/ns/net`) !== netns) continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(needle)) found.push(`${pid} ${cmd}`);
    } catch {
      /* gone */
    }
  }
  return found;
}

describe('devstack stand-in: where the contract is broken', { skip }, () => {
  let lab: DsLab;
  let work: string;
  before(() => {
    lab = makeDsLab(['controller', 'compute1']);
    work = mkdtempSync(join(tmpdir(), 'tg-dschange-'));
  });
  after(() => {
    lab?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('a subnode stacked before its controller cannot reach the database: it fails early, saying so, and records what it checked out', () => {
    const [controller, sub] = lab.nodes as [DsNode, DsNode];
    const nova = changeRepo(work, 'nova', { 'etc/nova/policy.yaml': '"os_compute_api:os-keypairs:create": "!"\n' });
    // what the gate adds for a change to a repository named nova, plus one no project here matches
    const conf = gateLocalConf(lab, sub, { SERVICE_TIMEOUT: '2', NOVA_REPO: nova.path, NOVA_BRANCH: nova.sha, TEMPEST_GATE_DEMO_REPO: '/nowhere/demo.git' });
    lab.prepare(sub, conf);
    const r = lab.stack(sub, 120_000);
    const out = r.stdout;
    assert.notEqual(r.status, 0, out);
    assert.match(
      out,
      new RegExp(
        `\\[ERROR\\] \\S+:\\d+ Could not connect to the database at ${controller.address.replace(/\./g, '\\.')}:33306 \\(DATABASE_HOST\\) after 2 seconds: is the controller \\(SERVICE_HOST=${controller.address.replace(/\./g, '\\.')}\\) stacked\\?`,
      ),
    );
    assert.match(out, /\[Call Trace\]/);
    assert.match(out.trimEnd(), /Error on exit$/);
    // devstack's log and error log, where the gate's runner and log fetch look
    const log = nodeFile(sub, '/opt/stack/logs/devstacklog.txt');
    assert.match(log, /Could not connect to the database/);
    assert.match(nodeFile(sub, '/opt/stack/logs/error.log'), /^\[ERROR\] .*Could not connect to the database/m);
    // the change reached the node: cloned at its commit and recorded
    assert.match(out, new RegExp(`cloned ${nova.path} ${nova.sha} into /opt/stack/nova`));
    const deployed = JSON.parse(nodeFile(sub, '/opt/stack/logs/deployed-projects.json')) as { role: string; projects: Record<string, string>[] };
    assert.equal(deployed.role, 'subnode');
    assert.deepEqual(
      deployed.projects.map((p) => [p.name, p.source, p.repo, p.branch, p.commit]),
      [['nova', 'git', nova.path, nova.sha, nova.sha]],
    );
    assert.equal(lab.sh(sub, 'git -C /opt/stack/nova rev-parse HEAD').stdout.trim(), nova.sha);
    assert.match(out, /TEMPEST_GATE_DEMO_REPO=\/nowhere\/demo\.git: no project of that name is deployed here .* ignored, as devstack ignores it/);
    // the passwords of the secrets file never reach the log
    assert.doesNotMatch(log, /adLab4xq|dbLab4xq/);
    assert.deepEqual(processesOf(sub, 'nova-compute'), [], 'nothing was started');
  });

  test("ERROR_ON_CLONE=True with a project missing from /opt/stack: devstack's message, before any service starts", () => {
    const [controller] = lab.nodes as [DsNode];
    lab.prepare(controller, gateLocalConf(lab, controller, { ERROR_ON_CLONE: 'True' }));
    const r = lab.stack(controller, 120_000);
    assert.notEqual(r.status, 0, r.stdout);
    assert.match(
      r.stdout,
      /The \/opt\/stack\/keystone project was not found; if this is a gate job, add\nthe project to the \$PROJECTS variable in the job definition\./,
    );
    assert.match(r.stdout, /\[ERROR\] \S+:\d+ ERROR_ON_CLONE is set to True so cloning not allowed in this configuration/);
    assert.doesNotMatch(r.stdout, /Starting the controller/);
    assert.deepEqual(processesOf(controller, 'mariadbd'), [], 'no database was started');
  });

  test('ERROR_ON_CLONE=True with the projects checked out beforehand (as Zuul does): the checkout is used and recorded as it is', () => {
    const [, sub] = lab.nodes as [DsNode, DsNode];
    const nova = changeRepo(work, 'nova-zuul', { 'nova/zuul-prepared.txt': 'prepared by Zuul\n' });
    lab.sh(sub, `rm -rf /opt/stack/nova && git clone -q ${nova.path} /opt/stack/nova`);
    lab.prepare(sub, gateLocalConf(lab, sub, { ERROR_ON_CLONE: 'True', SERVICE_TIMEOUT: '1' }));
    const r = lab.stack(sub, 120_000);
    assert.doesNotMatch(r.stdout, /ERROR_ON_CLONE is set to True/);
    assert.match(r.stdout, /using \/opt\/stack\/nova as it is/);
    // it went on to the next stage, which fails for want of a controller
    assert.match(r.stdout, /Could not connect to the database/);
    const deployed = JSON.parse(nodeFile(sub, '/opt/stack/logs/deployed-projects.json')) as { projects: Record<string, string>[] };
    assert.deepEqual(
      deployed.projects.map((p) => [p.name, p.source, p.repo, p.branch, p.commit]),
      [['nova', 'git', nova.path, 'main', nova.sha]],
    );
  });

  test('a repository that cannot be cloned: git fails and so does stack.sh, naming the call', () => {
    const [, sub] = lab.nodes as [DsNode, DsNode];
    lab.sh(sub, 'rm -rf /opt/stack/nova');
    lab.prepare(sub, gateLocalConf(lab, sub, { NOVA_REPO: '/nowhere/nova.git', NOVA_BRANCH: 'feature' }));
    const r = lab.stack(sub, 120_000);
    assert.notEqual(r.status, 0, r.stdout);
    assert.match(r.stdout, /\[ERROR\] \S+:\d+ git call failed: \[git clone --no-checkout \/nowhere\/nova\.git \/opt\/stack\/nova\]/);
  });

  test('the secrets file that local.conf sources is missing: localrc fails to load and nothing runs', () => {
    const [, sub] = lab.nodes as [DsNode, DsNode];
    lab.prepare(sub, gateLocalConf(lab, sub));
    rmSync(join(sub.etc, 'devstack-secrets.env'));
    const r = lab.stack(sub, 60_000);
    assert.notEqual(r.status, 0, r.stdout);
    assert.match(r.stdout + r.stderr, /\[ERROR\] \S+:\d+ \/opt\/stack\/devstack\/local\.conf: its \[\[local\|localrc\]\] section failed to load/);
  });
});

describe('devstack stand-in: the local.conf reader', () => {
  test('[[local|localrc]] is sourced with the service functions; [[post-config|$FILE]] sections are merged into the file their variable names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-dsconf-'));
    try {
      writeFileSync(join(dir, 'nova.conf'), '[DEFAULT]\nhost = a\n\n[api]\nauth_strategy = keystone\n');
      writeFileSync(
        join(dir, 'local.conf'),
        [
          '[[local|localrc]]',
          'HOST_IP=10.0.0.5',
          'disable_all_services',
          'enable_service n-cpu placement-client',
          'enable_service key',
          'disable_service key',
          'LIBS_FROM_GIT=oslo.policy',
          '',
          '[[post-config|$NOVA_CONF]]',
          '[DEFAULT]',
          'host = b',
          'my_ip = $HOST_IP',
          '[scheduler]',
          'discover_hosts_in_cells_interval = -1',
          '',
          '[[post-config|$UNKNOWN_CONF]]',
          '[x]',
          'y = z',
          '',
        ].join('\n'),
      );
      const script = `
        set -e
        source ${STANDIN}functions
        SUDO=""
        extract_localrc_section ${dir}/local.conf ${dir}/.localrc.auto
        ENABLED_SERVICES=key,n-api
        source ${dir}/.localrc.auto
        NOVA_CONF=${dir}/nova.conf
        echo "services=$ENABLED_SERVICES role=$(standin_role) libs=$LIBS_FROM_GIT var=$(project_var oslo.policy REPO)"
        merge_config_group ${dir}/local.conf post-config
        echo "host=$(iniget ${dir}/nova.conf DEFAULT host) ip=$(iniget ${dir}/nova.conf DEFAULT my_ip) interval=$(iniget ${dir}/nova.conf scheduler discover_hosts_in_cells_interval) auth=$(iniget ${dir}/nova.conf api auth_strategy)"`;
      const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^services=n-cpu,placement-client role=subnode libs=oslo\.policy var=OSLO_POLICY_REPO$/m);
      assert.match(r.stdout, /^host=b ip=10\.0\.0\.5 interval=-1 auth=keystone$/m);
      assert.match(r.stdout, /\[WARNING\] .*unknown config file specification: \$UNKNOWN_CONF is undefined/);
      // the file stays readable by the services' own parser (oslo.config reads it as INI)
      const check = spawnSync(
        '/usr/bin/python3',
        ['-c', 'import configparser,sys; c=configparser.RawConfigParser(); c.read(sys.argv[1]); print(sorted(c.sections()))', join(dir, 'nova.conf')],
        {
          encoding: 'utf8',
        },
      );
      assert.equal(check.stdout.trim(), "['api', 'scheduler']");
      assert.match(readFileSync(join(dir, 'nova.conf'), 'utf8'), /^\[DEFAULT\]\nhost = b\nmy_ip = 10\.0\.0\.5\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
