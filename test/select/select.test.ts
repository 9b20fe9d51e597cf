// selectTests() and `tempest-gate select` end to end on the real Tempest 33.0.0 list: which rules
// fire for which change, the full set on core and rules changes, the neutral skip, attributes,
// serial steps, --explain, --json, --write-lists, git and bad input with file/line/column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliCommand } from '../helpers/cli.ts';
import { selectCommand } from '../../src/cli/commands/select.ts';
import { testIdsOf } from '../../src/core/select/stestr.ts';
import { exactTestRegex, type SelectResult } from '../../src/core/select/select.ts';
import { parseTestId } from '../../src/core/results/model.ts';

const FIX = fileURLToPath(new URL('../fixtures/select/', import.meta.url));
const LIST = join(FIX, 'tempest-33.0.0-test-list.txt');
const ids = testIdsOf(readFileSync(LIST, 'utf8'));

function repoWithRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tg-select-repo-'));
  copyFileSync(join(FIX, 'rules-example.yaml'), join(dir, '.tempest-gate.yaml'));
  copyFileSync(join(FIX, 'network-negative-include.txt'), join(dir, 'network-negative-include.txt'));
  return dir;
}

async function select(repo: string, files: string[], extra: string[] = []): Promise<SelectResult> {
  const r = await cliCommand(selectCommand, ['--repo', repo, '--files', '-', '--test-list', LIST, '--json', ...extra], { stdin: files.join('\n') });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as SelectResult;
}

test('a compute change fires the compute rule only: integrated-compute, 1173 parallel + 38 serial', async () => {
  const repo = repoWithRules();
  const r = await select(repo, ['nova/compute/manager.py', 'doc/source/index.rst']);
  assert.equal(r.conclusion, 'run');
  assert.deepEqual(
    r.rules.filter((x) => x.fired).map((x) => x.name),
    ['compute'],
  );
  assert.deepEqual([r.counts.selected, r.counts.parallel, r.counts.serial], [1211, 1173, 38]);
  assert.equal(r.rules.find((x) => x.name === 'compute')?.file, 'nova/compute/manager.py');
  assert.equal(r.run.length, 2);
  assert.deepEqual(r.run[0]?.args, ['--include-list', 'parallel-include-list.txt']);
  assert.equal(r.run[0]?.includeList.length, 1173);
});

test('a docs-only change runs nothing, and says why for every rule (neutral)', async () => {
  const repo = repoWithRules();
  const r = await select(repo, ['nova/README.rst', 'nova/tests/unit/test_api.py']);
  assert.equal(r.conclusion, 'skip');
  assert.equal(r.tests.length, 0);
  assert.deepEqual(r.run, []);
  const compute = r.rules.find((x) => x.name === 'compute');
  assert.equal(compute?.fired, false);
  assert.match(compute?.reason ?? '', /all 2 changed files match irrelevant-files/);
  assert.match(r.summary, /nothing to run/);
});

test('a change to core files or to the rules file selects the full set', async () => {
  const repo = repoWithRules();
  const core = await select(repo, ['setup.cfg']);
  assert.equal(core.rules[0]?.name, 'full-set');
  assert.equal(core.rules[0]?.fired, true);
  assert.match(core.rules[0]?.reason ?? '', /setup\.cfg matches core-files/);
  assert.equal(core.counts.selected, 1586); // the `full` tox env
  const self = await select(repo, ['.tempest-gate.yaml']);
  assert.equal(
    self.rules.every((x) => x.fired),
    true,
    'every rule applies when the rules change (match-on-config-updates)',
  );
  assert.ok(self.counts.selected >= 1586);
});

