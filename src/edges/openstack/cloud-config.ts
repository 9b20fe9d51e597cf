// The one place that resolves OpenStack credentials, the way openstacksdk's config loader
// (openstack/config/loader.py, Debian python3-openstacksdk 0.101) does:
//   1. the first clouds.{yaml,yml,json} found in: $OS_CLIENT_CONFIG_FILE, the working directory,
//      $XDG_CONFIG_HOME/openstack (or ~/.config/openstack), ~/.config/openstack,
//      $XDG_CONFIG_DIRS/openstack (/etc/xdg/openstack), /etc/openstack;
//   2. the first secure.{yaml,yml,json} in the same places ($OS_CLIENT_SECURE_FILE first),
//      deep-merged over it;
//   3. a cloud named `envvars` ($OS_CLOUD_NAME) made from every OS_* variable, unless the only
//      ones set are selectors (OS_CLOUD, OS_REGION_NAME, OS_CLIENT_*_FILE, OS_CLOUD_NAME);
//   4. the cloud: the one asked for, else $OS_CLOUD, else `envvars`, else the only one defined;
//   5. the region: the one asked for, else the first of `regions`/`region_name`, with that
//      region's `values` laid over the cloud;
//   6. openstacksdk's "magic fixes": auth_plugin -> auth_type, tenant_* -> project_*,
//      *endpoint_type -> *interface, domain_id/domain_name fanned out to user_ and project_,
//      auth options found at the top level moved into `auth` (auth wins), token inference.
// Vendor profiles (`profile:`) are not supported: an error says so.
// test/provision/cloud-config-oracle.test.ts checks this against openstacksdk itself.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, visit } from 'yaml';
import { UserError, EXIT } from '../../core/errors.ts';

export type AuthType = 'password' | 'v3password' | 'v3applicationcredential' | 'token' | 'v3token';
export const SUPPORTED_AUTH_TYPES: readonly AuthType[] = ['password', 'v3password', 'v3applicationcredential', 'token', 'v3token'];

export interface ResolvedCloud {
  /** The cloud's name ('envvars' for the one made from OS_* variables). */
  name: string;
  regionName: string;
  authType: AuthType;
  /** Keystone auth options after openstacksdk's fixes (auth_url, username, password, project_name...). */
  auth: Record<string, string>;
  /** Endpoint interface: public, internal or admin. */
  interface: string;
  /** TLS: verify server certificates (false for `verify: false` or `insecure: true`); cacert path. */
  verify: boolean;
  cacert: string | undefined;
  /** Where it came from, for error messages. */
  configFile: string | undefined;
  secureFile: string | undefined;
  /** Every other resolved key (identity_api_version, compute_api_version, ...). */
  extra: Record<string, unknown>;
}

export interface ResolveOptions {
  /** Cloud name; default $OS_CLOUD, then `envvars`, then the only cloud defined. */
  cloud?: string | undefined;
  /** Region name; default the cloud's first region. */
  regionName?: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Home directory (default os.homedir()); tests point it at a temporary folder. */
  home?: string;
  /** System directories searched after the user's (default per openstacksdk); tests replace them. */
  siteDirs?: string[];
  /** A clouds.yaml given as text (the Action's `clouds-yaml` secret), used instead of searching for one; `file` names it in errors. */
  configText?: { file: string; text: string } | undefined;
}

