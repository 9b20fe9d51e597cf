// The cloud stage: select the tests the change needs, provision the nodes, run Tempest on them,
// by running the CLI verbs `select`, `provision` and `run` in-process (the same code and the same
// checks as on the command line; docs/select.md, docs/provision.md, docs/run.md). Their progress
// lines go to the log; a verb's failure becomes one line naming the stage.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { UserError, EXIT, type ExitCode } from '../core/errors.ts';
import type { Command, CommandIo } from '../cli/command.ts';
import { withCloudEnv } from './cloud-env.ts';
import type { ActionSettings } from './inputs.ts';
import type { CloudRun, CloudStage, Selection } from './stages.ts';

/** The Tempest test list shipped in data/, next to the source tree or the dist/ bundle. */
export function shippedTestList(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'data', 'tempest-33.0.0-test-list.txt');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new UserError("no test list: data/tempest-33.0.0-test-list.txt is missing (a broken install); set the 'test-list' input", { exitCode: EXIT.internal });
}

interface VerbRun {
  code: ExitCode;
  stdout: string;
  /** The verb's last stderr line: its one-line error. */
  lastError: string;
}

type RunCommand = (cmd: Command, argv: string[], io: CommandIo) => Promise<ExitCode>;

async function verb(runCommand: RunCommand, cmd: Command, argv: string[], o: { env: NodeJS.ProcessEnv; cwd: string; signal: AbortSignal; log: (l: string) => void }): Promise<VerbRun> {
  const out: Buffer[] = [];
  const stdout = new PassThrough();
  stdout.on('data', (c: Buffer) => out.push(c));
  const stderr = new PassThrough();
  let pending = '';
  let lastError = '';
  stderr.on('data', (c: Buffer) => {
    pending += c.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) {
      if (l.trim() === '') continue;
      lastError = l;
      o.log(l);
    }
  });
  o.log(`$ tempest-gate ${cmd.name} ${argv.join(' ')}`);
  const code = await runCommand(cmd, argv, { stdout, stderr, stdin: Readable.from([]), cwd: o.cwd, env: o.env, signal: o.signal });
  if (pending.trim() !== '') {
    lastError = pending;
    o.log(pending);
  }
  return { code, stdout: Buffer.concat(out).toString('utf8'), lastError: lastError.replace(/^tempest-gate \w+: /, '') };
}

function rulesArgs(settings: ActionSettings): string[] {
  if (settings.rules === null) return [];
  return settings.rules.startsWith('preset:') ? ['--preset', settings.rules.slice('preset:'.length)] : ['--rules', settings.rules];
}

async function loadVerbs() {
  const [{ runCommand }, { selectCommand }, { provisionCommand }, { runVerbCommand }] = await Promise.all([
    import('../cli/main.ts'),
    import('../cli/commands/select.ts'),
    import('../cli/commands/provision.ts'),
    import('../cli/commands/run.ts'),
  ]);
  return { runCommand, selectCommand, provisionCommand, runVerbCommand };
}

/** Run `use` with an AbortSignal that job cancellation (SIGINT, then SIGTERM) fires: the verbs stop and clean up. */
async function cancellable<T>(use: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await use(abort.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function workDirs(settings: ActionSettings): { lists: string; state: string; out: string } {
  const work = join(settings.reportDir, 'cloud');
  return { lists: join(work, 'lists'), state: join(work, 'state'), out: join(work, 'artifacts') };
}

export const verbCloudStage: CloudStage = {
  async select({ settings, log }): Promise<Selection> {
    const { runCommand, selectCommand } = await loadVerbs();
    const ctx = settings.context;
    const workspace = process.cwd();
    const { lists } = workDirs(settings);
    const env = { ...process.env, GITHUB_TOKEN: settings.githubToken, GITHUB_API_URL: ctx.apiUrl, GITHUB_REPOSITORY: `${ctx.owner}/${ctx.repo}` };
    // A pull request's files come from the API (no deep checkout needed); a push diffs its commit.
    const change = ctx.pullRequest ? ['--pr', `${ctx.owner}/${ctx.repo}#${ctx.pullRequest.number}`] : ['--git', `${ctx.sha}~1...${ctx.sha}`];
    const sel = await cancellable((signal) =>
      verb(runCommand, selectCommand, [...change, '--repo', workspace, '--test-list', settings.testList ?? shippedTestList(), ...rulesArgs(settings), '--write-lists', lists, '--json'], {
        env,
        cwd: workspace,
        signal,
        log,
      }),
    );
    if (sel.code !== EXIT.ok) throw new UserError(`select: ${sel.lastError}`, { exitCode: sel.code });
    const r = JSON.parse(sel.stdout) as { conclusion: 'run' | 'skip'; summary: string; counts: { selected: number }; run: Array<{ serial: boolean; includeListName: string }> };
    const parallel = r.run.find((x) => !x.serial);
    const serial = r.run.find((x) => x.serial);
    return {
      conclusion: r.conclusion,
      summary: r.summary,
      selectedCount: r.counts.selected,
      parallelList: parallel ? join(lists, parallel.includeListName) : null,
      serialList: serial ? join(lists, serial.includeListName) : null,
    };
  },

  async provisionAndRun({ settings, selection, runId, log }): Promise<CloudRun> {
    const { runCommand, provisionCommand, runVerbCommand } = await loadVerbs();
    const ctx = settings.context;
    const dirs = workDirs(settings);
    return cancellable((signal) =>
      withCloudEnv(settings, async (env) => {
        const o = { env, cwd: process.cwd(), signal, log };
        const cloudArgs = settings.cloud?.name ? ['--os-cloud', settings.cloud.name] : [];
        // The verb cleans up itself when it fails; the post step cleans up by run id whatever happens.
        const prov = await verb(
          runCommand,
          provisionCommand,
          [
            '--image', settings.image ?? '',
            '--flavor', settings.flavor ?? '',
            '--subnodes', String(settings.nodeCount - 1),
            '--run-id', runId,
            '--repo', `${ctx.owner}/${ctx.repo}`,
            '--change', ctx.pullRequest ? `#${ctx.pullRequest.number}@${ctx.sha}` : ctx.sha,
            '--state-dir', dirs.state,
            '--devstack-branch', settings.devstackBranch,
            ...Object.entries(settings.devstackLocalrc).flatMap(([k, v]) => ['--localrc', `${k}=${v}`]),
            ...cloudArgs,
          ],
          o,
        );
        if (prov.code !== EXIT.ok) throw new UserError(`provision: ${prov.lastError}`, { exitCode: prov.code });

        // Exit 1 only means tests failed, which the report judges.
        const runArgs = [
          '--state', dirs.state,
          '--output-dir', dirs.out,
          ...(selection.parallelList ? ['--include-list', selection.parallelList] : []),
          ...(selection.serialList ? ['--serial-include-list', selection.serialList] : []),
          ...cloudArgs,
        ];
        const ran = await verb(runCommand, runVerbCommand, runArgs, o);
        const resultsPath = join(dirs.out, 'results.subunit');
        if (ran.code !== EXIT.ok && ran.code !== EXIT.gateFailed) {
          // The finished tests are still written: report them, and say what went wrong.
          if (!existsSync(resultsPath) || readFileSync(resultsPath).length === 0) throw new UserError(`run: ${ran.lastError}`, { exitCode: ran.code });
          return { resultsPath, problem: `run: ${ran.lastError}` };
        }
        return { resultsPath };
      }),
    );
  },
};
