// Reading one file from disk to search it, synchronously: for a scan worker,
// whose thread has nothing else to do while it waits (no promise per step, no
// hop to the thread pool). A file over the limit is sized, not read; a binary
// file is told by its first bytes (see detect/text.ts) and the rest of it is
// left unread unless binary files are searched: node_modules holds compiled
// modules of tens of MB that a text scan would read only to skip.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { isBinaryHead, SNIFF_BYTES } from '../detect/text.js';

/** A file as read: its bytes, or its size alone (over the limit, or binary and left unread). */
export type ReadForSearch = { bytes: Buffer } | { bytes: undefined; size: number; binary: boolean };

/** Reads `full` (a path as bytes: names need not be UTF-8); throws what the file system throws. */
export function readForSearch(full: Buffer, maxBytes: number, scanBinary: boolean): ReadForSearch {
  const fd = openSync(full, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return { bytes: undefined, size, binary: false };
    // A size of 0 may be a file that does not know its size: read to its end, as readFile does.
    if (size === 0) return { bytes: readFileSync(fd) };
    const bytes = Buffer.allocUnsafe(size);
    const head = readInto(fd, bytes, 0, Math.min(size, SNIFF_BYTES));
    if (head < size && head === SNIFF_BYTES && !scanBinary && isBinaryHead(bytes.subarray(0, head))) return { bytes: undefined, size, binary: true };
    const read = head < SNIFF_BYTES && head < size ? head : readInto(fd, bytes, head, size);
    return { bytes: read === size ? bytes : bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

/** Reads into `bytes` from `from` until `to` or the file's end; returns where it stopped. */
function readInto(fd: number, bytes: Buffer, from: number, to: number): number {
  let at = from;
  while (at < to) {
    const read = readSync(fd, bytes, at, to - at, at);
    if (read === 0) break;
    at += read;
  }
  return at;
}
