// The scanned repository's page on a known forge, for reports' commit links.
// Reads the `origin` remote with git itself (as `git remote get-url` resolves
// it, `insteadOf` rewrites included); the raw URL, which may carry a token,
// never leaves this module: only the address model/forge.ts rebuilds from its
// host and path does.
import { spawnSync } from 'node:child_process';
import { forgeWebUrl } from '../model/forge.js';
import { NO_NETWORK_ENV } from '../sources/git/cli.js';

/** `https://github.com/owner/name` when the repository at `path` has an `origin` on a known forge; else undefined. */
export function originWebUrl(path: string): string | undefined {
  const result = spawnSync('git', ['-C', path, 'remote', 'get-url', 'origin'], { encoding: 'utf8', env: NO_NETWORK_ENV, stdio: ['ignore', 'pipe', 'ignore'] });
  // No git, not a repository, no origin: no links, and nothing to say about it.
  if (result.error !== undefined || result.status !== 0) return undefined;
  return forgeWebUrl(result.stdout.trim());
}
