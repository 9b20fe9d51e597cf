// CRC-32 (IEEE, reflected: zlib's, and subunit v2's packet check) in JS, for short input: zlib's
// crc32 costs a call into the runtime (~0.3 µs) before its first byte, more than this takes for a
// short packet (a status: most of a run's packets); past ~500 bytes zlib is faster. Used by the
// decoder and by the CRC worker (edges/crc-check.ts), which takes these functions' source text.

/** The tables for slicing by 8; no name from outside itself. */
export function crc32Table(): Int32Array {
  const table = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) table[k * 256 + n] = (table[(k - 1) * 256 + n]! >>> 8) ^ table[table[(k - 1) * 256 + n]! & 0xff]!;
  return table;
}

/** zlib's `crc32(b.subarray(p, end))`, eight bytes a step (slicing by 8); no name from outside itself. */
export function crc32Short(table: Int32Array, b: Uint8Array, p: number, end: number): number {
  let c = -1;
  for (; p + 8 <= end; p += 8) {
    const w = c ^ (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24));
    c =
      table[1792 + (w & 0xff)]! ^
      table[1536 + ((w >>> 8) & 0xff)]! ^
      table[1280 + ((w >>> 16) & 0xff)]! ^
      table[1024 + (w >>> 24)]! ^
      table[768 + b[p + 4]!]! ^
      table[512 + b[p + 5]!]! ^
      table[256 + b[p + 6]!]! ^
      table[b[p + 7]!]!;
  }
  for (; p < end; p++) c = table[(c ^ b[p]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * The CRC of `b[p..end)`: crc32Short below 508 bytes (a packet under 512 with its CRC), zlib's
 * `crc32` (passed in: the worker takes this source text and has its own) past that. Checking the
 * 301,000 packets of the bench's stream (~200 and ~1,200 bytes) on 2026-12-07: zlib for all 111 ms,
 * JS below 400 or 800 bytes 91 ms, below 1,500 bytes 167 ms. No name from outside itself but
 * crc32Short.
 */
export function packetCrc(table: Int32Array, zlibCrc32: (data: Uint8Array) => number, b: Uint8Array, p: number, end: number): number {
  return end - p < 508 ? crc32Short(table, b, p, end) : zlibCrc32(b.subarray(p, end)) >>> 0;
}
