// Secrets never reach a log line: values from devstack's secrets file (KEY=VALUE lines) are
// replaced wherever they appear in what the runner prints (a devstack log tail, an error message).

/** The values of `KEY=VALUE` lines worth masking (short values would mask ordinary words). */
export function secretValues(envText: string): string[] {
  const out = new Set<string>();
  for (const line of envText.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=(.*)$/.exec(line);
    if (!m) continue;
    let v = (m[1] ?? '').trim();
    if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) v = v.slice(1, -1);
    if (v.length >= 6) out.add(v);
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...out].sort((a, b) => b.length - a.length);
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

/**
 * A secret as it stands and as a log line may still spell it: JSON-escaped (a logged request
 * body) and percent-encoded (a logged URL). Redaction and the artifact's secret scan use the same forms.
 */
export function secretForms(secret: string): string[] {
  let url = secret;
  try {
    url = encodeURIComponent(secret);
  } catch {
    // A lone surrogate cannot be percent-encoded, nor stand in a URL.
  }
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), url])];
}
