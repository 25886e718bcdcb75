// sources/git/open.ts: the git command when it runs, the embedded backend when there is no git to run,
// and a path that is no repository is said so (not taken for a missing git).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FixtureRepo, tempDir } from '../../../fixtures/repo.js';
import { openBackend } from '../../../src/sources/git/open.js';

describe('openBackend', () => {
  it('opens through git, or isomorphic-git when git cannot be run', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'a.txt': 'a\n' });
    const path = process.env.PATH;
    try {
      assert.equal((await openBackend(repo.dir, undefined)).name, 'cli');
      process.env.PATH = tempDir('leakwatch-no-git-');
      assert.equal((await openBackend(repo.dir, undefined)).name, 'isomorphic');
      await assert.rejects(openBackend(repo.dir, 'cli'), { code: 'git-missing' });
    } finally {
      process.env.PATH = path;
      repo.remove();
    }
    await assert.rejects(openBackend(tempDir('leakwatch-not-a-repo-'), undefined), { code: 'not-a-repository' });
  });
});
