// Shared bench helpers: run a command and measure wall time and peak RSS (GNU time), print tables.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BENCH_DATA = fileURLToPath(new URL('./.data/', import.meta.url));
mkdirSync(BENCH_DATA, { recursive: true });

export interface Measured {
  seconds: number;
  maxRssMiB: number;
  status: number;
}

/**
 * Run `sh -c command` under /usr/bin/time; stdout goes to /dev/null unless redirected in the
 * command. `output`: a file the command writes, removed first, so that the run writes a new file
 * and does not pay for disposing of the last run's.
 */
export function measure(command: string, output?: string | null): Measured {
  if (output) rmSync(output, { force: true });
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'sh', '-c', command], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = (r.stderr ?? '').trim().split('\n').at(-1) ?? '';
  const [secs, kb] = last.split(' ').map(Number);
  if (secs === undefined || kb === undefined || Number.isNaN(secs)) throw new Error(`could not measure '${command}': ${r.stderr}`);
  return { seconds: secs, maxRssMiB: kb / 1024, status: r.status ?? -1 };
}

/** The better of n runs (least noisy on a shared 2-core machine). */
export function best(command: string, n = 3, output?: string | null): Measured {
  let b: Measured | null = null;
  for (let i = 0; i < n; i++) {
    const m = measure(command, output);
    if (b === null || m.seconds < b.seconds) b = m;
  }
  return b as Measured;
}

export function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!))).join('  ')).join('\n');
}

export const NODE = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));
export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** A fixed CPU-bound loop in a fresh process: the same work every time, so its spread is the host's, not ours. */
const HOST_LOOP = `${NODE} -e "let s = 0; for (let i = 0; i < 1.5e8; i++) s = (s + i) | 0; if (s === 1) console.log(s)"`;

/**
 * How steady the machine is: the fixed loop five times, fastest, median and slowest. A shared host's
 * neighbours can slow every figure by half from one minute to the next; the ratios against the peers,
 * measured in the same run, stand, the absolute times do not.
 */
export function hostSteadiness(): string {
  const times = Array.from({ length: 5 }, () => measure(HOST_LOOP).seconds).sort((a, b) => a - b);
  const [min, med, max] = [times[0] ?? NaN, times[2] ?? NaN, times[4] ?? NaN];
  const spread = max / min - 1;
  const verdict = spread > 0.2 ? 'noisy: read the ratios against the peers, not the absolute times' : 'steady';
  return `host: a fixed CPU loop took ${min.toFixed(2)} / ${med.toFixed(2)} / ${max.toFixed(2)} s (fastest / median / slowest of 5, spread ${(spread * 100).toFixed(0)}%): ${verdict}`;
}
