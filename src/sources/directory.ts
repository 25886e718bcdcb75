// --no-git: the files under a directory, as they are on disk. `.git` is never
// entered and symbolic links are not followed, so a scan stays inside the tree.
// What `.leakwatchignore` or (unless turned off) `.gitignore` files ignore is skipped and counted.
// A single file, or a pipe (`/dev/stdin`), named instead of a directory is
// scanned as it is, at the path given; a device is refused.
import { createReadStream, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { LeakwatchError } from '../model/errors.js';
import type { ScanSummary } from '../model/types.js';
import { plural } from '../model/words.js';
import { cannotRead, readBytes, readDirectory, searched, searchFile, unreadable, walkDirectory, type Folder } from './files-on-disk.js';
import { GITIGNORE_FILE, gitignoreRules, readGitignore } from './gitignore.js';
import { loadIgnoreFile } from './ignored-paths.js';
import { searchStream } from './stdin.js';
import { workTreeTop } from './work-tree.js';
import type { Source, SourceRun, SourceType } from './source.js';

export interface DirectorySpec {
  kind: 'directory';
  path: string;
  /** Skip what `.gitignore` files ignore (true by default; see gitignore.ts). */
  gitignore?: boolean | undefined;
}

export const directorySource: SourceType<DirectorySpec> = {
  kind: 'directory',
  open: (spec) => new DirectorySource(spec.path, spec.gitignore ?? true),
};

class DirectorySource implements Source {
  readonly scope: string;
  readonly #path: string;
  readonly #gitignore: boolean;

  constructor(path: string, gitignore: boolean) {
    this.#path = path;
    this.#gitignore = gitignore;
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
    const gitignored = this.#gitignore ? gitignoreRules(resolve(this.#path), workTreeTop(this.#path)) : undefined;
    const skip = (path: string): boolean => {
      if (ignored.ignores(path)) run.summary.ignoredPaths += 1;
      else if (gitignored?.ignores(path) === true) run.summary.gitignoredPaths += 1;
      else return false;
      return true;
    };
    // A folder's own .gitignore applies to what it holds: read when the folder is, before its entries are looked at.
    const enter = gitignored === undefined ? undefined : (folder: Folder): void => {
      if (!folder.names.includes(GITIGNORE_FILE)) return;
      const text = readGitignore(Buffer.concat([folder.full, Buffer.from(`${sep}${GITIGNORE_FILE}`)]), join(this.#path, folder.path, GITIGNORE_FILE));
      if (text !== undefined) gitignored.add(folder.path, text);
    };
    const fault = (what: string): void => run.fault(what);
    const reader = run.fileReader((result) => {
      if ('scanned' in result) searched(run, result.file.path, result.scanned);
      else fault(cannotRead(join(this.#path, result.file.path), result.unreadable));
    });
    if (reader === undefined) {
      for await (const file of readDirectory(this.#path, run.maxBytes, skip, enter, fault)) searchFile(run, file);
      return;
    }
    // Read and searched on worker threads; the walk (and what ignore files say) stays here.
    try {
      for await (const file of walkDirectory(this.#path, skip, enter, fault)) await reader.request(file);
      await reader.done();
    } finally {
      await reader.close();
    }
  }
}
