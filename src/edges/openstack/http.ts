// Every HTTP request tempest-gate makes to a cloud goes through here (undici underneath):
// JSON in and out, a per-request timeout, and retries with backoff where repeating the call is
// safe. The policy:
//   - 429 Too Many Requests: the request was refused, not performed: retried for any method,
//     after Retry-After when the cloud gives one (capped);
//   - 500/502/503/504, connection resets and timeouts: retried only for idempotent calls
//     (GET, HEAD, PUT, DELETE) and for POSTs the caller marks `safe` (token requests);
//     for other POSTs the failure is "ambiguous" (the cloud may have acted): the caller decides
//     (server creation looks its server up by name and tag before trying again);
//   - connection refused: nothing was sent, so it is retried for any method.
// Errors never carry a token or a request body: only the method, the URL without query
// secrets, the status and the cloud's own message, and that message with every secret the
// client knows redacted (the cloud's credentials, the token it sent): a cloud or a proxy that
// echoes the request body in its 400 would otherwise put the password on stderr.
import { Agent, request, type Dispatcher } from 'undici';
import { EXIT, UserError } from '../../core/errors.ts';
import { redact } from '../../core/render/pr-report.ts';

export interface RetryPolicy {
  /** Attempts in all, first one included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Longest Retry-After honoured. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 200, maxMs: 5000, maxRetryAfterMs: 30_000 };

export interface HttpEvent {
  kind: 'retry';
  method: string;
  url: string;
  reason: string;
  attempt: number;
  waitMs: number;
}

export interface HttpClientOptions {
  /** Time allowed for a response's headers and for each body chunk. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onEvent?: (event: HttpEvent) => void;
  dispatcher?: Dispatcher;
  /** Cancels waits and requests (SIGINT, overall timeout). */
  signal?: AbortSignal;
  /** Sleep used between attempts; tests and the bench keep the real one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Values never to show in an error or a retry line (the cloud's password, secret, token). */
  secrets?: readonly string[];
  /** TLS as clouds.yaml says (verify, cacert): the CA certificates to trust, and whether to check at all. */
  tls?: { ca?: string | undefined; verify: boolean };
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: Buffer | string;
  /** A POST that may be repeated (the cloud does nothing twice), e.g. a token request. */
  safe?: boolean;
  /** Status codes returned to the caller instead of raising (besides 2xx). */
  accept?: number[];
  timeoutMs?: number;
}

export interface HttpResponse {
  /** The call, for errors about its answer (the URL as sent: redact before showing). */
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/** The cloud answered with an error, or could not be reached. */
export class CloudError extends UserError {
  readonly status: number | undefined;
  readonly cloudMessage: string;
  /** A non-idempotent call failed in a way that leaves unknown whether the cloud acted. */
  readonly ambiguous: boolean;
  readonly method: string;
  readonly url: string;
  constructor(options: {
    method: string;
    url: string;
    status?: number;
    cloudMessage: string;
    ambiguous?: boolean;
    cause?: unknown;
    exitCode?: (typeof EXIT)[keyof typeof EXIT];
  }) {
    const what = options.status !== undefined ? `${options.status}` : 'no answer';
    super(`${options.method} ${redactUrl(options.url)}: ${what}: ${options.cloudMessage}`, { exitCode: options.exitCode ?? EXIT.infra, cause: options.cause });
    this.name = 'CloudError';
    this.status = options.status;
    this.cloudMessage = options.cloudMessage;
    this.ambiguous = options.ambiguous ?? false;
    this.method = options.method;
    this.url = options.url;
  }
}

/** Request headers that carry a credential: their values are redacted from what the cloud answers. */
const SECRET_HEADERS = new Set(['x-auth-token', 'x-subject-token', 'authorization']);

/**
 * An answer that is not the JSON it should be (truncated, malformed, a proxy's HTML page): an
 * infrastructure failure naming the call, never a crash on a missing field. `call` names the
 * service and the operation in words (Nova, list servers).
 */
export function badAnswer(res: Pick<HttpResponse, 'method' | 'url' | 'status'>, what: string, call?: string): CloudError {
  return new CloudError({ method: res.method, url: res.url, status: res.status, cloudMessage: `unexpected answer${call ? ` from ${call}` : ''}: ${what}` });
}

/**
 * What an answer's element must look like: only the fields tempest-gate reads. A field whose name
 * ends in '?' may be absent or null (the code that reads it says `?? default`).
 */
export type Shape = 'string' | 'number' | 'boolean' | 'id' | 'object' | { list: Shape } | { record: Shape } | { fields: Readonly<Record<string, Shape>> };

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  // Never the value itself: an answer's text is the cloud's, and an error line must hold no secret.
  return `a ${typeof v}`;
}

