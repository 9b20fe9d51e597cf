// The comparison engine's public face: baselines, the diff, policy, known failures, renderers.
export * from './model.ts';
export {
  summarizeRuns,
  mergeBaselines,
  toBaseline,
  parseBaseline,
  validateBaseline,
  parseJsonText,
  baselineFromBytes,
  baselineFromJson,
  baselineFromText,
  isJsonDocument,
  emptyBaseline,
  resultsFromBytes,
  BASELINE_JSON_SCHEMA,
  type SummaryOptions,
} from './baseline.ts';
export {
  COMPACT_SCHEMA,
  appendHistory,
  baselineOfCompact,
  baselineOfHistory,
  decodeCompact,
  encodeCompact,
  historyOfBaseline,
  isCompact,
  lastRuns,
  roundDuration,
  cellOutcome,
  cellSeconds,
  type BaselineHistory,
  type DecodedCompact,
  type HistoryRun,
  type HistoryTest,
} from './compact.ts';
export { compareRuns, type CompareOptions } from './diff.ts';
export { applyPolicy, gateVerdict, notRunVerdict, FAIL_ON, type GateResult, type GateVerdict, type GateInput } from './policy.ts';
export { parseKnownFailures, readKnownFailures, KnownFailureMatcher, type KnownFailure, type KnownFailures } from './known-failures.ts';
export { renderCompareMarkdown, DEFAULT_MARKDOWN_BUDGET, type CompareMarkdownOptions } from '../render/compare-markdown.ts';
export { renderCompareText, type CompareTextOptions } from '../render/compare-text.ts';
