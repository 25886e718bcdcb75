// --no-git: the files under a directory, as they are on disk. `.git` is never
// entered and symbolic links are not followed, so a scan stays inside the tree.
import { existsSync } from 'node:fs';
import { LeakwatchError } from '../model/errors.js';
import type { ScanSummary } from '../model/types.js';
import { plural } from '../model/words.js';
import { readDirectory, searchFile } from './files-on-disk.js';
import { loadIgnoreFile } from './ignored-paths.js';
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
