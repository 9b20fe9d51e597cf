// The whole gate on the embedded lab, trimmed to fit CI: the bundled dist/index.js then dist/post.js
// as the runner runs them (scripts/lab/gate.ts, what `npm run gate-demo` runs), against the local
// OpenStack, the local GitHub API (every request validated against GitHub's OpenAPI description)
// and the local artifact backend, for a change made into a real git repository.
// Bad input on this path: each ends with one line naming the stage, a report that says
// infrastructure failure (not a test failure), and nothing left on the cloud.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabGateResult } from '../../scripts/lab/gate.ts';
import { labGateFor } from '../helpers/lab-gate.ts';
import { leftoverCount, leftoverLine, leftovers } from '../../scripts/lab/leftovers.ts';
import { visibleLog } from '../../scripts/lab/action-runner.ts';
import { prepareLab } from '../../scripts/lab/lab.ts';
import { fileURLToPath } from 'node:url';
import { LOCAL_CLOUDS_YAML, localSession, skipLocal } from '../helpers/local-openstack.ts';

/** A run that never got results: one line naming the stage, the report says infrastructure failure, 0 left. */
function assertInfraFailure(r: LabGateResult, line: RegExp): void {
  assert.equal(r.main.code, 1, visibleLog(r.main.stdout));
  assert.equal(r.main.outputs.result, 'error');
  const errors = r.main.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  assert.ok(errors.length >= 1, r.main.stdout);
  for (const e of errors) assert.match(e, line);
  assert.doesNotMatch(r.main.stdout + r.main.stderr, /\n\s+at .*\.(js|ts):\d+/, 'no stack trace');
  assert.match(r.comment ?? '', new RegExp(`tempest-gate: error\\n\\ninfrastructure failure, not a test failure: ${line.source}`));
  assert.equal(r.checkRun?.conclusion, 'failure');
  assert.match(r.summary, line);
  assert.deepEqual(r.rejections, [], 'every request matched the GitHub OpenAPI description');
  assert.deepEqual(r.badResponses, []);
  assert.equal(r.post.code, 0);
  assert.ok(r.leftovers, 'a run id was saved');
  assert.equal(leftoverCount(r.leftovers), 0, leftoverLine(r.leftovers));
}

const common = {
  change: 'compute-log-wording',
  cloudsYaml: LOCAL_CLOUDS_YAML,
  image: 'tiny',
  flavor: 'm1.tiny',
  subnodes: 1,
  devstackRepo: 'file:///nonexistent/devstack',
};

test('bad input: a flavor that does not exist', { skip: skipLocal }, async (t) => {
  const r = await labGateFor(t)({ ...common, flavor: 'm1.no-such-flavor' });
  assertInfraFailure(r, /provision: .*flavor 'm1\.no-such-flavor'/);
});

test('bad input: an image that does not exist', { skip: skipLocal }, async (t) => {
  const r = await labGateFor(t)({ ...common, image: 'no-such-image' });
  assertInfraFailure(r, /provision: .*image 'no-such-image'/);
});

test('bad input: quota exceeded', { skip: skipLocal }, async (t) => {
  // demo's quota is 400 cores (scripts/local-openstack/setup.sh): 2 x 500 vCPUs cannot fit
  const admin = localSession('tg-local-admin');
  try {
    await admin.call('compute', 'POST', '/flavors', { json: { flavor: { name: 'tg-quota-buster', ram: 64, vcpus: 500, disk: 1 } }, accept: [409] });
  } finally {
    await admin.close();
  }
  const r = await labGateFor(t)({ ...common, flavor: 'tg-quota-buster' });
  assertInfraFailure(r, /provision failed: quota exceeded: Quota exceeded for cores: Requested 500.*; not retried; cleaned up/);
});

/** The lab image (scripts/local-openstack/lab.sh): its servers are SSH hosts. Missing: skip, or fail under CI. */
async function labImage(): Promise<string | false> {
  if (skipLocal) return skipLocal;
  const s = localSession();
  try {
    const r = await s.call('image', 'GET', '/v2/images?name=tg-lab');
    if ((r.json as { images: unknown[] }).images.length > 0) return false;
  } finally {
    await s.close();
  }
  const why = 'no lab image tg-lab in the local cloud (scripts/local-openstack/lab.sh)';
  if (process.env.CI) throw new Error(`the lab is required under CI: ${why}`);
  return why;
}
const noLab = await labImage();

