// A whole history's listing, taken from the one the last scan saved plus the
// commits made since, whenever the two together are exactly what a full
// listing gives: every commit the saved one holds is still reachable (no branch
// deleted or force-pushed away), and nothing rewrites parents. Otherwise, or
// with no saved listing, the whole history is listed, and saved for next time.
//
// Exact because a commit's listed changes depend on the commit alone (its tree
// against its parents' trees), and everything downstream (history-index.ts)
// depends on the set of commits and changes, never on the order listed. The
// commits made since are named first, as a full listing (newest first) would.
import type { BlobChange, CommitInfo, Oid } from '../../model/types.js';
import type { RepositoryMemory } from '../source.js';
import type { GitBackend, HistoryLog } from './backend.js';
import { decodeListing, encodeListing, extendListing } from './listing-codec.js';

/** `onReuse` learns how many commits were listed now when the saved listing gave the rest. */
export async function listWholeHistory(backend: GitBackend, onChange: (change: BlobChange) => void, memory: RepositoryMemory | undefined, onReuse?: (listedNow: number) => void): Promise<HistoryLog> {
  const savedBytes = memory === undefined || backend.readHistorySince === undefined ? undefined : memory.savedListing();
  const saved = savedBytes === undefined ? undefined : decodeListing(savedBytes);
  if (memory !== undefined && saved !== undefined && backend.readHistorySince !== undefined) {
    // Any failure here (git refusing a saved head, say) lists the whole history instead. Changes the
    // failed listing already handed on are handed on again: the planner requests each blob once.
    const since = await backend.readHistorySince(saved.heads, onChange).catch(() => undefined);
    if (since !== undefined) {
      onReuse?.(since.commits.length);
      for (const change of saved.log.changes) onChange(change);
      const log: HistoryLog = {
        commits: since.commits.length === 0 ? saved.log.commits : [...since.commits, ...saved.log.commits],
        changes: since.changes.length === 0 ? saved.log.changes : [...since.changes, ...saved.log.changes],
        deletions: since.deletions.length === 0 ? saved.log.deletions : [...since.deletions, ...saved.log.deletions],
        ...(since.faults === undefined ? {} : { faults: since.faults }),
        extensible: true,
      };
      if (since.commits.length > 0) memory.saveListing(extendListing(savedBytes as Buffer, since, headsAfter(saved.heads, since.commits)) ?? encodeListing(log));
      return log;
    }
  }
  const log = await backend.readHistory(undefined, onChange);
  if (memory !== undefined && log.extensible === true) memory.saveListing(encodeListing(log));
  return log;
}

/**
 * The heads of a listing after `added` joined it (commits that are descendants of its own, or
 * unrelated): its heads that no added commit names as a parent, and the added commits no added
 * commit names as a parent (an added commit is never the parent of an earlier one).
 */
export function headsAfter(heads: readonly Oid[], added: readonly CommitInfo[]): Oid[] {
  const parents = new Set<Oid>();
  for (const commit of added) for (const parent of commit.parents) parents.add(parent);
  return [...heads.filter((head) => !parents.has(head)), ...added.filter((commit) => !parents.has(commit.oid)).map((commit) => commit.oid)];
}
