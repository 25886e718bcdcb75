// --no-git: the files under a directory, as they are on disk. `.git` is never
// entered and symbolic links are not followed, so a scan stays inside the tree.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Content } from '../types.js';

export type FileRead = Content & { path: string };

/** Yields every regular file under `root` in a stable order; `skip` sees root-relative POSIX paths. */
export async function* readDirectory(root: string, maxBytes: number, skip: (path: string) => boolean): AsyncIterable<FileRead> {
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      const full = join(dir, name);
      const path = relative(root, full).split(sep).join('/');
      const stat = await lstat(full);
      if (stat.isDirectory()) {
        if (name !== '.git' && !skip(`${path}/`)) pending.push(full);
      } else if (stat.isFile() && !skip(path)) {
        yield stat.size > maxBytes ? { path, bytes: undefined, size: stat.size } : { path, bytes: await readFile(full) };
      }
    }
  }
}
