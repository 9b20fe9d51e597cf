// The file edge: read inputs (a path or '-' for stdin) and write outputs, with errors that name the file.
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
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

export async function writeOutput(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  } catch (err) {
    throw new UserError(`cannot write: ${describe(err)}`, { place: { file: path }, cause: err });
  }
}
