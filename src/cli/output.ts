// Writing a report: to stdout, or to a file only its owner can read.
import { closeSync, constants, existsSync, fchmodSync, fstatSync, lstatSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
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

/**
 * Reports can hold masked secrets and personal data: owner-only, also when the file existed before.
 * Never through a symbolic link (someone else's link would redirect the report where they chose);
 * a device or a pipe (`/dev/null`) is written to as it is, its mode left alone.
 */
export function writePrivateFile(path: string, chunks: Iterable<string>): void {
  if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true) throw symbolicLink(path);
  let fd: number;
  try {
    // O_NOFOLLOW: a link put there after the check above is refused too (where the system has the flag).
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if ((code === 'ELOOP' || code === 'EMLINK') && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true) throw symbolicLink(path);
    if (code === 'ENOENT' && !existsSync(dirname(path))) throw new LeakwatchError('output', `${path}: cannot write the report: no folder ${dirname(path)}`);
    throw new LeakwatchError('output', `${path}: cannot write the report (${code})`);
  }
  try {
    if (fstatSync(fd).isFile()) fchmodSync(fd, 0o600);
    for (const chunk of chunks) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

function symbolicLink(path: string): LeakwatchError {
  return new LeakwatchError('output', `${path}: is a symbolic link: refusing to write the report through it (name the file itself)`);
}
