// The results JSON (`tempest-gate/results@1`, docs/results-json.md) made a test at a time: the very
// text `JSON.stringify(results, null, 2)` makes, without a record of every test in memory. Each
// test becomes text as it finishes (`ResultsJsonWriter.add`), for the caller to write out; the
// document's head and tail come from `head()` and `tail(summary)`.
import { RESULTS_SCHEMA, type Attachment, type FinishedTest, type RunSummary, type TestRecord } from './model.ts';

const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);

/** A record is stringified inside this wrapper, whose depth gives it the document's indent. */
const WRAP_HEAD = '{\n  "tests": [\n';
const WRAP_TAIL = '\n  ]\n}';

/**
 * A string without a character JSON.stringify escapes (quote, backslash, controls, any surrogate:
 * lone ones are escaped). Anchored and negated: V8 runs this form 1.6x faster than a search for
 * the first such character (10 against 17 ms on 100,000 Tempest ids, 2026-12-07).
 */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
const str = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));
const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');
/** A string known to need no escape, quoted as it is, or null. */
const plainOrNull = (s: string | null): string => (s === null ? 'null' : `"${s}"`);

/** A record's list of strings (tags, attributes) as JSON.stringify(.., null, 2) writes it at the record's indent. */
function stringList(list: readonly string[]): string {
  if (list.length === 0) return '[]';
  let out = `[\n        ${str(list[0]!)}`;
  for (let i = 1; i < list.length; i++) out += `,\n        ${str(list[i]!)}`;
  return `${out}\n      ]`;
}

const listOfOne = (s: string): string => stringList([s]);

/** Entries a map of RecordText holds before it starts again. */
const REMEMBERED_MAX = 1024;

/** `map`'s text for `key`, made by `make` the first time (the map empties when full: a run of ever-new keys). */
function remembered(map: Map<string, string>, key: string, make: (key: string) => string): string {
  let text = map.get(key);
  if (text === undefined) {
    text = make(key);
    if (map.size >= REMEMBERED_MAX) map.clear();
    map.set(key, text);
  }
  return text;
}

/**
 * Records as JSON, with the strings a run repeats test after test (attachment names and MIME
 * types, tags, attributes, workers, route codes, durations) each made JSON once: a MIME type's
 * quotes sent it through JSON.stringify for every test.
 */
class RecordText {
  /** Strings as JSON, by string. */
  private readonly quotes = new Map<string, string>();
  /** Lists of one string (a worker's tag, the attribute `smoke`), by that string. */
  private readonly lists = new Map<string, string>();
  /** The last list of one attachment without text made for each attachment name, with that attachment. */
  private readonly emptyLists = new Map<string, { a: Attachment; text: string }>();
  private lastDuration = Number.NaN;
  private lastDurationText = 'null';

  str(s: string): string {
    return remembered(this.quotes, s, str);
  }

  strOrNull(s: string | null): string {
    return s === null ? 'null' : this.str(s);
  }

  /** A record's list of tags or attributes; a list of one string is made once per string. */
  list(list: readonly string[]): string {
    return list.length === 1 ? remembered(this.lists, list[0]!, listOfOne) : stringList(list);
  }

  duration(d: number | null): string {
    if (d === null) return 'null';
    if (d !== this.lastDuration) {
      this.lastDuration = d;
      this.lastDurationText = num(d);
    }
    return this.lastDurationText;
  }

  attachments(list: readonly Attachment[]): string {
    if (list.length === 0) return '[]';
    // A passing test's one attachment, its text not kept, is the same list test after test (the
    // list's ten pieces were made anew for each: 0.976x wall for the JSON of 100,000 tests).
    if (list.length === 1 && list[0]!.text === '') return this.emptyAttachment(list[0]!);
    return this.attachmentList(list);
  }

  /** The list of one attachment without text, by that attachment's name (a run has a handful). */
  private emptyAttachment(a: Attachment): string {
    const last = this.emptyLists.get(a.name);
    if (last !== undefined && last.a.size === a.size && last.a.truncatedBytes === a.truncatedBytes && last.a.contentType === a.contentType) return last.text;
    const text = this.attachmentList([a]);
    if (this.emptyLists.size >= REMEMBERED_MAX) this.emptyLists.clear();
    this.emptyLists.set(a.name, { a, text });
    return text;
  }

