// A whole history's listing (backend.ts HistoryLog) as bytes, so that a
// re-audit lists only the commits made since (listing-reuse.ts) instead of the
// whole history again: on git/git `git log --raw` of every ref takes ~14 s and
// 100 MB of output, ten times what answering every blob from the cache costs.
//
// Compact and quick to read back: every distinct string (paths, authors, dates,
// subjects) and every object id is stored once, and commits, changes and
// deletions are rows of 32-bit indices into those tables. Read back, each path
// and id is again one shared string, as the log parser interns them. Pure: the
// caller encrypts what it stores (engine/scan-cache.ts).
import { endianness } from 'node:os';
import type { BlobChange, BlobDeletion, CommitInfo, Oid } from '../../model/types.js';
import type { HistoryLog } from './backend.js';

const MAGIC = Buffer.from(endianness() === 'LE' ? 'LWLIST1L' : 'LWLIST1B');
const NONE = -1;
/** Per commit: oid, author, email, date, subject, first parent row, parent count. */
const COMMIT_FIELDS = 7;

/** A listing as saved: the log, and the commits every listed commit is reachable from (its heads). */
export interface SavedListing {
  heads: Oid[];
  log: HistoryLog;
}

/**
 * The commits of a complete listing that no listed commit names as a parent: every listed commit is
 * reachable from them, so "what is new since" is what every ref reaches that they do not.
 */
export function headsOf(commits: readonly CommitInfo[]): Oid[] {
  const parents = new Set<Oid>();
  for (const commit of commits) for (const parent of commit.parents) parents.add(parent);
  return commits.filter((commit) => !parents.has(commit.oid)).map((commit) => commit.oid);
}

export function encodeListing(log: HistoryLog): Buffer {
  const width = log.commits.length === 0 ? 20 : (log.commits[0] as CommitInfo).oid.length / 2;
  return pack(width, encodeRows(log, { strings: 0, oids: 0, parents: 0 }), oidBytes(headsOf(log.commits), width));
}

/**
 * The saved listing `saved` (as encodeListing wrote it) with the commits of `since` added, whose heads
 * together are `heads`: the saved rows are copied as they are and only the new ones are encoded (a
 * re-audit of git/git re-encoding all 200k commits spent ~1.5 s on it). The new rows' tables repeat
 * the few strings and ids they share with the saved ones. Undefined when `saved` is not a listing.
 */
export function extendListing(saved: Buffer, since: HistoryLog, heads: readonly Oid[]): Buffer | undefined {
  const old = unpack(saved);
  if (old === undefined) return undefined;
  const counts = { strings: countStrings(old.strings), oids: old.oids.length / old.width, parents: old.parents.length / 4 };
  const rows = encodeRows(since, counts);
  return pack(old.width, {
    strings: Buffer.concat([old.strings, rows.strings]),
    oids: Buffer.concat([old.oids, rows.oids]),
    commits: Buffer.concat([old.commits, rows.commits]),
    times: Buffer.concat([old.times, rows.times]),
    parents: Buffer.concat([old.parents, rows.parents]),
    changes: Buffer.concat([old.changes, rows.changes]),
    deletions: Buffer.concat([old.deletions, rows.deletions]),
  }, oidBytes(heads, old.width));
}

