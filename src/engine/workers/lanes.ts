// The main thread's side of the scan workers: routes blob requests to
// workers (all versions of a file to the same one), batches messages, and
// hands results back as they come.
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { fromWireError, LeakwatchError, toWireError } from '../../model/errors.js';
import type { BlobRequest, ScannedBlob } from '../../detect/blob-scanner.js';
import type { FromWorker, ScanWorkerSetup, ToWorker } from './protocol.js';
import { fromWire } from './results.js';

/** Requests are sent in batches; the log names blobs far faster than they can be read. */
const REQUEST_BATCH = 128;

/**
 * Each scan worker's young generation, in MB. V8 sizes a worker's as the main thread's, several times
 * this, and a worker that turns blobs into texts and matches at full speed fills all of it. Express with
 * two workers peaked at 309 MiB against 335 (7 alternated runs), in the same time. On git/git the peak
 * moves with how the index's build meets the workers' collections: 971,528, 971,732, 1,041,716,
 * 1,043,272 and 1,069,000 KB with 12 MB, against 1,004,748, 1,049,388 and 1,054,512 KB without a limit
 * (reports identical). 16 MB: 1,002,956 KB; 8 MB no better (1,012,044 and 1,062,924 KB): more of the
 * search's short-lived garbage then lives long enough to be promoted.
 */
export const WORKER_YOUNG_GENERATION_MB = 12;

/** Objects a repository stores from which its whole history is searched on two threads even on two cores. */
export const LARGE_REPOSITORY_OBJECTS = 250_000;

/**
 * Scan threads when none are asked for, given how many objects the repository
 * stores (when known). git's own processes (log, cat-file) need a core of their
 * own, so on two cores the benchmark measured one thread as fast or faster on
 * small histories (see README). A large one is searched on two workers all the
 * same: the main thread then holds the listing and its index (hundreds of MB),
 * and searching beside them made every garbage collection walk that heap —
 * git/git (850k objects) took 200 s of CPU on one thread, 130 s on two.
 */
export function defaultThreads(objects = 0, cores = availableParallelism()): number {
  if (cores > 2) return Math.min(cores - 1, 4);
  return cores === 2 && objects >= LARGE_REPOSITORY_OBJECTS ? 2 : 1;
}

/**
 * Threads for a directory scan when none are asked for: no git process runs beside them, so every
 * core searches (up to four); on two cores, two threads.
 */
export function defaultFileThreads(): number {
  return Math.min(availableParallelism(), 4);
}

interface Lane {
  worker: Worker;
  pending: BlobRequest[];
  requested: number;
  finished: Promise<void>;
}

export class ScanLanes {
  readonly #lanes: Lane[];
  readonly #laneOf = new Map<string, Lane>();

  constructor(threads: number, setup: ScanWorkerSetup, onResult: (result: ScannedBlob) => void) {
    this.#lanes = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL('./scan-worker.js', import.meta.url), { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      const finished = new Promise<void>((resolve, reject) => {
        worker.on('message', (message: FromWorker) => {
          if (message.kind === 'results') for (const result of message.results) onResult(fromWire(result));
          else if (message.kind === 'done') resolve();
          else reject(fromWireError(message.error));
        });
        worker.on('error', (error) => reject(fromWireError(toWireError(error))));
        worker.on('exit', (code) => reject(new LeakwatchError('internal', `scan worker stopped (exit code ${code})`)));
      });
      finished.catch(() => undefined); // awaited in done()
      return { worker, pending: [], requested: 0, finished };
    });
  }

  request(blob: BlobRequest): void {
    let lane = this.#laneOf.get(blob.family);
    if (lane === undefined) {
      lane = this.#lanes.reduce((least, each) => (each.requested < least.requested ? each : least));
      this.#laneOf.set(blob.family, lane);
    }
    lane.pending.push(blob);
    lane.requested += 1;
    if (lane.pending.length >= REQUEST_BATCH) this.#flush(lane);
  }

  /** No more requests: resolves once every worker has sent its last result. */
  async done(): Promise<void> {
    for (const lane of this.#lanes) {
      this.#flush(lane);
      lane.worker.postMessage({ kind: 'end' } satisfies ToWorker);
    }
    await Promise.all(this.#lanes.map((lane) => lane.finished));
  }

  /** The limits each worker runs under, as its thread reports them (empty once it has stopped). */
  resourceLimits(): ResourceLimits[] {
    return this.#lanes.map((lane) => lane.worker.resourceLimits ?? {});
  }

  async close(): Promise<void> {
    await Promise.all(this.#lanes.map((lane) => lane.worker.terminate()));
  }

  #flush(lane: Lane): void {
    if (lane.pending.length === 0) return;
    lane.worker.postMessage({ kind: 'blobs', blobs: lane.pending } satisfies ToWorker);
    lane.pending = [];
  }
}
