// Reading the refs a whole history starts from: one git child for a sound repository whose HEAD names
// a branch; the slower checks only where a ref or HEAD needs them; tags and replace refs from the same
// listing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FixtureRepo } from '../../../fixtures/repo.js';
import { annotatedTagsOf, headBeyond, missingObjects, readRefs, replacesObjects, type GitRun } from '../../../src/sources/git/refs.js';

/** git in `repo`, each child's arguments recorded. */
function gitIn(repo: FixtureRepo): { git: GitRun; calls: string[][] } {
  const calls: string[][] = [];
  const git: GitRun = (args, mayFail, input) => {
    calls.push(args);
    const result = spawnSync('git', ['-C', repo.dir, ...args], { input });
    if (result.status !== 0 && !mayFail) throw new Error(`git ${args.join(' ')} failed`);
    return { status: result.status, stdout: result.stdout };
  };
  return { git, calls };
}

const gitDir = (repo: FixtureRepo): string => join(repo.dir, '.git');

describe('refs of a whole-history listing', () => {
  it('a sound repository with HEAD on a branch: one child, every ref typed, HEAD adds no tip, nothing missing', () => {
    const repo = FixtureRepo.create();
    const first = repo.commit('one', { 'a.txt': 'a\n' });
    repo.git('tag', 'light', first);
    repo.git('tag', '-a', '-m', 'release one', 'v1', first);
    repo.git('replace', '--graft', repo.commit('two', { 'a.txt': 'b\n' })); // two made a root
    const { git, calls } = gitIn(repo);
    const refs = readRefs(git);
    assert.equal(headBeyond(refs, gitDir(repo), git), undefined);
    assert.deepEqual(missingObjects(refs, git), new Set());
    assert.equal(calls.length, 1, calls.map((args) => args.join(' ')).join('\n'));
    assert.deepEqual(refs.map((ref) => `${ref.name} ${ref.type ?? '?'}`).sort().map((line) => line.replace(/refs\/replace\/\w+/, 'refs/replace/X')),
      ['refs/heads/main commit', 'refs/replace/X commit', 'refs/tags/light commit', 'refs/tags/v1 tag']);
    assert.deepEqual(annotatedTagsOf(refs), [repo.git('rev-parse', 'v1')]);
    assert.equal(replacesObjects(refs), true);
    assert.equal(replacesObjects(refs.filter((ref) => !ref.name.startsWith('refs/replace/'))), false);
    repo.remove();
  });

  it('HEAD detached at a listed commit adds nothing; at a commit no ref names it is a tip of its own', () => {
    const repo = FixtureRepo.create();
    const first = repo.commit('one', { 'a.txt': 'a\n' });
    repo.git('checkout', '-q', '--detach', first);
    const { git } = gitIn(repo);
    assert.equal(headBeyond(readRefs(git), gitDir(repo), git), undefined);
    const loose = repo.commit('detached work', { 'b.txt': 'b\n' });
    const refs = readRefs(git);
    assert.deepEqual(headBeyond(refs, gitDir(repo), git), { oid: loose, name: 'HEAD' });
    // Not typed by the listing: checked with the refs, and found.
    assert.deepEqual(missingObjects([...refs, { oid: loose, name: 'HEAD' }], git), new Set());
    repo.remove();
  });

  it('an unborn HEAD adds no tip', () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'a.txt': 'a\n' });
    repo.git('checkout', '-q', '--orphan', 'fresh');
    const { git } = gitIn(repo);
    assert.equal(headBeyond(readRefs(git), gitDir(repo), git), undefined);
    repo.remove();
  });

  it('a ref to a missing object: read again without types, the object found missing, tags left to git', () => {
    const repo = FixtureRepo.create();
    const first = repo.commit('one', { 'a.txt': 'a\n' });
    const bogus = 'b'.repeat(first.length);
    writeFileSync(join(gitDir(repo), 'refs', 'heads', 'broken'), `${bogus}\n`);
    const { git, calls } = gitIn(repo);
    const refs = readRefs(git);
    assert.deepEqual(refs.map((ref) => [ref.name, ref.type]).sort(), [['refs/heads/broken', undefined], ['refs/heads/main', undefined]]);
    assert.equal(calls.length, 2, 'the typed listing, refused, then the plain one');
    assert.deepEqual(missingObjects(refs, git), new Set([bogus]));
    assert.equal(annotatedTagsOf(refs), undefined);
    repo.remove();
  });
});
