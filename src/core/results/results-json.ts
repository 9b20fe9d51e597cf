// The results JSON (`tempest-gate/results@1`, docs/results-json.md) made a few hundred tests at a
// time: the very text `JSON.stringify(results, null, 2)` makes, without a record of every test in
// memory (records are turned into text in batches as their tests finish, then dropped).
import { RESULTS_SCHEMA, type RunSummary, type TestRecord } from './model.ts';

const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);

/** A batch is stringified inside this wrapper, whose depth gives the tests the document's indent. */
const WRAP_HEAD = '{\n  "tests": [\n';
const WRAP_TAIL = '\n  ]\n}';
const BATCH = 512;

export class ResultsJsonText {
  private readonly texts: string[] = [];
  private pending: TestRecord[] = [];

  /** A finished test (a ParseOptions.onTest). */
  add(test: TestRecord): void {
    this.pending.push(test);
    if (this.pending.length === BATCH) this.flush();
  }

  /** Forget the tests added so far (the input is being read again). */
  reset(): void {
    this.texts.length = 0;
    this.pending = [];
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const json = JSON.stringify({ tests: this.pending }, null, 2);
    this.texts.push(json.slice(WRAP_HEAD.length, json.length - WRAP_TAIL.length));
    this.pending = [];
  }

  /**
   * The document in pieces, to write one after another: never one string, since a big run's
   * JSON can pass the longest string V8 makes.
   */
  *pieces(summary: RunSummary): Generator<string> {
    this.flush();
    yield `{\n  "schema": ${JSON.stringify(RESULTS_SCHEMA)},\n  "format": ${JSON.stringify(summary.format)},\n  "tests": [`;
    for (let i = 0; i < this.texts.length; i++) yield `${i ? ',\n' : '\n'}${this.texts[i]}`;
    yield this.texts.length ? '\n  ]' : ']';
    yield `,\n  "counts": ${indent(JSON.stringify(summary.counts, null, 2), '  ')},\n  "start": ${JSON.stringify(summary.start)},\n  "stop": ${JSON.stringify(summary.stop)},\n  "damage": ${indent(JSON.stringify(summary.damage, null, 2), '  ')}\n}\n`;
  }
}
