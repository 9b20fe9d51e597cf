// JUnit XML in and out.
//
// Writing follows Debian's `subunit2junitxml` (python3-junitxml's JUnitXmlResult behind testtools'
// StreamToExtendedDecorator) so CI systems see the same report whichever tool made it:
// - `exists` tests are left out; every other test is a <testcase> in completion order, its id split
//   at the last '.' before any '(' into classname and name;
// - fail, inprogress and unknown are <failure type="testtools.testresult.real._StringException">
//   holding the attachments rendered as testtools' _details_to_str does (the traceback last);
//   uxsuccess is <failure type="unittest.case._UnexpectedSuccess"/>; skip is <skipped> with the
//   reason text; success and xfail have no child;
// - times replay the stream clock: a test's time runs from its first to its last timestamp (or from
//   the previous test's last stamp when it has none), the suite's from the earliest stamp to the last.
// Reading takes JUnit from other tools (testsuites/testsuite, nested, testcase with failure, error,
// skipped, system-out, system-err) through fast-xml-parser; malformed XML is a Damage with line,
// column and byte offset, and the test cases before the fault are kept.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DEFAULT_ATTACHMENTS, type AttachmentPolicy } from './aggregate.ts';
import {
  finishedFromRecord,
  isListing,
  isoFromMicros,
  makeRunResults,
  microsFromIso,
  parseTestId,
  type Attachment,
  type Damage,
  type FinishedTest,
  type RunResults,
  type TestRecord,
  type TestStatus,
} from './model.ts';

// ---------------------------------------------------------------------------------------------
// Writing

/** Characters junitxml drops before escaping (code points, so astral characters survive). */
const NON_CDATA = /[\0-\b\x0B-\x1F\uD800-\uDFFF\uFFFE\uFFFF]+/gu;

