// The top folder of the work tree a path lies in: a history or staged scan of a
// folder inside a repository scans that repository (as git does), so its
// configuration and `.leakwatchignore` are read from the top, not from the folder.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The nearest folder at or above `path` holding `.git` (a folder, or a file naming one: a worktree
 * or a submodule), as an absolute path; undefined outside any work tree (a bare repository, no repository).
 */
export function workTreeTop(path: string): string | undefined {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (statSync(join(dir, '.git'), { throwIfNoEntry: false }) !== undefined) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The top of the work tree when `path` is a folder below it (not the top itself); else undefined. */
export function enclosingWorkTree(path: string): string | undefined {
  const top = workTreeTop(path);
  return top === undefined || top === resolve(path) ? undefined : top;
}
