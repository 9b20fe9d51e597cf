// The promote job (tempest-gate-promote) really runs: zuul/playbooks/promote.yaml under the
// emulated executor (executor.ts) on two netns nodes, the job's vars read from zuul.d/jobs.yaml,
// in a post pipeline. The store is a real git remote: a bare repository served by the subnode's
// own sshd, pushed to with a key given as the job's secret. After the build the store holds the
// run in master's history (keep 2: the oldest run goes), and zuul_return says what was promoted.
// A run that got no results is not promoted: the store is as it was, the build says why and fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executorUnavailable, ROOT, zuulJobVars } from './executor.ts';
import { nodesUnavailable, type Node } from './nodes.ts';
import { cli, git, rcs, referenceRun, why, zuulBuild, type Build } from './build.ts';

const unavailable =
  nodesUnavailable() ??
  executorUnavailable() ??
  (existsSync('/usr/bin/tempest') ? null : '/usr/bin/tempest is missing: run scripts/setup-machine.sh (tempest)');
// Without CI a missing real part skips with its reason; in CI it fails.
const skip = unavailable !== null && !process.env.CI ? unavailable : false;

const PLAYBOOKS = {
  pre: [join(ROOT, 'test/zuul/playbooks/pre.yaml')],
  run: join(ROOT, 'zuul/playbooks/promote.yaml'),
  post: [join(ROOT, 'zuul/playbooks/post.yaml')],
};
// The project's rules pick one test for nova/: the promote job ignores them and runs everything.
const RULES = `version: 1
selections:
  - name: compute
    files: [^nova/]
    tempest:
      - regex: ^tests\\.test_sample\\.Fast\\.test_01$
`;
const BRANCH = { '.tempest-gate.yaml': RULES, 'nova/compute/api.py': 'def create(): pass\n' };
// Every test of the sample suite (tests/test_sample.py), as `stestr list` lists them.
const ALL_TESTS = 14;
const STORE_BRANCH = 'tempest-baselines';

