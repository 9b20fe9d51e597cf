// A lab gate test's folder (/var/tmp/tg-lab-gate-*: the run's report, the nodes' logs, the lab's
// throwaway keys and secrets file) is what a failed lab test is diagnosed from; a passing test's
// only piles up on a developer's machine. So each run gets its folder here, and the folder is
// removed when the test passed and kept, named in the test's output, when it failed.
import { rm } from 'node:fs/promises';
import type { TestContext } from 'node:test';
import { newLabGateDir, runLabGate, type LabGateOptions, type LabGateResult } from '../../scripts/lab/gate.ts';

/** runLabGate for test `t`: its folders go when `t` passes and stay when it fails. */
export function labGateFor(t: TestContext): (o: LabGateOptions) => Promise<LabGateResult> {
  const dirs: string[] = [];
  // context.passed is Node's (test.md, "context.passed"); @types/node 24.19 does not declare it yet.
  // Anything but true (a runtime without it) keeps the folders.
  const passed = (): boolean => (t as TestContext & { readonly passed?: boolean }).passed === true;
  t.after(async () => {
    for (const dir of dirs) {
      if (passed()) await rm(dir, { recursive: true, force: true });
      else t.diagnostic(`the lab gate's folder is kept: ${dir} (its report and the nodes' logs: report/cloud/artifacts/logs/)`);
    }
  });
  return async (o) => {
    // A folder the caller names is the caller's to keep; one made here is named even if the run throws.
    if (o.dir !== undefined) return runLabGate(o);
    const dir = await newLabGateDir();
    dirs.push(dir);
    return runLabGate({ ...o, dir });
  };
}
