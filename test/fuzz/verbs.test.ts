// Fuzz: every verb's command line and input files, through the CLI as it runs (runCli in-process
// for speed, a few cases through the bundle dist/cli.js): random options of the verb with values
// drawn from real and edited input files, random words and numbers. Whatever the arguments, the
// answer is an exit code of the table (0 to 4), one line per problem, never exit 70, an uncaught
// exception or a stack trace; no case hangs. No cloud is configured (no clouds.yaml anywhere,
// no OS_* variables), so the cloud verbs only get as far as their inputs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { cli } from '../helpers/cli.ts';
import { VERBS } from '../../src/cli/main.ts';
import { COMMON_OPTIONS, type Command } from '../../src/cli/command.ts';
import { fuzz, mutated, mutatedText } from './harness.ts';

/** Options that run a command the user names, or reach out of the machine: not fuzzed. */
const NOT_FUZZED = new Set(['list-command', 'workspace', 'tempest', 'push', 'pr', 'repo', 'os-cloud']);
const ALLOWED = [0, 1, 2, 3, 4];

const fixture = (p: string): Buffer => readFileSync(new URL(`../fixtures/${p}`, import.meta.url));
let dir = '';
const commands: Command[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tg-fuzz-verbs-'));
  // In-process verbs resolve relative paths against the process's directory: a random `-o 1e9`
  // or `--write-lists x` must land here, not in the checkout (this file runs in its own process).
  process.chdir(dir);
  writeFileSync(join(dir, 'run.subunit'), fixture('subunit/tempest-describe-calls.subunit'));
  writeFileSync(join(dir, 'fail.subunit'), fixture('subunit/stestr-failure.subunit'));
  writeFileSync(join(dir, 'v1.subunit'), fixture('subunit/refstack-client-testrepository-0.v1.subunit'));
  writeFileSync(join(dir, 'known.yaml'), fixture('compare/1775947.yaml'));
  writeFileSync(join(dir, 'g.json'), fixture('compare/add-ons-dns.2020.06.json'));
  writeFileSync(join(dir, 'rules.yaml'), fixture('select/rules-example.yaml'));
  writeFileSync(join(dir, 'network-negative-include.txt'), fixture('select/network-negative-include.txt'));
  writeFileSync(join(dir, 'tests.txt'), fixture('select/tempest-33.0.0-test-list.txt').subarray(0, 20_000));
  writeFileSync(join(dir, 'files.txt'), 'nova/compute/manager.py\nsetup.cfg\n');
  writeFileSync(join(dir, 'text.txt'), 'not a result file\n');
  mkdirSync(join(dir, 'store', 'baselines'), { recursive: true });
  const base = await cli(['baseline', 'create', '--results', join(dir, 'run.subunit')], { cwd: dir, env: {} });
  writeFileSync(join(dir, 'base.json'), base.stdout);
  writeFileSync(join(dir, 'store', 'baselines', 'master.json'), base.stdout);
  for (const v of VERBS) commands.push(await v.load());
});
after(() => {
  process.chdir(tmpdir());
  rmSync(dir, { recursive: true, force: true });
});

/** Write a case's edited input, whatever an earlier case's command line left at that name (an output folder, say). */
function put(name: string, bytes: Uint8Array | string): void {
  rmSync(join(dir, name), { recursive: true, force: true });
  writeFileSync(join(dir, name), bytes);
}

const FILES = [
  'run.subunit',
  'fail.subunit',
  'v1.subunit',
  'known.yaml',
  'g.json',
  'rules.yaml',
  'tests.txt',
  'files.txt',
  'text.txt',
  'base.json',
  'missing.json',
  'edited.bin',
  'edited.yaml',
  'edited.json',
];
const value = fc.oneof(
  fc.constantFrom(...FILES).map((f) => ({ file: f })),
  fc.constantFrom(
    '-',
    '',
    'master',
    'git:tempest-baselines:master',
    'dir:store',
    'builtin:2020.06',
    'builtin:x',
    'json',
    'markdown',
    'text',
    'junit',
    'nova',
    'full',
    'regressions',
    'never',
    '2026-13-01',
    '1h',
    '0',
    '-1',
    '3',
    '1e9',
    'HEAD~1...HEAD',
    'out/x.html',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 100_000 }).map(String),
);

