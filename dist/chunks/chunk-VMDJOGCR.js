import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url); var __filename = import.meta.filename; var __dirname = import.meta.dirname;

// src/core/run/shell-quote.ts
function shQuote(value) {
  if (value.includes("\0")) {
    throw new Error("a NUL byte cannot be passed to a remote shell");
  }
  if (value !== "" && /^[A-Za-z0-9_@%+:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
function shJoin(argv) {
  return argv.map(shQuote).join(" ");
}

export {
  shQuote,
  shJoin
};
