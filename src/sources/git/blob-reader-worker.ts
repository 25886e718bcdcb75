// The reading half of a history scan, on a thread of its own: drains `git
// cat-file` as fast as git writes, so git never waits on a full pipe while the
// main thread is busy searching. Blob bytes cross threads by transfer (the
// buffers move, they are not copied), in batches, within a byte allowance the
// main thread replenishes as it consumes them.
import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { toWireError } from '../../model/errors.js';
import { GitCliBackend } from './cli.js';
import type { BlobReaderSetup, FromBlobReader, ReadBlob, ToBlobReader } from './blob-reader-protocol.js';

/** A batch is sent once it holds this many bytes, or sooner when the main thread has nothing left. */
const BATCH_BYTES = 1024 * 1024;
/** Bytes sent but not yet consumed by the main thread, beyond which reading waits: bounds memory. */
const ALLOWANCE_BYTES = 16 * 1024 * 1024;

const setup = workerData as BlobReaderSetup;
const port = parentPort;
const requests = new PassThrough({ objectMode: true });
let unconsumed = 0;
/** Batches sent and not yet reported consumed: none means the main thread is waiting. */
let outstanding = 0;
let replenished: (() => void) | undefined;
let blobs: ReadBlob[] = [];
let transfer: ArrayBuffer[] = [];
let bytes = 0;
let scheduled = false;

function flush(): void {
  scheduled = false;
  if (blobs.length === 0) return;
  port?.postMessage({ kind: 'blobs', blobs, bytes } satisfies FromBlobReader, transfer);
  unconsumed += bytes;
  outstanding += 1;
  blobs = [];
  transfer = [];
  bytes = 0;
}

port?.on('message', (message: ToBlobReader) => {
  if (message.kind === 'oids') requests.write(message.oids);
  else if (message.kind === 'end') requests.end();
  else {
    unconsumed -= message.bytes;
    outstanding -= message.batches;
    // The main thread has run dry: send what is ready rather than wait for a full batch.
    if (outstanding === 0) flush();
    replenished?.();
  }
});

async function run(): Promise<void> {
  for await (const blob of GitCliBackend.fromGitDir(setup.gitDir).readBlobs(requests, setup.maxBytes)) {
    if (blob.bytes === undefined) blobs.push({ oid: blob.oid, size: blob.size, missing: blob.missing === true, ...(blob.fault === undefined ? {} : { fault: blob.fault }) });
    else {
      // parseBatch gives each blob a buffer of its own: it can move to the other thread whole.
      const own = blob.bytes.byteOffset === 0 && blob.bytes.byteLength === blob.bytes.buffer.byteLength;
      const buffer = own ? blob.bytes.buffer : Uint8Array.prototype.slice.call(blob.bytes).buffer;
      blobs.push({ oid: blob.oid, buffer });
      transfer.push(buffer as ArrayBuffer);
      bytes += buffer.byteLength;
    }
    if (bytes >= BATCH_BYTES) flush();
    else if (!scheduled && outstanding === 0) {
      // The main thread waits: what was read goes out when this loop next waits for git.
      scheduled = true;
      setImmediate(flush);
    }
    while (unconsumed > ALLOWANCE_BYTES) await new Promise<void>((resolve) => { replenished = resolve; });
  }
  flush();
  port?.postMessage({ kind: 'done' } satisfies FromBlobReader);
}

run().catch((error: unknown) => {
  port?.postMessage({ kind: 'error', error: toWireError(error) } satisfies FromBlobReader);
});
