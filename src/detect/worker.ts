// Worker thread: loads the rules once, then scans the blobs it is sent, in
// order, keeping its own cache of recent versions for reuse.
import { parentPort, workerData } from 'node:worker_threads';
import { BlobScanner } from './blob-scanner.js';
import { Detector } from './detector.js';
import { loadRuleSet } from './rules.js';
import { toWire, type WorkerJob, type WorkerSetup } from './wire.js';

const setup = workerData as WorkerSetup;
const scanner = new BlobScanner(new Detector(loadRuleSet(setup.patternsDir)), setup.cacheBytes);

parentPort?.on('message', (job: WorkerJob) => {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const result = scanner.scan({ oid: job.oid, bytes, family: job.family, neighbours: job.neighbours });
  parentPort?.postMessage(toWire(job.id, result));
});
