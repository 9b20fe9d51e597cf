// action.yml and the code agree: every input the code reads is declared (an undeclared one reads
// as '' without a word), every declared input is read, every output set is declared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const yml = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: Record<string, string>;
};
const source = (f: string): string => readFileSync(new URL(`src/action/${f}`, root), 'utf8');

test('action.yml runs on node24 with main, post and post-if: always()', () => {
  assert.deepEqual(yml.runs, { using: 'node24', main: 'dist/index.js', post: 'dist/post.js', 'post-if': 'always()' });
});

test('inputs read by inputs.ts are exactly the inputs declared, each with a description', () => {
  const text = source('inputs.ts');
  const read = new Set([...text.matchAll(/(?:input|bool|oneOf|wholeNumber|durationSeconds|core\.getInput)\('([a-z-]+)'/g)].map((m) => m[1]));
  assert.deepEqual([...read].sort(), Object.keys(yml.inputs).sort());
  for (const [name, spec] of Object.entries(yml.inputs)) {
    assert.ok(spec.description.length > 10, `${name} has a description`);
    assert.match(name, /^[a-z]+(-[a-z]+)*$/, `${name} is kebab-case`);
  }
});

test('outputs set by the action are declared', () => {
  const text = ['run-main.ts', 'gate.ts', 'publish.ts'].map(source).join('\n');
  const set = new Set([...text.matchAll(/core\.setOutput\('([a-z-]+)'/g)].map((m) => m[1]));
  assert.deepEqual([...set].sort(), Object.keys(yml.outputs).sort());
});
