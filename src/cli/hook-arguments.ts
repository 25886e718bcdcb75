// The arguments installed hooks pass: `hook run TYPE [REMOTE [URL]]`, never
// options. Recognised before anything else is loaded, so what git runs on every
// push or commit skips the argument parser's and the other commands' start-up.
import { HOOK_TYPES } from '../integrations/hooks/install.js';
import type { HookRunArguments } from '../integrations/hooks/run.js';

/** The hook to run when `argv` is exactly what an installed hook passes; anything else: undefined. */
export function hookRunArguments(argv: readonly string[]): HookRunArguments | undefined {
  const [command, sub, type, remote, url, ...rest] = argv;
  const hookType = HOOK_TYPES.find((each) => each === type);
  if (command !== 'hook' || sub !== 'run' || rest.length > 0 || hookType === undefined) return undefined;
  if ([remote, url].some((arg) => arg !== undefined && arg.startsWith('-'))) return undefined;
  if (hookType === 'pre-commit' && remote !== undefined) return undefined;
  return { type: hookType, remote, path: '.' };
}
