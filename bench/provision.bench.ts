// Provisioning speed on the local OpenStack (scripts/local-openstack/start.sh): a controller and
// 2 subnodes to ACTIVE and back to deleted, by
//   - tempest-gate (`provision` then `cleanup`, one process each, as CI runs them),
//   - the openstack CLI, `server create --wait` one by one, and in one request (--min 3 --max 3),
//     then `server delete --wait`,
//   - the floor: the same Nova calls made by hand with curl (token, 3 POSTs in parallel, poll the
//     list every 0.25 s, 3 DELETEs, poll until gone).
// Every client goes through the same counting proxy (test/helpers/fault-proxy.ts, no faults), so
// the API calls each one made are counted the same way.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DATA, NODE, table } from './lib.ts';
import { startFaultProxy, type FaultProxy } from '../test/helpers/fault-proxy.ts';
import { LOCAL_CLOUDS_YAML, localSession, writeCloudsYaml } from '../test/helpers/local-openstack.ts';
import { findImage, listNetworks } from '../src/edges/openstack/api.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const OPENSTACK = '/usr/bin/openstack';

interface Row {
  who: string;
  activeS: number;
  deletedS: number;
  totalS: number;
  calls: number;
  tokens: number;
}

/** Run a shell command (asynchronously: the counting proxy lives in this process). */
function sh(command: string, env: NodeJS.ProcessEnv): Promise<{ seconds: number; out: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`failed (${code}): ${command}\n${err}`));
      else resolve({ seconds: (performance.now() - t0) / 1000, out });
    });
  });
}

function counted(proxy: FaultProxy, from: number): { calls: number; tokens: number } {
  const seen = proxy.seen.slice(from);
  return { calls: seen.length, tokens: seen.filter((x) => x.method === 'POST' && /\/auth\/tokens/.test(x.path) && x.status === 201).length };
}

/**
 * The floor: a controller and 2 subnodes booted by hand with curl (token and catalog, 3 POSTs in
 * parallel, poll the list every 0.25 s until ACTIVE, 3 DELETEs, poll until gone). Seconds to ACTIVE
 * and in all. Also the e2e bench's provisioning floor, on the lab image.
 */
export async function provisionFloor(o: {
  authUrl: string;
  image: string;
  net: string;
  tag: string;
  env: NodeJS.ProcessEnv;
}): Promise<{ activeS: number; totalS: number }> {
  const { image, net } = o;
  const floor = join(BENCH_DATA, 'provision-floor.sh');
  writeFileSync(
    floor,
    `#!/bin/bash
# by hand: token + catalog, 3 servers in parallel, poll, delete in parallel, poll
set -eu
KS=${o.authUrl}
H=$(mktemp -d)
curl -s -D $H/h -o $H/t -H 'Content-Type: application/json' -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"secret"}}},"scope":{"project":{"name":"demo","domain":{"name":"Default"}}}}}' $KS/auth/tokens
T=$(awk -F': ' 'tolower($1)=="x-subject-token"{print $2}' $H/h | tr -d '\\r')
NOVA=$(jq -r '.token.catalog[]|select(.type=="compute").endpoints[]|select(.interface=="public").url' $H/t)
A=(-s -H "X-Auth-Token: $T" -H 'OpenStack-API-Version: compute 2.90' -H 'Content-Type: application/json')
for n in controller subnode-1 subnode-2; do
  curl "\${A[@]}" -o /dev/null -d '{"server":{"name":"'$1'-'$n'","imageRef":"${image}","flavorRef":"1","networks":[{"uuid":"${net}"}],"tags":["'$1'"]}}' $NOVA/servers &
done
wait
until [ "$(curl "\${A[@]}" "$NOVA/servers/detail?tags=$1" | jq '[.servers[]|select(.status=="ACTIVE")]|length')" = 3 ]; do sleep 0.25; done
date +%s.%N > $H/active
echo "active $(cat $H/active)"
for id in $(curl "\${A[@]}" "$NOVA/servers?tags=$1" | jq -r '.servers[].id'); do curl "\${A[@]}" -o /dev/null -X DELETE $NOVA/servers/$id & done
wait
until [ "$(curl "\${A[@]}" "$NOVA/servers?tags=$1" | jq '.servers|length')" = 0 ]; do sleep 0.25; done
rm -rf $H
`,
  );
  const t0 = Date.now() / 1000;
  const r = await sh(`bash ${floor} ${o.tag}`, o.env);
  return { activeS: Number(/active (\S+)/.exec(r.out)?.[1]) - t0, totalS: r.seconds };
}

const RUNNER = `
import { provisionCommand } from '${REPO}src/cli/commands/provision.ts';
import { cleanupCommand } from '${REPO}src/cli/commands/cleanup.ts';
import { runCommand } from '${REPO}src/cli/main.ts';
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env, signal: new AbortController().signal };
const [verb, ...args] = process.argv.slice(2);
process.exitCode = await runCommand(verb === 'provision' ? provisionCommand : cleanupCommand, args, io);
`;

