// The CRC32 check of a subunit v2 file, on a second core: a worker thread walks the file's packet
// chain and checks every CRC while the main thread decodes the same file trusting them. The
// worker's verdict says whether that trust held: the file is one unbroken chain of packets from
// byte 0 to the end, each with a valid length and CRC. Then the decoder, which follows the same
// chain, made exactly the choices it would have made checking CRCs itself (a good CRC changes
// nothing); otherwise the caller parses again, checking (tempest-gate parse does).
import { Worker } from 'node:worker_threads';

export interface CrcVerdict {
  /** The whole file is a clean chain of packets with good CRCs. */
  clean: boolean;
  packets: number;
  /** Why it is not clean (the first problem), for tests and debugging. */
  reason?: string;
}

/**
 * The worker's body. It runs in the worker from its source text (an `eval` worker: nothing to
 * locate on disk, in src/ or in dist/), so it uses no import and no name from outside itself.
 */
function crcWorkerMain(): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  const { openSync, readSync, closeSync } = process.getBuiltinModule('node:fs');
  const { crc32 } = process.getBuiltinModule('node:zlib');
  const { path, chunkSize } = workerData as { path: string; chunkSize: number };
  const verdict = (clean: boolean, packets: number, reason?: string) => parentPort!.postMessage({ clean, packets, reason });
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    verdict(false, 0, String(err));
    return;
  }
  const chunk = new Uint8Array(chunkSize);
  // The bytes of a packet cut by a read boundary, completed from the next read.
  let carry = new Uint8Array(0);
  let packets = 0;
  let offset = 0;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunkSize, null);
      if (n === 0) break;
      let data = chunk.subarray(0, n);
      if (carry.length) {
        const joined = new Uint8Array(carry.length + n);
        joined.set(carry);
        joined.set(data, carry.length);
        data = joined;
      }
      let p = 0;
      while (p < data.length) {
        if (data[p] !== 0xb3) return verdict(false, packets, `byte ${offset + p} is not a packet signature`);
        if (data.length - p < 6) break;
        const b0 = data[p + 3]!;
        if ((b0 & 0xc0) === 0xc0) return verdict(false, packets, `byte ${offset + p}: 4-byte packet length`);
        const size = (b0 & 0xc0) === 0 ? 1 : (b0 & 0xc0) === 0x40 ? 2 : 3;
        let length = b0 & 0x3f;
        for (let i = 1; i < size; i++) length = length * 256 + data[p + 3 + i]!;
        if (length < 10 || length < 3 + size + 4) return verdict(false, packets, `byte ${offset + p}: packet length ${length}`);
        if (data.length - p < length) break;
        const end = p + length;
        const stored = ((data[end - 4]! << 24) | (data[end - 3]! << 16) | (data[end - 2]! << 8) | data[end - 1]!) >>> 0;
        if ((crc32(data.subarray(p, end - 4)) >>> 0) !== stored) return verdict(false, packets, `byte ${offset + p}: bad CRC`);
        packets++;
        p = end;
      }
      offset += p;
      // a copy: the read buffer is reused
      carry = data.slice(p);
    }
    if (carry.length) return verdict(false, packets, `byte ${offset}: the last packet is cut short`);
    verdict(true, packets);
  } catch (err) {
    verdict(false, packets, String(err));
  } finally {
    closeSync(fd);
  }
}

/** Start checking `path`'s CRCs on a worker thread. `cancel()` stops it (its verdict is then unclean). */
export function startCrcCheck(path: string, chunkSize = 1 << 20): { verdict: Promise<CrcVerdict>; cancel(): void } {
  const worker = new Worker(`(${crcWorkerMain.toString()})()`, { eval: true, workerData: { path, chunkSize } });
  const verdict = new Promise<CrcVerdict>((resolve) => {
    worker.once('message', (v: CrcVerdict) => {
      resolve(v);
      void worker.terminate();
    });
    worker.once('error', (err) => resolve({ clean: false, packets: 0, reason: String(err) }));
    worker.once('exit', () => resolve({ clean: false, packets: 0, reason: 'the check stopped' }));
  });
  return { verdict, cancel: () => void worker.terminate() };
}
