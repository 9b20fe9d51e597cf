// The pull-request report: the Markdown body of the PR comment, check run and job summary, the
// check-run annotations, and the size fitting and secret redaction applied before anything is
// published. Pure: data in, strings out (the GitHub edge sends them).
import { secretForms } from '../run/mask.ts';
import { FAILING_STATUSES, type RunResults, type TestRecord } from '../results/model.ts';

/** GitHub rejects issue comments and check-run summaries longer than this (characters). */
export const GITHUB_BODY_LIMIT = 65_536;
/** GitHub accepts at most this many annotations per check-run create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** The gate's result as reports show it (core/compare/policy.ts). */
export type { GateResult } from '../compare/policy.ts';
import type { GateResult } from '../compare/policy.ts';

export interface ReportInput {
  /** The run's results, or null when nothing ran (e.g. an error before the run). */
  results: RunResults | null;
  verdict: GateResult;
  /** One line saying why, e.g. "2 regressions against baseline master". */
  headline: string;
  /** Markdown from the compare engine (renderCompareMarkdown), shown instead of the plain failure list. */
  compareMarkdown?: string;
  /** Problems the user must act on (bad input, missing permission...), one line each. */
  problems?: string[];
  /** Link to the workflow run (job summary and artifacts live there). */
  runUrl?: string;
  /** Name of the uploaded artifact, when there is one. */
  artifactName?: string;
  /** How many failing tests to list in full. */
  maxFailures?: number;
  /** The heading's name (default tempest-gate). */
  title?: string;
}

const ICON: Record<GateResult, string> = { pass: '✅', fail: '❌', skipped: '⏭️', error: '⚠️' };

