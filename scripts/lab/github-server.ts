// A local GitHub REST API for tests: every request is validated against GitHub's published OpenAPI
// description (@octokit/openapi, api.github.com) by openapi-backend, and rejected (and recorded)
// when it does not match. Every response the fake sends is validated against the same description,
// so the client under test only ever sees shapes GitHub documents.
// State: issue comments (with their authors) and check runs (with their accumulated annotations),
// the pull request, and whose token it is (an installation token, refused GET /user as on GitHub,
// or a user's).
// Faults: per-operation status overrides (403, 5xx, rate limits) for a number of calls, optionally
// after the operation was applied, or a connection reset / no answer at all instead of one.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, githubSpec, githubSpecSubset, listenOnLoopback } from './github-openapi.ts';
import { OpenAPIBackend, type Context } from 'openapi-backend';

/** The operations this fake implements (GitHub's operationIds). */
export const OPERATIONS = [
  'issues/list-comments',
  'issues/create-comment',
  'issues/update-comment',
  'checks/create',
  'checks/update',
  'checks/get',
  'checks/list-for-ref',
  'checks/list-annotations',
  'pulls/get',
  'pulls/list-files',
  'users/get-authenticated',
] as const;
type OperationId = (typeof OPERATIONS)[number];

type Json = Record<string, unknown>;

/** One of GitHub's own examples for a component, as a template for fake responses. */
export function example<T = Json>(name: string): T {
  const ex = githubSpec().components.examples?.[name] as { value: T } | undefined;
  if (!ex) throw new Error(`no example ${name} in the OpenAPI description`);
  return structuredClone(ex.value);
}

export interface RecordedRequest {
  method: string;
  path: string;
  operationId: string | null;
  query: Record<string, string>;
  body: unknown;
  status: number;
  authorization: string | undefined;
}

export interface Rejection {
  method: string;
  path: string;
  reason: string;
}

export interface Fault {
  /** The answer's status (default 500); not used with `cut`. */
  status?: number;
  /** How many calls get this answer (Infinity: all). */
  times: number;
  body?: Json;
  headers?: Record<string, string>;
  /** Do the operation first, then answer with the fault: a write applied whose answer is lost. */
  applied?: boolean;
  /** No answer: the connection is reset, or left hanging until the client gives up or the server stops. */
  cut?: 'reset' | 'hang';
}

export interface CommentAuthor {
  login: string;
  type: 'User' | 'Bot';
}

export interface FakeComment {
  id: number;
  body: string;
  issueNumber: number;
  author: CommentAuthor;
}

/** Whose token the fake accepts: the Actions GITHUB_TOKEN (an installation token) or a person's. */
export type Viewer = { kind: 'installation' } | { kind: 'user'; login: string };

/** Who an installation token of the Actions app writes as. */
export const ACTIONS_BOT: CommentAuthor = { login: 'github-actions[bot]', type: 'Bot' };

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Json[];
  details_url: string | null;
}

export interface GitHubServerOptions {
  owner?: string;
  repo?: string;
  /** Accepted tokens (Authorization: token X / Bearer X). */
  token: string;
  /** The pull request the fake knows (pulls/get), from a pull_request event payload. */
  pullRequest?: Json;
  /** Comments already on the PR before the test starts (e.g. 150 unrelated ones, to force paging); by the token's identity unless `author` says otherwise. */
  seedComments?: Array<{ issueNumber: number; body: string; author?: CommentAuthor }>;
  /** Whose token `token` is (default: an installation token, as the Actions GITHUB_TOKEN). */
  viewer?: Viewer;
  /** The pull request's changed files (pulls/list-files). */
  pullFiles?: string[];
}

