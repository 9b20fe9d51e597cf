import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  CAPABILITY_STATUSES
} from "./chunk-X4FZVZJY.js";
import {
  require_dist
} from "./chunk-JTCS6GEG.js";
import {
  parseJsonText
} from "./chunk-6K5OT3X4.js";
import {
  UserError
} from "./chunk-MY7TWMR2.js";
import {
  __toESM
} from "./chunk-NQJFE2ZZ.js";

// src/core/interop/guideline.ts
var import_yaml = __toESM(require_dist(), 1);
function placeOf(text, file, path) {
  try {
    const lc = new import_yaml.LineCounter();
    const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lc, prettyErrors: false });
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const range = node?.range;
      if (range) {
        const { line, col } = lc.linePos(range[0]);
        return { file, line, column: col };
      }
    }
  } catch {
  }
  return { file };
}
function showPath(path) {
  return path.map((p) => typeof p === "number" ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`).join("").replace(/^\./, "");
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
var UUID = /^(?:id-)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
function parseGuideline(text, file) {
  const root = parseJsonText(text, file);
  const bad = (message, path) => {
    throw new UserError(`not an Interop guideline: ${path.length ? `${showPath(path)}: ` : ""}${message}`, { place: placeOf(text, file, path) });
  };
  const obj = (v, path) => isObject(v) ? v : bad(`expected an object, found ${describe(v)}`, path);
  const strList = (v, path) => {
    if (v === void 0 || v === null) return [];
    if (!Array.isArray(v)) return bad(`expected a list, found ${describe(v)}`, path);
    return v.map((x, i) => typeof x === "string" ? x : bad(`expected a string, found ${describe(x)}`, [...path, i]));
  };
  const top = obj(root, []);
  const metadata = top.metadata;
  if (!isObject(metadata)) {
    if (typeof top.schema === "string") bad(`schema ${top.schema} is not supported: this reads schema 2.0 guidelines`, ["schema"]);
    return bad("no 'metadata' object: not a schema 2.0 guideline", []);
  }
  const schema = metadata.schema;
  if (schema !== "2.0") bad(`schema ${JSON.stringify(schema) ?? "missing"} is not supported: this reads schema 2.0 guidelines`, ["metadata", "schema"]);
  const id = typeof metadata.id === "string" ? metadata.id : bad("expected the guideline id (a string)", ["metadata", "id"]);
  const targets = [];
  for (const [key, kind] of [
    ["platforms", "platform"],
    ["add-ons", "add-on"]
  ]) {
    if (top[key] === void 0) continue;
    for (const [name, value] of Object.entries(obj(top[key], [key]))) {
      const t = obj(value, [key, name]);
      const comps = t.components;
      if (!Array.isArray(comps)) bad(`expected a list of components, found ${describe(comps)}`, [key, name, "components"]);
      const components2 = comps.map((c, i) => {
        const co = obj(c, [key, name, "components", i]);
        return typeof co.name === "string" ? co.name : bad("component has no name", [key, name, "components", i]);
      });
      targets.push({ name, kind, components: components2 });
    }
  }
  if (targets.length === 0) bad("no 'platforms' or 'add-ons': nothing to score", []);
  const components = {};
  for (const [name, value] of Object.entries(obj(top.components, ["components"]))) {
    const c = obj(value, ["components", name]);
    const caps = c.capabilities === void 0 ? {} : obj(c.capabilities, ["components", name, "capabilities"]);
    const lists = {};
    for (const status of CAPABILITY_STATUSES) lists[status] = strList(caps[status], ["components", name, "capabilities", status]);
    components[name] = { name, capabilities: lists };
  }
  const capabilities = {};
  for (const [name, value] of Object.entries(obj(top.capabilities, ["capabilities"]))) {
    const cap = obj(value, ["capabilities", name]);
    const tests = [];
    for (const [testName, tv] of Object.entries(obj(cap.tests, ["capabilities", name, "tests"]))) {
      const path = ["capabilities", name, "tests", testName];
      const t = obj(tv, path);
      let idempotentId = null;
      if (t.idempotent_id !== void 0 && t.idempotent_id !== null) {
        const m = typeof t.idempotent_id === "string" ? UUID.exec(t.idempotent_id) : null;
        if (!m) bad(`idempotent_id must be a uuid (optionally prefixed 'id-'), found ${describe(t.idempotent_id)}`, [...path, "idempotent_id"]);
        idempotentId = (m?.[1] ?? "").toLowerCase();
      }
      const aliases = strList(t.aliases, [...path, "aliases"]);
      const flagKey = t.flagged !== void 0 ? "flagged" : t.flag !== void 0 ? "flag" : null;
      let flagged = null;
      if (flagKey !== null && t[flagKey] !== null && t[flagKey] !== false) {
        const f = t[flagKey];
        if (f === true) flagged = "flagged";
        else flagged = typeof obj(f, [...path, flagKey]).reason === "string" ? String(f.reason) : "flagged";
      }
      tests.push({ name: testName, idempotentId, aliases, flagged });
    }
    capabilities[name] = {
      name,
      project: typeof cap.project === "string" ? cap.project : null,
      admin: cap.admin === true,
      description: typeof cap.description === "string" ? cap.description : null,
      tests
    };
  }
  for (const t of targets) {
    t.components.forEach((c, i) => {
      if (!(c in components))
        bad(`component '${c}' is not defined in 'components'`, [t.kind === "platform" ? "platforms" : "add-ons", t.name, "components", i]);
    });
  }
  for (const c of Object.values(components)) {
    for (const status of CAPABILITY_STATUSES) {
      c.capabilities[status].forEach((cap, i) => {
        if (!(cap in capabilities)) bad(`capability '${cap}' is not defined in 'capabilities'`, ["components", c.name, "capabilities", status, i]);
      });
    }
  }
  return { id, schema: "2.0", source: file, targets, components, capabilities };
}
function describe(v) {
  if (v === void 0) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  return `${typeof v} ${JSON.stringify(v)}`;
}

export {
  parseGuideline
};
