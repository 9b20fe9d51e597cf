// The Python-regex translation against Python's own re.search: for every pattern we accept, the
// match/no-match of every subject must equal Python's; a pattern Python rejects we reject too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { translatePythonRegex, compilePythonSearch, PyRegexError } from '../../src/core/select/pyregex.ts';
import { oracleMissing, runPythonSearch } from './oracle-helpers.ts';

const missing = oracleMissing();
const skip = missing && !process.env.CI ? missing : false;

const SUBJECTS = [
  '',
  'tempest.api.compute.servers.test_servers.ServersTestJSON.test_create_server[id-5de47127-9977-400a-936f-abcfbec1218f,smoke]',
  'tempest.api.compute.admin.test_live_migration.LiveMigrationTest.test_live_block_migration[id-1dce86b8-eb04-4c03-a9d8-9c1dc3ee0c7b,multinode,slow]',
  'tempest.scenario.test_network_basic_ops.TestNetworkBasicOps.test_network_basic_ops[compute,id-f323b3ba-82f8-4db7-8ea6-6a895869ec49,network,slow]',
  'tempest.api.identity.admin.v3.test_users.UsersV3TestJSON.test_update_user_password[id-2d223a0e-e457-4a70-9fb1-2e1e2e7e9be6]',
  'tempest.serial_tests.api.admin.test_aggregates.AggregatesAdminTestJSON.test_aggregate_basic_ops[id-b0f2ba6f-8b7c-4a67-ba5c-1f8bd1e0d3a8]',
  'tempest.api.network.test_networks_negative.NetworksNegativeTestJSON.test_show_non_existent_network[id-9293e937-824d-42d2-8d5b-e985ea67002a,negative]',
  'setUpClass (tempest.api.compute.servers.test_server_personality.ServerPersonalityTestJSON)',
  'abc\n',
  'abc\ndef',
  'a\rb',
  'A_b-9 {x}',
  'aaa]bbb',
  'x[y]z',
  'foo bar\tbaz',
  '12 34',
  'ABC abc',
  '\\back',
  'a.b*c+d?e',
  'AbC{2}',
];

const CORPUS = [
  '(?!.*\\[.*\\bslow\\b.*\\])(^tempest\\.api)',
  '(?!.*\\[.*\\bslow\\b.*\\])(^tempest\\.scenario)|(^tempest\\.serial_tests)',
  '(^tempest\\.scenario.*)|(^tempest\\.serial_tests)|(?!.*\\[.*\\bslow\\b.*\\])(^tempest\\.api)',
  '\\[.*\\bsmoke|multinode\\b.*\\]',
  '\\[.*\\bsmoke|ipv6|test_network_v6\\b.*\\]',
  '\\[.*\\bslow\\b.*\\]',
  'tempest.api.identity',
  'negative',
  '',
  'abc$',
  'abc\\Z',
  '\\Aabc',
  '^abc',
  '(?m)^def',
  '(?m)abc$',
  '(?s)abc.def',
  'abc.def',
  '(?i)abc',
  '(?i:abc) abc',
  'A(?i:b)C',
  '(?x) a b c  # comment',
  '(?x)[ ]b',
  'a{2}',
  'a{,2}b',
  'a{2,}',
  'a{1,2}?',
  '{',
  'x{',
  'a{x}',
  'C{2}',
  '[]a]',
  '[^]a]',
  ']',
  '}',
  '[a-]',
  '[-a]',
  '[\\]]',
  '[\\d]',
  '[\\w.-]+',
  '\\d+',
  '\\D',
  '\\s',
  '\\S+',
  '[\\s]',
  '\\W',
  '\\x41',
  '\\u0041',
  '\\U00000041',
  '\\101',
  '\\0',
  '\\t',
  '\\a',
  '(a)\\1',
  '(?P<n>a)(?P=n)',
  '(?P<n>b)c',
  '(?<=a)b',
  '(?<!a)b',
  '(?<=a+)b',
  '(?#comment)abc',
  '(?:a|b)+c',
  'a|',
  '|a',
  '(?=.*smoke)tempest',
  'a**',
  '*a',
  '(?i)',
  'a(?i)b',
  '(?>a)',
  'a++',
  '(?(1)a|b)',
  '\\N{LATIN SMALL LETTER A}',
  '\\q',
  '[\\S]',
  '(?<n>a)',
  '(a',
  'a)',
  '[a',
  '\\',
  '\\8',
  '(?a)\\w+',
  '\\bABC\\b',
  '\\Btest',
  '\\[\\]',
  '[[]',
  'a{3,1}',
  'test_(create|delete)_server',
  'Servers?TestJSON',
  '.*smoke',
  '^$',
  '$',
  '(?m)$',
  '\\n',
  '[\\n]',
  '[^\\n]+$',
  // Tempest's run-tempest role documents this multi-line, commented regex.
  '(?x)    # Ignore comments and whitespaces\n# Line with only a comment.\n(tempest\\.(api|scenario|thirdparty)).*$    # Run only api scenario and third party\n',
];

