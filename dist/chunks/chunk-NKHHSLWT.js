import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  require_dist
} from "./chunk-JTCS6GEG.js";
import {
  EXIT,
  UserError
} from "./chunk-XOD6W3JI.js";
import {
  __toESM
} from "./chunk-NQJFE2ZZ.js";

// src/edges/openstack/cloud-config.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
var SUPPORTED_AUTH_TYPES = ["password", "v3password", "v3applicationcredential", "token", "v3token"];
var COMMON_SCOPE = [
  "auth_url",
  "system_scope",
  "domain_id",
  "domain_name",
  "project_id",
  "project_name",
  "project_domain_id",
  "project_domain_name",
  "trust_id"
];
var PLUGIN_OPTIONS = {
  password: [
    ...COMMON_SCOPE.map((o) => [o, o === "project_id" ? ["tenant_id"] : o === "project_name" ? ["tenant_name"] : []]),
    ["default_domain_id", []],
    ["default_domain_name", []],
    ["user_id", []],
    ["username", ["user_name"]],
    ["user_domain_id", []],
    ["user_domain_name", []],
    ["password", []]
  ],
  v3password: [
    ...COMMON_SCOPE.map((o) => [o, []]),
    ["user_id", []],
    ["username", ["user_name"]],
    ["user_domain_id", []],
    ["user_domain_name", []],
    ["password", []]
  ],
  v3applicationcredential: [
    ...COMMON_SCOPE.map((o) => [o, []]),
    ["user_id", []],
    ["username", ["user_name"]],
    ["user_domain_id", []],
    ["user_domain_name", []],
    ["application_credential_secret", []],
    ["application_credential_id", []],
    ["application_credential_name", []]
  ],
  token: [
    ...COMMON_SCOPE.map((o) => [o, o === "project_id" ? ["tenant_id"] : o === "project_name" ? ["tenant_name"] : []]),
    ["default_domain_id", []],
    ["default_domain_name", []],
    ["token", []]
  ],
  v3token: [...COMMON_SCOPE.map((o) => [o, []]), ["token", []]]
};
var DEFAULTS = {
  auth_type: "password",
  interface: "public",
  network_api_version: "2",
  image_format: "qcow2"
};
var isDict = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function deepMerge(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const old = out[k];
    out[k] = isDict(v) && isDict(old) ? deepMerge(old, v) : isDict(v) ? { ...v } : v;
  }
  return out;
}
function authUpdate(base, over) {
  for (const [k, v] of Object.entries(over)) {
    if (k === "auth" && isDict(v)) base.auth = { ...isDict(base.auth) ? base.auth : {}, ...v };
    else base[k] = v;
  }
  return base;
}
function normalizeKeys(config) {
  const out = {};
  for (const [key, value] of Object.entries(config)) {
    const k = key.replaceAll("-", "_");
    if (isDict(value)) out[k] = normalizeKeys(value);
    else if (typeof value === "number" && !(Number.isInteger(value) && (k === "verbose_level" || k === "api_timeout"))) out[k] = String(value);
    else out[k] = value;
  }
  return out;
}
function scalarText(v, key, where, expected = "a string") {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  const got = Array.isArray(v) ? "a list" : isDict(v) ? "a mapping" : typeof v;
  throw new UserError(`'${key}' must be ${expected}, not ${got}`, { place: { file: where } });
}
function pySafeStr(v, key, where) {
  if (v === true) return "True";
  if (v === false) return "False";
  if (v === null || v === void 0) return "None";
  return scalarText(v, key, where);
}
function getBoolean(v, key, where) {
  if (v === void 0 || v === null) return false;
  if (typeof v === "boolean") return v;
  return scalarText(v, key, where, "true or false").toLowerCase() === "true";
}
function searchPaths(base, options) {
  const home = options.home ?? homedir();
  const env = options.env;
  const xdgHome = env.XDG_CONFIG_HOME || join(home, ".config");
  const xdgDirs = (env.XDG_CONFIG_DIRS || "/etc/xdg").split(":").map((d) => join(d.replace(/\/+$/, ""), "openstack")).join(":");
  const dirs = [options.cwd, join(xdgHome, "openstack"), join(home, ".config", "openstack"), ...options.siteDirs ?? [xdgDirs, "/etc/openstack"]];
  const files = [];
  for (const d of dirs) for (const s of [".yaml", ".yml", ".json"]) files.push(join(d, base + s));
  const override = base === "clouds" ? env.OS_CLIENT_CONFIG_FILE : env.OS_CLIENT_SECURE_FILE;
  if (override) files.unshift(override);
  return files;
}
function parseConfigText(file, text) {
  if (file.endsWith("json")) {
    try {
      const v2 = JSON.parse(text);
      return isDict(v2) ? v2 : {};
    } catch (err) {
      const m = /position (\d+)/.exec(String(err.message));
      const offset = m ? Number(m[1]) : void 0;
      const line = offset !== void 0 ? text.slice(0, offset).split("\n").length : void 0;
      throw new UserError(`not valid JSON: ${err.message.replace(/ in JSON at position.*$/, "")}`, { place: { file, line, offset } });
    }
  }
  const doc = (0, import_yaml.parseDocument)(text, { prettyErrors: true, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    const column = first.linePos?.[0]?.col;
    const what = (first.message.split("\n")[0] ?? first.code).replace(/ at line \d+, column \d+:?$/, "");
    throw new UserError(`not valid YAML: ${what}`, { place: { file, line, column } });
  }
  let v;
  try {
    v = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    let at = 0;
    (0, import_yaml.visit)(doc, {
      Alias(_, node) {
        at = node.range?.[0] ?? 0;
        return import_yaml.visit.BREAK;
      }
    });
    const why = /alias count/i.test(err.message) ? "YAML aliases expand to too much data (more than 100 alias uses)" : `not valid YAML: ${err.message}`;
    throw new UserError(why, { place: { file, line: text.slice(0, at).split("\n").length }, cause: err });
  }
  if (v !== null && v !== void 0 && !isDict(v)) throw new UserError("expected a mapping with a `clouds` key", { place: { file, line: 1 } });
  return isDict(v) ? v : {};
}
function loadFirst(files) {
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      const code = err.code;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EACCES") continue;
      if (code === "EISDIR") continue;
      throw new UserError(`cannot read: ${err.message}`, { place: { file } });
    }
    return { file, data: parseConfigText(file, text) };
  }
  return { file: void 0, data: {} };
}
function environCloud(env) {
  const ret = { ...DEFAULTS };
  const keys = Object.keys(env).filter((k) => k.startsWith("OS_") && !k.startsWith("OS_TEST") && !k.startsWith("OS_STD") && !k.startsWith("OS_LOG"));
  for (const k of keys) ret[k.slice(3).toLowerCase()] = env[k];
  const selectors = /* @__PURE__ */ new Set(["OS_CLOUD", "OS_REGION_NAME", "OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE", "OS_CLOUD_NAME"]);
  return keys.some((k) => !selectors.has(k)) ? ret : null;
}
function expandRegions(regions, where) {
  return regions.map((r) => {
    if (isDict(r)) {
      const keys = Object.keys(r);
      if (typeof r.name !== "string" || keys.some((k) => k !== "name" && k !== "values")) {
        throw new UserError(`invalid region entry ${JSON.stringify(r)}: only 'name' and 'values' are allowed`, { place: { file: where } });
      }
      return { name: r.name, values: isDict(r.values) ? r.values : {} };
    }
    return { name: pySafeStr(r, "regions", where), values: {} };
  });
}
function knownRegions(cloud, where) {
  const c = normalizeKeys(cloud);
  if (Array.isArray(c.regions)) return expandRegions(c.regions, where);
  if (c.region_name !== void 0 && c.region_name !== null) {
    const list = Array.isArray(c.region_name) ? c.region_name : scalarText(c.region_name, "region_name", where).split(",");
    return expandRegions(list, where);
  }
  return [];
}
function magicFixes(input, where) {
  let config = { ...input, auth: { ...isDict(input.auth) ? input.auth : {} } };
  const auth = () => config.auth;
  if ("token" in auth() || config.auth_token || config.token) {
    if (!("token" in config)) config.token = config.auth_token ?? null;
    delete config.auth_token;
  }
  if ("passcode" in config) {
    auth().passcode = config.passcode;
    delete config.passcode;
  }
  {
    const next = {};
    let serviceTimeout;
    for (const [k, v] of Object.entries(config)) {
      if (k.endsWith("timeout") && k !== "timeout" && k !== "api_timeout") serviceTimeout = v;
      else next[k] = v;
    }
    if (serviceTimeout !== void 0) next.api_timeout = serviceTimeout;
    config = next;
  }
  if ("endpoint_type" in config) {
    config.interface = config.endpoint_type;
    delete config.endpoint_type;
  }
  {
    let target = null;
    for (const k of ["auth_plugin", "auth_type"]) {
      if (k in config) {
        target = config[k];
        delete config[k];
      }
    }
    config.auth_type = target;
  }
  {
    const mappings = {
      domain_id: ["domain_id", "domain-id"],
      domain_name: ["domain_name", "domain-name"],
      user_domain_id: ["user_domain_id", "user-domain-id"],
      user_domain_name: ["user_domain_name", "user-domain-name"],
      project_domain_id: ["project_domain_id", "project-domain-id"],
      project_domain_name: ["project_domain_name", "project-domain-name"],
      token: ["auth-token", "auth_token", "token"]
    };
    if (config.auth_type === "v2password") {
      mappings.tenant_id = ["project_id", "project-id", "tenant_id", "tenant-id"];
      mappings.tenant_name = ["project_name", "project-name", "tenant_name", "tenant-name"];
    } else {
      mappings.project_id = ["tenant_id", "tenant-id", "project_id", "project-id"];
      mappings.project_name = ["tenant_name", "tenant-name", "project_name", "project-name"];
    }
    for (const [target, aliases] of Object.entries(mappings)) {
      let value = null;
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
  {
    const next = {};
    for (const [k, v] of Object.entries(config)) next[k.endsWith("endpoint_type") ? k.replace("endpoint_type", "interface") : k] = v;
    config = next;
  }
  {
    const projectScoped = "project_id" in config || "project_name" in config || "project_id" in auth() || "project_name" in auth();
    for (const [target, fans] of [
      ["domain_id", ["user_domain_id", "project_domain_id"]],
      ["domain_name", ["user_domain_name", "project_domain_name"]]
    ]) {
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
  for (const key of ["insecure", "cache"]) if (key in config && typeof config[key] !== "boolean") config[key] = getBoolean(config[key], key, where);
  return config;
}
function validateAuth(config, authType) {
  const auth = config.auth;
  for (const [name, deprecated] of PLUGIN_OPTIONS[authType]) {
    const find = (where) => {
      if (name in where) return where[name];
      for (const d of deprecated) if (d in where) return where[d];
      return void 0;
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
function asAuthType(value, where) {
  const v = value === null || value === void 0 || value === "" ? "none" : scalarText(value, "auth_type", where);
  if (SUPPORTED_AUTH_TYPES.includes(v)) return v;
  throw new UserError(`auth_type '${v}' is not supported; use one of ${SUPPORTED_AUTH_TYPES.join(", ")}`, { place: { file: where }, exitCode: EXIT.usage });
}
function loadCloudsConfig(options) {
  const { env } = options;
  const main = options.configText ? { file: options.configText.file, data: parseConfigText(options.configText.file, options.configText.text) } : loadFirst(searchPaths("clouds", options));
  const secure = loadFirst(searchPaths("secure", options));
  let data = main.data;
  if (Object.keys(secure.data).length) data = deepMerge(data, secure.data);
  const clouds = {};
  if (data.clouds !== void 0 && data.clouds !== null) {
    if (!isDict(data.clouds)) throw new UserError("`clouds` must be a mapping of cloud names", { place: { file: main.file ?? secure.file } });
    for (const [k, v] of Object.entries(data.clouds)) clouds[k] = isDict(v) ? v : {};
  }
  const envvarKey = env.OS_CLOUD_NAME ?? "envvars";
  if (envvarKey in clouds) {
    throw new UserError(`defines a cloud named '${envvarKey}', but OS_CLOUD_NAME is also set to '${envvarKey}'; rename one of them`, {
      place: { file: main.file }
    });
  }
  let defaultCloud = env.OS_CLOUD || void 0;
  const fromEnv = environCloud(env);
  if (fromEnv) {
    clouds[envvarKey] = fromEnv;
    defaultCloud ??= envvarKey;
  }
  if (!defaultCloud && Object.keys(clouds).length === 1) defaultCloud = Object.keys(clouds)[0];
  return { configFile: main.file, secureFile: secure.file, clouds, envvarKey, defaultCloud };
}
function resolveCloud(options) {
  const loaded = loadCloudsConfig(options);
  const where = loaded.configFile ?? "clouds.yaml";
  const name = options.cloud ?? loaded.defaultCloud;
  const known = Object.keys(loaded.clouds);
  if (name === void 0) {
    if (!known.length) {
      throw new UserError(
        "no OpenStack cloud configured: no clouds.yaml found (searched the working directory, ~/.config/openstack, /etc/openstack) and no OS_* variables set",
        { exitCode: EXIT.usage }
      );
    }
    throw new UserError(`several clouds in ${where} and none chosen: pass --os-cloud or set OS_CLOUD (known clouds: ${known.join(", ")})`, {
      exitCode: EXIT.usage
    });
  }
  const ours = loaded.clouds[name];
  if (!ours) {
    const list = known.length ? `known clouds: ${known.join(", ")}` : "no clouds are defined";
    const searched = loaded.configFile ? ` in ${loaded.configFile}` : " (no clouds.yaml found)";
    throw new UserError(`cloud '${name}' not found${searched}; ${list}`, { exitCode: EXIT.usage });
  }
  if (ours.profile !== void 0 || ours.cloud !== void 0) {
    throw new UserError(`cloud '${name}' uses a vendor profile, which tempest-gate does not support: spell its auth_url and region out`, {
      place: { file: where },
      exitCode: EXIT.usage
    });
  }
  let config = { ...DEFAULTS, auth: {} };
  authUpdate(config, structuredClone(ours));
  const regions = knownRegions(ours, where);
  let region;
  const wanted = options.regionName ?? "";
  if (!regions.length) region = { name: wanted, values: {} };
  else if (!wanted) region = regions[0];
  else {
    const found = regions.find((r) => r.name === wanted);
    if (!found) {
      throw new UserError(
        `region '${wanted}' is not a region of cloud '${name}'; its regions: ${regions.map((r) => r.name).join(", ")} (names are case sensitive)`,
        { exitCode: EXIT.usage }
      );
    }
    region = found;
  }
  delete config.regions;
  for (const [k, v] of Object.entries({ ...structuredClone(region.values), region_name: region.name })) {
    if (v === null || v === void 0) continue;
    if (k === "auth" && isDict(v)) config.auth = { ...config.auth, ...v };
    else config[k] = v;
  }
  config = magicFixes(config, where);
  config = normalizeKeys(config);
  if (config.auth_type === "token_endpoint") config.auth_type = "admin_token";
  const authType = asAuthType(config.auth_type, where);
  config = validateAuth(config, authType);
  const allowed = new Set(PLUGIN_OPTIONS[authType].map(([n]) => n));
  for (const k of Object.keys(config.auth)) {
    if (!allowed.has(k))
      throw new UserError(`cloud '${name}': auth option '${k}' does not apply to auth_type '${authType}'`, { place: { file: where }, exitCode: EXIT.usage });
  }
  const a = config.auth;
  if (authType.startsWith("v3") && a.project_name && !a.project_domain_id && !a.project_domain_name) {
    throw new UserError(`cloud '${name}': project_name needs project_domain_name or project_domain_id (project names are unique only within a domain)`, {
      place: { file: where },
      exitCode: EXIT.usage
    });
  }
  const auth = {};
  for (const [k, v] of Object.entries(config.auth))
    if (v !== void 0 && v !== null) auth[k] = typeof v === "string" ? v : pySafeStr(v, `auth.${k}`, where);
  const insecure = getBoolean(config.insecure, "insecure", where);
  const verify = insecure ? false : config.verify === void 0 ? true : getBoolean(config.verify, "verify", where);
  const extra = { ...config };
  for (const k of ["auth", "auth_type", "region_name", "interface", "verify", "insecure", "cacert"]) delete extra[k];
  return {
    name,
    regionName: scalarText(config.region_name ?? "", "region_name", where),
    authType,
    auth,
    interface: scalarText(config.interface ?? "public", "interface", where),
    verify,
    cacert: typeof config.cacert === "string" ? config.cacert : void 0,
    configFile: loaded.configFile,
    secureFile: loaded.secureFile,
    extra
  };
}

export {
  resolveCloud
};
