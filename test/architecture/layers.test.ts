// The layers, checked over the code's own imports (static and dynamic), not by eye:
//   core/    pure: imports only core/ and pure libraries (no files, network, processes, clock)
//   edges/   imports core/ and edges/
//   stages/  imports core/, edges/ and stages/
//   cli/, action/  the entry points: each imports core/, edges/, stages/ and itself, never the other
// and no runtime import cycle anywhere in src/ (type-only imports are erased and do not count).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

// Comments and strings are blanked first so that an import shown in a comment or a template is not read.
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

function edges(): { modules: string[]; edges: Edge[]; packages: Map<string, Set<string>> } {
  const modules = files(SRC).map((f) => relative(SRC, f));
  const out: Edge[] = [];
  const packages = new Map<string, Set<string>>();
  const patterns = [
    /^\s*import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm,
    /^\s*export\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm,
    /()import\('([^']+)'\)/g,
    /^\s*import\s+()'([^']+)'/gm,
  ];
  for (const m of modules) {
    const text = code(readFileSync(join(SRC, m), 'utf8'));
    for (const re of patterns) {
      for (const hit of text.matchAll(re)) {
        const spec = hit[2] ?? '';
        if (spec.startsWith('.')) {
          const to = relative(SRC, resolve(dirname(join(SRC, m)), spec));
          if (!to.startsWith('..')) out.push({ from: m, to, typeOnly: Boolean(hit[1]) });
        } else {
          const set = packages.get(m) ?? new Set<string>();
          set.add(spec);
          packages.set(m, set);
        }
      }
    }
  }
  return { modules, edges: out, packages };
}

const layer = (path: string): string => path.split('/')[0] ?? '';
const graph = edges();

test('the import graph was read (a broken reader must not pass the checks below)', () => {
  assert.ok(graph.modules.length > 80, `${graph.modules.length} modules`);
  assert.ok(graph.edges.length > 200, `${graph.edges.length} imports`);
  assert.ok(
    graph.edges.some((e) => e.from === 'action/gate.ts' && e.to === 'stages/judge.ts'),
    'the gate imports the judge stage',
  );
  assert.ok(graph.edges.some((e) => e.from.startsWith('cli/') && e.to.startsWith('stages/') && !e.typeOnly));
});

test('every import resolves to a module of src/', () => {
  const known = new Set(graph.modules);
  const missing = graph.edges.filter((e) => !known.has(e.to)).map((e) => `${e.from} -> ${e.to}`);
  assert.deepEqual(missing, []);
});

test('each layer imports only the layers below it; the entry points never import each other', () => {
  const allowed: Record<string, string[]> = {
    core: ['core'],
    edges: ['core', 'edges'],
    stages: ['core', 'edges', 'stages'],
    cli: ['core', 'edges', 'stages', 'cli'],
    action: ['core', 'edges', 'stages', 'action'],
  };
  const wrong = graph.edges.filter((e) => !(allowed[layer(e.from)] ?? []).includes(layer(e.to))).map((e) => `${e.from} -> ${e.to}`);
  assert.deepEqual(wrong, []);
  assert.deepEqual(Object.keys(allowed).sort(), [...new Set(graph.modules.map(layer))].sort(), 'every folder of src/ is a known layer');
});

test('core/ is pure: no files, network, processes, environment, clock or GitHub toolkit', () => {
  const pure = new Set(['node:zlib', 'node:crypto', 'node:util', 'node:buffer', 'ajv', 'yaml', 'fast-xml-parser', 're2js']);
  const impure: string[] = [];
  for (const [m, pkgs] of graph.packages) if (layer(m) === 'core') for (const p of pkgs) if (!pure.has(p)) impure.push(`${m} -> ${p}`);
  assert.deepEqual(impure, []);
  const touches: string[] = [];
  for (const m of graph.modules.filter((x) => layer(x) === 'core')) {
    const text = code(readFileSync(join(SRC, m), 'utf8'));
    for (const bad of ['process.env', 'process.exit', 'Date.now(', 'new Date()', 'process.cwd(']) if (text.includes(bad)) touches.push(`${m}: ${bad}`);
  }
  assert.deepEqual(touches, []);
});

test('no runtime import cycle in src/', () => {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) if (!e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (m: string, path: string[]): void => {
    if (state.get(m) === 'done') return;
    if (state.get(m) === 'open') {
      cycles.push([...path.slice(path.indexOf(m)), m].join(' -> '));
      return;
    }
    state.set(m, 'open');
    for (const n of next.get(m) ?? []) visit(n, [...path, m]);
    state.set(m, 'done');
  };
  for (const m of graph.modules) visit(m, []);
  assert.deepEqual(cycles, []);
});
