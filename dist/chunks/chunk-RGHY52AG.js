import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;
import {
  SHIPPED_TEST_LIST,
  dataFile
} from "./chunk-5O3VW5PT.js";
import {
  planShards,
  readReference,
  selectTests,
  shardRun
} from "./chunk-YYL6EWH6.js";
import {
  testIdsOf
} from "./chunk-6Z2THX75.js";
import {
  require_dist
} from "./chunk-JTCS6GEG.js";
import {
  readChunks,
  readText,
  writeOutput
} from "./chunk-P2FODZ67.js";
import {
  require_ajv
} from "./chunk-6K5OT3X4.js";
import {
  SHARD_MANIFEST_FILE,
  shardManifest
} from "./chunk-DWO264YH.js";
import {
  EXIT,
  UserError,
  usageError
} from "./chunk-MY7TWMR2.js";
import {
  __toESM
} from "./chunk-NQJFE2ZZ.js";

// src/stages/select.ts
import { existsSync } from "node:fs";
import { basename, join as join2 } from "node:path";

// src/core/select/rules.ts
var import_ajv = __toESM(require_ajv(), 1);
var import_yaml = __toESM(require_dist(), 1);

// schema/rules.schema.json
var rules_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/tempest-gate/tempest-gate/schema/rules.schema.json",
  title: "tempest-gate rules (.tempest-gate.yaml)",
  description: "Which Tempest tests a change needs: named selections, each with Zuul-style file filters and a Tempest selection. See docs/select.md.",
  type: "object",
  additionalProperties: false,
  required: ["version"],
  properties: {
    version: { const: 1, description: "Format version: 1." },
    preset: {
      type: "string",
      description: "Start from a service repository's default rules (nova, neutron, cinder, glance, swift, placement, tempest, devstack); selections below are added to its selections."
    },
    "test-list": {
      type: "string",
      description: "A cached test list (one id per line, as `stestr list` prints them), relative to this file. The --test-list option overrides it."
    },
    "core-files": {
      $ref: "#/definitions/fileMatchers",
      description: "A change to any of these files (Zuul regexes, anchored at the start) selects the full set."
    },
    full: {
      $ref: "#/definitions/tempest",
      description: "What the full set is (a preset name or steps). Default: the `full` preset."
    },
    selections: {
      type: "array",
      items: { $ref: "#/definitions/selection" }
    }
  },
  definitions: {
    regex: {
      type: "string",
      description: "An RE2 regular expression matched at the start of each changed file's path (as Zuul does)."
    },
    fileMatcher: {
      oneOf: [
        { $ref: "#/definitions/regex" },
        {
          type: "object",
          additionalProperties: false,
          required: ["regex"],
          properties: {
            regex: { $ref: "#/definitions/regex" },
            negate: { type: "boolean", default: false, description: "Match the paths the regex does not match." }
          }
        }
      ]
    },
    fileMatchers: {
      description: "One matcher or a list of them.",
      oneOf: [
        { $ref: "#/definitions/fileMatcher" },
        { type: "array", items: { $ref: "#/definitions/fileMatcher" } }
      ]
    },
    listFile: {
      description: "A list file path (relative to the rules file) or the lines themselves. One Python regex per line, `#` starts a comment.",
      oneOf: [
        { type: "string" },
        { type: "array", items: { type: "string" } }
      ]
    },
    step: {
      type: "object",
      additionalProperties: false,
      description: "One `tempest run`: stestr's selection (regex OR include list, minus exclusions) and attribute filters.",
      properties: {
        regex: { type: "string", description: "Python regex, re.search semantics (tempest run --regex)." },
        "exclude-regex": { type: "string", description: "Python regex; matching tests are removed (tempest run --exclude-regex)." },
        "include-list": { $ref: "#/definitions/listFile" },
        "exclude-list": { $ref: "#/definitions/listFile" },
        attrs: { type: "array", items: { type: "string", pattern: "^[^,\\[\\]\\s]+$" }, description: "Keep only tests carrying every one of these attributes (smoke, slow, multinode, ...)." },
        "exclude-attrs": { type: "array", items: { type: "string", pattern: "^[^,\\[\\]\\s]+$" }, description: "Drop tests carrying any of these attributes." },
        serial: { type: "boolean", default: false, description: "Run this step's tests serially (tempest run --serial)." }
      }
    },
    tempest: {
      oneOf: [
        { type: "string", description: "A preset name (a Tempest tox env: integrated-compute, full, smoke, multinode, ...)." },
        { type: "array", minItems: 1, items: { $ref: "#/definitions/step" } }
      ]
    },
    selection: {
      type: "object",
      additionalProperties: false,
      required: ["name", "tempest"],
      properties: {
        name: { type: "string", minLength: 1 },
        description: { type: "string" },
        files: { $ref: "#/definitions/fileMatchers", description: "The selection applies if any changed file matches." },
        "irrelevant-files": { $ref: "#/definitions/fileMatchers", description: "The selection is skipped when every changed file matches." },
        tempest: { $ref: "#/definitions/tempest" }
      }
    }
  }
};

