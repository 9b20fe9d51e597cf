// Benchmark: `selectTests` against stestr's own selection (Debian python3-stestr, in-process
// timing of stestr.selection.construct_list, same input) on 10,000 changed files, 100,000 test
// ids and the integrated-gate rules (one selection per integrated-gate template, Zuul
// irrelevant-files as devstack's anchor). Prints both times, the ratio and whether the selected
// sets are identical.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPresetCatalog, presetsDir } from '../src/edges/select-data.ts';
import { testIdsOf } from '../src/core/select/stestr.ts';
import { presetSteps } from '../src/core/select/presets.ts';
import { selectTests } from '../src/core/select/select.ts';
import type { Rules, SelectionSpec } from '../src/core/select/rules.ts';
import { oracleMissing, runStestr, type StestrRun } from '../test/select/oracle-helpers.ts';

const LIST = fileURLToPath(new URL('../test/fixtures/select/tempest-33.0.0-test-list.txt', import.meta.url));
const TEMPLATES: [string, string][] = [
  ['compute', 'integrated-compute'],
  ['network', 'integrated-network'],
  ['storage', 'integrated-storage'],
  ['object-storage', 'integrated-object-storage'],
  ['placement', 'integrated-placement'],
];
const SERVICES = ['nova', 'neutron', 'cinder', 'swift', 'placement'];

/** 100,000 ids shaped like Tempest's: the real 1,646, then copies with a renamed module (attrs kept). */
function makeIds(real: string[], n: number): string[] {
  const out: string[] = [];
  for (let k = 0; out.length < n; k++) {
    for (const t of real) {
      if (out.length >= n) break;
      if (k === 0) {
        out.push(t);
        continue;
      }
      const cut = t.indexOf('[');
      const head = cut < 0 ? t : t.slice(0, cut);
      const parts = head.split('.');
      const m = parts.length - 3;
      if (m >= 0) parts[m] = `${parts[m]}_v${k}`;
      out.push(parts.join('.') + (cut < 0 ? '' : t.slice(cut)));
    }
  }
  return out;
}

/** 10,000 paths: almost all irrelevant (docs, release notes, api-ref), one code file per service at the end, so every rule scans them all. */
function makeFiles(n: number): string[] {
  const files: string[] = [];
  const kinds = ['doc/source/admin/page', 'releasenotes/notes/note', 'api-ref/source/ref', 'nova/locale/de/LC_MESSAGES/nova'];
  for (let i = 0; files.length < n - SERVICES.length; i++) {
    const kind = kinds[i % kinds.length] as string;
    files.push(kind.endsWith('nova') ? `${kind}-${i}.po` : kind.startsWith('releasenotes') ? `${kind}-${i}.yaml` : `${kind}-${i}.rst`);
  }
  for (const s of SERVICES) files.push(`${s}/api/handler.py`);
  return files;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export async function run(): Promise<void> {
  const catalog = loadPresetCatalog();
  const ids = makeIds(testIdsOf(readFileSync(LIST, 'utf8')), 100_000);
  const files = makeFiles(10_000);
  const irrelevant = (catalog.irrelevantFiles.devstack ?? []).map((regex) => ({ regex, negate: false }));
  const selections: SelectionSpec[] = TEMPLATES.map(([name, env], i) => ({
    name,
    files: [{ regex: `^${SERVICES[i] as string}/.*`, negate: false }],
    irrelevantFiles: irrelevant,
    tempest: presetSteps(catalog, env),
    origin: 'bench',
  }));
  const rules: Rules = { file: '.tempest-gate.yaml', selections, coreFiles: [{ regex: '^setup\\.cfg$', negate: false }], full: presetSteps(catalog, 'full') };
  console.log(
    `input: ${files.length} changed files, ${ids.length} test ids, ${selections.length} integrated-gate selections (${selections.map((s) => s.tempest.preset).join(', ')})`,
  );

  const times: number[] = [];
  let result = selectTests({ rules, changedFiles: files, testIds: ids });
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    result = selectTests({ rules, changedFiles: files, testIds: ids });
    times.push(performance.now() - t0);
  }
  const ours = median(times);
  const withExplain = performance.now();
  selectTests({ rules, changedFiles: files, testIds: ids, explain: true });
  const explainMs = performance.now() - withExplain;
  console.log(
    `tempest-gate selectTests: ${ours.toFixed(1)} ms (median of 7; files + tests), ${explainMs.toFixed(1)} ms with --explain; selected ${result.counts.selected} (${result.counts.parallel} parallel + ${result.counts.serial} serial)`,
  );

  const missing = oracleMissing();
  if (missing) {
    console.log(`stestr: not measured: ${missing}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tg-select-bench-'));
  const idsFile = join(dir, 'ids.txt');
  writeFileSync(idsFile, `${ids.join('\n')}\n`);
  const runs: StestrRun[] = [];
  const serialRun: boolean[] = [];
  for (const [, env] of TEMPLATES) {
    for (const r of catalog.toxEnvs[env]?.runs ?? []) {
      runs.push({
        regexes: r.regex && r.regex !== '{posargs}' ? [r.regex] : null,
        include_list: r.include_list ? join(presetsDir(), 'lists', r.include_list.split('/').pop() as string) : null,
        exclude_list: r.exclude_list ? join(presetsDir(), 'lists', r.exclude_list.split('/').pop() as string) : null,
        exclude_regex: r.exclude_regex ?? null,
      });
      serialRun.push(r.serial);
    }
  }
  const oracle = runStestr({ ids_file: idsFile, runs, repeat: 1 });
  const stestrMs = oracle.reduce((s, o) => s + o.seconds * 1000, 0);
  const union = new Set<string>();
  const serial = new Set<string>();
  oracle.forEach((o, i) => {
    for (const t of o.selected) {
      union.add(t);
      if (serialRun[i]) serial.add(t);
    }
  });
  const same =
    union.size === result.tests.length &&
    result.tests.every((t) => union.has(t)) &&
    serial.size === result.serial.length &&
    result.serial.every((t) => serial.has(t));
  console.log(
    `stestr construct_list (in-process, same ${runs.length} tox-env steps, same ids): ${stestrMs.toFixed(1)} ms; selected ${union.size} (${union.size - serial.size} parallel + ${serial.size} serial)`,
  );
  console.log(`ratio: tempest-gate is ${(stestrMs / ours).toFixed(1)}x faster than stestr (goal >= 10x); identical result: ${same ? 'yes' : 'NO'}`);
  if (!same) process.exitCode = 1;
}