test('own steps: attrs, include list OR regex, exclude-regex, serial step, exclude-attrs', async () => {
  const repo = repoWithRules();
  const identity = await select(repo, ['keystone/api.py']);
  const want = ids.filter((t) => t.startsWith('tempest.api.identity') && parseTestId(t).attrs.includes('smoke'));
  assert.ok(want.length > 0);
  assert.deepEqual(identity.tests, want);
  const net = await select(repo, ['neutron/agent.py']);
  const wantParallel = ids.filter((t) => /tempest\.api\.network\..*negative/.test(t) && !/\[.*\bslow\b.*\]/.test(t));
  const wantSerial = ids.filter((t) => t.startsWith('tempest.scenario.test_network') && !parseTestId(t).attrs.includes('slow'));
  assert.deepEqual(net.serial, wantSerial);
  assert.deepEqual(
    net.parallel,
    wantParallel.filter((t) => !wantSerial.includes(t)),
  );
  assert.equal(net.run[1]?.combine, true);
});

test('--explain names the rule, step, regex and changed file for every selected test', async () => {
  const repo = repoWithRules();
  const r = await select(repo, ['keystone/api.py'], ['--explain']);
  assert.equal(r.explanation?.length, r.tests.length);
  for (const e of r.explanation ?? []) {
    assert.deepEqual(e.chosenBy, [{ rule: 'identity-smoke', step: 1, filter: '^tempest\\.api\\.identity (--regex)', file: 'keystone/api.py' }]);
  }
  const text = await cliCommand(selectCommand, ['--repo', repo, '--files', '-', '--test-list', LIST, '--explain'], { stdin: 'keystone/api.py\n' });
  assert.equal(text.code, 0);
  assert.match(text.stdout, /- compute \[preset integrated-compute\]: none of the 1 changed files matches files/);
  assert.match(
    text.stdout,
    /test_api_media_types\[id-657c1970-4722-4189-8831-7325f3bc4265,smoke\]\s+\[parallel\] <- identity-smoke step 1 by \^tempest\\\.api\\\.identity \(--regex\) for keystone\/api\.py/,
  );
});

test('--write-lists writes the include lists tempest run takes', async () => {
  const repo = repoWithRules();
  const out = join(repo, 'lists');
  const r = await select(repo, ['nova/api.py'], ['--write-lists', out]);
  const parallel = readFileSync(join(out, 'parallel-include-list.txt'), 'utf8').trim().split('\n');
  assert.equal(parallel.length, r.counts.parallel);
  assert.match(parallel[0] ?? '', /^\^tempest\\\.api\\\./);
});

test('--git takes both paths of a rename from git diff', async () => {
  const repo = repoWithRules();
  const git = (...a: string[]): string => execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...a], { cwd: repo, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'keystone'));
  writeFileSync(join(repo, 'keystone', 'old.py'), 'x = 1\n'.repeat(20));
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'change');
  mkdirSync(join(repo, 'nova'));
  git('mv', 'keystone/old.py', 'nova/new.py');
  git('commit', '-q', '-m', 'move');
  const r = await cliCommand(selectCommand, ['--repo', repo, '--git', 'main...change', '--test-list', LIST, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout) as SelectResult;
  assert.deepEqual(
    res.rules
      .filter((x) => x.fired)
      .map((x) => x.name)
      .sort(),
    ['compute', 'identity-smoke'],
  );
  assert.equal(res.counts.changedFiles, 2);
});

test('presets without a rules file: a service default and a tox env', async () => {
  const nova = await cliCommand(selectCommand, ['--preset', 'nova', '--files', '-', '--test-list', LIST, '--json'], { stdin: 'nova/virt/driver.py\n' });
  assert.equal(nova.code, 0, nova.stderr);
  assert.equal((JSON.parse(nova.stdout) as SelectResult).counts.selected, 1211);
  const docs = await cliCommand(selectCommand, ['--preset', 'neutron', '--files', '-', '--test-list', LIST, '--json'], {
    stdin: 'doc/source/index.rst\nreleasenotes/notes/x.yaml\n',
  });
  assert.equal((JSON.parse(docs.stdout) as SelectResult).conclusion, 'skip');
  const bad = await cliCommand(selectCommand, ['--preset', 'novaa', '--files', '-', '--test-list', LIST], { stdin: 'x\n' });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown preset 'novaa'/);
  // Names that Object.prototype holds are unknown presets too, not an internal error (found by test/fuzz).
  for (const name of ['toString', '__proto__', 'constructor']) {
    const proto = await cliCommand(selectCommand, ['--preset', name, '--files', '-', '--test-list', LIST], { stdin: 'x\n' });
    assert.equal(proto.code, 2, proto.stderr);
    assert.match(proto.stderr, new RegExp(`unknown preset '${name}'`));
  }
});

