// The command list: every module in src/cli/commands/ is registered, and --help lists them in order.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { spawnSync } from 'node:child_process';
import { BIN } from '../../helpers/cli.js';
import { skipHelpCache } from '../../../src/cli/main.js';

const COMMANDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'cli', 'commands');

describe('commands', () => {
  it('registers one command per module, and help lists each', () => {
    const modules = readdirSync(COMMANDS_DIR).filter((name) => name.endsWith('.js') && name !== 'index.js');
    assert.equal(COMMANDS.length, modules.length, modules.join(', '));
    // yargs prints help on the process's own stdout: asked of the installed script.
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    const listed = [...help.stdout.matchAll(/^ {2}leakwatch ([\w-]+)/gm)].map((match) => match[1]);
    assert.deepEqual(listed, ['scan', 'merge', 'redact', 'rules', 'hook', 'id-key']);
  });

  it('skips rendering the help of a run that will not show it, through a hook the yargs in use still has', async () => {
    const { default: yargs } = await import('yargs');
    const rendered = async (skip: boolean): Promise<boolean> => {
      let cached = false;
      const parser = yargs().exitProcess(false);
      const usage = (parser as unknown as { getInternalMethods(): { getUsageInstance(): { hasCachedHelpMessage(): boolean } } }).getInternalMethods().getUsageInstance();
      parser.command('go', 'a command', (each) => each.option('x', { type: 'string', describe: 'an option' }), async () => {
        await new Promise((resolve) => setImmediate(resolve)); // yargs renders right after the handler starts
        cached = usage.hasCachedHelpMessage();
      });
      if (skip) skipHelpCache(parser);
      await parser.parseAsync(['go']);
      return cached;
    };
    assert.equal(await rendered(false), true, 'yargs no longer renders help after a handler starts: skipHelpCache can go');
    assert.equal(await rendered(true), false);
  });

  it('wraps help to 80 columns', () => {
    const help = spawnSync(process.execPath, [BIN, 'scan', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    const lines = help.stdout.split('\n');
    assert.ok(lines.length > 60, `only ${lines.length} lines of help`);
    assert.deepEqual(lines.filter((line) => line.length > 80), []);
  });
});
