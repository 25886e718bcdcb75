// Turns a backend's raw history into the blob index the scanner needs: each
// unique blob once, with the oldest commit that introduced it at each path.
// Both backends feed this same code, so they cannot disagree on attribution.
import type { CommitInfo, Oid, Origin } from '../../model/types.js';
import type { HistoryLog } from './backend.js';

export interface BlobIndex {
  /** Unique blobs, in the order they were first listed (git's own order favours its delta chains). */
  blobs: Oid[];
  /** For each blob, one origin per path: the oldest commit that introduced the blob there. */
  origins: BlobOrigins;
  /** Paths joined by exact renames (same blob deleted here, added there, in one commit). */
  lineage: PathLineage;
  commits: number;
}

/** An addition's origin replaced nothing: one shared list for them all (a large history has ~100k), never added to. */
const NOTHING_REPLACED: readonly Oid[] = Object.freeze([]);
const NONE = -1;

/**
 * Each blob's origins, held as numbers until asked for: per origin the commit's place in the listing,
 * its path's number and the next origin of the same blob, in typed arrays. As objects (an Origin and a
 * list per blob, kept until the blob was searched) they were ~65 MB of a git/git scan's heap at its
 * peak, the index's build. `get` builds a blob's list anew each time, oldest first, then by path.
 */
export class BlobOrigins {
  readonly #commits: readonly CommitInfo[];
  readonly #ages: Int32Array;
  /** Blob -> its first origin; removed by `delete`. */
  readonly #first = new Map<Oid, number>();
  #next: Int32Array;
  #commitAt: Int32Array;
  #pathOf: Int32Array;
  #count = 0;
  readonly #paths: string[] = [];
  readonly #pathIds = new Map<string, number>();
  /** Origins that replaced blobs (only when the index keeps them). */
  readonly #replaced = new Map<number, readonly Oid[]>();

  constructor(commits: readonly CommitInfo[], ages: Int32Array, capacity: number) {
    this.#commits = commits;
    this.#ages = ages;
    const size = Math.max(capacity, 16);
    this.#next = new Int32Array(size);
    this.#commitAt = new Int32Array(size);
    this.#pathOf = new Int32Array(size);
  }

  get size(): number {
    return this.#first.size;
  }

  has(oid: Oid): boolean {
    return this.#first.has(oid);
  }

