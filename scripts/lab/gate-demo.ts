// npm run gate-demo: the whole gate on the embedded lab, from a pull request to cleanup, through
// the bundled action (dist/index.js, dist/post.js) exactly as a GitHub runner runs it. See
// scripts/lab/gate.ts for what is real and what stands in, and the README's "What is real".
//
//   npm run gate-demo                          both bundled changes: one that passes, one that breaks the deployment
//   npm run gate-demo -- --change NAME         one change of data/lab/changes/
//   npm run gate-demo -- --subnodes 1 --out DIR
//
// Exit 0 when every gate ended as its change expects (data/lab/changes/README.md) with nothing left
// on the cloud; 1 otherwise; 2 for a usage error; 4 when the lab is not there.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundledChanges } from './changes.ts';
import { runLabGate } from './gate.ts';
import { prepareLab, type Lab } from './lab.ts';
import { leftoverCount, leftoverLine } from './leftovers.ts';
import { fmt, posted, stageTable } from './gate-format.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/** What each bundled change must do to the gate (data/lab/changes/README.md). */
export const EXPECTED: Record<string, 'pass' | 'fail'> = { 'compute-log-wording': 'pass', 'keypairs-admin-only': 'fail' };

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: { change: { type: 'string', multiple: true }, subnodes: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (err) {
    console.error(`gate-demo: ${(err as Error).message}`);
    return 2;
  }
  if (args.values.help) {
    console.log('usage: npm run gate-demo [-- --change NAME]... [--subnodes N] [--out DIR]');
    return 0;
  }
  const known = await bundledChanges();
  const changes = args.values.change ?? ['compute-log-wording', 'keypairs-admin-only'];
  for (const c of changes)
    if (!known.includes(c)) {
      console.error(`gate-demo: --change '${c}': no such bundled change (data/lab/changes/ has ${known.join(', ')})`);
      return 2;
    }
  const subnodes = Number(args.values.subnodes ?? 2);
  if (!Number.isInteger(subnodes) || subnodes < 0 || subnodes > 4) {
    console.error(`gate-demo: --subnodes must be a whole number from 0 to 4; got '${args.values.subnodes}'`);
    return 2;
  }
  const out = resolve(args.values.out ?? join(process.cwd(), 'tempest-gate-lab'));
  await mkdir(out, { recursive: true });
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'index.js')) || !existsSync(join(dist, 'post.js'))) {
    console.error(`gate-demo: ${dist}/index.js or post.js is missing: run 'npm run build'`);
    return 4;
  }
  let lab: Lab;
  try {
    lab = await prepareLab({ say: (l) => console.log(l) });
  } catch (err) {
    console.error(`gate-demo: the lab is not ready: ${(err as Error).message}`);
    return 4;
  }
  let ok = true;
  const verdicts: string[] = [];
  for (const change of changes) {
    console.log(`\n######## change '${change}': the gate, as a pull request's job runs it ########\n`);
    const r = await runLabGate({
      change,
      cloudsYaml: lab.cloudsYaml,
      image: lab.image,
      flavor: lab.flavor,
      devstackRepo: lab.devstackRepo,
      subnodes,
      dist,
      dir: join(out, change),
      say: (l) => console.log(l),
    });
    console.log(`\n######## what change '${change}' posted ########\n`);
    console.log(posted(r, process.cwd()));
    console.log(`\n-- time per stage --\n${stageTable(r)}`);
    const left = r.leftovers;
    console.log(`\n-- left on the cloud after dist/post.js --\n    ${left ? leftoverLine(left) : 'nothing was requested (no run id)'}`);
    const result = r.main.outputs.result ?? 'error';
    const expected = EXPECTED[change];
    const good = (expected === undefined || result === expected) && (left === null || leftoverCount(left) === 0) && r.rejections.length === 0;
    if (!good) ok = false;
    verdicts.push(
      `  ${change}: the gate says ${result} (exit ${r.main.code})${expected ? `, expected ${expected}` : ''}; ${left ? `${leftoverCount(left)} left` : 'nothing created'}; ${fmt(r.totalSeconds)}${good ? '' : '  <-- NOT AS EXPECTED'}`,
    );
  }
  console.log(`\n######## verdicts ########\n${verdicts.join('\n')}\nfiles: ${out}`);
  return ok ? 0 : 1;
}

process.exitCode = await main();
