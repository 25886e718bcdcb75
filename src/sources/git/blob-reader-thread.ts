// The main thread's side of the blob reader thread (see blob-reader-worker.ts):
// forwards blob requests, yields blobs in request order as batches arrive.
import { Worker } from 'node:worker_threads';
import { fromWireError, toWireError } from '../../model/errors.js';
import type { Oid } from '../../model/types.js';
import type { BlobReaderSetup, FromBlobReader, ReadBlob, ToBlobReader } from './blob-reader-protocol.js';
import { oidsIn, type BlobRead, type OidSource } from './backend.js';

/** Longest stretch of searching between two turns of the event loop. */
const TURN_MS = 2;
/**
 * Consumed bytes are reported in lumps of this size, or as soon as every batch that arrived is
 * searched (the reader then sends what it holds at once): one message per batch cost the main
 * thread more than the reader thread's whole work in a git/git profile.
 */
const REPORT_BYTES = 4 * 1024 * 1024;

/** Reads the requested blobs of the repository at `gitDir` through `git cat-file` on another thread. */
export async function* readBlobsOnThread(gitDir: string, oids: OidSource, maxBytes: number): AsyncIterable<BlobRead> {
  const worker = new Worker(new URL('./blob-reader-worker.js', import.meta.url), { workerData: { gitDir, maxBytes } satisfies BlobReaderSetup });
  const arrived: Array<FromBlobReader> = [];
  let wake: (() => void) | undefined;
  const deliver = (message: FromBlobReader): void => {
    arrived.push(message);
    wake?.();
  };
  worker.on('message', deliver);
  worker.on('error', (error: Error) => deliver({ kind: 'error', error: toWireError(error) }));
  worker.on('exit', (code) => deliver({ kind: 'error', error: { code: 'internal', message: `blob reader stopped (exit code ${code})` } }));
  const send = (message: ToBlobReader): void => worker.postMessage(message);
  const forwarding = (async () => {
    for await (const item of oids) send({ kind: 'oids', oids: oidsIn(item) as Oid[] });
    send({ kind: 'end' });
  })();
  forwarding.catch((error: unknown) => deliver({ kind: 'error', error: toWireError(error) }));
  let lastTurn = performance.now();
  const consumed = { bytes: 0, batches: 0 };
  const report = (): void => {
    if (consumed.batches === 0) return;
    send({ kind: 'consumed', ...consumed });
    consumed.bytes = 0;
    consumed.batches = 0;
  };
  try {
    for (;;) {
      const message = arrived.shift();
      if (message === undefined) {
        report();
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = undefined;
        continue;
      }
      if (message.kind === 'done') break;
      if (message.kind === 'error') throw fromWireError(message.error);
      for (const blob of message.blobs) {
        yield toBlobRead(blob);
        // A batch takes a while to search: let the event loop serve other streams (the history listing) meanwhile.
        if (performance.now() - lastTurn > TURN_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastTurn = performance.now();
        }
      }
      consumed.bytes += message.bytes;
      consumed.batches += 1;
      if (consumed.bytes >= REPORT_BYTES) report();
    }
    await forwarding;
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

function toBlobRead(blob: ReadBlob): BlobRead {
  if ('buffer' in blob) return { oid: blob.oid, bytes: Buffer.from(blob.buffer) };
  if (blob.fault !== undefined) return { oid: blob.oid, bytes: undefined, size: blob.size, fault: blob.fault };
  return blob.missing ? { oid: blob.oid, bytes: undefined, size: blob.size, missing: true } : { oid: blob.oid, bytes: undefined, size: blob.size };
}
