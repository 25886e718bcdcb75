// `leakwatch scan --files a b c` (or `--files-from LIST`): exactly the files
// named, as they are on disk — what an editor, lint-staged or a CI diff hands
// over. A folder named is scanned whole. Paths are reported as given (made
// relative to the current folder when inside it); `.leakwatchignore` of the
// current folder applies. A file that cannot be read stops the scan with its
// name: a list given on purpose is never skipped silently.
import { stat, readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LeakwatchError } from '../model/errors.js';
import type { ScanSummary } from '../model/types.js';
import { readDirectory, searchFile } from './directory.js';
import { loadIgnoreFile } from './ignored-paths.js';
import { plural, type Source, type SourceRun, type SourceType } from './source.js';

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
    this.scope = plural(paths.length, 'listed file');
  }

  counted(summary: ScanSummary): string {
    return plural(summary.blobs, 'file');
  }

  async run(run: SourceRun): Promise<void> {
    const ignored = loadIgnoreFile(this.#root);
    const root = resolve(this.#root);
    // .leakwatchignore speaks of paths under the root; a file named outside it is never ignored.
    const skip = (path: string, inside: boolean): boolean => {
      const hit = inside && ignored.ignores(path);
      if (hit) run.summary.ignoredPaths += 1;
      return hit;
    };
    // A file named twice (or two ways, `a` and `./a`, or inside a folder also named) is scanned once.
    const seen = new Set<string>();
    for (const given of this.#paths) {
      const full = resolve(root, given);
      const { path, inside } = shownPath(root, full, given);
      const info = await stat(full).catch((error: NodeJS.ErrnoException) => {
        throw new LeakwatchError('file-unreadable', `${given}: cannot read (${error.code ?? 'error'})`);
      });
      if (info.isDirectory()) {
        for await (const file of readDirectory(full, run.maxBytes, (within) => skip(joinPath(path, within), inside))) {
          const fileFull = resolve(full, file.path);
          if (!seen.has(fileFull)) searchFile(run, { ...file, path: joinPath(path, file.path) });
          seen.add(fileFull);
        }
        continue;
      }
      if (seen.has(full) || skip(path, inside)) continue;
      seen.add(full);
      if (info.size > run.maxBytes) {
        searchFile(run, { path, bytes: undefined, size: info.size });
        continue;
      }
      const bytes = await readFile(full).catch((error: NodeJS.ErrnoException) => {
        throw new LeakwatchError('file-unreadable', `${given}: cannot read (${error.code ?? 'error'})`);
      });
      searchFile(run, { path, bytes });
    }
  }
}

/** Inside the root: relative to it, with forward slashes; outside it (or the root itself): as given. */
function shownPath(root: string, full: string, given: string): { path: string; inside: boolean } {
  const within = relative(root, full);
  if (within === '' || within.startsWith('..') || isAbsolute(within)) return { path: given.split(sep).join('/'), inside: within === '' };
  return { path: within.split(sep).join('/'), inside: true };
}

function joinPath(folder: string, inner: string): string {
  return folder === '' || folder === '.' ? inner : `${folder.replace(/\/$/, '')}/${inner}`;
}