// src/core/select/presets.ts
function presetNames(catalog2) {
  return Object.keys(catalog2.toxEnvs).sort();
}
function listFromCatalog(catalog2, path, env) {
  const base = path.split("/").pop() ?? path;
  const text = Object.hasOwn(catalog2.lists, base) ? catalog2.lists[base] : void 0;
  if (text === void 0) throw new UserError(`preset '${env}' needs list file ${path}, which is not shipped in data/presets/lists`);
  return { name: path, text };
}
function presetSteps(catalog2, name, place) {
  const env = Object.hasOwn(catalog2.toxEnvs, name) ? catalog2.toxEnvs[name] : void 0;
  if (!env) {
    throw new UserError(`unknown preset '${name}' (known: ${presetNames(catalog2).join(", ")})`, { place });
  }
  const steps = env.runs.map((run3) => {
    const regex = run3.regex && run3.regex !== "{posargs}" ? run3.regex : void 0;
    return {
      regex,
      excludeRegex: run3.exclude_regex || void 0,
      includeList: run3.include_list ? listFromCatalog(catalog2, run3.include_list, name) : void 0,
      excludeList: run3.exclude_list ? listFromCatalog(catalog2, run3.exclude_list, name) : void 0,
      attrs: [],
      excludeAttrs: [],
      serial: run3.serial
    };
  });
  return { preset: name, steps };
}
function servicePreset(catalog2, name, place) {
  const s = Object.hasOwn(catalog2.services, name) ? catalog2.services[name] : void 0;
  if (!s) throw new UserError(`unknown service preset '${name}' (known: ${Object.keys(catalog2.services).sort().join(", ")})`, { place });
  const irrelevant = catalog2.irrelevantFiles[s["irrelevant-files"]];
  return {
    name,
    description: `${name}'s default: ${s.template ? `Tempest's ${s.template} template, ` : ""}tox env ${s.tempest}, ${s["irrelevant-files"]}'s irrelevant-files`,
    irrelevantFiles: irrelevant.map((regex) => ({ regex, negate: false })),
    tempest: s.tempest
  };
}

// src/core/select/rules.ts
var validator;
function validate(value) {
  validator ??= new import_ajv.Ajv({ allErrors: true, strict: false }).compile(rules_schema_default);
  return validator(value) ? [] : [...validator.errors ?? []];
}
var pathText = (path) => path.reduce((s, p) => typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${p}` : p, "");
function pointerToPath(pointer) {
  if (!pointer) return [];
  return pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")).map((s) => /^\d+$/.test(s) ? Number(s) : s);
}
function describeSchemaError(errors) {
  const depth = (e) => pointerToPath(e.instancePath).length;
  const deepest = Math.max(...errors.map(depth));
  const atDeepest = errors.filter((e) => depth(e) === deepest);
  const first = atDeepest.find((e) => e.keyword !== "oneOf" && e.keyword !== "type") ?? atDeepest[0] ?? errors[0];
  const path = pointerToPath(first.instancePath);
  const where = path.length ? pathText(path) : "the rules";
  switch (first.keyword) {
    case "additionalProperties": {
      const key = String(first.params.additionalProperty);
      return { path, key, message: `${where}: unknown key '${key}'` };
    }
    case "required":
      return { path, message: `${where}: missing required key '${String(first.params.missingProperty)}'` };
    case "const":
      return { path, message: `${where}: must be ${JSON.stringify(first.params.allowedValue)}` };
    case "type":
    case "oneOf": {
      const types = [...new Set(atDeepest.filter((e) => e.keyword === "type").map((e) => String(e.params.type)))];
      return { path, message: `${where}: expected ${types.length ? types.join(" or ") : "a different shape"} (see schema/rules.schema.json)` };
    }
    default:
      return { path, message: `${where}: ${first.message ?? "invalid"}` };
  }
}
function yamlValue(ydoc, placeAt) {
  try {
    return ydoc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    let at = 0;
    (0, import_yaml.visit)(ydoc, {
      Alias(_, node) {
        at = node.range?.[0] ?? 0;
        return import_yaml.visit.BREAK;
      }
    });
    const why = /alias count/i.test(err.message) ? `YAML aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias uses)` : `invalid YAML: ${err.message}`;
    throw new UserError(why, { place: placeAt(at), cause: err });
  }
}
var MAX_ALIAS_COUNT = 100;
function parseRulesText(text, file) {
  const lineCounter = new import_yaml.LineCounter();
  const ydoc = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: "error" });
  const placeAt = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const yerr = ydoc.errors[0];
  if (yerr) {
    const message = yerr.message.split("\n")[0] ?? "invalid YAML";
    throw new UserError(`invalid YAML: ${message.replace(/ at line \d+, column \d+:?$/, "")}`, { place: placeAt(yerr.pos[0]) });
  }
  const value = yamlValue(ydoc, placeAt);
  const placeOf = (path, offset = 0) => nodePlace(ydoc, path, offset, placeAt);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UserError("the rules must be a mapping with at least `version: 1` (see docs/select.md)", { place: placeAt(0) });
  }
  const errors = validate(value);
  if (errors.length) {
    const d = describeSchemaError(errors);
    throw new UserError(d.message, { place: d.key !== void 0 ? keyPlace(ydoc, d.path, d.key, placeAt) : placeOf(d.path) });
  }
  const doc = value;
  const listFiles = [];
  const collect = (steps, base) => {
    if (!Array.isArray(steps)) return;
    steps.forEach((s, i) => {
      for (const k of ["include-list", "exclude-list"]) {
        const v = s[k];
        if (typeof v === "string") listFiles.push({ path: v, place: placeOf([...base, i, k]) });
      }
    });
  };
  collect(doc.full, ["full"]);
  (doc.selections ?? []).forEach((s, i) => collect(s.tempest, ["selections", i, "tempest"]));
  return { file, doc, placeOf, listFiles };
}
function nodePlace(ydoc, path, offset, placeAt) {
  for (let n = path.length; n >= 0; n--) {
    const node = ydoc.getIn(path.slice(0, n), true);
    if ((0, import_yaml.isNode)(node) && node.range) {
      let start = node.range[0];
      if (n === path.length && (0, import_yaml.isScalar)(node) && (node.type === import_yaml.Scalar.QUOTE_DOUBLE || node.type === import_yaml.Scalar.QUOTE_SINGLE)) start += 1;
      return placeAt(start + (n === path.length ? offset : 0));
    }
  }
  return placeAt(0);
}
function keyPlace(ydoc, path, key, placeAt) {
  const map = path.length ? ydoc.getIn(path, true) : ydoc.contents;
  if ((0, import_yaml.isMap)(map)) {
    const pair = map.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === key);
    if (pair && (0, import_yaml.isNode)(pair.key) && pair.key.range) return placeAt(pair.key.range[0]);
  }
  return nodePlace(ydoc, path, 0, placeAt);
}
function matchers(value, base, parsed) {
  if (value === void 0) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((m, i) => {
    const at = Array.isArray(value) ? [...base, i] : base;
    return typeof m === "string" ? { regex: m, negate: false, place: parsed.placeOf(at) } : { regex: m.regex, negate: m.negate ?? false, place: parsed.placeOf([...at, "regex"]) };
  });
}
function tempestSpec(value, base, parsed, options) {
  if (typeof value === "string") return presetSteps(options.catalog, value, parsed.placeOf(base));
  return {
    steps: value.map((s, i) => {
      const list = (k) => {
        const v = s[k];
        if (v === void 0) return void 0;
        if (Array.isArray(v)) return { name: `${parsed.file}:${pathText([...base, i, k])}`, text: v.join("\n") };
        const text = options.lists[v];
        if (text === void 0) throw new UserError(`list file '${v}' was not read`, { place: parsed.placeOf([...base, i, k]) });
        return { name: v, text };
      };
      return {
        regex: s.regex || void 0,
        excludeRegex: s["exclude-regex"] || void 0,
        includeList: list("include-list"),
        excludeList: list("exclude-list"),
        attrs: s.attrs ?? [],
        excludeAttrs: s["exclude-attrs"] ?? [],
        serial: s.serial ?? false,
        place: parsed.placeOf([...base, i]),
        regexPlace: s.regex ? parsed.placeOf([...base, i, "regex"]) : void 0,
        excludeRegexPlace: s["exclude-regex"] ? parsed.placeOf([...base, i, "exclude-regex"]) : void 0
      };
    })
  };
}
function buildRules(parsed, options) {
  const { doc } = parsed;
  const selections = [];
  if (doc.preset !== void 0) selections.push(...serviceSelections(options.catalog, doc.preset, parsed.placeOf(["preset"])));
  const names = new Set(selections.map((s) => s.name));
  (doc.selections ?? []).forEach((s, i) => {
    const base = ["selections", i];
    if (names.has(s.name)) throw new UserError(`selection name '${s.name}' is used twice`, { place: parsed.placeOf([...base, "name"]) });
    names.add(s.name);
    selections.push({
      name: s.name,
      description: s.description,
      files: matchers(s.files, [...base, "files"], parsed),
      irrelevantFiles: matchers(s["irrelevant-files"], [...base, "irrelevant-files"], parsed),
      tempest: tempestSpec(s.tempest, [...base, "tempest"], parsed, options),
      origin: "rules",
      place: parsed.placeOf(base)
    });
  });
  return {
    file: options.repoPath ?? parsed.file,
    selections,
    coreFiles: matchers(doc["core-files"], ["core-files"], parsed),
    full: doc.full !== void 0 ? tempestSpec(doc.full, ["full"], parsed, options) : presetSteps(options.catalog, "full"),
    testList: doc["test-list"]
  };
}
function serviceSelections(catalog2, name, place) {
  const s = servicePreset(catalog2, name, place);
  return [
    {
      name: `${name}-default`,
      description: s.description,
      files: [],
      irrelevantFiles: s.irrelevantFiles,
      tempest: presetSteps(catalog2, s.tempest),
      origin: `preset:${name}`
    }
  ];
}
function presetRules(catalog2, name) {
  return { file: null, selections: serviceSelections(catalog2, name), coreFiles: [], full: presetSteps(catalog2, "full") };
}
function toxPresetRules(catalog2, name) {
  return {
    file: null,
    selections: [
      { name, description: `Tempest tox env ${name}`, files: [], irrelevantFiles: [], tempest: presetSteps(catalog2, name), origin: `preset:${name}` }
    ],
    coreFiles: [],
    full: presetSteps(catalog2, "full")
  };
}

