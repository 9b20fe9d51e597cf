// The RefStack upload document (what refstack-client's `upload` sends and keeps as <run>.json):
// the tests that passed, in stream order, each with its name and its idempotent id.
// Mirrors refstack_client/subunit_processor.py: the name is the id with `[...]` removed (greedy,
// first `[` to last `]`), the uuid is the `id-` attribute with its prefix dropped, as written.
import type { RunResults } from '../results/model.ts';

export interface RefstackResult {
  name: string;
  uuid?: string;
}

export interface RefstackUpload {
  duration_seconds: number;
  cpid: string;
  results: RefstackResult[];
}

function uuidOf(id: string): string | undefined {
  const open = id.indexOf('[');
  if (open < 0) return undefined;
  const close = id.indexOf(']', open);
  const attrs = id.slice(open + 1, close < 0 ? undefined : close).split(',');
  for (const a of attrs) if (a.startsWith('id-')) return a.split('-').slice(1).join('-');
  return undefined;
}

export function refstackResults(run: RunResults): RefstackResult[] {
  const out: RefstackResult[] = [];
  for (const t of run.tests) {
    if (t.status !== 'success') continue;
    const r: RefstackResult = { name: t.id.replace(/\[.*\]/s, '') };
    const uuid = uuidOf(t.id);
    if (uuid) r.uuid = uuid;
    out.push(r);
  }
  return out;
}

export function refstackUpload(run: RunResults, options: { cpid: string; durationSeconds: number }): RefstackUpload {
  return { duration_seconds: options.durationSeconds, cpid: options.cpid, results: refstackResults(run) };
}
