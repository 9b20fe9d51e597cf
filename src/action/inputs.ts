// The action's inputs, read once into a typed settings object. Inputs are never read at import time.
import * as core from '@actions/core';
import { UserError, EXIT } from '../core/errors.ts';

export interface ActionSettings {
  /** A result file to read (subunit v2/v1 or JUnit XML). */
  results: string;
}

export function readSettings(): ActionSettings {
  const results = core.getInput('results');
  if (results === '') throw new UserError("input 'results' is required: the path of a subunit or JUnit XML result file", { exitCode: EXIT.usage });
  return { results };
}
