// selectTests(): the whole selection, pure. Changed files decide which selections apply (Zuul's
// file filters); each applying selection's steps pick tests from the test list (stestr's
// selection, then attribute filters); the union is split into one parallel and one serial
// `tempest run`, combined as Tempest's tox envs do; and every choice is explained.
//
// Everything is compiled before anything is evaluated, so a bad regex anywhere fails the whole
// selection: nothing runs half-configured.
import { parseTestId } from '../results/model.ts';
import type { Place } from '../errors.ts';
import { compileFilter, compileListFile, constructList, type Filter, type SearchMemo, type StestrFilters } from './stestr.ts';
import { compileFileMatcher, describeOutcome, evaluateFileFilters, type FileFilterOutcome, type FileMatcher, type FileMatcherSpec } from './zuul-files.ts';
import type { Rules, SelectionSpec } from './rules.ts';
import type { StepSpec, TempestSpec } from './presets.ts';

export interface SelectOptions {
  rules: Rules;
  /** Changed paths, repository-relative (both sides of a rename). */
  changedFiles: readonly string[];
  /** The test list (`stestr list` / `tempest run --list-tests` ids, attrs included). */
  testIds: readonly string[];
  /** Per-test explanation (which rule, step, filter and file chose each test). Default false. */
  explain?: boolean;
}

/** One `tempest run` of the combined plan. */
export interface TempestInvocation {
  serial: boolean;
  /** True for the second run: it appends to the first one's stestr repository (`--combine`). */
  combine: boolean;
  /** Arguments after `tempest run`; the include list is the file named `includeListName`. */
  args: string[];
  includeListName: string;
  /** One anchored, escaped regex per test: exactly these tests and no others. */
  includeList: string[];
  count: number;
}

export interface StepReport {
  serial: boolean;
  /** The step as `tempest run` arguments (list files by name). */
  args: string[];
  attrs: string[];
  excludeAttrs: string[];
  /** Tests this step selected (before merging with other steps). */
  selected: number;
  excluded: { by: string; pattern: string; count: number }[];
}

export interface RuleReport {
  name: string;
  description?: string;
  origin: string;
  fired: boolean;
  /** Why the rule fired or not, one line. */
  reason: string;
  /** The changed file that made it fire, when one did. */
  file: string | null;
  preset?: string;
  steps: StepReport[];
  /** Tests it selected (union of its steps). */
  selected: number;
}

export interface TestChoice {
  rule: string;
  step: number;
  /** The filter (regex or list line) that matched, or null when the step had no filter. */
  filter: string | null;
  file: string | null;
}

export interface TestExplanation {
  test: string;
  serial: boolean;
  chosenBy: TestChoice[];
}

export interface SelectResult {
  /** `run`: tests were selected; `skip`: nothing to run (a neutral gate, not a failure). */
  conclusion: 'run' | 'skip';
  summary: string;
  counts: { listed: number; selected: number; parallel: number; serial: number; changedFiles: number };
  tests: string[];
  parallel: string[];
  serial: string[];
  /** The plan: a parallel run, then a serial run combined into it (either may be absent). */
  run: TempestInvocation[];
  /** Every rule (the full set first when it fired), fired or not, with why. */
  rules: RuleReport[];
  explanation?: TestExplanation[];
}

export const FULL_SET = 'full-set';

interface CompiledStep {
  spec: StepSpec;
  filters: StestrFilters;
}

function compileStep(step: StepSpec, context: string): CompiledStep {
  const one = (pattern: string | undefined, origin: string, place: Place | undefined): Filter | undefined =>
    pattern ? compileFilter(pattern, `${context} ${origin}`, place ?? step.place ?? {}) : undefined;
  const regex = one(step.regex, '--regex', step.regexPlace);
  return {
    spec: step,
    filters: {
      regexes: regex ? [regex] : [],
      includeList: step.includeList ? compileListFile(step.includeList, 'include') : [],
      excludeList: step.excludeList ? compileListFile(step.excludeList, 'exclude') : [],
      excludeRegex: one(step.excludeRegex, '--exclude-regex', step.excludeRegexPlace),
    },
  };
}

function compileTempest(spec: TempestSpec, context: string): CompiledStep[] {
  return spec.steps.map((s, i) => compileStep(s, `${context} step ${i + 1}`));
}

function stepArgs(step: StepSpec): string[] {
  const args: string[] = [];
  if (step.serial) args.push('--serial');
  if (step.regex) args.push('--regex', step.regex);
  if (step.excludeRegex) args.push('--exclude-regex', step.excludeRegex);
  if (step.includeList) args.push('--include-list', step.includeList.name);
  if (step.excludeList) args.push('--exclude-list', step.excludeList.name);
  return args;
}

