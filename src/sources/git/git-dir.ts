// Finding a repository's git directory from a folder, as git does, without running git: the
// isomorphic backend opens repositories this way, and the id key and the scan cache live in the
// directory shared by a repository's worktrees.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The git directory at or above `start`: `.git` (a directory or a `gitdir:` file), or a bare repository. */
export function findGitDir(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const stat = statSync(dotGit, { throwIfNoEntry: false });
    if (stat?.isDirectory() === true) return dotGit;
    if (stat?.isFile() === true) {
      const match = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (match?.[1] !== undefined) return resolve(dir, match[1].trim());
    }
    if (isBareRepository(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The git directory shared by all worktrees of the repository at or above `start`: a worktree's names it in `commondir`. */
export function gitCommonDir(start: string): string | undefined {
  const gitDir = findGitDir(resolve(start));
  if (gitDir === undefined) return undefined;
  try {
    return resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    return gitDir;
  }
}

function isBareRepository(dir: string): boolean {
  return ['HEAD', 'objects', 'refs'].every((name) => existsSync(join(dir, name)));
}