test(
  'dist/index.js killed mid-stack (SIGKILL): dist/post.js still leaves no server, port, floating IP, keypair, security group or lab host',
  { skip: noLab },
  async (t) => {
    let seen: string[] = [];
    const r = await labGateFor(t)({
      ...common,
      image: 'tg-lab',
      // What devstack does does not matter here: the runner is lost as soon as the controller stacks.
      killWhen: /^stacking: controller/,
      beforePost: async (runId, ids) => {
        assert.ok(runId, 'main saved its run id before creating anything');
        seen = ids;
        const mid = await leftovers({ cloudsYaml: LOCAL_CLOUDS_YAML, runId, serverIds: ids });
        assert.equal(mid.servers.length, 2, 'the killed step left its servers behind');
        assert.equal(mid.labHosts.length, 2, 'and their lab hosts');
      },
    });
    assert.equal(r.main.signal, 'SIGKILL');
    assert.equal(seen.length, 2);
    assert.equal(r.post.code, 0, r.post.stdout);
    assert.match(r.post.stdout, /tempest-gate post: \d+ deleted, 0 left over\./);
    assert.ok(r.leftovers);
    assert.equal(leftoverCount(r.leftovers), 0, leftoverLine(r.leftovers));
  },
);

/**
 * The lab image without sshd (tg_lab_sshd=false, lab.sh's lab_image): missing, skip, even under CI:
 * a lab set up before the driver honoured the property lacks it until setup.sh runs again.
 */
async function noSshImage(): Promise<string | false> {
  if (noLab) return noLab;
  const s = localSession();
  try {
    const r = await s.call('image', 'GET', '/v2/images?name=tg-lab-nossh');
    const images = (r.json as { images: Record<string, unknown>[] }).images;
    if (images.length > 0 && String(images[0]?.tg_lab_sshd) === 'false') return false;
  } finally {
    await s.close();
  }
  return 'no lab image tg-lab-nossh (scripts/local-openstack/setup.sh registers it with the lab driver that honours it)';
}
const noSsh = await noSshImage();

// A guest whose sshd is down: the console shows its host keys (provision gets them), port 22
// refuses. The connect stage retries a refused port until connect-timeout (default 2m) passes:
// 10 s here, which bounds the test (the refusal is immediate, so slack is not needed).
test('bad input: SSH refused: one line naming stage connect and the controller, infrastructure failure, 0 left', { skip: noSsh }, async (t) => {
  const t0 = performance.now();
  const r = await labGateFor(t)({ ...common, image: 'tg-lab-nossh', subnodes: 0, inputs: { 'connect-timeout': '10s' } });
  assertInfraFailure(r, /run: connect failed on controller: cannot connect to controller \([\d.]+:22\): connect ECONNREFUSED [\d.]+:22/);
  const log = visibleLog(r.main.stdout);
  assert.ok(!/stage bootstrap: started|stacking: /.test(log), 'nothing is delivered to a node that cannot be reached');
  console.log(
    `# SSH refused: ${((performance.now() - t0) / 1000).toFixed(0)} s (${r.stages.map((st) => `${st.stage} ${st.seconds.toFixed(0)} s`).join(', ')})`,
  );
});

