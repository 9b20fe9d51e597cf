// The JUnit writer as it was before it wrote a test at a time (src/core/results/junit.ts at
// 3361aa6, its writing half, unchanged but for the imports and `export`s): the oracle that
// test/results/writers-streamed.test.ts holds the streamed writer to, byte for byte.
import { microsFromIso, type Attachment, type RunResults, type TestRecord } from '../../src/core/results/model.ts';

/** Characters junitxml drops before escaping (code points, so astral characters survive). */
const NON_CDATA = /[\0-\b\x0B-\x1F\uD800-\uDFFF\uFFFE\uFFFF]+/gu;

function escapeContent(s: string): string {
  return s.replace(NON_CDATA, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll(']]>', ']]&gt;');
}

function escapeAttr(s: string): string {
  return escapeContent(s).replaceAll('"', '&quot;').replaceAll('\t', '&#x9;').replaceAll('\n', '&#xA;');
}

/** Python's `'%0.3f' % x`: correctly rounded, exact ties to even (JS toFixed sends them up). */
function formatSeconds(x: number): string {
  const mag = Math.abs(x);
  const sixteenths = mag * 16;
  // An exact tie at the third decimal is only possible for odd multiples of 1/16.
  if (Number.isInteger(sixteenths) && sixteenths % 2 === 1) {
    const k = Math.floor(mag * 1000);
    const n = k % 2 === 0 ? k : k + 1;
    const s = `${Math.floor(n / 1000)}.${String(n % 1000).padStart(3, '0')}`;
    return x < 0 ? `-${s}` : s;
  }
  return x.toFixed(3);
}

/** junitxml's `_duration`: a timedelta in whole seconds plus 0.000001 * microseconds, as floats. */
function durationOf(fromMicros: number, toMicros: number): number {
  const delta = toMicros - fromMicros;
  const seconds = Math.floor(delta / 1e6);
  return seconds + 0.000001 * (delta - seconds * 1e6);
}

/** Python's str.split()/strip() whitespace. */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu');

interface ContentType {
  type: string;
  subtype: string;
  params: Map<string, string>;
}

/** Python's cgi.parse_header, then testtools' _make_content_type (charset cut at a comma). */
function parseContentType(mime: string): ContentType | null {
  const parts: string[] = [];
  let s = `;${mime}`;
  while (s.startsWith(';')) {
    s = s.slice(1);
    let end = s.indexOf(';');
    const quotesBefore = (e: number): number => (s.slice(0, e).match(/"/g)?.length ?? 0) - (s.slice(0, e).match(/\\"/g)?.length ?? 0);
    while (end > 0 && quotesBefore(end) % 2) end = s.indexOf(';', end + 1);
    if (end < 0) end = s.length;
    parts.push(s.slice(0, end).trim());
    s = s.slice(end);
  }
  let full = parts[0] ?? '';
  const params = new Map<string, string>();
  for (const p of parts.slice(1)) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    const name = p.slice(0, i).trim().toLowerCase();
    let value = p.slice(i + 1).trim();
    if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
      value = value.slice(1, -1).replaceAll('\\\\', '\\').replaceAll('\\"', '"');
    }
    params.set(name, value);
  }
  if (full === '*') full = '*/*';
  const typeParts = full.includes('/') ? full.split('/') : null;
  if (!typeParts || typeParts.length > 2) return null;
  const charset = params.get('charset');
  if (charset !== undefined && charset.includes(',')) params.set('charset', charset.slice(0, charset.indexOf(',')));
  return { type: (typeParts[0] ?? '').trim(), subtype: (typeParts[1] ?? '').trim(), params };
}

function contentTypeRepr(ct: ContentType): string {
  const params = [...ct.params].map(([k, v]) => `${k}="${v}"`).sort(compareCodePoints);
  return `${ct.type}/${ct.subtype}${params.length ? `; ${params.join('; ')}` : ''}`;
}

/** Python's default string order (by code point), not JS's UTF-16 order. */
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0) as number;
    const cy = y.value.codePointAt(0) as number;
    if (cx !== cy) return cx - cy;
  }
}

const LATIN1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', '8859', 'cp819', 'l1', 'iso-ir-100', 'ascii', 'us-ascii']);
const UTF8 = new Set(['utf-8', 'utf8', 'u8', 'utf']);

/** testtools' Content.as_text(): the bytes decoded with the charset parameter (ISO-8859-1 by default). */
function asText(att: Attachment, ct: ContentType): string {
  const charset = (ct.params.get('charset') ?? 'ISO-8859-1').toLowerCase().replaceAll('_', '-');
  if (UTF8.has(charset)) return att.text;
  // Our text is the UTF-8 reading of the bytes; encoding it again gives the bytes back.
  const bytes = Buffer.from(att.text, 'utf8');
  if (LATIN1.has(charset)) return bytes.toString('latin1');
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return att.text;
  }
}

