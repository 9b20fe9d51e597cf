// Which SSH host keys to trust, learnt over a channel that does not trust the network: the
// fingerprints and keys cloud-init prints to the console (Nova's console output), or a known_hosts
// file. Pure: text in, trust list out; `hostKeyTrusted` checks the key a server presents.
import { createHash, createHmac } from 'node:crypto';

export interface TrustedKey {
  /** Key type as the SSH wire names it: ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, ... */
  type: string;
  /** The public key blob, base64 (as in authorized_keys / known_hosts). */
  base64: string;
}

export interface TrustedFingerprint {
  /** Family as ssh-keygen prints it in parentheses: ED25519, ECDSA, RSA, DSA. */
  family: string;
  /** SHA256 or MD5. */
  hash: 'SHA256' | 'MD5';
  /** `SHA256:<base64 without padding>` or `MD5:aa:bb:...` (normalised). */
  value: string;
}

export interface HostTrust {
  keys: TrustedKey[];
  fingerprints: TrustedFingerprint[];
}

const KEY_TYPES = [
  'ssh-ed25519',
  'ssh-rsa',
  'ssh-dss',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
];
const KEY_RE = new RegExp(`(?:^|\\s)(${KEY_TYPES.map((t) => t.replaceAll('.', '\\.')).join('|')})\\s+([A-Za-z0-9+/]+={0,2})(?=\\s|$)`);
// ssh-keygen -l: "256 SHA256:base64 comment (ED25519)" or the old "2048 aa:bb:...:ff comment (RSA)".
const FP_RE =
  /(?:^|\s)\d{3,5}\s+(SHA256:[A-Za-z0-9+/]{43}|MD5:(?:[0-9a-f]{2}:){15}[0-9a-f]{2}|(?:[0-9a-f]{2}:){15}[0-9a-f]{2})(?:\s.*?)?\s\(([A-Z0-9-]+)\)\s*$/;

const BEGIN_FP = '-----BEGIN SSH HOST KEY FINGERPRINTS-----';
const END_FP = '-----END SSH HOST KEY FINGERPRINTS-----';
const BEGIN_KEYS = '-----BEGIN SSH HOST KEY KEYS-----';
const END_KEYS = '-----END SSH HOST KEY KEYS-----';

/**
 * Read the host key blocks cloud-init writes to the console. Lines may carry any prefix
 * (`ec2: `, a syslog header, a kernel timestamp), so the payload is matched anywhere in the line.
 * Only the LAST block of each kind counts: a rebuilt server prints new keys after the old ones.
 */
export function parseConsoleHostKeys(console: string): HostTrust {
  const lines = console.split(/\r?\n|\r/);
  let keys: TrustedKey[] = [];
  let fingerprints: TrustedFingerprint[] = [];
  let mode: 'none' | 'fp' | 'keys' = 'none';
  let blockKeys: TrustedKey[] = [];
  let blockFps: TrustedFingerprint[] = [];
  for (const line of lines) {
    if (line.includes(BEGIN_FP)) {
      mode = 'fp';
      blockFps = [];
      continue;
    }
    if (line.includes(BEGIN_KEYS)) {
      mode = 'keys';
      blockKeys = [];
      continue;
    }
    if (mode === 'fp' && line.includes(END_FP)) {
      fingerprints = blockFps;
      mode = 'none';
      continue;
    }
    if (mode === 'keys' && line.includes(END_KEYS)) {
      keys = blockKeys;
      mode = 'none';
      continue;
    }
    if (mode === 'fp') {
      const m = FP_RE.exec(line);
      if (m) blockFps.push(normaliseFingerprint(m[1] ?? '', m[2] ?? ''));
    } else if (mode === 'keys') {
      const m = KEY_RE.exec(line);
      if (m) blockKeys.push({ type: m[1] ?? '', base64: m[2] ?? '' });
    }
  }
  // A block cut off by the end of the console (the log is still being written) is not trusted.
  return { keys, fingerprints };
}

