// The staged source reads the index, not the work tree, and reports only what the staged changes
// add: a secret the replaced version (or a file the index removed) already held is not new.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stagedSource } from '../../src/sources/staged.js';
import { FixtureRepo } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { RecordingRun } from '../helpers/source-run.js';

async function runStaged(repo: FixtureRepo): Promise<RecordingRun> {
  const run = new RecordingRun();
  await (await stagedSource.open({ kind: 'staged', path: repo.dir })).run(run);
  return run;
}

describe('staged source', () => {
  it('reports a secret the index adds, not one the file already had, nor what only the work tree holds', async () => {
    const repo = FixtureRepo.create();
    repo.commit('base', { 'app.env': `GITHUB_TOKEN=${fake.githubToken}\n`, 'old.txt': `mail ${fake.email}\n` });
    repo.write('app.env', `GITHUB_TOKEN=${fake.githubToken}\nPASSWORD="${fake.password}"\n`);
    repo.git('add', 'app.env');
    repo.write('app.env', `GITHUB_TOKEN=${fake.githubToken}\nPASSWORD="${fake.password}"\nAWS=${fake.awsKeyId}\n`); // not staged
    repo.git('mv', 'old.txt', 'renamed.txt'); // a rename keeps its old secret: not new
    const run = await runStaged(repo);
    assert.deepEqual(run.foundAt(), [`app.env generic-password=${fake.password}`]);
    assert.equal(run.summary.blobs, 2, 'the staged files are counted, not the versions they replace');
  });

  it('before the first commit, everything staged is new; ignored paths are skipped and counted', async () => {
    const repo = FixtureRepo.create();
    repo.write('a.env', `GITHUB_TOKEN=${fake.githubToken}\n`);
    repo.write('vendor/b.env', `GITHUB_TOKEN=${fake.otherGithubToken}\n`);
    repo.write('.leakwatchignore', 'vendor/\n');
    repo.git('add', '-A');
    const run = await runStaged(repo);
    assert.deepEqual(run.foundAt(), [`a.env github-token=${fake.githubToken}`]);
    assert.equal(run.summary.ignoredPaths, 1);
  });
});
