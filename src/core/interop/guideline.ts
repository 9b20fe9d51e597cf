// Read an Interop (DefCore) guideline, schema 2.0, defensively: every problem is one error naming
// the file, the JSON path and, where it can be found, the line and column.
// Real guidelines name the test flag `flagged` while the 2.0 JSON Schema says `flag`: both are read.
import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../errors.ts';
import { parseJsonText } from '../compare/baseline.ts';
import { CAPABILITY_STATUSES, type Capability, type CapabilityStatus, type Component, type Guideline, type GuidelineTest, type Target } from './model.ts';

type Path = (string | number)[];

/** Line and column of a JSON path, found by reading the JSON as YAML (a superset) with positions. */
function placeOf(text: string, file: string, path: Path): { file: string; line?: number; column?: number } {
  try {
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) {
        const { line, col } = lc.linePos(range[0]);
        return { file, line, column: col };
      }
    }
  } catch {
    // The position is a courtesy: without it, the path still names the place.
  }
  return { file };
}

function showPath(path: Path): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`))
    .join('')
    .replace(/^\./, '');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const UUID = /^(?:id-)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

export function parseGuideline(text: string, file: string): Guideline {
  const root = parseJsonText(text, file);
  const bad = (message: string, path: Path): never => {
    throw new UserError(`not an Interop guideline: ${path.length ? `${showPath(path)}: ` : ''}${message}`, { place: placeOf(text, file, path) });
  };
  const obj = (v: unknown, path: Path): Record<string, unknown> => (isObject(v) ? v : bad(`expected an object, found ${describe(v)}`, path));
  const strList = (v: unknown, path: Path): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return bad(`expected a list, found ${describe(v)}`, path);
    return v.map((x, i) => (typeof x === 'string' ? x : bad(`expected a string, found ${describe(x)}`, [...path, i])));
  };

  const top = obj(root, []);
  const metadata = top.metadata;
  if (!isObject(metadata)) {
    if (typeof top.schema === 'string') bad(`schema ${top.schema} is not supported: this reads schema 2.0 guidelines`, ['schema']);
    return bad("no 'metadata' object: not a schema 2.0 guideline", []);
  }
  const schema = metadata.schema;
  if (schema !== '2.0') bad(`schema ${JSON.stringify(schema) ?? 'missing'} is not supported: this reads schema 2.0 guidelines`, ['metadata', 'schema']);
  const id = typeof metadata.id === 'string' ? metadata.id : bad('expected the guideline id (a string)', ['metadata', 'id']);

  const targets: Target[] = [];
  for (const [key, kind] of [
    ['platforms', 'platform'],
    ['add-ons', 'add-on'],
  ] as const) {
    if (top[key] === undefined) continue;
    for (const [name, value] of Object.entries(obj(top[key], [key]))) {
      const t = obj(value, [key, name]);
      const comps = t.components;
      if (!Array.isArray(comps)) bad(`expected a list of components, found ${describe(comps)}`, [key, name, 'components']);
      const components = (comps as unknown[]).map((c, i) => {
        const co = obj(c, [key, name, 'components', i]);
        return typeof co.name === 'string' ? co.name : bad('component has no name', [key, name, 'components', i]);
      });
      targets.push({ name, kind, components });
    }
  }
  if (targets.length === 0) bad("no 'platforms' or 'add-ons': nothing to score", []);

  const components: Record<string, Component> = {};
  for (const [name, value] of Object.entries(obj(top.components, ['components']))) {
    const c = obj(value, ['components', name]);
    const caps = c.capabilities === undefined ? {} : obj(c.capabilities, ['components', name, 'capabilities']);
    const lists = {} as Record<CapabilityStatus, string[]>;
    for (const status of CAPABILITY_STATUSES) lists[status] = strList(caps[status], ['components', name, 'capabilities', status]);
    components[name] = { name, capabilities: lists };
  }

  const capabilities: Record<string, Capability> = {};
  for (const [name, value] of Object.entries(obj(top.capabilities, ['capabilities']))) {
    const cap = obj(value, ['capabilities', name]);
    const tests: GuidelineTest[] = [];
    for (const [testName, tv] of Object.entries(obj(cap.tests, ['capabilities', name, 'tests']))) {
      const path: Path = ['capabilities', name, 'tests', testName];
      const t = obj(tv, path);
      let idempotentId: string | null = null;
      if (t.idempotent_id !== undefined && t.idempotent_id !== null) {
        const m = typeof t.idempotent_id === 'string' ? UUID.exec(t.idempotent_id) : null;
        if (!m) bad(`idempotent_id must be a uuid (optionally prefixed 'id-'), found ${describe(t.idempotent_id)}`, [...path, 'idempotent_id']);
        idempotentId = (m?.[1] ?? '').toLowerCase();
      }
      const aliases = strList(t.aliases, [...path, 'aliases']);
      const flagKey = t.flagged !== undefined ? 'flagged' : t.flag !== undefined ? 'flag' : null;
      let flagged: string | null = null;
      if (flagKey !== null && t[flagKey] !== null && t[flagKey] !== false) {
        const f = t[flagKey];
        if (f === true) flagged = 'flagged';
        else flagged = typeof obj(f, [...path, flagKey]).reason === 'string' ? String((f as Record<string, unknown>).reason) : 'flagged';
      }
      tests.push({ name: testName, idempotentId, aliases, flagged });
    }
    capabilities[name] = {
      name,
      project: typeof cap.project === 'string' ? cap.project : null,
      admin: cap.admin === true,
      description: typeof cap.description === 'string' ? cap.description : null,
      tests,
    };
  }

  // Every reference must resolve, or a score would silently count fewer tests.
  for (const t of targets) {
    t.components.forEach((c, i) => {
      if (!(c in components))
        bad(`component '${c}' is not defined in 'components'`, [t.kind === 'platform' ? 'platforms' : 'add-ons', t.name, 'components', i]);
    });
  }
  for (const c of Object.values(components)) {
    for (const status of CAPABILITY_STATUSES) {
      c.capabilities[status].forEach((cap, i) => {
        if (!(cap in capabilities)) bad(`capability '${cap}' is not defined in 'capabilities'`, ['components', c.name, 'capabilities', status, i]);
      });
    }
  }
  return { id, schema: '2.0', source: file, targets, components, capabilities };
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}
