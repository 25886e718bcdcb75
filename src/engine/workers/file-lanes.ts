// The main thread's side of the file scan workers (a directory scan): hands
// each worker small batches of paths, a few batches ahead, so a worker never
// waits for work and a large file holds up only its own batch; puts results
// back in the order the files were found, so a report is the same whatever
// the number of threads.
import { Worker } from 'node:worker_threads';
import { fromWireError, LeakwatchError, toWireError } from '../../model/errors.js';
import type { DiskFile, DiskResult, FileReader } from '../../sources/source.js';
import type { FileResult, FileWorkerSetup, FromFileWorker, ToFileWorker } from './protocol.js';
import { fromWire } from './results.js';

/** Files per message: small, so the work spreads evenly over workers; a message costs far less than a file. */
const BATCH = 8;
/** Batches a worker holds at once: one being searched, the next ones waiting, so it never idles on a round trip. */
const BATCHES_AHEAD = 3;
/** Files found and not yet sent that the walk may run ahead by before it waits (paths only: little memory). */
const WAITING_MAX = 4096;

interface Lane {
  worker: Worker;
  /** Batches sent and not yet answered. */
  out: number;
}

export class FileLanes implements FileReader {
  readonly #lanes: Lane[];
  readonly #take: (result: DiskResult) => void;
  /** Files found and not yet sent, each with its number in the order found. */
  #waiting: Array<{ seq: number; file: DiskFile }> = [];
  /** Files sent, by number, until their result is handed over. */
  readonly #sent = new Map<number, DiskFile>();
  /** Results that came before an earlier file's: held until it is handed over. */
  readonly #early = new Map<number, FileResult>();
  #found = 0;
  #handedOver = 0;
  #failed: Error | undefined;
  /** Settles the walk's wait (request) or the end's (done) when results come in or a worker fails. */
  #wake: (() => void) | undefined;

  constructor(threads: number, setup: FileWorkerSetup, take: (result: DiskResult) => void) {
    this.#take = take;
    this.#lanes = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL('./file-worker.js', import.meta.url), { workerData: setup });
      const lane: Lane = { worker, out: 0 };
      worker.on('message', (message: FromFileWorker) => {
        if (message.kind === 'results') this.#arrived(lane, message.results);
        else this.#fail(fromWireError(message.error));
      });
      worker.on('error', (error) => this.#fail(fromWireError(toWireError(error))));
      worker.on('exit', (code) => this.#fail(new LeakwatchError('internal', `file scan worker stopped (exit code ${code})`)));
      return lane;
    });
  }

  async request(file: DiskFile): Promise<void> {
    this.#check();
    this.#waiting.push({ seq: this.#found, file });
    this.#found += 1;
    this.#send(false);
    while (this.#waiting.length >= WAITING_MAX) await this.#nextEvent();
  }

  async done(): Promise<void> {
    this.#send(true);
    while (this.#handedOver < this.#found) await this.#nextEvent();
  }

  async close(): Promise<void> {
    // Every answer is in (or the scan failed): nothing is lost by stopping the workers.
    this.#failed ??= new LeakwatchError('internal', 'file scan workers closed');
    await Promise.all(this.#lanes.map((lane) => lane.worker.terminate()));
  }

  /** Fills the lanes that have room; a part batch only at the end (`all`), or when a lane would idle. */
  #send(all: boolean): void {
    for (const lane of this.#lanes) {
      while (lane.out < BATCHES_AHEAD && this.#waiting.length > 0 && (all || lane.out === 0 || this.#waiting.length >= BATCH)) {
        const batch = this.#waiting.splice(0, BATCH);
        for (const { seq, file } of batch) this.#sent.set(seq, file);
        lane.out += 1;
        lane.worker.postMessage({ kind: 'files', files: batch.map(({ seq, file }) => ({ seq, full: file.full })) } satisfies ToFileWorker);
      }
    }
  }

  #arrived(lane: Lane, results: FileResult[]): void {
    lane.out -= 1;
    for (const result of results) this.#early.set(result.seq, result);
    try {
      for (let next = this.#early.get(this.#handedOver); next !== undefined; next = this.#early.get(this.#handedOver)) {
        this.#early.delete(this.#handedOver);
        const file = this.#sent.get(next.seq) as DiskFile;
        this.#sent.delete(next.seq);
        this.#handedOver += 1;
        this.#take('unreadable' in next ? { file, unreadable: next.unreadable } : { file, scanned: { ...fromWire(next.result), oid: file.path } });
      }
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.#send(false);
    this.#wakeUp();
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    this.#wakeUp();
  }

  #check(): void {
    if (this.#failed !== undefined) throw this.#failed;
  }

  /** Waits for results or a failure; throws the failure. */
  async #nextEvent(): Promise<void> {
    this.#check();
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
    });
    this.#check();
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
