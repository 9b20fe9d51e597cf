// "Not there" among the baseline stores' errors, in a module of its own so that every store
// (baseline-store.ts, baseline-artifact.ts) can throw it without importing the other.
import { EXIT, UserError } from '../core/errors.ts';

/**
 * The store has no such baseline (or no such branch, or no repository): a bare name that is not
 * there, which a lookup with fallbacks may pass over. `detail` says why without the name.
 */
export class BaselineNotFound extends UserError {
  readonly detail: string;
  constructor(message: string, detail: string, options: { place?: { file: string } } = {}) {
    super(message, { exitCode: EXIT.badInput, ...options });
    this.name = 'BaselineNotFound';
    this.detail = detail;
  }
}