// src/edges/change-files.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";
var run = promisify(execFile);
function parseFileList(text) {
  const out = /* @__PURE__ */ new Set();
  for (const line of text.split(/\r?\n/)) {
    const p = line.trim();
    if (p) out.add(p);
  }
  return [...out];
}
async function readChangedFileList(path, stdin) {
  const chunks = [];
  for await (const c of readChunks(path, stdin)) chunks.push(c);
  return parseFileList(Buffer.concat(chunks).toString("utf8"));
}
async function gitChangedFiles(options) {
  const { cwd, range } = options;
  if (!/^[^\s-][^\s]*$/.test(range)) throw new UserError(`--git expects BASE...HEAD (or BASE..HEAD), not '${range}'`, { exitCode: EXIT.usage });
  let stdout;
  try {
    ({ stdout } = await run("git", ["diff", "--name-status", "-z", "-M", range, "--"], { cwd, maxBuffer: 1 << 28, encoding: "utf8" }));
  } catch (err) {
    const e = err;
    throw new UserError(`git diff ${range} failed in ${cwd}: ${(e.stderr ?? e.message).trim().split("\n")[0]}`, { cause: err });
  }
  const fields = stdout.split("\0");
  const out = /* @__PURE__ */ new Set();
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++];
    if (!status) continue;
    const paths = status.startsWith("R") || status.startsWith("C") ? 2 : 1;
    for (let k = 0; k < paths; k++) {
      const p = fields[i++];
      if (p) out.add(p);
    }
  }
  return [...out];
}
async function pullRequestChangedFiles(client, pr) {
  const files = await client.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100
  });
  const out = /* @__PURE__ */ new Set();
  for (const f of files) {
    out.add(f.filename);
    if (f.previous_filename) out.add(f.previous_filename);
  }
  return [...out];
}