/** A command line for a verb: a subcommand word sometimes, then options of its own (or mistyped), with values. */
function argvFor(cmd: Command): fc.Arbitrary<(string | { file: string })[]> {
  const options = Object.entries({ ...COMMON_OPTIONS, ...cmd.options }).filter(([n]) => !NOT_FUZZED.has(n) && n !== 'help');
  const option = fc.tuple(fc.constantFrom(...options), value, fc.boolean()).map(([[name, spec], v, inline]): (string | { file: string })[] => {
    if (spec.type === 'boolean') return [`--${name}`];
    return inline && typeof v === 'string' ? [`--${name}=${v}`] : [`--${name}`, v];
  });
  const positional = fc.oneof(fc.constantFrom('create', 'list', 'show', 'diff', 'promote', 'master', 'x'), value);
  return fc.tuple(fc.array(positional, { maxLength: 2 }), fc.array(option, { maxLength: 6 })).map(([pos, opts]) => [...pos, ...opts.flat()]);
}

function resolveArgs(args: (string | { file: string })[]): string[] {
  return args.map((a) => (typeof a === 'string' ? a : join(dir, a.file)));
}

function checkRun(r: { code: number | null; stdout: string; stderr: string }, argv: string[]): 'ok' | 'bad' {
  const what = `tempest-gate ${argv.join(' ')}\n${r.stderr}`;
  assert.ok(r.code !== null && ALLOWED.includes(r.code), `exit ${r.code}: ${what}`);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at \S+ \(|TypeError|RangeError/, what);
  return r.code === 2 || r.code === 3 ? 'bad' : 'ok';
}

test('every verb: random command lines over real and edited inputs, in-process', { timeout: 180_000 }, async () => {
  const edited = mutated(new Uint8Array(fixture('subunit/stestr-failure.subunit')));
  for (const cmd of commands) {
    const runs = ['provision', 'run', 'validate', 'cleanup', 'demo'].includes(cmd.name) ? 50 : 150;
    await fuzz(`${cmd.name} (command lines)`, fc.tuple(argvFor(cmd), edited), runs, async ([args, bytes]) => {
      put('edited.bin', bytes);
      const argv = [cmd.name, ...resolveArgs(args)];
      // No cloud, no GitHub: an environment of nothing but a PATH (git) and a HOME of our own.
      const r = await cli(argv, { cwd: dir, env: { PATH: process.env.PATH, HOME: dir }, stdin: bytes });
      return checkRun(r, argv);
    });
  }
});

/** Command lines each verb takes, with input files drawn from real ones and edited ones: the work past the arguments. */
const input = fc
  .constantFrom('run.subunit', 'fail.subunit', 'v1.subunit', 'edited.bin', 'edited.bin', 'edited.json', 'base.json', 'text.txt')
  .map((f) => ({ file: f }));
