// Build dist/ from src/: one self-contained ESM bundle per entry point (the runner does not run
// `npm install` for an action). CI rebuilds and fails when dist/ differs (npm run check-dist).
// The e2e tests bundle with the same options (distOptions) into a temp dir.
import { build, type BuildOptions } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export const ENTRIES = {
  index: 'src/action/main.ts',
  post: 'src/action/post.ts',
  cli: 'src/cli/bin.ts',
};

export function distOptions(outdir: string, entryPoints: Record<string, string> = ENTRIES): BuildOptions {
  return {
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: false,
    legalComments: 'linked',
    logLevel: 'warning',
    // ssh2's native helpers are optional (it falls back to pure JS inside try/catch): leave their
    // require() calls unresolved rather than bundle a binary for one machine.
    external: ['cpu-features', '*.node'],
    // Bundled CommonJS calls require() and reads __filename/__dirname. `var`, not `const`:
    // @azure/storage-common (in the artifact chunk) declares `var __filename;` itself.
    banner: {
      js: "import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;",
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
  await build(distOptions('dist'));
}
