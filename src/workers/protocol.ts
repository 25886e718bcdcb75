// Messages between the main thread and the scan workers. Plain data only;
// raw secrets travel between threads of one process and are boxed again on arrival.
import type { Category, Match, Oid, RawExcerpt } from '../types.js';

export interface ScanWorkerSetup {
  patternsDir: string;
  only: Category | undefined;
  /** Reuse cache per worker; 0 searches every blob whole. */
  cacheBytes: number;
  gitDir: string;
  maxBytes: number;
  scanBinary: boolean;
  /** The configuration file the main thread read (rules are rebuilt from it), if any. */
  configFile: string | undefined;
}

export interface BlobRequest {
  oid: Oid;
  family: string;
  neighbours: Oid[];
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
  skipped: 'binary' | 'oversized' | 'missing' | undefined;
  matches: WireMatch[];
}

export type FromWorker = { kind: 'results'; results: BlobResult[] } | { kind: 'done' } | { kind: 'error'; message: string; code: string | undefined };
