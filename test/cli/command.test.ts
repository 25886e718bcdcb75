// One command = one module: defineCommand joins its options and handler into a yargs command whose
// exit code reaches `finish`; commandGroup nests commands and demands one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import yargs from 'yargs';
import { commandGroup, defineCommand } from '../../src/cli/command.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, type CliIo } from '../../src/cli/io.js';
import { Capture } from '../helpers/cli.js';

const greet = defineCommand({
  command: 'greet <name>',
  describe: 'say hello',
  builder: (parser) => parser.positional('name', { type: 'string', demandOption: true }).option('loud', { type: 'boolean', default: false }),
  run: (args, io) => {
    io.stdout.write(args.loud ? `HELLO ${args.name.toUpperCase()}\n` : `hello ${args.name}\n`);
    return args.name === 'leak' ? EXIT_FINDINGS : EXIT_CLEAN;
  },
});

async function run(argv: string[]): Promise<{ code: number | undefined; out: string; error: string | undefined }> {
  const io: CliIo = { stdout: new Capture(), stderr: new Capture() };
  let code: number | undefined;
  let error: string | undefined;
  const parser = yargs(argv).exitProcess(false).strict().fail((message: string | undefined) => {
    throw new Error(message ?? 'failed');
  });
  try {
    await commandGroup('say', 'group', [greet], 'name a say command').register(parser, io, (exit) => { code = exit; }).demandCommand(1).parseAsync();
  } catch (caught) {
    error = (caught as Error).message;
  }
  return { code, out: (io.stdout as Capture).text, error };
}

describe('commands', () => {
  it('run the handler with typed arguments and hand its exit code to finish', async () => {
    assert.deepEqual(await run(['say', 'greet', 'ana']), { code: EXIT_CLEAN, out: 'hello ana\n', error: undefined });
    assert.deepEqual(await run(['say', 'greet', 'leak', '--loud']), { code: EXIT_FINDINGS, out: 'HELLO LEAK\n', error: undefined });
  });

  it('a group demands one of its commands', async () => {
    const result = await run(['say']);
    assert.equal(result.code, undefined);
    assert.match(result.error ?? '', /name a say command/);
  });

  it('exit codes: 0 clean, 1 findings, 2 error', () => {
    assert.deepEqual([EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR], [0, 1, 2]);
  });
});
