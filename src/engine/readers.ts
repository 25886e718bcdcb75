// Reading and searching the blobs of a git repository: on this thread (its
// bytes drained on a reader thread for a whole history), or spread over scan
// workers that each read their share through a git child of their own.
import { PassThrough } from 'node:stream';
import { scanBlob, type BlobRequest, type BlobScanner, type ScannedBlob } from '../detect/blob-scanner.js';
import type { Oid } from '../model/types.js';
import type { GitBackend } from '../sources/git/backend.js';
import { readBlobsOnThread } from '../sources/git/blob-reader-thread.js';
import type { BlobReader } from '../sources/source.js';
import type { ScanCache } from './scan-cache.js';
import type { ScanLanes } from './workers/lanes.js';

export class LocalReader implements BlobReader {
  readonly #requests = new PassThrough({ objectMode: true });
  readonly #hints = new Map<Oid, BlobRequest>();
  /** Requests made during one burst of log parsing, sent to git together. */
  #batch: Oid[] = [];
  readonly #backend: GitBackend;
  readonly #scanner: BlobScanner;
  readonly #maxBytes: number;
  readonly #take: (result: ScannedBlob) => void;
  readonly #readOnThread: boolean;

  constructor(backend: GitBackend, scanner: BlobScanner, maxBytes: number, take: (result: ScannedBlob) => void, readOnThread: boolean) {
    this.#readOnThread = readOnThread;
    this.#backend = backend;
    this.#scanner = scanner;
    this.#maxBytes = maxBytes;
    this.#take = take;
  }

  request(blob: BlobRequest): void {
    this.#hints.set(blob.oid, blob);
    if (this.#batch.length === 0) queueMicrotask(() => this.#flush());
    this.#batch.push(blob.oid);
  }

  #flush(): void {
    if (this.#batch.length > 0) this.#requests.write(this.#batch);
    this.#batch = [];
  }

  async run(listed: Promise<void>): Promise<void> {
    void listed.finally(() => {
      this.#flush();
      this.#requests.end();
    }).catch(() => undefined);
    // git's output is drained on a thread of its own, so git reads ahead while this thread searches.
    const gitDir = this.#backend.gitCommandDir;
    const blobs = this.#readOnThread && gitDir !== undefined
      ? readBlobsOnThread(gitDir, this.#requests, this.#maxBytes)
      : this.#backend.readBlobs(this.#requests, this.#maxBytes);
    for await (const blob of blobs) {
      const hint = this.#hints.get(blob.oid);
      this.#hints.delete(blob.oid);
      this.#take(scanBlob(this.#scanner, blob, hint));
    }
  }

  async close(): Promise<void> {}
}

export class LaneReader implements BlobReader {
  readonly #lanes: ScanLanes;

  constructor(lanes: ScanLanes) {
    this.#lanes = lanes;
  }

  request(blob: BlobRequest): void {
    this.#lanes.request(blob);
  }

  async run(listed: Promise<void>): Promise<void> {
    await listed;
    await this.#lanes.done();
    // Every result is in: the workers' heaps go now, before the findings and the report are built.
    await this.#lanes.close();
  }

  async close(): Promise<void> {
    await this.#lanes.close();
  }
}

/** How many blobs a reader is made for: a whole history's worth, or a few (a re-audit's new ones). */
export type ReadSize = 'many' | 'few';

/** Blobs the cache does not know past which a full reader (threads, workers) is made. */
const MANY_BLOBS = 1000;

/**
 * Another reader, in front of which blobs the cache knows are answered from it, unread;
 * what the reader scans is recorded in the cache as it comes (see scan-cache.ts). The reader
 * (its thread, its git child, its scan workers) is made at the first blob the cache does not
 * know: a re-audit with nothing new starts none of them. Known blobs are answered once `listed`
 * settles: the source can then attribute each answer at once, where answers given while the
 * history is still listed would all wait, thawed, for the listing's end (on git/git: every
 * cached match of the history at once, and the garbage collector's work with them).
 */
export class CachedReader implements BlobReader {
  readonly #makeInner: (size: ReadSize) => BlobReader;
  #inner: BlobReader | undefined;
  #running: Promise<void> | undefined;
  #listed: Promise<void> | undefined;
  readonly #cache: ScanCache;
  readonly #take: (result: ScannedBlob) => void;
  readonly #hit: () => void;
  /** Requests the cache knows, answered after the listing. */
  #known: BlobRequest[] = [];
  /** Requests it does not know, waiting until there are enough to call for a full reader, or the listing ends. */
  #misses: BlobRequest[] = [];

  /** `makeInner`'s reader must hand its results to `cache.record` as well as to `take` (CachedReader.taking). */
  constructor(makeInner: (size: ReadSize) => BlobReader, cache: ScanCache, take: (result: ScannedBlob) => void, hit: () => void) {
    this.#makeInner = makeInner;
    this.#cache = cache;
    this.#take = take;
    this.#hit = hit;
  }

  static taking(cache: ScanCache, take: (result: ScannedBlob) => void): (result: ScannedBlob) => void {
    return (result) => {
      cache.record(result);
      take(result);
    };
  }

  request(blob: BlobRequest): void {
    if (this.#cache.knows(blob.oid)) {
      this.#known.push(blob);
      return;
    }
    if (this.#inner !== undefined) {
      this.#inner.request(blob);
      return;
    }
    this.#misses.push(blob);
    if (this.#misses.length >= MANY_BLOBS) this.#start('many');
  }

  /** The reader for what the cache does not know, given what waits; running from now if the listing is under way. */
  #start(size: ReadSize): void {
    const inner = this.#makeInner(size);
    this.#inner = inner;
    for (const blob of this.#misses) inner.request(blob);
    this.#misses = [];
    if (this.#listed !== undefined) this.#running = inner.run(this.#listed);
  }

  async run(listed: Promise<void>): Promise<void> {
    this.#listed = listed;
    if (this.#inner !== undefined) this.#running ??= this.#inner.run(listed);
    // Every request is made before `listed` settles. A few new blobs (a re-audit) are read here, by
    // a reader that starts no thread or scan workers.
    try {
      await listed;
      if (this.#inner === undefined && this.#misses.length > 0) this.#start('few');
    } finally {
      await this.#running;
    }
    const known = this.#known;
    this.#known = [];
    const unopened: BlobRequest[] = [];
    for (const blob of known) {
      const answer = this.#cache.lookup(blob.oid);
      if (answer === undefined) {
        unopened.push(blob);
        continue;
      }
      this.#hit();
      this.#take(answer);
    }
    // Records that did not open (sealed under another id key, damaged): read after all, by a reader of their own.
    if (unopened.length > 0) {
      const again = this.#makeInner(unopened.length >= MANY_BLOBS ? 'many' : 'few');
      try {
        for (const blob of unopened) again.request(blob);
        await again.run(Promise.resolve());
      } finally {
        await again.close();
      }
    }
  }

  async close(): Promise<void> {
    try {
      await this.#inner?.close();
    } finally {
      this.#cache.close();
    }
  }
}
