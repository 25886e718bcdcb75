// The top of the work tree a folder lies in: where a history scan of a subfolder reads its configuration.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { enclosingWorkTree, workTreeTop } from '../../src/sources/work-tree.js';
import { FixtureRepo, tempDir } from '../../fixtures/repo.js';

describe('work tree top', () => {
  it('finds the folder holding .git above a subfolder, and is undefined at the top itself', () => {
    const repo = FixtureRepo.create();
    mkdirSync(join(repo.dir, 'a', 'b'), { recursive: true });
    assert.equal(workTreeTop(join(repo.dir, 'a', 'b')), repo.dir);
    assert.equal(enclosingWorkTree(join(repo.dir, 'a', 'b')), repo.dir);
    assert.equal(enclosingWorkTree(repo.dir), undefined);
    assert.equal(enclosingWorkTree(`${repo.dir}/a/..`), undefined);
    repo.remove();
  });

  it('takes a .git file (a worktree, a submodule) for a repository; nothing outside any', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'wt', 'src'), { recursive: true });
    writeFileSync(join(dir, 'wt', '.git'), 'gitdir: /elsewhere/.git/worktrees/wt\n');
    assert.equal(enclosingWorkTree(join(dir, 'wt', 'src')), join(dir, 'wt'));
    assert.equal(workTreeTop(join(dir)) === undefined || !workTreeTop(dir)?.startsWith(dir), true);
  });
});
