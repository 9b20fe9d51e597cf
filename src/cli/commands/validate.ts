// tempest-gate validate: run Tempest on this machine against an existing cloud (a reference
// deployment) with a tempest.conf generated from what the cloud offers; the selected subset, an
// Interop guideline's tests or a baseline's tests. The same runner as a gate run, local.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { flag, str, strs, wholeOption, writeJson, type Command } from '../command.ts';
import { usageError } from '../../core/errors.ts';
import { parseDuration } from '../../core/provision/sweep.ts';
import { parseGuideline, passedTests, scoreGuideline, type Guideline, type InteropScore } from '../../core/interop/index.ts';
import { defaultPlanOptions, type RunStep } from '../../core/run/plan.ts';
import { formatProgress } from '../../core/run/progress.ts';
import { shJoin } from '../../core/run/shell-quote.ts';
import { renderTempestConf } from '../../core/run/tempest-conf.ts';
import { readText } from '../../edges/files.ts';
import { LocalShell } from '../../edges/local-shell.ts';
import { discoverCloud } from '../../edges/openstack/discover.ts';
import { DEFAULT_TIMEOUTS, runTempest } from '../../edges/ssh/tempest-runner.ts';
import { openSession } from '../../stages/cloud.ts';
import { readReference } from '../../stages/run.ts';
import { CLOUD_HELP, CLOUD_OPTIONS, cloudFromArgs } from '../openstack-args.ts';
import { parseSet, reportText } from './run.ts';

/** An include-list line that matches exactly this test (with or without its `[attrs]`). */
export function exactTestRegex(name: string): string {
  return `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\[|$)`;
}

/** The tests of a guideline's required capabilities for one target (default: its first platform). */
export function guidelineTests(g: Guideline, targetName: string | undefined): { target: string; tests: string[] } {
  const target = targetName === undefined ? (g.targets.find((t) => t.kind === 'platform') ?? g.targets[0]) : g.targets.find((t) => t.name === targetName);
  if (!target) throw usageError(`guideline ${g.id} has no target '${targetName}' (it has: ${g.targets.map((t) => t.name).join(', ')})`);
  const tests = new Set<string>();
  for (const c of target.components) {
    for (const cap of g.components[c]?.capabilities.required ?? []) for (const t of g.capabilities[cap]?.tests ?? []) tests.add(t.name);
  }
  return { target: target.name, tests: [...tests].sort() };
}

function interopLines(score: InteropScore): string[] {
  return score.targets.map((t) => {
    const r = t.byStatus.required;
    return `interop ${score.guideline} ${t.name}: required ${r.passed}/${r.count} passed${r.percent !== null ? ` (${r.percent.toFixed(1)}%)` : ''}, ${t.compliant ? 'compliant' : 'not compliant'}`;
  });
}

