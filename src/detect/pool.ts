// Runs blob scans on worker threads (both cores busy while git streams), or
// on the main thread for small jobs. Versions of one file go to the same
// worker, so its cache can serve them as references for each other.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Match } from '../types.js';
import { BlobScanner, type BlobJob } from './blob-scanner.js';
import type { Detector } from './detector.js';
import { fromWire, type WorkerJob, type WorkerOutcome, type WorkerSetup } from './wire.js';

export interface ScanOutcome {
  binary: boolean;
  matches: Match[];
}

export interface DetectionPool {
  /** Hands a blob over, waiting first while too much work is queued; `done` resolves when it is scanned. */
  submit(job: BlobJob): Promise<{ done: Promise<ScanOutcome> }>;
  close(): Promise<void>;
}

/** Bytes each cache may hold for reuse: enough for the recent versions of the files being scanned. */
export const REUSE_CACHE_BYTES = 48 * 1024 * 1024;
/** Bytes in flight to workers before submit waits. */
const MAX_QUEUED_BYTES = 32 * 1024 * 1024;
/** Lane memory is only a hint; it is dropped when it grows past this many families. */
const MAX_REMEMBERED_LANES = 200_000;

export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

export class LocalPool implements DetectionPool {
  readonly #scanner: BlobScanner;

  constructor(detector: Detector, cacheBytes: number) {
    this.#scanner = new BlobScanner(detector, cacheBytes);
  }

  async submit(job: BlobJob): Promise<{ done: Promise<ScanOutcome> }> {
    const result = this.#scanner.scan(job);
    return { done: Promise.resolve(result.kind === 'binary' ? { binary: true, matches: [] } : { binary: false, matches: result.matches }) };
  }

  async close(): Promise<void> {}
}

interface Lane {
  worker: Worker;
  queuedBytes: number;
}

export class WorkerPool implements DetectionPool {
  readonly #lanes: Lane[];
  readonly #pending = new Map<number, { resolve: (outcome: ScanOutcome) => void; reject: (error: Error) => void; lane: Lane; size: number }>();
  /** Which lane took each family (file), so all its versions meet the same cache. */
  readonly #laneOf = new Map<string, Lane>();
  #nextId = 0;
  #failure: Error | undefined;
  #drained: (() => void) | undefined;

  constructor(threads: number, setup: WorkerSetup) {
    this.#lanes = Array.from({ length: threads }, () => {
      const lane: Lane = { worker: new Worker(new URL('./worker.js', import.meta.url), { workerData: setup }), queuedBytes: 0 };
      lane.worker.on('message', (outcome: WorkerOutcome) => this.#finish(outcome));
      lane.worker.on('error', (error: Error) => this.#fail(error));
      return lane;
    });
  }

  async submit(job: BlobJob): Promise<{ done: Promise<ScanOutcome> }> {
    while (this.#queuedBytes() > MAX_QUEUED_BYTES && this.#failure === undefined) {
      await new Promise<void>((resolve) => {
        this.#drained = resolve;
      });
    }
    if (this.#failure !== undefined) throw this.#failure;
    const lane = this.#pickLane(job);
    if (this.#laneOf.size >= MAX_REMEMBERED_LANES) this.#laneOf.clear();
    this.#laneOf.set(job.family, lane);
    const id = this.#nextId;
    this.#nextId += 1;
    const size = job.bytes.length;
    lane.queuedBytes += size;
    const done = new Promise<ScanOutcome>((resolve, reject) => this.#pending.set(id, { resolve, reject, lane, size }));
    // Blobs are read into buffers of their own (see parseBatch), so they can be handed over without a copy.
    const bytes = new Uint8Array(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    const message: WorkerJob = { id, oid: job.oid, bytes, family: job.family, neighbours: job.neighbours };
    const whole = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength;
    lane.worker.postMessage(message, whole ? [job.bytes.buffer as ArrayBuffer] : []);
    return { done };
  }

  async close(): Promise<void> {
    await Promise.all(this.#lanes.map((lane) => lane.worker.terminate()));
    if (this.#failure !== undefined) throw this.#failure;
  }

  #pickLane(job: BlobJob): Lane {
    return this.#laneOf.get(job.family) ?? this.#lanes.reduce((least, lane) => (lane.queuedBytes < least.queuedBytes ? lane : least));
  }

  #queuedBytes(): number {
    return this.#lanes.reduce((sum, lane) => sum + lane.queuedBytes, 0);
  }

  #finish(outcome: WorkerOutcome): void {
    const pending = this.#pending.get(outcome.id);
    if (pending === undefined) return;
    this.#pending.delete(outcome.id);
    pending.lane.queuedBytes -= pending.size;
    pending.resolve({ binary: outcome.binary, matches: fromWire(outcome) });
    this.#wake();
  }

  #fail(error: Error): void {
    this.#failure = error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    this.#wake();
  }

  #wake(): void {
    const wake = this.#drained;
    this.#drained = undefined;
    wake?.();
  }
}
