// The run's SSH key: every generated public key must be one Nova accepts (it parses keys with
// pyca/cryptography). ssh2 alone gets about 1 in 400 wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import ssh2 from 'ssh2';
import { generateRunKey } from '../../src/edges/openstack/provisioner.ts';

const CHECK = `
import sys
from cryptography.hazmat.primitives import serialization
bad = 0
for line in sys.stdin:
    try:
        serialization.load_ssh_public_key(line.strip().encode())
    except ValueError:
        bad += 1
print(bad)
`;

test(
  '3000 run keys, all valid for pyca/cryptography (as Nova checks them); the private half parses',
  { skip: !existsSync('/usr/bin/python3') && !process.env.CI ? 'no /usr/bin/python3' : false },
  () => {
    const keys = Array.from({ length: 3000 }, () => generateRunKey('tempest-gate-x'));
    const bad = execFileSync('/usr/bin/python3', ['-c', CHECK], { input: keys.map((k) => k.public).join('\n') })
      .toString()
      .trim();
    assert.equal(bad, '0');
    const parsed = ssh2.utils.parseKey(keys[0]!.private);
    assert.ok(!(parsed instanceof Error), parsed instanceof Error ? String(parsed) : undefined);
  },
);
