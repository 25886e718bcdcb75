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

/**
 * Another reader, in front of which blobs the cache knows are answered from it, unread;
 * what the reader scans is recorded in the cache as it comes (see scan-cache.ts).
 */
export class CachedReader implements BlobReader {
  readonly #inner: BlobReader;
  readonly #cache: ScanCache;
  readonly #take: (result: ScannedBlob) => void;
  readonly #hit: () => void;
  #answers: ScannedBlob[] = [];

  /** `inner` must hand its results to `cache.record` as well as to `take` (CachedReader.taking). */
  constructor(inner: BlobReader, cache: ScanCache, take: (result: ScannedBlob) => void, hit: () => void) {
    this.#inner = inner;
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
    const known = this.#cache.lookup(blob.oid);
    if (known === undefined) {
      this.#inner.request(blob);
      return;
    }
    this.#hit();
    // Answered once the listing's current burst is parsed, as a read blob would be: never inside the request.
    if (this.#answers.length === 0) queueMicrotask(() => this.#answer());
    this.#answers.push(known);
  }

  #answer(): void {
    const answers = this.#answers;
    this.#answers = [];
    for (const answer of answers) this.#take(answer);
  }

  async run(listed: Promise<void>): Promise<void> {
    await this.#inner.run(listed);
    this.#answer();
  }

  async close(): Promise<void> {
    try {
      await this.#inner.close();
    } finally {
      this.#cache.close();
    }
  }
}
