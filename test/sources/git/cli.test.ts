// The git plumbing backend's failure paths: git exiting early must surface as a
// coded error (its exit status says why), never as the pipe's EPIPE.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLeakwatchError } from '../../../src/model/errors.js';
import { GitCliBackend } from '../../../src/sources/git/cli.js';
import { tempDir } from '../../../fixtures/repo.js';

describe('GitCliBackend.readBlobs when git stops early', () => {
  it('rejects with git-failed every time, with nothing left unhandled, also while requests still flow', async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', note);
    try {
      // Far more requests than a pipe holds: writing waits for a drain that never comes.
      const oids = Array.from({ length: 20_000 }, (_, i) => i.toString(16).padStart(40, '0'));
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const backend = GitCliBackend.fromGitDir(`${tempDir()}/not-a-repository`);
        await assert.rejects(async () => {
          const batches = (async function* batch() {
            yield oids;
          })();
          for await (const blob of backend.readBlobs(batches, 1024)) assert.fail(`read ${blob.oid}`);
        }, (error: unknown) => isLeakwatchError(error) && error.code === 'git-failed');
      }
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
