// The file edge: read inputs (a path or '-' for stdin) and write outputs, with errors that name the file.
import { closeSync, createReadStream, openSync, unlinkSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
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
 * The temporary name an output is written under before it is renamed over the file: hidden,
 * marked as tempest-gate's and as unfinished, and carrying the host and the process that writes
 * it, so that a later run can tell a leftover (SIGKILL, a power cut: nothing runs on the way out)
 * from a write in progress.
 */
export function partialName(file: string, pid = process.pid, host = hostname()): string {
  return `.${file}.tempest-gate-partial.${host}.${pid}.tmp`;
}

const PARTIAL = /^\.(.+)\.tempest-gate-partial\.([^/]+)\.(\d+)\.tmp$/;
/** The name before 0.x wrote: `.NAME.PID.tmp`, removed only beside NAME itself. */
const OLD_PARTIAL = /^\.(.+)\.(\d+)\.tmp$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

const swept = new Set<string>();

/**
 * Remove the folder's leftover partial outputs: this host's whose process is gone. Another
 * host's (a shared folder) and a live process's are left alone, as is anything not named by
 * partialName. Once a folder a process; never fails the write.
 */
export async function removeStalePartials(dir: string, host = hostname()): Promise<string[]> {
  if (swept.has(dir)) return [];
  swept.add(dir);
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  const present = new Set(names);
  for (const name of names) {
    const m = PARTIAL.exec(name);
    let pid: number;
    if (m) {
      if (m[2] !== host) continue;
      pid = Number(m[3]);
    } else {
      // The old name is too plain to claim on its own: only beside the file it would have become.
      const old = OLD_PARTIAL.exec(name);
      if (!old || !present.has(old[1]!)) continue;
      pid = Number(old[2]);
    }
    if (!Number.isSafeInteger(pid) || pid <= 0 || alive(pid)) continue;
    await rm(join(dir, name), { force: true }).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}

/** Signals whose default action ends the process: SIGINT (Ctrl-C), SIGTERM, SIGHUP (the terminal closed). */
const ENDING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The partial files open now (writeOutput, openOutputFile), which a signal that ends the process removes. */
const openPartials = new Set<string>();

/**
 * While a partial file is open, a signal that would end the process removes every open one first,
 * then ends the process by that same signal: the listener gone, the signal's default action runs,
 * and the exit status a shell sees is the signal's, as without the listener. A verb that catches
 * signals itself (Command.holds, cli/main.ts) is left to do so: it cancels its work, which aborts
 * its files. Reads come a chunk at a time between turns of the event loop, so the signal is handled
 * within a chunk's work.
 */
function onEndingSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  for (const s of ENDING_SIGNALS) process.off(s, onEndingSignal);
  for (const temp of openPartials) {
    try {
      unlinkSync(temp);
    } catch {
      // gone already
    }
  }
  openPartials.clear();
  process.kill(process.pid, signal);
}

/** `temp` is open until the returned call: removed if a signal ends the process meanwhile (onEndingSignal). */
function removeOnSignal(temp: string): () => void {
  if (openPartials.size === 0) for (const s of ENDING_SIGNALS) process.on(s, onEndingSignal);
  openPartials.add(temp);
  return () => {
    if (!openPartials.delete(temp) || openPartials.size > 0) return;
    for (const s of ENDING_SIGNALS) process.off(s, onEndingSignal);
  };
}

/**
 * Write a whole output file: to a temporary name beside it (partialName), then renamed over it,
 * so a verb ended by a signal or a failure leaves the file as it was, never half written. A
 * signal that ends the process removes the temporary file on the way (removeOnSignal); what a
 * process killed outright (SIGKILL) left under that name is removed by the next write into that
 * folder.
 */
export async function writeOutput(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  const temp = partialPath(path);
  let unwatch: (() => void) | null = null;
  try {
    if (!(await preparePartial(path))) return await writeFile(path, data);
    unwatch = removeOnSignal(temp);
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw cannotWrite(path, err);
  } finally {
    unwatch?.();
  }
}

/** The one-line error of an output that could not be written: it names the file. */
export function cannotWrite(path: string, err: unknown): UserError {
  return new UserError(`cannot write: ${describe(err)}`, { place: { file: path }, cause: err });
}

/** The partial name an output is written under, beside it. */
const partialPath = (path: string): string => join(dirname(path), partialName(basename(path)));

/**
 * Ready `path` to be written under its partial name: its folder made, this host's leftovers there
 * swept. False for a device or a pipe (-o /dev/stdout), which is written as it is: it cannot be
 * renamed over.
 */
async function preparePartial(path: string): Promise<boolean> {
  const existing = await stat(path).catch(() => null);
  if (existing !== null && !existing.isFile()) return false;
  await mkdir(dirname(path), { recursive: true });
  await removeStalePartials(dirname(path));
  return true;
}

/** An output file written as it is made (openOutputFile). */
export interface OutputFile {
  /** The partial file, open for writing at any position; made on the first call (a write that fails before its first byte leaves nothing). */
  fd(): number;
  /** The file is whole: it is renamed over its path. */
  commit(): Promise<void>;
  /** The write failed: the partial file goes, the old file stays. */
  abort(): Promise<void>;
}

/**
 * An output file to write as it is made, under its partial name as writeOutput writes it, renamed
 * over its path on commit(); null when the path is not a regular file's place (a device, a pipe,
 * which writeOutput writes as they are, and which could not be written again from the start).
 */
export async function openOutputFile(path: string): Promise<OutputFile | null> {
  const temp = partialPath(path);
  try {
    if (!(await preparePartial(path))) return null;
  } catch (err) {
    throw cannotWrite(path, err);
  }
  let fd: number | null = null;
  let made = false;
  /** Removes the signal listener (removeOnSignal) once the partial file is renamed or gone. */
  let unwatch: (() => void) | null = null;
  const close = (): void => {
    const was = fd;
    fd = null;
    if (was !== null) closeSync(was);
  };
  const abort = async (): Promise<void> => {
    try {
      close();
    } catch {
      // the file goes anyway
    }
    if (made) await rm(temp, { force: true }).catch(() => undefined);
    unwatch?.();
  };
  const openPartial = (): number => {
    if (fd !== null) return fd;
    // Listened for before the file is made: once it exists, a signal cannot end the process unseen.
    unwatch ??= removeOnSignal(temp);
    try {
      fd = openSync(temp, 'w+');
    } catch (err) {
      unwatch();
      unwatch = null;
      throw cannotWrite(path, err);
    }
    made = true;
    return fd;
  };
  return {
    fd: openPartial,
    async commit() {
      try {
        if (!made) openPartial();
        close();
        await rename(temp, path);
        unwatch?.();
      } catch (err) {
        await abort();
        throw err instanceof UserError ? err : cannotWrite(path, err);
      }
    },
    abort,
  };
}
