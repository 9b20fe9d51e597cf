// tempest-gate baseline: make, list, show, diff and promote baselines (for release managers).
import { str, strs, wholeOption, writeJson, type Command, type CommandIo, type ParsedArgs } from '../command.ts';
import { EXIT, usageError, type ExitCode } from '../../core/errors.ts';
import {
  compareRuns,
  emptyBaseline,
  mergeBaselines,
  summarizeRuns,
  toBaseline,
  type Baseline,
  type BaselineHistory,
  historyOfBaseline,
} from '../../core/compare/index.ts';
import { DEFAULT_STORE, checkName, openStore } from '../../edges/baseline-store.ts';
import { CONTEXT_HELP, CONTEXT_OPTIONS, contextFromArgs, emit, failOnFrom, baselineFromArgs, outputFormat, todayUtc } from './compare.ts';
import { historyToPromote, orProblem, promoteBaseline, type LoadedBaseline } from '../../stages/baseline.ts';
import { historyView, renderHistoryText } from '../../core/render/history-text.ts';
import { renderSideBySideHtml, renderSideBySideMarkdown, renderSideBySideText, sideBySide } from '../../core/render/baseline-diff.ts';
import { writeOutput } from '../../edges/files.ts';
import { loadRuns } from '../../stages/results.ts';
import { githubFromEnv } from '../github-env.ts';

const SUBCOMMANDS = ['create', 'list', 'show', 'diff', 'promote', 'history'] as const;

function baselineJson(b: Baseline): string {
  return `${JSON.stringify(toBaseline(b), null, 1)}\n`;
}

/** A baseline from --results (runs merged) and/or --from (baselines merged), with the context flags on top. */
async function buildBaseline(args: ParsedArgs, io: CommandIo): Promise<{ baseline: Baseline; damage: string[] }> {
  const created = new Date().toISOString();
  const files = strs(args, 'results');
  const from = strs(args, 'from');
  if (files.length === 0 && from.length === 0) throw usageError('give --results FILE (one or more runs) or --from BASELINE');
  const context = contextFromArgs(args);
  const parts: Baseline[] = [];
  const damage: string[] = [];
  for (const ref of from) {
    // One that cannot be read is left out and reported (exit 3): the rest is still written.
    const loaded = await orProblem(() => baselineFromArgs(ref, args, io, created), damage);
    if (loaded) parts.push(loaded.baseline);
    damage.push(...(loaded?.damage ?? []));
  }
  if (files.length) {
    const runs = await loadRuns(files, io.stdin);
    damage.push(...runs.damage);
    parts.push(toBaseline(summarizeRuns(runs.runs, { created })));
  }
  const baseline = parts.length === 1 && from.length === 0 ? (parts[0] as Baseline) : mergeBaselines(parts, { created });
  baseline.context = { ...baseline.context, ...context };
  baseline.created = created;
  return { baseline, damage };
}

/** What promote adds: the histories of --from, then the --results as one run (reruns in it make flaky tests). */
async function promoteParts(args: ParsedArgs, io: CommandIo): Promise<{ added: BaselineHistory[]; damage: string[] }> {
  const created = new Date().toISOString();
  const files = strs(args, 'results');
  const from = strs(args, 'from');
  if (files.length === 0 && from.length === 0) throw usageError('give --results FILE (one or more runs) or --from BASELINE');
  const added: BaselineHistory[] = [];
  const damage: string[] = [];
  for (const ref of from) {
    const loaded = await orProblem(() => baselineFromArgs(ref, args, io, created), damage);
    if (loaded) added.push(historyToPromote(loaded));
    damage.push(...(loaded?.damage ?? []));
  }
  if (files.length) {
    const runs = await loadRuns(files, io.stdin);
    damage.push(...runs.damage);
    added.push(historyOfBaseline(toBaseline(summarizeRuns(runs.runs, { created, context: contextFromArgs(args) }))));
  }
  return { added, damage };
}

function showText(b: Baseline, source: string, kept: { runs: number; keep: number | null } | null = null): string {
  const count = (o: string): number => b.tests.filter((t) => t.outcome === o).length;
  const ctx = Object.entries(b.context)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    `${source}: ${b.schema}, ${b.tests.length} tests from ${b.runs} run${b.runs === 1 ? '' : 's'}, made ${b.created}`,
    `  context: ${ctx || 'none recorded'}`,
    ...(kept
      ? [
          `  history: ${kept.runs} run${kept.runs === 1 ? '' : 's'} kept${kept.keep !== null ? ` (keeps ${kept.keep})` : ''}: pass rates and flaky tests over them ('baseline history')`,
        ]
      : []),
    `  ${count('pass')} pass, ${count('fail')} fail, ${count('flaky')} flaky, ${count('skip')} skip, ${count('unfinished')} never finished`,
  ];
  const flaky = b.tests.filter((t) => t.outcome === 'flaky');
  for (const t of flaky.slice(0, 20))
    lines.push(`  flaky ${t.name} (pass rate ${Math.round((t.passRate ?? 0) * 100)}%, ${t.passes}/${t.passes + t.failures + t.unfinished})`);
  if (flaky.length > 20) lines.push(`  … and ${flaky.length - 20} more flaky`);
  for (const t of b.tests.filter((x) => x.outcome === 'fail').slice(0, 20)) lines.push(`  fail ${t.name}`);
  return `${lines.join('\n')}\n`;
}

