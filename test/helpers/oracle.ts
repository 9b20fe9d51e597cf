// Run python-subunit (Debian's /usr/bin/python3) as the oracle, and put our records in its shape.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestRecord, RunResults } from '../../src/core/results/model.ts';
import { microsFromIso } from '../../src/core/results/model.ts';

export const DEBIAN_PYTHON = '/usr/bin/python3';
const ORACLE = fileURLToPath(new URL('../oracle/subunit_oracle.py', import.meta.url));

export interface OracleAttachment {
  name: string;
  content_type: string;
  size: number;
  sha256: string;
}
export interface OracleTest {
  id: string;
  status: string;
  tags: string[];
  start_us: number | null;
  stop_us: number | null;
  attachments: OracleAttachment[];
}
export interface OracleRun {
  tests: OracleTest[];
  parser_errors: OracleTest[];
  crashed: string | null;
}

/** Fails loudly when python-subunit is missing: the oracle tests must not pass by not running. */
export function requireOracle(): void {
  if (!existsSync(DEBIAN_PYTHON)) throw new Error(`${DEBIAN_PYTHON} is missing: run scripts/setup-machine.sh`);
  execFileSync(DEBIAN_PYTHON, ['-c', 'import subunit, testtools'], { stdio: 'pipe' });
}

export function runOracle(files: string[]): OracleRun[] {
  const out = execFileSync(DEBIAN_PYTHON, [ORACLE, ...files], { maxBuffer: 1 << 30, encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OracleRun);
}

/** testtools' ContentType repr: `type/subtype; k="v"` with parameters sorted (cgi.parse_header). */
export function contentTypeRepr(mime: string): string {
  const [full = '', ...params] = mime.split(';');
  const [type = '', sub = ''] = full.split('/');
  const pairs: string[] = [];
  for (const p of params) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    const k = p.slice(0, i).trim().toLowerCase();
    let v = p.slice(i + 1).trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    if (k === 'charset' && v.includes(',')) v = v.slice(0, v.indexOf(','));
    pairs.push(`${k}="${v}"`);
  }
  pairs.sort();
  return `${type.trim()}/${sub.trim()}${pairs.length ? `; ${pairs.join('; ')}` : ''}`;
}

/** Our record in the oracle's shape. Needs attachments kept whole (keep: 'all', a large cap). */
export function asOracle(t: TestRecord): OracleTest {
  return {
    id: t.id,
    status: t.status,
    tags: [...t.tags].sort(),
    start_us: t.start === null ? null : microsFromIso(t.start),
    stop_us: t.stop === null ? null : microsFromIso(t.stop),
    attachments: t.attachments.map((a) => ({
      name: a.name,
      content_type: contentTypeRepr(a.contentType),
      size: a.size,
      sha256: sha256(Buffer.from(a.text, 'utf8')),
    })),
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function ours(results: RunResults): OracleTest[] {
  return results.tests.map(asOracle);
}