export class GitHubServer {
  readonly requests: RecordedRequest[] = [];
  readonly rejections: Rejection[] = [];
  readonly comments: FakeComment[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  /** Response bodies that did not match the description: a bug in this fake, checked by the tests. */
  readonly badResponses: string[] = [];
  private readonly faults = new Map<string, Fault>();
  private server: Server | null = null;
  private nextId = 1000;
  private readonly api: OpenAPIBackend;
  private readonly o: Required<Omit<GitHubServerOptions, 'pullRequest' | 'seedComments' | 'pullFiles'>> & { pullRequest: Json | null; pullFiles: string[] };
  /** Who writes the comments made with the token. */
  readonly author: CommentAuthor;
  url = '';

  constructor(options: GitHubServerOptions) {
    const viewer = options.viewer ?? { kind: 'installation' };
    this.o = {
      owner: options.owner ?? 'octocat',
      repo: options.repo ?? 'Hello-World',
      token: options.token,
      viewer,
      pullRequest: options.pullRequest ?? null,
      pullFiles: options.pullFiles ?? [],
    };
    this.author = viewer.kind === 'installation' ? ACTIONS_BOT : { login: viewer.login, type: 'User' };
    for (const c of options.seedComments ?? [])
      this.comments.push({ id: this.nextId++, body: c.body, issueNumber: c.issueNumber, author: c.author ?? this.author });
    this.api = new OpenAPIBackend({
      definition: githubSpecSubset(OPERATIONS),
      strict: false,
      validate: true,
      quick: true,
      ajvOpts: { strict: false, allErrors: false },
      // GitHub's description uses these formats; check them rather than ignore them.
      customizeAjv: (ajv) => {
        ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
        ajv.addFormat('uri', { type: 'string', validate: (s: string) => URL.canParse(s) });
        ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
        return ajv;
      },
    });
    this.api.register({
      notFound: () => ({
        status: 404,
        body: { message: 'Not Found' },
        reject: 'no operation in the GitHub OpenAPI description matches (or this fake does not implement it)',
      }),
      methodNotAllowed: () => ({ status: 405, body: { message: 'Method Not Allowed' }, reject: 'method not allowed by the GitHub OpenAPI description' }),
      validationFail: (c: Context) => ({
        status: 422,
        body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' },
        reject: `does not match ${c.operation?.operationId}: ${JSON.stringify(c.validation.errors).slice(0, 600)}`,
      }),
    });
    for (const id of OPERATIONS) this.api.register(id, (c: Context, record: RecordedRequest) => this.handle(id, c, record));
  }

  /** Answer the next `times` calls of an operation with `status` (403, 500, 429...), or cut them. */
  fail(operationId: OperationId, fault: Fault): void {
    this.faults.set(operationId, fault);
  }

  async start(): Promise<string> {
    await this.api.init();
    ({ server: this.server, url: this.url } = await listenOnLoopback((req, res) => void this.serve(req, res)));
    return this.url;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  /** Requests that reached an operation handler (validated), faults included. */
  calls(operationId?: OperationId): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId !== null && (operationId === undefined || r.operationId === operationId));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    let body: unknown = undefined;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        this.rejections.push({ method: req.method ?? '', path: url.pathname, reason: 'body is not JSON' });
        return send(res, 400, { message: 'Problems parsing JSON' });
      }
    }
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      operationId: null,
      query,
      body,
      status: 0,
      authorization: req.headers.authorization,
    };
    this.requests.push(record);
    const result = (await this.api.handleRequest(
      { method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers as Record<string, string>, body },
      record,
    )) as Answer & { reject?: string };
    if (result.reject) this.rejections.push({ method: record.method, path: record.path, reason: result.reject });
    record.status = result.cut ? 0 : result.status;
    if (result.cut === 'reset') req.socket.destroy();
    else if (result.cut === 'hang')
      return; // closed by stop() (closeAllConnections), or by the client
    else send(res, result.status, result.body, result.headers);
  }

  private handle(id: OperationId, c: Context, record: RecordedRequest): Answer {
    record.operationId = id;
    const auth = (c.request.headers as IncomingMessage['headers']).authorization;
    const token = typeof auth === 'string' ? auth.replace(/^(token|bearer)\s+/i, '') : '';
    if (token !== this.o.token) return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
    const fault = this.faults.get(id);
    if (fault && fault.times > 0) {
      fault.times--;
      if (fault.applied) this.apply(id, c);
      if (fault.cut) return { status: 0, body: undefined, cut: fault.cut };
      const status = fault.status ?? 500;
      const body = fault.body ?? {
        message: status === 403 ? 'Resource not accessible by integration' : 'Server Error',
        documentation_url: 'https://docs.github.com/rest',
      };
      return { status, body, ...(fault.headers ? { headers: fault.headers } : {}) };
    }
    return this.apply(id, c);
  }

  private apply(id: OperationId, c: Context): Answer {
    const p = c.request.params as Record<string, string>;
    if (id !== 'users/get-authenticated' && (p.owner !== this.o.owner || p.repo !== this.o.repo)) return { status: 404, body: { message: 'Not Found' } };
    const out = this.answer(id, c, p);
    const v = this.api.validateResponse(out.body, c.operation, out.status);
    if (v.errors?.length) this.badResponses.push(`${id} ${out.status}: ${JSON.stringify(v.errors).slice(0, 400)}`);
    return out;
  }

  private commentJson(cm: FakeComment): Json {
    const base = example('issue-comment');
    const api = `${this.url}/repos/${this.o.owner}/${this.o.repo}`;
    return {
      ...base,
      id: cm.id,
      node_id: `IC_${cm.id}`,
      url: `${api}/issues/comments/${cm.id}`,
      html_url: `https://github.com/${this.o.owner}/${this.o.repo}/pull/${cm.issueNumber}#issuecomment-${cm.id}`,
      issue_url: `${api}/issues/${cm.issueNumber}`,
      body: cm.body,
      user: { ...(base.user as Json), login: cm.author.login, type: cm.author.type },
    };
  }

  private checkRunJson(cr: FakeCheckRun): Json {
    const base = example('check-run');
    return {
      ...base,
      id: cr.id,
      name: cr.name,
      head_sha: cr.head_sha,
      status: cr.status,
      conclusion: cr.conclusion,
      details_url: cr.details_url,
      html_url: `https://github.com/${this.o.owner}/${this.o.repo}/runs/${cr.id}`,
      url: `${this.url}/repos/${this.o.owner}/${this.o.repo}/check-runs/${cr.id}`,
      output: {
        ...cr.output,
        annotations_count: cr.annotations.length,
        annotations_url: `${this.url}/repos/${this.o.owner}/${this.o.repo}/check-runs/${cr.id}/annotations`,
      },
    };
  }

  private answer(id: OperationId, c: Context, p: Record<string, string>): Answer {
    // validated against GitHub's schema before it gets here: the fields read have their documented types
    const body = (c.request.requestBody ?? {}) as {
      body?: string;
      name?: string;
      head_sha?: string;
      status?: string;
      conclusion?: string;
      details_url?: string;
      output?: { title?: string; summary?: string; text?: string; annotations?: Json[] };
    };
    const q = c.request.query as Record<string, string>;
    switch (id) {
      case 'issues/list-comments': {
        const n = Number(p.issue_number);
        const all = this.comments.filter((x) => x.issueNumber === n);
        const perPage = Math.min(100, Number(q.per_page ?? 30));
        const page = Number(q.page ?? 1);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) {
          const next = `${this.url}/repos/${this.o.owner}/${this.o.repo}/issues/${n}/comments?per_page=${perPage}&page=${page + 1}`;
          headers.link = `<${next}>; rel="next"`;
        }
        return { status: 200, body: slice.map((x) => this.commentJson(x)), headers };
      }
      case 'issues/create-comment': {
        const text = String(body.body ?? '');
        if (text.length > 65_536) return tooLong('IssueComment', 'body', 65_536);
        const cm: FakeComment = { id: this.nextId++, body: text, issueNumber: Number(p.issue_number), author: this.author };
        this.comments.push(cm);
        return { status: 201, body: this.commentJson(cm), headers: { location: `${this.url}/repos/${this.o.owner}/${this.o.repo}/issues/comments/${cm.id}` } };
      }
      case 'issues/update-comment': {
        const cm = this.comments.find((x) => x.id === Number(p.comment_id));
        if (!cm) return { status: 404, body: { message: 'Not Found' } };
        const text = String(body.body ?? '');
        if (text.length > 65_536) return tooLong('IssueComment', 'body', 65_536);
        cm.body = text;
        return { status: 200, body: this.commentJson(cm) };
      }
      case 'checks/create':
      case 'checks/update': {
        const output = body.output;
        if (output?.annotations && output.annotations.length > 50) return tooLong('CheckRun', 'annotations', 50);
        if (typeof output?.summary === 'string' && output.summary.length > 65_535) return tooLong('CheckRun', 'summary', 65_535);
        let cr: FakeCheckRun | undefined;
        if (id === 'checks/create') {
          cr = {
            id: this.nextId++,
            name: String(body.name),
            head_sha: String(body.head_sha),
            status: String(body.status ?? 'queued'),
            conclusion: null,
            output: { title: null, summary: null, text: null },
            annotations: [],
            details_url: null,
          };
          this.checkRuns.push(cr);
        } else {
          cr = this.checkRuns.find((x) => x.id === Number(p.check_run_id));
          if (!cr) return { status: 404, body: { message: 'Not Found' } };
        }
        if (body.status) cr.status = String(body.status);
        if (body.conclusion) {
          cr.conclusion = String(body.conclusion);
          cr.status = 'completed';
        }
        if (body.details_url) cr.details_url = String(body.details_url);
        if (output) {
          cr.output = {
            title: String(output.title ?? cr.output.title),
            summary: String(output.summary ?? cr.output.summary),
            text: output.text ?? cr.output.text,
          };
          // GitHub appends annotations on every update.
          cr.annotations.push(...(output.annotations ?? []));
        }
        return { status: id === 'checks/create' ? 201 : 200, body: this.checkRunJson(cr) };
      }
      case 'checks/get': {
        const cr = this.checkRuns.find((x) => x.id === Number(p.check_run_id));
        return cr ? { status: 200, body: this.checkRunJson(cr) } : { status: 404, body: { message: 'Not Found' } };
      }
      case 'checks/list-for-ref': {
        const runs = this.checkRuns.filter((x) => x.head_sha === p.ref);
        return { status: 200, body: { total_count: runs.length, check_runs: runs.map((x) => this.checkRunJson(x)) } };
      }
      case 'checks/list-annotations': {
        const cr = this.checkRuns.find((x) => x.id === Number(p.check_run_id));
        if (!cr) return { status: 404, body: { message: 'Not Found' } };
        const base = example<Json[]>('check-annotation-items')[0] ?? {};
        return {
          status: 200,
          body: cr.annotations.map((a) => ({ ...base, ...a, blob_href: 'https://github.com/x', raw_details: a.raw_details ?? null, title: a.title ?? null })),
        };
      }
      case 'pulls/list-files': {
        const base = example<Json[]>('diff-entry-items')[0] ?? {};
        const perPage = Math.min(100, Number(q.per_page ?? 30));
        const page = Number(q.page ?? 1);
        const files = this.o.pullFiles.slice((page - 1) * perPage, page * perPage).map((filename) => ({ ...base, filename, status: 'modified' }));
        const headers: Record<string, string> = {};
        if (page * perPage < this.o.pullFiles.length)
          headers.link = `<${this.url}/repos/${this.o.owner}/${this.o.repo}/pulls/${p.pull_number}/files?per_page=${perPage}&page=${page + 1}>; rel="next"`;
        return { status: 200, body: files, headers };
      }
      case 'users/get-authenticated': {
        // GitHub refuses GET /user to installation tokens.
        if (this.o.viewer.kind === 'installation')
          return {
            status: 403,
            body: {
              message: 'Resource not accessible by integration',
              documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
              status: '403',
            },
          };
        const me = example('private-user');
        return { status: 200, body: { ...me, login: this.o.viewer.login, type: 'User' } };
      }
      case 'pulls/get': {
        if (!this.o.pullRequest || Number(p.pull_number) !== this.o.pullRequest.number) return { status: 404, body: { message: 'Not Found' } };
        // GitHub's own pull-request example lacks `type` on requested_teams items, which its schema
        // requires; fill it so the answer matches the description.
        const pr = structuredClone(this.o.pullRequest) as Json & { requested_teams?: Json[] };
        for (const team of pr.requested_teams ?? []) team.type ??= 'organization';
        return { status: 200, body: pr };
      }
    }
  }
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  cut?: 'reset' | 'hang';
}

function tooLong(resource: string, field: string, max: number): { status: number; body: unknown } {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource, code: 'custom', field, message: `${field} is too long (maximum is ${max} characters)` }],
      documentation_url: 'https://docs.github.com/rest',
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export async function startGitHubServer(options: GitHubServerOptions): Promise<GitHubServer> {
  const s = new GitHubServer(options);
  await s.start();
  return s;
}
