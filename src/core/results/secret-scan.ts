// Does a file about to be published hold a secret? Asked of what a reader of the file would see,
// not of its bytes: a secret can reach a file without ever being a run of its bytes —
// - subunit: a file's content comes in several packets (a secret cut at a packet boundary), and
//   bytes outside packets are shown by python-subunit's tools as one passthrough text;
// - XML/HTML: `&amp;`, `&#112;`, `&#x70;`, or CDATA sections cut anywhere (a `]]>` in the text
//   must be);
// - JSON: `\"`, `\\`, `\u0070`; Markdown: `\|`;
// - gzip, at any depth (a gzip'd file, or a gzip'd attachment in a stream).
// So each format is decoded (with the result readers themselves where there is one) and every
// decoded piece is searched, besides a plain search of the bytes. Pure: bytes in, indexes out; the
// values found are never returned, so no caller can print them by mistake.
import { gunzipSync, constants as zlib } from 'node:zlib';
import { secretForms } from '../run/mask.ts';
import { detectFormat, parseResults } from './parse.ts';
import { SubunitV1Decoder } from './subunit-v1.ts';
import { SubunitV2Decoder, SIGNATURE, type StreamEvent, type StreamSink } from './subunit-v2.ts';
import type { ResultFormat, RunResults } from './model.ts';

export type ScanFormat = 'auto' | ResultFormat | 'json' | 'html' | 'markdown' | 'text';

export interface SecretScan {
  /** Indexes into the `secrets` given of those found: never the values. */
  found: number[];
  /**
   * Parts that could not be decoded to be checked (damaged gzip, over the size limit): such a
   * file cannot be shown to be clean, and is to be treated as holding a secret.
   */
  unchecked: string[];
  /** How the bytes were read, outermost first (e.g. ['gzip', 'subunit-v2']). */
  readAs: string[];
}

export interface ScanOptions {
  /** Bytes a gzip member may inflate to before the file is `unchecked` (a bomb must not take the runner's memory). */
  maxInflatedBytes?: number;
}

/** Shorter values would match ordinary words; redaction (render/pr-report.ts redact) ignores them too. */
export const MIN_SECRET_LENGTH = 4;
const MAX_INFLATED = 1 << 30;
/** gzip in gzip in an attachment...: deeper than this is `unchecked`. */
const MAX_DEPTH = 4;
const UNCAPPED = { capBytes: Number.MAX_SAFE_INTEGER, keep: 'all' as const };

/** The format a file's name says, for the files the Action uploads (`.gz` is seen from the bytes). */
export function scanFormatOf(fileName: string): ScanFormat {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.md') || name.endsWith('.markdown')) return 'markdown';
  if (name.endsWith('.html') || name.endsWith('.htm')) return 'html';
  if (name.endsWith('.txt') || name.endsWith('.log')) return 'text';
  // Results (any format the readers take) and JSON are told apart by their first bytes.
  return 'auto';
}

/** Which of `secrets` the content of `bytes` holds once decoded as `format`. */
export function findSecrets(bytes: Uint8Array, format: ScanFormat, secrets: readonly string[], options: ScanOptions = {}): SecretScan {
  const finder = new Finder(secrets);
  const out: SecretScan = { found: [], unchecked: [], readAs: [] };
  scan(bytes, format, finder, { depth: 0, where: 'the file', max: options.maxInflatedBytes ?? MAX_INFLATED, out });
  out.found = finder.found();
  return out;
}

interface Context {
  depth: number;
  /** Names the part in an `unchecked` line. */
  where: string;
  max: number;
  out: SecretScan;
}

/**
 * Each secret in the forms a decoded text may still hold it in: as is, JSON-escaped (a request
 * body in a log line) and percent-encoded (a URL in a log line).
 */
class Finder {
  private readonly forms: { index: number; texts: string[]; bytes: Buffer[] }[] = [];
  private readonly hits = new Set<number>();

  constructor(secrets: readonly string[]) {
    secrets.forEach((s, index) => {
      if (s.length < MIN_SECRET_LENGTH) return;
      const texts = secretForms(s);
      this.forms.push({ index, texts, bytes: texts.map((t) => Buffer.from(t, 'utf8')) });
    });
  }

  get done(): boolean {
    return this.hits.size === this.forms.length;
  }

  bytes(b: Uint8Array): void {
    if (b.length === 0) return;
    const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    for (const f of this.forms) if (!this.hits.has(f.index) && f.bytes.some((x) => buf.includes(x))) this.hits.add(f.index);
  }

  text(s: string): void {
    if (s.length === 0) return;
    for (const f of this.forms) if (!this.hits.has(f.index) && f.texts.some((x) => s.includes(x))) this.hits.add(f.index);
  }

  found(): number[] {
    return [...this.hits].sort((a, b) => a - b);
  }
}

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

