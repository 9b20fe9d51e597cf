// Build dist/ from src/: one self-contained ESM bundle per entry point (the runner does not run
// `npm install` for an action). CI rebuilds and fails when dist/ differs (npm run check-dist).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

const entries = {
  index: 'src/action/main.ts',
  post: 'src/action/post.ts',
  cli: 'src/cli/bin.ts',
};

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir: 'dist',
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
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;",
  },
});
