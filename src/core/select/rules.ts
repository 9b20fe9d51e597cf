// The rules file (.tempest-gate.yaml): parsed with the `yaml` package (so every error has a line
// and column), checked against schema/rules.schema.json with ajv, then turned into `Rules`.
// Two phases keep the core free of I/O: parseRulesText() says which list files the rules name,
// the edge reads them, and buildRules() gets their text.
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isMap, isScalar, isNode, visit, type Document, Scalar } from 'yaml';
import schema from '../../../schema/rules.schema.json' with { type: 'json' };
import { UserError, type Place } from '../errors.ts';
import { presetSteps, servicePreset, type PresetCatalog, type StepSpec, type TempestSpec } from './presets.ts';
import type { FileMatcherSpec } from './zuul-files.ts';

/** One named selection: Zuul-style file filters and a Tempest selection. */
export interface SelectionSpec {
  name: string;
  description?: string;
  files: FileMatcherSpec[];
  irrelevantFiles: FileMatcherSpec[];
  tempest: TempestSpec;
  /** `rules` when written in the rules file, else `preset:<service>`. */
  origin: string;
  place?: Place;
}

export interface Rules {
  /** The rules file's path relative to the repository root: a change to it selects everything. Null for presets without a file. */
  file: string | null;
  selections: SelectionSpec[];
  coreFiles: FileMatcherSpec[];
  /** The full set: what a core or rules change runs. */
  full: TempestSpec;
  /** A cached test list named by the rules (relative to the rules file). */
  testList?: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

interface RulesDocument {
  version: 1;
  preset?: string;
  'test-list'?: string;
  'core-files'?: MatcherJson | MatcherJson[];
  full?: string | StepJson[];
  selections?: SelectionJson[];
}
type MatcherJson = string | { regex: string; negate?: boolean };
interface StepJson {
  regex?: string;
  'exclude-regex'?: string;
  'include-list'?: string | string[];
  'exclude-list'?: string | string[];
  attrs?: string[];
  'exclude-attrs'?: string[];
  serial?: boolean;
}
interface SelectionJson {
  name: string;
  description?: string;
  files?: MatcherJson | MatcherJson[];
  'irrelevant-files'?: MatcherJson | MatcherJson[];
  tempest: string | StepJson[];
}

export interface ParsedRules {
  file: string;
  doc: RulesDocument;
  /** Line and column of the node at a path in the document (1-based); the column of the value's first character. */
  placeOf(path: Path, offset?: number): Place;
  /** List files named by path, to be read by the caller (relative to the rules file). */
  listFiles: { path: string; place: Place }[];
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

const pathText = (path: Path): string => path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');

function pointerToPath(pointer: string): Path {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The single most useful message for a failed validation (the deepest path; `oneOf` type mismatches merged). */
function describeSchemaError(errors: ErrorObject[]): { path: Path; message: string; key?: string } {
  const depth = (e: ErrorObject): number => pointerToPath(e.instancePath).length;
  const deepest = Math.max(...errors.map(depth));
  const atDeepest = errors.filter((e) => depth(e) === deepest);
  const first = atDeepest.find((e) => e.keyword !== 'oneOf' && e.keyword !== 'type') ?? atDeepest[0] ?? (errors[0] as ErrorObject);
  const path = pointerToPath(first.instancePath);
  const where = path.length ? pathText(path) : 'the rules';
  switch (first.keyword) {
    case 'additionalProperties': {
      const key = String((first.params as { additionalProperty: string }).additionalProperty);
      return { path, key, message: `${where}: unknown key '${key}'` };
    }
    case 'required':
      return { path, message: `${where}: missing required key '${String((first.params as { missingProperty: string }).missingProperty)}'` };
    case 'const':
      return { path, message: `${where}: must be ${JSON.stringify((first.params as { allowedValue: unknown }).allowedValue)}` };
    case 'type':
    case 'oneOf': {
      const types = [...new Set(atDeepest.filter((e) => e.keyword === 'type').map((e) => String((e.params as { type: string }).type)))];
      return { path, message: `${where}: expected ${types.length ? types.join(' or ') : 'a different shape'} (see schema/rules.schema.json)` };
    }
    default:
      return { path, message: `${where}: ${first.message ?? 'invalid'}` };
  }
}

/**
 * The YAML document as plain data. Resolving aliases is where a "billion laughs" document (each
 * anchor a list of the one before) would blow up: the yaml library stops past maxAliasCount and
 * throws, which becomes a UserError at the first alias.
 */
function yamlValue(ydoc: Document, placeAt: (offset: number) => Place): Json {
  try {
    return ydoc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Json;
  } catch (err) {
    let at = 0;
    visit(ydoc, {
      Alias(_, node) {
        at = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const why = /alias count/i.test((err as Error).message)
      ? `YAML aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias uses)`
      : `invalid YAML: ${(err as Error).message}`;
    throw new UserError(why, { place: placeAt(at), cause: err });
  }
}
/** Alias uses a document may expand to: anchors for shared steps need a few, a bomb needs thousands. */
const MAX_ALIAS_COUNT = 100;

/** Parse and schema-check a rules file. Errors name the file, line and column. */
export function parseRulesText(text: string, file: string): ParsedRules {
  const lineCounter = new LineCounter();
  // logLevel 'error': a mapping used as a key would print a Node warning on stderr; it is refused as an unknown key.
  const ydoc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const placeAt = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const yerr = ydoc.errors[0];
  if (yerr) {
    const message = yerr.message.split('\n')[0] ?? 'invalid YAML';
    throw new UserError(`invalid YAML: ${message.replace(/ at line \d+, column \d+:?$/, '')}`, { place: placeAt(yerr.pos[0]) });
  }
  const value = yamlValue(ydoc, placeAt);
  const placeOf = (path: Path, offset = 0): Place => nodePlace(ydoc, path, offset, placeAt);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError('the rules must be a mapping with at least `version: 1` (see docs/select.md)', { place: placeAt(0) });
  }
  const errors = validate(value);
  if (errors.length) {
    const d = describeSchemaError(errors);
    throw new UserError(d.message, { place: d.key !== undefined ? keyPlace(ydoc, d.path, d.key, placeAt) : placeOf(d.path) });
  }
  const doc = value as unknown as RulesDocument;
  const listFiles: { path: string; place: Place }[] = [];
  const collect = (steps: string | StepJson[] | undefined, base: Path): void => {
    if (!Array.isArray(steps)) return;
    steps.forEach((s, i) => {
      for (const k of ['include-list', 'exclude-list'] as const) {
        const v = s[k];
        if (typeof v === 'string') listFiles.push({ path: v, place: placeOf([...base, i, k]) });
      }
    });
  };
  collect(doc.full, ['full']);
  (doc.selections ?? []).forEach((s, i) => collect(s.tempest, ['selections', i, 'tempest']));
  return { file, doc, placeOf, listFiles };
}

function nodePlace(ydoc: Document, path: Path, offset: number, placeAt: (o: number) => Place): Place {
  for (let n = path.length; n >= 0; n--) {
    const node = ydoc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      let start = node.range[0];
      // Point inside a quoted scalar at its first character, so `offset` lands on the right one.
      if (n === path.length && isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)) start += 1;
      return placeAt(start + (n === path.length ? offset : 0));
    }
  }
  return placeAt(0);
}

function keyPlace(ydoc: Document, path: Path, key: string, placeAt: (o: number) => Place): Place {
  const map = path.length ? ydoc.getIn(path, true) : ydoc.contents;
  if (isMap(map)) {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isNode(pair.key) && pair.key.range) return placeAt(pair.key.range[0]);
  }
  return nodePlace(ydoc, path, 0, placeAt);
}

export interface BuildRulesOptions {
  catalog: PresetCatalog;
  /** Text of each list file in `parsed.listFiles`, by the path as written. */
  lists: Record<string, string>;
  /** The rules file's path relative to the repository root (default: as given to parseRulesText). */
  repoPath?: string;
}

function matchers(value: MatcherJson | MatcherJson[] | undefined, base: Path, parsed: ParsedRules): FileMatcherSpec[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((m, i) => {
    const at: Path = Array.isArray(value) ? [...base, i] : base;
    return typeof m === 'string'
      ? { regex: m, negate: false, place: parsed.placeOf(at) }
      : { regex: m.regex, negate: m.negate ?? false, place: parsed.placeOf([...at, 'regex']) };
  });
}

function tempestSpec(value: string | StepJson[], base: Path, parsed: ParsedRules, options: BuildRulesOptions): TempestSpec {
  if (typeof value === 'string') return presetSteps(options.catalog, value, parsed.placeOf(base));
  return {
    steps: value.map((s, i): StepSpec => {
      const list = (k: 'include-list' | 'exclude-list'): { name: string; text: string } | undefined => {
        const v = s[k];
        if (v === undefined) return undefined;
        if (Array.isArray(v)) return { name: `${parsed.file}:${pathText([...base, i, k])}`, text: v.join('\n') };
        const text = options.lists[v];
        if (text === undefined) throw new UserError(`list file '${v}' was not read`, { place: parsed.placeOf([...base, i, k]) });
        return { name: v, text };
      };
      return {
        regex: s.regex || undefined,
        excludeRegex: s['exclude-regex'] || undefined,
        includeList: list('include-list'),
        excludeList: list('exclude-list'),
        attrs: s.attrs ?? [],
        excludeAttrs: s['exclude-attrs'] ?? [],
        serial: s.serial ?? false,
        place: parsed.placeOf([...base, i]),
        regexPlace: s.regex ? parsed.placeOf([...base, i, 'regex']) : undefined,
        excludeRegexPlace: s['exclude-regex'] ? parsed.placeOf([...base, i, 'exclude-regex']) : undefined,
      };
    }),
  };
}

/** Resolve presets and list files into Rules. Unknown presets are errors at their place. */
export function buildRules(parsed: ParsedRules, options: BuildRulesOptions): Rules {
  const { doc } = parsed;
  const selections: SelectionSpec[] = [];
  if (doc.preset !== undefined) selections.push(...serviceSelections(options.catalog, doc.preset, parsed.placeOf(['preset'])));
  const names = new Set(selections.map((s) => s.name));
  (doc.selections ?? []).forEach((s, i) => {
    const base: Path = ['selections', i];
    if (names.has(s.name)) throw new UserError(`selection name '${s.name}' is used twice`, { place: parsed.placeOf([...base, 'name']) });
    names.add(s.name);
    selections.push({
      name: s.name,
      description: s.description,
      files: matchers(s.files, [...base, 'files'], parsed),
      irrelevantFiles: matchers(s['irrelevant-files'], [...base, 'irrelevant-files'], parsed),
      tempest: tempestSpec(s.tempest, [...base, 'tempest'], parsed, options),
      origin: 'rules',
      place: parsed.placeOf(base),
    });
  });
  return {
    file: options.repoPath ?? parsed.file,
    selections,
    coreFiles: matchers(doc['core-files'], ['core-files'], parsed),
    full: doc.full !== undefined ? tempestSpec(doc.full, ['full'], parsed, options) : presetSteps(options.catalog, 'full'),
    testList: doc['test-list'],
  };
}

function serviceSelections(catalog: PresetCatalog, name: string, place?: Place): SelectionSpec[] {
  const s = servicePreset(catalog, name, place);
  return [
    {
      name: `${name}-default`,
      description: s.description,
      files: [],
      irrelevantFiles: s.irrelevantFiles,
      tempest: presetSteps(catalog, s.tempest),
      origin: `preset:${name}`,
    },
  ];
}

/** Rules made of a service preset alone (`--preset nova` with no rules file). */
export function presetRules(catalog: PresetCatalog, name: string): Rules {
  return { file: null, selections: serviceSelections(catalog, name), coreFiles: [], full: presetSteps(catalog, 'full') };
}

/** Rules that run one tox-env preset for every change (`--preset integrated-compute`). */
export function toxPresetRules(catalog: PresetCatalog, name: string): Rules {
  return {
    file: null,
    selections: [
      { name, description: `Tempest tox env ${name}`, files: [], irrelevantFiles: [], tempest: presetSteps(catalog, name), origin: `preset:${name}` },
    ],
    coreFiles: [],
    full: presetSteps(catalog, 'full'),
  };
}
