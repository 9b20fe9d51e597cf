// The exit-code contract: every code a verb's --help lists under "Exit codes:" is driven here and
// is what the verb returns, and the verb documents nothing it is not driven to (except what is
// listed in NOT_DRIVEN, with the reason). Codes 2 (usage) and 70 (internal) hold for every verb.
// What needs a real part (the local OpenStack, the netns lab with sshd and Tempest) skips with the
// reason when it is missing, and fails under CI as the other tests of those parts do.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERBS } from '../../src/cli/main.ts';
import { EXIT } from '../../src/core/errors.ts';
import { cli, type CliRun } from '../helpers/cli.ts';
import { LOCAL_CLOUDS_YAML, cloudEnv, leftovers, skipLocal } from '../helpers/local-openstack.ts';
import { labUnavailable, makeLab } from '../run/lab.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'src', 'cli', 'bin.ts');
const RUN = join(ROOT, 'data', 'samples', 'local-tempest-33-compute-identity-mini.subunit');
const BASELINE = join(ROOT, 'data', 'samples', 'baseline-master.json');
const TEST_LIST = join(ROOT, 'data', 'tempest-33.0.0-test-list.txt');
const SUITE = join(ROOT, 'test', 'fixtures', 'run', 'sample-suite');

/** What a verb's help says of each code: the entries "  N  what" (and their continuation lines) after "Exit codes:". */
export function documentedExitCodes(help: string): Map<number, string> {
  const at = help.indexOf('\nExit codes:\n');
  assert.ok(at >= 0, 'no "Exit codes:" section');
  const section = help.slice(at + '\nExit codes:\n'.length).split('\n\n')[0] ?? '';
  const entries = new Map<number, string>();
  for (const part of section.split(/^(?= {2}\d+ {2}\S)/m)) {
    const m = /^ {2}(\d+) {2}([^]*)$/.exec(part);
    assert.ok(m, `not an exit code entry: ${JSON.stringify(part)}`);
    entries.set(Number(m[1]), m[2]!.replace(/\s+/g, ' ').trim());
  }
  return entries;
}

const W = mkdtempSync(join(tmpdir(), 'tg-exit-'));
process.on('exit', () => rmSync(W, { recursive: true, force: true }));
const CHANGE = join(W, 'change.txt');
writeFileSync(CHANGE, 'nova/compute/manager.py\n');
// The bundled run cut short: a damaged subunit v2 stream (partial results, exit 3).
const DAMAGED = join(W, 'damaged.subunit');
const whole = readFileSync(RUN);
writeFileSync(DAMAGED, whole.subarray(0, Math.floor(whole.length / 2)));
// A git repository without the baseline store's branch.
const REPO = join(W, 'repo');
mkdirSync(REPO);
execFileSync('git', ['init', '-q', REPO]);
execFileSync('git', ['-C', REPO, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '--allow-empty', '-m', 'start']);

/** A port on 127.0.0.1 that was free a moment ago: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A clouds.yaml whose Keystone refuses connections: "the cloud failed" without a cloud. */
async function deadCloud(): Promise<NodeJS.ProcessEnv> {
  const dir = mkdtempSync(join(W, 'dead-'));
  writeFileSync(
    join(dir, 'clouds.yaml'),
    `clouds:\n  dead:\n    auth:\n      auth_url: http://127.0.0.1:${await closedPort()}/v3\n      username: u\n      password: p\n      project_name: p\n      user_domain_name: Default\n      project_domain_name: Default\n    region_name: RegionOne\n`,
  );
  return { PATH: process.env.PATH, HOME: dir, OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), OS_CLOUD: 'dead' };
}

function brokenCloudsYaml(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(W, 'broken-'));
  writeFileSync(join(dir, 'clouds.yaml'), 'clouds:\n  a:\n    auth:\n      auth_url: http://x/v3\n     username: broken-indent\n');
  return { HOME: dir, OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml') };
}