// src/edges/select-data.ts
import { execFile as execFile2 } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, isAbsolute } from "node:path";
import { promisify as promisify2 } from "node:util";
var run2 = promisify2(execFile2);
function presetsDir() {
  return dataFile("presets");
}
var catalog;
function loadPresetCatalog(dir = presetsDir()) {
  if (catalog && dir === presetsDir()) return catalog;
  const json = (name) => JSON.parse(readFileSync(join(dir, name), "utf8"));
  const tox = json("tox-envs.json");
  const services = json("services.json");
  const map = json("integrated-gate-map.json");
  const anchor = (prefix) => {
    const key = Object.keys(map.irrelevant_files).find((k) => k.startsWith(prefix));
    return key ? map.irrelevant_files[key] ?? [] : [];
  };
  const lists = {};
  for (const f of readdirSync(join(dir, "lists"))) lists[f] = readFileSync(join(dir, "lists", f), "utf8");
  const loaded = {
    toxEnvs: tox.envs,
    lists,
    services: services.services,
    irrelevantFiles: { devstack: anchor("devstack"), tempest: anchor("tempest") }
  };
  if (dir === presetsDir()) catalog = loaded;
  return loaded;
}
async function loadRules(options) {
  const text = await readText(options.path);
  const parsed = parseRulesText(text, options.path);
  const base = dirname(resolve(options.path));
  const lists = {};
  for (const ref of parsed.listFiles) {
    const full = isAbsolute(ref.path) ? ref.path : join(base, ref.path);
    try {
      lists[ref.path] = readFileSync(full, "utf8");
    } catch (err) {
      throw new UserError(`cannot read list file '${ref.path}' (${err.code ?? "error"})`, { place: ref.place, cause: err });
    }
  }
  const root = resolve(options.repoRoot ?? base);
  const repoPath = relative(root, resolve(options.path)).split("\\").join("/");
  const rules = buildRules(parsed, { catalog: options.catalog, lists, repoPath });
  if (rules.testList !== void 0 && !isAbsolute(rules.testList)) rules.testList = join(base, rules.testList);
  return rules;
}
async function readTestList(path) {
  const text = await readText(path);
  return testIdsOf(text);
}
async function listTestsInWorkspace(options) {
  const [cmd = "stestr", ...args] = options.command ?? ["stestr", "list"];
  try {
    const { stdout } = await run2(cmd, args, { cwd: options.cwd, maxBuffer: 1 << 28, encoding: "utf8" });
    return testIdsOf(stdout);
  } catch (err) {
    const e = err;
    const first = (e.stderr || e.message).trim().split("\n")[0] ?? "";
    throw new UserError(`'${[cmd, ...args].join(" ")}' failed in ${options.cwd}: ${first}`, { cause: err });
  }
}

