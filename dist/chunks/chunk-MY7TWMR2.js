import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;

// src/core/errors.ts
var EXIT = {
  ok: 0,
  /** The gate's verdict is "fail" (regressions, failures, per policy). */
  gateFailed: 1,
  /** Wrong command line: unknown verb, flag or value. */
  usage: 2,
  /** Input that could not be read whole: damaged stream, malformed file. What was good is still output. */
  badInput: 3,
  /** The cloud, SSH or GitHub failed us: an infrastructure failure, not a test failure. */
  infra: 4,
  /** A bug in tempest-gate. */
  internal: 70
};
function formatPlace(place) {
  const parts = [];
  if (place.file !== void 0) parts.push(place.file);
  if (place.line !== void 0) parts.push(`line ${place.line}${place.column !== void 0 ? `, column ${place.column}` : ""}`);
  if (place.offset !== void 0) parts.push(`byte ${place.offset}`);
  return parts.join(": ");
}
var UserError = class extends Error {
  exitCode;
  place;
  constructor(message, options = {}) {
    const text = options.place ? `${formatPlace(options.place)}: ${message}` : message;
    super(text.replace(/\r\n|\r|\n/g, "\\n"), { cause: options.cause });
    this.name = "UserError";
    this.exitCode = options.exitCode ?? EXIT.badInput;
    this.place = options.place;
  }
};
function usageError(message) {
  return new UserError(message, { exitCode: EXIT.usage });
}

export {
  EXIT,
  UserError,
  usageError
};
