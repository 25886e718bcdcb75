// Installs and removes leakwatch's git hooks. A hook goes where git really
// looks (`git rev-parse --git-path hooks`: core.hooksPath, linked worktrees),
// calls the very node and leakwatch that installed it by absolute path, and
// never silently replaces a hook that is not ours: that one is chained (it
// runs after ours) and put back on uninstall.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LeakwatchError } from '../../model/errors.js';

export const HOOK_TYPES = ['pre-push', 'pre-commit'] as const;
export type HookType = (typeof HOOK_TYPES)[number];

/** First-lines marker that tells our hooks from anyone else's. */
const MARKER = '# leakwatch-managed-hook';
/** Suffix of a hook we found in place and run after ours. */
export const CHAINED_SUFFIX = '.chained-by-leakwatch';

export interface HookCommand {
  /** Absolute path of the node binary. */
  node: string;
  /** Absolute path of leakwatch's CLI script. */
  cli: string;
}

/** The hooks directory git uses for the repository at `path`, created if missing. */
export function hooksDirectory(path: string): string {
  const result = spawnSync('git', ['-C', path, 'rev-parse', '--path-format=absolute', '--git-path', 'hooks'], { encoding: 'utf8' });
  if (result.error !== undefined) throw new LeakwatchError('git-missing', `cannot run git: ${result.error.message}`);
  if (result.status !== 0) throw new LeakwatchError('not-a-repository', `${path} is not a git repository: cannot install a hook there`);
  const directory = result.stdout.trim();
  mkdirSync(directory, { recursive: true });
  return directory;
}

export function isOurs(file: string): boolean {
  return existsSync(file) && readFileSync(file, 'utf8').split('\n', 3).some((line) => line.startsWith(MARKER));
}

/** Installs (or refreshes) our hook of `type`; returns what was done, one line per fact. */
export function installHook(path: string, type: HookType, command: HookCommand, force: boolean): string[] {
  const directory = hooksDirectory(path);
  const target = join(directory, type);
  const chained = target + CHAINED_SUFFIX;
  const said: string[] = [];
  if (existsSync(target) && !isOurs(target)) {
    if (force) {
      rmSync(target);
      said.push(`replaced the existing ${type} hook (--force): it no longer runs`);
    } else if (existsSync(chained)) {
      throw new LeakwatchError('hook-exists', `${target} is not leakwatch's and ${chained} already exists: move one of them away, or use --force to replace ${type}`);
    } else {
      renameSync(target, chained);
      said.push(`kept the existing ${type} hook: it now runs after leakwatch's, from ${chained}`);
    }
  }
  writeFileSync(target, hookScript(type, command), { mode: 0o755 });
  chmodSync(target, 0o755);
  said.unshift(`installed the leakwatch ${type} hook in ${target}`);
  return said;
}

/** Removes our hooks (of `type`, or every type) and puts back the hooks they chained. */
export function uninstallHooks(path: string, types: readonly HookType[]): string[] {
  const directory = hooksDirectory(path);
  const said: string[] = [];
  for (const type of types) {
    const target = join(directory, type);
    const chained = target + CHAINED_SUFFIX;
    if (!existsSync(target)) {
      if (existsSync(chained)) {
        renameSync(chained, target);
        said.push(`restored the ${type} hook leakwatch had chained`);
      }
      continue;
    }
    if (!isOurs(target)) {
      said.push(`left ${target} alone: it is not leakwatch's`);
      continue;
    }
    rmSync(target);
    said.push(`removed the leakwatch ${type} hook from ${target}`);
    if (existsSync(chained)) {
      renameSync(chained, target);
      said.push(`restored the ${type} hook it had chained`);
    }
  }
  if (said.length === 0) said.push(`no leakwatch hook installed in ${directory}`);
  return said;
}

/** Single-quoted for sh: safe for any path. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The hook script. pre-push reads git's ref lines on stdin, so they are kept
 * and handed to both ours and the chained hook. A moved or removed install
 * fails with what to do instead of a cryptic "not found".
 */
export function hookScript(type: HookType, command: HookCommand): string {
  const run = type === 'pre-push' ? `printf '%s\\n' "$input" | "$LEAKWATCH_NODE" "$LEAKWATCH_CLI" hook run pre-push "$@"` : '"$LEAKWATCH_NODE" "$LEAKWATCH_CLI" hook run pre-commit';
  const runChained = type === 'pre-push' ? `printf '%s\\n' "$input" | "$chained" "$@"` : '"$chained" "$@"';
  const bypass = type === 'pre-push' ? 'git push --no-verify' : 'git commit --no-verify';
  return [
    '#!/bin/sh',
    `${MARKER}: ${type}`,
    '# Installed by `leakwatch hook install`; `leakwatch hook uninstall` removes it and restores any hook it chained.',
    `LEAKWATCH_NODE=${shellQuote(command.node)}`,
    `LEAKWATCH_CLI=${shellQuote(command.cli)}`,
    'if [ ! -x "$LEAKWATCH_NODE" ] || [ ! -f "$LEAKWATCH_CLI" ]; then',
    `  echo "leakwatch: this ${type} hook runs $LEAKWATCH_CLI with $LEAKWATCH_NODE, and that install has moved or is gone: reinstall with 'leakwatch hook install --type ${type}', remove the hook with 'leakwatch hook uninstall', or bypass it once with '${bypass}'" >&2`,
    '  exit 1',
    'fi',
    ...(type === 'pre-push' ? ['input=$(cat)'] : []),
    `${run} || exit $?`,
    `chained="$(dirname "$0")/${type}${CHAINED_SUFFIX}"`,
    `if [ -x "$chained" ]; then ${runChained} || exit $?; fi`,
    '',
  ].join('\n');
}
