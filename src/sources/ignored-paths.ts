// Paths never to scan, from `.leakwatchignore` (gitignore syntax, through the
// `ignore` package). Answers are remembered: a history names each path many times.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { LeakwatchError } from '../model/errors.js';
import { ignoredBy } from '../rules/allowlist.js';

/** Name of the gitignore-style file, at the scanned path, listing paths never to scan. */
export const IGNORE_FILE = '.leakwatchignore';

export class IgnoredPaths {
  readonly #matcher: Ignore | undefined;
  readonly #answers = new Map<string, boolean>();

  constructor(rules: string | undefined) {
    this.#matcher = rules === undefined ? undefined : ignore().add(rules);
  }

  ignores(path: string): boolean {
    if (this.#matcher === undefined) return false;
    let answer = this.#answers.get(path);
    if (answer === undefined) {
      answer = ignoredBy(this.#matcher, path);
      this.#answers.set(path, answer);
    }
    return answer;
  }
}

export function loadIgnoreFile(path: string): IgnoredPaths {
  const file = join(path, IGNORE_FILE);
  if (!existsSync(file)) return new IgnoredPaths(undefined);
  try {
    return new IgnoredPaths(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LeakwatchError('ignore-file', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
