// Generated subunit v1 streams (the text protocol) for property tests, written the way stestr,
// testrepository and hand-written runners write them: global and per-test tags, time lines in
// several spellings, progress, simple and multipart details, quoted ']' lines, unfinished tests.
import fc from 'fast-check';

export type V1Outcome = 'success' | 'successful' | 'failure' | 'fail' | 'error' | 'skip' | 'xfail' | 'uxsuccess';

export interface V1Part {
  mime: string;
  name: string;
  /** Body split into HTTP chunks. */
  chunks: string[];
}

export type V1Details = { kind: 'none' } | { kind: 'simple'; lines: string[] } | { kind: 'multipart'; parts: V1Part[] };

export interface V1Test {
  id: string;
  startWord: 'test' | 'testing' | 'test:' | 'testing:';
  outcome: V1Outcome;
  colon: boolean;
  details: V1Details;
  globalTags: string[];
  testTags: string[];
  progress: string | null;
  startTime: string | null;
  endTime: string | null;
  /** Non-protocol output somewhere in the test (a runner's stray print). */
  noise: string | null;
  /** Cut the stream inside this test: 'test' after the test line, 'details' inside its details. */
  cut: 'none' | 'test' | 'details';
}

const idChar = fc.constantFrom(...'abcxyz_.0123456789[],-()'.split(''), 'é', '→', ' ', '日');
const genId = fc.oneof(
  fc.string({ unit: idChar, minLength: 1, maxLength: 24 }).map((s) => `tempest.api.${s}`),
  fc.uuid().map((u) => `tempest.api.compute.servers.test_x.ServersTest.test_y[id-${u},smoke]`),
  fc.constant('setUpClass (tempest.api.compute.test_z.ZTest)'),
  fc.constantFrom('tempest.api.same.T.test_again', 'tempest.api.same.T.test_again2'),
);

const textLine = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abc XYZ:{}()\t'.split(''), 'ü', '日', '😀', '\r'), maxLength: 30 }),
  fc.constantFrom(']', ' ]', ' ]x', ']x', 'Traceback (most recent call last):', '  File "x.py", line 1', 'test: inside details', 'tags: a'),
);

const genTime = fc
  .record({
    // Before 2024: python stamps events before any time: line with its wall clock, which tests tell apart.
    secs: fc.integer({ min: 1_300_000_000, max: 1_700_000_000 }),
    frac: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 1, maxLength: 9 }), { nil: undefined }),
    sep: fc.constantFrom(' ', 'T'),
    tz: fc.constantFrom('Z', '', '+02:00', '-05:30', '+00:00'),
  })
  .map(({ secs, frac, sep, tz }) => {
    const iso = new Date(secs * 1000).toISOString();
    return `${iso.slice(0, 10)}${sep}${iso.slice(11, 19)}${frac !== undefined ? `.${frac}` : ''}${tz}`;
  });

const genTag = fc.constantFrom('worker-0', 'worker-1', 'smoke', 'slow', 'gate', 'é');

const genPart: fc.Arbitrary<V1Part> = fc.record({
  mime: fc.constantFrom('text/plain;charset=utf8', 'text/x-traceback;charset=utf8,language=python', 'application/octet-stream', 'text/plain'),
  name: fc.constantFrom('traceback', 'reason', 'stdout', 'stderr', "pythonlogging:''", 'log', 'stdout'),
  chunks: fc.array(fc.string({ unit: fc.constantFrom(...'ab \n\r]0'.split(''), 'é', '日'), maxLength: 25 }), { maxLength: 3 }),
});

const genDetails: fc.Arbitrary<V1Details> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('simple' as const), lines: fc.array(textLine, { maxLength: 5 }) }),
  fc.record({ kind: fc.constant('multipart' as const), parts: fc.array(genPart, { maxLength: 3 }) }),
);

export const genV1Test: fc.Arbitrary<V1Test> = fc.record({
  id: genId,
  startWord: fc.constantFrom('test:', 'test:', 'testing:', 'test'),
  outcome: fc.constantFrom<V1Outcome>('success', 'successful', 'failure', 'fail', 'error', 'skip', 'xfail', 'uxsuccess'),
  colon: fc.boolean(),
  details: genDetails,
  globalTags: fc.array(
    fc.oneof(
      genTag,
      genTag.map((t) => `-${t}`),
    ),
    { maxLength: 2 },
  ),
  testTags: fc.array(
    fc.oneof(
      genTag,
      genTag.map((t) => `-${t}`),
    ),
    { maxLength: 3 },
  ),
  progress: fc.option(fc.constantFrom('+1', '-2', '5', 'push', 'pop'), { nil: null }),
  startTime: fc.option(genTime, { nil: null, freq: 5 }),
  endTime: fc.option(genTime, { nil: null, freq: 3 }),
  noise: fc.option(fc.constantFrom('some stray output', 'WARNING: something', 'success: not.this.test'), { nil: null, freq: 6 }),
  cut: fc.constantFrom<'none' | 'test' | 'details'>('none', 'none', 'none', 'none', 'none', 'test', 'details'),
});

function chunked(chunks: string[]): string {
  let out = '';
  for (const c of chunks) {
    const bytes = Buffer.byteLength(c, 'utf8');
    if (bytes === 0) continue;
    out += `${bytes.toString(16).toUpperCase()}\r\n${c}`;
  }
  return `${out}0\r\n`;
}

/** The v1 text of a run. Only the last test's `cut` is honoured (a cut ends the stream). */
export function v1StreamOf(tests: V1Test[], options: { firstTime?: string } = {}): string {
  let out = `time: ${options.firstTime ?? '2014-08-15 10:34:49.010492Z'}\n`;
  tests.forEach((t, i) => {
    const last = i === tests.length - 1;
    if (t.globalTags.length) out += `tags: ${t.globalTags.join(' ')}\n`;
    if (t.startTime) out += `time: ${t.startTime}\n`;
    out += `${t.startWord} ${t.id}\n`;
    if (last && t.cut === 'test') return;
    if (t.testTags.length) out += `tags: ${t.testTags.join(' ')}\n`;
    if (t.progress) out += `progress: ${t.progress}\n`;
    if (t.noise) out += `${t.noise}\n`;
    if (t.endTime) out += `time: ${t.endTime}\n`;
    const word = `${t.outcome}${t.colon ? ':' : ''}`;
    if (t.details.kind === 'none') {
      out += `${word} ${t.id}\n`;
      return;
    }
    if (t.details.kind === 'simple') {
      out += `${word} ${t.id} [\n`;
      for (const l of t.details.lines) out += `${l}\n`;
    } else {
      out += `${word} ${t.id} [ multipart\n`;
      for (const p of t.details.parts) out += `Content-Type: ${p.mime}\n${p.name}\n${chunked(p.chunks)}`;
    }
    if (last && t.cut === 'details') return;
    out += ']\n';
  });
  return out;
}
