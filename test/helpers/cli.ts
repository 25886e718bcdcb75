// Runs the CLI in-process with captured streams, as the tests of every command need.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { rawValues } from '../../fixtures/secrets.js';

/** The installed CLI script, as hooks and child processes call it. */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'leakwatch.js');

export class Capture extends Writable {
  text = '';
  isTTY: boolean;

  constructor(isTTY = false) {
    super();
    this.isTTY = isTTY;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { stderrIsTTY?: boolean; env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture(options.stderrIsTTY === true);
  const stdin = options.stdin === undefined ? undefined : Readable.from([Buffer.from(options.stdin)]);
  const code = await main(args, { stdout, stderr, env: options.env, stdin });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export function assertNoRawValues(text: string, where: string): void {
  for (const raw of rawValues) assert.equal(text.includes(raw), false, `${where} leaks a raw value`);
}
