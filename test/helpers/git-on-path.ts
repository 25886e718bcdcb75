// A `git` of the test's own, put first on PATH for a CLI run in a child process: it writes each call's
// arguments to a log (which git children a run starts), runs an optional shell line first (to break a
// call: how a run takes a git that fails), then the real git.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../fixtures/repo.js';

export interface GitOnPath {
  /** PATH with this git first. */
  path: string;
  /** Each call's arguments since the last `forget`, one string each. */
  calls(): string[];
  forget(): void;
}

/** `before`: shell run ahead of the real git, with the call's arguments in "$@" (e.g. `case "$*" in ...) kill -9 $$ ;; esac`). */
export function gitOnPath(before = ''): GitOnPath {
  const dir = tempDir('leakwatch-git-on-path-');
  const log = join(dir, 'calls.log');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(dir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${log}"\n${before}\nexec "${realGit}" "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  writeFileSync(log, '');
  return {
    path: `${dir}:${process.env.PATH ?? ''}`,
    calls: () => readFileSync(log, 'utf8').split('\n').filter((line) => line !== ''),
    forget: () => writeFileSync(log, ''),
  };
}
