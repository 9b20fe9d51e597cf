// Keystone v3: one token (with its service catalog) per run, endpoints found in the catalog by
// service type, interface and region, and a new token when the old one is about to expire or
// the cloud says it has (401). Auth methods: password, application credential, token.
import { EXIT, UserError } from '../../core/errors.ts';
import type { ResolvedCloud } from './cloud-config.ts';
import { badAnswer, CloudError, type HttpClient, type HttpResponse } from './http.ts';

export interface CatalogEndpoint {
  interface: string;
  region: string;
  region_id?: string;
  url: string;
}
export interface CatalogService {
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

export interface Token {
  value: string;
  expiresAt: Date;
  catalog: CatalogService[];
  projectId: string | undefined;
  userId: string | undefined;
}

/** The v3 base URL for an auth_url given with or without its version. */
export function identityV3Url(authUrl: string): string {
  const trimmed = authUrl.replace(/\/+$/, '');
  if (/\/v3$/.test(trimmed)) return trimmed;
  if (/\/v2\.0$/.test(trimmed)) return trimmed.replace(/\/v2\.0$/, '/v3');
  return `${trimmed}/v3`;
}

type Json = Record<string, unknown>;

function domainRef(id: string | undefined, name: string | undefined): Json | undefined {
  if (id) return { id };
  if (name) return { name };
  return undefined;
}

/** The POST /v3/auth/tokens body for a resolved cloud (keystoneauth's v3 generic plugins). */
export function tokenRequestBody(cloud: ResolvedCloud): Json {
  const a = cloud.auth;
  const defaultDomain = domainRef(a.default_domain_id, a.default_domain_name);
  const user = (): Json => {
    if (a.user_id) return { id: a.user_id };
    const domain = domainRef(a.user_domain_id, a.user_domain_name) ?? defaultDomain;
    return domain ? { name: a.username, domain } : { name: a.username };
  };
  let identity: Json;
  let scoped = true;
  switch (cloud.authType) {
    case 'password':
    case 'v3password':
      identity = { methods: ['password'], password: { user: { ...user(), password: a.password } } };
      break;
    case 'v3applicationcredential': {
      const cred: Json = { secret: a.application_credential_secret };
      if (a.application_credential_id) cred.id = a.application_credential_id;
      else {
        cred.name = a.application_credential_name;
        cred.user = user();
      }
      identity = { methods: ['application_credential'], application_credential: cred };
      scoped = false; // an application credential carries its own project
      break;
    }
    case 'token':
    case 'v3token':
      identity = { methods: ['token'], token: { id: a.token } };
      break;
  }
  const auth: Json = { identity };
  if (scoped) {
    if (a.project_id) auth.scope = { project: { id: a.project_id } };
    else if (a.project_name) {
      const domain = domainRef(a.project_domain_id, a.project_domain_name) ?? defaultDomain;
      auth.scope = { project: domain ? { name: a.project_name, domain } : { name: a.project_name } };
    } else if (a.domain_id || a.domain_name) auth.scope = { domain: domainRef(a.domain_id, a.domain_name) };
    else if (a.system_scope) auth.scope = { system: { [a.system_scope]: true } };
  }
  return { auth };
}

export interface KeystoneOptions {
  http: HttpClient;
  cloud: ResolvedCloud;
  /** Renew this long before expiry. */
  renewMarginMs?: number;
  now?: () => number;
}

export class Keystone {
  /** Tokens issued (the bench checks it is one per run). */
  tokensIssued = 0;
  private token: Token | undefined;
  private pending: Promise<Token> | undefined;
  private readonly options: KeystoneOptions;

  constructor(options: KeystoneOptions) {
    this.options = options;
    if (!options.cloud.auth.auth_url) {
      throw new UserError(`cloud '${options.cloud.name}' has no auth_url`, {
        exitCode: EXIT.usage,
        place: options.cloud.configFile ? { file: options.cloud.configFile } : undefined,
      });
    }
  }

  get cloud(): ResolvedCloud {
    return this.options.cloud;
  }