/** Option names each keystoneauth plugin takes (keystoneauth1 5.0 loaders); deprecated aliases in [1]. */
const COMMON_SCOPE = [
  'auth_url',
  'system_scope',
  'domain_id',
  'domain_name',
  'project_id',
  'project_name',
  'project_domain_id',
  'project_domain_name',
  'trust_id',
];
const PLUGIN_OPTIONS: Record<AuthType, [string, string[]][]> = {
  password: [
    ...COMMON_SCOPE.map((o): [string, string[]] => [o, o === 'project_id' ? ['tenant_id'] : o === 'project_name' ? ['tenant_name'] : []]),
    ['default_domain_id', []],
    ['default_domain_name', []],
    ['user_id', []],
    ['username', ['user_name']],
    ['user_domain_id', []],
    ['user_domain_name', []],
    ['password', []],
  ],
  v3password: [
    ...COMMON_SCOPE.map((o): [string, string[]] => [o, []]),
    ['user_id', []],
    ['username', ['user_name']],
    ['user_domain_id', []],
    ['user_domain_name', []],
    ['password', []],
  ],
  v3applicationcredential: [
    ...COMMON_SCOPE.map((o): [string, string[]] => [o, []]),
    ['user_id', []],
    ['username', ['user_name']],
    ['user_domain_id', []],
    ['user_domain_name', []],
    ['application_credential_secret', []],
    ['application_credential_id', []],
    ['application_credential_name', []],
  ],
  token: [
    ...COMMON_SCOPE.map((o): [string, string[]] => [o, o === 'project_id' ? ['tenant_id'] : o === 'project_name' ? ['tenant_name'] : []]),
    ['default_domain_id', []],
    ['default_domain_name', []],
    ['token', []],
  ],
  v3token: [...COMMON_SCOPE.map((o): [string, string[]] => [o, []]), ['token', []]],
};

/** Auth options that are secrets: never printed, masked in logs. */
export const SECRET_AUTH_KEYS = ['password', 'application_credential_secret', 'token'] as const;

const DEFAULTS: Record<string, unknown> = {
  auth_type: 'password',
  interface: 'public',
  network_api_version: '2',
  image_format: 'qcow2',
};

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepMerge(base: Dict, over: Dict): Dict {
  const out: Dict = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const old = out[k];
    out[k] = isDict(v) && isDict(old) ? deepMerge(old, v) : isDict(v) ? { ...v } : v;
  }
  return out;
}

/** Like dict.update, except the nested `auth` dict is merged (openstacksdk _auth_update). */
function authUpdate(base: Dict, over: Dict): Dict {
  for (const [k, v] of Object.entries(over)) {
    if (k === 'auth' && isDict(v)) base.auth = { ...(isDict(base.auth) ? base.auth : {}), ...v };
    else base[k] = v;
  }
  return base;
}

/** openstacksdk _util.normalize_keys: '-' -> '_', ints and floats -> strings. */
function normalizeKeys(config: Dict): Dict {
  const out: Dict = {};
  for (const [key, value] of Object.entries(config)) {
    const k = key.replaceAll('-', '_');
    if (isDict(value)) out[k] = normalizeKeys(value);
    else if (typeof value === 'number' && !(Number.isInteger(value) && (k === 'verbose_level' || k === 'api_timeout'))) out[k] = String(value);
    else out[k] = value;
  }
  return out;
}

/** A scalar's text; a mapping or list where a scalar belongs would read as '[object Object]', so it is an error naming the key. */
function scalarText(v: unknown, key: string, where: string, expected = 'a string'): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  const got = Array.isArray(v) ? 'a list' : isDict(v) ? 'a mapping' : typeof v;
  throw new UserError(`'${key}' must be ${expected}, not ${got}`, { place: { file: where } });
}

function pySafeStr(v: unknown, key: string, where: string): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  return scalarText(v, key, where);
}

function getBoolean(v: unknown, key: string, where: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  return scalarText(v, key, where, 'true or false').toLowerCase() === 'true';
}

/** The file search list for `clouds` or `secure`, in openstacksdk's order. */
export function searchPaths(base: 'clouds' | 'secure', options: Pick<ResolveOptions, 'env' | 'cwd' | 'home' | 'siteDirs'>): string[] {
  const home = options.home ?? homedir();
  const env = options.env;
  const xdgHome = env.XDG_CONFIG_HOME || join(home, '.config');
  // appdirs(multipath=True) joins every $XDG_CONFIG_DIRS entry with ':' into one path
  const xdgDirs = (env.XDG_CONFIG_DIRS || '/etc/xdg')
    .split(':')
    .map((d) => join(d.replace(/\/+$/, ''), 'openstack'))
    .join(':');
  const dirs = [options.cwd, join(xdgHome, 'openstack'), join(home, '.config', 'openstack'), ...(options.siteDirs ?? [xdgDirs, '/etc/openstack'])];
  const files: string[] = [];
  for (const d of dirs) for (const s of ['.yaml', '.yml', '.json']) files.push(join(d, base + s));
  const override = base === 'clouds' ? env.OS_CLIENT_CONFIG_FILE : env.OS_CLIENT_SECURE_FILE;
  if (override) files.unshift(override);
  return files;
}

