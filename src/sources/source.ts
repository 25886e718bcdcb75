// The seam every input implements. A source knows where texts come from (git
// history, the index, a directory, standard input, a list of files) and where
// each was introduced; the engine (engine/scan.ts) knows how to search them,
// here or on worker threads (which read git repositories themselves: that is
// why `gitReader` is part of the seam).
// A new input is one file here that exports a `SourceType`, plus one line in
// registry.ts.
import type { BlobRequest, ScannedBlob } from '../detect/blob-scanner.js';
import type { BlobRead, CommitInfo, Match, Oid, Origin, ScanSummary } from '../model/types.js';
import type { GitBackend } from './git/backend.js';

/** Where a text's matches were introduced: a commit (none for files on disk, staged or piped), a path, the versions it replaced. */
export type Place = Omit<Origin, 'commit'> & { commit: CommitInfo | undefined };

/** Reads and searches the blobs requested of it; `run` ends once `listed` has settled and every request is done. */
export interface BlobReader {
  request(blob: BlobRequest): void;
  run(listed: Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * What earlier scans of a repository left for this one (engine/scan-cache.ts): what searching each
 * object gave (a blob, a commit's or a tag's message: ids never collide), and the last whole-history
 * listing. Kept only for the rule set and options that gave them.
 */
export interface RepositoryMemory {
  lookup(oid: Oid): ScannedBlob | undefined;
  record(result: ScannedBlob, what?: 'blob' | 'message'): void;
  /** The listing (sources/git/listing-codec.ts) the last whole-history scan saved, if it can be read. */
  savedListing(): Buffer | undefined;
  saveListing(listing: Buffer): void;
}

/** A file found on disk: its path as reported, and its full path as bytes (a name need not be UTF-8). */
export interface DiskFile {
  path: string;
  full: Buffer;
}

/** A file read and searched, or the error code (ENOENT, EACCES...) that kept it from being read. */
export type DiskResult = { file: DiskFile; scanned: ScannedBlob } | { file: DiskFile; unreadable: string };

/** Reads and searches files on worker threads; results come back in the order the files were handed over. */
export interface FileReader {
  /** Takes one more file; resolves when the reader can take the next (a bounded number wait). */
  request(file: DiskFile): Promise<void>;
  /** Resolves once every file's result has been handed over. */
  done(): Promise<void>;
  close(): Promise<void>;
}

/** What the engine offers a source while it runs. */
export interface SourceRun {
  /** Texts larger than this many bytes are sized, not read. */
  readonly maxBytes: number;
  /** Counts shown after the scan: the source adds commits and ignored paths, `count` the rest. */
  readonly summary: ScanSummary;
  /** Searches one text here and now; `hint` names the file it is a version of. */
  search(blob: BlobRead, hint?: BlobRequest): ScannedBlob;
  /**
   * A reader for blobs of a git repository: searched on this thread or on worker threads, as the
   * engine decides (threads for a whole history, when the backend reads through the git command).
   */
  gitReader(backend: GitBackend, take: (result: ScannedBlob) => void, whole: boolean): BlobReader;
  /** The cache of earlier scans of this repository, when the scan keeps one (histories read through the git command). */
  memory?(backend: GitBackend): RepositoryMemory | undefined;
  /**
   * A reader that searches files on disk on worker threads, handing each result to `take` in the order
   * the files were requested; undefined when files are best read and searched on this thread (`search`).
   */
  fileReader(take: (result: DiskResult) => void): FileReader | undefined;
  /** Counts a searched text: its bytes, and why it was not searched if it was not. */
  count(result: ScannedBlob): void;
  /**
   * Something that should have been read and could not (a missing object, a ref to a missing commit,
   * an unreadable file): counted and named, and the scan goes on; it ends in exit code 2.
   */
  fault(what: string): void;
  /** The input itself holds less than was asked (a shallow clone's history): the scan fails unless the user accepts that. */
  incomplete(what: string): void;
  /** Matches of one text, and every place that text was introduced. */
  found(matches: readonly Match[], places: readonly Place[]): void;
  /**
   * Places where a file was brought in (added, or, whole histories, changed), whatever it holds and
   * whether or not it was searched: rules that report files by path alone look at these.
   */
  introduced(places: readonly Place[]): void;
  /**
   * The source has let go of much (a whole history's listing, once indexed), or is about to build on
   * top of it (the index): a good moment for the engine to reclaim memory, before the rest of the scan
   * sizes the heap from it. `blobs`: how many unique blobs the listing named (or, before the index,
   * requested), which is what that memory grew with.
   */
  released?(blobs: number): void;
  /** A text is done; `total` is how many the source knows of so far (0 if it cannot tell). */
  progress(total: number): void;
}

/** One input, opened and ready to run. */
export interface Source {
  /** What is scanned, as a summary names it: "the whole history", "range A..B", "standard input". */
  readonly scope: string;
  /** What was scanned, counted, for the summary line: "12 commits, 40 unique blobs". */
  counted(summary: ScanSummary): string;
  run(run: SourceRun): Promise<void>;
}

/** A kind of input: its name (the `kind` of its specification) and how to open one. */
export interface SourceType<Spec extends { kind: string }> {
  readonly kind: Spec['kind'];
  open(spec: Spec): Source | Promise<Source>;
}
