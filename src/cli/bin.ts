#!/usr/bin/env node
// Entry point of the `tempest-gate` binary (bundled to dist/cli.js).
//
// The V8 code cache is kept on disk (node:module's compile cache, under os.tmpdir()), so a run
// after the first skips compiling the modules, as python runs its cached bytecode: about 70 ms
// of a compare's 190 ms start-up here. It is turned on before the CLI's modules are imported,
// and NODE_DISABLE_COMPILE_CACHE=1 turns it off. A cache that cannot be written is skipped.
import { enableCompileCache } from 'node:module';

enableCompileCache();
const { processIo, runCli } = await import('./main.ts');
process.exitCode = await runCli(process.argv.slice(2), processIo());
