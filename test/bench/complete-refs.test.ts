// The bench's complete view: the refs whose history reaches a missing blob are left out, the rest
// kept, so `git log -p --all` reads the view to the end where it stops in the repository itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { completeView } from '../../bench/complete-refs.js';
import { FixtureRepo } from '../../fixtures/repo.js';

const logAll = (gitDir: string): number | null => spawnSync('git', ['--git-dir', gitDir, 'log', '-p', '--all'], { stdio: 'ignore' }).status;

describe('bench: a view git log -p --all can read to the end', () => {
  it('leaves out the branches that reach a missing blob, and keeps HEAD, tags and the other branches', () => {
    const repo = FixtureRepo.create();
    try {
      repo.commit('base', { 'README.md': 'hello\n' });
      repo.git('tag', 'v1');
      repo.git('checkout', '-q', '-b', 'broken');
      // Deleted here and a near copy added: the kind of pair rename detection would read.
      repo.write('notes.txt', 'this blob goes missing, or a near copy of it\n');
      repo.commit('near', {});
      repo.git('rm', '-q', 'notes.txt');
      repo.commit('lost', { 'lost.txt': 'this blob goes missing, or a near copy of it!\n' });
      const lost = repo.git('rev-parse', 'HEAD:lost.txt');
      repo.git('checkout', '-q', '-b', 'broken-too');
      repo.commit('after', { 'other.txt': 'on top of the lost one\n' });
      repo.git('checkout', '-q', 'main');
      repo.commit('fine', { 'fine.txt': 'still here\n' });
      assert.equal(completeView(repo.dir), undefined, 'nothing is missing yet');
      rmSync(join(repo.dir, '.git', 'objects', lost.slice(0, 2), lost.slice(2)));
      assert.notEqual(logAll(join(repo.dir, '.git')), 0, 'git log -p --all must stop in the repository itself');

      const view = completeView(repo.dir);
      assert.ok(view !== undefined);
      try {
        assert.deepEqual(view.leftOut, ['refs/heads/broken', 'refs/heads/broken-too']);
        assert.equal(view.kept, 2);
        const refs = spawnSync('git', ['--git-dir', view.gitDir, 'for-each-ref', '--format=%(refname)'], { encoding: 'utf8' }).stdout.trim().split('\n');
        assert.deepEqual(refs, ['refs/heads/main', 'refs/tags/v1']);
        assert.equal(spawnSync('git', ['--git-dir', view.gitDir, 'symbolic-ref', 'HEAD'], { encoding: 'utf8' }).stdout.trim(), 'refs/heads/main');
        assert.equal(logAll(view.gitDir), 0);
      } finally {
        view.remove();
      }
    } finally {
      repo.remove();
    }
  });
});
