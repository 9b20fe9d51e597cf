// Presets: Tempest's tox envs (integrated-compute, full, smoke, multinode, ...) as selection steps,
// and each OpenStack service repository's default rules (nova -> integrated-compute, ...).
// The data is shipped under data/presets/ (origins in data/README.md); the file edge loads it
// into a PresetCatalog, and this module only interprets it.
import { UserError, type Place } from '../errors.ts';
import type { ListFile } from './stestr.ts';
import type { FileMatcherSpec } from './zuul-files.ts';

/** One run step of a tox env, as tempest-tox-envs.json records it. */
export interface ToxRun {
  command?: string;
  serial: boolean;
  combine: boolean;
  regex?: string;
  exclude_regex?: string;
  include_list?: string;
  exclude_list?: string;
}

export interface PresetCatalog {
  toxEnvs: Record<string, { runs: ToxRun[] }>;
  /** List files by base name (tempest-integrated-gate-compute-exclude-list.txt -> text). */
  lists: Record<string, string>;
  services: Record<string, { template: string | null; tempest: string; 'irrelevant-files': 'devstack' | 'tempest' }>;
  /** Zuul irrelevant-files anchors: devstack's common-irrelevant-files and tempest's own. */
  irrelevantFiles: { devstack: string[]; tempest: string[] };
}

/** One `tempest run` invocation's selection. */
export interface StepSpec {
  regex?: string;
  excludeRegex?: string;
  includeList?: ListFile;
  excludeList?: ListFile;
  attrs: string[];
  excludeAttrs: string[];
  serial: boolean;
  /** Where the step and its regexes are written (rules file), for errors. */
  place?: Place;
  regexPlace?: Place;
  excludeRegexPlace?: Place;
}

export interface TempestSpec {
  /** The preset it came from, when it did. */
  preset?: string;
  steps: StepSpec[];
}

/** The presets the issue names first; every tox env in the catalog is a preset too. */
export const FEATURED_PRESETS = [
  'integrated-compute',
  'integrated-network',
  'integrated-storage',
  'integrated-object-storage',
  'integrated-placement',
  'full',
  'smoke',
  'multinode',
];

export function presetNames(catalog: PresetCatalog): string[] {
  return Object.keys(catalog.toxEnvs).sort();
}

function listFromCatalog(catalog: PresetCatalog, path: string, env: string): ListFile {
  const base = path.split('/').pop() ?? path;
  const text = Object.hasOwn(catalog.lists, base) ? catalog.lists[base] : undefined;
  if (text === undefined) throw new UserError(`preset '${env}' needs list file ${path}, which is not shipped in data/presets/lists`);
  // Named by its path in a Tempest checkout (./tools/...), so the reported `tempest run`
  // arguments work as they are in a Tempest workspace.
  return { name: path, text };
}

/** The steps of a tox-env preset; a UserError at `place` naming the known presets when unknown. */
export function presetSteps(catalog: PresetCatalog, name: string, place?: Place): TempestSpec {
  // Own keys only: 'toString' or '__proto__' in a rules file is an unknown preset, not Object's.
  const env = Object.hasOwn(catalog.toxEnvs, name) ? catalog.toxEnvs[name] : undefined;
  if (!env) {
    throw new UserError(`unknown preset '${name}' (known: ${presetNames(catalog).join(', ')})`, { place });
  }
  const steps = env.runs.map((run): StepSpec => {
    // `{posargs}` is what the caller appends; with none, `tempest run --regex ''` selects everything.
    const regex = run.regex && run.regex !== '{posargs}' ? run.regex : undefined;
    return {
      regex,
      excludeRegex: run.exclude_regex || undefined,
      includeList: run.include_list ? listFromCatalog(catalog, run.include_list, name) : undefined,
      excludeList: run.exclude_list ? listFromCatalog(catalog, run.exclude_list, name) : undefined,
      attrs: [],
      excludeAttrs: [],
      serial: run.serial,
    };
  });
  return { preset: name, steps };
}

export interface ServicePreset {
  name: string;
  description: string;
  irrelevantFiles: FileMatcherSpec[];
  tempest: string;
}

export function servicePreset(catalog: PresetCatalog, name: string, place?: Place): ServicePreset {
  const s = Object.hasOwn(catalog.services, name) ? catalog.services[name] : undefined;
  if (!s) throw new UserError(`unknown service preset '${name}' (known: ${Object.keys(catalog.services).sort().join(', ')})`, { place });
  const irrelevant = catalog.irrelevantFiles[s['irrelevant-files']];
  return {
    name,
    description: `${name}'s default: ${s.template ? `Tempest's ${s.template} template, ` : ''}tox env ${s.tempest}, ${s['irrelevant-files']}'s irrelevant-files`,
    irrelevantFiles: irrelevant.map((regex) => ({ regex, negate: false })),
    tempest: s.tempest,
  };
}
