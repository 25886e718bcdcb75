// Reading a whole stream (standard input: a pre-push hook's ref lines, a list
// of files), with a read error as a coded error naming the stream.
import { LeakwatchError } from './errors.js';

export async function readAll(stream: NodeJS.ReadableStream, name = 'standard input'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  } catch (error) {
    throw new LeakwatchError('stdin', `${name}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : 'error')})`);
  }
  return Buffer.concat(chunks);
}
