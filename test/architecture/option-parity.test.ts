// Parity: every option of the CLI's gate verbs is either carried by the Action (an input of
// action.yml) and the Zuul job (a variable of its roles or job), under the same name stem and
// with the same default, or listed here as not for a pull request, with the reason. A new CLI
// option that is neither fails this test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { VERBS } from '../../src/cli/main.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Carried {
  /** The Action's input. */
  action: string;
  /** The Zuul variable, or why the Zuul job has none. */
  zuul: string | { none: string };
  /** The default all carry (checked against action.yml and the role defaults). */
  default?: string;
}

/** Options a pull request's gate needs: the Action and the Zuul job carry them. */
const CARRIED: Record<string, Carried> = {
  'select.rules': { action: 'rules', zuul: 'tempest_gate_rules' },
  'select.preset': { action: 'rules', zuul: 'tempest_gate_preset' },
  'select.test-list': { action: 'test-list', zuul: { none: 'the job lists the tests of the Tempest it installed' } },
  'provision.image': { action: 'image', zuul: { none: 'Nodepool provides the nodes (the nodeset)' } },
  'provision.flavor': { action: 'flavor', zuul: { none: 'Nodepool provides the nodes (the nodeset)' } },
  'provision.subnodes': { action: 'node-count', zuul: { none: 'the nodeset names the subnodes' } },
  'provision.network': { action: 'network', zuul: { none: 'Nodepool provides the nodes (the nodeset)' } },
  'provision.floating-network': { action: 'floating-network', zuul: { none: 'Nodepool provides the nodes (the nodeset)' } },
  'provision.security-group': { action: 'security-group', zuul: { none: 'Nodepool provides the nodes (the nodeset)' } },
  'provision.ssh-cidr': { action: 'ssh-cidr', zuul: { none: 'Nodepool provides the nodes (the nodeset)' } },
  'provision.devstack-repo': { action: 'devstack-repo', zuul: { none: 'Zuul checks out devstack as a required project' } },
  'provision.devstack-branch': { action: 'devstack-branch', zuul: { none: "Zuul checks out devstack at the change's branch" } },
  'provision.localrc': { action: 'devstack-localrc', zuul: { none: "devstack's own job variable devstack_localrc, of the parent job" } },
  'run.connect-timeout': {
    action: 'connect-timeout',
    zuul: { none: "the nodeset's nodes are reachable before the job starts; the job's timeout bounds the rest" },
  },
  'select.shards': { action: 'shard-count', zuul: 'tempest_gate_shard_count', default: '1' },
  'select.shard-index': { action: 'shard-index', zuul: 'tempest_gate_shard_index', default: '0' },
  'select.baseline': { action: 'baseline', zuul: 'tempest_gate_shard_baseline' },
  'run.rerun-failed': { action: 'rerun-failed', zuul: 'tempest_gate_rerun_failed', default: 'false' },
  'run.no-logs': { action: 'node-logs', zuul: { none: "zuul-jobs' post roles collect every node's logs under zuul-output/logs" } },
  'run.concurrency': { action: 'concurrency', zuul: 'tempest_concurrency' },
  'report.baseline': { action: 'baseline', zuul: 'tempest_gate_baseline' },
  'report.store': { action: 'baseline-store', zuul: 'tempest_gate_store', default: 'git:tempest-baselines' },
  'report.known-failures': { action: 'known-failures', zuul: 'tempest_gate_known_failures', default: '' },
  'report.fail-on': { action: 'fail-on', zuul: 'tempest_gate_fail_on', default: 'regressions' },
  'report.guideline': { action: 'guideline', zuul: 'tempest_gate_guideline', default: 'builtin:2020.06' },
};

