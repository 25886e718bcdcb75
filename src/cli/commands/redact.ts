// `leakwatch redact [FILE...]`: a filter. Copies standard input (or the files,
// one after another) to standard output with every secret and piece of
// personal data the rules find masked, byte for byte otherwise, line by line
// as the lines come (`tail -f app.log | leakwatch redact`). Exit 0 whenever it
// ran, whatever it masked: a filter must not break the pipeline it sits in;
// 2 on errors (a file that cannot be read, named), as every command.
import { createReadStream, fstatSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import { createDetector } from '../../engine/scan.js';
import { LeakwatchError } from '../../model/errors.js';
import { plural } from '../../model/words.js';
import { createRedactStream } from '../../redact/stream.js';
import { loadConfig } from '../../rules/config.js';
import { defineCommand } from '../command.js';
import type { CliIo } from '../io.js';

const options = (parser: Argv) => parser
  .positional('files', { type: 'string', array: true, default: [] as string[], describe: 'Files to redact, in order; none or - reads standard input' })
  .option('summary', { type: 'boolean', default: false, describe: 'Count what was masked, per rule, on stderr' })
  .option('config', { alias: 'c', type: 'string', describe: 'Configuration file (default: .leakwatch.toml, else .gitleaks.toml, in the current directory)' })
  .option('only', { choices: ['secret', 'pii'] as const, describe: 'Only the rules of one category' })
  .option('patterns', { type: 'string', describe: 'Directory of rule files to use instead of the built-in patterns/' })
  .option('debug', { type: 'boolean', default: false, describe: 'Show stack traces of errors' });

export const redactCommand = defineCommand({
  command: 'redact [files..]',
  describe: 'Copy standard input (or files) to standard output with every secret and piece of personal data masked, line by line',
  builder: options,
  run: async (args, io) => {
    const inputs = args.files.length === 0 ? ['-'] : args.files.map(String);
    // Every file is checked before a byte is written: an unreadable one stops the run with its name, not halfway.
    for (const input of inputs) if (input !== '-') checkReadable(input);
    if (inputs.includes('-') && io.stdin === undefined) checkStdin();
    const config = loadConfig('.', args.config);
    for (const note of config.notes) io.stderr.write(`leakwatch: note: ${note}\n`);
    const detector = createDetector({ patternsDir: args.patterns, config, only: args.only });
    const counts = new Map<string, number>();
    for (const input of inputs) {
      const finished = await redactOne(input, detector, io, counts);
      if (!finished) return 0; // the reader went away (`| head`): nothing more to do, and no error
    }
    if (args.summary) io.stderr.write(`leakwatch: ${summaryLine(counts)}\n`);
    return 0;
  },
});

function checkReadable(path: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new LeakwatchError('file-unreadable', `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // Pipes and devices are fine (`leakwatch redact <(kubectl logs …)`, /dev/stdin): a filter reads streams.
  if (isFolder) throw new LeakwatchError('file-unreadable', `${path}: is a folder, not a file`);
}

/**
 * `leakwatch redact < folder`: Node reads a folder on standard input as an empty stream, which would pass
 * for an empty log; say so instead.
 */
function checkStdin(): void {
  let isFolder = false;
  try {
    isFolder = fstatSync(0).isDirectory();
  } catch {
    return; // no descriptor 0 to look at: reading it will tell
  }
  if (isFolder) throw new LeakwatchError('stdin', 'standard input: is a folder, not a file');
}

/** Streams one input through a redact stream to stdout; false when stdout's reader has gone. */
async function redactOne(input: string, detector: ReturnType<typeof createDetector>, io: CliIo, counts: Map<string, number>): Promise<boolean> {
  const stdin = input === '-';
  const source: NodeJS.ReadableStream = stdin ? io.stdin ?? process.stdin : createReadStream(input);
  const redact = createRedactStream({ detector });
  let failure: unknown;
  const onSourceError = (error: unknown): void => {
    failure = error;
    redact.destroy();
  };
  source.once('error', onSourceError);
  const output = new Output(io.stdout);
  try {
    source.pipe(redact);
    for await (const chunk of redact) {
      // Each piece goes out as soon as it is masked: a line is never held for the next one.
      if (!(await output.write(chunk as Buffer))) {
        source.unpipe(redact);
        if (!stdin) (source as ReturnType<typeof createReadStream>).destroy();
        return false;
      }
    }
  } catch (error) {
    failure ??= error;
  } finally {
    source.removeListener('error', onSourceError);
    output.close();
  }
  if (failure !== undefined) {
    const code = (failure as NodeJS.ErrnoException).code ?? (failure instanceof Error ? failure.message : 'error');
    throw stdin ? new LeakwatchError('stdin', `standard input: cannot read (${code})`) : new LeakwatchError('file-unreadable', `${input}: cannot read (${code})`);
  }
  for (const [rule, count] of redact.counts) counts.set(rule, (counts.get(rule) ?? 0) + count);
  return true;
}

/** Writes to stdout with back-pressure; a broken pipe (EPIPE) is noticed and reported as `false`, not thrown. */
class Output {
  readonly #stream: NodeJS.WritableStream;
  #broken = false;
  #error: Error | undefined;
  readonly #onError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') this.#broken = true;
    else this.#error = error;
  };

  constructor(stream: NodeJS.WritableStream) {
    this.#stream = stream;
    stream.on('error', this.#onError);
  }

  async write(chunk: Buffer): Promise<boolean> {
    if (this.#broken) return false;
    if (this.#error !== undefined) throw new LeakwatchError('output', `standard output: cannot write (${this.#error.message})`);
    if (chunk.length > 0 && !this.#stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.#stream.removeListener('drain', done);
          this.#stream.removeListener('error', done);
          resolve();
        };
        this.#stream.once('drain', done);
        this.#stream.once('error', done);
      });
    }
    return !this.#broken;
  }

  close(): void {
    this.#stream.removeListener('error', this.#onError);
  }
}

/** `5 spans masked: email 3, github-token 2` — the most masked first. */
export function summaryLine(counts: ReadonlyMap<string, number>): string {
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return 'nothing masked';
  const rules = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([rule, count]) => `${rule} ${count}`);
  return `${plural(total, 'span')} masked: ${rules.join(', ')}`;
}
