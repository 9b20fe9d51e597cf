// A local stand-in for the three GitHub REST operations the artifact baseline store uses
// (actions/list-workflow-runs-for-repo, actions/list-workflow-run-artifacts,
// actions/download-artifact), plus the blob URL a download redirects to. Requests are validated
// against GitHub's published OpenAPI description (@octokit/openapi) by openapi-backend; requests
// that do not match are rejected and recorded, and so are responses of ours that do not match.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, githubSpec, githubSpecSubset, listenOnLoopback } from '../../scripts/lab/github-openapi.ts';
import { OpenAPIBackend, type Context } from 'openapi-backend';

const OPERATIONS = ['actions/list-workflow-runs-for-repo', 'actions/list-workflow-run-artifacts', 'actions/download-artifact'] as const;
type Json = Record<string, unknown>;

const spec = githubSpec();

function example(name: string): Json {
  return structuredClone((spec.components.examples?.[name] as { value: Json }).value);
}

export interface FakeRun {
  id: number;
  branch: string;
  status: 'success' | 'failure';
  /** Artifacts: name → zip bytes. */
  artifacts: { id: number; name: string; zip: Buffer; expired?: boolean }[];
}

export class ActionsApiServer {
  readonly rejections: string[] = [];
  readonly badResponses: string[] = [];
  readonly calls: string[] = [];
  runs: FakeRun[] = [];
  url = '';
  private server: Server | null = null;
  private readonly api: OpenAPIBackend;
  private readonly owner: string;
  private readonly repo: string;
  private readonly token: string;

  constructor(options: { owner: string; repo: string; token: string }) {
    this.owner = options.owner;
    this.repo = options.repo;
    this.token = options.token;
    this.api = new OpenAPIBackend({
      definition: githubSpecSubset(OPERATIONS),
      strict: false,
      validate: true,
      quick: true,
      ajvOpts: { strict: false },
      customizeAjv: (ajv) => {
        ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
        ajv.addFormat('uri', { type: 'string', validate: (s: string) => URL.canParse(s) });
        ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
        return ajv;
      },
    });
    this.api.register({
      notFound: () => ({ status: 404, body: { message: 'Not Found' }, reject: 'no operation matches' }),
      validationFail: (c: Context) => ({ status: 422, body: { message: 'Validation Failed' }, reject: JSON.stringify(c.validation.errors).slice(0, 400) }),
    });
    for (const id of OPERATIONS) this.api.register(id, (c: Context) => this.handle(id, c));
  }

  async start(): Promise<string> {
    await this.api.init();
    ({ server: this.server, url: this.url } = await listenOnLoopback((req, res) => void this.serve(req, res)));
    return this.url;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _ of req) void _;
    const url = new URL(req.url ?? '/', this.url);
    const blob = /^\/blob\/(\d+)\.zip$/.exec(url.pathname);
    if (blob) {
      this.calls.push(`blob ${blob[1]}`);
      const art = this.runs.flatMap((r) => r.artifacts).find((a) => String(a.id) === blob[1]);
      if (!art) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': art.zip.length });
      return void res.end(art.zip);
    }
    const query = Object.fromEntries(url.searchParams);
    const out = (await this.api.handleRequest({ method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers as Record<string, string> })) as {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      reject?: string;
    };
    if (out.reject) this.rejections.push(`${req.method} ${url.pathname}: ${out.reject}`);
    res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
    res.end(out.body === undefined ? '' : JSON.stringify(out.body));
  }

  private handle(id: (typeof OPERATIONS)[number], c: Context): { status: number; body?: unknown; headers?: Record<string, string> } {
    const auth = String((c.request.headers as IncomingMessage['headers']).authorization ?? '').replace(/^(token|bearer)\s+/i, '');
    if (auth !== this.token) return { status: 401, body: { message: 'Bad credentials' } };
    const p = c.request.params as Record<string, string>;
    if (p.owner !== this.owner || p.repo !== this.repo) return { status: 404, body: { message: 'Not Found' } };
    const q = c.request.query as Record<string, string>;
    this.calls.push(`${id} ${JSON.stringify({ ...p, ...q })}`);
    let out: { status: number; body?: unknown; headers?: Record<string, string> };
    if (id === 'actions/list-workflow-runs-for-repo') {
      const runs = this.runs
        .filter((r) => (q.branch === undefined || r.branch === q.branch) && (q.status === undefined || r.status === q.status))
        .sort((a, b) => b.id - a.id)
        .slice(0, Number(q.per_page ?? 30));
      const template = example('workflow-run');
      out = {
        status: 200,
        body: {
          total_count: runs.length,
          workflow_runs: runs.map((r) => ({
            ...template,
            id: r.id,
            head_branch: r.branch,
            status: 'completed',
            conclusion: r.status,
            created_at: new Date(Date.UTC(2026, 0, 1) + r.id * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
          })),
        },
      };
    } else if (id === 'actions/list-workflow-run-artifacts') {
      const run = this.runs.find((r) => String(r.id) === p.run_id);
      const arts = (run?.artifacts ?? []).filter((a) => q.name === undefined || a.name === q.name);
      const template = example('artifact');
      out = {
        status: 200,
        body: {
          total_count: arts.length,
          artifacts: arts.map((a) => ({ ...template, id: a.id, name: a.name, size_in_bytes: a.zip.length, expired: a.expired ?? false })),
        },
      };
    } else {
      const art = this.runs.flatMap((r) => r.artifacts).find((a) => String(a.id) === p.artifact_id);
      out = art ? { status: 302, headers: { location: `${this.url}/blob/${art.id}.zip` } } : { status: 404, body: { message: 'Not Found' } };
    }
    if (out.status === 200) {
      const v = this.api.validateResponse(out.body, c.operation, out.status);
      if (v.errors?.length) this.badResponses.push(`${id}: ${JSON.stringify(v.errors).slice(0, 300)}`);
    }
    return out;
  }
}
