// npm run bench -- e2e: the whole gate on the embedded lab (scripts/lab/gate.ts, what
// `npm run gate-demo` runs) for the passing bundled change, time per stage, with provision and
// stack beside their floors: the bare Nova API by hand (bench/provision.bench.ts's curl floor,
// docs/provision.md: 5.1 s to ACTIVE for 3 servers) and stack.sh's own time on the controller
// (from its log, when it reports it). Target: the whole gate under 10 minutes on 2 cores.
import { prepareLab } from '../scripts/lab/lab.ts';
import { runLabGate } from '../scripts/lab/gate.ts';
import { stageTable } from '../scripts/lab/gate-format.ts';
import { leftoverLine } from '../scripts/lab/leftovers.ts';

/** docs/provision.md, "Speed": controller + 2 subnodes to ACTIVE with curl by hand (the floor). */
const PROVISION_FLOOR_S = 5.1;

export async function run(): Promise<void> {
  let lab;
  try {
    lab = await prepareLab({ say: (l) => console.log(l) });
  } catch (err) {
    console.log(`skipped: the lab is not ready: ${(err as Error).message}`);
    return;
  }
  const r = await runLabGate({
    change: 'compute-log-wording',
    cloudsYaml: lab.cloudsYaml,
    image: lab.image,
    flavor: lab.flavor,
    devstackRepo: lab.devstackRepo,
  });
  console.log(stageTable(r));
  const provision = r.stages.find((s) => s.stage === 'provision');
  if (provision)
    console.log(
      `provision: ${provision.seconds.toFixed(1)} s, ${(provision.seconds / PROVISION_FLOOR_S).toFixed(2)}x the bare API floor (${PROVISION_FLOOR_S} s)`,
    );
  const stackDone = /stack\.sh completed in (\d+) seconds/.exec(r.main.stdout);
  const stack = r.stages.find((s) => s.stage === 'stack');
  if (stack && stackDone) console.log(`stack: ${stack.seconds.toFixed(1)} s; the controller's stack.sh itself: ${stackDone[1]} s`);
  console.log(
    `verdict: ${r.main.outputs.result ?? 'error'}; left: ${r.leftovers ? leftoverLine(r.leftovers) : 'nothing requested'}; whole gate ${r.totalSeconds.toFixed(0)} s (target < 600 s)`,
  );
}