/** Parse a clouds/secure file; a broken one is a UserError naming the file and line. */
export function parseConfigText(file: string, text: string): Dict {
  if (file.endsWith('json')) {
    try {
      const v: unknown = JSON.parse(text);
      return isDict(v) ? v : {};
    } catch (err) {
      const m = /position (\d+)/.exec(String((err as Error).message));
      const offset = m ? Number(m[1]) : undefined;
      const line = offset !== undefined ? text.slice(0, offset).split('\n').length : undefined;
      throw new UserError(`not valid JSON: ${(err as Error).message.replace(/ in JSON at position.*$/, '')}`, { place: { file, line, offset } });
    }
  }
  // logLevel 'error': no Node warning on stderr for a mapping used as a key (the fuzz suite found it).
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false, logLevel: 'error' });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    const column = first.linePos?.[0]?.col;
    const what = (first.message.split('\n')[0] ?? first.code).replace(/ at line \d+, column \d+:?$/, '');
    throw new UserError(`not valid YAML: ${what}`, { place: { file, line, column } });
  }
  let v: unknown;
  try {
    // A "billion laughs" document (anchors of lists of the anchor before) stops past
    // maxAliasCount alias uses; a clouds.yaml sharing a few defaults needs far fewer.
    v = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    let at = 0;
    visit(doc, {
      Alias(_, node) {
        at = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const why = /alias count/i.test((err as Error).message)
      ? 'YAML aliases expand to too much data (more than 100 alias uses)'
      : `not valid YAML: ${(err as Error).message}`;
    throw new UserError(why, { place: { file, line: text.slice(0, at).split('\n').length }, cause: err });
  }
  if (v !== null && v !== undefined && !isDict(v)) throw new UserError('expected a mapping with a `clouds` key', { place: { file, line: 1 } });
  return isDict(v) ? v : {};
}

function loadFirst(files: string[]): { file: string | undefined; data: Dict } {
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') continue;
      if (code === 'EISDIR') continue;
      throw new UserError(`cannot read: ${(err as Error).message}`, { place: { file } });
    }
    return { file, data: parseConfigText(file, text) };
  }
  return { file: undefined, data: {} };
}

/** The cloud made from OS_* variables, or null when only selectors are set. */
function environCloud(env: NodeJS.ProcessEnv): Dict | null {
  const ret: Dict = { ...DEFAULTS };
  const keys = Object.keys(env).filter((k) => k.startsWith('OS_') && !k.startsWith('OS_TEST') && !k.startsWith('OS_STD') && !k.startsWith('OS_LOG'));
  for (const k of keys) ret[k.slice(3).toLowerCase()] = env[k];
  const selectors = new Set(['OS_CLOUD', 'OS_REGION_NAME', 'OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE', 'OS_CLOUD_NAME']);
  return keys.some((k) => !selectors.has(k)) ? ret : null;
}

interface Region {
  name: string;
  values: Dict;
}

function expandRegions(regions: unknown[], where: string): Region[] {
  return regions.map((r) => {
    if (isDict(r)) {
      const keys = Object.keys(r);
      if (typeof r.name !== 'string' || keys.some((k) => k !== 'name' && k !== 'values')) {
        throw new UserError(`invalid region entry ${JSON.stringify(r)}: only 'name' and 'values' are allowed`, { place: { file: where } });
      }
      return { name: r.name, values: isDict(r.values) ? r.values : {} };
    }
    return { name: pySafeStr(r, 'regions', where), values: {} };
  });
}

