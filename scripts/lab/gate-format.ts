// How the lab gate's outcome is shown (npm run gate-demo, npm run bench -- e2e): the time per
// stage and what the pull request got.
import { join, relative } from 'node:path';
import type { LabGateResult } from './gate.ts';

function indent(text: string, by = '    '): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `${by}${l}`)
    .join('\n');
}

export function fmt(s: number): string {
  return s >= 60 ? `${Math.floor(s / 60)} min ${(s % 60).toFixed(0).padStart(2, '0')} s` : `${s.toFixed(1)} s`;
}

export function stageTable(r: LabGateResult): string {
  const w = Math.max(...r.stages.map((s) => s.stage.length));
  const rows = r.stages.map((s) => `  ${s.stage.padEnd(w)}  ${fmt(s.seconds).padStart(10)}`);
  return [...rows, `  ${'whole gate'.padEnd(w)}  ${fmt(r.totalSeconds).padStart(10)}`].join('\n');
}

/** What the pull request got, as a reader of the demo wants to see it. */
export function posted(r: LabGateResult, cwd: string): string {
  const out: string[] = [];
  out.push(`GitHub API calls (each validated against GitHub's OpenAPI description): ${r.calls.join(', ')}; rejected: ${r.rejections.length}`);
  out.push(`\n-- the pull request comment --\n${indent(r.comment ?? '(none)')}`);
  const cr = r.checkRun;
  out.push(
    `\n-- the check run --\n${cr ? indent(`name: ${cr.name}\nconclusion: ${cr.conclusion}\ntitle: ${cr.output.title}\nannotations: ${cr.annotations.length}${cr.annotations.map((a) => `\n  ${String(a.path)}:${String(a.start_line)} ${typeof a.title === 'string' ? a.title : ''}`).join('')}\nsummary:\n${cr.output.summary ?? ''}`) : '    (none)'}`,
  );
  out.push(`\n-- the job summary (GITHUB_STEP_SUMMARY) --\n${indent(r.summary || '(empty)')}`);
  if (r.artifact) {
    const html = r.artifact.files.includes('report.html') ? join(r.artifact.dir, 'report.html') : null;
    out.push(`\n-- the artifact '${r.artifact.name}' (${r.artifact.files.length} files) --\n${indent(r.artifact.files.join('\n'))}`);
    out.push(
      html
        ? `    report.html: ${relative(cwd, html).startsWith('..') ? html : relative(cwd, html)} (open it in a browser)`
        : '    (no report.html: the run produced no results)',
    );
  } else out.push('\n-- no artifact was uploaded --');
  return out.join('\n');
}
