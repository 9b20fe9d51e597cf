// npm run bench -- e2e: the whole gate on the embedded lab (scripts/lab/gate.ts, what
// `npm run gate-demo` runs) for the passing bundled change, time per stage, with provision and
// stack beside their floors measured in the same run on the same lab:
//   - provision: a controller and 2 subnodes of the lab image booted by hand with curl (the
//     provision bench's floor: token, 3 POSTs in parallel, poll until ACTIVE, delete). The gate
//     does more (keypair, security group, floating IP, ports tagged for cleanup), so it can't reach it;
//   - stack: each node's own stack.sh time, from its devstacklog.txt in the fetched node logs
//     ("stack.sh completed in N seconds"): what the gate adds is the ordering and the polling.
// Target: the whole gate under 10 minutes on 2 cores.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { join } from 'node:path';
import { prepareLab } from '../scripts/lab/lab.ts';
import { runLabGate } from '../scripts/lab/gate.ts';
import { stageTable } from '../scripts/lab/gate-format.ts';
import { leftoverLine } from '../scripts/lab/leftovers.ts';
import { provisionFloor } from './provision.bench.ts';
import { localSession } from '../test/helpers/local-openstack.ts';
import { findImage, listNetworks } from '../src/edges/openstack/api.ts';
import { table } from './lib.ts';

/** Each node's own stack.sh seconds, from the node log archives the gate fetched. */
function stackShSeconds(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const logs = join(dir, 'report', 'logs');
  if (!existsSync(logs)) return out;
  for (const f of readdirSync(logs).filter((x) => x.endsWith('.tar.gz'))) {
    try {
      const text = execFileSync('tar', ['-xzOf', join(logs, f), 'opt/stack/logs/devstacklog.txt'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const m = /stack\.sh completed in (\d+) seconds/.exec(text);
      if (m) out.set(f.replace(/\.tar\.gz$/, ''), Number(m[1]));
    } catch {
      // a node whose archive has no stack log: no row
    }
  }
  return out;
}

export async function run(): Promise<void> {
  let lab;
  try {
    lab = await prepareLab({ say: (l) => console.log(l) });
  } catch (err) {
    console.log(`skipped: the lab is not ready: ${(err as Error).message}`);
    return;
  }
  // The floor first, on the same lab image and network (ids looked up before its clock starts).
  const s = localSession();
  const image = (await findImage(s, lab.image)).id;
  const net = (await listNetworks(s)).find((n) => n.name === 'private')!.id;
  await s.close();
  const doc = parseYaml(readFileSync(lab.cloudsYaml, 'utf8')) as { clouds: Record<string, { auth: { auth_url: string } }> };
  const authUrl = doc.clouds['tg-local']!.auth.auth_url;
  const floor = await provisionFloor({ authUrl, image, net, tag: `e2efloor${Date.now().toString(36)}`, env: { PATH: process.env.PATH } });

  const r = await runLabGate({
    change: 'compute-log-wording',
    cloudsYaml: lab.cloudsYaml,
    image: lab.image,
    flavor: lab.flavor,
    devstackRepo: lab.devstackRepo,
  });
  console.log(stageTable(r));
  const provision = r.stages.find((x) => x.stage === 'provision');
  const stack = r.stages.find((x) => x.stage === 'stack');
  const own = stackShSeconds(r.dir);
  const controllerOwn = own.get('controller');
  const subnodesOwn = Math.max(0, ...[...own].filter(([n]) => n !== 'controller').map(([, v]) => v));
  console.log('stage beside its floor (same run, same lab)');
  console.log(
    table([
      ['stage', 'the gate s', 'floor s', 'floor', 'gate / floor'],
      [
        'provision (3 servers)',
        Number((provision?.seconds ?? NaN).toFixed(1)),
        Number(floor.activeS.toFixed(1)),
        'curl by hand to ACTIVE',
        `${((provision?.seconds ?? NaN) / floor.activeS).toFixed(2)}x`,
      ],
      [
        'stack (controller, then subnodes)',
        Number((stack?.seconds ?? NaN).toFixed(1)),
        controllerOwn === undefined ? '-' : controllerOwn + subnodesOwn,
        "the nodes' own stack.sh, in order",
        controllerOwn === undefined ? '-' : `${((stack?.seconds ?? NaN) / (controllerOwn + subnodesOwn)).toFixed(2)}x`,
      ],
    ]),
  );
  console.log(
    `verdict: ${r.main.outputs.result ?? 'error'}; left: ${r.leftovers ? leftoverLine(r.leftovers) : 'nothing requested'}; whole gate ${r.totalSeconds.toFixed(0)} s (target < 600 s)`,
  );
}