function knownRegions(cloud: Dict, where: string): Region[] {
  const c = normalizeKeys(cloud);
  if (Array.isArray(c.regions)) return expandRegions(c.regions, where);
  if (c.region_name !== undefined && c.region_name !== null) {
    const list = Array.isArray(c.region_name) ? c.region_name : scalarText(c.region_name, 'region_name', where).split(',');
    return expandRegions(list, where);
  }
  return [];
}

/** openstacksdk magic_fixes, for the keys we use. */
function magicFixes(input: Dict, where: string): Dict {
  let config: Dict = { ...input, auth: { ...(isDict(input.auth) ? input.auth : {}) } };
  const auth = () => config.auth as Dict;
  if ('token' in auth() || config.auth_token || config.token) {
    if (!('token' in config)) config.token = config.auth_token ?? null;
    delete config.auth_token;
  }
  if ('passcode' in config) {
    auth().passcode = config.passcode;
    delete config.passcode;
  }
  // api timeouts: any *timeout key other than timeout/api_timeout becomes api_timeout
  {
    const next: Dict = {};
    let serviceTimeout: unknown;
    for (const [k, v] of Object.entries(config)) {
      if (k.endsWith('timeout') && k !== 'timeout' && k !== 'api_timeout') serviceTimeout = v;
      else next[k] = v;
    }
    if (serviceTimeout !== undefined) next.api_timeout = serviceTimeout;
    config = next;
  }
  if ('endpoint_type' in config) {
    config.interface = config.endpoint_type;
    delete config.endpoint_type;
  }
  // auth_plugin -> auth_type (auth_type wins)
  {
    let target: unknown = null;
    for (const k of ['auth_plugin', 'auth_type']) {
      if (k in config) {
        target = config[k];
        delete config[k];
      }
    }
    config.auth_type = target;
  }
  // project/tenant/domain/token names into auth, the last alias winning
  {
    const mappings: Record<string, string[]> = {
      domain_id: ['domain_id', 'domain-id'],
      domain_name: ['domain_name', 'domain-name'],
      user_domain_id: ['user_domain_id', 'user-domain-id'],
      user_domain_name: ['user_domain_name', 'user-domain-name'],
      project_domain_id: ['project_domain_id', 'project-domain-id'],
      project_domain_name: ['project_domain_name', 'project-domain-name'],
      token: ['auth-token', 'auth_token', 'token'],
    };
    if (config.auth_type === 'v2password') {
      mappings.tenant_id = ['project_id', 'project-id', 'tenant_id', 'tenant-id'];
      mappings.tenant_name = ['project_name', 'project-name', 'tenant_name', 'tenant-name'];
    } else {
      mappings.project_id = ['tenant_id', 'tenant-id', 'project_id', 'project-id'];
      mappings.project_name = ['tenant_name', 'tenant-name', 'project_name', 'project-name'];
    }
    for (const [target, aliases] of Object.entries(mappings)) {
      let value: string | null = null;
      for (const k of aliases) {
        if (k in config) {
          value = pySafeStr(config[k], k, where);
          delete config[k];
        }
        if (k in auth()) {
          value = pySafeStr(auth()[k], `auth.${k}`, where);
          delete auth()[k];
        }
      }
      if (value) auth()[target] = value;
    }
  }
  // *endpoint_type -> *interface
  {
    const next: Dict = {};
    for (const [k, v] of Object.entries(config)) next[k.endsWith('endpoint_type') ? k.replace('endpoint_type', 'interface') : k] = v;
    config = next;
  }
  // networks: not used by tempest-gate; leave as given
  // domain_id / domain_name given once serve both user and project when project-scoped
  {
    const projectScoped = 'project_id' in config || 'project_name' in config || 'project_id' in auth() || 'project_name' in auth();
    for (const [target, fans] of [
      ['domain_id', ['user_domain_id', 'project_domain_id']],
      ['domain_name', ['user_domain_name', 'project_domain_name']],
    ] as const) {
      if (!projectScoped) {
        if (target in config && !(target in auth())) {
          auth()[target] = config[target];
          delete config[target];
        }
        continue;
      }
      for (const key of fans) if (target in auth() && !(key in auth())) auth()[key] = auth()[target];
      delete config[target];
      delete auth()[target];
    }
  }
  for (const key of ['insecure', 'cache']) if (key in config && typeof config[key] !== 'boolean') config[key] = getBoolean(config[key], key, where);
  return config;
}

