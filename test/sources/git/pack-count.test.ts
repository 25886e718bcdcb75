// Pack indexes read for their object counts, and the alternates git names.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FixtureRepo, tempDir } from '../../../fixtures/repo.js';
import { alternatesIn, packedObjectsIn } from '../../../src/sources/git/pack-count.js';

describe('packedObjectsIn', () => {
  it('sums the fan-out counts of every pack index, as git verify-pack counts them', () => {
    const repo = FixtureRepo.create();
    try {
      repo.commit('one', { 'a.txt': 'a\n', 'b.txt': 'b\n' });
      repo.git('gc', '--quiet');
      repo.commit('two', { 'c.txt': 'c\n' });
      repo.git('repack', '--quiet');
      const objects = join(repo.dir, '.git', 'objects');
      const counted = execFileSync('git', ['-C', repo.dir, 'count-objects', '-v'], { encoding: 'utf8' });
      const inPack = Number(/^in-pack: (\d+)$/m.exec(counted)?.[1]);
      // One commit, tree and two blobs; then a commit, tree and blob in a second pack.
      assert.equal(inPack, 7);
      assert.equal(packedObjectsIn(objects), inPack);
    } finally {
      repo.remove();
    }
  });

  it('counts nothing for a missing directory or an index too short to hold its table', () => {
    const dir = tempDir();
    assert.equal(packedObjectsIn(join(dir, 'absent')), 0);
    mkdirSync(join(dir, 'pack'));
    writeFileSync(join(dir, 'pack', 'pack-short.idx'), Buffer.from([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]));
    assert.equal(packedObjectsIn(dir), 0);
  });

  it('reads a version-1 index, whose table starts at its first byte', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'pack'));
    const table = Buffer.alloc(256 * 4 + 64);
    table.writeUInt32BE(42, 255 * 4);
    writeFileSync(join(dir, 'pack', 'pack-old.idx'), table);
    assert.equal(packedObjectsIn(dir), 42);
  });
});

describe('alternatesIn', () => {
  it('takes the alternate lines of count-objects -v, unquoting a C-quoted path', () => {
    const output = 'count: 0\nsize: 0\nin-pack: 0\nalternate: /srv/mirror/objects\nalternate: "/srv/caf\\303\\251 \\"x\\"/objects"\n';
    assert.deepEqual(alternatesIn(output), ['/srv/mirror/objects', '/srv/café "x"/objects']);
  });
});
