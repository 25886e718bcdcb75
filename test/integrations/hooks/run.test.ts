// A hook run in-process: a pre-commit that adds a secret blocks with a masked table and remedies;
// a clean one is silent; a pre-push of deletions only scans nothing; errors say how to bypass.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { runHook } from '../../../src/integrations/hooks/run.js';
import { FixtureRepo } from '../../../fixtures/repo.js';
import { fake } from '../../../fixtures/secrets.js';
import { assertNoRawValues, Capture } from '../../helpers/cli.js';

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
});