/** Move the auth plugin's options into `auth` (auth's own value wins), as _validate_auth does. */
function validateAuth(config: Dict, authType: AuthType): Dict {
  const auth = config.auth as Dict;
  for (const [name, deprecated] of PLUGIN_OPTIONS[authType]) {
    const find = (where: Dict): unknown => {
      if (name in where) return where[name];
      for (const d of deprecated) if (d in where) return where[d];
      return undefined;
    };
    let winning = find(auth);
    if (!winning) winning = find(config);
    for (const n of [name, ...deprecated]) {
      delete config[n];
      delete auth[n];
    }
    if (winning) auth[name] = winning;
  }
  return config;
}

function asAuthType(value: unknown, where: string): AuthType {
  const v = value === null || value === undefined || value === '' ? 'none' : scalarText(value, 'auth_type', where);
  if ((SUPPORTED_AUTH_TYPES as readonly string[]).includes(v)) return v as AuthType;
  throw new UserError(`auth_type '${v}' is not supported; use one of ${SUPPORTED_AUTH_TYPES.join(', ')}`, { place: { file: where }, exitCode: EXIT.usage });
}

/** Every cloud name the configuration knows (for "unknown cloud" errors and `--list`). */
export interface LoadedConfig {
  configFile: string | undefined;
  secureFile: string | undefined;
  clouds: Record<string, Dict>;
  envvarKey: string;
  defaultCloud: string | undefined;
}

export function loadCloudsConfig(options: Omit<ResolveOptions, 'cloud' | 'regionName'>): LoadedConfig {
  const { env } = options;
  const main = options.configText
    ? { file: options.configText.file, data: parseConfigText(options.configText.file, options.configText.text) }
    : loadFirst(searchPaths('clouds', options));
  const secure = loadFirst(searchPaths('secure', options));
  let data = main.data;
  if (Object.keys(secure.data).length) data = deepMerge(data, secure.data);
  const clouds: Record<string, Dict> = {};
  if (data.clouds !== undefined && data.clouds !== null) {
    if (!isDict(data.clouds)) throw new UserError('`clouds` must be a mapping of cloud names', { place: { file: main.file ?? secure.file } });
    for (const [k, v] of Object.entries(data.clouds)) clouds[k] = isDict(v) ? v : {};
  }
  const envvarKey = env.OS_CLOUD_NAME ?? 'envvars';
  if (envvarKey in clouds) {
    throw new UserError(`defines a cloud named '${envvarKey}', but OS_CLOUD_NAME is also set to '${envvarKey}'; rename one of them`, {
      place: { file: main.file },
    });
  }
  let defaultCloud = env.OS_CLOUD || undefined;
  const fromEnv = environCloud(env);
  if (fromEnv) {
    clouds[envvarKey] = fromEnv;
    defaultCloud ??= envvarKey;
  }
  if (!defaultCloud && Object.keys(clouds).length === 1) defaultCloud = Object.keys(clouds)[0];
  return { configFile: main.file, secureFile: secure.file, clouds, envvarKey, defaultCloud };
}