// A subnode whose stack fails for a cause the user makes: DATABASE_HOST=127.0.0.1 in devstack-localrc
// (a single-node local.conf's setting) is right for the controller, whose database is its own, and
// wrong for every subnode, which joins the controller's. The controller stacks (most of the test's
// time, 1-2.5 min at load 3-4), then subnode-1 gives up after SERVICE_TIMEOUT (15 s here; the
// stand-in's controller does not wait on it).
test(
  "bad input: a subnode whose stack fails: stage wait-ready names subnode-1 and devstack's error, its log tail shown, 0 left",
  { skip: noLab },
  async (t) => {
    const t0 = performance.now();
    const lab = await prepareLab({ say: () => {} });
    const r = await labGateFor(t)({
      ...common,
      cloudsYaml: lab.cloudsYaml,
      image: lab.image,
      flavor: lab.flavor,
      devstackRepo: lab.devstackRepo,
      subnodes: 1,
      localrc: ['DATABASE_HOST=127.0.0.1', 'SERVICE_TIMEOUT=15'],
    });
    assertInfraFailure(
      r,
      /run: wait-ready failed on subnode-1: devstack wrote its failure marker after \w+: \[ERROR\] \S+lib\/compute:\d+ Could not connect to the database at 127\.0\.0\.1:33306 \(DATABASE_HOST\) after 15 seconds: DATABASE_HOST=127\.0\.0\.1 is not the controller/,
    );
    const log = visibleLog(r.main.stdout);
    const at = (re: RegExp): number => log.split('\n').findIndex((l) => re.test(l));
    assert.ok(at(/controller: devstack is done/) >= 0 && at(/controller: devstack is done/) < at(/stacking: subnode-1$/), log);
    // The last lines of subnode-1's stack log, under the failure: devstack's trace and its end.
    const tail = log.slice(log.indexOf('last lines of the log on subnode-1:'));
    assert.ok(at(/last lines of the log on subnode-1:/) > at(/stacking: subnode-1$/), log);
    assert.match(tail, /\[Call Trace\][\s\S]*Could not connect to the database[\s\S]*Error on exit/, tail);
    assert.doesNotMatch(log, /stage discover-hosts: started|stage run: started/, 'no cell mapping, no test after a failed subnode');
    console.log(
      `# subnode stack fails: ${((performance.now() - t0) / 1000).toFixed(0)} s (${r.stages.map((st) => `${st.stage} ${st.seconds.toFixed(0)} s`).join(', ')})`,
    );
  },
);

// The whole gate, trimmed for CI (the keypair tests and one limits test, test/fixtures/lab/rules-ci.yaml;
// one subnode): the change that makes keypairs admin-only is deployed by the devstack stand-in, the
// real Tempest finds it, and the pull request hears it as regressions. About 4 minutes on the loaded
// 2 cores (the controller's stack is most of it); `npm run gate-demo` runs the full bundled subset.
test('the whole gate: a change that breaks keypairs, stacked controller first, then the subnode; real Tempest fails it; 0 left', { skip: noLab }, async (t) => {
  const lab = await prepareLab({ say: () => {} });
  const r = await labGateFor(t)({
    change: 'keypairs-admin-only',
    cloudsYaml: lab.cloudsYaml,
    image: lab.image,
    flavor: lab.flavor,
    devstackRepo: lab.devstackRepo,
    subnodes: 1,
    rules: fileURLToPath(new URL('../fixtures/lab/rules-ci.yaml', import.meta.url)),
  });
  const log = visibleLog(r.main.stdout);
  assert.equal(r.main.code, 1, log);
  assert.equal(r.main.outputs.result, 'fail', log);
  // Devstack's multinode order: the controller is done before the subnode starts; then the cells map.
  const at = (re: RegExp): number => log.split('\n').findIndex((l) => re.test(l));
  assert.ok(at(/controller: devstack is done/) >= 0, log);
  assert.ok(at(/controller: devstack is done/) < at(/stacking: subnode-1$/), log);
  assert.ok(at(/subnode-1: devstack is done/) < at(/stage discover-hosts: started/), log);
  assert.ok(at(/stage discover-hosts: started/) < at(/stage run: started/), log);
  // The keypair tests regressed (403 from the change's policy); the limits test still passes.
  assert.equal(r.checkRun?.conclusion, 'failure');
  const comment = r.comment ?? '';
  assert.match(comment, /Tempest gate: \d+ regressions?/, comment);
  assert.match(comment, /KeyPairsV2TestJSON\.test_keypair_create_delete/, comment);
  assert.doesNotMatch(comment, /Removed tests/, 'the baseline is compared on the selection only');
  assert.match(comment, /\| \d+ \| [1-9]\d* \| 0 \| \d+ \(\d+\) \|/, comment);
  assert.ok(r.artifact?.files.includes('report.html'), JSON.stringify(r.artifact));
  assert.deepEqual(r.rejections, [], 'every request matched the GitHub OpenAPI description');
  assert.deepEqual(r.badResponses, []);
  assert.equal(r.post.code, 0, r.post.stdout);
  assert.ok(r.leftovers);
  assert.equal(leftoverCount(r.leftovers), 0, leftoverLine(r.leftovers));
});
