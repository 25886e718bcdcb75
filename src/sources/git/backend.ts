// The interface every git backend implements. Nothing after the source knows git.
import type { BlobChange, BlobDeletion, BlobRead, CommitInfo, Oid } from '../../model/types.js';
import type { RawObject } from './objects.js';

export type GitBackendName = 'cli' | 'isomorphic';

/** Everything reachable from every ref (branches, tags, remotes, stash, notes) and HEAD. */
export interface HistoryLog {
  commits: CommitInfo[];
  /** Every blob each commit brought in at a path, diffed against each parent (or nothing, for a root). */
  changes: BlobChange[];
  /** Blobs removed from a path, so exact renames can be recognised. */
  deletions: BlobDeletion[];
  /** What could not be listed (a ref to a missing commit, a listing that stopped part way); the rest was. */
  faults?: string[];
  /**
   * A whole history, listed completely, whose commits will list the same way next time (no grafts,
   * replace refs or shallow boundary): a later scan may list only what is new (`readHistorySince`).
   */
  extensible?: boolean;
}

export type { BlobRead } from '../../model/types.js';

/**
 * Which commits a history scan covers: every ref's history (undefined), a revision range a user
 * typed (`A..B` or `B`, checked before git sees it), or revision arguments leakwatch built itself
 * (a push: `<new oids> --not <old oids> --remotes=<remote>`), passed to `git log` as they are.
 */
export type HistorySelection = string | { revisions: readonly string[]; description: string };

/** A blob staged in the index at `path`, and the blob HEAD has there (undefined for a new file). */
export interface StagedChange {
  path: string;
  blob: Oid;
  previousBlob: Oid | undefined;
}

/** Blob ids to read, one at a time or in batches; an async source may still be growing. */
export type OidSource = AsyncIterable<Oid | readonly Oid[]> | Iterable<Oid>;

export interface GitBackend {
  readonly name: GitBackendName;
  /**
   * The git directory when this backend reads through the `git` command: readers on other threads
   * can then open the same repository with git children of their own. Undefined otherwise.
   */
  readonly gitCommandDir: string | undefined;
  /** What is staged in the index, against HEAD; only backends that can read the index have it. */
  readonly stagedChanges?: () => { changes: StagedChange[]; removed: Oid[] };
  /**
   * Commits reachable from every ref and HEAD, or only those of `selection`.
   * `onChange` sees each blob change as soon as it is known, so blobs can be read while history is still listed.
   */
  readHistory(selection?: HistorySelection, onChange?: (change: BlobChange) => void): Promise<HistoryLog>;
  /**
   * The commits every ref reaches that `heads` (of an earlier whole-history listing) do not, so that
   * the two listings together are the whole history; undefined when they would not be (a commit of
   * the earlier one is no longer reachable, or parents are rewritten). Backends without it list all.
   */
  readHistorySince?(heads: readonly Oid[], onChange?: (change: BlobChange) => void): Promise<HistoryLog | undefined>;
  /** Whether the repository is a shallow clone: its history stops at a boundary. */
  isShallow(): boolean;
  /** How many objects the repository stores (loose and packed), a cheap measure of its history's size; backends that cannot tell lack it. */
  storedObjects?(): number;
  /**
   * The files of these commits' trees whose bytes hold one of `values` (a text search: the candidates
   * to search with the rules), at most MAX_HOLDING_FILES. Asked only about the few secrets a range or
   * push would report as new.
   */
  filesHolding?(commits: readonly string[], values: readonly string[]): Promise<Array<{ commit: string; blob: Oid }>>;
  /**
   * Commit and tag objects as stored (headers and message), for the message pass; objects the
   * repository lacks are left out. Backends without it have their messages left unscanned.
   */
  readObjects?(oids: readonly Oid[]): AsyncIterable<RawObject>;
  /** The annotated tags under refs/tags: their tag objects' ids. */
  annotatedTags?(): Promise<Oid[]>;
  /** Yields each requested blob, in request order; `oids` may still be growing. Blobs over `maxBytes` are sized, not read. */
  readBlobs(oids: OidSource, maxBytes: number): AsyncIterable<BlobRead>;
}

/** The ids in one item of an OidSource. */
export function oidsIn(item: Oid | readonly Oid[]): readonly Oid[] {
  return typeof item === 'string' ? [item] : item;
}

/** How many files `filesHolding` names at most: past that, a value is taken as not held (reported as new). */
export const MAX_HOLDING_FILES = 1000;