/** A hidden marker that finds our comment again: one comment per pull request and job key. */
export function commentMarker(key: string): string {
  // '--' would end the HTML comment early; keep the key to a safe alphabet.
  return `<!-- tempest-gate:report key=${key.replace(/[^A-Za-z0-9_.:/@-]/g, '_')} -->`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function seconds(s: number | null): string {
  if (s === null) return '–';
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

function failureDetail(t: TestRecord): string {
  const a = t.attachments.find((x) => x.name === 'traceback') ?? t.attachments.find((x) => x.name === 'reason');
  if (!a || !a.text) return '';
  // The end of a traceback says what went wrong; keep a few lines.
  const lines = a.text.replace(/\s+$/, '').split('\n').slice(-12);
  // A fence longer than any backtick run in the text cannot be closed by it.
  const longest = Math.max(2, ...[...a.text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${lines.join('\n')}\n${fence}`;
}

export function failingTests(results: RunResults): TestRecord[] {
  return results.tests.filter((t) => FAILING_STATUSES.has(t.status));
}

function countsLine(results: RunResults): string {
  const c = results.counts;
  const parts = [
    `**${results.tests.length}** tests`,
    `${c.success} passed`,
    `${c.fail + c.uxsuccess} failed`,
    `${c.skip} skipped`,
    c.xfail ? `${c.xfail} expected failures` : '',
    c.inprogress + c.unknown ? `${c.inprogress + c.unknown} never finished` : '',
  ].filter(Boolean);
  return parts.join(' · ');
}

/** The report body without the marker (the edge prepends it). */
export function renderReportMarkdown(input: ReportInput): string {
  const out: string[] = [];
  // The compare Markdown brings its own heading, verdict line and counts.
  const compared = input.compareMarkdown !== undefined && input.compareMarkdown.trim() !== '';
  if (!compared) out.push(`### ${ICON[input.verdict]} ${input.title ?? 'tempest-gate'}: ${input.verdict}`, '', input.headline);
  if (compared) out.push((input.compareMarkdown ?? '').trim());
  for (const p of input.problems ?? []) {
    out.push('');
    out.push(`> [!WARNING]\n> ${p.replace(/\r?\n/g, ' ')}`);
  }
  const r = input.results;
  if (r) {
    if (!compared) out.push('', countsLine(r));
    if (r.damage.length) out.push('', `⚠️ the result stream was damaged at byte ${r.damage[0]?.offset}: only what was readable is reported.`);
    if (!compared) {
      const failing = failingTests(r);
      if (failing.length) {
        const max = input.maxFailures ?? 50;
        out.push('', `#### Failing tests (${failing.length})`, '', '| Test | Status | Duration |', '| --- | --- | --- |');
        for (const t of failing.slice(0, max)) out.push(`| \`${escapeCell(t.name)}\` | ${t.status} | ${seconds(t.duration)} |`);
        if (failing.length > max) out.push('', `… and ${failing.length - max} more (see the job summary).`);
        const detailed = failing.slice(0, Math.min(max, 20)).filter((t) => failureDetail(t) !== '');
        for (const t of detailed) {
          out.push('', `<details><summary><code>${htmlEscape(t.name)}</code></summary>`, '', failureDetail(t), '', '</details>');
        }
      }
    }
  }
  const links: string[] = [];
  if (input.runUrl) links.push(`[workflow run and job summary](${input.runUrl})`);
  if (input.artifactName) links.push(`artifact \`${input.artifactName}\``);
  if (links.length) out.push('', `<sub>Details: ${links.join(' · ')}</sub>`);
  return `${out.join('\n')}\n`;
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface FitOptions {
  /** Maximum characters, the marker included. */
  limit?: number;
  /** Where the whole report is (shown when the body is cut). */
  pointer: string;
}

/**
 * Keep a body under GitHub's limit: cut at a line boundary, close an open code fence or
 * <details>, and say where the rest is. Never cuts a body that fits.
 */
export function fitBody(body: string, options: FitOptions): { body: string; cut: boolean } {
  const limit = options.limit ?? GITHUB_BODY_LIMIT;
  if (body.length <= limit) return { body, cut: false };
  const tail = `\n\n---\n✂️ This report was cut to fit GitHub's ${limit.toLocaleString('en-US')}-character limit. ${options.pointer}\n`;
  // Room for the tail and for closing a fence and a <details> (each at most ~40 chars).
  const room = limit - tail.length - 100;
  let kept = body.slice(0, Math.max(0, room));
  const nl = kept.lastIndexOf('\n');
  if (nl > 0) kept = kept.slice(0, nl);
  let closing = '';
  // An odd number of fence lines means we cut inside a code block.
  const fences = kept.match(/^`{3,}/gm) ?? [];
  if (fences.length % 2 === 1) closing += `\n${fences[fences.length - 1]}`;
  const opened = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  if (opened > 0) closing += '\n</details>';
  return { body: `${kept}${closing}${tail}`, cut: true };
}

/**
 * Replace every known secret value in text. Masking (core.setSecret) only protects the log;
 * a comment, a check run or an artifact is published as-is, so they are redacted here too.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Each secret as it stands and as a logged request body or URL would spell it (JSON-escaped,
  // percent-encoded): the forms secret-scan.ts looks for in the artifact. Longest first, so a
  // secret that contains another is replaced whole.
  const forms = new Set(secrets.filter((x) => x.length >= 4).flatMap(secretForms));
  for (const s of [...forms].sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join('***');
  }
  return out;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
  raw_details?: string;
}

/** `tempest.api.compute.test_x.Class` -> `tempest/api/compute/test_x.py` (the test's module file). */
export function modulePath(className: string): string {
  const parts = className.split('.');
  // The class is the last part; what is left is the module.
  const mod = parts.length > 1 ? parts.slice(0, -1) : parts;
  return `${mod.join('/')}.py`;
}

/** The line of the test's own frame in its traceback (the last frame in the test's module), or 1. */
export function tracebackLine(text: string, path: string): number {
  let line = 1;
  const re = /File "([^"]+)", line (\d+)/g;
  for (const m of text.matchAll(re)) {
    const file = m[1] ?? '';
    if (file === path || file.endsWith(`/${path}`)) line = Number(m[2]);
  }
  return line;
}

/** One failure annotation per failing test, pointing at the test's module and line. */
export function buildAnnotations(results: RunResults, options: { pathPrefix?: string } = {}): Annotation[] {
  const out: Annotation[] = [];
  for (const t of failingTests(results)) {
    const path = modulePath(t.className || t.name);
    const tb = t.attachments.find((a) => a.name === 'traceback') ?? t.attachments.find((a) => a.name === 'reason');
    const text = tb?.text ?? '';
    const line = tracebackLine(text, path);
    const last = text.replace(/\s+$/, '').split('\n').pop() ?? '';
    out.push({
      path: `${options.pathPrefix ?? ''}${path}`,
      start_line: line,
      end_line: line,
      annotation_level: 'failure',
      title: `${t.status === 'uxsuccess' ? 'Unexpected success' : t.status === 'fail' ? 'Failed' : 'Did not finish'}: ${t.method}`.slice(0, 255),
      message: (last || `${t.name}: ${t.status}`).slice(0, 64_000),
      ...(text ? { raw_details: text.slice(-64_000) } : {}),
    });
  }
  return out;
}

/** Split into GitHub's batches of 50. */
export function annotationBatches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