/** The rows of `log`, their indices counted from `base` (the rows of a saved listing they follow). */
function encodeRows(log: HistoryLog, base: { strings: number; oids: number; parents: number }): Rows {
  const strings = new Table<string>();
  const oids = new Table<Oid>();
  const string = (value: string): number => base.strings + strings.index(value);
  const oid = (value: Oid): number => base.oids + oids.index(value);
  const commitRows = new Int32Array(log.commits.length * COMMIT_FIELDS);
  const times = new Float64Array(log.commits.length);
  const parentRows: number[] = [];
  log.commits.forEach((commit, at) => {
    const row = at * COMMIT_FIELDS;
    commitRows[row] = oid(commit.oid);
    commitRows[row + 1] = string(commit.author);
    commitRows[row + 2] = string(commit.email);
    commitRows[row + 3] = string(commit.date);
    commitRows[row + 4] = string(commit.subject);
    commitRows[row + 5] = base.parents + parentRows.length;
    commitRows[row + 6] = commit.parents.length;
    for (const parent of commit.parents) parentRows.push(oid(parent));
    times[at] = commit.committerTime;
  });
  const changeRows = new Int32Array(log.changes.length * 4);
  log.changes.forEach((change, at) => {
    const row = at * 4;
    changeRows[row] = oid(change.commit);
    changeRows[row + 1] = string(change.path);
    changeRows[row + 2] = oid(change.blob);
    changeRows[row + 3] = change.previousBlob === undefined ? NONE : oid(change.previousBlob);
  });
  const deletionRows = new Int32Array(log.deletions.length * 3);
  log.deletions.forEach((deletion, at) => {
    const row = at * 3;
    deletionRows[row] = oid(deletion.commit);
    deletionRows[row + 1] = string(deletion.path);
    deletionRows[row + 2] = oid(deletion.blob);
  });
  const json = Buffer.from(JSON.stringify(strings.values), 'utf8');
  const chunk = Buffer.alloc(8 + json.length);
  chunk.writeUInt32LE(json.length, 0);
  chunk.writeUInt32LE(strings.values.length, 4);
  json.copy(chunk, 8);
  const width = oids.values.length === 0 ? 20 : (oids.values[0] as string).length / 2;
  return {
    strings: chunk, oids: oidBytes(oids.values, width), commits: bytesOf(commitRows), times: bytesOf(times),
    parents: bytesOf(Int32Array.from(parentRows)), changes: bytesOf(changeRows), deletions: bytesOf(deletionRows),
  };
}

/** A listing's sections as bytes: strings (JSON arrays, each after its length in bytes and in strings), ids, then rows. */
interface Rows {
  strings: Buffer;
  oids: Buffer;
  commits: Buffer;
  times: Buffer;
  parents: Buffer;
  changes: Buffer;
  deletions: Buffer;
}

const SECTIONS = 8;

function pack(width: number, rows: Rows, heads: Buffer): Buffer {
  const sections = [rows.strings, rows.oids, rows.commits, rows.times, rows.parents, rows.changes, rows.deletions, heads];
  const header = Buffer.alloc(MAGIC.length + 4 + SECTIONS * 4);
  MAGIC.copy(header);
  header.writeUInt32LE(width, MAGIC.length);
  sections.forEach((section, at) => header.writeUInt32LE(section.length, MAGIC.length + 4 + at * 4));
  return Buffer.concat([header, ...sections]);
}

