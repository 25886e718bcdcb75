// One command = one module: its options, the type of its arguments (inferred
// from those options, never cast) and its handler, joined here.
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { DASH_STAND_IN, type CliIo } from './io.js';

export interface Command {
  /** Adds the command to `parser`; its handler reports the exit code through `finish`. */
  register(parser: Argv, io: CliIo, finish: (code: number) => void): Argv;
}

export interface CommandSpec<Options> {
  command: string;
  describe: string;
  builder: (parser: Argv) => Argv<Options>;
  run: (args: ArgumentsCamelCase<Options>, io: CliIo) => number | Promise<number>;
}

export function defineCommand<Options>(spec: CommandSpec<Options>): Command {
  return {
    register: (parser, io, finish) => parser.command(spec.command, spec.describe, spec.builder, async (args) => finish(await spec.run(withDashes(args), io))),
  };
}

/** The arguments with every stand-in for a lone `-` (see io.ts) turned back into `-`. */
function withDashes<Args extends object>(args: Args): Args {
  const restore = (value: unknown): unknown => (value === DASH_STAND_IN ? '-' : Array.isArray(value) ? value.map(restore) : value);
  return Object.fromEntries(Object.entries(args).map(([key, value]) => [key, restore(value)])) as Args;
}

/** A command that only groups others (`hook install|uninstall|run`). */
export function commandGroup(command: string, describe: string, members: readonly Command[], demand: string): Command {
  return {
    register: (parser, io, finish) => parser.command(command, describe, (group) => members.reduce((each, member) => member.register(each, io, finish), group).demandCommand(1, demand)),
  };
}