  /** Start from a token issued earlier in the same run (provision's, reused by cleanup): one
   * token per run. A token the cloud no longer accepts is replaced on the first 401. */
  seed(token: Token): void {
    this.token = token;
  }

  /** The token in use, if any (to hand on to the next step of the run). */
  peek(): Token | undefined {
    return this.token;
  }

  /** A valid token, issued once and renewed shortly before it expires. */
  async current(): Promise<Token> {
    const now = this.options.now?.() ?? Date.now();
    const margin = this.options.renewMarginMs ?? 120_000;
    if (this.token && this.token.expiresAt.getTime() - margin > now) return this.token;
    return this.renew();
  }

  /** Force a new token (after a 401); concurrent callers share one request. */
  async renew(stale?: Token): Promise<Token> {
    if (stale && this.token && this.token !== stale) return this.token;
    this.pending ??= this.issue().finally(() => {
      this.pending = undefined;
    });
    this.token = await this.pending;
    return this.token;
  }

  private async issue(): Promise<Token> {
    const cloud = this.options.cloud;
    const url = `${identityV3Url(cloud.auth.auth_url!)}/auth/tokens`;
    let res: HttpResponse;
    try {
      res = await this.options.http.send({ method: 'POST', url, json: tokenRequestBody(cloud), safe: true });
    } catch (err) {
      if (err instanceof CloudError && err.status !== undefined && err.status >= 400 && err.status < 500) {
        // Keystone's own words, never what we sent
        throw new UserError(
          `Keystone at ${identityV3Url(cloud.auth.auth_url!)} refused the credentials of cloud '${cloud.name}' (${err.status}: ${err.cloudMessage})`,
          { exitCode: EXIT.infra, cause: err },
        );
      }
      throw err;
    }
    this.tokensIssued++;
    const value = res.headers['x-subject-token'];
    const body = (res.json as { token?: { expires_at?: string; catalog?: CatalogService[]; project?: { id?: string }; user?: { id?: string } } } | undefined)
      ?.token;
    if (typeof value !== 'string' || typeof body?.expires_at !== 'string' || Number.isNaN(Date.parse(body.expires_at))) {
      throw new CloudError({ method: 'POST', url, status: res.status, cloudMessage: 'Keystone answered without a token' });
    }
    const catalog = body.catalog ?? [];
    if (!Array.isArray(catalog) || !catalog.every((c) => c !== null && typeof c === 'object' && typeof c.type === 'string' && Array.isArray(c.endpoints)))
      throw badAnswer(res, "the token's catalog is not a list of services with endpoints");
    return { value, expiresAt: new Date(body.expires_at), catalog, projectId: body.project?.id, userId: body.user?.id };
  }
}

export interface EndpointQuery {
  type: string;
  interface: string;
  region: string;
}

/** The endpoint URL for a service type, interface and region; an error lists what the catalog has. */
export function endpointFor(catalog: CatalogService[], q: EndpointQuery): string {
  const aliases: Record<string, string[]> = { compute: ['compute'], image: ['image'], network: ['network'], identity: ['identity'], placement: ['placement'] };
  const types = aliases[q.type] ?? [q.type];
  const service = catalog.find((s) => types.includes(s.type));
  if (!service) {
    throw new UserError(
      `the cloud's catalog has no '${q.type}' service (it has: ${
        catalog
          .map((s) => s.type)
          .sort()
          .join(', ') || 'nothing'
      })`,
      { exitCode: EXIT.infra },
    );
  }
  const wantItf = q.interface.replace(/URL$/, '');
  const matches = service.endpoints.filter((e) => e.interface === wantItf && (!q.region || e.region === q.region || e.region_id === q.region));
  const chosen = matches[0];
  if (!chosen) {
    const have = service.endpoints.map((e) => `${e.interface}@${e.region || e.region_id || '-'}`).join(', ');
    throw new UserError(`no ${wantItf} endpoint for '${q.type}'${q.region ? ` in region '${q.region}'` : ''} (the catalog has: ${have})`, {
      exitCode: EXIT.infra,
    });
  }
  return chosen.url.replace(/\/+$/, '');
}