/** Resolve one cloud and region into the credentials and settings tempest-gate uses. */
export function resolveCloud(options: ResolveOptions): ResolvedCloud {
  const loaded = loadCloudsConfig(options);
  const where = loaded.configFile ?? 'clouds.yaml';
  const name = options.cloud ?? loaded.defaultCloud;
  const known = Object.keys(loaded.clouds);
  if (name === undefined) {
    if (!known.length) {
      throw new UserError(
        'no OpenStack cloud configured: no clouds.yaml found (searched the working directory, ~/.config/openstack, /etc/openstack) and no OS_* variables set',
        { exitCode: EXIT.usage },
      );
    }
    throw new UserError(`several clouds in ${where} and none chosen: pass --os-cloud or set OS_CLOUD (known clouds: ${known.join(', ')})`, {
      exitCode: EXIT.usage,
    });
  }
  const ours = loaded.clouds[name];
  if (!ours) {
    const list = known.length ? `known clouds: ${known.join(', ')}` : 'no clouds are defined';
    const searched = loaded.configFile ? ` in ${loaded.configFile}` : ' (no clouds.yaml found)';
    throw new UserError(`cloud '${name}' not found${searched}; ${list}`, { exitCode: EXIT.usage });
  }
  if (ours.profile !== undefined || ours.cloud !== undefined) {
    throw new UserError(`cloud '${name}' uses a vendor profile, which tempest-gate does not support: spell its auth_url and region out`, {
      place: { file: where },
      exitCode: EXIT.usage,
    });
  }
  let config: Dict = { ...DEFAULTS, auth: {} };
  authUpdate(config, structuredClone(ours));

  const regions = knownRegions(ours, where);
  let region: Region;
  const wanted = options.regionName ?? '';
  if (!regions.length) region = { name: wanted, values: {} };
  else if (!wanted) region = regions[0]!;
  else {
    const found = regions.find((r) => r.name === wanted);
    if (!found) {
      throw new UserError(
        `region '${wanted}' is not a region of cloud '${name}'; its regions: ${regions.map((r) => r.name).join(', ')} (names are case sensitive)`,
        { exitCode: EXIT.usage },
      );
    }
    region = found;
  }
  delete config.regions;
  for (const [k, v] of Object.entries({ ...structuredClone(region.values), region_name: region.name })) {
    if (v === null || v === undefined) continue;
    if (k === 'auth' && isDict(v)) config.auth = { ...(config.auth as Dict), ...(v as Dict) };
    else config[k] = v;
  }
  config = magicFixes(config, where);
  config = normalizeKeys(config);
  if (config.auth_type === 'token_endpoint') config.auth_type = 'admin_token';
  const authType = asAuthType(config.auth_type, where);
  config = validateAuth(config, authType);
  // keystoneauth's plugin constructors reject what they do not take, and v3 plugins a project
  // name without its domain: fail here the same way, before any request is made.
  const allowed = new Set(PLUGIN_OPTIONS[authType].map(([n]) => n));
  for (const k of Object.keys(config.auth as Dict)) {
    if (!allowed.has(k))
      throw new UserError(`cloud '${name}': auth option '${k}' does not apply to auth_type '${authType}'`, { place: { file: where }, exitCode: EXIT.usage });
  }
  const a = config.auth as Dict;
  if (authType.startsWith('v3') && a.project_name && !a.project_domain_id && !a.project_domain_name) {
    throw new UserError(`cloud '${name}': project_name needs project_domain_name or project_domain_id (project names are unique only within a domain)`, {
      place: { file: where },
      exitCode: EXIT.usage,
    });
  }

  const auth: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.auth as Dict))
    if (v !== undefined && v !== null) auth[k] = typeof v === 'string' ? v : pySafeStr(v, `auth.${k}`, where);
  const insecure = getBoolean(config.insecure, 'insecure', where);
  const verify = insecure ? false : config.verify === undefined ? true : getBoolean(config.verify, 'verify', where);
  const extra: Dict = { ...config };
  for (const k of ['auth', 'auth_type', 'region_name', 'interface', 'verify', 'insecure', 'cacert']) delete extra[k];
  return {
    name,
    regionName: scalarText(config.region_name ?? '', 'region_name', where),
    authType,
    auth,
    interface: scalarText(config.interface ?? 'public', 'interface', where),
    verify,
    cacert: typeof config.cacert === 'string' ? config.cacert : undefined,
    configFile: loaded.configFile,
    secureFile: loaded.secureFile,
    extra,
  };
}

/** The secret values of a resolved cloud, for masking (core.setSecret, log redaction). */
export function cloudSecrets(cloud: ResolvedCloud): string[] {
  return SECRET_AUTH_KEYS.map((k) => cloud.auth[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
}