/** Options that are not for a pull request's gate, and why. */
const NOT_FOR_A_PR: Record<string, string> = {
  'select.files': 'the Action and the job take the change from the event (the pull request, the push)',
  'select.git': 'as above',
  'select.pr': 'as above',
  'select.repo': 'the checkout is the repository',
  'select.workspace': 'a cached list or the installed Tempest lists the tests',
  'select.list-command': 'as above',
  'select.explain': 'the report always explains the selection',
  'select.write-lists': 'the Action writes them under report-dir',
  'select.split-classes': 'a class split over shards runs its fixtures in each: a choice for hand-made plans, not a gate default',
  'provision.os-cloud': "the Action's cloud input, the job's nodes",
  'provision.os-region-name': 'OS_REGION_NAME in the environment, as for openstacksdk',
  'provision.min-ram': 'the Action takes a flavor',
  'provision.run-id': 'made per run, saved for the post step',
  'provision.repo': 'from the event',
  'provision.change': 'from the event',
  'provision.boot-timeout': "the job's timeout-minutes bounds the step",
  'provision.timeout': 'as above',
  'provision.state-dir': 'under report-dir',
  'provision.keep-on-failure': 'debugging by hand only: a gate must not leak servers',
  'run.os-cloud': 'as provision',
  'run.os-region-name': 'as provision',
  'run.state': 'the provision stage hands it on',
  'run.host': 'an existing deployment: the Zuul role runs on its own node',
  'run.user': 'the image decides (ubuntu on the Action, the job user on Zuul)',
  'run.identity': 'the run key made by provision',
  'run.known-hosts': "host keys come from the servers' console output",
  'run.include-list': 'the selection writes it',
  'run.exclude-list': 'the selection writes it',
  'run.serial-include-list': 'the selection writes it',
  'run.workspace': "devstack's /opt/stack/tempest",
  'run.run-as': "devstack's stack user",
  'run.tempest': 'the Tempest devstack installs',
  'run.set': "tempest.conf is devstack's; devstack-localrc reaches it",
  'run.baseline': 'the ETA comes from the baseline input',
  'run.total': 'the selection knows it',
  'run.timeout': "the job's timeout-minutes bounds the step",
  'run.ready-timeout': 'as above',
  'run.output-dir': 'under report-dir',
  'run.ready-file': "provision's stack script writes the markers",
  'run.failed-file': 'as above',
  'run.stack-log': 'as above',
  'run.via-controller': 'automatic when only the controller has a floating IP',
  'report.results': 'the run produces them (or the results input)',
  'report.html': 'always written: the artifact (Action), the build page (Zuul)',
  'report.markdown': 'always written: the comment and summary (Action), the build page (Zuul)',
  'report.title': 'named after the repository',
  'report.selected': 'both pass their own selection: the include lists select wrote (the Action in memory, the Zuul report role with --selected)',
  'report.repo': 'the checkout',
  'report.today': 'the clock of the run',
  'report.history': 'a pull request is judged by every run the stored history keeps (promote --keep); a narrower window is for release managers at the CLI',
};

const GATE_VERBS = ['select', 'provision', 'run', 'report'];

function actionInputs(): Record<string, { default?: string }> {
  return (parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }).inputs;
}

/** Every variable the Zuul job defines: its roles' defaults and the job's vars. */
function zuulVariables(): Map<string, unknown> {
  const vars = new Map<string, unknown>();
  const roles = join(ROOT, 'zuul/playbooks/roles');
  for (const role of readdirSync(roles)) {
    let text: string;
    try {
      text = readFileSync(join(roles, role, 'defaults/main.yaml'), 'utf8');
    } catch {
      continue;
    }
    for (const [k, v] of Object.entries((parseYaml(text) as Record<string, unknown> | null) ?? {})) vars.set(k, v);
  }
  for (const f of readdirSync(join(ROOT, 'zuul/zuul.d'))) {
    const docs = parseYaml(readFileSync(join(ROOT, 'zuul/zuul.d', f), 'utf8')) as { job?: { name: string; vars?: Record<string, unknown> } }[];
    for (const d of docs) if (d.job?.name === 'tempest-gate') for (const [k, v] of Object.entries(d.job.vars ?? {})) vars.set(k, v);
  }
  return vars;
}

test('every option of the gate verbs is carried by the Action and the Zuul job, or says why not', async () => {
  const options: string[] = [];
  for (const v of VERBS.filter((x) => GATE_VERBS.includes(x.name))) {
    const cmd = await v.load();
    for (const o of Object.keys(cmd.options)) options.push(`${v.name}.${o}`);
  }
  assert.ok(options.length > 50, `${options.length} options read`);
  const unclassified = options.filter((o) => !(o in CARRIED) && !(o in NOT_FOR_A_PR));
  assert.deepEqual(unclassified, [], 'a new CLI option: carry it (action.yml, the Zuul roles) or say here why a pull request does not need it');
  const stale = [...Object.keys(CARRIED), ...Object.keys(NOT_FOR_A_PR)].filter((o) => !options.includes(o));
  assert.deepEqual(stale, [], 'entries for options the CLI no longer has');
});

test('what is carried exists in action.yml and the Zuul job, with the same default', () => {
  const inputs = actionInputs();
  const vars = zuulVariables();
  const missing: string[] = [];
  for (const [option, c] of Object.entries(CARRIED)) {
    if (!(c.action in inputs)) missing.push(`${option}: action.yml has no input '${c.action}'`);
    if (typeof c.zuul === 'string' && !vars.has(c.zuul)) missing.push(`${option}: the Zuul job has no variable '${c.zuul}'`);
    if (c.default !== undefined) {
      if ((inputs[c.action]?.default ?? '') !== c.default)
        missing.push(`${option}: action.yml's '${c.action}' defaults to '${inputs[c.action]?.default}', not '${c.default}'`);
      const zv = typeof c.zuul === 'string' ? vars.get(c.zuul) : undefined;
      const zuulDefault = typeof zv === 'string' ? zv : JSON.stringify(zv ?? '');
      if (typeof c.zuul === 'string' && vars.has(c.zuul) && zuulDefault !== c.default)
        missing.push(`${option}: Zuul's '${c.zuul}' defaults to '${zuulDefault}', not '${c.default}'`);
    }
  }
  assert.deepEqual(missing, []);
});
