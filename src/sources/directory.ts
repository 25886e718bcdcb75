// --no-git: the files under a directory, as they are on disk. `.git` is never
// entered and symbolic links are not followed, so a scan stays inside the tree.
// A single file, or a pipe (`/dev/stdin`), named instead of a directory is
// scanned as it is, at the path given; a device is refused.
import { createReadStream, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { LeakwatchError } from '../model/errors.js';
import type { ScanSummary } from '../model/types.js';
import { plural } from '../model/words.js';
import { readBytes, readDirectory, searchFile, unreadable } from './files-on-disk.js';
import { loadIgnoreFile } from './ignored-paths.js';
import { searchStream } from './stdin.js';
import type { Source, SourceRun, SourceType } from './source.js';

export interface DirectorySpec {
  kind: 'directory';
  path: string;
}

export const directorySource: SourceType<DirectorySpec> = {
  kind: 'directory',
  open: (spec) => new DirectorySource(spec.path),
};

class DirectorySource implements Source {
  readonly scope: string;
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
    this.scope = statSync(path, { throwIfNoEntry: false })?.isDirectory() === false ? path : `the files of ${path}`;
  }

  counted(summary: ScanSummary): string {
    return plural(summary.blobs, 'file');
  }

  async run(run: SourceRun): Promise<void> {
    const info = await stat(this.#path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new LeakwatchError('path-missing', `${this.#path}: no such file or directory`);
      return unreadable(this.#path, Promise.reject(error));
    });
    // Named on purpose: no ignore file applies to it.
    const shown = this.#path.split(sep).join('/');
    if (info.isFile()) return searchFile(run, info.size > run.maxBytes ? { path: shown, bytes: undefined, size: info.size } : { path: shown, bytes: await readBytes(this.#path) });
    if (info.isFIFO()) return searchStream(run, createReadStream(this.#path), shown, this.#path, 'file-unreadable');
    // A device could be endless (/dev/zero), and /dev/stdin on a terminal waits for typing.
    if (!info.isDirectory()) throw new LeakwatchError('file-unreadable', `${this.#path}: not a regular file, folder or pipe`);
    const ignored = loadIgnoreFile(this.#path);
    const skip = (path: string): boolean => {
      const hit = ignored.ignores(path);
      if (hit) run.summary.ignoredPaths += 1;
      return hit;
    };
    for await (const file of readDirectory(this.#path, run.maxBytes, skip)) searchFile(run, file);
  }
}
