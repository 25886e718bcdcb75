// Files as they are on disk, for the sources that read them (a directory, a
// list of files, standard input): walking a folder, and handing one file to the
// engine. Errors name the file: a file that cannot be read is never skipped silently.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { LeakwatchError } from '../model/errors.js';
import type { Content } from '../model/types.js';
import type { SourceRun } from './source.js';

export type FileRead = Content & { path: string };

/** Searches one file read from disk: no commit, no earlier version. */
export function searchFile(run: SourceRun, file: FileRead): void {
  const result = run.search({ ...file, oid: file.path });
  run.count(result);
  const places = [{ commit: undefined, age: 0, path: file.path, replaced: [] }];
  run.introduced(places);
  if (result.matches.length > 0) run.found(result.matches, places);
  run.progress(0);
}

/**
 * Yields every regular file under `root` in a stable order; `skip` sees root-relative POSIX paths
 * (folders with a trailing slash). `.git` is never entered and symbolic links are not followed,
 * so a walk stays inside the tree.
 */
export async function* readDirectory(root: string, maxBytes: number, skip: (path: string) => boolean): AsyncIterable<FileRead> {
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const names = (await unreadable(dir, readdir(dir))).sort();
    for (const name of names) {
      const full = join(dir, name);
      const path = relative(root, full).split(sep).join('/');
      const stat = await unreadable(full, lstat(full));
      if (stat.isDirectory()) {
        if (name !== '.git' && !skip(`${path}/`)) pending.push(full);
      } else if (stat.isFile() && !skip(path)) {
        yield stat.size > maxBytes ? { path, bytes: undefined, size: stat.size } : { path, bytes: await readBytes(full) };
      }
    }
  }
}

export function readBytes(path: string, shown: string = path): Promise<Buffer> {
  return unreadable(shown, readFile(path));
}

/** What a file-system call gives, or an error naming the file that could not be read. */
export async function unreadable<T>(shown: string, pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    throw new LeakwatchError('file-unreadable', `${shown}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