  private attachmentList(list: readonly Attachment[]): string {
    let out = '[';
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      out +=
        `${i ? ',' : ''}\n        {\n          "name": ${this.str(a.name)},\n          "contentType": ${this.str(a.contentType)},\n          "size": ${num(a.size)},` +
        `\n          "truncatedBytes": ${num(a.truncatedBytes)},\n          "text": ${str(a.text)}\n        }`;
    }
    return `${out}\n      ]`;
  }

  /**
   * One record as it stands in the document's "tests" list: what JSON.stringify writes for it,
   * by hand, since the engine's stringify with an indent is several times slower. Only for records
   * with TestRecord's fields in its order (`FinishedTest.shaped`); anything else goes through
   * JSON.stringify itself.
   */
  record(t: TestRecord): string {
    // name, className, method and attrs are cut from the id: when it needs no escape, nor do they,
    // and each goes in as it is, between quotes of the template (one piece of the text, not three).
    // A shaped record is the engine's: its status is a TestStatus, its times come from isoFromMicros and its
    // idempotent id from parseTestId (hex digits and dashes), so none of them needs an escape or the check.
    const e = PLAIN.test(t.id) ? same : escapedInner;
    return (
      `    {\n      "id": "${e(t.id)}",\n      "name": "${e(t.name)}",\n      "className": "${e(t.className)}",\n      "method": "${e(t.method)}",` +
      `\n      "attrs": ${this.list(t.attrs)},\n      "idempotentId": ${plainOrNull(t.idempotentId)},\n      "status": "${t.status}",` +
      `\n      "tags": ${this.list(t.tags)},\n      "start": ${plainOrNull(t.start)},\n      "stop": ${plainOrNull(t.stop)},` +
      `\n      "duration": ${this.duration(t.duration)},\n      "worker": ${this.strOrNull(t.worker)},` +
      `\n      "routeCode": ${this.strOrNull(t.routeCode)},\n      "attachments": ${this.attachments(t.attachments)}\n    }`
    );
  }
}

const same = (s: string): string => s;
/** A string as JSON writes it, without its quotes. */
const escapedInner = (s: string): string => JSON.stringify(s).slice(1, -1);

/** Any record (one read from a results JSON keeps its own fields and order), via JSON.stringify. */
function anyRecordJson(t: TestRecord): string {
  const json = JSON.stringify({ tests: [t] }, null, 2);
  return json.slice(WRAP_HEAD.length, json.length - WRAP_TAIL.length);
}

export class ResultsJsonWriter {
  private count = 0;
  private readonly records = new RecordText();

  /** The text of a finished test (a ParseOptions.onFinished), its separator included. */
  add(test: FinishedTest): string {
    const record = test.record();
    const text = test.shaped ? this.records.record(record) : anyRecordJson(record);
    return this.count++ === 0 ? `\n${text}` : `,\n${text}`;
  }

  /** Forget the tests added so far (the input is being read again). */
  reset(): void {
    this.count = 0;
  }

  head(format: RunSummary['format']): string {
    return `{\n  "schema": ${JSON.stringify(RESULTS_SCHEMA)},\n  "format": ${JSON.stringify(format)},\n  "tests": [`;
  }

  tail(summary: RunSummary): string {
    return (
      `${this.count ? '\n  ]' : ']'},\n  "counts": ${indent(JSON.stringify(summary.counts, null, 2), '  ')},\n  "start": ${JSON.stringify(summary.start)},` +
      `\n  "stop": ${JSON.stringify(summary.stop)},\n  "damage": ${indent(JSON.stringify(summary.damage, null, 2), '  ')}\n}\n`
    );
  }
}

/** The whole document in memory, in pieces (tests, and small inputs; `parse --to json` streams). */
export class ResultsJsonText {
  private readonly writer = new ResultsJsonWriter();
  private texts: string[] = [];

  /** A finished test (a ParseOptions.onFinished). */
  add(test: FinishedTest): void {
    this.texts.push(this.writer.add(test));
  }

  reset(): void {
    this.writer.reset();
    this.texts = [];
  }

  /** The document in pieces: never one string, since a big run's JSON can pass the longest string V8 makes. */
  *pieces(summary: RunSummary): Generator<string> {
    yield this.writer.head(summary.format);
    yield* this.texts;
    yield this.writer.tail(summary);
  }
}
