// The blob reader thread must hand over exactly what reading on the main
// thread gives: the same blobs, in request order, byte for byte, sized-only
// when over the limit, and git's errors as the same user errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readBlobsOnThread } from '../../../src/sources/git/blob-reader-thread.js';
import { GitCliBackend } from '../../../src/sources/git/cli.js';
import type { BlobRead } from '../../../src/sources/git/backend.js';
import { FixtureRepo } from '../../../fixtures/repo.js';

async function collect(blobs: AsyncIterable<BlobRead>): Promise<string[]> {
  const seen: string[] = [];
  for await (const blob of blobs) seen.push(`${blob.oid} ${blob.bytes === undefined ? `sized ${blob.size}` : blob.bytes.toString('base64')}`);
  return seen;
}

describe('blob reader thread', () => {
  it('yields what the main-thread reader yields, in request order', async () => {
    const repo = FixtureRepo.create();
    try {
      const files: Record<string, string> = { 'empty.txt': '' };
      for (let i = 0; i < 40; i += 1) files[`file-${i}.txt`] = `content ${i}\n`.repeat(1 + i * 500);
      repo.commit('many blobs', files);
      const oids = repo.git('ls-tree', '-r', '--format=%(objectname)', 'HEAD').split('\n').filter((line) => line !== '').reverse();
      const backend = GitCliBackend.open(repo.dir);
      const limit = 100_000; // some blobs are larger: sized, not read
      // Requests come as a batch, then one by one, as a history listing makes them.
      async function* requests(): AsyncIterable<string | readonly string[]> {
        yield oids.slice(0, 10);
        yield* oids.slice(10);
      }
      const direct = await collect(backend.readBlobs(requests(), limit));
      const threaded = await collect(readBlobsOnThread(backend.gitCommandDir, requests(), limit));
      assert.equal(threaded.length, 41);
      assert.ok(threaded.some((line) => line.includes(' sized ')));
      assert.deepEqual(threaded, direct);
    } finally {
      repo.remove();
    }
  });

  it('reads far more than its byte allowance when the consumer lags (consumption is reported in lumps)', { timeout: 60_000 }, async () => {
    const repo = FixtureRepo.create();
    try {
      // 40 MiB in 1 MiB blobs: well past the reader's allowance (16 MiB) plus the lump (4 MiB), so reading must wait for reports.
      const files: Record<string, Buffer> = {};
      for (let i = 0; i < 40; i += 1) files[`big-${i}.bin`] = Buffer.alloc(1024 * 1024, i + 1);
      repo.commit('big blobs', files);
      const oids = repo.git('ls-tree', '-r', '--format=%(objectname)', 'HEAD').split('\n').filter((line) => line !== '');
      const backend = GitCliBackend.open(repo.dir);
      let read = 0;
      for await (const blob of readBlobsOnThread(backend.gitCommandDir, oids, 2 * 1024 * 1024)) {
        assert.equal(blob.bytes?.length, 1024 * 1024);
        read += 1;
        // A slow consumer: the reader thread runs ahead until its allowance is spent.
        if (read % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(read, 40);
    } finally {
      repo.remove();
    }
  });

  it('reports a missing object as the main-thread reader does', async () => {
    const repo = FixtureRepo.create();
    try {
      repo.commit('one', { 'a.txt': 'a\n' });
      const backend = GitCliBackend.open(repo.dir);
      const absent = '0123456789abcdef0123456789abcdef01234567';
      const faults = async (blobs: AsyncIterable<BlobRead>): Promise<unknown[]> => {
        const seen: unknown[] = [];
        for await (const blob of blobs) seen.push(blob);
        return seen;
      };
      const direct = await faults(backend.readBlobs([absent], 1024));
      assert.deepEqual(direct, [{ oid: absent, bytes: undefined, size: 0, fault: 'missing or corrupt in the repository' }]);
      assert.deepEqual(await faults(readBlobsOnThread(backend.gitCommandDir, [absent], 1024)), direct);
    } finally {
      repo.remove();
    }
  });
});