const yamlIn = fc.constantFrom('known.yaml', 'edited.yaml', 'rules.yaml').map((f) => ({ file: f }));
const jsonIn = fc.constantFrom('g.json', 'edited.json', 'base.json').map((f) => ({ file: f }));
const maybe = <T>(a: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> => fc.oneof(fc.constant<T[]>([]), a);
const to = fc.constantFrom('json', 'markdown', 'text');
const shaped: fc.Arbitrary<(string | { file: string })[]> = fc.oneof(
  fc.tuple(input, fc.constantFrom('json', 'junit', 'text')).map(([f, t]) => ['parse', f, '--to', t, '-o', 'out/parsed']),
  fc
    .tuple(input, input, maybe(yamlIn.map((k) => ['-k', k])), maybe(jsonIn.map((g) => ['-g', g])), to, fc.constantFrom('regressions', 'failures', 'never'))
    .map(([b, r, k, g, t, f]) => ['compare', '--baseline', b, '--results', r, ...k, ...g, '--to', t, '--fail-on', f, '--today', '2026-01-01']),
  fc
    .tuple(input, maybe(input.map((b) => ['--baseline', b])), maybe(yamlIn.map((k) => ['-k', k])), maybe(jsonIn.map((g) => ['-g', g])))
    .map(([r, b, k, g]) => ['report', '--results', r, ...b, ...k, ...g, '--html', 'out/r.html', '--markdown', 'out/r.md', '--json']),
  fc.tuple(input, input).map(([a, b]) => ['baseline', 'create', '--results', a, '--from', b, '-o', 'out/b.json']),
  fc.tuple(input, input, to).map(([a, b, t]) => ['baseline', 'diff', a, b, '--to', t]),
  input.map((a) => ['baseline', 'show', a, '--json']),
  fc
    .tuple(fc.constantFrom('rules.yaml', 'edited.yaml'), fc.constantFrom('tests.txt', 'edited.bin'), fc.boolean())
    .map(([r, l, e]) => [
      'select',
      '--files',
      { file: 'files.txt' },
      '--rules',
      { file: r },
      '--test-list',
      { file: l },
      ...(e ? ['--explain'] : []),
      '--json',
    ]),
);

test('every verb that reads files: well-formed command lines over real and edited inputs, in-process', { timeout: 180_000 }, async () => {
  const texts = {
    yaml: [fixture('compare/1775947.yaml').toString(), fixture('select/rules-example.yaml').toString()],
    json: [readFileSync(join(dir, 'base.json'), 'utf8'), fixture('compare/add-ons-dns.2020.06.json').toString()],
  };
  const edits = fc.tuple(
    fc.oneof(
      ...[
        fixture('subunit/stestr-failure.subunit'),
        fixture('subunit/tempest-describe-calls.subunit'),
        fixture('select/tempest-33.0.0-test-list.txt').subarray(0, 5000),
      ].map((b) => mutated(new Uint8Array(b))),
    ),
    fc.oneof(...texts.yaml.map((t) => mutatedText(t, [': ', '- ', '\n', '[', '{', '&a ', '*a', '(a+)+$', 'expires: x\n']))),
    fc.oneof(...texts.json.map((t) => mutatedText(t, ['{', '}', '[', ']', ',', 'null', '"']))),
  );
  await fuzz('every verb (well-formed command lines, edited inputs)', fc.tuple(shaped, edits), 1000, async ([args, [bin, yaml, json]]) => {
    put('edited.bin', bin);
    put('edited.yaml', yaml);
    put('edited.json', json);
    const argv = resolveArgs(args);
    const r = await cli(argv, { cwd: dir, env: { PATH: process.env.PATH, HOME: dir }, stdin: bin });
    return checkRun(r, argv);
  });
});

test('through the bundle (dist/cli.js): a few command lines of the cloud-free verbs', { timeout: 180_000 }, async () => {
  const bundle = new URL('../../dist/cli.js', import.meta.url).pathname;
  const node = new URL('../../node_modules/.bin/node', import.meta.url).pathname;
  const free = commands.filter((c) => ['parse', 'compare', 'report', 'baseline', 'select'].includes(c.name));
  await fuzz(
    'dist/cli.js (command lines)',
    fc.constantFrom(...free).chain((c) => argvFor(c).map((a) => [c.name, ...resolveArgs(a)])),
    15,
    (argv) => {
      const r = spawnSync(node, [bundle, ...argv], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir }, input: '', encoding: 'utf8', timeout: 30_000 });
      return checkRun({ code: r.status, stdout: r.stdout, stderr: r.stderr }, argv);
    },
  );
});
