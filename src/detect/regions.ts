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
  const prefix = equalAhead(before, 0, after, 0, limit);
  // Keep whole lines: cut back to just after the last newline inside the shared prefix.
  const start = prefix === 0 ? 0 : after.lastIndexOf(NEWLINE, prefix - 1) + 1;
  const suffix = equalBehind(before, before.length, after, after.length, limit - start);
  // The shared tail must also start a line, in both texts: else move forward past its next newline.
  let end = after.length - suffix;
  const shift = after.length - before.length;
  if (end >= start && end < after.length && !(startsLine(after, end) && startsLine(before, end - shift))) {
    const next = after.indexOf(NEWLINE, end);
    end = next === -1 ? after.length : next + 1;
  }
  return { start, end: Math.max(start, end) };
}

function startsLine(text: Buffer, at: number): boolean {
  return at === 0 || text[at - 1] === NEWLINE;
}

/**
 * Lines of a new text equal, byte for byte, to lines of a reference text:
 * new [start, end) holds what the reference holds at [from, from + end - start).
 * Both sides begin a line and end one (after a newline, or at the very end of both texts),
 * so a rule that matches within one line finds exactly the same there.
 */
export interface SharedRun {
  start: number;
  end: number;
  from: number;
}

/** Shared runs shorter than this are searched again: splitting the search would cost more than it saves. */
const MIN_RUN = 128;
/** Lines shorter than this (`}`, blank lines) occur everywhere and locate nothing. */
const MIN_PROBE = 12;
/** How far past the last shared run the reference is searched for a line. */
const PROBE_WINDOW = 256 * 1024;
/** A failed probe skips this many more lines than the last one did, up to MAX_SKIP: a new block of text costs few probes. */
const MAX_SKIP = 64;

/**
 * The shared runs of `after` against `before`: the common whole-line prefix and suffix
 * (changedLines), and inside the changed middle, further runs of lines found again in order
 * (a version of a file often changes a few places, not one) unless `lookInside` is false.
 * Heuristic by design: a shared
 * run missed only means more text searched; a run reported is always byte-equal.
 */
export function sharedRuns(before: Buffer, after: Buffer, region: Region = changedLines(before, after), lookInside = true): SharedRun[] {
  const runs: SharedRun[] = [];
  const shift = after.length - before.length;
  if (region.start > 0) runs.push({ start: 0, end: region.start, from: 0 });
  if (lookInside) runs.push(...middleRuns(before, after, region.start, region.end, region.start, region.end - shift));
  if (region.end < after.length) runs.push({ start: region.end, end: after.length, from: region.end - shift });
  return runs;
}

/** The parts of a text of `length` bytes that no shared run covers, in order. */
export function unsharedRegions(runs: readonly SharedRun[], length: number): Region[] {
  const regions: Region[] = [];
  let at = 0;
  for (const run of runs) {
    if (run.start > at) regions.push({ start: at, end: run.start });
    at = run.end;
  }
  if (at < length) regions.push({ start: at, end: length });
  return regions;
}

/** Bytes of a text of `length` bytes outside every shared run. */
export function unsharedBytes(runs: readonly SharedRun[], length: number): number {
  return runs.reduce((left, run) => left - (run.end - run.start), length);
}

/**
 * Walks the new middle [aLo, aHi) line by line, looking for each line in the reference's
 * middle [bLo, bHi) at or after the end of the last run found (so runs stay in order),
 * then widens a find both ways with native compares. Probing stops once it has searched
 * several times the middle's size in reference bytes.
 */
function middleRuns(before: Buffer, after: Buffer, aLo: number, aHi: number, bLo: number, bHi: number): SharedRun[] {
  const runs: SharedRun[] = [];
  let a = aLo;
  let b = bLo;
  let covered = aLo;
  let skip = 1;
  let budget = 4 * (aHi - aLo) + PROBE_WINDOW;
  while (a < aHi && b < bHi && budget > 0) {
    const lineEnd = endOfLine(after, a, aHi);
    const found = lineEnd - a >= MIN_PROBE && after[lineEnd - 1] === NEWLINE ? findLine(before, b, bHi, after.subarray(a, lineEnd)) : -1;
    budget -= Math.min(PROBE_WINDOW, bHi - b);
    const run = found === -1 ? undefined : widen(before, after, a, found, covered, b, aHi, bHi);
    if (run !== undefined && run.end - run.start >= MIN_RUN) {
      runs.push(run);
      a = run.end;
      covered = run.end;
      b = run.from + (run.end - run.start);
      skip = 1;
      continue;
    }
    a = lineEnd;
    for (let skipped = 1; skipped < skip && a < aHi; skipped += 1) a = endOfLine(after, a, aHi);
    skip = Math.min(MAX_SKIP, skip * 2);
  }
  return runs;
}

function endOfLine(text: Buffer, from: number, limit: number): number {
  const newline = text.indexOf(NEWLINE, from);
  return newline === -1 || newline >= limit ? limit : newline + 1;
}

/** Where `line` (ending in a newline) starts a line of `text` within [from, to), or -1. */
function findLine(text: Buffer, from: number, to: number, line: Buffer): number {
  const window = text.subarray(from, Math.min(to, from + PROBE_WINDOW));
  for (let at = window.indexOf(line); at !== -1; at = window.indexOf(line, at + 1)) {
    const absolute = from + at;
    if (absolute === 0 || text[absolute - 1] === NEWLINE) return absolute;
  }
  return -1;
}

/**
 * The whole-line run around the line at after[a] = before[b]: forward up to the first
 * difference, backward down to it (not into an earlier run), each cut back to whole lines.
 */
function widen(before: Buffer, after: Buffer, a: number, b: number, aFloor: number, bFloor: number, aHi: number, bHi: number): SharedRun | undefined {
  const forward = equalAhead(before, b, after, a, Math.min(aHi - a, bHi - b));
  let end = a + forward;
  if (after[end - 1] !== NEWLINE) end = after.lastIndexOf(NEWLINE, end - 1) + 1;
  const backward = equalBehind(before, b, after, a, Math.min(a - aFloor, b - bFloor));
  let start = a - backward;
  const offset = b - a;
  if (!(startsLine(after, start) && startsLine(before, start + offset))) start = after.indexOf(NEWLINE, start) + 1;
  if (end <= start) return undefined;
  return { start, end, from: start + offset };
}

/** Length of the equal bytes at a[aFrom...] and b[bFrom...], at most `limit`. */
function equalAhead(a: Buffer, aFrom: number, b: Buffer, bFrom: number, limit: number): number {
  let length = 0;
  let size = CHUNK;
  // Native compares throughout: whole chunks while equal, then halves to close in on the first difference.
  while (length < limit) {
    const step = Math.min(size, limit - length);
    if (a.compare(b, bFrom + length, bFrom + length + step, aFrom + length, aFrom + length + step) === 0) length += step;
    else if (step <= 512) break;
    else size = step >> 1;
  }
  while (length < limit && a[aFrom + length] === b[bFrom + length]) length += 1;
  return length;
}

/** Length of the equal bytes just before a[aEnd] and b[bEnd], at most `limit`. */
function equalBehind(a: Buffer, aEnd: number, b: Buffer, bEnd: number, limit: number): number {
  let length = 0;
  let size = CHUNK;
  while (length < limit) {
    const step = Math.min(size, limit - length);
    if (a.compare(b, bEnd - length - step, bEnd - length, aEnd - length - step, aEnd - length) === 0) length += step;
    else if (step <= 512) break;
    else size = step >> 1;
  }
  while (length < limit && a[aEnd - 1 - length] === b[bEnd - 1 - length]) length += 1;
  return length;
}
