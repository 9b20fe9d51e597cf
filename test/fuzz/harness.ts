// The fuzz suite's harness (test/fuzz/*.test.ts): fast-check properties over every reader and
// every verb's inputs, with one seed per run (TG_FUZZ_SEED to replay one, else a fresh one,
// printed), a case count per property, and the one promise they all check: bad input is a
// UserError (a one-line message and an exit code), never another exception, and no case hangs.
import fc from 'fast-check';
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../src/core/errors.ts';

/** One seed for the whole file: printed, so a failure can be replayed with TG_FUZZ_SEED. */
export const SEED = process.env.TG_FUZZ_SEED ? Number(process.env.TG_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** Scale every property's case count (TG_FUZZ_SCALE=10 for a longer hunt). */
const SCALE = Number(process.env.TG_FUZZ_SCALE ?? '1');
/**
 * A case that takes longer than this is a hang. The inputs are at most tens of KB: each case
 * takes milliseconds, so even a loaded machine stays far below it (a quadratic reader on
 * 100 KB, or a backtracking regex, would not).
 */
export const HANG_MS = 5000;

interface Tally {
  cases: number;
  rejected: number;
  maxMs: number;
}
const tallies = new Map<string, Tally>();
/** Properties that found a crash or a hang (the counterexample is in the test's failure). */
const failed: string[] = [];

after(() => {
  let cases = 0;
  const lines = [...tallies].map(([name, t]) => {
    cases += t.cases;
    return `  ${name}: ${t.cases} cases (${t.rejected} bad input), slowest ${t.maxMs.toFixed(1)} ms`;
  });
  const verdict = failed.length ? `FAILED in ${failed.join(', ')} (replay: TG_FUZZ_SEED=${SEED})` : '0 crashes, 0 hangs';
  process.stdout.write(`fuzz (seed ${SEED}): ${cases} cases, ${verdict}\n${lines.join('\n')}\n`);
});

/** Bad input is a UserError with an exit code of 2 (usage) or 3 (bad input); anything else thrown is a crash. */
export function expectUserError(err: unknown, codes: readonly number[] = [2, 3]): void {
  if (!(err instanceof UserError)) throw err instanceof Error ? err : new Error(String(err));
  assert.ok(codes.includes(err.exitCode), `exit code ${err.exitCode} for: ${err.message}`);
  assert.ok(!err.message.includes('\n'), `a one-line message: ${JSON.stringify(err.message)}`);
}

/** Run `check` on `runs` generated cases; it returns 'bad' when the input was refused as bad input. */
export async function fuzz<T>(name: string, arb: fc.Arbitrary<T>, runs: number, check: (value: T) => 'ok' | 'bad' | Promise<'ok' | 'bad'>): Promise<void> {
  const t: Tally = { cases: 0, rejected: 0, maxMs: 0 };
  tallies.set(name, t);
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (value) => {
        const t0 = performance.now();
        const outcome = await check(value);
        const ms = performance.now() - t0;
        t.cases++;
        if (outcome === 'bad') t.rejected++;
        t.maxMs = Math.max(t.maxMs, ms);
        assert.ok(ms < HANG_MS, `a case took ${ms.toFixed(0)} ms`);
      }),
      { seed: SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), endOnFailure: true },
    );
  } catch (err) {
    failed.push(name);
    throw err;
  }
}

/** Call a reader: 'ok' when it returns, 'bad' when it refuses with a UserError, else the crash is thrown. */
export function reads(read: () => unknown, codes?: readonly number[]): 'ok' | 'bad' {
  try {
    read();
    return 'ok';
  } catch (err) {
    expectUserError(err, codes);
    return 'bad';
  }
}

export async function readsAsync(read: () => Promise<unknown>, codes?: readonly number[]): Promise<'ok' | 'bad'> {
  try {
    await read();
    return 'ok';
  } catch (err) {
    expectUserError(err, codes);
    return 'bad';
  }
}

/** Edits of a real input: bytes flipped, ranges cut, duplicated or inserted, the end cut off. */
export function mutated(base: Uint8Array, maxEdits = 6): fc.Arbitrary<Uint8Array> {
  const edit = fc.record({
    op: fc.constantFrom('flip', 'cut', 'dup', 'insert', 'truncate', 'byte'),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 64 }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  });
  return fc.array(edit, { maxLength: maxEdits }).map((edits) => {
    let b = Buffer.from(base);
    for (const e of edits) {
      const at = b.length ? e.at % b.length : 0;
      if (e.op === 'flip' && b.length) b[at] = b[at]! ^ (1 << (e.len % 8));
      else if (e.op === 'byte' && b.length) b[at] = e.bytes[0]!;
      else if (e.op === 'cut') b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.len)]);
      else if (e.op === 'dup') b = Buffer.concat([b.subarray(0, at + e.len), b.subarray(at, at + e.len), b.subarray(at + e.len)]);
      else if (e.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(e.bytes), b.subarray(at)]);
      else if (e.op === 'truncate') b = b.subarray(0, at);
    }
    return new Uint8Array(b);
  });
}

/** Text edits of a real text input, in characters (so the result stays text, as a user's file would). */
export function mutatedText(base: string, tokens: readonly string[], maxEdits = 6): fc.Arbitrary<string> {
  const edit = fc.record({
    op: fc.constantFrom('cut', 'dup', 'insert', 'token', 'truncate'),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 40 }),
    text: fc.string({ maxLength: 12, unit: 'binary' }),
    token: fc.constantFrom(...tokens),
  });
  return fc.array(edit, { maxLength: maxEdits }).map((edits) => {
    let s = base;
    for (const e of edits) {
      const at = s.length ? e.at % s.length : 0;
      if (e.op === 'cut') s = s.slice(0, at) + s.slice(at + e.len);
      else if (e.op === 'dup') s = s.slice(0, at + e.len) + s.slice(at, at + e.len) + s.slice(at + e.len);
      else if (e.op === 'insert') s = s.slice(0, at) + e.text + s.slice(at);
      else if (e.op === 'token') s = s.slice(0, at) + e.token + s.slice(at);
      else s = s.slice(0, at);
    }
    return s;
  });
}

/** Split points for feeding a parser chunk by chunk. */
export const splits = fc.array(fc.integer({ min: 1, max: 4096 }), { maxLength: 6 });

export function chunked(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const n of sizes) {
    if (at >= bytes.length) break;
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  if (at < bytes.length) out.push(bytes.subarray(at));
  return out;
}
