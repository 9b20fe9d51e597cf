// Splitting Tempest test ids into class, method, attributes and idempotent id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseTestId } from '../../src/core/results/model.ts';

test('a Tempest id with attributes and an idempotent id', () => {
  assert.deepEqual(parseTestId('tempest.api.compute.servers.test_x.ServersTest.test_y[id-5CB1A2C8-aaaa-bbbb-cccc-0123456789ab,network,smoke]'), {
    name: 'tempest.api.compute.servers.test_x.ServersTest.test_y',
    className: 'tempest.api.compute.servers.test_x.ServersTest',
    method: 'test_y',
    attrs: ['network', 'smoke'],
    idempotentId: '5cb1a2c8-aaaa-bbbb-cccc-0123456789ab',
  });
});

test('ids without attributes, class fixtures, and brackets that are not attributes', () => {
  assert.deepEqual(parseTestId('pkg.mod.Class.test_plain'), {
    name: 'pkg.mod.Class.test_plain',
    className: 'pkg.mod.Class',
    method: 'test_plain',
    attrs: [],
    idempotentId: null,
  });
  assert.deepEqual(parseTestId('setUpClass (tempest.api.compute.servers.test_x.XTest)'), {
    name: 'setUpClass (tempest.api.compute.servers.test_x.XTest)',
    className: 'tempest.api.compute.servers.test_x.XTest',
    method: 'setUpClass',
    attrs: [],
    idempotentId: null,
  });
  assert.equal(parseTestId('a.B.test_c[smoke]').idempotentId, null);
  assert.deepEqual(parseTestId('a.B.test_c[smoke]').attrs, ['smoke']);
  assert.equal(parseTestId('a.B.test_c[id-not-a-uuid]').idempotentId, null);
  assert.deepEqual(parseTestId('a.B.test_c[x]y').attrs, []);
});

test('every id of the real Tempest 33.0.0 list has an idempotent id and a class', () => {
  const ids = readFileSync(new URL('../fixtures/tempest/tempest-33.0.0-test-list.txt', import.meta.url), 'utf8')
    .trim()
    .split('\n');
  assert.equal(ids.length, 1646);
  const parts = ids.map(parseTestId);
  assert.equal(parts.filter((p) => p.idempotentId !== null).length, 1646);
  // Idempotent ids are not unique: a subclass inherits its parent's tests with their ids
  // (e.g. FlavorsV255TestJSON and FlavorsV261TestJSON.test_crud_flavor). Matching by id alone is wrong.
  assert.equal(new Set(parts.map((p) => p.idempotentId)).size, 1521);
  assert.ok(parts.every((p) => p.className.startsWith('tempest.') && p.method.startsWith('test_')));
  assert.equal(parts.filter((p) => p.attrs.includes('smoke')).length, ids.filter((i) => /[[,]smoke[\],]/.test(i)).length);
});

const UUID_ATTR = /^id-([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

/** The attribute rule read plainly (split at commas, trim, drop empties; the first `id-<uuid>` is the idempotent id), as a yardstick. */
function attrsBySplit(id: string): { attrs: string[]; idempotentId: string | null } | null {
  const open = id.endsWith(']') ? id.lastIndexOf('[') : -1;
  if (open < 0 || id.indexOf(']', open) !== id.length - 1 || /^(setUpClass|tearDownClass|setUpModule|tearDownModule) \(.*\)$/.test(id)) return null;
  const attrs: string[] = [];
  let idempotentId: string | null = null;
  for (const raw of id.slice(open + 1, -1).split(',')) {
    const attr = raw.trim();
    if (attr === '') continue;
    const uuid: RegExpExecArray | null = idempotentId === null ? UUID_ATTR.exec(attr) : null;
    if (uuid !== null) idempotentId = (uuid[1] ?? '').toLowerCase();
    else attrs.push(attr);
  }
  return { attrs, idempotentId };
}

test('attributes are cut at every comma, trimmed, empties dropped, on random ids (seeded)', () => {
  const pieces = [
    'a',
    '.',
    '[',
    ']',
    ',',
    ' ',
    '\t',
    '',
    ')',
    'smoke',
    'é',
    'id-12345678-1234-1234-1234-123456789abc',
    'id-12345678-1234-1234-1234-123456789ABC',
  ];
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  let checked = 0;
  for (let i = 0; i < 20_000; i++) {
    let id = 'pkg.Class.test[';
    for (let k = next(9); k > 0; k--) id += pieces[next(pieces.length)];
    id += ']';
    const want = attrsBySplit(id);
    if (want === null) continue;
    const got = parseTestId(id);
    assert.deepEqual({ attrs: got.attrs, idempotentId: got.idempotentId }, want, id);
    checked++;
  }
  assert.ok(checked > 10_000, `only ${checked} ids had attributes`);
});
