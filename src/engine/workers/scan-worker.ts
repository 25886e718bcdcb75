// A scan worker reads its share of the blobs through its own `git cat-file`
// child and searches them, so reading and searching both run in parallel and
// blob bytes never cross between threads. Versions of one file come to the
// same worker, so its cache can serve them as references for each other.
import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { BlobScanner, scanBlob, type BlobRequest } from '../../detect/blob-scanner.js';
import { Detector } from '../../detect/detector.js';
import { compileRuleSetNow } from '../../rules/compile.js';
import { toWireError } from '../../model/errors.js';
import { GitCliBackend } from '../../sources/git/cli.js';
import type { Oid } from '../../model/types.js';
import type { BlobResult, FromWorker, ScanWorkerSetup, ToWorker } from './protocol.js';
import { toWire } from './results.js';

/** Results are sent back in batches: one message per blob would cost more than the search. */
const RESULT_BATCH = 64;

const setup = workerData as ScanWorkerSetup;
const port = parentPort;
const backend = GitCliBackend.fromGitDir(setup.gitDir);
const requests = new PassThrough({ objectMode: true });
const hints = new Map<Oid, BlobRequest>();

port?.on('message', (message: ToWorker) => {
  if (message.kind === 'end') {
    requests.end();
    return;
  }
  for (const blob of message.blobs) hints.set(blob.oid, blob);
  requests.write(message.blobs.map((blob) => blob.oid));
});

async function run(): Promise<void> {
  // Built here, not at load: an error compiling the rules then travels with its code, like any other.
  const scanner = new BlobScanner(new Detector(compileRuleSetNow(setup.ruleSet)), setup.cacheBytes, setup.scanBinary);
  let batch: BlobResult[] = [];
  const flush = (): void => {
    if (batch.length > 0) port?.postMessage({ kind: 'results', results: batch } satisfies FromWorker);
    batch = [];
  };
  for await (const blob of backend.readBlobs(requests, setup.maxBytes)) {
    const hint = hints.get(blob.oid);
    hints.delete(blob.oid);
    batch.push(toWire(scanBlob(scanner, blob, hint)));
    if (batch.length >= RESULT_BATCH) flush();
  }
  flush();
  port?.postMessage({ kind: 'done' } satisfies FromWorker);
}

run().catch((error: unknown) => {
  port?.postMessage({ kind: 'error', error: toWireError(error) } satisfies FromWorker);
});
