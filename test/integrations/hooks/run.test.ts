// A hook run in-process: a pre-commit that adds a secret blocks with a masked table and remedies;
// a clean one is silent; a pre-push of deletions only scans nothing; errors say how to bypass.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { runHook } from '../../../src/integrations/hooks/run.js';
import { FixtureRepo } from '../../../fixtures/repo.js';
import { fake } from '../../../fixtures/secrets.js';
import { assertNoRawValues, Capture, runCli } from '../../helpers/cli.js';

describe('hook run', () => {
  it('pre-commit: blocks staged secrets with a masked table and what to do; passes silently otherwise', async () => {
    const repo = FixtureRepo.create();
    repo.commit('base', { 'README.md': '# x\n' });
    repo.write('app.env', `GITHUB_TOKEN=${fake.githubToken}\n`);
    repo.git('add', 'app.env');
    const stderr = new Capture();
    assert.equal(await runHook({ type: 'pre-commit', remote: undefined, path: repo.dir }, { stderr }), 1);
    assert.match(stderr.text, /commit blocked: the staged changes add 1 secret/);
    assert.match(stderr.text, /github-token/);
    assert.match(stderr.text, /git commit --no-verify/);
    assertNoRawValues(stderr.text, 'the hook message');
    repo.git('reset', '-q');
    const quiet = new Capture();
    assert.equal(await runHook({ type: 'pre-commit', remote: undefined, path: repo.dir }, { stderr: quiet }), 0);
    assert.equal(quiet.text, '');
    repo.remove();
  });

  it('pre-push: a push of deletions only passes without scanning; bad input is an error naming the bypass', async () => {
    const repo = FixtureRepo.create();
    const head = repo.commit('base', { 'a.txt': 'a\n' });
    const zero = '0'.repeat(40);
    const stderr = new Capture();
    const deletion = Readable.from([`(delete) ${zero} refs/heads/old ${head}\n`]);
    assert.equal(await runHook({ type: 'pre-push', remote: 'origin', path: repo.dir }, { stderr, stdin: deletion }), 0);
    await assert.rejects(runHook({ type: 'pre-push', remote: 'origin', path: repo.dir }, { stderr, stdin: Readable.from(['nonsense\n']) }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'pre-push-input');
      assert.match(error.message, /\(to push anyway, once: git push --no-verify\)$/);
      return true;
    });
    repo.remove();
  });

  const pushAll = async (repo: FixtureRepo): Promise<{ code: number; text: string }> => {
    // Everything to a remote that has nothing yet: git's input names the branch and the all-zero remote id.
    const head = repo.git('rev-parse', 'HEAD').trim();
    const stderr = new Capture();
    const code = await runHook({ type: 'pre-push', remote: 'https://example.test/new.git', path: repo.dir }, { stderr, stdin: Readable.from([`refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`]) });
    return { code, text: stderr.text };
  };

  it('pre-push: an old repository with a baseline at its root goes to an empty remote; a new secret still blocks', async () => {
    const repo = FixtureRepo.create();
    repo.commit('old leak', { 'legacy.env': `GH=${fake.githubToken}\n` });
    repo.commit('more', { 'a.txt': 'a\n' });
    assert.equal((await pushAll(repo)).code, 1, 'without a baseline the old leak blocks');
    assert.equal((await runCli(['scan', repo.dir, '--write-baseline', join(repo.dir, '.leakwatch-baseline.json')], { env: {} })).code, 0);
    repo.commit('adopt leakwatch', { '.leakwatch-baseline.json': readFileSync(join(repo.dir, '.leakwatch-baseline.json'), 'utf8') });
    const passed = await pushAll(repo);
    assert.equal(passed.code, 0, passed.text);
    repo.commit('new leak', { 'deploy.env': `AWS_SECRET_ACCESS_KEY=${fake.awsSecret}\n` });
    const blocked = await pushAll(repo);
    assert.equal(blocked.code, 1);
    assert.match(blocked.text, /aws-secret-access-key/);
    assert.doesNotMatch(blocked.text, /github-token/);
    repo.remove();
  });

  it('pre-push: the remedy fits where the secret came in: the first commit (--root), an older one (~1), the last (--amend)', async () => {
    const repo = FixtureRepo.create();
    const root = repo.commit('root with a leak', { 'a.env': `GH=${fake.githubToken}\n` });
    repo.commit('two', { 'b.txt': 'b\n' });
    const first = await pushAll(repo);
    assert.match(first.text, new RegExp(`came in with commit ${root.slice(0, 10)} \\(the first commit\\): \`git rebase -i --root\``));
    assert.doesNotMatch(first.text, /~1/);
    const older = FixtureRepo.create();
    older.commit('base', { 'README.md': '# x\n' });
    const middle = older.commit('leak', { 'a.env': `GH=${fake.githubToken}\n` });
    older.commit('after', { 'b.txt': 'b\n' });
    assert.match((await pushAll(older)).text, new RegExp(`\`git rebase -i ${middle.slice(0, 10)}~1\``));
    const last = FixtureRepo.create();
    last.commit('base', { 'README.md': '# x\n' });
    last.commit('leak', { 'a.env': `GH=${fake.githubToken}\n` });
    assert.match((await pushAll(last)).text, /came in with the last commit: .*git commit --amend/);
    for (const each of [repo, older, last]) each.remove();
  });

  it('pre-push: an object that cannot be read blocks the push, naming it', async () => {
    const repo = FixtureRepo.create();
    repo.commit('base', { 'README.md': '# x\n' });
    repo.commit('files', { 'a.txt': 'hello\n' });
    const blob = repo.git('rev-parse', 'HEAD:a.txt').trim();
    rmSync(join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const run = await pushAll(repo);
    assert.equal(run.code, 1);
    assert.match(run.text, new RegExp(`object ${blob}: missing or corrupt`));
    assert.match(run.text, /push blocked: not everything could be read/);
    repo.remove();
  });
});
