// A local stand-in for the runner's artifact backend, so @actions/artifact runs unmodified:
// the Twirp JSON service at ACTIONS_RESULTS_URL (CreateArtifact, FinalizeArtifact) and the
// Azure Blob endpoint its signed URL points at (Put Block, Put Block List, as the Azure SDK's
// uploadStream sends them). It keeps every finalized artifact's bytes (a zip) for the test, and
// serves them back as the runner's service does within a run (ListArtifacts, GetSignedArtifactURL,
// the signed blob URL), so a later job of the same run can download them.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './github-openapi.ts';
import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

export interface StoredArtifact {
  name: string;
  id: number;
  bytes: Buffer;
}

export class ArtifactServer {
  readonly artifacts: StoredArtifact[] = [];
  readonly errors: string[] = [];
  private readonly blocks = new Map<string, Map<string, Buffer>>();
  private readonly blobs = new Map<string, Buffer>();
  private readonly pending = new Map<string, string>();
  private server: Server | null = null;
  private nextId = 77;
  url = '';

  /** A runtime token as the runner gives it: a JWT whose `scp` names the run and job backends. */
  readonly runtimeToken = jwt({ scp: 'Actions.GenericRead:1 Actions.Results:run-backend-1:job-backend-1' });

  async start(): Promise<string> {
    ({ server: this.server, url: this.url } = await listenOnLoopback((req, res) => void this.serve(req, res)));
    return this.url;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  env(): Record<string, string> {
    return { ACTIONS_RUNTIME_TOKEN: this.runtimeToken, ACTIONS_RESULTS_URL: `${this.url}/`, ACTIONS_RUNTIME_URL: `${this.url}/` };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.url);
    try {
      if (req.method === 'POST' && url.pathname.startsWith(SERVICE)) return this.twirp(url.pathname.slice(SERVICE.length), req, body, res);
      if (req.method === 'PUT' && url.pathname.startsWith('/blob/')) return this.blob(url, body, res);
      if (req.method === 'GET' && url.pathname.startsWith('/download/')) return this.download(url, res);
      this.errors.push(`unexpected ${req.method} ${url.pathname}`);
      res.writeHead(404).end();
    } catch (err) {
      this.errors.push(`${req.method} ${url.pathname}: ${(err as Error).message}`);
      res.writeHead(500).end();
    }
  }

  private twirp(method: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    if (req.headers.authorization !== `Bearer ${this.runtimeToken}`) {
      this.errors.push(`${method}: wrong or missing runtime token`);
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'unauthenticated', msg: 'no token' }));
      return;
    }
    const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    const json = (v: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(v));
    // Protobuf JSON: the client sends the proto field names (snake_case).
    const run = body.workflow_run_backend_id ?? body.workflowRunBackendId;
    const job = body.workflow_job_run_backend_id ?? body.workflowJobRunBackendId;
    if (run !== 'run-backend-1' || job !== 'job-backend-1') this.errors.push(`${method}: wrong backend ids in ${JSON.stringify(body)}`);
    const name = typeof body.name === 'string' ? body.name : '';
    if (method === 'CreateArtifact') {
      const key = randomUUID();
      this.pending.set(name, key);
      return json({
        ok: true,
        signedUploadUrl: `${this.url}/blob/devstoreaccount1/actions-results/${key}/${encodeURIComponent(name)}.zip?sv=2023-01-01&sig=fake`,
      });
    }
    if (method === 'FinalizeArtifact') {
      const key = this.pending.get(name);
      const bytes = key ? this.blobs.get(key) : undefined;
      if (!bytes) {
        this.errors.push(`FinalizeArtifact for '${name}' without an uploaded blob`);
        return json({ ok: false, artifactId: '0' });
      }
      if (String(body.size) !== String(bytes.length)) this.errors.push(`FinalizeArtifact size ${String(body.size)} != ${bytes.length} bytes uploaded`);
      const id = this.nextId++;
      this.artifacts.push({ name, id, bytes });
      return json({ ok: true, artifactId: String(id) });
    }
    if (method === 'ListArtifacts') {
      // Filters as the client sends them: wrapper types in JSON are their bare values.
      const nameFilter = body.name_filter ?? body.nameFilter;
      const rawId = body.id_filter ?? body.idFilter;
      const idFilter = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null;
      const list = this.artifacts.filter(
        (a) => (nameFilter === undefined || nameFilter === null || a.name === nameFilter) && (idFilter === null || String(a.id) === idFilter),
      );
      return json({
        artifacts: list.map((a) => ({
          workflowRunBackendId: 'run-backend-1',
          workflowJobRunBackendId: 'job-backend-1',
          databaseId: String(a.id),
          name: a.name,
          size: String(a.bytes.length),
          createdAt: new Date(0).toISOString(),
        })),
      });
    }
    if (method === 'GetSignedArtifactURL') {
      const a = [...this.artifacts].reverse().find((x) => x.name === name);
      if (!a) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'not_found', msg: `no artifact '${name}'` }));
        return;
      }
      return json({ signedUrl: `${this.url}/download/${a.id}/${encodeURIComponent(a.name)}.zip?sig=fake` });
    }
    this.errors.push(`unknown Twirp method ${method}`);
    res.writeHead(404).end();
  }

  /** The signed download URL: the artifact's zip, as blob storage serves it. */
  private download(url: URL, res: ServerResponse): void {
    const id = Number(url.pathname.split('/')[2]);
    const a = this.artifacts.find((x) => x.id === id);
    if (!a) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(a.bytes.length) }).end(a.bytes);
  }

  /** Forget the artifacts (a new workflow run). */
  clear(): void {
    this.artifacts.length = 0;
  }

  private blob(url: URL, body: Buffer, res: ServerResponse): void {
    const key = url.pathname.split('/')[4] ?? '';
    const headers = {
      etag: `"${randomUUID()}"`,
      'last-modified': new Date().toUTCString(),
      'x-ms-request-id': randomUUID(),
      'x-ms-version': '2023-01-03',
      'x-ms-request-server-encrypted': 'true',
    };
    const comp = url.searchParams.get('comp');
    if (comp === 'block') {
      const id = url.searchParams.get('blockid') ?? '';
      let m = this.blocks.get(key);
      if (!m) this.blocks.set(key, (m = new Map<string, Buffer>()));
      m.set(id, body);
      res.writeHead(201, headers).end();
      return;
    }
    if (comp === 'blocklist') {
      const doc = new XMLParser().parse(body.toString('utf8')) as { BlockList?: Record<string, string | string[]> };
      const ids = Object.values(doc.BlockList ?? {}).flatMap((v) => (Array.isArray(v) ? v : [v]));
      const m = this.blocks.get(key) ?? new Map<string, Buffer>();
      this.blobs.set(key, Buffer.concat(ids.map((id) => m.get(String(id)) ?? Buffer.alloc(0))));
      res.writeHead(201, headers).end();
      return;
    }
    // A single-shot Put Blob (small uploads).
    this.blobs.set(key, body);
    res.writeHead(201, headers).end();
  }
}

function b64url(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

function jwt(payload: Record<string, unknown>): string {
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ ...payload, exp: Math.floor(Date.now() / 1000) + 3600 })}.c2lnbmF0dXJl`;
}

export async function startArtifactServer(): Promise<ArtifactServer> {
  const s = new ArtifactServer();
  await s.start();
  return s;
}
