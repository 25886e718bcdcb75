// `leakwatch hook install|uninstall|run`: the git hooks (see integrations/hooks/).
import { HOOK_TYPES, installHook, uninstallHooks, type HookType } from '../../integrations/hooks/install.js';
import { runHook } from '../../integrations/hooks/run.js';
import { packagePath } from '../../model/package-root.js';
import { commandGroup, defineCommand } from '../command.js';

/** The CLI script hooks call: bin/leakwatch.js of this very install. */
export function cliScript(): string {
  return packagePath('bin', 'leakwatch.js');
}

const install = defineCommand({
  command: 'install',
  describe: 'Install a hook in the repository in the current directory (chains an existing hook)',
  builder: (parser) => parser
    .option('type', { choices: HOOK_TYPES, default: 'pre-push' as HookType, describe: 'Which hook' })
    .option('force', { type: 'boolean', default: false, describe: 'Replace an existing hook that is not leakwatch\'s instead of chaining it' }),
  run: (args, io) => {
    for (const line of installHook('.', args.type, { node: process.execPath, cli: cliScript() }, args.force)) io.stderr.write(`leakwatch: ${line}\n`);
    return 0;
  },
});

const uninstall = defineCommand({
  command: 'uninstall',
  describe: 'Remove leakwatch\'s hooks (and restore the hooks they chained)',
  builder: (parser) => parser.option('type', { choices: HOOK_TYPES, describe: 'Only this hook' }),
  run: (args, io) => {
    for (const line of uninstallHooks('.', args.type === undefined ? HOOK_TYPES : [args.type])) io.stderr.write(`leakwatch: ${line}\n`);
    return 0;
  },
});

const run = defineCommand({
  command: 'run <type> [remote] [url]',
  describe: 'Run as git runs a hook (the installed hooks call this)',
  builder: (parser) => parser
    .positional('type', { choices: HOOK_TYPES, demandOption: true })
    .positional('remote', { type: 'string', describe: 'pre-push: the remote\'s name or URL' })
    .positional('url', { type: 'string', describe: 'pre-push: the remote\'s URL' }),
  run: (args, io) => runHook({ type: args.type, remote: args.remote, path: '.' }, io),
});

export const hookCommand = commandGroup('hook', 'Install, remove or run leakwatch\'s git hooks', [install, uninstall, run], 'name a hook command: install, uninstall or run');
