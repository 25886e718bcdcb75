// `leakwatch scan -`: one text read from standard input (a log, a diff, a
// file piped in). It has no commit; `--stdin-path NAME` gives it a path, which
// reports show and path-based allowlists and rule paths see.
import { LeakwatchError } from '../model/errors.js';
import { searchFile } from './files-on-disk.js';
import type { Source, SourceRun, SourceType } from './source.js';

/** The path findings in standard input are reported at when none is given. */
export const STDIN_PATH = 'stdin';

export interface StdinSpec {
  kind: 'stdin';
  /** The stream to read; the process's standard input by default. */
  stream?: NodeJS.ReadableStream | undefined;
  /** The path reports give the text (`--stdin-path`). */
  name?: string | undefined;
}

export const stdinSource: SourceType<StdinSpec> = {
  kind: 'stdin',
  open: (spec) => new StdinSource(spec.stream ?? process.stdin, spec.name ?? STDIN_PATH),
};

class StdinSource implements Source {
  readonly scope = 'standard input';
  readonly #stream: NodeJS.ReadableStream;
  readonly #name: string;

  constructor(stream: NodeJS.ReadableStream, name: string) {
    this.#stream = stream;
    this.#name = name;
  }

  counted(): string {
    return 'standard input';
  }

  async run(run: SourceRun): Promise<void> {
    await searchStream(run, this.#stream, this.#name, 'standard input', 'stdin');
  }
}

/**
 * Searches what a stream gives as one text at `path` (standard input, or a pipe named to `--no-git`).
 * Past the size limit the rest is counted, not kept: the text is reported as over the limit.
 */
export async function searchStream(run: SourceRun, stream: NodeJS.ReadableStream, path: string, shown: string, code: 'stdin' | 'file-unreadable'): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size <= run.maxBytes) chunks.push(bytes);
      else chunks.length = 0;
    }
  } catch (error) {
    throw new LeakwatchError(code, `${shown}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : 'error')})`);
  }
  searchFile(run, size > run.maxBytes ? { path, bytes: undefined, size } : { path, bytes: Buffer.concat(chunks, size) });
}