// src/stages/select.ts
var DEFAULT_RULES_FILE = ".tempest-gate.yaml";
async function writeRun(dir, run3, lists) {
  for (const r of run3) {
    const file = join2(dir, r.includeListName);
    await writeOutput(file, `${r.includeList.join("\n")}
`);
    lists[r.serial ? "serial" : "parallel"] = file;
  }
}
function rulesFor(source, repo) {
  const catalog2 = loadPresetCatalog();
  if ("preset" in source) {
    const preset = source.preset;
    if (Object.hasOwn(catalog2.services, preset)) return presetRules(catalog2, preset);
    if (Object.hasOwn(catalog2.toxEnvs, preset)) return toxPresetRules(catalog2, preset);
    throw usageError(
      `unknown preset '${preset}' (services: ${Object.keys(catalog2.services).sort().join(", ")}; tox envs: ${Object.keys(catalog2.toxEnvs).sort().join(", ")})`
    );
  }
  if ("file" in source) return loadRules({ path: source.file, repoRoot: repo, catalog: catalog2 });
  const path = join2(repo, DEFAULT_RULES_FILE);
  if (existsSync(path)) return loadRules({ path, repoRoot: repo, catalog: catalog2 });
  const name = (source.default.serviceName || basename(repo)).toLowerCase();
  if (!Object.hasOwn(catalog2.services, name))
    throw usageError(`no ${DEFAULT_RULES_FILE} in ${repo} and '${name}' is not a known service repository: give a rules file or a preset`);
  return presetRules(catalog2, name);
}
async function testIdsFor(source, rules) {
  if (typeof source === "object" && "list" in source) return readTestList(source.list);
  if (typeof source === "object") return listTestsInWorkspace({ cwd: source.workspace, ...source.command ? { command: source.command } : {} });
  if (rules.testList !== void 0) return readTestList(rules.testList);
  if (source === "rules-or-shipped") return readTestList(dataFile(SHIPPED_TEST_LIST));
  throw usageError("no test list: give --test-list FILE or --workspace DIR (or test-list: in the rules)");
}
async function changedFiles(change, repo) {
  if ("files" in change) return readChangedFileList(change.files, change.stdin);
  if ("git" in change) return gitChangedFiles({ cwd: repo, range: change.git });
  const pr = change.pullRequest;
  try {
    return await pullRequestChangedFiles(change.github, pr);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`listing the files of ${pr.owner}/${pr.repo}#${pr.number} failed: ${err.message}`, { exitCode: EXIT.infra, cause: err });
  }
}
async function selectStage(options) {
  const rules = await rulesFor(options.rules, options.repo);
  const testIds = await testIdsFor(options.tests, rules);
  const files = await changedFiles(options.change, options.repo);
  const result = selectTests({ rules, changedFiles: files, testIds, explain: options.explain ?? false });
  const lists = { parallel: null, serial: null };
  const sh = options.shards ?? null;
  if (sh && sh.index !== null && (sh.index < 0 || sh.index >= sh.count))
    throw usageError(`the shard index must be below the shard count (0..${sh.count - 1}), not ${sh.index}`);
  const plan = sh ? planShards({
    parallel: result.parallel,
    serial: result.serial,
    shards: sh.count,
    durations: typeof sh.baseline === "string" ? (await readReference(sh.baseline)).durations : sh.baseline,
    splitClasses: sh.splitClasses ?? false
  }) : null;
  if (options.writeLists) {
    const dir = options.writeLists;
    const manifest = async (d, index) => writeOutput(join2(d, SHARD_MANIFEST_FILE), `${JSON.stringify(shardManifest(plan, index))}
`);
    if (!plan) await writeRun(dir, result.run, lists);
    else if (sh?.index !== null && sh?.index !== void 0) {
      await writeRun(dir, shardRun(plan.shards[sh.index] ?? { parallel: [], serial: [] }), lists);
      await manifest(dir, sh.index);
    } else
      for (const shard of plan.shards) {
        await writeRun(join2(dir, `shard-${shard.index}`), shardRun(shard), { parallel: null, serial: null });
        await manifest(join2(dir, `shard-${shard.index}`), shard.index);
      }
  }
  return { result, lists, shards: plan };
}

export {
  DEFAULT_RULES_FILE,
  selectStage
};
