// shQuote against real shells: whatever the value, `sh -c "printf %s <quoted>"` prints it back
// unchanged and runs nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { shJoin, shQuote } from '../../src/core/run/shell-quote.ts';

const SHELLS = ['/bin/sh', '/bin/bash', '/bin/dash'].filter((s) => existsSync(s));

function echoThrough(shell: string, value: string, cwd: string): string {
  return execFileSync(shell, ['-c', `printf %s ${shQuote(value)}`], { cwd, encoding: 'utf8' });
}

const HOSTILE = [
  '',
  ' ',
  "'",
  "''",
  '"',
  '\\',
  "it's",
  '$(touch pwned)',
  '`touch pwned`',
  '${IFS}touch${IFS}pwned',
  '; touch pwned',
  '&& touch pwned #',
  '| touch pwned',
  'a\nb\n\ntouch pwned',
  '\r\n',
  '*',
  '~',
  '~root',
  '-n',
  '--help',
  '$HOME',
  '!!',
  "'; touch pwned; echo '",
  "\\'$(touch pwned)\\'",
  '^tempest\\.api\\.(compute|identity)\\..*\\[.*smoke.*\\]$',
  'feature/$(id)`id`',
  'refs/heads/"quoted"\'single\'',
  'test file with spaces.txt',
  '%s%n%x',
  'é ü 中文 😀',
  '\t\v\f',
  'FOO=bar',
];

test('hostile strings come back unchanged from sh, bash and dash, and run nothing', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'tg-quote-'));
  try {
    for (const shell of SHELLS) {
      for (const value of HOSTILE) assert.equal(echoThrough(shell, value, cwd), value, `${shell}: ${JSON.stringify(value)}`);
    }
    assert.deepEqual(readdirSync(cwd), [], 'no command embedded in a value ran');
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('any string without NUL round-trips through /bin/sh (property)', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'tg-quote-'));
  try {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000')),
        (value) => {
          assert.equal(echoThrough('/bin/sh', value, cwd), value);
        },
      ),
      { numRuns: 150 },
    );
    assert.deepEqual(readdirSync(cwd), []);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test('shJoin keeps argv boundaries: every argument arrives whole', () => {
  const argv = ['a b', "c'd", '', '$(x)', 'e\nf'];
  const out = execFileSync('/bin/sh', ['-c', `for a in ${shJoin(argv)}; do printf '<%s>' "$a"; done`], { encoding: 'utf8' });
  assert.equal(out, argv.map((a) => `<${a}>`).join(''));
});

test('a quoted command nested in a quoted sh -c keeps its values', () => {
  const value = "x'; touch pwned; '$(id)";
  const inner = `printf %s ${shQuote(value)}`;
  const out = execFileSync('/bin/sh', ['-c', `sh -c ${shQuote(inner)}`], { encoding: 'utf8' });
  assert.equal(out, value);
});

test('plain words stay readable; a NUL is refused', () => {
  assert.equal(shQuote('tempest.api.compute'), 'tempest.api.compute');
  assert.equal(shQuote('/opt/stack/logs'), '/opt/stack/logs');
  assert.equal(shQuote('a b'), "'a b'");
  assert.equal(shQuote('FOO=bar'), "'FOO=bar'", 'an assignment-looking word is quoted');
  assert.throws(() => shQuote('a\u0000b'), /NUL/);
});
