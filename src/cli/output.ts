// Writing a report: to stdout, or to a file only its owner can read.
import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { LeakwatchError } from '../model/errors.js';

/** Joins small report chunks into writes of about 64 KB: one system call per finding would be slow on big reports. */
export function* inPieces(chunks: Iterable<string>): Iterable<string> {
  let piece = '';
  for (const chunk of chunks) {
    piece += chunk;
    if (piece.length >= 65536) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}

/** Reports can hold masked secrets and personal data: owner-only, also when the file existed before. */
export function writePrivateFile(path: string, chunks: Iterable<string>): void {
  let fd: number;
  try {
    fd = openSync(path, 'w', 0o600);
  } catch (error) {
    throw new LeakwatchError('output', `${path}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    fchmodSync(fd, 0o600);
    for (const chunk of chunks) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