/** The real CLI in a child process, for what in-process runs cannot change (git missing from PATH). */
async function spawned(argv: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env, cwd: W });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code: code ?? -1, stdout, stderr };
}
const NO_GIT = { PATH: '/nonexistent', HOME: W };

const runUnavailable = labUnavailable() ?? (existsSync('/usr/bin/tempest') ? null : '/usr/bin/tempest is missing: run scripts/setup-machine.sh (tempest)');
const skipLab: string | false = runUnavailable !== null && !process.env.CI ? runUnavailable : false;
const skipCloudTempest: string | false =
  skipLocal || (!existsSync('/usr/bin/tempest') && !process.env.CI ? '/usr/bin/tempest is missing: run scripts/setup-machine.sh' : false);

/** Run the sample suite on a one-host netns lab through `run --host`; failing test included or not. */
async function labRun(withFailing: boolean): Promise<CliRun> {
  if (runUnavailable) throw new Error(`real parts missing: ${runUnavailable}`);
  const lab = await makeLab(['controller']);
  const dir = mkdtempSync(join(W, 'lab-'));
  try {
    const ws = join(dir, 'ws');
    cpSync(SUITE, ws, { recursive: true });
    mkdirSync(join(ws, 'etc'));
    writeFileSync(join(ws, 'etc', 'tempest.conf'), '[compute]\nmin_compute_nodes = 1\n');
    writeFileSync(join(dir, 'ready'), '');
    writeFileSync(join(dir, 'include.txt'), withFailing ? '^tests\\.test_sample\\.Fast\\.test_(01|fails)$\n' : '^tests\\.test_sample\\.Fast\\.test_0[12]$\n');
    const host = lab.hosts[0]!;
    writeFileSync(join(dir, 'known_hosts'), `${host.publicKeys.map((k) => `${host.address} ${k.split(' ').slice(0, 2).join(' ')}`).join('\n')}\n`);
    writeFileSync(join(dir, 'key'), lab.userKey);
    return await cli([
      'run',
      '--host',
      host.address,
      '--known-hosts',
      join(dir, 'known_hosts'),
      '--user',
      'root',
      '-i',
      join(dir, 'key'),
      '--workspace',
      ws,
      '--run-as',
      '',
      '--ready-file',
      join(dir, 'ready'),
      '--failed-file',
      join(dir, 'failed'),
      '--stack-log',
      join(dir, 'stack.log'),
      '--include-list',
      join(dir, 'include.txt'),
      '--concurrency',
      '1',
      '--set',
      'tg_sample.sleep=0.01',
      '--no-logs',
      '--output-dir',
      join(dir, 'out'),
    ]);
  } finally {
    lab.close();
  }
}

interface Case {
  code: number;
  what: string;
  skip?: string | false;
  /** what says it was this cause and not another that gave the code */
  stderr?: RegExp;
  stdout?: RegExp;
  /** what the help's entry for this code must say, so that help and behaviour agree on the cause */
  helpSays?: RegExp;
  run: () => Promise<CliRun>;
}

