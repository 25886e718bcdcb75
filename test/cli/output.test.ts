// Reports are written in pieces of about 64 KB, to files only their owner can read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('fails with code output when the file cannot be written, naming a folder that is not there', () => {
    const folder = join(tempDir(), 'no', 'such');
    assert.throws(() => writePrivateFile(join(folder, 'dir.json'), ['x']), { code: 'output', message: `${join(folder, 'dir.json')}: cannot write the report: no folder ${folder}` });
    assert.throws(() => writePrivateFile(tempDir(), ['x']), { code: 'output', message: /: cannot write the report \(EISDIR\)$/ });
  });

  it('refuses a symbolic link, to a file or to nowhere, and leaves what it names alone', () => {
    const dir = tempDir();
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'keep');
    chmodSync(target, 0o644);
    for (const [link, to] of [[join(dir, 'link.json'), target], [join(dir, 'dangling.json'), join(dir, 'nowhere.json')]] as const) {
      symlinkSync(to, link);
      assert.throws(() => writePrivateFile(link, ['x']), { code: 'output', message: `${link}: is a symbolic link: refusing to write the report through it (name the file itself)` });
      assert.ok(lstatSync(link).isSymbolicLink());
    }
    assert.equal(readFileSync(target, 'utf8'), 'keep');
    assert.equal(statSync(target).mode & 0o777, 0o644);
    assert.throws(() => lstatSync(join(dir, 'nowhere.json')), { code: 'ENOENT' });
  });

  it('writes to a device as it is, without changing its mode (-o /dev/null)', { skip: process.platform === 'win32' }, () => {
    // As root, a null device of the test's own (changing /dev/null's mode would break the machine); else /dev/null, which only root could change.
    let device = '/dev/null';
    if (process.getuid?.() === 0) {
      device = join(tempDir(), 'null');
      execFileSync('mknod', ['-m', '666', device, 'c', '1', '3']);
    }
    const before = statSync(device).mode;
    writePrivateFile(device, ['x']);
    assert.equal(statSync(device).mode, before);
  });
});