function scan(bytes: Uint8Array, format: ScanFormat, finder: Finder, ctx: Context): void {
  finder.bytes(bytes);
  if (ctx.depth > MAX_DEPTH) {
    ctx.out.unchecked.push(`${ctx.where}: nested deeper than ${MAX_DEPTH} levels`);
    return;
  }
  if (isGzip(bytes)) {
    ctx.out.readAs.push('gzip');
    const inner = inflate(bytes, ctx);
    if (inner !== null) scan(inner, format, finder, { ...ctx, depth: ctx.depth + 1, where: `${ctx.where} (inflated)` });
    return;
  }
  const kind = format === 'auto' ? detect(bytes) : format;
  ctx.out.readAs.push(kind);
  switch (kind) {
    case 'subunit-v2':
    case 'subunit-v1':
      return scanSubunit(bytes, kind, finder, ctx);
    case 'junit':
      return scanJUnit(bytes, finder);
    case 'json':
      return scanJson(utf8(bytes), finder);
    case 'html':
      return scanMarkup(utf8(bytes), 'html', finder);
    case 'markdown':
      return scanMarkdown(utf8(bytes), finder);
    case 'text':
      // A UTF-8 text holds a secret exactly when its bytes do (searched above); a broken
      // sequence is replaced the same way a reader's viewer would.
      return finder.text(utf8(bytes));
  }
}

/** Every gzip member inflated; a truncated stream gives what it holds, a corrupt one is `unchecked`. */
function inflate(bytes: Uint8Array, ctx: Context): Uint8Array | null {
  try {
    return gunzipSync(bytes, { finishFlush: zlib.Z_SYNC_FLUSH, maxOutputLength: ctx.max });
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
        ? `inflates to more than ${ctx.max} bytes`
        : `damaged gzip data (${(err as Error).message})`;
    ctx.out.unchecked.push(`${ctx.where}: ${why}`);
    return null;
  }
}

function detect(bytes: Uint8Array): Exclude<ScanFormat, 'auto'> {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  const b = bytes[i];
  if (b === 0x7b || b === 0x5b) return 'json';
  if (b === 0x3c) {
    const head = Buffer.from(bytes.subarray(i, i + 64))
      .toString('latin1')
      .toLowerCase();
    return head.startsWith('<!doctype html') || head.startsWith('<html') ? 'html' : 'junit';
  }
  const found = detectFormat(bytes);
  // Not a result stream (plain text, or what detection calls results JSON past the checks above): read as text.
  return found === 'results-json' ? 'json' : found === 'not-results' ? 'text' : found;
}

const utf8Decoder = new TextDecoder('utf-8');
const utf8 = (b: Uint8Array): string => utf8Decoder.decode(b);

// ---------------------------------------------------------------------------------------------
// subunit

/**
 * Gathers what the decoders emit. A file's packets are joined per (test id, route code, file
 * name) over the whole stream, packets without a test id included (the result reader drops those,
 * and python-subunit's passthrough output is such packets).
 */
class ScanSink implements StreamSink {
  readonly files = new Map<string, Uint8Array[]>();
  readonly offsets: number[] = [];
  private readonly finder: Finder;

  constructor(finder: Finder) {
    this.finder = finder;
  }

  status(ev: StreamEvent): void {
    this.offsets.push(ev.offset);
    const f = this.finder;
    for (const s of [ev.testId, ev.routeCode, ev.fileName, ev.mimeType]) if (s !== null) f.text(s);
    if (ev.tags !== null) for (const t of ev.tags) f.text(t);
    if (ev.fileBytes !== null && ev.fileBytes.length > 0) {
      const key = JSON.stringify([ev.testId, ev.routeCode, ev.fileName]);
      const parts = this.files.get(key);
      if (parts) parts.push(ev.fileBytes);
      else this.files.set(key, [ev.fileBytes]);
    }
  }

  damage(): void {}
}

function scanSubunit(bytes: Uint8Array, format: 'subunit-v2' | 'subunit-v1', finder: Finder, ctx: Context): void {
  const sink = new ScanSink(finder);
  // CRCs taken as good: a packet with a bad one still carries its bytes to whoever reads it leniently.
  const decoder = format === 'subunit-v2' ? new SubunitV2Decoder(sink, { trustCrc: true }) : new SubunitV1Decoder(sink, UNCAPPED);
  decoder.push(bytes);
  decoder.end();
  let n = 0;
  for (const parts of sink.files.values()) {
    const content = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
    n++;
    // An attachment may itself be gzip'd (a log collected by a test).
    if (isGzip(content)) scan(content, 'auto', finder, { ...ctx, depth: ctx.depth + 1, where: `${ctx.where}, attachment ${n}` });
    else finder.bytes(content);
  }
  if (format === 'subunit-v2') finder.bytes(outsidePackets(bytes, sink.offsets));
}