const CASES: Record<string, Case[]> = {
  select: [
    { code: 0, what: 'a Nova change with the nova preset', run: () => cli(['select', '--files', CHANGE, '--preset', 'nova', '--test-list', TEST_LIST]) },
    {
      code: 2,
      what: 'an unknown --preset (a wrong value on the command line)',
      stderr: /unknown preset 'novaa' \(services: /,
      helpSays: /unknown --preset NAME/,
      run: () => cli(['select', '--files', CHANGE, '--preset', 'novaa', '--test-list', TEST_LIST]),
    },
    { code: 2, what: 'a mistyped option', stderr: /unknown option '--explian' \(did you mean '--explain'\?/, run: () => cli(['select', '--explian']) },
    {
      code: 3,
      what: 'a rules file naming an unknown preset',
      stderr: /rules\.yaml: line 2, column 9: unknown service preset 'novaa'/,
      helpSays: /malformed rules file \(an unknown preset in it too\)/,
      run: () => {
        writeFileSync(join(W, 'rules.yaml'), 'version: 1\npreset: novaa\n');
        return cli(['select', '--files', CHANGE, '--rules', join(W, 'rules.yaml'), '--test-list', TEST_LIST]);
      },
    },
    {
      code: 3,
      what: 'a --git range with an unknown revision',
      stderr: /bad revision 'nosuch\.\.\.HEAD'/,
      helpSays: /--git range git cannot diff/,
      run: () => cli(['select', '--git', 'nosuch...HEAD', '--repo', REPO, '--preset', 'nova', '--test-list', TEST_LIST]),
    },
    { code: 3, what: 'a test list that does not exist', run: () => cli(['select', '--files', CHANGE, '--preset', 'nova', '--test-list', join(W, 'nope.txt')]) },
    {
      code: 4,
      what: 'the GitHub API does not answer (--pr)',
      stderr: /listing the files of o\/r#1 failed/,
      run: async () =>
        cli(['select', '--pr', 'o/r#1', '--preset', 'nova', '--test-list', TEST_LIST], {
          env: { GITHUB_TOKEN: 't', GITHUB_API_URL: `http://127.0.0.1:${await closedPort()}` },
        }),
    },
  ],
  provision: [
    {
      code: 0,
      what: 'a controller on the local OpenStack (then cleaned up)',
      skip: skipLocal,
      run: async () => {
        const id = `exit-${process.pid}-${Date.now().toString(36)}`.slice(0, 32);
        const dir = mkdtempSync(join(W, 'prov-'));
        try {
          return await cli(['provision', '--image', 'tiny', '--flavor', 'm1.tiny', '--subnodes', '0', '--run-id', id, '--state-dir', join(dir, 'st')], {
            env: cloudEnv(),
            cwd: dir,
          });
        } finally {
          const c = await cli(['cleanup', '--run-id', id], { env: cloudEnv(), cwd: dir });
          assert.equal(c.code, 0, c.stderr);
          assert.deepEqual(await leftovers(id), []);
        }
      },
    },
    { code: 2, what: 'no --image', run: () => cli(['provision'], { env: {} }) },
    {
      code: 3,
      what: 'a broken clouds.yaml',
      stderr: /clouds\.yaml: line 5/,
      run: () => cli(['provision', '--image', 'tiny'], { env: brokenCloudsYaml(), cwd: W }),
    },
    {
      code: 4,
      what: 'Keystone refuses connections',
      stderr: /ECONNREFUSED/,
      run: async () => cli(['provision', '--image', 'tiny', '--flavor', 'm1.tiny', '--state-dir', join(W, 'prov-dead')], { env: await deadCloud(), cwd: W }),
    },
  ],
  run: [
    { code: 0, what: 'passing tests of the sample suite on the netns lab', skip: skipLab, run: () => labRun(false) },
    { code: 1, what: 'a failing test of the sample suite on the netns lab', skip: skipLab, run: () => labRun(true) },
    { code: 2, what: 'neither --state nor --host', run: () => cli(['run']) },
    {
      code: 3,
      what: 'an include list that does not exist',
      stderr: /nope\.txt: cannot read: no such file/,
      run: () => {
        writeFileSync(join(W, 'key'), 'not read: the list is checked first');
        return cli(['run', '--host', 'h', '-i', join(W, 'key'), '--known-hosts', join(W, 'key'), '--include-list', join(W, 'nope.txt')]);
      },
    },
    {
      code: 4,
      what: 'a node that refuses connections',
      stdout: /infra-failed: connect failed on controller/,
      run: async () => {
        writeFileSync(join(W, 'known_hosts'), '127.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVzZWxlc3Mga2V5IGZvciBhIHRlc3QgdGhhdCBpcyBub3Q\n');
        writeFileSync(join(W, 'key'), 'not read: the connection is refused first');
        return cli([
          'run',
          '--host',
          `127.0.0.1:${await closedPort()}`,
          '--known-hosts',
          join(W, 'known_hosts'),
          '-i',
          join(W, 'key'),
          '--connect-timeout',
          '2s',
          '--no-logs',
          '-o',
          join(W, 'run-dead'),
        ]);
      },
    },
  ],
  validate: [
    {
      code: 0,
      what: 'identity tests against the local OpenStack with real Tempest',
      skip: skipCloudTempest,
      run: async () => {
        const dir = mkdtempSync(join(W, 'validate-'));
        writeFileSync(join(dir, 'include.txt'), '^tempest\\.api\\.identity\\.v3\\.test_api_discovery\n');
        return cli(
          [
            'validate',
            '--os-cloud',
            'tg-local-admin',
            '--include-list',
            join(dir, 'include.txt'),
            '--concurrency',
            '1',
            '--workspace',
            join(dir, 'ws'),
            '-o',
            join(dir, 'out'),
          ],
          {
            env: { PATH: process.env.PATH, HOME: dir, OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_YAML },
          },
        );
      },
    },
    { code: 2, what: 'no tests given', run: () => cli(['validate', '--os-cloud', 'x']) },
    {
      code: 3,
      what: 'an include list that does not exist',
      stderr: /nope\.txt: cannot read: no such file/,
      run: async () => cli(['validate', '--include-list', join(W, 'nope.txt')], { env: await deadCloud() }),
    },
    {
      code: 4,
      what: 'Keystone refuses connections',
      stderr: /ECONNREFUSED/,
      run: async () => {
        writeFileSync(join(W, 'include.txt'), '^tempest\\.api\\.identity\n');
        return cli(['validate', '--include-list', join(W, 'include.txt'), '-o', join(W, 'validate-dead')], { env: await deadCloud() });
      },
    },
  ],
  parse: [
    { code: 0, what: 'the bundled real run', run: () => cli(['parse', RUN]) },
    { code: 2, what: 'no file', run: () => cli(['parse']) },
    { code: 2, what: 'a mistyped option', run: () => cli(['parse', RUN, '--jsno']) },
    { code: 3, what: 'a stream cut in half', stderr: /damaged\.subunit: byte \d+: .*; kept \d+ tests/, run: () => cli(['parse', DAMAGED]) },
    { code: 3, what: 'a file that does not exist', run: () => cli(['parse', join(W, 'nope.subunit')]) },
  ],
  compare: [
    { code: 0, what: 'the run against itself', run: () => cli(['compare', '-b', RUN, '-r', RUN]) },
    { code: 1, what: 'the run against the bundled master baseline (one regression)', run: () => cli(['compare', '-b', BASELINE, '-r', RUN]) },
    { code: 2, what: 'no --results', run: () => cli(['compare', '-b', BASELINE]) },
    { code: 3, what: 'damaged results', run: () => cli(['compare', '-b', BASELINE, '-r', DAMAGED]) },
    {
      code: 3,
      what: 'a stored baseline whose branch does not exist',
      stderr: /no baseline 'master': branch 'tempest-baselines' does not exist/,
      helpSays: /does not exist \(no such file, store branch/,
      run: () => cli(['compare', '-b', 'master', '-r', RUN, '--repo', REPO]),
    },
    {
      code: 4,
      what: 'git is not installed (stored baseline)',
      stderr: /cannot run git: git is not installed/,
      helpSays: /git itself failed .*not installed/,
      run: () => spawned(['compare', '-b', 'master', '-r', RUN, '--repo', REPO], NO_GIT),
    },
  ],
  baseline: [
    { code: 0, what: 'create from the bundled run', run: () => cli(['baseline', 'create', '--results', RUN]) },
    {
      code: 1,
      what: 'diff --fail-on regressions from the master baseline to the run',
      run: () => cli(['baseline', 'diff', BASELINE, RUN, '--fail-on', 'regressions']),
    },
    { code: 2, what: 'no subcommand', run: () => cli(['baseline']) },
    { code: 3, what: 'create from a damaged run', run: () => cli(['baseline', 'create', '--results', DAMAGED]) },
    {
      code: 3,
      what: 'show a stored baseline whose branch does not exist',
      stderr: /branch 'tempest-baselines' does not exist/,
      helpSays: /does not exist \(no such file, store branch/,
      run: () => cli(['baseline', 'show', 'master', '--repo', REPO]),
    },
    {
      code: 4,
      what: 'git is not installed',
      stderr: /cannot run git: git is not installed/,
      helpSays: /git itself failed \(not installed/,
      run: () => spawned(['baseline', 'list', '--repo', REPO], NO_GIT),
    },
  ],
  report: [
    { code: 0, what: 'the run against itself', run: () => cli(['report', '-r', RUN, '-b', RUN, '--html', join(W, 'r0.html')]) },
    { code: 1, what: 'failing tests without a baseline', run: () => cli(['report', '-r', RUN, '--html', join(W, 'r1.html')]) },
    { code: 2, what: 'no --results', run: () => cli(['report']) },
    { code: 3, what: 'damaged results', run: () => cli(['report', '-r', DAMAGED, '--html', join(W, 'r3.html')]) },
  ],
  cleanup: [
    {
      code: 0,
      what: 'a run with nothing left on the local OpenStack',
      skip: skipLocal,
      run: () => cli(['cleanup', '--run-id', `exit-none-${process.pid}`], { env: cloudEnv() }),
    },
    { code: 2, what: 'nothing to clean named', run: () => cli(['cleanup']) },
    {
      code: 3,
      what: 'a --state folder whose provision.json is not JSON',
      stderr: /provision\.json: not valid JSON/,
      run: () => {
        mkdirSync(join(W, 'bad-state'), { recursive: true });
        writeFileSync(join(W, 'bad-state', 'provision.json'), '{"runId": ');
        return cli(['cleanup', '--state', join(W, 'bad-state')]);
      },
    },
    { code: 4, what: 'Keystone refuses connections', stderr: /ECONNREFUSED/, run: async () => cli(['cleanup', '--run-id', 'abc'], { env: await deadCloud() }) },
  ],
  merge: [
    {
      code: 0,
      what: 'two shards of the bundled run against the run itself',
      run: async () => cli(['merge', ...(await shards('m0', ['own', 'own'])), '-b', RUN]),
    },
    {
      code: 1,
      what: 'two shards of the bundled run against the master baseline (one regression)',
      run: async () => cli(['merge', ...(await shards('m1', ['own', 'own'])), '-b', BASELINE]),
    },
    { code: 2, what: 'no folders', run: () => cli(['merge']) },
    {
      code: 3,
      what: "a test in two shards' results",
      stderr: /is in the results of shard 0 .* and of shard 1/,
      helpSays: /a test in two shards' results/,
      run: async () => cli(['merge', ...(await shards('m3', ['all', 'own']))]),
    },
    {
      code: 4,
      what: 'a shard that brought back no results',
      helpSays: /brought back no results/,
      run: async () => cli(['merge', ...(await shards('m4', ['own', 'none'])), '-b', RUN]),
    },
  ],
  demo: [
    { code: 0, what: 'the demo into a fresh folder', run: () => cli(['demo', '--out', join(W, 'demo'), '--json']) },
    { code: 2, what: 'a mistyped option', run: () => cli(['demo', '--jsno']) },
    {
      code: 3,
      what: 'an --out that cannot be written',
      stderr: /\/dev\/null\/demo\/change-nova\.txt: cannot write/,
      helpSays: /--out cannot be written/,
      run: () => cli(['demo', '--out', '/dev/null/demo']),
    },
  ],
};

/** Two shard folders as `select --shards 2 --shard-index I --write-lists` leaves them, with the bundled run's records of
 * each shard's tests as its results; `results` picks what each folder gets ('own', the whole run, or none). */
async function shards(name: string, results: readonly ('own' | 'all' | 'none')[]): Promise<string[]> {
  const dir = join(W, name);
  mkdirSync(dir, { recursive: true });
  const all = join(dir, 'all.json');
  await cli(['parse', RUN, '--to', 'json', '-o', all]);
  const run = JSON.parse(readFileSync(all, 'utf8')) as { tests: { id: string }[] } & Record<string, unknown>;
  writeFileSync(join(dir, 'tests.txt'), `${run.tests.map((t) => t.id).join('\n')}\n`);
  writeFileSync(join(dir, 'files.txt'), 'README.md\n');
  const dirs: string[] = [];
  for (const [i, kind] of results.entries()) {
    const out = join(dir, `s${i}`);
    const sel = await cli(
      ['select', '--files', join(dir, 'files.txt'), '--test-list', join(dir, 'tests.txt'), '--preset', 'full'].concat([
        '--shards',
        String(results.length),
        '--shard-index',
        String(i),
        '--baseline',
        RUN,
        '--write-lists',
        out,
      ]),
    );
    assert.equal(sel.code, 0, sel.stderr);
    const held = new Set((JSON.parse(readFileSync(join(out, 'shard.json'), 'utf8')) as { tests: string[] }).tests);
    if (kind !== 'none')
      writeFileSync(join(out, 'results.json'), JSON.stringify(kind === 'all' ? run : { ...run, tests: run.tests.filter((t) => held.has(t.id)) }));
    dirs.push(out);
  }
  return dirs;
}

/** Documented codes not driven here, and why (a test elsewhere, or a cost this suite does not pay). */
const NOT_DRIVEN: Record<string, Record<number, string>> = {
  // A failing Tempest run against the cloud is minutes of Tempest; the code path is run's (exit 1 above).
  validate: { 1: 'tests failed or not compliant: needs a failing Tempest run against the local OpenStack' },
};

test('every verb documents 0 and 2, only codes of EXIT, and exactly the codes driven here', async () => {
  const known = new Set<number>(Object.values(EXIT));
  assert.deepEqual(Object.keys(CASES).sort(), VERBS.map((v) => v.name).sort(), 'a table for every verb');
  for (const entry of VERBS) {
    const help = await cli([entry.name, '--help']);
    const entries = documentedExitCodes(help.stdout);
    const documented = [...entries.keys()];
    for (const c of documented) assert.ok(known.has(c), `${entry.name}: exit ${c} is not one of EXIT`);
    for (const c of CASES[entry.name] ?? []) {
      if (c.helpSays) assert.match(entries.get(c.code) ?? '', c.helpSays, `${entry.name} --help, exit ${c.code}, should cover: ${c.what}`);
    }
    assert.ok(documented.includes(0) && documented.includes(2), `${entry.name} documents 0 and 2: ${documented.join(',')}`);
    const driven = new Set((CASES[entry.name] ?? []).map((c) => c.code));
    const excused = Object.keys(NOT_DRIVEN[entry.name] ?? {}).map(Number);
    assert.deepEqual(
      [...new Set([...driven, ...excused])].sort(),
      [...documented].sort(),
      `${entry.name}: documented ${documented.join(',')}, driven ${[...driven].join(',')}, not driven ${excused.join(',')}`,
    );
  }
  // The top-level help and the README give the same codes for all verbs.
  const top = (await cli(['--help'])).stdout;
  for (const c of known) assert.match(top, new RegExp(`\\b${c} [a-z]`), `top-level help names exit ${c}`);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const c of known) assert.match(readme, new RegExp(`\\*\\*${c}\\*\\*`), `README names exit ${c}`);
});

for (const [verb, cases] of Object.entries(CASES)) {
  describe(`${verb}: each documented exit code`, () => {
    for (const c of cases) {
      test(`${c.code}: ${c.what}`, { skip: c.skip ?? false }, async () => {
        const r = await c.run();
        assert.equal(r.code, c.code, `stdout: ${r.stdout.slice(0, 500)}\nstderr: ${r.stderr.slice(-1500)}`);
        assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, 'no internal error, no stack trace');
        if (c.stderr) assert.match(r.stderr, c.stderr);
        if (c.stdout) assert.match(r.stdout, c.stdout);
        // Usage and bad input end with one line naming the problem (progress lines may come before).
        if (c.code === EXIT.usage || c.code === EXIT.badInput) assert.match(r.stderr, new RegExp(`^tempest-gate ${verb}: .+\\n$`, 'm'));
      });
    }
  });
}
