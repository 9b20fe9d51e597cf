// GitHub's published REST description (test/fixtures/github: api.github.com.json of @octokit/openapi
// 23.0.2), cut down for the local test servers, and the loopback listen/close every local test server does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Document } from 'openapi-backend';

const DESCRIPTION = new URL('../../test/fixtures/github/api.github.com.json.gz', import.meta.url);
type Json = Record<string, unknown>;

export interface GitHubSpec {
  openapi: string;
  info: Json;
  paths: Record<string, Record<string, Json & { operationId?: string }>>;
  components: Record<string, Record<string, unknown>>;
}

let cached: GitHubSpec | null = null;

/** The whole description (read once per process: it is large). */
export function githubSpec(): GitHubSpec {
  cached ??= JSON.parse(gunzipSync(readFileSync(DESCRIPTION)).toString('utf8')) as GitHubSpec;
  return cached;
}

/** The description cut down to some operations and every component they reference, transitively. */
export function githubSpecSubset(operationIds: readonly string[]): Document {
  const spec = githubSpec();
  const paths: Record<string, Json> = {};
  for (const [p, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (operationIds.includes(String(op.operationId))) (paths[p] ??= {})[method] = op;
    }
  }
  const components: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string' && x.startsWith('#/components/') && !seen.has(x)) {
          seen.add(x);
          const [, , kind = '', name = ''] = x.split('/');
          const target = spec.components[kind]?.[name];
          (components[kind] ??= {})[name] = target;
          walk(target);
        } else walk(x);
      }
    }
  };
  walk(paths);
  return { openapi: spec.openapi, info: spec.info, paths, components } as unknown as Document;
}

/** Start an HTTP server on 127.0.0.1 (a free port); returns it and its base URL. */
export async function listenOnLoopback(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return { server, url: `http://127.0.0.1:${addr.port}` };
}

export async function closeServer(server: Server | null | undefined): Promise<void> {
  if (!server) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive sockets would hold close() open.
  server.closeAllConnections();
  await closed;
}