function unpack(data: Buffer): (Rows & { width: number; heads: Buffer }) | undefined {
  const headerBytes = MAGIC.length + 4 + SECTIONS * 4;
  if (data.length < headerBytes || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const width = data.readUInt32LE(MAGIC.length);
  if (width !== 20 && width !== 32) return undefined;
  const lengths = Array.from({ length: SECTIONS }, (_, at) => data.readUInt32LE(MAGIC.length + 4 + at * 4));
  if (headerBytes + lengths.reduce((sum, length) => sum + length, 0) !== data.length) return undefined;
  let at = headerBytes;
  const [strings, oids, commits, times, parents, changes, deletions, heads] = lengths.map((length) => {
    const section = data.subarray(at, at + length);
    at += length;
    return section;
  }) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  if (oids.length % width !== 0 || heads.length % width !== 0) return undefined;
  return { width, strings, oids, commits, times, parents, changes, deletions, heads };
}

/** The strings of a strings section: its JSON arrays, one after another. */
function readStrings(section: Buffer): string[] {
  const strings: string[] = [];
  for (let at = 0; at < section.length;) {
    const end = at + 8 + section.readUInt32LE(at);
    if (end > section.length) throw new RangeError('a string table cut short');
    const chunk = JSON.parse(section.toString('utf8', at + 8, end)) as unknown;
    if (!Array.isArray(chunk) || chunk.length !== section.readUInt32LE(at + 4) || !chunk.every((value) => typeof value === 'string')) throw new TypeError('not a string table');
    for (const value of chunk as string[]) strings.push(value);
    at = end;
  }
  return strings;
}

/** How many strings a strings section holds, from its chunks' counts (no parsing). */
function countStrings(section: Buffer): number {
  let count = 0;
  for (let at = 0; at + 8 <= section.length; at += 8 + section.readUInt32LE(at)) count += section.readUInt32LE(at + 4);
  return count;
}

function oidBytes(oids: readonly Oid[], width: number): Buffer {
  const bytes = Buffer.from(oids.join(''), 'hex');
  if (bytes.length !== oids.length * width) throw new Error('object ids of mixed lengths');
  return bytes;
}

/** The listing `encodeListing` wrote, or undefined when the bytes are not one (another format, cut short). */
export function decodeListing(data: Buffer): SavedListing | undefined {
  const sections = unpack(data);
  if (sections === undefined) return undefined;
  const { width } = sections;
  try {
    const strings = readStrings(sections.strings);
    const oids = Array.from({ length: sections.oids.length / width }, (_, index) => sections.oids.toString('hex', index * width, (index + 1) * width));
    const commitRows = int32s(sections.commits);
    const times = float64s(sections.times);
    const parentRows = int32s(sections.parents);
    const changeRows = int32s(sections.changes);
    const deletionRows = int32s(sections.deletions);
    const count = times.length;
    if (commitRows.length !== count * COMMIT_FIELDS || changeRows.length % 4 !== 0 || deletionRows.length % 3 !== 0) return undefined;
    const oid = (index: number): Oid => checked(oids, index);
    const string = (index: number): string => checked(strings, index);
    const commits: CommitInfo[] = [];
    for (let row = 0; row < count; row += 1) {
      const base = row * COMMIT_FIELDS;
      const first = commitRows[base + 5] as number;
      const parents = commitRows[base + 6] as number;
      if (first < 0 || first + parents > parentRows.length) return undefined;
      commits.push({
        oid: oid(commitRows[base] as number),
        parents: Array.from(parentRows.subarray(first, first + parents), oid),
        committerTime: times[row] as number,
        author: string(commitRows[base + 1] as number),
        email: string(commitRows[base + 2] as number),
        date: string(commitRows[base + 3] as number),
        subject: string(commitRows[base + 4] as number),
      });
    }
    const changes: BlobChange[] = [];
    for (let row = 0; row < changeRows.length; row += 4) {
      const previous = changeRows[row + 3] as number;
      changes.push({ commit: oid(changeRows[row] as number), path: string(changeRows[row + 1] as number), blob: oid(changeRows[row + 2] as number), previousBlob: previous === NONE ? undefined : oid(previous) });
    }
    const deletions: BlobDeletion[] = [];
    for (let row = 0; row < deletionRows.length; row += 3) {
      deletions.push({ commit: oid(deletionRows[row] as number), path: string(deletionRows[row + 1] as number), blob: oid(deletionRows[row + 2] as number) });
    }
    const heads = Array.from({ length: sections.heads.length / width }, (_, index) => sections.heads.toString('hex', index * width, (index + 1) * width));
    return { heads, log: { commits, changes, deletions } };
  } catch {
    return undefined;
  }
}

/** Distinct values in first-seen order, each with its index. */
class Table<T> {
  readonly values: T[] = [];
  readonly #index = new Map<T, number>();

  index(value: T): number {
    let at = this.#index.get(value);
    if (at === undefined) {
      at = this.values.length;
      this.values.push(value);
      this.#index.set(value, at);
    }
    return at;
  }
}

function checked<T>(values: readonly T[], index: number): T {
  const value = values[index];
  if (value === undefined) throw new RangeError('index out of the table');
  return value;
}

function bytesOf(array: Int32Array | Float64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** A copy (a section's offset in the file need not be aligned for a typed array view). */
function int32s(bytes: Buffer): Int32Array {
  if (bytes.length % 4 !== 0) throw new RangeError('not a whole number of rows');
  const copy = new Int32Array(bytes.length / 4);
  Buffer.from(copy.buffer).set(bytes);
  return copy;
}

function float64s(bytes: Buffer): Float64Array {
  if (bytes.length % 8 !== 0) throw new RangeError('not a whole number of rows');
  const copy = new Float64Array(bytes.length / 8);
  Buffer.from(copy.buffer).set(bytes);
  return copy;
}
