// Turn stream events into test records the way testtools' StreamToDict does:
// - a test is keyed by (test id, route code); packets without a test id are ignored;
// - the status is the latest one seen; a status other than inprogress/none finishes the test,
//   and a later packet for the same key starts a new record (reruns are kept as separate records);
// - tags are replaced by the latest packet that carries tags;
// - timestamps: the first packet's and the finishing packet's;
// - attachments are appended in order, their MIME type taken from the first non-empty packet;
// - tests still open at the end are reported as they stand (inprogress/unknown), last-opened first.
import type { StreamEvent, StreamSink } from './subunit-v2.ts';
import {
  emptyCounts,
  isoFromMicros,
  parseTestId,
  PROBLEM_STATUSES,
  type Attachment,
  type Damage,
  type FinishedTest,
  type ResultFormat,
  type RunSummary,
  type TestRecord,
  type TestStatus,
} from './model.ts';

export interface AttachmentPolicy {
  /** Bytes kept per attachment; the rest is counted, not kept. */
  capBytes: number;
  /** Whose attachment text is kept: every test's, only tests that did not succeed, or none. */
  keep: 'all' | 'failures' | 'none';
}

export const DEFAULT_ATTACHMENTS: AttachmentPolicy = { capBytes: 1024 * 1024, keep: 'failures' };

interface OpenAttachment {
  name: string;
  contentType: string;
  chunks: Uint8Array[];
  /** chunks[0..owned) are copies this aggregator owns; the rest are views of the input. */
  owned: number;
  kept: number;
  size: number;
}

interface OpenTest {
  id: string;
  routeCode: string | null;
  status: TestStatus;
  tags: string[];
  start: number | null;
  stop: number | null;
  attachments: OpenAttachment[];
  seq: number;
}

const text = new TextDecoder('utf-8');

export interface AggregatorOptions {
  attachments?: AttachmentPolicy;
  /** Called with each record as its test finishes. */
  onTest?: (test: TestRecord) => void;
  /**
   * Which finished tests' records are kept (in `tests`): all (default), only those in
   * PROBLEM_STATUSES (the others are only counted in summary()), or none (each is handed to
   * `onTest` and dropped: a consumer that writes them out as they come). Memory then stays flat
   * in the number of tests.
   */
  records?: 'all' | 'problems' | 'none';
  /** Called as each test finishes, before onTest; its record is made only if asked for (see FinishedTest). */
  onFinished?: (test: FinishedTest) => void;
}

const WORKER_TAG = /^worker-\d+$/;

/**
 * The first `worker-N` tag in sorted order (tags as a record keeps them). A run has a handful of
 * workers, the very same strings test after test: one already in `workers` (those found so far)
 * is answered by a lookup, not the pattern.
 */
function workerTag(sortedTags: readonly string[], workers: ReadonlySet<string>): string | null {
  for (const t of sortedTags) if (workers.has(t) || (t.startsWith('worker-') && WORKER_TAG.test(t))) return t;
  return null;
}

/** Receives StreamEvents (a StreamSink) and produces TestRecords. */
export class TestAggregator implements StreamSink {
  readonly tests: TestRecord[] = [];
  readonly damages: Damage[] = [];
  /** Open tests by route code, then test id (no key strings built per packet). */
  private readonly open = new Map<string | null, Map<string, OpenTest>>();
  /** Opening order, for reporting unfinished tests last-opened first as testtools does. */
  private openSeq = 0;
  /** The open test of the previous packet, kept out of `open`. */
  private current: OpenTest | undefined;
  private readonly policy: AttachmentPolicy;
  private readonly onTest: ((test: TestRecord) => void) | undefined;
  private readonly onFinished: ((test: FinishedTest) => void) | undefined;
  private readonly problemsOnly: boolean;
  private readonly keepRecords: boolean;
  // Figures over every finished test, records kept or not (see summary()).
  private readonly counts = emptyCounts();
  private total = 0;
  private minStart = Infinity;
  private maxStop = -Infinity;
  private readonly workers = new Set<string>();

  constructor(options: AggregatorOptions = {}) {
    this.policy = options.attachments ?? DEFAULT_ATTACHMENTS;
    this.onTest = options.onTest;
    this.onFinished = options.onFinished;
    this.problemsOnly = options.records === 'problems';
    this.keepRecords = options.records !== 'none';
  }

  /** The run's summary; with `records: 'problems'` the only way to see the whole run. */
  summary(format: ResultFormat): RunSummary {
    return {
      format,
      total: this.total,
      counts: { ...this.counts },
      start: this.total && this.minStart !== Infinity ? isoFromMicros(this.minStart) : null,
      stop: this.total && this.maxStop !== -Infinity ? isoFromMicros(this.maxStop) : null,
      workers: this.workers.size,
      problems: this.tests.filter((t) => PROBLEM_STATUSES.has(t.status)),
      damage: this.damages,
    };
  }

  damage(damage: Damage): void {
    this.damages.push(damage);
  }