test('translated patterns match exactly what Python re.search matches', { skip }, () => {
  assert.equal(missing, null, missing ?? '');
  const py = runPythonSearch(CORPUS, SUBJECTS);
  const rejectedOnlyByUs: string[] = [];
  CORPUS.forEach((p, i) => {
    const want = py[i];
    assert.ok(want);
    let ours: string | { error: string };
    try {
      const s = compilePythonSearch(p);
      ours = SUBJECTS.map((x) => (s.search(x) ? '1' : '0')).join('');
    } catch (err) {
      assert.ok(err instanceof PyRegexError, `${p}: ${String(err)}`);
      ours = { error: err.message };
    }
    if ('error' in want) assert.ok(typeof ours !== 'string', `Python rejects ${JSON.stringify(p)} (${want.error}) but we accepted it`);
    else if (typeof ours === 'string') assert.equal(ours, want.matches, `pattern ${JSON.stringify(p)}`);
    else rejectedOnlyByUs.push(p);
  });
  // What Python accepts but has no provably equal JavaScript form: rejected on purpose, nothing else.
  assert.deepEqual(rejectedOnlyByUs, ['(?>a)', 'a++', '\\N{LATIN SMALL LETTER A}', '[\\S]']);
});

test('constructs without an exact JavaScript form are rejected with a reason and offset', () => {
  for (const [p, text] of [
    ['(?>a)', 'atomic'],
    ['a++', 'possessive'],
    ['(?(1)a|b)', 'conditional'],
    ['\\N{DIGIT ONE}', '\\N'],
    ['[\\S]', '\\S inside a character class'],
    ['(?<n>a)', '(?P<name>'],
  ] as const) {
    assert.throws(
      () => translatePythonRegex(p),
      (e: unknown) => e instanceof PyRegexError && e.message.includes(text),
      p,
    );
  }
  assert.throws(
    () => translatePythonRegex('ab(cd'),
    (e: unknown) => e instanceof PyRegexError && e.offset === 2,
  );
});

test('anchoring and literal analysis', () => {
  const api = translatePythonRegex('(?!.*\\[.*\\bslow\\b.*\\])(^tempest\\.api)');
  assert.equal(api.anchoredStart, true);
  assert.deepEqual(api.requiredLiterals, ['tempest.api']);
  const serial = translatePythonRegex('(?!.*\\[.*\\bslow\\b.*\\])(^tempest\\.scenario)|(^tempest\\.serial_tests)');
  assert.equal(serial.anchoredStart, true);
  const multinode = translatePythonRegex('\\[.*\\bsmoke|multinode\\b.*\\]');
  assert.equal(multinode.anchoredStart, false);
  assert.deepEqual(multinode.requiredLiterals, ['smoke', 'multinode']);
  assert.equal(translatePythonRegex('negative').pureLiteral, 'negative');
  assert.equal(translatePythonRegex('tempest.api').pureLiteral, null);
  assert.equal(translatePythonRegex('(?m)^a').anchoredStart, false);
  assert.equal(translatePythonRegex('a?^b').anchoredStart, true);
  assert.equal(translatePythonRegex('(^a)?b').anchoredStart, false);
});

