// The report stage: the HTML page and the Markdown people read, from a judged run. It renders
// what the judge stage decided; it never loads a baseline or decides a verdict itself.
import { renderCompareMarkdown } from '../core/compare/index.ts';
import { renderHtmlReport } from '../core/render/report-html.ts';
import { renderReportMarkdown } from '../core/render/pr-report.ts';
import type { RunResults } from '../core/results/model.ts';
import { writeOutput } from '../edges/files.ts';
import type { Judgement } from './judge.ts';

export interface ReportOptions {
  /** The run shown (the last of a run and its reruns). */
  results: RunResults;
  judgement: Judgement;
  title: string;
  /** Shown under the title: where the run came from (names, never local paths). */
  subtitle?: string;
  /** Where to write the HTML page; null: none. */
  html: string | null;
  /** Where to write the Markdown summary; null: none. */
  markdown: string | null;
  /** Markdown size budget (characters). */
  budget?: number;
  /** Text every written file passes through last (secret redaction in the Action). */
  clean?: (text: string) => string;
}

/** The Markdown of a judged run: the diff when there is a baseline, else the failures; the verdict always. */
export function reportMarkdown(o: Pick<ReportOptions, 'results' | 'judgement' | 'title' | 'budget'>): string {
  const { judgement } = o;
  if (judgement.hasBaseline) return renderCompareMarkdown(judgement.diff, { title: o.title, ...(o.budget !== undefined ? { budget: o.budget } : {}) });
  return renderReportMarkdown({ results: o.results, verdict: judgement.verdict.result, headline: judgement.verdict.reason, title: o.title });
}

export async function writeReport(o: ReportOptions): Promise<{ html: string | null; markdown: string | null }> {
  const clean = o.clean ?? ((t: string) => t);
  if (o.html !== null) {
    const page = renderHtmlReport({
      title: o.title,
      results: o.results,
      diff: o.judgement.hasBaseline ? o.judgement.diff : null,
      verdict: o.judgement.verdict,
      ...(o.subtitle !== undefined ? { subtitle: o.subtitle } : {}),
    });
    await writeOutput(o.html, clean(page));
  }
  if (o.markdown !== null) await writeOutput(o.markdown, clean(reportMarkdown(o)));
  return { html: o.html, markdown: o.markdown };
}
