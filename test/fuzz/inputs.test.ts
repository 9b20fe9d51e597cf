// Fuzz: every file a user hands the gate besides results: rules YAML (parsed, built, selected
// with), clouds.yaml (and its YAML bombs), known failures, baselines, Interop guidelines and
// Tempest test lists (include/exclude lists as stestr reads them). Edits of real files, keywords
// of each format inserted, random YAML and JSON values. Bad input is a UserError naming the file,
// never another exception; no case hangs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { buildRules, parseRulesText } from '../../src/core/select/rules.ts';
import { selectTests } from '../../src/core/select/select.ts';
import { compileListFile, constructList, testIdsOf } from '../../src/core/select/stestr.ts';
import { loadPresetCatalog } from '../../src/edges/select-data.ts';
import { resolveCloud } from '../../src/edges/openstack/cloud-config.ts';
import { readKnownFailures, parseKnownFailures, parseBaseline, toBaseline, summarizeRuns } from '../../src/core/compare/index.ts';
import { baselineFromBytes } from '../../src/core/compare/baseline.ts';
import { parseGuideline } from '../../src/core/interop/index.ts';
import { parseResults } from '../../src/core/results/parse.ts';
import { fuzz, mutatedText, reads } from './harness.ts';

const text = (url: string): string => readFileSync(new URL(url, import.meta.url), 'utf8');
const RULES = text('../fixtures/select/rules-example.yaml');
const LIST = text('../fixtures/select/network-negative-include.txt');
const IDS = text('../fixtures/select/tempest-33.0.0-test-list.txt').split('\n').filter(Boolean).slice(0, 400);
const GUIDELINE = text('../fixtures/compare/add-ons-dns.2020.06.json');
const KNOWN = ['1260311', '1775947', '1798475'].map((n) => text(`../fixtures/compare/${n}.yaml`)).join('\n');
const BASELINE = `${JSON.stringify(toBaseline(summarizeRuns([parseResults(readFileSync(new URL('../fixtures/subunit/tempest-describe-calls.subunit', import.meta.url)))], { created: '2026-01-01T00:00:00Z' })), null, 1)}\n`;
const CLOUDS = `clouds:
  tg:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: demo
      password: pw
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    verify: true
    regions: [RegionOne, {name: Two, values: {interface: internal}}]
`;
const catalog = loadPresetCatalog();
const YAML_TOKENS = [
  ': ',
  '- ',
  '\n',
  '\n  ',
  '&a ',
  '*a',
  '!!binary ',
  '!!str ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '? ',
  '<<: *a',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '\t',
  '|\n',
  '>\n',
];
const REGEX_TOKENS = ['(', ')', '(?P<x>', '(?=', '(?<!a)', '\\1', '\\', '[', ']', '*', '+', '{1000}', '{2,1}', '(?i)', '(a+)+$', '.*', '^', '$', '|'];
const bomb = (depth: number): string => {
  let y = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i <= depth; i++) y += `a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]\n`;
  return y;
};

test('rules YAML: parsed, built with the presets, selected with; edits, keywords, regexes, bombs', { timeout: 120_000 }, async () => {
  const select = (t: string) => () => {
    const parsed = parseRulesText(t, '.tempest-gate.yaml');
    const lists = Object.fromEntries(parsed.listFiles.map((f) => [f.path, LIST]));
    const rules = buildRules(parsed, { catalog, lists });
    selectTests({ rules, changedFiles: ['nova/compute/manager.py', 'neutron/x.py', 'keystone/a.py', 'setup.cfg'], testIds: IDS.slice(0, 100), explain: true });
  };
  await fuzz(
    'rules YAML (edited real file)',
    mutatedText(RULES, [...YAML_TOKENS, ...REGEX_TOKENS, 'preset: nova\n', 'version: 2\n', 'tempest: full\n'], 6),
    900,
    (t) => reads(select(t)),
  );
  await fuzz('rules YAML (random values)', fc.jsonValue({ maxDepth: 4 }), 500, (v) =>
    reads(select(stringify({ version: 1, selections: [{ name: 'x', files: '.*', tempest: v }] }))),
  );
  await fuzz('rules YAML (alias bombs)', fc.integer({ min: 1, max: 9 }), 30, (d) => reads(select(`${bomb(d)}version: 1\nselections: *a${d}\n`)));
});

