// `leakwatch scan --files a b c` (or `--files-from LIST`): exactly the files
// named, as they are on disk — what an editor, lint-staged or a CI diff hands
// over. A folder named is scanned whole. Paths are relative to the root (the
// scan's PATH, by default the current folder) and reported relative to it; a
// path outside it is reported as given. `.leakwatchignore` of the root applies
// to paths under it. A file that cannot be read stops the scan with its name: a
// list given on purpose is never skipped silently.
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LeakwatchError } from '../model/errors.js';
import type { ScanSummary } from '../model/types.js';
import { plural } from '../model/words.js';
import { readBytes, readDirectory, searchFile, unreadable } from './files-on-disk.js';
import { loadIgnoreFile } from './ignored-paths.js';
import type { Source, SourceRun, SourceType } from './source.js';

export interface FilesSpec {
  kind: 'files';
  paths: readonly string[];
  /** Where paths are relative to and `.leakwatchignore` is read: the current folder by default. */
  root?: string | undefined;
}

export const filesSource: SourceType<FilesSpec> = {
  kind: 'files',
  open: (spec) => new FilesSource(spec.paths, spec.root ?? '.'),
};

class FilesSource implements Source {
  readonly scope: string;
  readonly #paths: readonly string[];
  readonly #root: string;

  constructor(paths: readonly string[], root: string) {
    this.#paths = paths;
    this.#root = root;
    this.scope = `${plural(paths.length, 'listed path')}`;
  }

  counted(summary: ScanSummary): string {
    return plural(summary.blobs, 'file');
  }

  async run(run: SourceRun): Promise<void> {
    const ignored = loadIgnoreFile(this.#root);
    const root = resolve(this.#root);
    // A file named twice (or two ways, `a` and `./a`, or inside a folder also named) is looked at once.
    const seen = new Set<string>();
    const skip = (path: string): boolean => {
      const hit = ignored.ignores(path);
      if (hit) run.summary.ignoredPaths += 1;
      return hit;
    };
    for (const given of this.#paths) {
      const full = resolve(root, given);
      if (seen.has(full)) continue;
      seen.add(full);
      const path = shownPath(root, full, given);
      // Named on purpose: a symbolic link is followed to what it names.
      const info = await unreadable(given, stat(full));
      if (info.isDirectory()) {
        for await (const file of readDirectory(full, run.maxBytes, (within) => !seen.has(resolve(full, within)) && skip(joinPath(path, within)))) {
          const fileFull = resolve(full, file.path);
          if (seen.has(fileFull)) continue;
          seen.add(fileFull);
          searchFile(run, { ...file, path: joinPath(path, file.path) });
        }
      } else if (!info.isFile()) {
        // A device or a pipe could be endless, and is not a file anyone commits.
        throw new LeakwatchError('file-unreadable', `${given}: not a regular file or folder`);
      } else if (!skip(path)) {
        searchFile(run, info.size > run.maxBytes ? { path, bytes: undefined, size: info.size } : { path, bytes: await readBytes(full, given) });
      }
    }
  }
}

/** Under the root: relative to it, with forward slashes ('' for the root itself); elsewhere: as given. */
function shownPath(root: string, full: string, given: string): string {
  const within = relative(root, full);
  if (within.startsWith('..') || isAbsolute(within)) return given.split(sep).join('/');
  return within.split(sep).join('/');
}

function joinPath(folder: string, inner: string): string {
  return folder === '' ? inner : `${folder.replace(/\/+$/, '')}/${inner}`;
}
