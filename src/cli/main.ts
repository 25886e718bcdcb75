// Command-line entry. Parses arguments, runs a command, maps the outcome to an
// exit code: 0 clean, 1 findings, 2 error. Only this module decides exit codes;
// only bin/ touches the process.
import { isLeakwatchError, LeakwatchError } from '../model/errors.js';
import { TOOL_VERSION } from '../model/version.js';
import { hookRunArguments } from './hook-arguments.js';
import { DASH_STAND_IN, EXIT_CLEAN, EXIT_ERROR, type CliIo } from './io.js';

export { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, type CliIo } from './io.js';

export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = EXIT_CLEAN;
  try {
    // What git runs on every push or commit skips the argument parser and the other commands:
    // its arguments are fixed, `hook run TYPE [REMOTE [URL]]`, never options.
    const hookRun = hookRunArguments(argv);
    if (hookRun !== undefined) {
      const { runHook } = await import('../integrations/hooks/run.js');
      return await runHook(hookRun, io);
    }
    const { COMMANDS } = await import('./commands/index.js');
    const { default: yargs } = await import('yargs');
    const { hideBin } = await import('yargs/helpers');
    const parser = yargs()
      .scriptName('leakwatch')
      // The parser's words in English whatever LANG says: ours are, and usageMessage reads its messages.
      .locale('en')
      .version(TOOL_VERSION)
      .strict()
      .exitProcess(false)
      .fail((message: string | undefined, error: Error | undefined) => {
        // The parser's own complaints (a YError: an option's value missing) are usage errors too.
        if (error !== undefined && error.name !== 'YError') throw error;
        throw new LeakwatchError('usage', `${usageMessage(message ?? error?.message ?? 'invalid arguments')} (see leakwatch --help)`);
      });
    if (!argv.includes('--help')) skipHelpCache(parser);
    const finish = (code: number): void => {
      exitCode = code;
    };
    await COMMANDS.reduce((each, command) => command.register(each, io, finish), parser)
      .demandCommand(1, 'name a command: leakwatch scan [path] or leakwatch hook install')
      .help()
      .parseAsync(hideBin(['node', 'leakwatch', ...argv.map((arg) => (arg === '-' ? DASH_STAND_IN : arg))]));
  } catch (error) {
    return reportError(error, debug, io);
  }
  return exitCode;
}

/** The part of yargs' internals `skipHelpCache` touches, all of it optional: another yargs may lack it. */
interface YargsUsageInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } | undefined;
}

/**
 * yargs renders the chosen command's whole help as soon as its handler starts (`cacheHelpMessage`, kept
 * for a `showHelp()` inside the handler, which no command of ours calls): measuring each line's display
 * width costs ~35 ms of every run. Without --help nothing shows it, so it is not rendered. A yargs
 * without this hook keeps its habit: slower, never wrong.
 */
export function skipHelpCache(parser: object): void {
  const usage = (parser as YargsUsageInternals).getInternalMethods?.()?.getUsageInstance?.();
  if (usage !== undefined && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** The parser's message on one line; an option missing its value is named as typed (`-f`, `--format`). */
function usageMessage(message: string): string {
  const missing = /^Not enough arguments following: (\S+)$/.exec(message.trim());
  if (missing?.[1] !== undefined) return `${missing[1].length === 1 ? '-' : '--'}${missing[1]} needs a value`;
  return message.replace(/\s*\n\s*/g, ' ');
}

function reportError(error: unknown, debug: boolean, io: CliIo): number {
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
  if (isLeakwatchError(error) && error.code !== 'internal') io.stderr.write(`leakwatch: ${error.message}\n`);
  else if (isBrokenPipe(error)) return EXIT_CLEAN;
  else io.stderr.write(`leakwatch: internal error: ${error instanceof Error ? error.message : String(error)} (run with --debug for details)\n`);
  return EXIT_ERROR;
}

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}
