// Opens the repository at a path with the backend asked for, or the git
// command when one is installed, else the embedded isomorphic-git.
import { existsSync } from 'node:fs';
import { LeakwatchError } from '../../model/errors.js';
import type { GitBackend, GitBackendName } from './backend.js';
import { GitCliBackend } from './cli.js';

export async function openBackend(path: string, name: GitBackendName | undefined): Promise<GitBackend> {
  if (!existsSync(path)) throw new LeakwatchError('path-missing', `${path}: no such file or directory`);
  if (name === 'cli') return GitCliBackend.open(path);
  if (name === undefined) {
    // Opening through git is the test of whether git runs: one child fewer than asking first (hooks count them).
    try {
      return GitCliBackend.open(path);
    } catch (error) {
      if (!(error instanceof LeakwatchError && error.code === 'git-missing')) throw error;
    }
  }
  // Loaded only when used: isomorphic-git costs start-up time a pre-push hook should not pay.
  const { IsomorphicBackend } = await import('./isomorphic.js');
  return IsomorphicBackend.open(path);
}
