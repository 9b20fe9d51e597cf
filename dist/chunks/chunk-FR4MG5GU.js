import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;

// src/core/run/mask.ts
function secretValues(envText) {
  const out = /* @__PURE__ */ new Set();
  for (const line of envText.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=(.*)$/.exec(line);
    if (!m) continue;
    let v = (m[1] ?? "").trim();
    if (v.length >= 2 && (v.startsWith('"') && v.endsWith('"') || v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    if (v.length >= 6) out.add(v);
  }
  return [...out].sort((a, b) => b.length - a.length);
}
function maskSecrets(text, secrets) {
  let out = text;
  for (const s of secrets) out = out.split(s).join("***");
  return out;
}
function secretForms(secret) {
  let url = secret;
  try {
    url = encodeURIComponent(secret);
  } catch {
  }
  return [.../* @__PURE__ */ new Set([secret, JSON.stringify(secret).slice(1, -1), url])];
}

export {
  secretValues,
  maskSecrets,
  secretForms
};
