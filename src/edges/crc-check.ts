// The CRC32 check of a subunit v2 file, on a second core: a worker thread walks the file's packet
// chain and checks every CRC while the main thread decodes the same file trusting them. The
// worker's verdict says whether that trust held: the file is one unbroken chain of packets from
// byte 0 to the end, each with a valid length and CRC. Then the decoder, which follows the same
// chain, made exactly the choices it would have made checking CRCs itself (a good CRC changes
// nothing); otherwise the caller parses again, checking (tempest-gate parse does).
import { Worker } from 'node:worker_threads';
import { crc32Short, crc32Table, packetCrc } from '../core/results/crc32.ts';

export interface CrcVerdict {
  /** The whole file is a clean chain of packets with good CRCs. */
  clean: boolean;
  packets: number;
  /** Why it is not clean (the first problem), for tests and debugging. */
  reason?: string;
}

/**
 * The worker's body. It runs in the worker from its source text (an `eval` worker: nothing to
 * locate on disk, in src/ or in dist/), so it uses no import and no name from outside itself but
 * crc32Table, crc32Short and packetCrc, whose source goes with it.
 */
function crcWorkerMain(): void {
  const threads = process.getBuiltinModule('node:worker_threads');
  const parentPort = threads.parentPort;
  const { openSync, readSync, closeSync } = process.getBuiltinModule('node:fs');
  const { crc32 } = process.getBuiltinModule('node:zlib');
  const { path, chunkSize } = threads.workerData as { path: string; chunkSize: number };
  const verdict = (clean: boolean, packets: number, reason?: string) => parentPort!.postMessage({ clean, packets, reason });
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    verdict(false, 0, String(err));
    return;
  }
  const chunk = new Uint8Array(chunkSize);
  // A packet cut by a read boundary is gathered here (one buffer, grown only for a bigger packet:
  // no fresh memory per read), then checked whole.
  let carry = new Uint8Array(1 << 17);
  let carryLen = 0;
  /** The gathered packet's length, or 0 while its first 6 bytes are not all in. */
  let carryNeed = 0;
  let packets = 0;
  let offset = 0; // stream offset of chunk[0]
  /** The packet length its header at buf[p] declares, or a reason it is not a clean packet. */
  const header = (buf: Uint8Array, p: number): number | string => {
    const b0 = buf[p + 3]!;
    if ((b0 & 0xc0) === 0xc0) return '4-byte packet length';
    const size = (b0 & 0xc0) === 0 ? 1 : (b0 & 0xc0) === 0x40 ? 2 : 3;
    let length = b0 & 0x3f;
    for (let i = 1; i < size; i++) length = length * 256 + buf[p + 3 + i]!;
    return length < 10 ? `packet length ${length}` : length;
  };
  const table = crc32Table();
  const crcOk = (buf: Uint8Array, p: number, length: number): boolean => {
    const end = p + length;
    const stored = ((buf[end - 4]! << 24) | (buf[end - 3]! << 16) | (buf[end - 2]! << 8) | buf[end - 1]!) >>> 0;
    return packetCrc(table, crc32, buf, p, end - 4) === stored;
  };
  const gather = (data: Uint8Array, from: number, count: number): void => {
    if (carryLen + count > carry.length) {
      const bigger = new Uint8Array(Math.max(carry.length * 2, carryLen + count));
      bigger.set(carry.subarray(0, carryLen));
      carry = bigger;
    }
    carry.set(data.subarray(from, from + count), carryLen);
    carryLen += count;
  };
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunkSize, null);
      if (n === 0) break;
      let p = 0;
      if (carryLen > 0) {
        const start = offset - carryLen;
        if (carryNeed === 0) {
          const take = Math.min(6 - carryLen, n);
          gather(chunk, 0, take);
          p = take;
          if (carryLen >= 6) {
            const h = header(carry, 0);
            if (typeof h === 'string') return verdict(false, packets, `byte ${start}: ${h}`);
            carryNeed = h;
          }
        }
        if (carryNeed > 0) {
          const take = Math.min(carryNeed - carryLen, n - p);
          gather(chunk, p, take);
          p += take;
          if (carryLen === carryNeed) {
            if (!crcOk(carry, 0, carryNeed)) return verdict(false, packets, `byte ${start}: bad CRC`);
            packets++;
            carryLen = carryNeed = 0;
          }
        }
      }
      while (p < n) {
        if (chunk[p] !== 0xb3) return verdict(false, packets, `byte ${offset + p} is not a packet signature`);
        if (n - p < 6) {
          gather(chunk, p, n - p);
          break;
        }
        const h = header(chunk, p);
        if (typeof h === 'string') return verdict(false, packets, `byte ${offset + p}: ${h}`);
        if (n - p < h) {
          carryNeed = h;
          gather(chunk, p, n - p);
          break;
        }
        if (!crcOk(chunk, p, h)) return verdict(false, packets, `byte ${offset + p}: bad CRC`);
        packets++;
        p += h;
      }
      offset += n;
    }
    if (carryLen) return verdict(false, packets, `byte ${offset - carryLen}: the last packet is cut short`);
    verdict(true, packets);
  } catch (err) {
    verdict(false, packets, String(err));
  } finally {
    closeSync(fd);
  }
}

/** Start checking `path`'s CRCs on a worker thread. `cancel()` stops it (its verdict is then unclean). */
export function startCrcCheck(path: string, chunkSize = 1 << 20): { verdict: Promise<CrcVerdict>; cancel(): void } {
  const source = [crc32Table, crc32Short, packetCrc].map(String).join('\n') + `\n(${crcWorkerMain.toString()})()`;
  const worker = new Worker(source, { eval: true, workerData: { path, chunkSize } });
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