  /** The blob's origins, oldest first, then by path; undefined for a blob not indexed (or deleted). */
  get(oid: Oid): Origin[] | undefined {
    const first = this.#first.get(oid);
    if (first === undefined) return undefined;
    const list: Origin[] = [];
    for (let at = first; at !== NONE; at = this.#next[at] as number) {
      const commitAt = this.#commitAt[at] as number;
      list.push({ commit: this.#commits[commitAt] as CommitInfo, age: this.#ages[commitAt] as number, path: this.#paths[this.#pathOf[at] as number] as string, replaced: this.#replaced.get(at) ?? NOTHING_REPLACED });
    }
    if (list.length > 1) list.sort((a, b) => a.age - b.age || a.path.localeCompare(b.path));
    return list;
  }

  delete(oid: Oid): void {
    this.#first.delete(oid);
  }

  /** Every blob still held with its origins, in the order blobs were first listed. */
  *[Symbol.iterator](): IterableIterator<[Oid, Origin[]]> {
    for (const oid of this.#first.keys()) yield [oid, this.get(oid) as Origin[]];
  }

  *values(): IterableIterator<Origin[]> {
    for (const [, origins] of this) yield origins;
  }

  /**
   * Records that `commitAt` (a listing position) brought `blob` to `path`, replacing `previous` there.
   * One origin per path: the oldest commit's; a merge (the same commit again) adds what it replaced.
   * Returns whether the blob was new to the index.
   */
  add(blob: Oid, path: string, commitAt: number, previous: Oid | undefined): boolean {
    const first = this.#first.get(blob);
    const pathId = this.#pathId(path);
    // The walk looks for the path's origin; without one it ends at the list's last origin, where a
    // new one goes (origins keep the order their paths were first listed in).
    let last = NONE;
    for (let at = first ?? NONE; at !== NONE; at = this.#next[at] as number) {
      last = at;
      if (this.#pathOf[at] !== pathId) continue;
      const age = this.#ages[commitAt] as number;
      const held = this.#ages[this.#commitAt[at] as number] as number;
      if (age < held) {
        this.#commitAt[at] = commitAt;
        this.#setReplaced(at, previous === undefined ? NOTHING_REPLACED : [previous]);
      } else if (age === held && previous !== undefined) {
        this.#setReplaced(at, [...(this.#replaced.get(at) ?? NOTHING_REPLACED), previous]); // a merge: its diff against each parent
      }
      return false;
    }
    const at = this.#grow();
    this.#next[at] = NONE;
    this.#commitAt[at] = commitAt;
    this.#pathOf[at] = pathId;
    if (previous !== undefined) this.#replaced.set(at, [previous]);
    if (last === NONE) this.#first.set(blob, at);
    else this.#next[last] = at;
    return first === undefined;
  }

  #setReplaced(at: number, replaced: readonly Oid[]): void {
    if (replaced.length === 0) this.#replaced.delete(at);
    else this.#replaced.set(at, replaced);
  }

  #pathId(path: string): number {
    let id = this.#pathIds.get(path);
    if (id === undefined) {
      id = this.#paths.length;
      this.#paths.push(path);
      this.#pathIds.set(path, id);
    }
    return id;
  }

  #grow(): number {
    if (this.#count === this.#next.length) {
      const size = this.#next.length * 2;
      const grown = (from: Int32Array): Int32Array => {
        const to = new Int32Array(size);
        to.set(from);
        return to;
      };
      this.#next = grown(this.#next);
      this.#commitAt = grown(this.#commitAt);
      this.#pathOf = grown(this.#pathOf);
    }
    const at = this.#count;
    this.#count += 1;
    return at;
  }
}

/**
 * `ages`: the listing's commit ages, when already computed (commitAges of the same commits).
 * `keepReplaced`: false leaves every origin's `replaced` empty; only part of a history reads it (to
 * tell a brought secret from a kept one), and on a whole one it was ~160k small lists.
 */
export function indexHistory(log: HistoryLog, ages: CommitAges = commitAges(log.commits), keepReplaced = true): BlobIndex {
  const { position } = ages;
  // The index keeps the commits array itself: the caller may let the log's property go.
  const origins = new BlobOrigins(log.commits, ages.ages, log.changes.length);
  const blobs: Oid[] = [];

  for (const change of log.changes) {
    const at = position.get(change.commit);
    if (at === undefined) continue;
    if (origins.add(change.blob, change.path, at, keepReplaced ? change.previousBlob : undefined)) blobs.push(change.blob);
  }

  return { blobs, origins, lineage: renameLineage(log), commits: log.commits.length };
}

/**
 * Age of each commit: ancestors always come before descendants; commits not
 * ordered by ancestry go by committer time, then id. Depends only on the commit
 * graph, never on the order a backend listed it in.
 */
export function ancestryOrder(commits: readonly CommitInfo[]): Map<Oid, number> {
  const { position, ages } = commitAges(commits);
  return new Map([...position].map(([oid, at]) => [oid, ages[at] as number]));
}

/** Each commit's position in the listing, and the age at each position. */
export interface CommitAges {
  position: Map<Oid, number>;
  ages: Int32Array;
}

/** A listed commit's age (`ancestryOrder`), undefined for one not listed. */
export function ageOf(ages: CommitAges, oid: Oid): number | undefined {
  const at = ages.position.get(oid);
  return at === undefined ? undefined : ages.ages[at];
}

/**
 * The ages of `ancestryOrder`, computed on numbers: each commit's position in `commits`, and the
 * age at each position. A history of 200k commits takes one map and a few typed arrays, not a map,
 * a set and a sorted copy of each commit's parents per commit.
 */
export function commitAges(commits: readonly CommitInfo[]): CommitAges {
  const count = commits.length;
  const position = new Map<Oid, number>();
  commits.forEach((commit, at) => { if (!position.has(commit.oid)) position.set(commit.oid, at); });
  // Rank by committer time, then id: the order among commits that ancestry leaves unordered.
  const order = Int32Array.from({ length: count }, (_, at) => at).sort((a, b) => {
    const x = commits[a] as CommitInfo;
    const y = commits[b] as CommitInfo;
    return x.committerTime - y.committerTime || (x.oid < y.oid ? -1 : x.oid > y.oid ? 1 : 0);
  });
  const rank = new Int32Array(count);
  order.forEach((at, r) => { rank[at] = r; });
  // Parents within the listing, as positions (a listed duplicate counts once, at its first position).
  const firstParent = new Int32Array(count + 1);
  const parentList: number[] = [];
  for (let at = 0; at < count; at += 1) {
    firstParent[at] = parentList.length;
    if (position.get((commits[at] as CommitInfo).oid) !== at) continue;
    for (const parent of (commits[at] as CommitInfo).parents) {
      const p = position.get(parent);
      if (p !== undefined) parentList.push(p);
    }
  }
  firstParent[count] = parentList.length;
  const parents = Int32Array.from(parentList);
  const NEW = 0;
  const VISITING = 1;
  const DONE = 2;
  const state = new Uint8Array(count);
  const ages = new Int32Array(count).fill(-1);
  let next = 0;
  const stack: number[] = [];
  const pending: number[] = [];
  for (const start of order) {
    if (position.get((commits[start] as CommitInfo).oid) !== start) continue;
    // Iterative depth-first walk: a commit gets its age once all its parents have theirs.
    stack.push(start);
    while (stack.length > 0) {
      const at = stack[stack.length - 1] as number;
      if (state[at] === DONE) {
        stack.pop();
        continue;
      }
      state[at] = VISITING;
      pending.length = 0;
      for (let i = firstParent[at] as number; i < (firstParent[at + 1] as number); i += 1) {
        const parent = parents[i] as number;
        if (state[parent] === NEW && !pending.includes(parent)) pending.push(parent);
      }
      if (pending.length === 0) {
        stack.pop();
        state[at] = DONE;
        ages[at] = next;
        next += 1;
      } else {
        // Pushed latest first so the earliest parent is finished first.
        if (pending.length > 1) pending.sort((a, b) => (rank[a] as number) - (rank[b] as number));
        for (let i = pending.length - 1; i >= 0; i -= 1) stack.push(pending[i] as number);
      }
    }
  }
  // A duplicate listing of a commit shares its first position's age.
  for (let at = 0; at < count; at += 1) {
    const first = position.get((commits[at] as CommitInfo).oid) as number;
    if (first !== at) ages[at] = ages[first] as number;
  }
  return { position, ages };
}

/** Union of paths linked by exact renames; a secret already reported under one path is the same leak under another. */
export class PathLineage {
  readonly #parent = new Map<string, string>();

  join(a: string, b: string): void {
    const rootA = this.root(a);
    const rootB = this.root(b);
    if (rootA !== rootB) this.#parent.set(rootA > rootB ? rootA : rootB, rootA > rootB ? rootB : rootA);
  }

  root(path: string): string {
    let current = path;
    for (let next = this.#parent.get(current); next !== undefined; next = this.#parent.get(current)) current = next;
    return current;
  }
}

function renameLineage(log: HistoryLog): PathLineage {
  const lineage = new PathLineage();
  // Keyed by blob, then commit: no key string is built per change (a large history lists millions).
  const deleted = new Map<Oid, Map<Oid, string[]>>();
  for (const deletion of log.deletions) {
    let byCommit = deleted.get(deletion.blob);
    if (byCommit === undefined) deleted.set(deletion.blob, (byCommit = new Map()));
    const paths = byCommit.get(deletion.commit);
    if (paths === undefined) byCommit.set(deletion.commit, [deletion.path]);
    else paths.push(deletion.path);
  }
  for (const change of log.changes) {
    if (change.previousBlob !== undefined) continue;
    const from = deleted.get(change.blob)?.get(change.commit);
    if (from !== undefined) for (const path of from) lineage.join(path, change.path);
  }
  return lineage;
}
