// The embedded backend must read a repository as git itself does: the same commits, blob changes,
// deletions and blob bytes as the git command backend, dates and subjects formatted as git prints them.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { BlobRead } from '../../../src/sources/git/backend.js';
import { GitCliBackend } from '../../../src/sources/git/cli.js';
import { findGitDir } from '../../../src/sources/git/git-dir.js';
import { formatGitDate, IsomorphicBackend, subjectOf } from '../../../src/sources/git/isomorphic.js';
import { FixtureRepo, tempDir } from '../../../fixtures/repo.js';

const byKey = <T>(items: T[], key: (item: T) => string): T[] => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

async function bytesOf(blobs: AsyncIterable<BlobRead>): Promise<string[]> {
  const seen: string[] = [];
  for await (const blob of blobs) seen.push(`${blob.oid} ${blob.bytes === undefined ? `sized ${blob.size}` : blob.bytes.toString('base64')}`);
  return seen;
}

describe('isomorphic-git backend', () => {
  it('lists the same history and reads the same blobs as the git command', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one\n\nbody text', { 'a.txt': 'a1\n', 'dir/b.txt': 'b1\n', 'gone.txt': 'g\n' });
    repo.git('checkout', '-q', '-b', 'side');
    repo.commit('side change', { 'dir/b.txt': 'b2\n', 'big.txt': 'x'.repeat(5000) });
    repo.git('checkout', '-q', 'main');
    repo.git('rm', '-q', 'gone.txt');
    repo.commit('main change', { 'a.txt': 'a2\n' });
    repo.git('merge', '-q', '--no-edit', 'side');
    const cli = await GitCliBackend.open(repo.dir).readHistory();
    const iso = await IsomorphicBackend.open(join(repo.dir, 'dir')).readHistory();
    assert.deepEqual(byKey(iso.commits, (c) => c.oid), byKey(cli.commits, (c) => c.oid));
    const change = (c: { commit: string; path: string; blob: string }): string => `${c.commit} ${c.path} ${c.blob}`;
    assert.deepEqual(byKey(iso.changes, change), byKey(cli.changes, change));
    assert.deepEqual(byKey(iso.deletions, change), byKey(cli.deletions, change));
    assert.equal(cli.commits.length, 4);
    assert.ok(cli.deletions.length > 0);

    const oids = repo.reachableBlobs();
    const cliBackend = GitCliBackend.open(repo.dir);
    assert.deepEqual(await bytesOf(IsomorphicBackend.open(repo.dir).readBlobs(oids, 1000)), await bytesOf(cliBackend.readBlobs(oids, 1000)));
    repo.remove();
  });

  it('reads paths with backslashes and names that are not UTF-8 as the git command does (issue 14)', { skip: process.platform !== 'linux' }, async () => {
    const repo = FixtureRepo.create();
    writeFileSync(join(repo.dir, 'a\\b.env'), 'A=1\n');
    writeFileSync(Buffer.concat([Buffer.from(`${repo.dir}/d`), Buffer.from([0xff]), Buffer.from('.env')]), 'B=2\n');
    repo.commit('odd names', { 'ok/c.env': 'C=3\n' });
    const cli = await GitCliBackend.open(repo.dir).readHistory();
    const iso = await IsomorphicBackend.open(repo.dir).readHistory();
    const change = (c: { commit: string; path: string; blob: string }): string => `${c.commit} ${c.path} ${c.blob}`;
    assert.deepEqual(byKey(iso.changes, change), byKey(cli.changes, change));
    assert.deepEqual(iso.changes.map((c) => c.path).sort(), ['a\\b.env', 'd\uFFFD.env', 'ok/c.env']);
    repo.remove();
  });

  it('refuses revisions only the git command understands, with a coded error', async () => {
    const repo = FixtureRepo.create();
    repo.commit('one', { 'a.txt': 'a\n' });
    await assert.rejects(IsomorphicBackend.open(repo.dir).readHistory({ revisions: ['HEAD'], description: 'a push' }), { code: 'git-missing' });
    repo.remove();
  });

  it('finds the git directory above a folder, or none', () => {
    const repo = FixtureRepo.create();
    mkdirSync(join(repo.dir, 'a', 'b'), { recursive: true });
    assert.equal(findGitDir(join(repo.dir, 'a', 'b')), join(repo.dir, '.git'));
    const plain = tempDir();
    assert.equal(findGitDir(plain), undefined);
    assert.throws(() => IsomorphicBackend.open(plain), { code: 'not-a-repository' });
    repo.remove();
  });

  it('formats dates as %aI and subjects as %s', () => {
    assert.equal(formatGitDate(1_700_000_000, 120), '2023-11-15T00:13:20+02:00');
    assert.equal(formatGitDate(1_700_000_000, -210), '2023-11-14T18:43:20-03:30');
    assert.equal(formatGitDate(0, 0), '1970-01-01T00:00:00+00:00');
    assert.equal(subjectOf('fix the\nthing  \n\nbody\n'), 'fix the thing');
    assert.equal(subjectOf('\nleading blank line\n'), 'leading blank line');
  });
});
