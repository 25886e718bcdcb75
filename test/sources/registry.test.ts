// The source registry: one entry per kind of input, opened by its spec's kind; an unknown kind
// is a usage error naming the known ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSource, SOURCE_KINDS, sourceType, type SourceSpec } from '../../src/sources/registry.js';
import { plural } from '../../src/model/words.js';
import { tempDir } from '../../fixtures/repo.js';

describe('source registry', () => {
  it('knows the five kinds of input, each registered under its own kind', async () => {
    assert.deepEqual([...SOURCE_KINDS].sort(), ['directory', 'files', 'history', 'staged', 'stdin']);
    for (const kind of SOURCE_KINDS) assert.equal((await sourceType(kind)).kind, kind);
  });

  it('opens the source a spec names', async () => {
    const path = tempDir();
    const directory = await openSource({ kind: 'directory', path });
    assert.equal(directory.scope, `the files of ${path}`);
    const history = await openSource({ kind: 'history', path, range: 'main..topic' });
    assert.equal(history.scope, 'range main..topic');
    const staged = await openSource({ kind: 'staged', path });
    assert.equal(staged.scope, 'the staged changes');
  });

  it('rejects an unknown kind with a usage error naming the known ones', async () => {
    const spec = { kind: 'ftp', path: '/' } as unknown as SourceSpec;
    await assert.rejects(openSource(spec), (error: unknown) => {
      assert.equal((error as { code?: unknown }).code, 'usage');
      assert.match((error as Error).message, /unknown source kind "ftp" \(known: .*history.*\)/);
      return true;
    });
  });

  it('counts things in words', () => {
    assert.deepEqual([plural(0, 'file'), plural(1, 'file'), plural(2, 'commit')], ['0 files', '1 file', '2 commits']);
  });
});
