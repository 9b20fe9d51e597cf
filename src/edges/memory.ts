// A full garbage collection on request, for the one place it pays: right after a big baseline is
// loaded. Its load leaves ~250 MB of parsed JSON behind at 1,000,000 tests; V8 may have run its
// last full collection just before that became garbage, and then runs none while the run is read,
// so the garbage stays to the end and the peak differs by 300 MB from one run to the next. One
// collection here (~0.2 s at 1,000,000 tests) makes the peak the same every time.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/** Collect garbage now (a full, blocking collection). Does nothing where the runtime does not allow it. */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      // A context made after the flag is set has V8's gc() as a global; this one's does not.
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
