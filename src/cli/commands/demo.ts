// tempest-gate demo: the main job on bundled real data, for a first look on a fresh machine.
// It runs every stage that works without a cloud over data/samples/ (a real Tempest run).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { type Command } from '../command.ts';
import { EXIT } from '../../core/errors.ts';
import { renderResultsText } from '../../core/render/results-text.ts';
import { parseFile } from './parse.ts';

/** data/ sits beside src/ and dist/; find it from wherever this module was loaded. */
export function dataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'data', 'samples'))) return join(dir, 'data');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'data');
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the gate stages that need no cloud on the bundled real Tempest run (data/samples/).',
  usage: '',
  options: {},
  help: `Parses data/samples/local-tempest-33-compute-identity-mini.subunit (a real Tempest 33.0.0 run,
see data/README.md) and prints its summary.
Exit codes:
  0  the demo ran`,
  async run(args, io) {
    const sample = join(dataDir(), 'samples', 'local-tempest-33-compute-identity-mini.subunit');
    const results = await parseFile(sample, io.stdin);
    if (args.values.json === true) io.stdout.write(`${JSON.stringify({ results }, null, 2)}\n`);
    else {
      io.stdout.write('== parse: a real Tempest 33.0.0 run (data/samples/) ==\n');
      io.stdout.write(renderResultsText(results, { source: 'local-tempest-33-compute-identity-mini.subunit' }));
    }
    return EXIT.ok;
  },
};
