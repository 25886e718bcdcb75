// The blob index packs each blob's origins into typed arrays: what it gives back must be what a
// plain list of objects per blob gives (the index as first written), on listings of every shape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prng } from '../../../fixtures/random.js';
import type { BlobChange, CommitInfo, Oid, Origin } from '../../../src/model/types.js';
import type { HistoryLog } from '../../../src/sources/git/backend.js';
import { BlobOrigins, commitAges, indexHistory } from '../../../src/sources/git/history-index.js';

/** The index as first written: a list of Origin objects per blob, sorted at the end. */
function plainIndex(log: HistoryLog, keepReplaced: boolean): { blobs: Oid[]; origins: Map<Oid, Origin[]> } {
  const { position, ages } = commitAges(log.commits);
  const origins = new Map<Oid, Origin[]>();
  const blobs: Oid[] = [];
  for (const change of log.changes) {
    const previous = keepReplaced ? change.previousBlob : undefined;
    const at = position.get(change.commit);
    if (at === undefined) continue;
    const commit = log.commits[at] as CommitInfo;
    const age = ages[at] as number;
    let list = origins.get(change.blob);
    if (list === undefined) {
      list = [];
      origins.set(change.blob, list);
      blobs.push(change.blob);
    }
    const same = list.find((origin) => origin.path === change.path);
    if (same === undefined) list.push({ commit, age, path: change.path, replaced: previous === undefined ? [] : [previous] });
    else if (age < same.age) {
      same.commit = commit;
      same.age = age;
      same.replaced = previous === undefined ? [] : [previous];
    } else if (age === same.age && previous !== undefined) same.replaced = [...same.replaced, previous];
  }
  for (const list of origins.values()) if (list.length > 1) list.sort((a, b) => a.age - b.age || a.path.localeCompare(b.path));
  return { blobs, origins };
}

/** A random history: commits with one or two parents (some listed twice), changes that reuse blobs and paths, some naming unlisted commits. */
function randomLog(seed: number): HistoryLog {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const commits: CommitInfo[] = [];
  const count = 5 + Math.floor(random() * 60);
  for (let i = 0; i < count; i += 1) {
    const parents = i === 0 ? [] : random() < 0.2 && i > 1 ? [pick(commits).oid, pick(commits).oid] : [pick(commits).oid];
    commits.push({ oid: `c${seed}-${i}`, parents, committerTime: 1_700_000_000 + Math.floor(random() * 50), author: 'A', email: 'a@example.test', date: '', subject: `${i}` });
  }
  // A commit listed twice shares its first listing's age.
  if (random() < 0.5) commits.push(pick(commits));
  const paths = ['a.txt', 'b/c.txt', 'B/c.txt', 'é.txt', 'e\u0301.txt', 'z'];
  const blobs = Array.from({ length: 3 + Math.floor(random() * 12) }, (_, i) => `b${i}`);
  const changes: BlobChange[] = Array.from({ length: Math.floor(random() * 150) }, () => ({
    commit: random() < 0.05 ? 'not-listed' : pick(commits).oid,
    path: pick(paths),
    blob: pick(blobs),
    previousBlob: random() < 0.5 ? undefined : pick(blobs),
  }));
  return { commits, changes, deletions: [] };
}

const shape = (origins: Iterable<[Oid, readonly Origin[]]>): unknown => [...origins].map(([oid, list]) => [oid, list.map((o) => [o.commit.oid, o.age, o.path, [...o.replaced]])]);

describe('the blob index', () => {
  it('gives the same blobs and origins, in the same order, as a list of objects per blob', () => {
    for (let seed = 1; seed <= 400; seed += 1) {
      const log = randomLog(seed);
      for (const keep of [true, false]) {
        const expected = plainIndex(log, keep);
        const index = indexHistory(log, undefined, keep);
        assert.deepEqual(index.blobs, expected.blobs, `seed ${seed}`);
        assert.deepEqual(shape(index.origins), shape(expected.origins), `seed ${seed}, replaced kept: ${keep}`);
        for (const oid of expected.blobs) assert.deepEqual(shape([[oid, index.origins.get(oid) ?? []]]), shape([[oid, expected.origins.get(oid) ?? []]]));
      }
    }
  });

  it('grows past the room it was given, and forgets a deleted blob', () => {
    const commits: CommitInfo[] = Array.from({ length: 40 }, (_, i) => ({ oid: `c${i}`, parents: i === 0 ? [] : [`c${i - 1}`], committerTime: i, author: '', email: '', date: '', subject: '' }));
    const { ages } = commitAges(commits);
    const origins = new BlobOrigins(commits, ages, 1);
    for (let i = 39; i >= 0; i -= 1) origins.add('blob', `path-${i % 20}`, i, undefined);
    origins.add('other', 'x', 3, 'blob');
    const list = origins.get('blob') ?? [];
    // Twenty paths, each at its oldest commit (0-19), oldest first.
    assert.deepEqual(list.map((o) => [o.commit.oid, o.path]), Array.from({ length: 20 }, (_, i) => [`c${i}`, `path-${i}`]));
    assert.deepEqual(origins.get('other')?.map((o) => [...o.replaced]), [['blob']]);
    assert.equal(origins.size, 2);
    origins.delete('blob');
    assert.equal(origins.get('blob'), undefined);
    assert.equal(origins.has('other'), true);
    assert.deepEqual([...origins].map(([oid]) => oid), ['other']);
  });
});