function escapeContent(s: string): string {
  return s.replace(NON_CDATA, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll(']]>', ']]&gt;');
}

function escapeAttr(s: string): string {
  return escapeContent(s).replaceAll('"', '&quot;').replaceAll('\t', '&#x9;').replaceAll('\n', '&#xA;');
}

/** Python's `'%0.3f' % x`: correctly rounded, exact ties to even (JS toFixed sends them up). */
export function formatSeconds(x: number): string {
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

/** '000' to '999'. */
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * `formatSeconds(durationOf(from, to))`, from the whole microseconds where it can: their exact
 * value rounds to three decimals as python rounds the float, unless it is a tie (…500 µs, where
 * the float's error decides) or so long that the float is off by near a microsecond (that starts
 * around 1e16 µs; the cut is at 1e14, ~3 years). Python's own output is the test.
 */
export function durationText(fromMicros: number, toMicros: number): string {
  const delta = toMicros - fromMicros;
  const micros = delta % 1000;
  if (delta < 0 || delta >= 1e14 || micros === 500 || !Number.isInteger(delta)) return formatSeconds(durationOf(fromMicros, toMicros));
  const millis = (delta - micros) / 1000 + (micros > 500 ? 1 : 0);
  const ms = millis % 1000;
  return `${(millis - ms) / 1000}.${THREE_DIGITS[ms]}`;
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
export function parseContentType(mime: string): ContentType | null {
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
export function splitJUnitId(id: string): { classname: string; name: string } {
  const paren = id.indexOf('(');
  const end = paren < 0 ? id.length - 1 : paren;
  const dot = end <= 0 ? -1 : id.lastIndexOf('.', end - 1);
  return dot < 0 ? { classname: '', name: id } : { classname: id.slice(0, dot), name: id.slice(dot + 1) };
}

const STRING_EXCEPTION = 'testtools.testresult.real._StringException';

/** Whether a string holds nothing escapeAttr changes (nearly every test id): then it is written as is. */
const ATTR_PLAIN = /^[^\0-\x1F&<"\uD800-\uDFFF\uFFFE\uFFFF]*$/;

function isPlainAttr(s: string): boolean {
  return ATTR_PLAIN.test(s) && !s.includes(']]>');
}

function attr(s: string): string {
  return isPlainAttr(s) ? s : escapeAttr(s);
}

/**
 * The JUnit XML of a run, a test at a time, as subunit2junitxml writes it: `add` gives each
 * finished test's <testcase> (in the order tests finish), and `head()`, known only once every test
 * is in (it counts them and spans their times), goes before them all, `tail()` after. A passing
 * test's element needs only its id and times, so its record is never made (FinishedTest).
 */
export class JUnitWriter {
  private now: number | null = null;
  private runStart: number | null = null;
  private tests = 0;
  private failures = 0;

  private setTime(t: number): void {
    this.now = t;
    if (this.runStart === null || this.runStart > t) this.runStart = t;
  }

  /** The <testcase> element of a finished test, or '' for one the report leaves out (`exists`). */
  add(test: FinishedTest): string {
    const status = test.status;
    if (isListing(status)) return '';
    this.tests++;
    if (test.startMicros !== null) this.setTime(test.startMicros);
    const testStart: number | null = this.now;
    if (test.stopMicros !== null) this.setTime(test.stopMicros);
    // Without any stamp python measures its wall clock against itself: 0.000.
    const duration = testStart === null || this.now === null ? '0.000' : durationText(testStart, this.now);
    const { classname, name } = splitJUnitId(test.id);
    // The two are cut from the id: when it is plain, so are they (one check where there were two).
    const plainId = isPlainAttr(test.id);
    const open = `<testcase classname="${plainId ? classname : attr(classname)}" name="${plainId ? name : attr(name)}" time="${duration}"`;
    switch (status) {
      case 'success':
      case 'xfail':
        return `${open}/>\n`;
      case 'skip':
        return `${open}>\n<skipped>${escapeAttr(skipReason(test.record()))}</skipped>\n</testcase>\n`;
      case 'uxsuccess':
        this.failures++;
        return `${open}>\n<failure type="unittest.case._UnexpectedSuccess"/>\n</testcase>\n`;
      default: {
        this.failures++;
        const message = detailsToStr(test.record().attachments, 'traceback');
        const exc = message ? `${STRING_EXCEPTION}: ${message}\n` : `${STRING_EXCEPTION}\n`;
        return `${open}>\n<failure type="${STRING_EXCEPTION}">${escapeContent(exc)}</failure>\n</testcase>\n`;
      }
    }
  }

  /** The opening <testsuite> with the totals of every test added. */
  head(): string {
    const runDuration = this.runStart === null || this.now === null ? '0.000' : durationText(this.runStart, this.now);
    return `<testsuite errors="0" failures="${this.failures}" name="" tests="${this.tests}" time="${runDuration}">\n`;
  }

  tail(): string {
    return '</testsuite>\n';
  }
}

/** RunResults as the JUnit XML subunit2junitxml writes for the same stream. */
export function writeJUnit(results: RunResults): string {
  const writer = new JUnitWriter();
  const out: string[] = [];
  for (const test of results.tests) out.push(writer.add(finishedFromRecord(test, true)));
  return `${writer.head()}${out.join('')}${writer.tail()}`;
}

// ---------------------------------------------------------------------------------------------
// Reading

type XmlNode = Record<string, unknown>;

function xmlParser(): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // Decodes numeric character references (junitxml writes &#xA; and &#x9; in attributes) besides
    // the five XML entities; it also accepts a few HTML names, which valid JUnit never holds.
    htmlEntities: true,
    // Suites nest to any depth (the parser keeps its own stack, and so does collect).
    maxNestedTags: Number.MAX_SAFE_INTEGER,
    // No callback of ours takes the element's path: with the default (true) the parser builds it
    // as a string for every text and attribute, a cost in the nesting depth, so a deeply nested
    // file read in quadratic time (4,000 levels: 2.5 s; found by test/fuzz).
    jPath: false,
  });
}

/** An element's tag name in preserveOrder output ('#text' for text). */
function tagOf(node: XmlNode): string {
  for (const k of Object.keys(node)) if (k !== ':@') return k;
  return '';
}

function childrenOf(node: XmlNode): XmlNode[] {
  const v = node[tagOf(node)];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

function attrsOf(node: XmlNode): Record<string, string> {
  const a = node[':@'];
  return a && typeof a === 'object' ? (a as Record<string, string>) : {};
}

function textOf(node: XmlNode): string {
  let s = '';
  for (const c of childrenOf(node)) {
    const tag = tagOf(c);
    // parseTagValue is off: a text node's value is always a string
    if (tag === '#text') s += typeof c['#text'] === 'string' ? c['#text'] : '';
    else if (tag === '#cdata') s += textOf(c);
  }
  return s;
}

export interface JUnitReadOptions {
  attachments?: AttachmentPolicy;
}

const TRACEBACK_MIME = 'text/x-traceback; charset="utf8"';
const TEXT_MIME = 'text/plain; charset="utf8"';

function attachment(name: string, contentType: string, text: string, keepText: boolean, cap: number): Attachment {
  const bytes = Buffer.from(text, 'utf8');
  const kept = keepText ? Math.min(bytes.length, cap) : 0;
  return {
    name,
    contentType,
    size: bytes.length,
    truncatedBytes: bytes.length - kept,
    text: kept === bytes.length ? text : bytes.subarray(0, kept).toString('utf8'),
  };
}

function parseTimestamp(s: string | undefined): number | null {
  if (s === undefined) return null;
  const t = s.trim();
  // JUnit's timestamp has no zone; we read it as UTC.
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/.test(t)) return null;
  const micros = microsFromIso(t);
  return Number.isFinite(micros) ? micros : null;
}

function testcaseRecord(node: XmlNode, policy: AttachmentPolicy): TestRecord {
  const a = attrsOf(node);
  const classname = a.classname ?? a.class ?? '';
  const name = a.name ?? '';
  const id = classname ? `${classname}.${name}` : name;
  let status: TestStatus = 'success';
  const found: { name: string; mime: string; text: string }[] = [];
  for (const child of childrenOf(node)) {
    const tag = tagOf(child);
    const ca = attrsOf(child);
    const body = textOf(child);
    if (tag === 'failure' || tag === 'error') {
      // subunit2junitxml marks an unexpected success this way; keep it so round trips hold.
      status = ca.type === 'unittest.case._UnexpectedSuccess' ? 'uxsuccess' : 'fail';
      const text = body || ca.message || '';
      if (text) found.push({ name: 'traceback', mime: TRACEBACK_MIME, text });
    } else if (tag === 'skipped') {
      // pytest writes xfail tests as skipped with this type.
      status = ca.type === 'pytest.xfail' ? 'xfail' : 'skip';
      const text = body || ca.message || '';
      if (text) found.push({ name: 'reason', mime: TEXT_MIME, text });
    } else if (tag === 'system-out' && body) found.push({ name: 'stdout', mime: TEXT_MIME, text: body });
    else if (tag === 'system-err' && body) found.push({ name: 'stderr', mime: TEXT_MIME, text: body });
  }
  const keepText = policy.keep === 'all' || (policy.keep === 'failures' && status !== 'success');
  const attachments: Attachment[] = [];
  for (const f of found) {
    const same = attachments.findIndex((x) => x.name === f.name);
    const att = attachment(f.name, f.mime, f.text, keepText, policy.capBytes);
    if (same >= 0) attachments[same] = att;
    else attachments.push(att);
  }
  const time = a.time === undefined ? Number.NaN : Number(a.time.replaceAll(',', ''));
  const duration = Number.isFinite(time) ? time : null;
  const startUs = parseTimestamp(a.timestamp);
  const start = startUs === null ? null : isoFromMicros(startUs);
  const stop = startUs === null || duration === null ? null : isoFromMicros(startUs + Math.round(duration * 1e6));
  return {
    id,
    ...parseTestId(id),
    status,
    tags: [],
    start,
    stop,
    duration,
    worker: null,
    routeCode: null,
    attachments,
  };
}

/** Test cases in document order; suites nest to any depth, so no recursion. */
function collect(nodes: XmlNode[], policy: AttachmentPolicy, out: TestRecord[]): void {
  const stack: { nodes: XmlNode[]; i: number }[] = [{ nodes, i: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1] as { nodes: XmlNode[]; i: number };
    const node = top.nodes[top.i++];
    if (node === undefined) {
      stack.pop();
      continue;
    }
    const tag = tagOf(node);
    if (tag === 'testcase') out.push(testcaseRecord(node, policy));
    else if (tag === 'testsuite' || tag === 'testsuites') stack.push({ nodes: childrenOf(node), i: 0 });
  }
}

/** Byte offset of a 1-based line and column (in characters) of `text`. */
function byteOffset(text: string, line: number, column: number): number {
  let pos = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break;
    pos = nl + 1;
  }
  return Buffer.byteLength(text.slice(0, Math.min(text.length, pos + Math.max(0, column - 1))), 'utf8');
}

function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const isXmlSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isNameChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d || c === 0x2e || c === 0x3a || c > 0x7f;

/**
 * Where the last complete <testcase> before `limit` ends (0 when none): after a self-closing
 * `<testcase .../>` or a `</testcase>`. One pass, each character looked at once: the text before
 * the fault is well-formed, so a tag's quotes pair up and a tag still open at `limit` ends the scan.
 */
function lastCompleteTestcase(text: string, limit: number): number {
  let end = 0;
  let i = text.indexOf('<', 0);
  while (i >= 0 && i < limit) {
    if (text.startsWith('</testcase', i)) {
      let j = i + 10;
      while (j < limit && isXmlSpace(text.charCodeAt(j))) j++;
      if (j < limit && text.charCodeAt(j) === 0x3e) end = j + 1;
      i = text.indexOf('<', j);
    } else if (text.startsWith('<testcase', i) && !isNameChar(text.charCodeAt(i + 9))) {
      // Attributes: a `>` inside quotes does not end the tag.
      let j = i + 9;
      let quote = 0;
      for (; j < limit; j++) {
        const c = text.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) break;
      }
      if (j >= limit) break;
      if (text.charCodeAt(j - 1) === 0x2f) end = j + 1;
      i = text.indexOf('<', j + 1);
    } else i = text.indexOf('<', i + 1);
  }
  return end;
}

