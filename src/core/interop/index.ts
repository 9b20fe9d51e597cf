// Interop (DefCore) scoring: read a schema 2.0 guideline, score a run as RefStack does.
export * from './model.ts';
export { parseGuideline } from './guideline.ts';
export { scoreGuideline, passedTests, compareInterop, interopChangeLine, passedInBaseline, type PassedTests, type InteropChange } from './score.ts';
export { refstackResults, refstackUpload, type RefstackResult, type RefstackUpload } from './refstack.ts';
