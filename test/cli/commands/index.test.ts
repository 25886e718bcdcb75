// The command list: every module in src/cli/commands/ is registered, and --help lists them in order.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { spawnSync } from 'node:child_process';
import { BIN } from '../../helpers/cli.js';

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

  it('wraps help to 80 columns (runs without --help skip the wrapping; see main.ts)', () => {
    const help = spawnSync(process.execPath, [BIN, 'scan', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    const lines = help.stdout.split('\n');
    assert.ok(lines.length > 60, `only ${lines.length} lines of help`);
    assert.deepEqual(lines.filter((line) => line.length > 80), []);
  });
});
