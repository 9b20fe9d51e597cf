// Run one verb's Command in a real process with the CLI's own signal handling (processIo):
// `node test/helpers/run-verb.ts provision ...`. For tests that send SIGINT/SIGTERM.
import { processIo, runCommand } from '../../src/cli/main.ts';
import { provisionCommand } from '../../src/cli/commands/provision.ts';
import { cleanupCommand } from '../../src/cli/commands/cleanup.ts';

const verbs = { provision: provisionCommand, cleanup: cleanupCommand };
const [verb, ...args] = process.argv.slice(2);
const cmd = verbs[verb as keyof typeof verbs];
if (!cmd) throw new Error(`run-verb: unknown verb ${verb}`);
process.exitCode = await runCommand(cmd, args, processIo());