/** A Python regex matching exactly `id` under re.search: anchored, every non-alphanumeric ASCII character escaped. */
export function exactTestRegex(id: string): string {
  // Code units >= 0x80 (surrogates included) stay as they are; Python reads them literally.
  return `^${id.replace(/[^A-Za-z0-9_\x80-\uffff]/g, '\\$&')}$`;
}

function attrsOf(id: string, cache: Map<string, Set<string>>): Set<string> {
  let a = cache.get(id);
  if (!a) {
    a = new Set(parseTestId(id).attrs);
    cache.set(id, a);
  }
  return a;
}

interface RuleInput {
  name: string;
  description?: string;
  origin: string;
  preset?: string;
  steps: CompiledStep[];
  files: FileMatcher[];
  irrelevantFiles: FileMatcher[];
}

function memoizeMatcher(m: FileMatcher): FileMatcher {
  const seen = new Map<string, boolean>();
  const matches = (path: string): boolean => {
    let v = seen.get(path);
    if (v === undefined) {
      v = m.matches(path);
      seen.set(path, v);
    }
    return v;
  };
  return { ...m, matches };
}

export function selectTests(options: SelectOptions): SelectResult {
  const { rules, changedFiles, testIds } = options;
  const explain = options.explain ?? false;

  // 1. Compile everything first. Identical file matchers are compiled once and share their
  // per-path results (rules often repeat the same irrelevant-files list).
  const shared = new Map<string, FileMatcher>();
  const fileMatcher = (spec: FileMatcherSpec, context: string): FileMatcher => {
    const key = `${spec.negate ? '!' : ''}${spec.regex}`;
    let m = shared.get(key);
    if (!m) {
      m = memoizeMatcher(compileFileMatcher(spec, context));
      shared.set(key, m);
    }
    return spec.place === m.place ? m : { ...m, place: spec.place };
  };
  const coreFiles = rules.coreFiles.map((m, i) => fileMatcher(m, `core-files[${i}]`));
  const full: RuleInput = {
    name: FULL_SET,
    description: 'the full set (core or rules change)',
    origin: rules.full.preset ? `preset:${rules.full.preset}` : 'rules',
    preset: rules.full.preset,
    steps: compileTempest(rules.full, FULL_SET),
    files: [],
    irrelevantFiles: [],
  };
  const selections: RuleInput[] = rules.selections.map((s: SelectionSpec) => ({
    name: s.name,
    description: s.description,
    origin: s.origin,
    preset: s.tempest.preset,
    steps: compileTempest(s.tempest, `selection '${s.name}'`),
    files: s.files.map((m, i) => fileMatcher(m, `selection '${s.name}': files[${i}]`)),
    irrelevantFiles: s.irrelevantFiles.map((m, i) => fileMatcher(m, `selection '${s.name}': irrelevant-files[${i}]`)),
  }));

  // 2. Which rules fire.
  const configFiles = rules.file ? [rules.file] : [];
  const rulesChanged = rules.file !== null && changedFiles.includes(rules.file);
  let coreHit: { file: string; regex: string } | undefined;
  if (!rulesChanged && coreFiles.length) {
    outer: for (const f of changedFiles) {
      for (const m of coreFiles) {
        if (m.matches(f)) {
          coreHit = { file: f, regex: m.negate ? `not '${m.regex}'` : `'${m.regex}'` };
          break outer;
        }
      }
    }
  }
  const fired: { rule: RuleInput; reason: string; file: string | null }[] = [];
  const notFired: { rule: RuleInput; reason: string }[] = [];
  if (rulesChanged) fired.push({ rule: full, reason: `the rules file ${rules.file} changed: the full set runs`, file: rules.file });
  else if (coreHit) fired.push({ rule: full, reason: `${coreHit.file} matches core-files ${coreHit.regex}: the full set runs`, file: coreHit.file });
  else
    notFired.push({
      rule: full,
      reason: coreFiles.length ? 'no changed file matches core-files and the rules file did not change' : 'no core-files, and the rules file did not change',
    });
  for (const rule of selections) {
    const o: FileFilterOutcome = evaluateFileFilters({ files: rule.files, irrelevantFiles: rule.irrelevantFiles, changed: changedFiles, configFiles });
    const file = 'file' in o ? o.file : null;
    if (o.applies) fired.push({ rule, reason: describeOutcome(o), file });
    else notFired.push({ rule, reason: describeOutcome(o) });
  }

  // 3. Tests per fired rule and step. Arrays indexed by test, not maps: this loop sees every
  // selected test of every step.
  const n = testIds.length;
  const isSerial = new Uint8Array(n);
  const isChosen = new Uint8Array(n);
  const choices: TestChoice[][] | undefined = explain ? new Array<TestChoice[]>(n) : undefined;
  const attrCache = new Map<string, Set<string>>();
  const memo: SearchMemo = new Map();
  const reports: RuleReport[] = [];
  for (const { rule, reason, file } of fired) {
    const ruleTests = new Uint8Array(n);
    let ruleCount = 0;
    const steps: StepReport[] = rule.steps.map((step, stepIndex) => {
      const sel = constructList(testIds, step.filters, memo);
      const { attrs, excludeAttrs, serial } = step.spec;
      const filterAttrs = attrs.length > 0 || excludeAttrs.length > 0;
      // One shared (immutable) choice per filter of this step.
      const choiceFor = new Map<Filter | null, TestChoice>();
      const choice = (by: Filter | null): TestChoice => {
        let c = choiceFor.get(by);
        if (!c) {
          c = { rule: rule.name, step: stepIndex + 1, filter: by ? `${by.pattern} (${by.origin.replace(/^.* (--)/, '$1')})` : null, file };
          choiceFor.set(by, c);
        }
        return c;
      };
      let count = 0;
      const { selected, chosenBy } = sel;
      for (let k = 0; k < selected.length; k++) {
        const idx = selected[k] as number;
        if (filterAttrs) {
          const have = attrsOf(testIds[idx] as string, attrCache);
          if (!attrs.every((a) => have.has(a)) || excludeAttrs.some((a) => have.has(a))) continue;
        }
        count++;
        if (!ruleTests[idx]) {
          ruleTests[idx] = 1;
          ruleCount++;
        }
        if (serial) isSerial[idx] = 1;
        if (choices) (choices[idx] ??= []).push(choice(chosenBy[k] ?? null));
        isChosen[idx] = 1;
      }
      return {
        serial,
        args: stepArgs(step.spec),
        attrs,
        excludeAttrs,
        selected: count,
        excluded: sel.excluded.filter((e) => e.count > 0).map((e) => ({ by: e.filter.origin, pattern: e.filter.pattern, count: e.count })),
      };
    });
    reports.push({
      name: rule.name,
      description: rule.description,
      origin: rule.origin,
      fired: true,
      reason,
      file,
      preset: rule.preset,
      steps,
      selected: ruleCount,
    });
  }
  for (const { rule, reason } of notFired) {
    reports.push({
      name: rule.name,
      description: rule.description,
      origin: rule.origin,
      fired: false,
      reason,
      file: null,
      preset: rule.preset,
      steps: rule.steps.map((s) => ({
        serial: s.spec.serial,
        args: stepArgs(s.spec),
        attrs: s.spec.attrs,
        excludeAttrs: s.spec.excludeAttrs,
        selected: 0,
        excluded: [],
      })),
      selected: 0,
    });
  }

  // 4. The plan, in test-list order.
  const indexes: number[] = [];
  const tests: string[] = [];
  const parallel: string[] = [];
  const serial: string[] = [];
  // A cached list may repeat an id; stestr selects a set, so the plan lists each test once.
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (!isChosen[i]) continue;
    const id = testIds[i] as string;
    if (seen.has(id)) continue;
    seen.add(id);
    indexes.push(i);
    tests.push(id);
    (isSerial[i] ? serial : parallel).push(id);
  }
  const run: TempestInvocation[] = [];
  if (parallel.length)
    run.push({
      serial: false,
      combine: false,
      args: ['--include-list', 'parallel-include-list.txt'],
      includeListName: 'parallel-include-list.txt',
      includeList: parallel.map(exactTestRegex),
      count: parallel.length,
    });
  if (serial.length) {
    const combine = run.length > 0;
    run.push({
      serial: true,
      combine,
      args: [...(combine ? ['--combine'] : []), '--serial', '--include-list', 'serial-include-list.txt'],
      includeListName: 'serial-include-list.txt',
      includeList: serial.map(exactTestRegex),
      count: serial.length,
    });
  }

  const firedNames = fired.map((f) => f.rule.name);
  const conclusion = tests.length ? 'run' : 'skip';
  const summary =
    conclusion === 'run'
      ? `${tests.length} of ${testIds.length} tests selected (${parallel.length} parallel + ${serial.length} serial) by ${firedNames.join(', ')}`
      : fired.length
        ? `nothing to run: ${firedNames.join(', ')} applied but selected no tests from the ${testIds.length} listed`
        : `nothing to run: no rule applies to the ${changedFiles.length} changed files (neutral)`;
  const result: SelectResult = {
    conclusion,
    summary,
    counts: { listed: testIds.length, selected: tests.length, parallel: parallel.length, serial: serial.length, changedFiles: changedFiles.length },
    tests,
    parallel,
    serial,
    run,
    rules: reports,
  };
  if (choices) result.explanation = indexes.map((i) => ({ test: testIds[i] as string, serial: isSerial[i] === 1, chosenBy: choices[i] ?? [] }));
  return result;
}
