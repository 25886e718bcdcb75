// The origin remote of a real repository, read with git: a page for a known forge, nothing
// otherwise, and never the token a remote URL may carry.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { originWebUrl } from '../../src/integrations/forge.js';
import { BIN } from '../helpers/cli.js';

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
    const tools = tempDir('leakwatch-forge-');
    try {
      const commit = repo.commit('leak', { 'ci.env': `GH_TOKEN=${fake.githubToken}\n` });
      repo.git('remote', 'add', 'origin', 'https://github.com/acme/api.git');
      const log = join(tools, 'git.log');
      const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
      writeFileSync(join(tools, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${log}"\nexec "${realGit}" "$@"\n`);
      chmodSync(join(tools, 'git'), 0o755);
      const scan = (format: string): { stdout: string; readOrigin: boolean } => {
        writeFileSync(log, '');
        const run = spawnSync(process.execPath, [BIN, 'scan', repo.dir, '-f', format, '--no-progress'], {
          encoding: 'utf8', env: { ...process.env, PATH: `${tools}:${process.env.PATH ?? ''}`, GITHUB_ACTIONS: '' },
        });
        assert.equal(run.status, 1, run.stderr);
        return { stdout: run.stdout, readOrigin: readFileSync(log, 'utf8').includes('remote get-url origin') };
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
