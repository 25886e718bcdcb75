// Turns a backend's raw history into the blob index the scanner needs: each
// unique blob once, with the oldest commit that introduced it at each path.
// Both backends feed this same code, so they cannot disagree on attribution.
import type { CommitInfo, Oid, Origin } from '../../model/types.js';
import type { HistoryLog } from './backend.js';

export interface BlobIndex {
  /** Unique blobs, in the order they were first listed (git's own order favours its delta chains). */
  blobs: Oid[];
  /** For each blob, one origin per path: the oldest commit that introduced the blob there. */
  origins: Map<Oid, Origin[]>;
  /** Paths joined by exact renames (same blob deleted here, added there, in one commit). */
  lineage: PathLineage;
  commits: number;
}

export function indexHistory(log: HistoryLog): BlobIndex {
  const commits = new Map(log.commits.map((commit) => [commit.oid, commit]));
  const ages = ancestryOrder(log.commits);
  const origins = new Map<Oid, Origin[]>();
  const blobs: Oid[] = [];

  for (const change of log.changes) {
    const commit = commits.get(change.commit);
    const age = ages.get(change.commit);
    if (commit === undefined || age === undefined) continue;
    let list = origins.get(change.blob);
    if (list === undefined) {
      list = [];
      origins.set(change.blob, list);
      blobs.push(change.blob);
    }
    const same = list.find((origin) => origin.path === change.path);
    const replaced = change.previousBlob === undefined ? [] : [change.previousBlob];
    if (same === undefined) list.push({ commit, age, path: change.path, replaced });
    else if (age < same.age) {
      same.commit = commit;
      same.age = age;
      same.replaced = replaced;
    } else if (age === same.age) same.replaced.push(...replaced); // a merge: its diff against each parent

  }
  for (const list of origins.values()) list.sort((a, b) => a.age - b.age || a.path.localeCompare(b.path));

  return { blobs, origins, lineage: renameLineage(log), commits: log.commits.length };
}

/**
 * Age of each commit: ancestors always come before descendants; commits not
 * ordered by ancestry go by committer time, then id. Depends only on the commit
 * graph, never on the order a backend listed it in.
 */
export function ancestryOrder(commits: readonly CommitInfo[]): Map<Oid, number> {
  const byOid = new Map(commits.map((commit) => [commit.oid, commit]));
  const earlier = (a: CommitInfo, b: CommitInfo): number => a.committerTime - b.committerTime || (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0);
  const ages = new Map<Oid, number>();
  const visiting = new Set<Oid>();
  for (const start of [...commits].sort(earlier)) {
    // Iterative depth-first walk: a commit gets its age once all its parents have theirs.
    const stack: CommitInfo[] = [start];
    while (stack.length > 0) {
      const commit = stack[stack.length - 1] as CommitInfo;
      if (ages.has(commit.oid)) {
        stack.pop();
        continue;
      }
      visiting.add(commit.oid);
      const pending = commit.parents
        .map((oid) => byOid.get(oid))
        .filter((parent): parent is CommitInfo => parent !== undefined && !ages.has(parent.oid) && !visiting.has(parent.oid))
        .sort(earlier);
      if (pending.length === 0) {
        stack.pop();
        visiting.delete(commit.oid);
        ages.set(commit.oid, ages.size);
      } else {
        // Pushed latest first so the earliest parent is finished first.
        for (let i = pending.length - 1; i >= 0; i -= 1) stack.push(pending[i] as CommitInfo);
      }
    }
  }
  return ages;
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
