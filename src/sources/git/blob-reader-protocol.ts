// Messages between the main thread and the blob reader thread. Plain data; blob bytes travel as transferred buffers.
import type { WireError } from '../../model/errors.js';
import type { Oid } from '../../model/types.js';

export interface BlobReaderSetup {
  gitDir: string;
  maxBytes: number;
}

export type ToBlobReader =
  | { kind: 'oids'; oids: readonly Oid[] }
  | { kind: 'end' }
  /** The main thread is done with this many batches of this many bytes: reading may go on. */
  | { kind: 'consumed'; bytes: number; batches: number };

/** A blob read whole (its own buffer), or only sized: over the limit, missing from a partial clone, or unreadable (`fault`). */
export type ReadBlob = { oid: Oid; buffer: ArrayBufferLike } | { oid: Oid; size: number; missing: boolean; fault?: string };

export type FromBlobReader =
  | { kind: 'blobs'; blobs: ReadBlob[]; bytes: number }
  | { kind: 'done' }
  | { kind: 'error'; error: WireError };
