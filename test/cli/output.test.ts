// Reports are written in pieces of about 64 KB, to files only their owner can read.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inPieces, writePrivateFile } from '../../src/cli/output.js';
import { tempDir } from '../../fixtures/repo.js';

describe('report output', () => {
  it('joins small chunks into pieces of at least 64 KB, the last one what is left, nothing lost', () => {
    const chunks = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(196)}`);
    const pieces = [...inPieces(chunks)];
    assert.equal(pieces.join(''), chunks.join(''));
    assert.ok(pieces.length > 1 && pieces.length < 10);
    for (const piece of pieces.slice(0, -1)) assert.ok(piece.length >= 65536);
    assert.deepEqual([...inPieces([])], []);
    assert.deepEqual([...inPieces(['a', '', 'b'])], ['ab']);
  });

  it('writes a file with mode 0600, also over an existing readable one', () => {
    const path = join(tempDir(), 'report.json');
    writeFileSync(path, 'old content that is longer');
    chmodSync(path, 0o644);
    writePrivateFile(path, ['[', ']\n']);
    assert.equal(readFileSync(path, 'utf8'), '[]\n');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('fails with code output when the file cannot be written', () => {
    assert.throws(() => writePrivateFile(join(tempDir(), 'no', 'such', 'dir.json'), ['x']), { code: 'output', message: /cannot write the report \(ENOENT\)/ });
  });
});