/** Read a whole JUnit XML document. */
export function readJUnit(bytes: Uint8Array, options: JUnitReadOptions = {}): RunResults {
  const policy = options.attachments ?? DEFAULT_ATTACHMENTS;
  const damage: Damage[] = [];
  // The XML declaration may name another encoding (ISO-8859-1 from some Java tools).
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(Buffer.from(bytes.subarray(0, 256)).toString('latin1'))?.[1];
  let encoding = 'utf-8';
  if (declared !== undefined) {
    try {
      encoding = new TextDecoder(declared).encoding;
    } catch {
      damage.push({ kind: 'xml', offset: 0, line: 1, message: `unknown encoding '${declared}' in the XML declaration; read as UTF-8` });
    }
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder(encoding).decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const offset = Buffer.byteLength(text.slice(0, Math.max(0, bad)), 'utf8');
    damage.push({ kind: 'utf8', offset, line: lineOfIndex(text, bad), message: `invalid ${encoding} text (replaced with U+FFFD)` });
  }
  const tests: TestRecord[] = [];
  if (text.trim() === '') return makeRunResults('junit', tests, damage);
  let source = text;
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg, code } = valid.err;
    // Elements still open when the text ends (a cut file): the validator then points at the
    // start of the document, but the fault is the end.
    const atEnd = msg.startsWith('Unclosed tag ') || (code === 'InvalidXml' && msg.startsWith("Invalid '["));
    if (atEnd) {
      damage.push({
        kind: 'xml',
        offset: bytes.length,
        line: lineOfIndex(text, text.length),
        message: `malformed XML: ended before its elements were closed (${msg})`,
      });
      source = text.slice(0, lastCompleteTestcase(text, text.length));
    } else {
      // Counted in the decoded text as UTF-8: invalid bytes read as U+FFFD (3 bytes) or another
      // encoding can put it past the input's end, which no offset may be.
      const offset = Math.min(bytes.length, byteOffset(text, line, col));
      damage.push({ kind: 'xml', offset, line, message: `malformed XML at column ${col}: ${msg}` });
      // Keep the test cases that were whole before the fault.
      let index = 0;
      for (let l = 1; l < line; l++) index = text.indexOf('\n', index) + 1;
      source = text.slice(0, lastCompleteTestcase(text, index + Math.max(0, col - 1)));
    }
  }
  let doc: XmlNode[] = [];
  try {
    doc = source ? (xmlParser().parse(source) as XmlNode[]) : [];
  } catch (err) {
    if (valid === true) damage.push({ kind: 'xml', offset: 0, line: 1, message: `unreadable XML: ${(err as Error).message}` });
  }
  collect(doc, policy, tests);
  if (valid === true && !doc.some((n) => tagOf(n) === 'testsuite' || tagOf(n) === 'testsuites')) {
    damage.push({ kind: 'xml', offset: 0, line: 1, message: 'no <testsuites> or <testsuite> element: not JUnit XML' });
  }
  return makeRunResults('junit', tests, damage);
}
