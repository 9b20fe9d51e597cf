// npm run bench: runs every bench/*.bench.ts (each exports `run(): Promise<void>` and prints its
// own figures and ratios against the peer tool). `npm run bench -- select` runs only matching files.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { hostSteadiness } from './lib.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
// Flags (`--1m`) are for the benches themselves, not names.
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
console.log(hostSteadiness());
for (const f of files) {
  console.log(`\n=== ${f.replace('.bench.ts', '')} ===`);
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { run(): Promise<void> };
  await mod.run();
}
console.log(`\n${hostSteadiness()} (after)`);
