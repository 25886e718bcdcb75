// The origin remote of a real repository, read with git: a page for a known forge, nothing
// otherwise, and never the token a remote URL may carry.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { originWebUrl } from '../../src/integrations/forge.js';
import { BIN } from '../helpers/cli.js';
import { gitOnPath } from '../helpers/git-on-path.js';

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

  it('a scan reads origin only for a format that links commits (html), and links them there', () => {
    const repo = FixtureRepo.create();
    const git = gitOnPath();
    try {
      const commit = repo.commit('leak', { 'ci.env': `GH_TOKEN=${fake.githubToken}\n` });
      repo.git('remote', 'add', 'origin', 'https://github.com/acme/api.git');
      const scan = (format: string): { stdout: string; readOrigin: boolean } => {
        git.forget();
        const run = spawnSync(process.execPath, [BIN, 'scan', repo.dir, '-f', format, '--no-progress'], {
          encoding: 'utf8', env: { ...process.env, PATH: git.path, GITHUB_ACTIONS: '' },
        });
        assert.equal(run.status, 1, run.stderr);
        return { stdout: run.stdout, readOrigin: git.calls().some((call) => call.includes('remote get-url origin')) };
      };
      const json = scan('json');
      assert.equal(json.readOrigin, false);
      const html = scan('html');
      assert.equal(html.readOrigin, true);
      assert.ok(html.stdout.includes(`https://github.com/acme/api/commit/${commit}`));
    } finally {
      repo.remove();
    }
  });
});
