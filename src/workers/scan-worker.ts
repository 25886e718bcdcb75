// A scan worker reads its share of the blobs through its own `git cat-file`
// child and searches them, so reading and searching both run in parallel and
// blob bytes never cross between threads. Versions of one file come to the
// same worker, so its cache can serve them as references for each other.
import { PassThrough } from 'node:stream';
import { applyConfig, dialectOf, noConfig, readConfigFile } from '../config/load.js';
import { parentPort, workerData } from 'node:worker_threads';
import { BlobScanner } from '../detect/blob-scanner.js';
import { Detector } from '../detect/detector.js';
import { loadRuleSet, onlyCategory } from '../detect/rules.js';
import { UserError } from '../errors.js';
import { GitCliBackend } from '../sources/git-cli.js';
import type { Oid } from '../types.js';
import type { BlobRequest, BlobResult, FromWorker, ScanWorkerSetup, ToWorker } from './protocol.js';
import { scanBlob, toWire } from './results.js';

/** Results are sent back in batches: one message per blob would cost more than the search. */
const RESULT_BATCH = 64;

const setup = workerData as ScanWorkerSetup;
const port = parentPort;
const config = setup.configFile === undefined ? noConfig() : readConfigFile(setup.configFile, dialectOf(setup.configFile));
const scanner = new BlobScanner(new Detector(onlyCategory(applyConfig(loadRuleSet(setup.patternsDir), config), setup.only)), setup.cacheBytes, setup.scanBinary);
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
  const code = error instanceof UserError ? error.code : undefined;
  port?.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error), code } satisfies FromWorker);
});
