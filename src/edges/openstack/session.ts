// An authenticated session on one cloud and region: finds each service's endpoint in the
// catalog, sends the token, negotiates Nova's microversion once, and renews the token once
// when a service answers 401.
import { readFileSync } from 'node:fs';
import { UserError } from '../../core/errors.ts';
import { cloudSecrets, type ResolvedCloud } from './cloud-config.ts';
import { CloudError, HttpClient, type HttpClientOptions, type HttpRequest, type HttpResponse } from './http.ts';
import { endpointFor, Keystone } from './keystone.ts';

export type ServiceType = 'compute' | 'network' | 'image';

export interface SessionOptions extends HttpClientOptions {
  cloud: ResolvedCloud;
  /** An HttpClient to share (the bench counts its calls); made from the options otherwise. */
  http?: HttpClient;
}

export interface CallOptions {
  json?: unknown;
  accept?: number[];
  safe?: boolean;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** The newest compute microversion tempest-gate was tested with; the cloud's maximum if lower. */
export const NOVA_MAX_MICROVERSION = '2.90';
/** Server tags at creation need this. */
export const NOVA_TAGS_AT_CREATE = '2.52';

export function compareMicroversion(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** clouds.yaml's verify and cacert for the HTTP client; the default (verify, the system's CAs) is none. */
function tlsOf(cloud: ResolvedCloud): HttpClientOptions['tls'] {
  if (cloud.verify && !cloud.cacert) return undefined;
  let ca: string | undefined;
  if (cloud.cacert) {
    // As openstacksdk (requests) takes it: a path as given.
    const file = cloud.cacert;
    try {
      ca = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UserError(`cannot read cacert '${file}': ${(err as Error).message}`, { place: cloud.configFile ? { file: cloud.configFile } : undefined });
    }
  }
  return { ca, verify: cloud.verify };
}

export class Session {
  readonly http: HttpClient;
  readonly keystone: Keystone;
  readonly cloud: ResolvedCloud;
  private readonly endpoints = new Map<ServiceType, string>();
  private microversion: string | undefined;

  constructor(options: SessionOptions) {
    this.cloud = options.cloud;
    this.http =
      options.http ?? new HttpClient({ ...options, secrets: [...(options.secrets ?? []), ...cloudSecrets(options.cloud)], tls: tlsOf(options.cloud) });
    this.keystone = new Keystone({ http: this.http, cloud: options.cloud });
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  async endpoint(service: ServiceType): Promise<string> {
    const known = this.endpoints.get(service);
    if (known) return known;
    const token = await this.keystone.current();
    const url = endpointFor(token.catalog, { type: service, interface: this.cloud.interface, region: this.cloud.regionName });
    this.endpoints.set(service, url);
    return url;
  }

  /** Nova's microversion: the highest both sides speak (GET on the versioned endpoint). */
  async computeMicroversion(): Promise<string> {
    if (this.microversion) return this.microversion;
    const base = await this.endpoint('compute');
    const token = await this.keystone.current();
    // the catalog URL may end in the project id (/v2.1/<project>): version info lives at /v2.1/
    const root = base.replace(/(\/v2(\.1)?)(\/[^/]+)?$/, '$1/');
    const res = await this.http.send({ method: 'GET', url: root, headers: { 'x-auth-token': token.value } });
    const version = (res.json as { version?: { version?: unknown } } | null | undefined)?.version?.version;
    const max = typeof version === 'string' && /^\d+\.\d+$/.test(version) ? version : '2.1';
    this.microversion = compareMicroversion(max, NOVA_MAX_MICROVERSION) < 0 ? max : NOVA_MAX_MICROVERSION;
    return this.microversion;
  }

  async call(service: ServiceType, method: HttpRequest['method'], path: string, options: CallOptions = {}): Promise<HttpResponse> {
    const base = await this.endpoint(service);
    const headers: Record<string, string> = { ...options.headers };
    if (service === 'compute') {
      const mv = await this.computeMicroversion();
      headers['openstack-api-version'] = `compute ${mv}`;
      headers['x-openstack-nova-api-version'] = mv;
    }
    let token = await this.keystone.current();
    const send = () =>
      this.http.send({
        method,
        url: `${base}${path}`,
        headers: { ...headers, 'x-auth-token': token.value },
        json: options.json,
        accept: options.accept,
        safe: options.safe,
        timeoutMs: options.timeoutMs,
      });
    try {
      return await send();
    } catch (err) {
      if (!(err instanceof CloudError) || err.status !== 401) throw err;
      token = await this.keystone.renew(token);
      return send();
    }
  }
}
