// The Zuul merge job's playbook (zuul/playbooks/merge.yaml) under ansible-playbook, quickly: on
// this machine (a local connection), with `zuul.artifacts` as Zuul hands a job the artifacts of
// the jobs it depends on (here file:// URLs of the shard jobs' parts, as select and the report
// role leave them), our zuul_return stub, and the CLI from source. One shard's part without
// results: the build returns an error verdict naming it and fails; both parts: one pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { executorUnavailable, ROOT } from './executor.ts';
import { selectCommand } from '../../src/cli/commands/select.ts';
import { parseShardManifest } from '../../src/core/select/shard-merge.ts';
import { makeRunResults, type RunResults } from '../../src/core/results/model.ts';
import { loadRuns } from '../../src/stages/results.ts';
import { cliCommand } from '../helpers/cli.ts';

const SAMPLE = fileURLToPath(new URL('../../data/samples/local-tempest-33-compute-identity-mini.subunit', import.meta.url));
const skip = executorUnavailable() ?? false;

/** Two shard jobs' parts (shard.json + results.json, or + run.json only) in `dir`/shard-N/. */
async function parts(dir: string, withResults: boolean[]): Promise<void> {
  const run = (await loadRuns([SAMPLE], process.stdin)).runs[0] as RunResults;
  const tests = run.tests.filter((t) => !t.id.includes(' ('));
  writeFileSync(join(dir, 'tests.txt'), `${tests.map((t) => t.id).join('\n')}\n`);
  writeFileSync(join(dir, 'files.txt'), 'nova/compute/manager.py\n');
  for (const [i, has] of withResults.entries()) {
    const out = join(dir, `shard-${i}`);
    const r = await cliCommand(selectCommand, [
      ...['--files', join(dir, 'files.txt'), '--test-list', join(dir, 'tests.txt'), '--preset', 'full', '--repo', dir],
      ...['--shards', '2', '--shard-index', String(i), '--baseline', SAMPLE, '--write-lists', out],
    ]);
    assert.equal(r.code, 0, r.stderr);
    const held = new Set(parseShardManifest(readFileSync(join(out, 'shard.json'), 'utf8'), 'shard.json').tests);
    if (has)
      writeFileSync(
        join(out, 'results.json'),
        JSON.stringify(
          makeRunResults(
            'subunit-v2',
            tests.filter((t) => held.has(t.id)),
            [],
          ),
        ),
      );
    else writeFileSync(join(out, 'run.json'), JSON.stringify({ reason: 'devstack failed on compute1 (stack.sh exit 1)' }));
  }
}

function playbook(dir: string, shards: number): { code: number; out: string; returned: Record<string, unknown> } {
  const job = join(dir, 'job');
  mkdirSync(join(job, 'work', 'logs'), { recursive: true });
  const files = (i: number): string[] => ['shard.json', existsSync(join(dir, `shard-${i}`, 'results.json')) ? 'results.json' : 'run.json'];
  const vars = {
    zuul: {
      artifacts: Array.from({ length: shards }, (_, i) => ({
        name: 'tempest-gate shard',
        url: `file://${join(dir, `shard-${i}`)}/`,
        job: `tempest-gate-shard-${i}`,
        metadata: { type: 'tempest_gate_shard', files: files(i) },
      })),
      executor: { log_root: join(job, 'work', 'logs') },
      project: { name: 'openstack/nova', src_dir: dir },
    },
    tempest_gate: `${join(ROOT, 'node_modules/.bin/node')} ${join(ROOT, 'src/cli/bin.ts')}`,
    tempest_gate_dir: join(dir, 'merger'),
    tempest_gate_shard_count: 2,
    tempest_gate_baseline: SAMPLE,
    tempest_gate_store: 'git:tempest-baselines',
    tempest_gate_fail_on: 'regressions',
    tempest_gate_known_failures: '',
    tempest_gate_guideline: '',
  };
  writeFileSync(join(dir, 'vars.json'), JSON.stringify(vars));
  writeFileSync(join(dir, 'inventory'), 'localhost ansible_connection=local\n');
  const r = spawnSync('ansible-playbook', ['-i', join(dir, 'inventory'), join(ROOT, 'zuul/playbooks/merge.yaml'), '-e', `@${join(dir, 'vars.json')}`], {
    encoding: 'utf8',
    env: {
      ...process.env,
      ZUUL_JOBDIR: job,
      ANSIBLE_ACTION_PLUGINS: join(ROOT, 'test/zuul/executor/action_plugins'),
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_HOST_KEY_CHECKING: 'False',
    },
    // Ansible's start-up and a dozen tasks: seconds; minutes only on a stuck playbook.
    timeout: 180_000,
  });
  const file = join(job, 'work', 'results.json');
  const returned = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`, returned };
}

test('the merge playbook: a shard without results fails the build as an error naming it; both shards merge into one pass', { skip }, async (t) => {
  // Both folders go once the test ends (they held every run's parts and job dirs before).
  const made: string[] = [];
  t.after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  const broken = mkdtempSync(join(tmpdir(), 'tg-zuul-merge-'));
  made.push(broken);
  await parts(broken, [true, false]);
  const bad = playbook(broken, 2);
  assert.notEqual(bad.code, 0, bad.out);
  const tg = bad.returned.tempest_gate as { verdict: string; reason: string; shards: { index: number; missing: string | null }[] };
  assert.equal(tg.verdict, 'error', bad.out);
  assert.match(tg.reason, /shard 1 of 2 brought back no results \(\d+ tests not run.*\): devstack failed on compute1/);
  assert.equal(tg.shards.find((s) => s.index === 1)?.missing, 'devstack failed on compute1 (stack.sh exit 1)');
  assert.ok(existsSync(join(broken, 'job', 'work', 'logs', 'tempest-gate', 'index.html')), 'the report is collected');

  const whole = mkdtempSync(join(tmpdir(), 'tg-zuul-merge-'));
  made.push(whole);
  await parts(whole, [true, true]);
  const ok = playbook(whole, 2);
  assert.equal(ok.code, 0, ok.out);
  assert.equal((ok.returned.tempest_gate as { verdict: string }).verdict, 'pass');
  const zuul = ok.returned.zuul as { artifacts: { name: string }[] };
  assert.deepEqual(
    zuul.artifacts.map((a) => a.name),
    ['tempest-gate report'],
  );
});
