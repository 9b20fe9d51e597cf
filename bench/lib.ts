// Shared bench helpers: run a command and measure wall time and peak RSS (GNU time), print tables.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BENCH_DATA = fileURLToPath(new URL('./.data/', import.meta.url));
mkdirSync(BENCH_DATA, { recursive: true });

export interface Measured {
  seconds: number;
  maxRssMiB: number;
  status: number;
}

/** Run `sh -c command` under /usr/bin/time; stdout goes to /dev/null unless redirected in the command. */
export function measure(command: string): Measured {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'sh', '-c', command], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = (r.stderr ?? '').trim().split('\n').at(-1) ?? '';
  const [secs, kb] = last.split(' ').map(Number);
  if (secs === undefined || kb === undefined || Number.isNaN(secs)) throw new Error(`could not measure '${command}': ${r.stderr}`);
  return { seconds: secs, maxRssMiB: kb / 1024, status: r.status ?? -1 };
}

/** The better of n runs (least noisy on a shared 2-core machine). */
export function best(command: string, n = 3): Measured {
  let b: Measured | null = null;
  for (let i = 0; i < n; i++) {
    const m = measure(command);
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
