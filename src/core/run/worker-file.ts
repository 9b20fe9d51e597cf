// The worker file of a node's parallel step: its tests split over the `tempest run` workers by the
// baseline's durations (the shard planner's LPT and refinement, one "shard" per worker), written
// as stestr's --worker-file YAML. Without it stestr balances only from its own times.dbm, which a
// fresh node does not have: it deals the classes out round-robin, and the slow classes decide
// when the step ends. Pure.
import { planShards, type ShardPlan } from '../select/shard.ts';

/** The test id an include-list line names exactly (`^...$` with every special character escaped, as select writes them), or null. */
export function idFromExactRegex(line: string): string | null {
  if (line.length < 2 || line[0] !== '^' || line[line.length - 1] !== '$') return null;
  const body = line.slice(1, -1);
  let id = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined || /[A-Za-z0-9_]/.test(next)) return null; // \d, \b, ...: a pattern, not a name
      id += next;
      i++;
    } else if (/[A-Za-z0-9_\x80-\uffff]/.test(c)) id += c;
    else return null;
  }
  return id;
}

const escape = (s: string): string => s.replace(/[^A-Za-z0-9_\x80-\uffff]/g, '\\$&');

/** Every test of one class, and only those (a method name has no `.` or `[`; attributes follow in `[...]`). */
export function classRegex(className: string): string {
  return `^${escape(className)}\\.[^.\\[]+(\\[[^\\]]*\\])?$`;
}

export interface WorkerPlan {
  /** One list of regexes per worker that has tests (stestr drops empty workers). */
  groups: string[][];
  /** The plan behind it: predicted seconds per worker, makespan, lower bound. */
  plan: ShardPlan;
}

/**
 * The parallel step's tests over `workers` workers, balanced by `durations` (baseline seconds by
 * test name). Null when there is nothing to balance: one worker, or no test with a duration.
 */
export function planWorkers(o: { ids: readonly string[]; workers: number; durations: ReadonlyMap<string, number> }): WorkerPlan | null {
  if (o.workers < 2 || o.ids.length < 2) return null;
  const plan = planShards({ parallel: o.ids, serial: [], shards: o.workers, durations: o.durations });
  if (plan.notes.some((n) => n.includes('no usable durations'))) return null;
  const groups: string[][] = [];
  for (const sh of plan.shards) {
    if (!sh.count) continue;
    // A unit is a class (its key is its name): one regex covers it. Tests outside any class go by name.
    const classes = new Set(sh.units);
    const group = [...classes].filter((c) => c !== '').map(classRegex);
    for (const id of sh.parallel) if (!id.includes('.')) group.push(`^${escape(id)}$`);
    groups.push(group);
  }
  return { groups, plan };
}

/** stestr's worker file: a YAML list of `- worker: [regex, ...]` (single-quoted: backslashes stay as they are). */
export function workerFileYaml(groups: readonly (readonly string[])[]): string {
  const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;
  return `${groups.map((g) => `- worker:\n${g.map((r) => `    - ${q(r)}`).join('\n')}`).join('\n')}\n`;
}
