// isoFromMicros (core/results/model.ts) writes every record's start and stop: its date part is
// cached per second and its six fraction digits come from a table. Held here to the plain
// formula it replaced, on whole and fractional microseconds, either side of second boundaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoFromMicros, microsFromIso } from '../../src/core/results/model.ts';

/** The formula before the table: the date to the second, then the rest padded to six places. */
function plainIso(micros: number): string {
  const second = Math.floor(micros / 1_000_000);
  return `${new Date(second * 1000).toISOString().slice(0, 20)}${String(micros - second * 1_000_000).padStart(6, '0')}Z`;
}

test('isoFromMicros: whole microseconds, every fraction digit place, and back through microsFromIso', () => {
  const base = 1_764_000_000_000_000;
  const cases = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10_000, 99_999, 100_000, 500_000, 999_000, 999_999];
  for (const f of cases) {
    for (const micros of [base + f, base - 1_000_000 + f, f, -1_000_000 + f]) {
      assert.equal(isoFromMicros(micros), plainIso(micros), String(micros));
      assert.equal(microsFromIso(isoFromMicros(micros)), micros);
    }
  }
  fc.assert(
    fc.property(fc.integer({ min: -62_000_000_000_000_000, max: 253_000_000_000_000_000 }), (micros) => isoFromMicros(micros) === plainIso(micros)),
    { numRuns: 20_000, seed: 7 },
  );
  // runs of one second, then back to an earlier one: the cached date part follows
  for (const micros of [base + 5, base + 999_999, base + 1_000_000, base + 7, base + 2_000_001]) assert.equal(isoFromMicros(micros), plainIso(micros));
});

test('isoFromMicros: a fraction of a microsecond is written as the plain formula writes it', () => {
  for (const micros of [1_764_000_000_000_000.5, 1_764_000_000_123_456.25, 0.5, 999_999.75]) assert.equal(isoFromMicros(micros), plainIso(micros));
});