function normaliseFingerprint(raw: string, family: string): TrustedFingerprint {
  if (raw.startsWith('SHA256:')) return { family, hash: 'SHA256', value: raw };
  const hex = raw.startsWith('MD5:') ? raw.slice(4) : raw;
  return { family, hash: 'MD5', value: `MD5:${hex.toLowerCase()}` };
}

/**
 * Entries of a known_hosts file that name `host` (and `port`): plain names, `[host]:port`,
 * comma lists and hashed `|1|salt|hash` names. `@revoked` lines are returned separately so a
 * revoked key is refused even if another line lists it; `@cert-authority` lines are ignored.
 */
export function parseKnownHosts(text: string, host: string, port = 22): { keys: TrustedKey[]; revoked: TrustedKey[] } {
  const keys: TrustedKey[] = [];
  const revoked: TrustedKey[] = [];
  const wanted = port === 22 ? host : `[${host}]:${port}`;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: string | null = null;
    if (fields[0]?.startsWith('@')) marker = fields.shift() ?? null;
    const [names = '', type = '', base64 = ''] = fields;
    if (!KEY_TYPES.includes(type) || base64 === '') continue;
    if (marker === '@cert-authority') continue;
    if (!namesMatch(names, wanted)) continue;
    (marker === '@revoked' ? revoked : keys).push({ type, base64 });
  }
  return { keys, revoked };
}

function namesMatch(names: string, wanted: string): boolean {
  if (names.startsWith('|1|')) {
    const [, , salt = '', hash = ''] = names.split('|');
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(wanted).digest('base64');
    return mac === hash;
  }
  let matched = false;
  for (const pattern of names.split(',')) {
    const negated = pattern.startsWith('!');
    const p = negated ? pattern.slice(1) : pattern;
    if (globMatch(p, wanted)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** known_hosts patterns: `*` and `?` wildcards, everything else literal. */
function globMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (const ch of pattern) re += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${re}$`, 'i').test(name);
}

/** `SHA256:...` of a raw public key blob, as ssh-keygen -l prints it. */
export function sha256Fingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function md5Fingerprint(blob: Uint8Array): string {
  const hex = createHash('md5').update(blob).digest('hex');
  return `MD5:${hex.match(/../g)?.join(':') ?? hex}`;
}

/** The key type named inside a public key blob (its first SSH string). */
export function blobKeyType(blob: Uint8Array): string | null {
  if (blob.length < 4) return null;
  const len = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).readUInt32BE(0);
  if (len > blob.length - 4 || len > 64) return null;
  return Buffer.from(blob.subarray(4, 4 + len)).toString('latin1');
}

/** Does the blob the server presented match a trusted key or fingerprint? */
export function hostKeyTrusted(trust: HostTrust, blob: Uint8Array, revoked: TrustedKey[] = []): boolean {
  const b64 = Buffer.from(blob).toString('base64');
  if (revoked.some((k) => k.base64 === b64)) return false;
  if (trust.keys.some((k) => k.base64 === b64)) return true;
  const sha = sha256Fingerprint(blob);
  const md5 = md5Fingerprint(blob);
  return trust.fingerprints.some((f) => (f.hash === 'SHA256' ? f.value === sha : f.value === md5));
}

/** Host key algorithms to offer, limited to the families we can verify so the server shows one of those. */
export function hostKeyAlgorithms(trust: HostTrust): string[] {
  const families = new Set<string>();
  for (const k of trust.keys) families.add(familyOfType(k.type));
  for (const f of trust.fingerprints) families.add(f.family);
  const out: string[] = [];
  if (families.has('ED25519')) out.push('ssh-ed25519');
  if (families.has('ECDSA')) out.push('ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521');
  if (families.has('RSA')) out.push('rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa');
  return out;
}

function familyOfType(type: string): string {
  if (type.includes('ed25519')) return 'ED25519';
  if (type.includes('ecdsa')) return 'ECDSA';
  if (type === 'ssh-rsa') return 'RSA';
  if (type === 'ssh-dss') return 'DSA';
  return type.toUpperCase();
}
