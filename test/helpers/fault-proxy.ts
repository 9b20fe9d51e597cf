// A fault-injecting reverse proxy in front of the local OpenStack: one listener per service
// (Keystone, Nova, Neutron, Glance, Placement), Keystone's catalog rewritten so that every
// endpoint points back through the proxy. Rules inject 5xx, 429 (with Retry-After), slow
// answers, connection resets (before or after the cloud acted) and edited answers, a given
// number of times, and every request is logged so tests can count what the client did.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

export interface SeenRequest {
  method: string;
  service: string;
  path: string;
  status: number | 'reset';
  injected: string | undefined;
  /** From the request's arrival to its answer (or its reset), through the proxy. */
  ms: number;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number; body?: string }
  /** drop the connection without forwarding */
  | { kind: 'reset' }
  /** forward (the cloud acts), then drop the connection instead of answering */
  | { kind: 'reset-after' }
  /** wait before forwarding (the wait ends when the client gives up: then nothing is forwarded) */
  | { kind: 'slow'; ms: number }
  /** never answer: hold the request until the client gives up (its timeout, a cancel) and closes the connection */
  | { kind: 'hang' }
  /** forward, then let the test rewrite the JSON answer */
  | { kind: 'edit'; edit: (json: unknown) => unknown }
  /** answer `status` with the request's body and headers echoed in the error message (as some proxies and clouds do) */
  | { kind: 'echo'; status: number }
  /** forward, then send the answer's headers (its full length) and only the first half of its body, and drop the connection */
  | { kind: 'truncate' };

export interface Rule {
  service?: string;
  method?: string;
  path?: RegExp;
  fault: Fault;
  /** how many matching requests get the fault (default 1) */
  times?: number;
  /** skip this many matching requests first */
  after?: number;
}

export interface FaultProxy {
  /** Keystone's URL through the proxy (auth_url for clouds.yaml) */
  authUrl: string;
  seen: SeenRequest[];
  rules: Rule[];
  close(): Promise<void>;
}

interface Upstream {
  service: string;
  port: number;
}

export const LOCAL_SERVICES: Upstream[] = [
  { service: 'identity', port: 35357 },
  { service: 'compute', port: 38774 },
  { service: 'network', port: 39696 },
  { service: 'image', port: 39292 },
  { service: 'placement', port: 38778 },
];

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

export async function startFaultProxy(rules: Rule[] = [], upstreams: Upstream[] = LOCAL_SERVICES): Promise<FaultProxy> {
  const seen: SeenRequest[] = [];
  const counts = new Map<Rule, number>();
  const servers: Server[] = [];
  const portMap = new Map<number, number>(); // upstream port -> proxy port
  const state: FaultProxy = { authUrl: '', seen, rules, close: async () => {} };

  const pick = (service: string, method: string, path: string): Rule | undefined => {
    for (const r of state.rules) {
      if (r.service && r.service !== service) continue;
      if (r.method && r.method !== method) continue;
      if (r.path && !r.path.test(path)) continue;
      const n = (counts.get(r) ?? 0) + 1;
      counts.set(r, n);
      if (n <= (r.after ?? 0)) continue;
      if (n > (r.after ?? 0) + (r.times ?? 1)) continue;
      return r;
    }
    return undefined;
  };

  const rewriteCatalog = (text: string): string =>
    text.replace(/http:\/\/127\.0\.0\.1:(\d+)/g, (whole, p: string) => {
      const mapped = portMap.get(Number(p));
      return mapped ? `http://127.0.0.1:${mapped}` : whole;
    });

  for (const up of upstreams) {
    const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const rule = pick(up.service, method, path);
      const fault = rule?.fault;
      const t0 = performance.now();
      const record = (status: number | 'reset') => seen.push({ method, service: up.service, path, status, injected: fault?.kind, ms: performance.now() - t0 });
      // The client gave up (a timeout, a cancel): the connection closes before any answer.
      const gaveUp = new Promise<void>((resolve) => res.once('close', () => resolve()));
      const body = await readBody(req);
      if (fault?.kind === 'reset') {
        record('reset');
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'status') {
        record(fault.status);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        res.writeHead(fault.status, headers);
        res.end(fault.body ?? JSON.stringify({ message: `injected ${fault.status}` }));
        return;
      }
      if (fault?.kind === 'echo') {
        record(fault.status);
        res.writeHead(fault.status, { 'content-type': 'application/json' });
        const echoed = `Invalid request ${method} ${path}: body ${body.toString('utf8')}; headers ${JSON.stringify(req.headers)}`;
        res.end(JSON.stringify({ error: { code: fault.status, title: 'Bad Request', message: echoed } }));
        return;
      }
      if (fault?.kind === 'hang') {
        await gaveUp;
        record('reset');
        return;
      }
      if (fault?.kind === 'slow') {
        let timer: NodeJS.Timeout | undefined;
        const waited = await Promise.race([new Promise<boolean>((r) => (timer = setTimeout(() => r(true), fault.ms))), gaveUp.then(() => false)]);
        clearTimeout(timer);
        if (!waited) {
          record('reset');
          return;
        }
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (k === 'host' || k === 'connection' || k === 'content-length' || k === 'transfer-encoding' || v === undefined) continue;
        headers[k] = Array.isArray(v) ? v.join(', ') : v;
      }
      let upstream;
      try {
        upstream = await request(`http://127.0.0.1:${up.port}${path}`, { method, headers, body: body.length ? body : undefined });
      } catch {
        record('reset');
        req.socket.destroy();
        return;
      }
      let text = await upstream.body.text();
      if (fault?.kind === 'reset-after') {
        record('reset');
        req.socket.destroy();
        return;
      }
      if (up.service === 'identity') text = rewriteCatalog(text);
      if (fault?.kind === 'edit' && text) text = JSON.stringify(fault.edit(JSON.parse(text)));
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(upstream.headers)) {
        if (k === 'content-length' || k === 'connection' || k === 'transfer-encoding' || v === undefined) continue;
        out[k] = Array.isArray(v) ? v.join(', ') : v;
      }
      record(upstream.statusCode);
      if (fault?.kind === 'truncate') {
        const bytes = Buffer.from(text);
        res.writeHead(upstream.statusCode, { ...out, 'content-length': String(bytes.length) });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => req.socket.destroy());
        return;
      }
      res.writeHead(upstream.statusCode, out);
      res.end(text);
    };
    // a rejection stays unhandled (the test process fails), as when createServer called the async handler itself
    const server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    portMap.set(up.port, (server.address() as AddressInfo).port);
    servers.push(server);
  }
  state.authUrl = `http://127.0.0.1:${portMap.get(upstreams[0]!.port)}/v3`;
  state.close = async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.closeAllConnections();
            s.close(() => resolve());
          }),
      ),
    );
  };
  return state;
}