const BAD: [string, string, RegExp][] = [
  [
    'a preset named after an Object method',
    'version: 1\nselections:\n  - name: a\n    files: [^nova/.*]\n    tempest: toString\n',
    /line 5, column 14: unknown preset 'toString'/,
  ],
  [
    'unknown preset',
    'version: 1\nselections:\n  - name: a\n    files: [^nova/.*]\n    tempest: integrated-computer\n',
    /rules\.yaml: line 5, column 14: unknown preset 'integrated-computer'/,
  ],
  ['unknown key', 'version: 1\nselections:\n  - name: a\n    filez: [^nova/.*]\n    tempest: full\n', /line 4, column 5: selections\[0\]: unknown key 'filez'/],
  [
    'RE2 lookahead',
    'version: 1\nselections:\n  - name: a\n    irrelevant-files:\n      - ^(?!doc/).*\n    tempest: full\n',
    /line 5, column 9: selection 'a': irrelevant-files\[0\]: .*lookaround.*negate: true/,
  ],
  ['Python regex', 'version: 1\nselections:\n  - name: a\n    tempest:\n      - regex: "^tempest(?>x)"\n', /line 5, column 25: .*atomic groups/],
  ['YAML syntax', 'version: 1\nselections: [\n', /line 3, column 1: invalid YAML/],
  ['version', 'version: 2\n', /line 1, column 10: version: must be 1/],
  [
    'missing list',
    'version: 1\nselections:\n  - name: a\n    tempest:\n      - exclude-list: missing.txt\n',
    /line 5, column 23: cannot read list file 'missing.txt'/,
  ],
  [
    'duplicate name',
    'version: 1\nselections:\n  - name: a\n    tempest: full\n  - name: a\n    tempest: smoke\n',
    /line 5, column 11: selection name 'a' is used twice/,
  ],
];

for (const [what, yaml, want] of BAD) {
  test(`bad rules (${what}): one line with file, line and column, exit 3, nothing selected`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-select-bad-'));
    writeFileSync(join(dir, 'rules.yaml'), yaml);
    const r = await cliCommand(selectCommand, ['--rules', join(dir, 'rules.yaml'), '--files', '-', '--test-list', LIST, '--json'], { stdin: 'nova/a.py\n' });
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, want);
  });
}

test('a bad line in a list file is named by file, line and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-select-bad-'));
  writeFileSync(join(dir, 'rules.yaml'), 'version: 1\nselections:\n  - name: a\n    tempest:\n      - exclude-list: bad.txt\n');
  writeFileSync(join(dir, 'bad.txt'), '# comment\nok\n  (?<x>  # a JavaScript-only group\n');
  const r = await cliCommand(selectCommand, ['--rules', join(dir, 'rules.yaml'), '--files', '-', '--test-list', LIST], { stdin: 'a\n' });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /bad\.txt: line 3, column 4: .*invalid regex '\(\?<x>'/);
});

test('a cached list that repeats ids still plans each test once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-select-dup-'));
  const list = join(dir, 'list.txt');
  const some = ids.filter((t) => t.startsWith('tempest.api.compute.servers'));
  writeFileSync(list, [...some, ...some].join('\n'));
  const r = await cliCommand(selectCommand, ['--preset', 'smoke', '--files', '-', '--test-list', list, '--json'], { stdin: 'x\n' });
  const res = JSON.parse(r.stdout) as SelectResult;
  assert.deepEqual(
    res.tests,
    some.filter((t) => /\[.*\bsmoke\b.*\]/.test(t)),
  );
  assert.ok(res.tests.length > 0);
  assert.equal(new Set(res.run[0]?.includeList).size, res.run[0]?.includeList.length);
});

