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
 * A lone `-` on the command line (standard input). The argument parser drops a bare `-`, so it is
 * swapped for this stand-in before parsing and commands compare with it.
 */
export const STDIN_ARGUMENT = '\u0000-';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export { EXIT_ERROR } from '../model/errors.js';
