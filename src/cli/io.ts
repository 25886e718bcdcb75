// The streams and environment a command runs with, injected so every command
// runs in-process under test; only bin/ touches the real process.
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Where `scan -` and a pre-push hook read; process.stdin by default. */
  stdin?: NodeJS.ReadableStream | undefined;
  /** Environment (GitHub Actions variables); process.env by default. */
  env?: NodeJS.ProcessEnv | undefined;
}

/**
 * Stands in for a lone `-` (standard input, by convention) while arguments are parsed: the parser
 * drops a bare `-` positional (`scan -`) and turns `--files-from -` into an empty string. main.ts
 * swaps it in, command.ts swaps it back, so commands only ever see `-`.
 */
export const DASH_STAND_IN = '\u0000-';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export { EXIT_ERROR } from '../model/errors.js';
