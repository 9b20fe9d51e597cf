// The file edge: read inputs (a path or '-' for stdin) and write outputs, with errors that name the file.
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../core/errors.ts';

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return e.message ?? String(err);
  }
}

/**
 * Read a file through two reused buffers: `onChunk` gets a view of one while the next read fills
 * the other, and that view is overwritten two reads later (a consumer that keeps bytes copies
 * them: ResultParser.push's `transient`). Fresh memory per chunk costs more than the read itself:
 * the kernel zeroes and maps every new page (156 MB in 1 MiB chunks: 125 ms into fresh buffers,
 * 34 ms into one reused buffer).
 */
export async function readFileReusing(path: string, onChunk: (chunk: Uint8Array) => void, size = 1 << 20): Promise<void> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (err) {
    throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
  }
  try {
    const buffers = [new Uint8Array(size), new Uint8Array(size)] as const;
    let position = 0;
    let which = 0;
    const readInto = (buffer: Uint8Array): Promise<number> => {
      const p = file.read(buffer, 0, size, position).then(
        (r) => r.bytesRead,
        (err: unknown) => {
          throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
        },
      );
      p.catch(() => undefined); // awaited below; never an unhandled rejection if onChunk throws first
      return p;
    };
    let next = readInto(buffers[0]);
    for (;;) {
      const n = await next;
      if (n === 0) return;
      const current = buffers[which]!;
      position += n;
      which ^= 1;
      next = readInto(buffers[which]!);
      onChunk(n === size ? current : current.subarray(0, n));
    }
  } finally {
    await file.close();
  }
}

/** The size of a regular file; 0 for anything else (a pipe, a device) or what cannot be read. */
export async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : 0;
  } catch {
    return 0;
  }
}

/** Stream a file (or stdin for '-') chunk by chunk. */
export async function* readChunks(path: string, stdin: NodeJS.ReadableStream = process.stdin): AsyncGenerator<Uint8Array> {
  const source = path === '-' ? stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of source) {
      yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
    }
  } catch (err) {
    throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}

export async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new UserError(`cannot read: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}

/**
 * Write a whole output file: to a temporary name beside it, then renamed over it, so a verb
 * ended by a signal (SIGINT/SIGTERM end the verbs that hold nothing at once, see cli/main.ts)
 * or a failure leaves the file as it was, never half written.
 */
export async function writeOutput(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    // A device or a pipe (-o /dev/stdout) is written as it is: it cannot be renamed over.
    const existing = await stat(path).catch(() => null);
    if (existing !== null && !existing.isFile()) return await writeFile(path, data);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new UserError(`cannot write: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}