  status(ev: StreamEvent): void {
    if (ev.testId === null) return;
    // Packets of one test mostly come together: the test of the previous packet is held apart from
    // the map (`current`, open, not in `open`), so a test whose packets are contiguous is never
    // put in a map nor taken out of one.
    let test = this.current;
    if (test === undefined || test.id !== ev.testId || test.routeCode !== ev.routeCode) {
      if (test !== undefined) this.byRoute(test.routeCode).set(test.id, test);
      const byId = this.byRoute(ev.routeCode);
      // None open: a new id's first lookup would hash its whole text for nothing.
      test = byId.size === 0 ? undefined : byId.get(ev.testId);
      if (test === undefined) {
        test = {
          id: ev.testId,
          routeCode: ev.routeCode,
          status: 'unknown',
          tags: [],
          start: ev.timestamp,
          stop: null,
          attachments: [],
          seq: this.openSeq++,
        };
      } else byId.delete(ev.testId);
      this.current = test;
    }
    if (ev.status !== null) test.status = ev.status;
    test.stop = ev.timestamp;
    if (ev.fileName !== null && ev.fileBytes !== null && ev.fileBytes.length > 0) {
      this.addFile(test, ev.fileName, ev.fileBytes, ev.mimeType);
    }
    if (ev.tags !== null) test.tags = ev.tags;
    if (ev.status !== null && ev.status !== 'inprogress') {
      this.current = undefined;
      this.finish(test);
    }
  }

  private byRoute(routeCode: string | null): Map<string, OpenTest> {
    let byId = this.open.get(routeCode);
    if (byId === undefined) {
      byId = new Map();
      this.open.set(routeCode, byId);
    }
    return byId;
  }

  private addFile(test: OpenTest, name: string, bytes: Uint8Array, mimeType: string | null): void {
    // A test has a handful of attachments: a list beats a Map per test.
    let att = test.attachments.find((a) => a.name === name);
    if (att === undefined) {
      att = { name, contentType: mimeType ?? 'application/octet-stream', chunks: [], owned: 0, kept: 0, size: 0 };
      test.attachments.push(att);
    }
    att.size += bytes.length;
    if (this.policy.keep === 'none') return;
    const room = this.policy.capBytes - att.kept;
    if (room <= 0) return;
    // A view, not a copy: dropped when the test finishes, so at most the open tests pin input
    // chunks; when the input memory is to be reused, detach() copies what is still viewed.
    const piece = bytes.length <= room ? bytes : bytes.subarray(0, room);
    att.chunks.push(piece);
    att.kept += piece.length;
  }

  /** The input is about to be reused: own copies of the attachment pieces open tests still view. */
  detach(): void {
    const own = (test: OpenTest): void => {
      for (const att of test.attachments) {
        for (let i = att.owned; i < att.chunks.length; i++) att.chunks[i] = new Uint8Array(att.chunks[i] as Uint8Array); // a Buffer's slice() would be a view
        att.owned = att.chunks.length;
      }
    };
    if (this.current) own(this.current);
    for (const byId of this.open.values()) for (const test of byId.values()) own(test);
  }

  /** Call at the end of the stream: open tests are reported as they stand, last opened first. */
  finishAll(): void {
    const open: OpenTest[] = this.current ? [this.current] : [];
    for (const byId of this.open.values()) open.push(...byId.values());
    open.sort((a, b) => b.seq - a.seq);
    this.open.clear();
    this.current = undefined;
    for (const test of open) {
      test.stop = null;
      this.finish(test);
    }
  }

  private finish(test: OpenTest): void {
    // The tag array is the test's own (the event's, never shared): sort it in place.
    const tags = test.tags.length > 1 ? test.tags.sort() : test.tags;
    const worker = workerTag(tags, this.workers);
    this.total++;
    this.counts[test.status]++;
    if (test.start !== null && test.start < this.minStart) this.minStart = test.start;
    const end = test.stop ?? test.start;
    if (end !== null && end > this.maxStop) this.maxStop = end;
    if (worker !== null) this.workers.add(worker);
    let record: TestRecord | null = null;
    if (this.onFinished !== undefined) {
      this.onFinished({
        id: test.id,
        status: test.status,
        startMicros: test.start,
        stopMicros: test.stop,
        record: () => (record ??= this.record(test, tags, worker)),
        shaped: true,
      });
    }
    if (this.problemsOnly && !PROBLEM_STATUSES.has(test.status)) return;
    if (!this.keepRecords && this.onTest === undefined) return;
    record ??= this.record(test, tags, worker);
    if (this.keepRecords) this.tests.push(record);
    this.onTest?.(record);
  }

  private record(test: OpenTest, tags: string[], worker: string | null): TestRecord {
    const keepText = this.policy.keep === 'all' || (this.policy.keep === 'failures' && test.status !== 'success');
    const attachments: Attachment[] = [];
    for (const att of test.attachments) {
      const body = keepText ? text.decode(att.chunks.length === 1 ? att.chunks[0] : Buffer.concat(att.chunks)) : '';
      attachments.push({
        name: att.name,
        contentType: att.contentType,
        size: att.size,
        truncatedBytes: keepText ? att.size - att.kept : att.size,
        text: body,
      });
    }
    const parts = parseTestId(test.id);
    const start = test.start === null ? null : isoFromMicros(test.start);
    const stop = test.stop === null ? null : isoFromMicros(test.stop);
    const duration = test.start === null || test.stop === null ? null : (test.stop - test.start) / 1e6;
    return {
      id: test.id,
      name: parts.name,
      className: parts.className,
      method: parts.method,
      attrs: parts.attrs,
      idempotentId: parts.idempotentId,
      status: test.status,
      tags,
      start,
      stop,
      duration,
      worker,
      routeCode: test.routeCode,
      attachments,
    };
  }
}
