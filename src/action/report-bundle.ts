// The report bundle: the files the main step writes to `report-dir` and uploads as the artifact,
// and that the trusted `workflow_run` step (input `report-from`) reads back to publish.
// Everything in it is redacted before it is written.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError, EXIT } from '../core/errors.ts';
import type { RunResults } from '../core/results/model.ts';
import { writeOutput } from '../edges/files.ts';
import type { GateResult } from '../core/render/pr-report.ts';
import { resultsFromBytes } from '../core/compare/index.ts';

export const REPORT_SCHEMA = 'tempest-gate/report@1';

export interface ReportManifest {
  schema: typeof REPORT_SCHEMA;
  repository: string;
  pullRequest: { number: number; headSha: string } | null;
  verdict: GateResult;
  headline: string;
  problems: string[];
  compare: { markdown: string; regressions: number; fixes: number } | null;
  /** File name of the results JSON in the bundle, or null when nothing ran. */
  results: string | null;
}

export const FILES = { manifest: 'report.json', markdown: 'report.md', results: 'results.json', subunit: 'results.subunit', html: 'report.html' } as const;

export async function writeBundle(dir: string, manifest: ReportManifest, markdown: string, resultsJson: string | null): Promise<string[]> {
  const written = [join(dir, FILES.manifest), join(dir, FILES.markdown)];
  await writeOutput(written[0] ?? '', `${JSON.stringify(manifest, null, 2)}\n`);
  await writeOutput(written[1] ?? '', markdown);
  if (resultsJson !== null) {
    written.push(join(dir, FILES.results));
    await writeOutput(join(dir, FILES.results), resultsJson);
  }
  return written;
}

function bad(file: string, what: string): UserError {
  return new UserError(`input 'report-from': ${what}`, { exitCode: EXIT.badInput, place: { file } });
}

/** Read a bundle made by another run. Its content is untrusted: check its shape, field by field. */
export async function readBundle(dir: string): Promise<{ manifest: ReportManifest; results: RunResults | null }> {
  const path = join(dir, FILES.manifest);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw bad(
      path,
      code === 'ENOENT' ? 'no report.json here: download the tempest-gate artifact into this directory first' : `not valid JSON (${(err as Error).message})`,
    );
  }
  const m = raw as Partial<ReportManifest>;
  if (m.schema !== REPORT_SCHEMA) throw bad(path, `unknown report schema '${String(m.schema)}' (expected ${REPORT_SCHEMA})`);
  const pr = m.pullRequest;
  if (pr !== null && (typeof pr?.number !== 'number' || !Number.isInteger(pr.number) || typeof pr.headSha !== 'string' || !/^[0-9a-f]{40}$/.test(pr.headSha))) {
    throw bad(path, "'pullRequest' must be null or { number, headSha (40 hex) }");
  }
  if (!['pass', 'fail', 'skipped', 'error'].includes(String(m.verdict))) throw bad(path, `unknown verdict '${String(m.verdict)}'`);
  const manifest: ReportManifest = {
    schema: REPORT_SCHEMA,
    repository: String(m.repository ?? ''),
    pullRequest: pr ?? null,
    verdict: m.verdict as GateResult,
    headline: String(m.headline ?? '').slice(0, 1000),
    problems: Array.isArray(m.problems) ? m.problems.map((p) => String(p).slice(0, 1000)).slice(0, 20) : [],
    compare:
      m.compare && typeof m.compare.markdown === 'string'
        ? { markdown: m.compare.markdown, regressions: Number(m.compare.regressions) || 0, fixes: Number(m.compare.fixes) || 0 }
        : null,
    results: typeof m.results === 'string' ? FILES.results : null,
  };
  let results: RunResults | null = null;
  if (manifest.results) {
    const rpath = join(dir, FILES.results);
    let bytes: Buffer;
    try {
      bytes = await readFile(rpath);
    } catch (err) {
      throw bad(rpath, `cannot read the results (${(err as Error).message})`);
    }
    // Checked as any results JSON is (shape, statuses, counts): a malformed one is bad input, never a crash.
    try {
      results = resultsFromBytes(bytes, rpath);
    } catch (err) {
      if (err instanceof UserError) throw bad(rpath, err.message);
      throw err;
    }
  }
  return { manifest, results };
}