function plural(shape: Shape): string {
  if (typeof shape === 'string') return shape === 'id' ? 'ids' : `${shape}s`;
  return 'list' in shape ? 'lists' : 'objects';
}

function expected(shape: Shape): string {
  if (typeof shape === 'string') return shape === 'id' ? 'a string or a number' : shape === 'object' ? 'an object' : `a ${shape}`;
  if ('list' in shape) return `a list of ${plural(shape.list)}`;
  if ('record' in shape) return `an object of ${plural(shape.record)}`;
  return 'an object';
}

/** The first place where `v` is not `shape` (`at[3].addresses is a string, expected ...`), or null. */
export function shapeProblem(v: unknown, shape: Shape, at: string): string | null {
  const bad = (): string => `${at} is ${kindOf(v)}, expected ${expected(shape)}`;
  if (typeof shape === 'string') {
    if (shape === 'id') return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? null : bad();
    if (shape === 'object') return v !== null && typeof v === 'object' && !Array.isArray(v) ? null : bad();
    if (shape === 'number') return typeof v === 'number' && Number.isFinite(v) ? null : bad();
    return typeof v === shape ? null : bad();
  }
  if ('list' in shape) {
    if (!Array.isArray(v)) return bad();
    for (let i = 0; i < v.length; i++) {
      const p = shapeProblem(v[i], shape.list, `${at}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return bad();
  const obj = v as Record<string, unknown>;
  if ('record' in shape) {
    for (const [k, x] of Object.entries(obj)) {
      const p = shapeProblem(x, shape.record, `${at}[${JSON.stringify(k)}]`);
      if (p) return p;
    }
    return null;
  }
  for (const [name, fieldShape] of Object.entries(shape.fields)) {
    const optional = name.endsWith('?');
    const field = optional ? name.slice(0, -1) : name;
    const x = obj[field];
    if (optional && (x === undefined || x === null)) continue;
    const p = shapeProblem(x, fieldShape, /^[A-Za-z_]\w*$/.test(field) ? `${at}.${field}` : `${at}[${JSON.stringify(field)}]`);
    if (p) return p;
  }
  return null;
}

/**
 * The answer's top-level `key`, a list or an object; absent is `fallback` when one is given, else
 * bad. With `element`, each element of the list (or the object) is checked against its shape: a
 * cloud or a proxy that answers well-formed JSON of another shape is a one-line infrastructure
 * failure naming the call and the field, not a TypeError further on.
 */
export function answerField<T>(res: HttpResponse, key: string, shape: 'list' | 'object', fallback?: T, element?: { call: string; of: Shape }): T {
  const call = element?.call;
  if (res.json === null || typeof res.json !== 'object' || Array.isArray(res.json))
    throw badAnswer(res, res.text ? 'not a JSON object (truncated or malformed?)' : 'an empty body', call);
  const v = (res.json as Record<string, unknown>)[key];
  if (v === undefined && fallback !== undefined) return fallback;
  const ok = shape === 'list' ? Array.isArray(v) : v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!ok) throw badAnswer(res, `no '${key}' ${shape === 'list' ? 'list' : 'object'} in it (${key} is ${kindOf(v)})`, call);
  if (element) {
    const problem = shapeProblem(v, shape === 'list' ? { list: element.of } : element.of, key);
    if (problem) throw badAnswer(res, problem, call);
  }
  return v as T;
}

function redactUrl(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  for (const k of [...u.searchParams.keys()]) if (/token|secret|password/i.test(k)) u.searchParams.set(k, '***');
  return u.toString();
}

/** The message an OpenStack service puts in its error body (Nova, Neutron, Keystone, Glance shapes). */
export function cloudMessage(text: string, json: unknown): string {
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const obj = json as Record<string, unknown>;
    if (typeof obj.message === 'string') return obj.message;
    for (const v of Object.values(obj)) {
      if (v && typeof v === 'object') {
        const inner = v as Record<string, unknown>;
        if (typeof inner.message === 'string') return inner.message;
      }
    }
  }
  const plain = text
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.slice(0, 300) || '(empty answer)';
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
const RETRY_STATUS = new Set([500, 502, 503, 504]);
/** Network failures where the request may have reached the cloud. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'ECONNABORTED',
]);
/** Network failures where nothing was sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN']);

/** The server's certificate was not trusted: what to do about it. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const TLS_HINT = " (the cloud's TLS certificate is not trusted: give its CA as 'cacert' in clouds.yaml, or 'verify: false' for a test cloud)";

function errCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e.code ?? e.cause?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : '';
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // rejects the promise with the signal's reason, as the abort below does
    signal?.throwIfAborted();
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the signal's own reason, as node's APIs reject: callers tell --timeout from a cancel by it
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class HttpClient {
  /** Requests sent (every attempt counts): the bench prints it. */
  calls = 0;
  readonly byMethod: Record<string, number> = {};
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly options: HttpClientOptions;
  private signal: AbortSignal | undefined;

  constructor(options: HttpClientOptions = {}) {
    this.options = options;
    this.signal = options.signal;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.ownsDispatcher = !options.dispatcher;
    const tls = options.tls;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        keepAliveTimeout: 10_000,
        connections: 16,
        ...(tls ? { connect: { rejectUnauthorized: tls.verify, ...(tls.ca ? { ca: tls.ca } : {}) } } : {}),
      });
  }

  /** From now on requests and waits are not cancelled: the cleanup after a cancel must still reach the cloud. */
  ignoreCancel(): void {
    this.signal = undefined;
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private backoff(attempt: number): number {
    const cap = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1));
    return Math.round(cap / 2 + Math.random() * (cap / 2));
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const safe = IDEMPOTENT.has(req.method) || req.safe === true;
    const sleep = this.options.sleep ?? defaultSleep;
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | Buffer | undefined = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    const secrets = [...(this.options.secrets ?? []), ...Object.entries(headers).flatMap(([k, v]) => (SECRET_HEADERS.has(k.toLowerCase()) ? [v] : []))];
    const scrub = (text: string): string => (secrets.length ? redact(text, secrets) : text);
    for (let attempt = 1; ; attempt++) {
      this.calls++;
      this.byMethod[req.method] = (this.byMethod[req.method] ?? 0) + 1;
      let retryReason: string | undefined;
      let waitMs: number;
      try {
        const timeout = req.timeoutMs ?? this.timeoutMs;
        const res = await request(req.url, {
          method: req.method,
          headers,
          body,
          dispatcher: this.dispatcher,
          headersTimeout: timeout,
          bodyTimeout: timeout,
          signal: this.signal,
        });
        const text = await res.body.text();
        let json: unknown = undefined;
        if (text && /json/.test(String(res.headers['content-type'] ?? ''))) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        const status = res.statusCode;
        if ((status >= 200 && status < 300) || req.accept?.includes(status))
          return { method: req.method, url: req.url, status, headers: res.headers, text, json };
        const message = scrub(cloudMessage(text, json));
        if (status === 429 || (RETRY_STATUS.has(status) && safe)) {
          retryReason = `${status} ${message}`;
          const ra = Number(res.headers['retry-after']);
          waitMs = Number.isFinite(ra) && ra >= 0 ? Math.min(ra * 1000, this.retry.maxRetryAfterMs) : this.backoff(attempt);
        } else {
          throw new CloudError({ method: req.method, url: req.url, status, cloudMessage: message, ambiguous: RETRY_STATUS.has(status) && !safe });
        }
        if (attempt >= this.retry.attempts)
          throw new CloudError({ method: req.method, url: req.url, status, cloudMessage: `${message} (gave up after ${attempt} attempts)` });
      } catch (err) {
        if (err instanceof CloudError) throw err;
        // The cancel's own reason (received SIGTERM, the overall timeout), for the caller to tell them apart.
        if (this.signal?.aborted) throw this.signal.reason;
        const code = errCode(err);
        const notSent = NOT_SENT_CODES.has(code);
        const network = notSent || NETWORK_CODES.has(code);
        const what = scrub(`${code || (err as Error).name}: ${(err as Error).message}${TLS_CODES.has(code) ? TLS_HINT : ''}`);
        if (!network) throw new CloudError({ method: req.method, url: req.url, cloudMessage: what, cause: err });
        if (!(safe || notSent)) throw new CloudError({ method: req.method, url: req.url, cloudMessage: what, ambiguous: true, cause: err });
        if (attempt >= this.retry.attempts)
          throw new CloudError({ method: req.method, url: req.url, cloudMessage: `${what} (gave up after ${attempt} attempts)`, cause: err });
        retryReason = what;
        waitMs = this.backoff(attempt);
      }
      this.options.onEvent?.({ kind: 'retry', method: req.method, url: redactUrl(req.url), reason: retryReason, attempt, waitMs });
      await sleep(waitMs, this.signal);
    }
  }
}

/**
 * How long to wait before the next status poll: an eighth of the time waited so far, between
 * `minMs` and `maxMs`. Quick at first (a fake or idle cloud answers in about a second), backing
 * off as the wait grows, so polling never adds more than about 1/8 to a wait, nor hammers the API.
 */
export function pollDelay(waitedMs: number, minMs = 250, maxMs = 2000): number {
  return Math.min(maxMs, Math.max(minMs, Math.round(waitedMs / 8)));
}
