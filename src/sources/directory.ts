// --no-git: the files under a directory, as they are on disk. `.git` is never
// entered and symbolic links are not followed, so a scan stays inside the tree.
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { LeakwatchError } from '../model/errors.js';
import type { Content, ScanSummary } from '../model/types.js';
import { loadIgnoreFile } from './ignored-paths.js';
import { plural, type Source, type SourceRun, type SourceType } from './source.js';

export interface DirectorySpec {
  kind: 'directory';
  path: string;
}

export type FileRead = Content & { path: string };

export const directorySource: SourceType<DirectorySpec> = {
  kind: 'directory',
  open: (spec) => new DirectorySource(spec.path),
};

class DirectorySource implements Source {
  readonly scope: string;
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
    this.scope = `the files of ${path}`;
  }

  counted(summary: ScanSummary): string {
    return plural(summary.blobs, 'file');
  }

  async run(run: SourceRun): Promise<void> {
    const ignored = loadIgnoreFile(this.#path);
    if (!existsSync(this.#path)) throw new LeakwatchError('path-missing', `${this.#path}: no such file or directory`);
    const skip = (path: string): boolean => {
      const hit = ignored.ignores(path);
      if (hit) run.summary.ignoredPaths += 1;
      return hit;
    };
    for await (const file of readDirectory(this.#path, run.maxBytes, skip)) searchFile(run, file);
  }
}

/** Searches one file read from disk: no commit, no earlier version. */
export function searchFile(run: SourceRun, file: FileRead): void {
  const result = run.search({ ...file, oid: file.path });
  run.count(result);
  if (result.matches.length > 0) run.found(result.matches, [{ commit: undefined, age: 0, path: file.path, replaced: [] }]);
  run.progress(0);
}

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
