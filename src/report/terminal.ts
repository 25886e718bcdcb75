// What a report going to a stream may know of the terminal: its width, and whether to colour.
// Colour follows the common conventions: only on a terminal, never with NO_COLOR set to anything
// (https://no-color.org) or TERM=dumb; `--color always|never` overrides the guess.
import type { ReportContext } from './format.js';

export const COLOR_CHOICES = ['auto', 'always', 'never'] as const;
export type ColorChoice = (typeof COLOR_CHOICES)[number];

/** The part of a writable stream a terminal has (process.stdout when it is one). */
export interface MaybeTerminal {
  isTTY?: boolean;
  columns?: number;
}

export function terminalContext(stream: MaybeTerminal | undefined, env: NodeJS.ProcessEnv, choice: ColorChoice = 'auto'): Pick<ReportContext, 'columns' | 'colour'> {
  const terminal = stream?.isTTY === true;
  const colour = choice === 'always' || (choice === 'auto' && terminal && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb');
  const columns = terminal && typeof stream?.columns === 'number' && stream.columns > 0 ? stream.columns : undefined;
  return { ...(columns === undefined ? {} : { columns }), colour };
}
