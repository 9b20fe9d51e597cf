// Zuul's file-matcher semantics, on the cases Zuul's documentation gives (doc/source/config/job.rst
// `files`, `irrelevant-files`, `match-on-config-updates`; project-config.rst "Regular Expressions")
// and on the matcher's edge cases (/COMMIT_MSG, refs without files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFileMatcher, evaluateFileFilters, re2LiteralPrefix, type FileMatcherSpec } from '../../src/core/select/zuul-files.ts';
import { UserError } from '../../src/core/errors.ts';

const m = (regex: string, negate = false): ReturnType<typeof compileFileMatcher> => compileFileMatcher({ regex, negate }, 'test');
const applies = (o: { files?: string[]; irrelevant?: (string | FileMatcherSpec)[]; changed: string[]; config?: string[] }): boolean =>
  evaluateFileFilters({
    files: o.files?.map((r) => m(r)),
    irrelevantFiles: o.irrelevant?.map((r) => (typeof r === 'string' ? m(r) : compileFileMatcher(r, 'test'))),
    changed: o.changed,
    configFiles: o.config,
  }).applies;

test('regexes match from the start of the path, as if there were an implicit ^', () => {
  assert.equal(m('docs/.*').matches('docs/index.rst'), true);
  assert.equal(m('docs/.*').matches('src/docs/index.rst'), false);
  // "To match at an arbitrary position, prepend .* to the regular expression."
  assert.equal(m('.*docs/.*').matches('src/docs/index.rst'), true);
  // Anchored at the start only, not at the end.
  assert.equal(m('doc').matches('docs/index.rst'), true);
  assert.equal(m('^setup.cfg$').matches('setup.cfg'), true);
  assert.equal(m('^setup.cfg$').matches('setup.cfg.orig'), false);
});

test('the regex forms are equivalent: string, list, {regex, negate: false}', () => {
  // project-config.rst: `devel`, `[devel]`, `{regex: devel, negate: false}` all match "devel".
  for (const spec of [{ regex: 'devel', negate: false }]) assert.equal(compileFileMatcher(spec, 't').matches('devel'), true);
  assert.equal(m('devel', true).matches('devel'), false);
  assert.equal(m('devel', true).matches('master'), true);
});

test('files: the job runs only when a changed file matches', () => {
  assert.equal(applies({ files: ['nova/compute/.*'], changed: ['nova/compute/manager.py', 'doc/x.rst'] }), true);
  assert.equal(applies({ files: ['nova/compute/.*'], changed: ['nova/network/api.py'] }), false);
});

test('irrelevant-files: "if the regular expression docs/.* is supplied, then this job will not run if the only files changed are in the docs directory"', () => {
  assert.equal(applies({ irrelevant: ['docs/.*'], changed: ['docs/index.rst', 'docs/conf.py'] }), false);
  assert.equal(applies({ irrelevant: ['docs/.*'], changed: ['docs/index.rst', 'nova/api.py'] }), true);
});

test('files and irrelevant-files together: both must allow the job', () => {
  const files = ['nova/.*'];
  const irrelevant = ['.*\\.rst$'];
  assert.equal(applies({ files, irrelevant, changed: ['nova/README.rst'] }), false);
  assert.equal(applies({ files, irrelevant, changed: ['nova/README.rst', 'nova/api.py'] }), true);
  assert.equal(applies({ files, irrelevant, changed: ['tools/x.py'] }), false);
});

test('negate inside irrelevant-files: everything outside zuul.d/ is irrelevant except project.yaml (the RE2 way to write a lookahead)', () => {
  const irrelevant: FileMatcherSpec[] = [{ regex: 'zuul.d/project.yaml', negate: true }];
  assert.equal(applies({ irrelevant, changed: ['zuul.d/base.yaml'] }), false);
  assert.equal(applies({ irrelevant, changed: ['zuul.d/project.yaml'] }), true);
});

test('file filters are ignored for refs without files, and /COMMIT_MSG is not a file', () => {
  assert.equal(applies({ files: ['nova/.*'], changed: [] }), true);
  assert.equal(applies({ irrelevant: ['.*'], changed: [] }), true);
  assert.equal(applies({ irrelevant: ['doc/.*'], changed: ['/COMMIT_MSG'] }), true);
  assert.equal(applies({ irrelevant: ['doc/.*'], changed: ['/COMMIT_MSG', 'doc/a.rst'] }), false);
  assert.equal(applies({ files: ['nova/.*'], changed: ['/COMMIT_MSG', 'doc/a.rst'] }), false);
});

test('match-on-config-updates: a change to the configuration applies whatever the filters say', () => {
  assert.equal(applies({ files: ['nova/.*'], changed: ['.tempest-gate.yaml'], config: ['.tempest-gate.yaml'] }), true);
  assert.equal(applies({ irrelevant: ['.*'], changed: ['.tempest-gate.yaml'], config: ['.tempest-gate.yaml'] }), true);
});

test('RE2 rejects lookahead: the error names the rule and suggests negate', () => {
  assert.throws(
    () =>
      compileFileMatcher(
        { regex: '^(?!zuul.d/project.yaml).*$', negate: false, place: { file: '.tempest-gate.yaml', line: 7, column: 11 } },
        "selection 'compute': irrelevant-files[0]",
      ),
    (e: unknown) =>
      e instanceof UserError &&
      /^\.tempest-gate\.yaml: line 7, column 11: selection 'compute': irrelevant-files\[0\]: .*lookaround.*negate: true/.test(e.message),
  );
  assert.throws(() => compileFileMatcher({ regex: '(a)\\1', negate: false }, 'x'), UserError);
  assert.throws(() => compileFileMatcher({ regex: 'a(', negate: false }, 'x'), /not valid RE2/);
});

test('the literal-prefix prefilter never changes a result', () => {
  assert.equal(re2LiteralPrefix('^doc/.*$'), 'doc/');
  assert.equal(re2LiteralPrefix('^\\.gitignore$'), '.gitignore');
  assert.equal(re2LiteralPrefix('docs?/x'), 'doc');
  assert.equal(re2LiteralPrefix('a|b'), '');
  assert.equal(re2LiteralPrefix('ab+c'), 'ab');
  assert.equal(re2LiteralPrefix('(?i)doc'), '');
  const pats = ['^doc/.*$', 'docs?/x', 'ab+c', '^\\.gitignore$', '^.*\\.rst$', 'a{2}b', 'x\\d', 'nova/(api|compute)/.*'];
  const paths = ['doc/a', 'docs/x', 'do/x', 'abbc', 'ac', '.gitignore', 'a.rst', 'aab', 'x1', 'nova/api/x', 'nova/compute/y', 'nova/db/z'];
  for (const p of pats) {
    const fast = m(p);
    for (const f of paths) {
      // Against plain re2js without the prefilter.
      const plain = compileFileMatcher({ regex: `(?:${p})`, negate: false }, 't');
      assert.equal(fast.matches(f), plain.matches(f), `${p} on ${f}`);
    }
  }
});
