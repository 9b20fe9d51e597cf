// A mistyped command line gets one clean line naming the problem, the option most likely meant and
// the verb's help, and exit 2 (src/cli/main.ts runCommand), never Node's parseArgs text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../helpers/cli.ts';
import { closest } from '../../src/cli/main.ts';

async function usage(argv: string[]): Promise<string> {
  const r = await cli(argv);
  assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').length, 2, `${argv.join(' ')}: one line: ${JSON.stringify(r.stderr)}`);
  return r.stderr.trimEnd();
}

test("a mistyped option: one line with 'did you mean', exit 2, on several verbs", async () => {
  assert.equal(
    await usage(['parse', 'x.subunit', '--jsno']),
    "tempest-gate parse: unknown option '--jsno' (did you mean '--json'?; see 'tempest-gate parse --help')",
  );
  assert.equal(
    await usage(['select', '--explian']),
    "tempest-gate select: unknown option '--explian' (did you mean '--explain'?; see 'tempest-gate select --help')",
  );
  assert.equal(
    await usage(['compare', '--baseline', 'b', '--result', 'r']),
    "tempest-gate compare: unknown option '--result' (did you mean '--results'?; see 'tempest-gate compare --help')",
  );
  assert.equal(
    await usage(['report', '--htlm', 'r.html']),
    "tempest-gate report: unknown option '--htlm' (did you mean '--html'?; see 'tempest-gate report --help')",
  );
  assert.equal(
    await usage(['provision', '--subnode', '2']),
    "tempest-gate provision: unknown option '--subnode' (did you mean '--subnodes'?; see 'tempest-gate provision --help')",
  );
  assert.equal(
    await usage(['cleanup', '--dryrun']),
    "tempest-gate cleanup: unknown option '--dryrun' (did you mean '--dry-run'?; see 'tempest-gate cleanup --help')",
  );
  // With a value attached, the option's name alone is named.
  assert.equal(
    await usage(['run', '--concurency=2']),
    "tempest-gate run: unknown option '--concurency' (did you mean '--concurrency'?; see 'tempest-gate run --help')",
  );
});

test('an option nothing is close to, or a short one: no guess', async () => {
  assert.equal(await usage(['parse', 'x', '--frobnicate']), "tempest-gate parse: unknown option '--frobnicate' (see 'tempest-gate parse --help')");
  assert.equal(await usage(['select', '-x']), "tempest-gate select: unknown option '-x' (see 'tempest-gate select --help')");
  // '--to' is an option of parse, not of select: nothing of select's is one edit from it.
  assert.equal(await usage(['select', '--to', 'json']), "tempest-gate select: unknown option '--to' (see 'tempest-gate select --help')");
});

test('missing and unwanted values, stray arguments: our words, one line', async () => {
  assert.equal(await usage(['parse', 'x', '--to']), "tempest-gate parse: option '--to' needs a value (see 'tempest-gate parse --help')");
  assert.equal(await usage(['parse', 'x', '-o']), "tempest-gate parse: option '-o, --output' needs a value (see 'tempest-gate parse --help')");
  assert.equal(
    await usage(['select', '--git', '--json']),
    "tempest-gate select: option '--git' needs a value, not the option '--json' (a value starting with '-' goes as '--git=--json'; see 'tempest-gate select --help')",
  );
  assert.equal(await usage(['parse', 'x', '--json=yes']), "tempest-gate parse: option '--json' takes no value, not 'yes' (see 'tempest-gate parse --help')");
  assert.equal(
    await usage(['select', 'nova']),
    "tempest-gate select: unexpected argument 'nova' (this verb takes no arguments; see 'tempest-gate select --help')",
  );
});

test('a mistyped verb is guessed too', async () => {
  const r = await cli(['selct']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^tempest-gate: unknown verb 'selct' \(did you mean 'select'\?; known: select, provision, /);
});

test('closest: a unique prefix, one edit for short words, two for longer, else nothing', () => {
  const options = ['json', 'help', 'to', 'from', 'output', 'attachments', 'attachment-cap'];
  assert.equal(closest('jsno', options), 'json');
  assert.equal(closest('attach', options), undefined, 'two options begin with it');
  assert.equal(closest('attachment-c', options), 'attachment-cap');
  assert.equal(closest('outptu', options), 'output');
  assert.equal(closest('xy', options), undefined);
  assert.equal(closest('tx', options), 'to');
  assert.equal(closest('frm', options), 'from');
  assert.equal(closest('helper', options), 'help', 'two edits away for a longer word');
  assert.equal(closest('outputs-dir', options), undefined);
});
