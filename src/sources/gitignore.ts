// `.gitignore` files, for `--no-git`: a folder's files are scanned as git would
// see them, skipping what the `.gitignore` files of the folder, of its subfolders
// and of the folders above it up to its repository's top ignore. Deeper files
// override shallower ones, and within a file later lines earlier ones, as in git.
// An ignored folder is skipped whole, never entered. Not read: `.git/info/exclude`
// and `core.excludesFile` (one person's preferences, not the project's), and the
// index (a file git tracks although it is ignored is skipped too).
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { LeakwatchError } from '../model/errors.js';

export const GITIGNORE_FILE = '.gitignore';

export class GitignoreRules {
  /** The rules of each folder holding a `.gitignore`, by its path relative to the scanned root ('' or 'a/b/'). */
  readonly #levels = new Map<string, Ignore>();
  /** Rules of folders above the root, each with the root's path relative to it ('sub/dir/'), shallowest first. */
  readonly #above: Array<{ rules: Ignore; prefix: string }> = [];

  /** Adds the rules of the `.gitignore` in `folder` (relative to the scanned root: '' or 'a/b'). */
  add(folder: string, text: string): void {
    this.#levels.set(folder === '' ? '' : `${folder}/`, ignore().add(text));
  }

  /**
   * Adds the rules of a folder above the root, where the root is at `prefix` ('sub/dir/'). A file
   * that ignores the root itself is left out whole: the folder named to the scan is scanned.
   */
  addAbove(prefix: string, text: string): void {
    const rules = ignore().add(text);
    if (!rules.test(prefix).ignored) this.#above.push({ rules, prefix });
  }

  /** Whether `path` (relative to the scanned root, POSIX, a folder with a trailing slash) is ignored. */
  ignores(path: string): boolean {
    let ignored = false;
    const decide = (rules: Ignore, within: string): void => {
      const result = rules.test(within);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    };
    for (const { rules, prefix } of this.#above) decide(rules, prefix + path);
    // The folders holding `path`, shallowest first: '', 'a/', 'a/b/'.
    for (let at = 0; ;) {
      const rules = this.#levels.get(path.slice(0, at));
      if (rules !== undefined) decide(rules, path.slice(at));
      const slash = path.indexOf('/', at);
      if (slash === -1 || slash === path.length - 1) break;
      at = slash + 1;
    }
    return ignored;
  }
}

/** The text of a `.gitignore` file (given as bytes: its folder's name may not be UTF-8); undefined if there is none (or a folder by that name). */
export function readGitignore(full: Buffer | string, shown: string): string | undefined {
  try {
    return readFileSync(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'ENOENT') return undefined;
    throw new LeakwatchError('ignore-file', `${shown}: cannot read (${code ?? 'error'})`);
  }
}

/** Rules for a scan of `root`, with the `.gitignore` files of the folders from `top` (its work tree's top) down to above `root`. */
export function gitignoreRules(root: string, top: string | undefined): GitignoreRules {
  const rules = new GitignoreRules();
  if (top === undefined) return rules;
  const steps = relative(top, root).split(sep).filter((step) => step !== '');
  for (let depth = 0; depth < steps.length; depth += 1) {
    const file = join(top, ...steps.slice(0, depth), GITIGNORE_FILE);
    const text = readGitignore(file, file);
    if (text !== undefined) rules.addAbove(`${steps.slice(depth).join('/')}/`, text);
  }
  return rules;
}
