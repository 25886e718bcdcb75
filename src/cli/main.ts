// Command-line entry. Parses arguments, runs a command, maps the outcome to an
// exit code: 0 clean, 1 findings, 2 error. Only this module decides exit codes;
// only bin/ touches the process.
import { isUserError, UserError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';
import { runScan, type ScanArguments } from './scan.js';
import { runHook, runHookInstall, runHookUninstall } from './hook.js';
import { runRules } from './rules.js';
import { HOOK_TYPES, type HookType } from '../hooks/install.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Where a pre-push hook reads git's ref lines; process.stdin by default. */
  stdin?: NodeJS.ReadableStream;
  /** Environment (GitHub Actions variables); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = EXIT_CLEAN;
  try {
    // What git runs on every push or commit skips the argument parser's start-up (tens of
    // milliseconds): its arguments are fixed, `hook run TYPE [REMOTE [URL]]`, never options.
    const hookRun = hookRunArguments(argv);
    if (hookRun !== undefined) return await runHook(hookRun, io);
    const { default: yargs } = await import('yargs');
    const { hideBin } = await import('yargs/helpers');
    await yargs(argv as string[])
      .scriptName('leakwatch')
      .version(TOOL_VERSION)
      .strict()
      .exitProcess(false)
      .fail((message: string | undefined, error: Error | undefined) => {
        throw error ?? new UserError('usage', `${(message ?? 'invalid arguments').replace(/\s*\n\s*/g, ' ')} (see leakwatch --help)`);
      })
      .command(
        'scan [path]',
        'Scan every commit of a git repository (or, with --no-git, a directory) for secrets and personal data',
        (command) =>
          command
            .positional('path', { type: 'string', default: '.', describe: 'Repository (normal or bare) or directory' })
            .option('format', { alias: 'f', choices: ['table', 'json', 'jsonl', 'sarif', 'csv'] as const, default: 'table' as const, describe: 'Report format' })
            .option('output', { alias: 'o', type: 'string', describe: 'Write the report to FILE (mode 0600) instead of stdout' })
            .option('redact', { type: 'boolean', default: true, describe: 'Mask secrets in every output; --no-redact shows them' })
            .option('git', { type: 'boolean', default: true, describe: 'Scan git history; --no-git scans the files of a directory' })
            .option('git-backend', { choices: ['cli', 'isomorphic'] as const, describe: 'git plumbing (default when git is installed) or embedded isomorphic-git' })
            .option('only', { choices: ['secret', 'pii'] as const, describe: 'Only the rules of one category' })
            .option('patterns', { type: 'string', describe: 'Directory of rule files to use instead of the built-in patterns/' })
            .option('range', { type: 'string', describe: 'Scan only the commits of a revision range (A..B) instead of every ref; only secrets they add are reported' })
            .option('since', { type: 'string', describe: 'Scan only the commits after REV (REV..HEAD)' })
            .option('config', { alias: 'c', type: 'string', describe: 'Configuration file (default: .leakwatch.toml, else .gitleaks.toml, at PATH)' })
            .option('baseline', { type: 'string', describe: 'An earlier JSON report: its findings are not reported again' })
            .option('staged', { type: 'boolean', default: false, describe: 'Scan what is staged in the index (not the working tree): only secrets it adds' })
            .option('threads', { type: 'number', describe: 'Detection threads (default: the cores, for large scans; 1: none)' })
            .option('reuse', { type: 'boolean', default: true, describe: 'Search later versions of a file only where they changed; --no-reuse searches every version whole' })
            .option('scan-binary', { type: 'boolean', default: false, describe: 'Search the printable runs of binary blobs instead of skipping them' })
            .option('max-blob-mb', { type: 'number', default: 64, describe: 'Count but do not scan blobs larger than this many MB' })
            .option('progress', { type: 'boolean', default: true, describe: 'Progress line on a terminal; --no-progress hides it' })
            .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of errors' }),
        async (args) => {
          exitCode = await runScan(args as ScanArguments, io);
        },
      )
      .command(
        'rules [path]',
        'Print the effective rule set: built-in rules with the configuration applied',
        (command) => command
          .positional('path', { type: 'string', default: '.', describe: 'Where to look for .leakwatch.toml / .gitleaks.toml' })
          .option('config', { alias: 'c', type: 'string', describe: 'Configuration file' })
          .option('format', { alias: 'f', choices: ['table', 'json'] as const, default: 'table' as const })
          .option('patterns', { type: 'string', describe: 'Directory of rule files to use instead of the built-in patterns/' })
          .option('only', { choices: ['secret', 'pii'] as const }),
        (args) => {
          exitCode = runRules(args, io);
        },
      )
      .command('hook', 'Install, remove or run leakwatch\'s git hooks', (hook) =>
        hook
          .command(
            'install',
            'Install a hook in the repository in the current directory (chains an existing hook)',
            (command) => command
              .option('type', { choices: HOOK_TYPES, default: 'pre-push' as HookType, describe: 'Which hook' })
              .option('force', { type: 'boolean', default: false, describe: 'Replace an existing hook that is not leakwatch\'s instead of chaining it' }),
            (args) => {
              exitCode = runHookInstall('.', args.type, args.force, io);
            },
          )
          .command(
            'uninstall',
            'Remove leakwatch\'s hooks (and restore the hooks they chained)',
            (command) => command.option('type', { choices: HOOK_TYPES, describe: 'Only this hook' }),
            (args) => {
              exitCode = runHookUninstall('.', args.type, io);
            },
          )
          .command(
            'run <type> [remote] [url]',
            'Run as git runs a hook (the installed hooks call this)',
            (command) => command
              .positional('type', { choices: HOOK_TYPES, demandOption: true })
              .positional('remote', { type: 'string', describe: 'pre-push: the remote\'s name or URL' })
              .positional('url', { type: 'string', describe: 'pre-push: the remote\'s URL' }),
            async (args) => {
              exitCode = await runHook({ type: args.type as HookType, remote: args.remote, path: '.' }, io);
            },
          )
          .demandCommand(1, 'name a hook command: install, uninstall or run'))
      .demandCommand(1, 'name a command: leakwatch scan [path] or leakwatch hook install')
      .help()
      .parseAsync(hideBin(['node', 'leakwatch', ...argv]));
  } catch (error) {
    return reportError(error, debug, io);
  }
  return exitCode;
}

/** `hook run TYPE [REMOTE [URL]]` exactly, as installed hooks call it; anything else goes through the full parser. */
function hookRunArguments(argv: readonly string[]): { type: HookType; remote: string | undefined; path: string } | undefined {
  const [command, sub, type, remote, url, ...rest] = argv;
  if (command !== 'hook' || sub !== 'run' || rest.length > 0 || !HOOK_TYPES.includes(type as HookType)) return undefined;
  if ([remote, url].some((arg) => arg !== undefined && arg.startsWith('-'))) return undefined;
  if (type === 'pre-commit' && remote !== undefined) return undefined;
  return { type: type as HookType, remote, path: '.' };
}

function reportError(error: unknown, debug: boolean, io: CliIo): number {
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
  if (isUserError(error)) io.stderr.write(`leakwatch: ${error.message}\n`);
  else if (isBrokenPipe(error)) return EXIT_CLEAN;
  else io.stderr.write(`leakwatch: internal error: ${error instanceof Error ? error.message : String(error)} (run with --debug for details)\n`);
  return EXIT_ERROR;
}

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}
