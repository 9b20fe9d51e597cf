// Host key trust from cloud-init's console blocks and known_hosts, with keys made by real ssh-keygen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  hostKeyAlgorithms,
  hostKeyTrusted,
  md5Fingerprint,
  parseConsoleHostKeys,
  parseKnownHosts,
  sha256Fingerprint,
  blobKeyType,
} from '../../src/core/run/host-keys.ts';

interface Key {
  pub: string;
  blob: Buffer;
  sha256Line: string;
  md5Line: string;
}

function makeKeys(types: string[]): { dir: string; keys: Key[] } {
  const dir = mkdtempSync(join(tmpdir(), 'tg-hk-'));
  const keys = types.map((type, i) => {
    const f = join(dir, `k${i}`);
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'root@controller', '-f', f]);
    const pub = readFileSync(`${f}.pub`, 'utf8').trim();
    return {
      pub,
      blob: Buffer.from(pub.split(' ')[1] ?? '', 'base64'),
      sha256Line: execFileSync('ssh-keygen', ['-l', '-f', `${f}.pub`], { encoding: 'utf8' }).trim(),
      md5Line: execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', `${f}.pub`], { encoding: 'utf8' }).trim(),
    };
  });
  return { dir, keys };
}

test('our fingerprints equal ssh-keygen -l (SHA256 and MD5)', () => {
  const { dir, keys } = makeKeys(['ed25519', 'ecdsa', 'rsa']);
  try {
    for (const k of keys) {
      assert.equal(k.sha256Line.split(' ')[1], sha256Fingerprint(k.blob));
      assert.equal(k.md5Line.split(' ')[1], md5Fingerprint(k.blob));
      assert.equal(blobKeyType(k.blob), k.pub.split(' ')[0]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('console blocks with syslog prefixes, CRLF and noise give the keys; the last block wins', () => {
  const { dir, keys } = makeKeys(['ed25519', 'ecdsa', 'ed25519']);
  const [a, b, c] = keys as [Key, Key, Key];
  try {
    const p = '<14>Nov 25 06:00:00 ec2: ';
    const console = [
      '[    1.0] random kernel line -----END SSH HOST KEY FINGERPRINTS----- (outside any block)',
      `${p}-----BEGIN SSH HOST KEY FINGERPRINTS-----`,
      `${p}${c.sha256Line}`, // an old boot's key, replaced by the next block
      `${p}-----END SSH HOST KEY FINGERPRINTS-----`,
      `${p}-----BEGIN SSH HOST KEY FINGERPRINTS-----`,
      `${p}${a.sha256Line}`,
      `${p}${b.md5Line}`,
      `${p}not a fingerprint line`,
      `${p}-----END SSH HOST KEY FINGERPRINTS-----`,
      '-----BEGIN SSH HOST KEY KEYS-----',
      a.pub,
      `[   9.9] ${b.pub}`,
      '-----END SSH HOST KEY KEYS-----',
      '',
    ].join('\r\n');
    const trust = parseConsoleHostKeys(console);
    assert.deepEqual(
      trust.fingerprints.map((f) => f.family),
      ['ED25519', 'ECDSA'],
    );
    assert.equal(trust.keys.length, 2);
    assert.ok(hostKeyTrusted(trust, a.blob));
    assert.ok(hostKeyTrusted(trust, b.blob));
    assert.ok(!hostKeyTrusted(trust, c.blob), 'the old boot key is no longer trusted');
    // Fingerprints alone (the keys block is optional in older cloud-init) are enough.
    assert.ok(hostKeyTrusted({ keys: [], fingerprints: trust.fingerprints }, b.blob), 'MD5 fingerprint matches');
    assert.deepEqual(hostKeyAlgorithms(trust), ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a block cut off by the end of the console is not trusted', () => {
  const { dir, keys } = makeKeys(['ed25519']);
  try {
    const trust = parseConsoleHostKeys(`-----BEGIN SSH HOST KEY FINGERPRINTS-----\n${keys[0]?.sha256Line}\n`);
    assert.deepEqual(trust, { keys: [], fingerprints: [] });
    assert.deepEqual(hostKeyAlgorithms(trust), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('known_hosts: plain, [host]:port, hashed (ssh-keygen -H), wildcards, negation, @revoked', () => {
  const { dir, keys } = makeKeys(['ed25519', 'ecdsa', 'ed25519']);
  const [a, b, c] = keys as [Key, Key, Key];
  try {
    const kh = join(dir, 'known_hosts');
    const body = (k: Key): string => k.pub.split(' ').slice(0, 2).join(' ');
    execFileSync('sh', ['-c', `printf '%s\\n' "$1" > "$2"`, 'sh', `10.0.0.5 ${body(a)}`, kh]);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', kh]); // hash it like HashKnownHosts does
    const hashed = readFileSync(kh, 'utf8');
    assert.match(hashed, /^\|1\|/);
    const text = [
      '# comment',
      hashed.trim(),
      `[10.0.0.5]:2222 ${body(b)}`,
      `10.0.0.*,!10.0.0.9 ${body(c)}`,
      `@revoked 10.0.0.5 ${body(c)}`,
      `@cert-authority * ${body(b)}`,
      'garbage line',
    ].join('\n');
    const on22 = parseKnownHosts(text, '10.0.0.5');
    assert.deepEqual(
      on22.keys.map((k) => k.base64),
      [body(a).split(' ')[1], body(c).split(' ')[1]],
    );
    assert.ok(hostKeyTrusted({ keys: on22.keys, fingerprints: [] }, a.blob));
    assert.ok(!hostKeyTrusted({ keys: on22.keys, fingerprints: [] }, c.blob, on22.revoked), '@revoked wins');
    assert.deepEqual(
      parseKnownHosts(text, '10.0.0.5', 2222).keys.map((k) => k.type),
      ['ecdsa-sha2-nistp256'],
      'a non-standard port is matched as [host]:port only',
    );
    assert.deepEqual(parseKnownHosts(text, '10.0.0.9').keys, [], 'negated pattern excludes the host');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