function finish(damage: string[], io: CommandIo): ExitCode {
  for (const d of damage) io.stderr.write(`tempest-gate baseline: ${d}\n`);
  return damage.length ? EXIT.badInput : EXIT.ok;
}

export const baselineCommand: Command = {
  name: 'baseline',
  summary: 'Make, list, show, diff and promote baselines (the reference results of a branch or release).',
  usage: '<create|list|show|diff|promote|history> [arguments] [options]',
  allowPositionals: true,
  options: {
    results: { type: 'string', short: 'r', multiple: true },
    from: { type: 'string', multiple: true },
    output: { type: 'string', short: 'o' },
    store: { type: 'string' },
    repo: { type: 'string' },
    push: { type: 'string' },
    message: { type: 'string', short: 'm' },
    to: { type: 'string' },
    budget: { type: 'string' },
    'fail-on': { type: 'string' },
    today: { type: 'string' },
    keep: { type: 'string' },
    history: { type: 'string' },
    html: { type: 'string' },
    ...CONTEXT_OPTIONS,
  },
  help: `Subcommands:
  create --results FILE... [--from REF...] [-o FILE]
                         make a baseline (tempest-gate/baseline@1 JSON, docs/compare.md) from one or
                         more runs; a test that passed in one and failed in another is flaky, with
                         its pass rate. Written to standard output unless -o.
  list                   the baselines in --store
  show REF               a baseline's context, counts and flaky tests (--json: the baseline itself)
  diff OLD NEW           OLD and NEW side by side, per test that differs, each named as given (e.g.
                         diff stable/2025.2 master); --to text, markdown (the job summary) or json,
                         --html FILE for a page; reports only unless --fail-on is given
  promote NAME (--results FILE... | --from REF...) [--keep N] [--push REMOTE] [-m MESSAGE] [-o FILE]
                         add a run to NAME's history (a branch or release: master, stable/2025.2) in
                         --store and keep its newest N runs (default: what the store kept, else 30);
                         the --results of one promote are one run (a rerun makes its tests flaky),
                         --from adds a baseline's own history. Pass rates and flaky tests come from
                         the history. Git stores: commits baselines/NAME.json (compact encoding) to
                         the store branch without touching your work tree, then pushes it if --push.
                         -o FILE writes the new baseline there instead (an artifact store's next
                         artifact, read from --store artifact:NAME)
  history NAME           NAME's kept runs and the tests flaky or failing over them (--json)
A REF is a file (baseline JSON, results JSON or a result stream), git:BRANCH:NAME, or a NAME in --store.
Options:
      --store SPEC       git:BRANCH (default git:tempest-baselines) or dir:PATH
      --repo DIR         the git repository (default: the current directory)
      --history N        show, diff, history: judge by the newest N runs of a stored history only
${CONTEXT_HELP}
Exit codes:
  0  done (diff: also when tests changed, unless --fail-on says otherwise)
  1  diff with --fail-on: the newer baseline fails the policy against the older
  2  usage error
  3  an input could not be read whole (what was readable is still used and reported), or does
     not exist (no such file, store branch or name in the store)
  4  git itself failed (not installed, a git command or the push refused)`,
  async run(args, io): Promise<ExitCode> {
    const [sub, ...rest] = args.positionals;
    if (sub === undefined) throw usageError(`missing subcommand: ${SUBCOMMANDS.join(', ')} (see --help)`);
    const repo = str(args, 'repo') ?? io.cwd;
    const storeSpec = str(args, 'store') ?? DEFAULT_STORE;
    const tooMany = (n: number): void => {
      if (rest.length > n) throw usageError(`unexpected argument '${rest[n]}'`);
    };
    switch (sub) {
      case 'create': {
        tooMany(0);
        const { baseline, damage } = await buildBaseline(args, io);
        await emit(baselineJson(baseline), args, io);
        return finish(damage, io);
      }
      case 'list': {
        tooMany(0);
        const list = await openStore(storeSpec, repo, githubFromEnv(io.env)).list();
        if (args.values.json === true) writeJson(io, list);
        else io.stdout.write(list.length ? `${list.map((b) => `${b.name}\t${b.source}`).join('\n')}\n` : `no baselines in ${storeSpec}\n`);
        return EXIT.ok;
      }
      case 'show': {
        tooMany(1);
        const ref = rest[0];
        if (ref === undefined) throw usageError('baseline show needs a REF');
        const unread: string[] = [];
        const loaded = await orProblem(() => baselineFromArgs(ref, args, io, new Date().toISOString()), unread);
        if (loaded === null) return finish(unread, io);
        if (args.values.json === true) writeJson(io, toBaseline(loaded.baseline));
        else io.stdout.write(showText(loaded.baseline, loaded.source, loaded.history ? { runs: loaded.history.runs.length, keep: loaded.keep ?? null } : null));
        return finish(loaded.damage, io);
      }
      case 'diff': {
        tooMany(2);
        const [older, newer] = rest;
        if (older === undefined || newer === undefined) throw usageError('baseline diff needs OLD and NEW');
        const now = new Date().toISOString();
        // A side that cannot be read is diffed as an empty baseline: the diff is still written, exit 3.
        const unread: string[] = [];
        const side = async (ref: string): Promise<LoadedBaseline> =>
          (await orProblem(() => baselineFromArgs(ref, args, io, now), unread)) ?? { baseline: emptyBaseline(now), source: ref, damage: [] };
        const a = await side(older);
        const b = await side(newer);
        const diff = compareRuns(
          a.baseline,
          { ...b.baseline, details: {} },
          {
            failOn: failOnFrom(args, 'never'),
            today: todayUtc(args),
            baselineLabel: a.source,
            runLabel: b.source,
          },
        );
        // Side by side, each side by the name it was asked by (stable/2025.2, master).
        const view = sideBySide(diff, {
          older: { name: older, source: a.source, runs: a.baseline.runs, tests: a.baseline.tests },
          newer: { name: newer, source: b.source, runs: b.baseline.runs, tests: b.baseline.tests },
        });
        const to = outputFormat(args);
        const budget = wholeOption(args, 'budget', { min: 200, fallback: 60_000 });
        await emit(
          to === 'json' ? `${JSON.stringify(view, null, 2)}\n` : to === 'markdown' ? renderSideBySideMarkdown(view, { budget }) : renderSideBySideText(view),
          args,
          io,
        );
        const html = str(args, 'html');
        if (html !== undefined) await writeOutput(html, renderSideBySideHtml(view));
        const code = finish([...unread, ...a.damage, ...b.damage], io);
        return code !== EXIT.ok ? code : diff.verdict.failed ? EXIT.gateFailed : EXIT.ok;
      }
      case 'promote': {
        tooMany(1);
        const name = rest[0];
        if (name === undefined) throw usageError('baseline promote needs a NAME (a branch or release, e.g. master)');
        checkName(name);
        const { added, damage } = await promoteParts(args, io);
        if (damage.length) {
          // A damaged run must not become the reference others are judged against.
          for (const d of damage) io.stderr.write(`tempest-gate baseline: ${d}\n`);
          io.stderr.write('tempest-gate baseline: not promoted: an input was damaged\n');
          return EXIT.badInput;
        }
        const p = await promoteBaseline({
          name,
          store: storeSpec,
          repo,
          github: githubFromEnv(io.env),
          log: (line) => io.stderr.write(`${line}\n`),
          added,
          keep: wholeOption(args, 'keep', { min: 1, fallback: null }),
          created: new Date().toISOString(),
          message: str(args, 'message'),
          output: str(args, 'output'),
          push: str(args, 'push'),
        });
        const runs = p.history.runs.length;
        if (args.values.json === true)
          writeJson(io, { name, store: p.store, written: p.written, tests: p.baseline.tests.length, runs, keep: p.keep, dropped: p.dropped });
        else
          io.stdout.write(
            `promoted ${name} to ${p.store} (${p.written}): ${p.baseline.tests.length} tests, history of ${runs} run${runs === 1 ? '' : 's'} (keeps ${p.keep}${p.dropped ? `, ${p.dropped} older let go` : ''})\n`,
          );
        return EXIT.ok;
      }
      case 'history': {
        tooMany(1);
        const ref = rest[0];
        if (ref === undefined) throw usageError('baseline history needs a NAME (or any REF)');
        const unread: string[] = [];
        const loaded = await orProblem(() => baselineFromArgs(ref, args, io, new Date().toISOString()), unread);
        if (loaded === null) return finish(unread, io);
        const view = historyView(loaded.history ?? historyOfBaseline(loaded.baseline), loaded.source, loaded.keep ?? null);
        if (args.values.json === true) writeJson(io, view);
        else io.stdout.write(renderHistoryText(view));
        return finish(loaded.damage, io);
      }
      default:
        throw usageError(`unknown subcommand '${sub}' (known: ${SUBCOMMANDS.join(', ')})`);
    }
  },
};