test('a Unicode-sensitive pattern on a non-ASCII test id is refused, not guessed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-select-uni-'));
  const list = join(dir, 'list.txt');
  writeFileSync(list, 'tempest.api.a.T.test_ok\ntempest.api.a.T.test_caf\u00e9\n');
  const rules = join(dir, 'rules.yaml');
  writeFileSync(rules, 'version: 1\nselections:\n  - name: w\n    tempest:\n      - regex: test_\\w+$\n');
  const bad = await cliCommand(selectCommand, ['--rules', rules, '--files', '-', '--test-list', list], { stdin: 'a\n' });
  assert.equal(bad.code, 3);
  assert.match(bad.stderr, /non-ASCII .*test_caf\u00e9.*\(\?a\)/);
  writeFileSync(rules, 'version: 1\nselections:\n  - name: w\n    tempest:\n      - regex: (?a)test_\\w+$\n');
  const ok = await cliCommand(selectCommand, ['--rules', rules, '--files', '-', '--test-list', list, '--json'], { stdin: 'a\n' });
  assert.equal(ok.code, 0, ok.stderr);
  // Python's (?a)\w is ASCII: 'test_caf' then 'é' is not a word character, so only test_ok matches.
  assert.deepEqual((JSON.parse(ok.stdout) as SelectResult).tests, ['tempest.api.a.T.test_ok']);
});

test('without a rules file a service repository gets its default preset; anything else is a usage error', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'tg-select-svc-'));
  const nova = join(parent, 'nova');
  mkdirSync(nova);
  const r = await cliCommand(selectCommand, ['--repo', nova, '--files', '-', '--test-list', LIST, '--json'], { stdin: 'nova/api.py\n' });
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout) as SelectResult;
  assert.equal(res.rules.find((x) => x.fired)?.name, 'nova-default');
  assert.equal(res.counts.selected, 1211);
  const gh = await cliCommand(selectCommand, ['--repo', nova, '--files', '-', '--test-list', LIST, '--json'], {
    stdin: 'neutron/a.py\n',
    env: { GITHUB_REPOSITORY: 'openstack/neutron' },
  });
  assert.equal((JSON.parse(gh.stdout) as SelectResult).counts.selected, 806);
  const other = await cliCommand(selectCommand, ['--repo', parent, '--files', '-', '--test-list', LIST], { stdin: 'a\n' });
  assert.equal(other.code, 2);
  assert.match(other.stderr, /no \.tempest-gate\.yaml in .* is not a known service repository/);
});

test('the rules schema is a valid strict draft-07 schema and accepts the example rules', async () => {
  const { Ajv } = await import('ajv');
  const { parse } = await import('yaml');
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../schema/rules.schema.json', import.meta.url)), 'utf8')) as object;
  const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
  assert.equal(validate(parse(readFileSync(join(FIX, 'rules-example.yaml'), 'utf8'))), true, JSON.stringify(validate.errors));
  assert.equal(validate({ version: 1, selections: [{ name: 'a', tempest: 'full', files: [{ regex: 'x', negate: 'yes' }] }] }), false);
});

test('one reader of test lists: a plain list (as stestr list prints it) and an include list written by select give the same ids', () => {
  const some = [...ids.slice(0, 50), 'tempest.api.T.test_x[id-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0,smoke]', 'setUpClass (tempest.api.a.B)', 'odd.$^\\.test'];
  const plain = `${some.join('\n')}\n\n`;
  const include = `# written by select\n${some.map(exactTestRegex).join('\r\n')}\n`;
  assert.deepEqual(testIdsOf(plain), some);
  assert.deepEqual(testIdsOf(include), some);
  // Found by the fuzz suite (seed 2062866465): an anchored line with blanks inside its anchors
  // gave an id with trailing blanks, and `^$` an empty id. Ids are trimmed and never empty.
  assert.deepEqual(testIdsOf('^tempest.api.a.B.test_c   $\n^$\n^  $\n^ tempest.api.d\\.E $\n'), ['tempest.api.a.B.test_c', 'tempest.api.d.E']);
});
