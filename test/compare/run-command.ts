// Run the compare or baseline verb in a process of its own: for tests that need the process
// environment set from the start (GITHUB_API_URL is read once, when @actions/github loads).
import { runCommand, processIo } from '../../src/cli/main.ts';
import { compareCommand } from '../../src/cli/commands/compare.ts';
import { baselineCommand } from '../../src/cli/commands/baseline.ts';

const [verb, ...argv] = process.argv.slice(2);
const cmd = verb === 'compare' ? compareCommand : verb === 'baseline' ? baselineCommand : null;
if (cmd === null) {
  process.stderr.write(`run-command: unknown verb '${verb ?? ''}'\n`);
  process.exit(2);
}
process.exitCode = await runCommand(cmd, argv, processIo());
