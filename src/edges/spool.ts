// A spool: text written in order and read back once, in order, kept in memory up to a limit and
// past it in an unlinked temporary file. For output that cannot go out as it is made: JUnit's
// totals head the document but are known only at its end, and a big subunit file read trusting
// its CRCs may be read again (edges/crc-check.ts), which must drop what the first pass wrote.
// Memory stays flat in the size of the output (a million tests' JUnit is ~150 MB). A spool `onto`
// an output file is that file: for a document that can go out as it is made (results JSON), with
// the same buffered encoding and the same start-again, and nothing read back.
import { closeSync, ftruncateSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, UserError } from '../core/errors.ts';
import { cannotWrite } from './files.ts';

/** Text is encoded into buffers of this size (one write per buffer once the spool is a file). */
const BUFFER_BYTES = 1 << 20;
/** Text units joined before they are encoded (48 KiB at most, at 3 bytes a unit). */
const PENDING_UNITS = 1 << 14;

export class Spool {
  private buf: Buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private readonly held: Buffer[] = [];
  private heldBytes = 0;
  private fd: number | null = null;
  private fileBytes = 0;
  private readonly memoryLimit: number;
  /** Text not yet encoded: short pieces joined (a rope, no copy), encoded together. */
  private pending = '';

  /** An output file this spool writes straight to (`onto`): errors name it. */
  private outputPath: string | null = null;
  /** Writes go at explicit offsets (not: an output written straight, until it is reset). */
  private seek = true;

  /** `memoryLimit`: bytes kept in memory before the spool moves to a temporary file (tests lower it). */
  constructor(memoryLimit = 4 << 20) {
    this.memoryLimit = memoryLimit;
  }

  /**
   * A spool that is the output itself: text goes straight to `fd` (the output file `path`, which
   * the caller opened and will close) in buffers of 1 MiB, and `reset()` empties that file. For a
   * document whose head is known before its first test (results JSON): nothing is read back.
   * `finish()` writes out what is pending; such a spool is not drained.
   */
  static onto(fd: number, path: string): Spool {
    const spool = new Spool(0);
    spool.fd = fd;
    spool.outputPath = path;
    spool.seek = false;
    return spool;
  }

  /** Write out what is pending (a spool `onto` an output: the document is then all in its file). */
  finish(): void {
    this.encodePending();
    this.flush();
  }

  write(text: string): void {
    // Encoding a piece is a call into the runtime that costs more than a short piece's bytes: the
    // pieces (a test's element is ~170 bytes) are joined and encoded 16 Ki units at a time (64 Ki
    // held JSON's peak 12 MiB higher, for no speed).
    this.pending += text;
    if (this.pending.length >= PENDING_UNITS) this.encodePending();
  }

  private encodePending(): void {
    const text = this.pending;
    this.pending = '';
    if (text.length === 0) return;
    // A UTF-16 unit is at most 3 UTF-8 bytes: text that may not fit goes after what is there.
    if (this.used + text.length * 3 > this.buf.length) {
      this.flush();
      if (text.length * 3 > this.buf.length) {
        this.keep(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  /** Drop everything written so far. */
  reset(): void {
    this.pending = '';
    this.used = 0;
    this.held.length = 0;
    this.heldBytes = 0;
    if (this.fd !== null) ftruncateSync(this.fd, 0);
    this.fileBytes = 0;
    this.seek = true;
  }

  /** Bytes written so far. */
  get size(): number {
    this.encodePending();
    return this.heldBytes + this.fileBytes + this.used;
  }

  /** Whether the spool has moved to a temporary file. */
  get onDisk(): boolean {
    this.encodePending();
    return this.fd !== null;
  }

  private flush(): void {
    if (this.used === 0) return;
    if (this.fd !== null) {
      // On disk: the buffer is written out and used again.
      this.append(this.buf.subarray(0, this.used));
      this.used = 0;
      return;
    }
    const full = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(BUFFER_BYTES);
    this.used = 0;
    this.keep(full);
  }

  private keep(bytes: Buffer): void {
    if (this.fd === null && this.heldBytes + bytes.length <= this.memoryLimit) {
      this.held.push(bytes);
      this.heldBytes += bytes.length;
      return;
    }
    if (this.fd === null) this.fd = openTemp();
    for (const b of this.held.splice(0)) this.append(b);
    this.heldBytes = 0;
    this.append(bytes);
  }

  private append(bytes: Uint8Array): void {
    let done = 0;
    try {
      // An output written straight (`onto`) goes at the file's own offset, so that any file will
      // do (a FIFO cannot seek); after a reset, which empties a regular file, at explicit offsets.
      while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done, this.seek ? this.fileBytes + done : null);
    } catch (err) {
      if (this.outputPath !== null) throw cannotWrite(this.outputPath, err);
      throw spoolError('cannot write the temporary file that holds the output', err);
    }
    this.fileBytes += bytes.length;
  }

  /**
   * Everything written, in order, then the spool is closed (its file, if any, is gone). With
   * `reuse`, the bytes read back from the file come in one buffer used again for each chunk: a
   * chunk is then valid only until the next is asked for (a consumer that writes each one before
   * it asks again, as fs.writeFile does). Without, each chunk is fresh memory (the consumer may
   * keep it, as a stream's queue does), which the collector frees only tens of megabytes later.
   */
  *drain(reuse = false, chunkSize = 1 << 20): Generator<Uint8Array> {
    this.encodePending();
    this.flush();
    try {
      yield* this.held;
      if (this.fd === null) return;
      let position = 0;
      let buf = reuse ? Buffer.allocUnsafe(chunkSize) : null;
      while (position < this.fileBytes) {
        const want = Math.min(chunkSize, this.fileBytes - position);
        buf = reuse && buf !== null ? buf : Buffer.allocUnsafe(want);
        const n = readSync(this.fd, buf, 0, want, position);
        if (n === 0) break;
        position += n;
        yield n === buf.length ? buf : buf.subarray(0, n);
        if (!reuse) buf = null;
      }
    } finally {
      this.close();
    }
  }

  close(): void {
    this.pending = '';
    if (this.fd !== null && this.outputPath === null) closeSync(this.fd);
    this.fd = null;
    this.held.length = 0;
    this.heldBytes = this.fileBytes = this.used = 0;
  }
}

/** A temporary file already unlinked: nothing is left behind, whatever ends the process. */
function openTemp(): number {
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'tempest-gate-spool-'));
  } catch (err) {
    throw spoolError('cannot make a temporary file to hold the output', err);
  }
  try {
    return openSync(join(dir, 'out'), 'w+');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The machine failed us (a full disk, no temporary directory): exit 4, one line naming the directory. */
function spoolError(what: string, err: unknown): UserError {
  return new UserError(`${what}: ${(err as Error).message}`, { place: { file: tmpdir() }, cause: err, exitCode: EXIT.infra });
}
