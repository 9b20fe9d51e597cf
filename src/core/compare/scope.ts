// The baseline, cut to what a run was asked to run: a gate that ran a change's subset compares it
// with the same tests of the baseline, so a baseline test outside the selection is "not selected",
// never "removed". Pure.
import { parseTestId } from '../results/model.ts';
import type { Baseline } from './model.ts';

/** A class-level fixture's class (`setUpClass (pkg.mod.Class)` → `pkg.mod.Class`), else null. */
function fixtureClass(name: string): string | null {
  const m = /^(?:setUpClass|tearDownClass) \((.*)\)$/.exec(name);
  return m ? (m[1] ?? null) : null;
}

/**
 * The baseline's tests that the selection holds (`selected`: test ids as the include lists name
 * them, with or without `[attrs]`), plus the class fixtures of the classes it holds. Returns the
 * baseline itself when every test is in scope.
 */
export function baselineInScope(baseline: Baseline, selected: readonly string[]): { baseline: Baseline; outOfScope: number } {
  const names = new Set<string>();
  const classes = new Set<string>();
  for (const id of selected) {
    const parts = parseTestId(id);
    names.add(parts.name);
    if (parts.className !== '') classes.add(parts.className);
  }
  const tests = baseline.tests.filter((t) => {
    if (names.has(t.name)) return true;
    const cls = fixtureClass(t.name);
    return cls !== null && classes.has(cls);
  });
  if (tests.length === baseline.tests.length) return { baseline, outOfScope: 0 };
  return { baseline: { ...baseline, tests }, outOfScope: baseline.tests.length - tests.length };
}
