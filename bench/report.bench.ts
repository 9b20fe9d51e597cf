// npm run bench -- report: the action's start-up (load dist/, read inputs) and reporting a
// 2,000-test run with 200 failures to the local OpenAPI-validating GitHub server: times and API
// calls. Goals: start-up under 300 ms; an update in at most 3 calls plus the annotation batches.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { newJob, buildAction } from '../scripts/lab/action-runner.ts';
import { startGitHubServer } from '../scripts/lab/github-server.ts';
import { makeRun } from '../test/helpers/tempest-run.ts';
import { parseResults } from '../src/core/results/parse.ts';
import { buildAnnotations, commentMarker, fitBody, renderReportMarkdown } from '../src/core/render/pr-report.ts';

const TOKEN = 'ghs_bench';

function wall(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const t = performance.now();
    execFile(cmd, args, { env }, () => resolve(performance.now() - t));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export async function run(): Promise<void> {
  const event = JSON.parse(readFileSync(new URL('../test/fixtures/action/pull_request.synchronize.json', import.meta.url), 'utf8')) as {
    pull_request: { number: number };
  };
  const dist = await buildAction();

  // Start-up: node dist/index.js with an input error that stops it right after reading the inputs
  // (everything is loaded and parsed, no API call), against bare `node -e 0` on the same machine.
  const env = { PATH: process.env.PATH, 'INPUT_GITHUB-TOKEN': TOKEN, 'INPUT_NODE-COUNT': 'x', GITHUB_STATE: '/dev/null', GITHUB_OUTPUT: '/dev/null' };
  const bare: number[] = [];
  const action: number[] = [];
  for (let i = 0; i < 7; i++) {
    bare.push(await wall(process.execPath, ['-e', '0'], env));
    action.push(await wall(process.execPath, [join(dist, 'index.js')], env));
  }
  const b = median(bare);
  const a = median(action);
  console.log(
    `start-up: node dist/index.js (load + read inputs) ${a.toFixed(0)} ms; bare node ${b.toFixed(0)} ms; ours ${(a - b).toFixed(0)} ms (ratio ${(a / b).toFixed(2)}x bare node; goal < 300 ms)`,
  );

  // The pure part of a report: parse, render, fit, annotations.
  const bytes = makeRun({ tests: 2000, failures: 200 });
  const t0 = performance.now();
  const results = parseResults(bytes);
  const t1 = performance.now();
  const md = renderReportMarkdown({ results, verdict: 'fail', headline: '200 tests failed of 2000.' });
  const body = fitBody(`${commentMarker('tempest')}\n${md}`, { pointer: 'see the summary' });
  const ann = buildAnnotations(results);
  const t2 = performance.now();
  console.log(
    `2,000 tests / 200 failures: parse ${(t1 - t0).toFixed(1)} ms (${bytes.length} bytes), render + fit + ${ann.length} annotations ${(t2 - t1).toFixed(1)} ms, comment ${body.body.length} chars`,
  );

  // The whole report through dist/index.js as the runner runs it: first run creates, second updates.
  const gh = await startGitHubServer({ token: TOKEN });
  try {
    const job = await newJob({ inputs: { results: 'results.subunit', 'upload-artifacts': 'false' }, githubToken: TOKEN, apiUrl: gh.url, event });
    await writeFile(join(job.dir, 'workspace', 'results.subunit'), bytes);
    for (const label of ['first report (creates the comment)', 'update (same PR, next push)']) {
      const before = gh.calls().length;
      const t = performance.now();
      const r = await job.step('index');
      const ms = performance.now() - t;
      const calls = gh.calls().slice(before);
      const batches = calls.filter((c) => c.operationId === 'checks/update').length;
      const core = calls.length - batches;
      console.log(
        `${label}: ${ms.toFixed(0)} ms wall (exit ${r.code}), ${calls.length} API calls = ${core} + ${batches} annotation batches ` +
          `[${calls.map((c) => c.operationId).join(', ')}]${label.startsWith('update') ? `; goal <= 3 + batches: ${core <= 3 ? 'met' : 'MISSED'}` : ''}`,
      );
    }
    if (gh.rejections.length) console.log(`REJECTED by the OpenAPI description: ${JSON.stringify(gh.rejections)}`);
    console.log(
      `comments on PR #${event.pull_request.number}: ${gh.comments.length}; check runs: ${gh.checkRuns.length}, annotations on the last: ${gh.checkRuns.at(-1)?.annotations.length}`,
    );
    console.log('(wall time includes @octokit/plugin-throttling pacing writes 1 s apart, as GitHub asks of integrations)');
  } finally {
    await gh.stop();
  }
}
