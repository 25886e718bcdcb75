// The blob reader thread on its own, spoken to in its protocol: blobs come as transferred buffers
// in batches whose `bytes` is what they hold; reading stops while more than 16 MiB is sent and not
// reported consumed, and goes on once it is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { BlobReaderSetup, FromBlobReader, ToBlobReader } from '../../../src/sources/git/blob-reader-protocol.js';
import { GitCliBackend } from '../../../src/sources/git/cli.js';
import { FixtureRepo } from '../../../fixtures/repo.js';
import { prng } from '../../../fixtures/random.js';

const WORKER = new URL('../../../src/sources/git/blob-reader-worker.js', import.meta.url);
const MIB = 1024 * 1024;

describe('blob reader worker', () => {
  it('sends batches of transferred buffers, holds back past its allowance, and resumes when told', async () => {
    const repo = FixtureRepo.create();
    const random = prng(3);
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 5; i += 1) files[`f${i}.bin`] = Buffer.from(Array.from({ length: 6 * MIB }, () => Math.floor(random() * 256)));
    files['small.txt'] = Buffer.from('small\n');
    repo.commit('big blobs', files);
    const oids = repo.git('ls-tree', '-r', '--format=%(objectname)', 'HEAD').split('\n');
    const setup: BlobReaderSetup = { gitDir: GitCliBackend.open(repo.dir).gitCommandDir, maxBytes: 7 * MIB };
    const worker = new Worker(WORKER, { workerData: setup });
    const heard: FromBlobReader[] = [];
    let wake: (() => void) | undefined;
    worker.on('message', (message: FromBlobReader) => {
      heard.push(message);
      wake?.();
    });
    const until = async (ready: () => boolean): Promise<void> => {
      while (!ready()) await new Promise<void>((resolve) => { wake = resolve; });
    };
    const send = (message: ToBlobReader): void => worker.postMessage(message);
    try {
      send({ kind: 'oids', oids });
      send({ kind: 'end' });
      const sentBytes = (): number => heard.reduce((sum, m) => sum + (m.kind === 'blobs' ? m.bytes : 0), 0);
      await until(() => sentBytes() > 16 * MIB);
      await sleep(300);
      const held = sentBytes();
      assert.ok(held <= 16 * MIB + 7 * MIB, `sent ${held} bytes without any consumed`);
      assert.ok(!heard.some((m) => m.kind === 'done'), 'not done while held back');
      for (const message of [...heard]) if (message.kind === 'blobs') send({ kind: 'consumed', bytes: message.bytes, batches: 1 });
      await until(() => heard.some((m) => m.kind !== 'blobs'));
      // Keep consuming what arrives after resuming, so the worker can finish.
      const blobs = heard.flatMap((m) => (m.kind === 'blobs' ? m.blobs : []));
      assert.equal(heard.at(-1)?.kind, 'done');
      assert.deepEqual(blobs.map((b) => b.oid), oids, 'in request order');
      for (const message of heard) {
        if (message.kind !== 'blobs') continue;
        assert.equal(message.bytes, message.blobs.reduce((sum, b) => sum + ('buffer' in b ? b.buffer.byteLength : 0), 0));
      }
      const small = blobs.find((b) => b.oid === oids.at(-1));
      assert.ok(small !== undefined && 'buffer' in small && Buffer.from(small.buffer).toString() === 'small\n');
    } finally {
      await worker.terminate();
      repo.remove();
    }
  });
});
