// Finds the lines of a text that differ from another version of the same
// file: the longest common run of whole lines at the start and at the end.
// Most versions of a file change a few lines in one place, so the rest need
// not be searched again. Byte comparisons are native (memcmp), in chunks.
const CHUNK = 4096;
const NEWLINE = 10;

export interface Region {
  /** First byte of the changed lines; everything before is shared. */
  start: number;
  /** End of the changed lines; everything from here on is shared. */
  end: number;
}

export function changedLines(before: Buffer, after: Buffer): Region {
  const limit = Math.min(before.length, after.length);
  const prefix = commonPrefix(before, after, limit);
  // Keep whole lines: cut back to just after the last newline inside the shared prefix.
  const start = prefix === 0 ? 0 : after.lastIndexOf(NEWLINE, prefix - 1) + 1;
  const suffix = commonSuffix(before, after, limit - start);
  // The shared tail must also start a line: move forward past the next newline unless it already starts one.
  let end = after.length - suffix;
  if (end > start && end < after.length && after[end - 1] !== NEWLINE) {
    const next = after.indexOf(NEWLINE, end);
    end = next === -1 ? after.length : next + 1;
  }
  return { start, end: Math.max(start, end) };
}

function commonPrefix(a: Buffer, b: Buffer, limit: number): number {
  let at = 0;
  while (at < limit) {
    const size = Math.min(CHUNK, limit - at);
    if (a.compare(b, at, at + size, at, at + size) === 0) {
      at += size;
      continue;
    }
    while (a[at] === b[at]) at += 1;
    return at;
  }
  return limit;
}

function commonSuffix(a: Buffer, b: Buffer, limit: number): number {
  let length = 0;
  while (length < limit) {
    const size = Math.min(CHUNK, limit - length);
    const aEnd = a.length - length;
    const bEnd = b.length - length;
    if (a.compare(b, bEnd - size, bEnd, aEnd - size, aEnd) === 0) {
      length += size;
      continue;
    }
    while (length < limit && a[a.length - 1 - length] === b[b.length - 1 - length]) length += 1;
    return length;
  }
  return limit;
}