export async function run(): Promise<void> {
  if (!existsSync(LOCAL_CLOUDS_YAML)) {
    console.log(`skipped: no local OpenStack (${LOCAL_CLOUDS_YAML}); run scripts/local-openstack/start.sh`);
    return;
  }
  const proxy = await startFaultProxy([]);
  const { dir, file } = await writeCloudsYaml({ authUrl: proxy.authUrl });
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, OS_CLIENT_CONFIG_FILE: file, OS_CLOUD: 'tg-test' };
  const runner = join(BENCH_DATA, 'provision-runner.ts');
  writeFileSync(runner, RUNNER);
  const rows: Row[] = [];
  const stamp = Date.now().toString(36);

  // ids the by-hand floor uses (looked up before its clock starts, as a human would have them)
  const s = localSession();
  const image = (await findImage(s, 'tiny')).id;
  const net = (await listNetworks(s)).find((n) => n.name === 'private')!.id;
  await s.close();

  try {
    // ---------------------------------------------------------------- tempest-gate
    for (let i = 0; i < 2; i++) {
      const id = `b${stamp}-${i}`;
      const from = proxy.seen.length;
      const p = await sh(
        `cd ${dir} && ${NODE} ${runner} provision --image tiny --flavor m1.tiny --subnodes 2 --run-id ${id} --state-dir ${dir}/st-${id} --json 2>/dev/null`,
        env,
      );
      const c = await sh(`cd ${dir} && ${NODE} ${runner} cleanup --state ${dir}/st-${id} 2>/dev/null`, env);
      const n = counted(proxy, from);
      rows.push({
        who: `tempest-gate (run ${i + 1})`,
        activeS: p.seconds,
        deletedS: c.seconds,
        totalS: p.seconds + c.seconds,
        calls: n.calls,
        tokens: n.tokens,
      });
    }

    // ---------------------------------------------------------------- floor: curl by hand
    for (let i = 0; i < 2; i++) {
      const from = proxy.seen.length;
      const f = await provisionFloor({ authUrl: proxy.authUrl, image, net, tag: `floor${stamp}${i}`, env });
      const n = counted(proxy, from);
      rows.push({
        who: `curl by hand, the floor (run ${i + 1})`,
        activeS: f.activeS,
        deletedS: f.totalS - f.activeS,
        totalS: f.totalS,
        calls: n.calls,
        tokens: n.tokens,
      });
    }

    // ---------------------------------------------------------------- openstack CLI
    if (existsSync(OPENSTACK)) {
      const os = `${OPENSTACK} --os-compute-api-version 2.90`;
      const names = ['controller', 'subnode-1', 'subnode-2'].map((n) => `cli${stamp}-${n}`);
      let from = proxy.seen.length;
      const one = await sh(names.map((n) => `${os} server create --image tiny --flavor m1.tiny --network private --wait ${n} >/dev/null`).join(' && '), env);
      const del1 = await sh(`${os} server delete --wait ${names.join(' ')}`, env);
      let n = counted(proxy, from);
      rows.push({
        who: 'openstack CLI, one by one',
        activeS: one.seconds,
        deletedS: del1.seconds,
        totalS: one.seconds + del1.seconds,
        calls: n.calls,
        tokens: n.tokens,
      });

      from = proxy.seen.length;
      const all = await sh(`${os} server create --image tiny --flavor m1.tiny --network private --min 3 --max 3 --wait cli${stamp}-all >/dev/null`, env);
      const ids = (await sh(`${os} server list --name '^cli${stamp}-all' -f value -c ID`, env)).out.trim().split('\n').join(' ');
      const del2 = await sh(`${os} server delete --wait ${ids}`, env);
      n = counted(proxy, from);
      rows.push({
        who: 'openstack CLI, one request (--min 3)',
        activeS: all.seconds,
        deletedS: del2.seconds,
        totalS: all.seconds + del2.seconds,
        calls: n.calls,
        tokens: n.tokens,
      });
    } else {
      console.log(`(no ${OPENSTACK}: the CLI rows are missing; scripts/local-openstack/setup.sh installs python3-openstackclient)`);
    }
  } finally {
    await proxy.close();
  }

  const best = (prefix: string) => rows.filter((r) => r.who.startsWith(prefix)).reduce((a, b) => (b.totalS < a.totalS ? b : a));
  const ours = best('tempest-gate');
  const floorRow = best('curl');
  console.log('controller + 2 subnodes to ACTIVE, then deleted (local OpenStack, fake virt driver, through a counting proxy)');
  console.log(
    table([
      ['who', 'to ACTIVE s', 'to deleted s', 'total s', 'API calls', 'tokens', 'total vs tempest-gate'],
      ...rows.map((r) => [
        r.who,
        Number(r.activeS.toFixed(2)),
        Number(r.deletedS.toFixed(2)),
        Number(r.totalS.toFixed(2)),
        r.calls,
        r.tokens,
        `${(r.totalS / ours.totalS).toFixed(2)}x`,
      ]),
    ]),
  );
  console.log(
    `tempest-gate / floor (best runs): ${(ours.totalS / floorRow.totalS).toFixed(2)}x in time (goal <= 1.5x), ${ours.calls} vs ${floorRow.calls} API calls`,
  );
  for (const cli of rows.filter((r) => r.who.startsWith('openstack')))
    console.log(`${cli.who} / tempest-gate: ${(cli.totalS / ours.totalS).toFixed(1)}x slower`);
  console.log(
    'tempest-gate includes two process starts, flavor/image/network lookups, keypair, 3 tagged ports, user-data and the microversion check; the floor has none of these.',
  );
}
