// YAML alias bombs ("billion laughs": each anchor a list of the one before) in a user's rules or
// known-failures file are bad input: exit 3 and one line naming the file and line, never an
// internal error. A few anchors shared the ordinary way still read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRulesText } from '../../src/core/select/rules.ts';
import { parseKnownFailures } from '../../src/core/compare/known-failures.ts';
import { UserError } from '../../src/core/errors.ts';
import { selectCommand } from '../../src/cli/commands/select.ts';
import { cliCommand } from '../helpers/cli.ts';

/** Nine times nine times ... : 9^levels strings from a few hundred bytes. */
function aliasBomb(levels: number, indent = ''): string {
  const names = 'abcdefghij';
  let out = `${indent}l0: &${names[0]} ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n`;
  for (let i = 1; i <= levels; i++)
    out += `${indent}l${i}: &${names[i]} [${Array(9)
      .fill(`*${names[i - 1]}`)
      .join(', ')}]\n`;
  return out;
}

const oneLineAt =
  (file: string, line: number) =>
  (e: unknown): boolean => {
    assert.ok(e instanceof UserError, String(e));
    assert.equal(e.exitCode, 3);
    assert.ok(!e.message.includes('\n'), e.message);
    assert.equal(e.message, `${file}: line ${line}, column 9: YAML aliases expand to too much data (more than 100 alias uses)`);
    return true;
  };

test('an alias bomb in a rules file is a one-line error at the first alias', () => {
  const text = `version: 1\nx-laughs:\n${aliasBomb(6, '  ')}`;
  assert.throws(
    () => parseRulesText(text, '.tempest-gate.yaml'),
    (e: unknown) => {
      assert.ok(e instanceof UserError && e.message.startsWith('.tempest-gate.yaml: line 4, column '), String(e));
      assert.match(e.message, /YAML aliases expand to too much data \(more than 100 alias uses\)$/);
      return true;
    },
  );
  assert.throws(() => parseRulesText(`${aliasBomb(6)}version: 1\n`, 'r.yaml'), oneLineAt('r.yaml', 2));
});

test('rules sharing a step list through an anchor still read', () => {
  const text =
    'version: 1\nselections:\n  - name: a\n    files: [^nova/.*]\n    tempest: &steps\n      - regex: ^tempest\\.api\\.compute\n  - name: b\n    files: [^cinder/.*]\n    tempest: *steps\n';
  const r = parseRulesText(text, 'rules.yaml');
  assert.deepEqual(
    (JSON.parse(JSON.stringify(r.doc)) as { selections: { tempest: { regex: string }[] }[] }).selections.map(
      (s: { tempest: { regex: string }[] }) => s.tempest[0]?.regex,
    ),
    ['^tempest\\.api\\.compute', '^tempest\\.api\\.compute'],
  );
});

test('select CLI: a rules file with an alias bomb exits 3 with one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-yaml-bomb-'));
  try {
    const rules = join(dir, 'rules.yaml');
    writeFileSync(rules, `version: 1\n${aliasBomb(8)}`);
    const list = fileURLToPath(new URL('../fixtures/select/tempest-33.0.0-test-list.txt', import.meta.url));
    const r = await cliCommand(selectCommand, ['--rules', rules, '--files', '-', '--test-list', list, '--json'], { stdin: 'nova/a.py\n' });
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(r.stderr.includes(`${rules}: line 3, column 9: YAML aliases expand to too much data`), r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('known-failures files never expand aliases: a bomb is a one-line error at its line', () => {
  const text = `- &a {bug: "https://bugs.launchpad.net/nova/+bug/1", expires: 2030-01-01, test: x}\n- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n- [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
  assert.throws(
    () => parseKnownFailures(text, 'known.yaml'),
    (e: unknown) => e instanceof UserError && e.exitCode === 3 && /^known\.yaml: line 2, column \d+: /.test(e.message) && !e.message.includes('\n'),
  );
});