test('the fast paths (prefix gate, lookaround pruning, memo-free search) agree with the plain translated RegExp', () => {
  const patterns = fc.sample(pattern, { numRuns: 1000, seed: 42 });
  const subjects = [...SUBJECTS, ...fc.sample(subject, { numRuns: 300, seed: 9 })];
  let compared = 0;
  for (const p of patterns) {
    let fast;
    try {
      fast = compilePythonSearch(p);
    } catch {
      continue;
    }
    const plain = new RegExp(fast.translated.source, fast.translated.flags);
    for (const x of subjects) assert.equal(fast.search(x), plain.test(x), `${JSON.stringify(p)} on ${JSON.stringify(x)}`);
    compared++;
  }
  assert.ok(compared > 600, `only ${compared} patterns compared`);
});

// Random patterns from a small grammar over the constructs above, against random subjects.
const atom = fc.oneof(
  fc.constantFrom(
    'a',
    'b',
    'c',
    '.',
    '\\.',
    '\\[',
    '\\]',
    '[ab]',
    '[^a]',
    '\\w',
    '\\d',
    '\\s',
    '\\b',
    '^',
    '$',
    'smoke',
    'slow',
    '\\n',
    '[a-c]',
    '[]a]',
    '\\Z',
    '\\A',
    ' ',
  ),
  fc.constantFrom('tempest\\.api', 'tempest\\.scenario', '(?!.*\\[.*\\bslow\\b.*\\])', '(?<!a)', '\\[.*\\bsmoke'),
);
const quant = fc.constantFrom('', '', '', '*', '+', '?', '*?', '{2}', '{,2}', '{1,2}');
const piece = fc.tuple(atom, quant).map(([a, q]) => (/^(\\b|\^|\$|\\Z|\\A|\(\?.*)$/.test(a) ? a : a + q));
const seq = fc.array(piece, { minLength: 0, maxLength: 5 }).map((xs) => xs.join(''));
const group = fc
  .tuple(fc.constantFrom('(', '(?:', '(?=', '(?!', '(?i:'), seq, fc.constantFrom(')', ')?', '){2}'))
  .map(([o, s, c]) => (o === '(?=' || o === '(?!' ? `${o}${s})` : `${o}${s}${c}`));
const branch = fc.array(fc.oneof(seq, group), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(''));
const pattern = fc.tuple(fc.constantFrom('', '', '(?m)', '(?s)', '(?i)'), fc.array(branch, { minLength: 1, maxLength: 3 })).map(([f, bs]) => f + bs.join('|'));
const subject = fc.oneof(
  fc.stringMatching(/^[abcslowmke.[\] \n_A-C0-9]{0,14}$/),
  // Tempest-shaped ids, with and without attrs such as slow and smoke.
  fc
    .tuple(
      fc.constantFrom('tempest.api.a', 'tempest.scenario.b', 'tempest.serial_tests.c', 'x.tempest.api'),
      fc.constantFrom('', '[id-1]', '[id-1,slow]', '[smoke,id-2]', '[multinode,slow]'),
    )
    .map(([a, b]) => a + b),
);

test('random patterns agree with Python re.search', { skip }, () => {
  assert.equal(missing, null, missing ?? '');
  const patterns = fc.sample(pattern, { numRuns: 1000, seed: 20261125 });
  const subjects = [...SUBJECTS, ...fc.sample(subject, { numRuns: 200, seed: 7 })];
  const py = runPythonSearch(patterns, subjects);
  let compared = 0;
  patterns.forEach((p, i) => {
    const want = py[i];
    assert.ok(want);
    let s;
    try {
      s = compilePythonSearch(p);
    } catch (err) {
      assert.ok(err instanceof PyRegexError, String(err));
      return;
    }
    assert.ok(!('error' in want), `Python rejects ${JSON.stringify(p)} (${'error' in want ? want.error : ''}) but we accepted it`);
    assert.equal(subjects.map((x) => (s.search(x) ? '1' : '0')).join(''), want.matches, `pattern ${JSON.stringify(p)}`);
    compared++;
  });
  assert.ok(compared > 600, `only ${compared} patterns compared`);
});
