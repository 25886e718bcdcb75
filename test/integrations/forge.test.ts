// The origin remote of a real repository, read with git: a page for a known forge, nothing
// otherwise, and never the token a remote URL may carry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { originWebUrl } from '../../src/integrations/forge.js';

describe('originWebUrl', () => {
  it('gives the forge page of origin, without the credentials in its URL', () => {
    const repo = FixtureRepo.create();
    try {
      repo.git('remote', 'add', 'origin', `https://x-access-token:${fake.githubToken}@github.com/acme/api.git`);
      assert.equal(originWebUrl(repo.dir), 'https://github.com/acme/api');
      repo.git('remote', 'set-url', 'origin', 'git@gitlab.com:group/sub/api.git');
      assert.equal(originWebUrl(repo.dir), 'https://gitlab.com/group/sub/api');
    } finally {
      repo.remove();
    }
  });

  it('gives nothing without origin, for an unknown host, or outside a repository', () => {
    const repo = FixtureRepo.create();
    try {
      assert.equal(originWebUrl(repo.dir), undefined);
      repo.git('remote', 'add', 'origin', 'https://git.internal.example/acme/api.git');
      assert.equal(originWebUrl(repo.dir), undefined);
      assert.equal(originWebUrl(tempDir()), undefined);
    } finally {
      repo.remove();
    }
  });
});
