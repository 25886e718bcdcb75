// Files as they are on disk, for the sources that read them (a directory, a
// list of files, standard input): walking a folder, and handing one file to the
// engine. Errors name the file: a file that cannot be read is never skipped silently.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { LeakwatchError } from '../model/errors.js';
import type { ScannedBlob } from '../detect/blob-scanner.js';
import type { Content } from '../model/types.js';
import type { SourceRun } from './source.js';

export type FileRead = Content & { path: string };

/** Searches one file read from disk: no commit, no earlier version. */
export function searchFile(run: SourceRun, file: FileRead): void {
  searched(run, file.path, run.search({ ...file, oid: file.path }));
}

/** Hands one searched file to the engine (however it was searched): counted, its place and matches. */
export function searched(run: SourceRun, path: string, result: ScannedBlob): void {
  run.count(result);
  const places = [{ commit: undefined, age: 0, path, replaced: [] }];
  run.introduced(places);
  if (result.matches.length > 0) run.found(result.matches, places);
  run.progress(0);
}

/**
 * Yields every regular file under `root` in a stable order; `skip` sees root-relative POSIX paths
 * (folders with a trailing slash). `.git` is never entered and symbolic links are not followed,
 * so a walk stays inside the tree. `enter` sees each folder read (the root as ''), with the names
 * it holds, before any of them is skipped or read: what ignore files it holds can then apply.
 * Names are read as bytes: a name that is not UTF-8 is still read (by its bytes), and shown with
 * U+FFFD for each byte that is not, as git's own paths are in a history scan.
 */
export async function* readDirectory(root: string, maxBytes: number, skip: (path: string) => boolean, enter?: (folder: Folder) => void, fault?: (what: string) => void): AsyncIterable<FileRead> {
  const orSkip = faulting(fault);
  const readOne = async ({ path, full }: { path: string; full: Buffer }): Promise<FileRead | undefined> => {
    const stat = await orSkip(join(root, path), lstat(full));
    if (stat === undefined) return undefined;
    if (stat.size > maxBytes) return { path, bytes: undefined, size: stat.size };
    const bytes = await orSkip(join(root, path), readBytes(full, join(root, path)));
    return bytes === undefined ? undefined : { path, bytes };
  };
  // Files are read ahead of the search, READ_AHEAD at most, and yielded in the walk's order: one
  // file read at a time left the search waiting on each file's open, stat, read and close.
  const ahead: Array<Promise<FileRead | undefined>> = [];
  const next = async (): Promise<FileRead | undefined> => (ahead.shift() as Promise<FileRead | undefined>);
  for await (const file of walk(root, skip, orSkip, enter)) {
    const reading = readOne(file);
    reading.catch(() => undefined); // awaited in turn below, where its error is thrown
    ahead.push(reading);
    if (ahead.length >= READ_AHEAD) {
      const read = await next();
      if (read !== undefined) yield read;
    }
  }
  while (ahead.length > 0) {
    const read = await next();
    if (read !== undefined) yield read;
  }
}

/** Files read ahead of the search in a directory scan. */
const READ_AHEAD = 16;

/**
 * The regular files under `root`, in readDirectory's order, with the same skipping and faults, unread:
 * for a reader that reads them elsewhere (scan workers).
 */
export function walkDirectory(root: string, skip: (path: string) => boolean, enter?: (folder: Folder) => void, fault?: (what: string) => void): AsyncIterable<{ path: string; full: Buffer }> {
  return walk(root, skip, faulting(fault), enter);
}

/**
 * Below the root, a folder or file that cannot be read is a fault (counted, named, exit 2 at the
 * end) when the caller takes faults: the rest of the tree is still scanned. Else it stops the walk.
 */
function faulting(fault: ((what: string) => void) | undefined): <T>(shown: string, read: Promise<T>) => Promise<T | undefined> {
  return async <T>(shown: string, read: Promise<T>): Promise<T | undefined> => {
    if (fault === undefined) return unreadable(shown, read);
    try {
      return await unreadable(shown, read);
    } catch (error) {
      fault((error as Error).message);
      return undefined;
    }
  };
}

/** The message naming a file that cannot be read, with the code of the error that stopped it. */
export function cannotRead(shown: string, code: string | undefined): string {
  return `${shown}: cannot read (${code ?? 'error'})`;
}

/** The regular files of a walk, in order (see readDirectory); only folders are read here. */
async function* walk(root: string, skip: (path: string) => boolean, orSkip: <T>(shown: string, read: Promise<T>) => Promise<T | undefined>, enter?: (folder: Folder) => void): AsyncIterable<{ path: string; full: Buffer }> {
  const pending: Folder[] = [{ path: '', full: Buffer.from(root), names: [] }];
  while (pending.length > 0) {
    const folder = pending.pop() as Folder;
    const shown = folder.path === '' ? root : join(root, folder.path);
    const listing = folder.path === '' ? await unreadable(shown, readdir(folder.full, { encoding: 'buffer', withFileTypes: true })) : await orSkip(shown, readdir(folder.full, { encoding: 'buffer', withFileTypes: true }));
    if (listing === undefined) continue;
    const entries = listing.sort((a, b) => Buffer.compare(a.name, b.name));
    enter?.({ ...folder, names: entries.map((entry) => entry.name.toString('utf8')) });
    for (const entry of entries) {
      const full = Buffer.concat([folder.full, SEPARATOR, entry.name]);
      const name = entry.name.toString('utf8');
      const path = folder.path === '' ? name : `${folder.path}/${name}`;
      if (entry.isDirectory()) {
        if (!entry.name.equals(DOT_GIT) && !skip(`${path}/`)) pending.push({ path, full, names: [] });
      } else if (entry.isFile() && !skip(path)) {
        yield { path, full };
      }
    }
  }
}

/** A folder met in a walk: its root-relative POSIX path ('' for the root), its full path as bytes, the names it holds. */
export interface Folder {
  path: string;
  full: Buffer;
  names: readonly string[];
}

const SEPARATOR = Buffer.from(sep);
const DOT_GIT = Buffer.from('.git');

export function readBytes(path: string | Buffer, shown: string = path.toString()): Promise<Buffer> {
  return unreadable(shown, readFile(path));
}

/** What a file-system call gives, or an error naming the file that could not be read. */
export async function unreadable<T>(shown: string, pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof LeakwatchError) throw error;
    throw new LeakwatchError('file-unreadable', cannotRead(shown, (error as NodeJS.ErrnoException).code));
  }
}