function pyStrip(s: string): string {
  return s.replace(PY_STRIP, '');
}

/** testtools' _details_to_str: text attachments in name order, the special one last. */
function detailsToStr(attachments: Attachment[], special: string | null): string {
  const empty: string[] = [];
  const binary: [string, string][] = [];
  const texts: string[] = [];
  let specialContent: string | null = null;
  const sorted = [...attachments].sort((a, b) => compareCodePoints(a.name, b.name));
  for (const att of sorted) {
    const ct = parseContentType(att.contentType) ?? { type: 'application', subtype: 'octet-stream', params: new Map() };
    if (ct.type !== 'text') {
      binary.push([att.name, contentTypeRepr(ct)]);
      continue;
    }
    const text = pyStrip(asText(att, ct));
    if (!text) {
      empty.push(att.name);
      continue;
    }
    if (att.name === special) {
      specialContent = `${text}\n`;
      continue;
    }
    texts.push(text.includes('\n') ? `${att.name}: {{{\n${text}\n}}}\n` : `${att.name}: {{{${text}}}}`);
  }
  if (texts.length && !(texts[texts.length - 1] as string).endsWith('\n')) texts.push('');
  if (specialContent) texts.push(specialContent);
  let out = '';
  if (binary.length) {
    out += 'Binary content:\n';
    for (const [name, ct] of binary) out += `  ${name} (${ct})\n`;
  }
  if (empty.length) {
    out += 'Empty attachments:\n';
    for (const name of empty) out += `  ${name}\n`;
  }
  if ((binary.length || empty.length) && texts.length) out += '\n';
  return out + texts.join('\n');
}

function skipReason(test: TestRecord): string {
  const reason = test.attachments.find((a) => a.name === 'reason');
  if (reason === undefined) return detailsToStr(test.attachments, null);
  const ct = parseContentType(reason.contentType);
  return ct !== null && ct.type === 'text' ? asText(reason, ct) : reason.text;
}

/** junitxml's classname/name split: the last '.' before the first '(' (python's rfind semantics). */
function splitJUnitId(id: string): { classname: string; name: string } {
  const paren = id.indexOf('(');
  const end = paren < 0 ? id.length - 1 : paren;
  const dot = end <= 0 ? -1 : id.lastIndexOf('.', end - 1);
  return dot < 0 ? { classname: '', name: id } : { classname: id.slice(0, dot), name: id.slice(dot + 1) };
}

const STRING_EXCEPTION = 'testtools.testresult.real._StringException';

/** RunResults as the JUnit XML subunit2junitxml writes for the same stream. */
export function oldWriteJUnit(results: RunResults): string {
  const out: string[] = [];
  let now: number | null = null;
  let runStart: number | null = null;
  let tests = 0;
  let failures = 0;
  const setTime = (t: number): void => {
    now = t;
    if (runStart === null || runStart > t) runStart = t;
  };
  for (const test of results.tests) {
    if (test.status === 'exists') continue;
    tests++;
    if (test.start !== null) setTime(microsFromIso(test.start));
    const testStart: number | null = now;
    if (test.stop !== null) setTime(microsFromIso(test.stop));
    // Without any stamp python measures its wall clock against itself: 0.000.
    const duration = testStart === null || now === null ? 0 : durationOf(testStart, now);
    const { classname, name } = splitJUnitId(test.id);
    out.push(`<testcase classname="${escapeAttr(classname)}" name="${escapeAttr(name)}" time="${formatSeconds(duration)}"`);
    switch (test.status) {
      case 'success':
      case 'xfail':
        out.push('/>\n');
        break;
      case 'skip':
        out.push(`>\n<skipped>${escapeAttr(skipReason(test))}</skipped>\n</testcase>\n`);
        break;
      case 'uxsuccess':
        failures++;
        out.push('>\n<failure type="unittest.case._UnexpectedSuccess"/>\n</testcase>\n');
        break;
      default: {
        failures++;
        const message = detailsToStr(test.attachments, 'traceback');
        const exc = message ? `${STRING_EXCEPTION}: ${message}\n` : `${STRING_EXCEPTION}\n`;
        out.push(`>\n<failure type="${STRING_EXCEPTION}">${escapeContent(exc)}</failure>\n</testcase>\n`);
      }
    }
  }
  const runDuration = runStart === null || now === null ? 0 : durationOf(runStart, now);
  return `<testsuite errors="0" failures="${failures}" name="" tests="${tests}" time="${formatSeconds(runDuration)}">\n${out.join('')}</testsuite>\n`;
}
