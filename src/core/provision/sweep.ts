// Which resources a sweep removes: only those carrying our marks (tag, name prefix plus our
// description, security group name plus our description, keypair name), grouped by run, and only runs that are no longer live. A run is
// live while its deadline (start + overall timeout, stamped on every resource) is ahead, or
// while any of its resources is younger than --older-than. Resources with our owner tag but no
// run id are judged alone by their age.
import { EXIT, UserError } from '../errors.ts';

export type ResourceKind = 'server' | 'port' | 'floatingip' | 'securitygroup' | 'keypair';

export interface FoundResource {
  kind: ResourceKind;
  id: string;
  name: string;
  runId: string | undefined;
  /** ISO time the resource (or its run) was created, when known */
  createdAt: string | undefined;
  /** ISO time after which its run is over, when known */
  deadline: string | undefined;
}

export interface SweepDecision {
  remove: FoundResource[];
  keep: { resource: FoundResource; reason: string }[];
  /** run ids whose resources are removed */
  runs: string[];
}

export interface SweepOptions {
  nowMs: number;
  olderThanMs: number;
  /** runs never swept (the caller's own live run) */
  exceptRuns?: string[];
}

function ms(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}

export function decideSweep(found: FoundResource[], o: SweepOptions): SweepDecision {
  const byRun = new Map<string, FoundResource[]>();
  for (const r of found) {
    const key = r.runId ?? `(no run) ${r.kind} ${r.id}`;
    byRun.set(key, [...(byRun.get(key) ?? []), r]);
  }
  const remove: FoundResource[] = [];
  const keep: SweepDecision['keep'] = [];
  const runs: string[] = [];
  const cutoff = o.nowMs - o.olderThanMs;
  for (const [run, items] of byRun) {
    let reason: string | undefined;
    if (o.exceptRuns?.includes(run)) reason = 'the current run';
    const deadlines = items.map((r) => ms(r.deadline)).filter((x): x is number => x !== undefined);
    if (!reason && deadlines.some((d) => d > o.nowMs)) reason = `run still live (deadline ${new Date(Math.max(...deadlines)).toISOString()})`;
    // a run's age is the creation time stamped on its servers, ports and floating IPs; Nova's
    // own clock on a keypair counts only when nothing stamped is left
    const stamped = items.filter((r) => r.kind !== 'keypair');
    const created = (stamped.length ? stamped : items).map((r) => ms(r.createdAt));
    if (!reason && created.every((c) => c === undefined)) reason = 'creation time unknown';
    if (!reason && created.some((c) => c !== undefined && c > cutoff)) reason = 'younger than --older-than';
    if (reason) for (const r of items) keep.push({ resource: r, reason });
    else {
      remove.push(...items);
      if (items[0]?.runId) runs.push(items[0].runId);
    }
  }
  return { remove, keep, runs };
}

/** "90s", "30m", "2h", "1d", "1h30m", "1w" -> milliseconds. */
export function parseDuration(text: string, option = '--older-than'): number {
  const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
  const re = /(\d+(?:\.\d+)?)([smhdw])/gy;
  let total = 0;
  let matched = 0;
  const t = text.trim();
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    total += Number(m[1]) * units[m[2]!]!;
    matched = re.lastIndex;
  }
  if (!t || matched !== t.length) {
    throw new UserError(`${option} wants a duration like 90s, 30m, 2h, 1d or 1h30m, not '${text}'`, { exitCode: EXIT.usage });
  }
  return total;
}
