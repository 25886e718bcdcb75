// Messages between the main thread and the scan workers. Plain data only;
// raw secrets travel between threads of one process and are boxed again on arrival.
import type { WireError } from '../../model/errors.js';
import type { BlobRequest } from '../../detect/blob-scanner.js';
import type { Match, Oid, RawExcerpt } from '../../model/types.js';
import type { RuleSetSpec } from '../../rules/schema.js';

export interface ScanWorkerSetup {
  /** The rule set the main thread built, as data: every worker compiles this same spec. */
  ruleSet: RuleSetSpec;
  /** Reuse cache per worker; 0 searches every blob whole. */
  cacheBytes: number;
  gitDir: string;
  maxBytes: number;
  scanBinary: boolean;
}

export type ToWorker = { kind: 'blobs'; blobs: BlobRequest[] } | { kind: 'end' };

export interface WireMatch extends Omit<Match, 'secret' | 'excerpt'> {
  secret: string;
  excerpt: RawExcerpt;
}

export interface BlobResult {
  oid: Oid;
  bytes: number;
  /** Why the blob was not searched, if it was not. */
  skipped: 'binary' | 'oversized' | 'missing' | 'fault' | undefined;
  fault?: string;
  matches: WireMatch[];
}

export type FromWorker = { kind: 'results'; results: BlobResult[] } | { kind: 'done' } | { kind: 'error'; error: WireError };

/** What a file scan worker needs: the rule set and the limits, as the main thread has them (no git: it reads files). */
export interface FileWorkerSetup {
  ruleSet: RuleSetSpec;
  maxBytes: number;
  scanBinary: boolean;
}

/** Files to read and search, each numbered by the order they were found in: results go back with that number. */
export interface ToFileWorker {
  kind: 'files';
  files: Array<{ seq: number; full: Uint8Array }>;
}

/** One file's result: what the search gave, or the error code (ENOENT, EACCES...) that stopped its reading. */
export type FileResult = { seq: number; result: BlobResult } | { seq: number; unreadable: string };

export type FromFileWorker = { kind: 'results'; results: FileResult[] } | { kind: 'error'; error: WireError };