test('clouds.yaml: edits, keywords, random values, bombs', { timeout: 120_000 }, async () => {
  const resolve = (t: string) => () =>
    resolveCloud({ cloud: 'tg', env: {}, cwd: tmpdir(), home: tmpdir(), siteDirs: [], configText: { file: 'clouds.yaml', text: t } });
  const tokens = [
    ...YAML_TOKENS,
    'auth_type: v3applicationcredential\n',
    'profile: x\n',
    'insecure: maybe\n',
    'tenant_name: t\n',
    'domain_id: d\n',
    'cloud: tg\n',
  ];
  await fuzz('clouds.yaml (edited real file)', mutatedText(CLOUDS, tokens, 6), 900, (t) => reads(resolve(t)));
  await fuzz(
    'clouds.yaml (random values)',
    fc.dictionary(
      fc.constantFrom('auth', 'auth_type', 'region_name', 'regions', 'interface', 'verify', 'cacert', 'profile', 'x'),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 5 },
    ),
    500,
    (cloud) => reads(resolve(stringify({ clouds: { tg: cloud } }))),
  );
  await fuzz('clouds.yaml (alias bombs)', fc.integer({ min: 1, max: 9 }), 30, (d) => reads(resolve(`${bomb(d)}clouds: {tg: {auth: *a${d}}}\n`)));
});

test('known failures: edits of real entries; the lenient reader keeps what the strict one would', { timeout: 120_000 }, async () => {
  const tokens = [...YAML_TOKENS, ...REGEX_TOKENS, 'expires: 2026-02-30\n', 'query: >\n  x\n', 'test_ids: [a]\n', 'signature: (a+)+$\n', 'bug: 1\n'];
  await fuzz('known failures (edited real files)', mutatedText(KNOWN, tokens, 6), 900, (t) => {
    const { known, problems } = readKnownFailures(t, 'known.yaml');
    for (const p of problems) assert.ok(!p.message.includes('\n'));
    const strict = reads(() => parseKnownFailures(t, 'known.yaml'));
    assert.equal(strict === 'bad', problems.length > 0);
    for (const e of known.entries) assert.match(e.source, /^known\.yaml:\d+$/);
    return strict;
  });
});

test('baselines and guidelines: edits of real files, random JSON', { timeout: 120_000 }, async () => {
  const tokens = ['null', '{', '}', '[', ']', ',', '"', '1e999', '"outcome": "pass"', '"schema": "tempest-gate/baseline@9"', '"tests": {}', '"\\u0000"'];
  await fuzz('baseline JSON (edited real baseline)', mutatedText(BASELINE, tokens, 5), 700, (t) => reads(() => parseBaseline(t, 'base.json')));
  await fuzz('baseline (any file as --baseline)', mutatedText(BASELINE, tokens, 3), 300, (t) =>
    reads(() => baselineFromBytes(new TextEncoder().encode(t), 'base', { created: '2026-01-01T00:00:00Z' })),
  );
  await fuzz('Interop guideline (edited real guideline)', mutatedText(GUIDELINE, [...tokens, '"schema": "1.6"', '"required": 5'], 5), 600, (t) =>
    reads(() => parseGuideline(t, 'g.json')),
  );
  await fuzz(
    'Interop guideline (random values)',
    fc.dictionary(fc.constantFrom('metadata', 'platforms', 'components', 'capabilities', 'id'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
    400,
    (v) => reads(() => parseGuideline(JSON.stringify(v), 'g.json')),
  );
});

test('test lists: include and exclude lists of regexes (comments, hostile patterns) over real ids', { timeout: 120_000 }, async () => {
  await fuzz(
    'test lists (edited real list, hostile regexes)',
    fc.tuple(mutatedText(LIST, [...REGEX_TOKENS, '#', '\n', '\r\n'], 8), fc.boolean()),
    700,
    ([t, exclude]) =>
      reads(() => {
        const ids = testIdsOf(t);
        assert.ok(ids.every((i) => i === i.trim() && i.length > 0));
        const filters = compileListFile({ name: 'list.txt', text: t }, exclude ? 'exclude' : 'include');
        constructList(IDS, { regexes: [], includeList: exclude ? [] : filters, excludeList: exclude ? filters : [], excludeRegex: undefined });
      }),
  );
});
