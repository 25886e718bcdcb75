// A file scan worker: reads the files of a directory scan it is handed (by
// path, so their bytes never cross between threads) and searches them. Each
// batch is answered with one message once all its files are done; the main
// thread stops the worker when every answer is in.
import { parentPort, workerData } from 'node:worker_threads';
import { BlobScanner, scanBlob, type ScannedBlob } from '../../detect/blob-scanner.js';
import { Detector } from '../../detect/detector.js';
import { compileRuleSetNow } from '../../rules/compile.js';
import { toWireError } from '../../model/errors.js';
import { readForSearch } from '../../sources/read-for-search.js';
import type { FileResult, FileWorkerSetup, FromFileWorker, ToFileWorker } from './protocol.js';
import { toWire } from './results.js';

const setup = workerData as FileWorkerSetup;
const port = parentPort;
let scanner: BlobScanner | undefined;

port?.on('message', (message: ToFileWorker) => {
  try {
    // Built on the first batch, not at load: an error compiling the rules then travels with its code, like any other.
    scanner ??= new BlobScanner(new Detector(compileRuleSetNow(setup.ruleSet)), 0, setup.scanBinary);
    const ready = scanner;
    const results = message.files.map(({ seq, full }): FileResult => {
      const scanned = scanOne(ready, Buffer.from(full.buffer, full.byteOffset, full.byteLength));
      return typeof scanned === 'string' ? { seq, unreadable: scanned } : { seq, result: toWire(scanned) };
    });
    port.postMessage({ kind: 'results', results } satisfies FromFileWorker);
  } catch (error) {
    port.postMessage({ kind: 'error', error: toWireError(error) } satisfies FromFileWorker);
  }
});

/** One file searched, or the code of the error that kept it from being read. The main thread names it (its path). */
function scanOne(ready: BlobScanner, full: Buffer): ScannedBlob | string {
  let read;
  try {
    read = readForSearch(full, setup.maxBytes, setup.scanBinary);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'error';
  }
  if (read.bytes === undefined && read.binary) return { oid: '', bytes: read.size, skipped: 'binary', matches: [] };
  return scanBlob(ready, read.bytes === undefined ? { oid: '', bytes: undefined, size: read.size } : { oid: '', bytes: read.bytes }, undefined);
}