describe('the promote job under an emulated executor (netns nodes, a git store over SSH, ansible-playbook, tempest run)', { skip, concurrency: false }, () => {
  let dir: string;

  before(() => {
    if (unavailable) throw new Error(`real parts missing: ${unavailable}`);
    dir = mkdtempSync(join(tmpdir(), 'tg-zuul-promote-'));
  });
  after(() => {
    // TG_ZUUL_KEEP=1 keeps the job directories (job-output.txt, results.json) to look at.
    if (dir && !process.env.TG_ZUUL_KEEP) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.log(`kept ${dir}`);
  });

  /** A bare store at `bare` holding master's history of two older runs, pushed as a release manager would. */
  function seedStore(bare: string, name: string): void {
    git(dir, ['init', '-q', '--bare', bare]);
    const seed = join(dir, `${name}-seed`);
    git(dir, ['init', '-q', seed]);
    git(seed, ['remote', 'add', 'origin', bare]);
    for (const commit of ['old-1', 'old-2']) {
      const stream = join(dir, `${name}-${commit}.subunit`);
      writeFileSync(stream, referenceRun({ 'tests.test_sample.Fast.test_01': 'success', 'tests.test_sample.Fast.test_fails': 'fail' }));
      cli(['baseline', 'promote', 'master', '--results', stream, '--branch', 'master', '--commit', commit, '--keep', '5', '--push', 'origin', '--repo', seed]);
    }
  }

  /** master's history as the store's remote holds it, read through a fresh clone. */
  function history(
    bare: string,
    name: string,
  ): {
    tests: number;
    runs: { context: { commit: string; branch: string; nodes: number }; passed: number; failed: number; skipped: number; unfinished: number; flaky: number }[];
  } {
    const clone = join(dir, `${name}-check-${Date.now()}`);
    git(dir, ['init', '-q', clone]);
    git(clone, ['remote', 'add', 'origin', bare]);
    return JSON.parse(cli(['baseline', 'history', 'master', '--repo', clone, '--json'])) as ReturnType<typeof history>;
  }

  const storeTip = (bare: string): string => git(dir, ['--git-dir', bare, 'rev-parse', STORE_BRANCH]).trim();

  async function promoteBuild(
    name: string,
    nodes: string[],
    vars: Record<string, unknown>,
    prepare?: (n: Node[]) => Record<string, unknown>,
    pipeline: 'post' | 'periodic' = 'post',
  ): Promise<Build> {
    return zuulBuild({
      dir,
      name,
      nodes,
      branch: BRANCH,
      // A periodic build: the branch as it is, here its first commit (the change is all its files).
      change: pipeline === 'post' ? { 'nova/compute/api.py': `def create(): return '${name}'\n` } : null,
      vars: {
        ...zuulJobVars('tempest-gate-promote'),
        // The stand-in workspace holds the sample suite, not Tempest: 'full' (tempest.api) would
        // pick none of it; 'all' is every test, as 'full' is every test of a real Tempest.
        tempest_gate_preset: 'all',
        ...vars,
      },
      // A post pipeline: the branch's new commit, no change; a periodic one: the branch, no revs.
      zuul: (head) => ({
        pipeline,
        job: 'tempest-gate-promote',
        ref: 'refs/heads/master',
        change: null,
        patchset: null,
        change_url: null,
        ...(pipeline === 'post' ? { oldrev: '0'.repeat(40), newrev: head } : {}),
      }),
      playbooks: PLAYBOOKS,
      ...(prepare ? { prepare } : {}),
    });
  }

  test('post pipeline: the full set runs, and the run joins master history in the store over SSH (keep 2: the oldest goes)', async () => {
    // The store lives on the subnode (its /root), pushed to over its sshd with the secret's key.
    const secretKey = join(dir, 'store-key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'baselines-pusher', '-f', secretKey]);
    let bare = '';
    let secret = { ssh_key: '', known_hosts: '' };
    let remote = '';
    const b = await promoteBuild('post', ['controller', 'compute1'], { tempest_gate_promote_keep: 2 }, (nodes) => {
      const store = nodes[1]!;
      bare = join(store.home, 'baselines.git');
      seedStore(bare, 'post');
      appendFileSync(join(store.home, '.ssh', 'authorized_keys'), readFileSync(`${secretKey}.pub`, 'utf8'));
      remote = `ssh://root@${store.address}/root/baselines.git`;
      secret = { ssh_key: readFileSync(secretKey, 'utf8'), known_hosts: store.knownHosts.join('\n') };
      return { tempest_gate_promote_remote: remote, tempest_gate_promote_secret: secret };
    });
    assert.deepEqual(rcs(b), { pre: 0, run: 0, post: 0 }, why(b));
    const data = b.data as {
      zuul?: { artifacts?: { name: string; url: string }[]; warnings?: string[] };
      tempest_gate?: { verdict: string; selected: number; promoted: Record<string, unknown> | null; promote_refused: string };
    };
    const tg = data.tempest_gate!;
    // The project's rules (one test) were ignored: the whole suite ran, judged with fail-on never.
    assert.equal(tg.selected, ALL_TESTS, JSON.stringify(tg));
    assert.equal(tg.verdict, 'pass');
    const h = history(bare, 'post');
    assert.deepEqual(tg.promoted, {
      name: 'master',
      store: `git:${STORE_BRANCH}`,
      remote,
      commit: b.head,
      store_commit: storeTip(bare),
      tests: h.tests,
      runs: 2,
      keep: 2,
      dropped: 1,
    });
    assert.equal(tg.promote_refused, '');
    assert.deepEqual(data.zuul?.warnings ?? [], []);
    assert.deepEqual(
      data.zuul?.artifacts?.map((a) => a.name),
      ['tempest-gate report', 'tempest-gate baseline history'],
    );
    // The remote holds the history: the second seeded run and this build's, oldest first.
    assert.deepEqual(
      h.runs.map((r) => r.context.commit),
      ['old-2', b.head],
    );
    assert.equal(h.runs[1]!.context.branch, 'master');
    assert.equal(h.runs[1]!.context.nodes, 2);
    // The run as it went: test_fails failed twice (run and rerun), test_skipped skipped, the rest
    // passed once; stestr's announcements of each test made none of them flaky.
    const { passed, failed, skipped, unfinished, flaky } = h.runs[1]!;
    assert.deepEqual({ passed, failed, skipped, unfinished, flaky }, { passed: 12, failed: 1, skipped: 1, unfinished: 0, flaky: 0 });
    assert.equal(h.tests, ALL_TESTS);
    assert.match(readFileSync(join(b.job.logs, 'tempest-gate/baseline-history.txt'), 'utf8'), new RegExp(b.head.slice(0, 7)));
    // The secret's key reached the node only as a file: never the build's output or returned data.
    const keyBody = secret.ssh_key.split('\n')[1]!;
    assert.ok(!b.output.includes(keyBody), 'the secret key is in job-output.txt');
    assert.ok(!JSON.stringify(b.data).includes(keyBody), 'the secret key is in results.json');
    assert.match(b.output, /TASK \[tempest-gate-promote : The store's key \(from the job's secret\)\][\s\S]*?censored/);
  });

  test('periodic, no results (no Tempest on the controller): nothing is promoted, the store stays as it was, the build says why and fails', async () => {
    const bare = join(dir, 'infra-store.git');
    seedStore(bare, 'infra');
    const before = storeTip(bare);
    const b = await promoteBuild(
      'infra',
      ['controller'],
      { tempest_gate_promote_remote: bare, tempest_gate_tempest: '/nonexistent/tempest' },
      undefined,
      'periodic',
    );
    assert.equal(rcs(b).run, 2, why(b));
    // The branch's only commit has no parent: its change is all its files, and the full set was selected.
    assert.match(b.output, /TASK \[tempest-gate-select : Say what was selected\][^\n]*\nok: \[controller\] => \{\n\s*"msg": "14 of 14 tests selected/, why(b));
    assert.equal(rcs(b).post, 0, why(b));
    const tg = (b.data as { tempest_gate?: { verdict: string; promoted: unknown; promote_refused: string } }).tempest_gate!;
    assert.equal(tg.verdict, 'error');
    assert.equal(tg.promoted, null);
    assert.match(tg.promote_refused, /^no test results: /);
    const warnings = (b.data as { zuul?: { warnings?: string[] } }).zuul?.warnings ?? [];
    assert.ok(warnings.includes(`tempest-gate: nothing promoted to master: ${tg.promote_refused}`), JSON.stringify(warnings));
    assert.equal(storeTip(bare), before, 'the store was not touched');
    assert.match(b.output, /TASK \[tempest-gate-promote : Fail the job when nothing was promoted\][^\n]*\nfatal: \[controller\]/, why(b));
  });

  test('a promote job with no store remote fails before devstack, saying what is missing', async () => {
    const b = await promoteBuild('no-remote', ['controller'], {});
    assert.equal(rcs(b).run, 2, why(b));
    assert.match(b.output, /tempest-gate-promote: tempest_gate_promote_remote is empty: name the git remote that holds git:tempest-baselines/);
    assert.doesNotMatch(b.output.slice(b.output.indexOf('==== run')), /orchestrate-devstack/);
  });
});
