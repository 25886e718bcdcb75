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
  const strings = new Table<string>();
  const oids = new Table<Oid>();
  const commitRows = new Int32Array(log.commits.length * COMMIT_FIELDS);
  const times = new Float64Array(log.commits.length);
  const parentRows: number[] = [];
  log.commits.forEach((commit, at) => {
    const row = at * COMMIT_FIELDS;
    commitRows[row] = oids.index(commit.oid);
    commitRows[row + 1] = strings.index(commit.author);
    commitRows[row + 2] = strings.index(commit.email);
    commitRows[row + 3] = strings.index(commit.date);
    commitRows[row + 4] = strings.index(commit.subject);
    commitRows[row + 5] = parentRows.length;
    commitRows[row + 6] = commit.parents.length;
    for (const parent of commit.parents) parentRows.push(oids.index(parent));
    times[at] = commit.committerTime;
  });
  const changeRows = new Int32Array(log.changes.length * 4);
  log.changes.forEach((change, at) => {
    changeRows.set([oids.index(change.commit), strings.index(change.path), oids.index(change.blob), change.previousBlob === undefined ? NONE : oids.index(change.previousBlob)], at * 4);
  });
  const deletionRows = new Int32Array(log.deletions.length * 3);
  log.deletions.forEach((deletion, at) => {
    deletionRows.set([oids.index(deletion.commit), strings.index(deletion.path), oids.index(deletion.blob)], at * 3);
  });
  const heads = Int32Array.from(headsOf(log.commits), (oid) => oids.index(oid));
  const width = oids.values.length === 0 ? 20 : (oids.values[0] as string).length / 2;
  const oidBytes = Buffer.from(oids.values.join(''), 'hex');
  if (oidBytes.length !== oids.values.length * width) throw new Error('object ids of mixed lengths');
  const stringBytes = Buffer.from(JSON.stringify(strings.values), 'utf8');
  const sections = [stringBytes, oidBytes, bytesOf(commitRows), bytesOf(times), bytesOf(Int32Array.from(parentRows)), bytesOf(changeRows), bytesOf(deletionRows), bytesOf(heads)];
  const header = Buffer.alloc(MAGIC.length + 4 + sections.length * 4);
  MAGIC.copy(header);
  header.writeUInt32LE(width, MAGIC.length);
  sections.forEach((section, at) => header.writeUInt32LE(section.length, MAGIC.length + 4 + at * 4));
  return Buffer.concat([header, ...sections]);
}

/** The listing `encodeListing` wrote, or undefined when the bytes are not one (another format, cut short). */
export function decodeListing(data: Buffer): SavedListing | undefined {
  const SECTIONS = 8;
  const headerBytes = MAGIC.length + 4 + SECTIONS * 4;
  if (data.length < headerBytes || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const width = data.readUInt32LE(MAGIC.length);
  if (width !== 20 && width !== 32) return undefined;
  const lengths = Array.from({ length: SECTIONS }, (_, at) => data.readUInt32LE(MAGIC.length + 4 + at * 4));
  if (headerBytes + lengths.reduce((sum, length) => sum + length, 0) !== data.length) return undefined;
  let at = headerBytes;
  const [stringData, oidData, commitData, timeData, parentData, changeData, deletionData, headData] = lengths.map((length) => {
    const section = data.subarray(at, at + length);
    at += length;
    return section;
  }) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  try {
    const strings = JSON.parse(stringData.toString('utf8')) as unknown;
    if (!Array.isArray(strings) || !strings.every((value) => typeof value === 'string')) return undefined;
    if (oidData.length % width !== 0) return undefined;
    const oids = Array.from({ length: oidData.length / width }, (_, index) => oidData.toString('hex', index * width, (index + 1) * width));
    const commitRows = int32s(commitData);
    const times = float64s(timeData);
    const parentRows = int32s(parentData);
    const changeRows = int32s(changeData);
    const deletionRows = int32s(deletionData);
    const headRows = int32s(headData);
    const count = times.length;
    if (commitRows.length !== count * COMMIT_FIELDS || changeRows.length % 4 !== 0 || deletionRows.length % 3 !== 0) return undefined;
    const oid = (index: number): Oid => checked(oids, index);
    const string = (index: number): string => checked(strings as string[], index);
    const commits: CommitInfo[] = [];
    for (let row = 0; row < count; row += 1) {
      const base = row * COMMIT_FIELDS;
      const first = commitRows[base + 5] as number;
      commits.push({
        oid: oid(commitRows[base] as number),
        parents: Array.from(parentRows.subarray(first, first + (commitRows[base + 6] as number)), oid),
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
    return { heads: Array.from(headRows, oid), log: { commits, changes, deletions } };
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