/** The bytes of a v2 stream that no decoded packet covers, joined in order. */
function outsidePackets(bytes: Uint8Array, offsets: readonly number[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let pos = 0;
  for (const at of offsets) {
    if (at < pos || bytes[at] !== SIGNATURE) continue;
    if (at > pos) parts.push(bytes.subarray(pos, at));
    pos = at + packetLength(bytes, at);
  }
  if (pos < bytes.length) parts.push(bytes.subarray(pos));
  return Buffer.concat(parts);
}

/** The declared length of the packet at `at` (at least the 6 bytes its header takes). */
function packetLength(bytes: Uint8Array, at: number): number {
  const b0 = bytes[at + 3] ?? 0;
  const size = (b0 & 0xc0) === 0 ? 1 : (b0 & 0xc0) === 0x40 ? 2 : 3;
  let length = b0 & 0x3f;
  for (let k = 1; k < size; k++) length = length * 256 + (bytes[at + 3 + k] ?? 0);
  return Math.max(length, 6);
}

// ---------------------------------------------------------------------------------------------
// XML and HTML

function scanJUnit(bytes: Uint8Array, finder: Finder): void {
  // What the result reader makes of it (every attachment's whole text), and a lexical pass over the
  // whole document, which also sees what the reader leaves out (properties, other attributes,
  // a message attribute beside a body, everything after a fault).
  scanRecords(parseResults(bytes, { format: 'junit', attachments: UNCAPPED }), finder);
  scanMarkup(xmlText(bytes), 'xml', finder);
}

function scanRecords(results: RunResults, finder: Finder): void {
  for (const t of results.tests) {
    finder.text(t.id);
    for (const tag of t.tags) finder.text(tag);
    for (const a of t.attachments) {
      finder.text(a.name);
      finder.text(a.text);
    }
  }
}

/** The document's text in the encoding its declaration names, as the JUnit reader decodes it. */
function xmlText(bytes: Uint8Array): string {
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(Buffer.from(bytes.subarray(0, 256)).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return utf8(bytes);
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Entity and character references resolved. HTML readers also take a numeric reference without
 * its `;` and a few names beyond XML's five, so the HTML form is the looser.
 */
export function decodeReferences(s: string, mode: 'xml' | 'html'): string {
  if (!s.includes('&')) return s;
  const re = mode === 'xml' ? /&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));/g : /&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));?/g;
  return s.replace(re, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    return Number.isSafeInteger(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * A lenient walk over markup: each attribute value decoded on its own, and the text decoded with
 * CDATA sections unwrapped and comments and processing instructions taken out, as one run. In
 * XML a tag ends the run (separate elements are separate texts); in HTML it does not (`<b>` inside a
 * word still shows one word).
 */
function scanMarkup(doc: string, mode: 'xml' | 'html', finder: Finder): void {
  finder.text(doc);
  let run = '';
  const flush = (): void => {
    finder.text(run);
    run = '';
  };
  let pos = 0;
  const n = doc.length;
  while (pos < n) {
    const lt = doc.indexOf('<', pos);
    const stop = lt < 0 ? n : lt;
    if (stop > pos) run += decodeReferences(doc.slice(pos, stop), mode);
    if (lt < 0) break;
    if (doc.startsWith('<![CDATA[', lt)) {
      const end = doc.indexOf(']]>', lt + 9);
      run += doc.slice(lt + 9, end < 0 ? n : end);
      pos = end < 0 ? n : end + 3;
    } else if (doc.startsWith('<!--', lt)) {
      const end = doc.indexOf('-->', lt + 4);
      finder.text(doc.slice(lt + 4, end < 0 ? n : end));
      pos = end < 0 ? n : end + 3;
    } else if (doc.startsWith('<?', lt)) {
      const end = doc.indexOf('?>', lt + 2);
      pos = end < 0 ? n : end + 2;
    } else if (/^<[!/]?[A-Za-z]/.test(doc.slice(lt, lt + 3))) {
      const end = tagEnd(doc, lt);
      for (const m of doc.slice(lt, end).matchAll(/=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)) finder.text(decodeReferences(m[1] ?? m[2] ?? m[3] ?? '', mode));
      if (mode === 'xml') flush();
      pos = end;
    } else {
      // A `<` that opens no markup is text (HTML, lenient reading of broken XML).
      run += '<';
      pos = lt + 1;
    }
    if (finder.done) return;
  }
  flush();
}

/** Where the tag opened at `lt` ends: after its `>`, quoted attribute values skipped. */
function tagEnd(doc: string, lt: number): number {
  let quote = '';
  for (let i = lt + 1; i < doc.length; i++) {
    const c = doc[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return doc.length;
}

// ---------------------------------------------------------------------------------------------
// JSON and Markdown

function scanJson(text: string, finder: Finder): void {
  finder.text(text);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // Not one document (JSON lines, a damaged file): each string literal on its own.
    for (const m of text.matchAll(/"(?:[^"\\\n]|\\.)*"/g)) {
      try {
        finder.text(JSON.parse(m[0]) as string);
      } catch {
        // an invalid escape: the literal's text was searched as it stands
      }
    }
    return;
  }
  walk(doc, finder);
}

function walk(value: unknown, finder: Finder): void {
  if (typeof value === 'string') finder.text(value);
  else if (Array.isArray(value)) for (const v of value) walk(v, finder);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      finder.text(k);
      walk(v, finder);
    }
  }
}

function scanMarkdown(text: string, finder: Finder): void {
  finder.text(text);
  // Backslash escapes of ASCII punctuation (a `|` in a table cell is written `\|`), then the HTML a
  // Markdown renderer passes through, with its references.
  scanMarkup(text.replace(/\\([!-/:-@[-`{-~])/g, '$1'), 'html', finder);
}