export const validateCommand: Command = {
  name: 'validate',
  holds: 'the Tempest run and its workspace (the finished tests are kept)',
  summary: 'Run Tempest from this machine against an existing cloud (clouds.yaml) and check it against a guideline or baseline.',
  usage: '--os-cloud NAME (--include-list FILE | --guideline FILE | --baseline FILE) [options]',
  options: {
    ...CLOUD_OPTIONS,
    'include-list': { type: 'string' },
    'exclude-list': { type: 'string' },
    guideline: { type: 'string' },
    target: { type: 'string' },
    baseline: { type: 'string' },
    concurrency: { type: 'string' },
    'compute-nodes': { type: 'string' },
    set: { type: 'string', multiple: true },
    tempest: { type: 'string' },
    workspace: { type: 'string' },
    timeout: { type: 'string' },
    'output-dir': { type: 'string', short: 'o' },
  },
  help: `Tests (at least one):
      --include-list FILE    Tempest include list (regexes), e.g. from 'select --write-lists'
      --guideline FILE       an Interop guideline (JSON, schema 2.0): its required tests
      --target NAME          the guideline's target (default its first platform)
      --baseline FILE        a baseline (JSON) or a reference run (results JSON, subunit, JUnit): the
                             same tests, and its durations for the ETA
      --exclude-list FILE    Tempest exclude list
Run:
      --concurrency N        workers (default 4)
      --compute-nodes N      [compute] min_compute_nodes (default 1; migrations need 2)
      --set SECTION.KEY=VALUE  tempest.conf override, repeatable
      --tempest PATH         the tempest command (default tempest)
      --workspace DIR        Tempest workspace to create (default a private temporary one, removed after)
      --timeout D            the whole run (default 2h)
  -o, --output-dir DIR       results.subunit, results.json, run.json, logs/ (default tempest-gate-artifacts)
${CLOUD_HELP}
The cloud's credentials must be an admin's: Tempest creates a project and user per test class.
tempest.conf is generated from the catalog, the two smallest flavors, two active images, the
external network and Neutron's extensions; it holds the password, so it is written mode 0600 and
never copied to the artifacts. Then compare as for a gate run:
  tempest-gate compare --baseline FILE --results DIR/results.subunit
Exit codes:
  0  every test passed or was skipped (and, with --guideline, the target is compliant)
  1  tests failed, or the target is not compliant
  2  usage error
  3  a bad input file
  4  the cloud failed (credentials refused, unreachable), Tempest produced no results, timeout, cancelled`,
  async run(args, io) {
    const includeFile = str(args, 'include-list');
    const guidelineFile = str(args, 'guideline');
    const baselineFile = str(args, 'baseline');
    if (!includeFile && !guidelineFile && !baselineFile) throw usageError('give --include-list, --guideline or --baseline (see --help)');
    const concurrency = wholeOption(args, 'concurrency', { min: 1, fallback: 4 });
    const computeNodes = wholeOption(args, 'compute-nodes', { min: 1, fallback: 1 });
    const overrides = strs(args, 'set').map(parseSet);
    const timeoutText = str(args, 'timeout');
    const runSeconds = timeoutText === undefined ? DEFAULT_TIMEOUTS.runSeconds : parseDuration(timeoutText, '--timeout') / 1000;
    const say = (line: string): void => void io.stderr.write(`${line}\n`);

    const lines = (text: string): string[] =>
      text
        .split(/\r?\n/)
        .map((l) => l.replace(/#.*$/, '').trim())
        .filter(Boolean);
    const include = includeFile ? lines(await readText(includeFile)) : [];
    const exclude = str(args, 'exclude-list') ? lines(await readText(str(args, 'exclude-list') ?? '')) : [];
    let guideline: Guideline | null = null;
    if (guidelineFile) {
      guideline = parseGuideline(await readText(guidelineFile), guidelineFile);
      const { target, tests } = guidelineTests(guideline, str(args, 'target'));
      say(`guideline ${guideline.id}, ${target}: ${tests.length} required tests`);
      include.push(...tests.map(exactTestRegex));
    }
    let durations = new Map<string, number>();
    if (baselineFile) {
      const ref = await readReference(baselineFile);
      durations = ref.durations;
      include.push(...ref.names.map(exactTestRegex));
    }

    const cloud = cloudFromArgs(args, io);
    const ownWorkspace = str(args, 'workspace') === undefined;
    const root = ownWorkspace ? mkdtempSync(join(tmpdir(), 'tempest-gate-validate-')) : resolve(io.cwd, str(args, 'workspace') ?? '');
    const ws = join(root, 'tempest');
    try {
      mkdirSync(root, { recursive: true, mode: 0o700 });
      const session = openSession(cloud, say);
      let conf: string;
      try {
        say(`discovering what cloud '${cloud.name}' offers`);
        const found = await discoverCloud(session, { lockPath: join(ws, 'tempest_lock'), computeNodes });
        found.region ||= 'RegionOne';
        conf = renderTempestConf(found);
        say(
          `services: ${[...found.services].sort().join(', ')}; images ${found.images.length}, flavors ${found.flavors.length}${found.publicNetworkId ? ', an external network' : ''}`,
        );
      } finally {
        await session.close();
      }
      const shell = new LocalShell({ env: io.env });
      const tempest = str(args, 'tempest') ?? 'tempest';
      const init = await shell.exec(shJoin([tempest, 'init', '--workspace-path', join(root, 'workspace.yaml'), ws]));
      if (init.code !== 0) throw usageError(`'${tempest} init' failed: ${init.stderr.toString().trim().split('\n').at(-1) ?? ''}`);
      writeFileSync(join(ws, 'etc', 'tempest.conf'), conf, { mode: 0o600 });
      chmodSync(join(ws, 'etc', 'tempest.conf'), 0o600);

      const outputDir = resolve(io.cwd, str(args, 'output-dir') ?? 'tempest-gate-artifacts');
      const steps: RunStep[] = [{ name: 'validate', include, exclude, concurrency, serial: false }];
      const report = await runTempest({
        nodes: [
          {
            role: 'controller',
            sudo: false,
            shell,
            journal: false,
            markers: { done: '', failed: '', log: '' },
            logPaths: [join(ws, 'tempest.log')],
            target: {
              name: 'localhost',
              host: 'localhost',
              port: 0,
              username: '',
              privateKey: '',
              trust: { keys: [], fingerprints: [] },
              trustSource: 'local',
            },
          },
        ],
        plan: { ...defaultPlanOptions(ws), runCommand: [tempest, 'run'] },
        steps,
        overrides,
        rerunFailed: false,
        waitReady: false,
        timeouts: { ...DEFAULT_TIMEOUTS, runSeconds },
        outputDir,
        fetchLogs: true,
        total: null,
        baseline: durations,
        progressIntervalMs: 500,
        onProgress: (p) => say(`progress: ${formatProgress(p)}`),
        log: say,
        signal: io.signal,
      });
      const score = guideline ? scoreGuideline(guideline, passedTests([report.results])) : null;
      const summary = {
        cloud: cloud.name,
        outcome: report.classification.outcome,
        reason: report.classification.reason,
        exitCode: report.classification.exitCode,
        counts: report.results.counts,
        failed: report.classification.failed,
        interop: score?.targets.map((t) => ({ guideline: score.guideline, target: t.name, compliant: t.compliant, required: t.byStatus.required })) ?? null,
        artifacts: { subunit: report.subunitPath, logs: report.logFiles },
      };
      writeFileSync(join(outputDir, 'results.json'), `${JSON.stringify(report.results)}\n`);
      writeFileSync(join(outputDir, 'run.json'), `${JSON.stringify(summary, null, 2)}\n`);
      if (flag(args, 'json')) writeJson(io, summary);
      else io.stdout.write(`${reportText(report, outputDir)}${score ? `${interopLines(score).join('\n')}\n` : ''}`);
      if (report.classification.exitCode === 0 && score && score.targets.some((t) => !t.compliant)) return 1;
      return report.classification.exitCode;
    } finally {
      if (ownWorkspace) rmSync(root, { recursive: true, force: true });
    }
  },
};
