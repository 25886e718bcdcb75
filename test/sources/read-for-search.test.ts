// Reading a file to search it: over the limit it is sized, not read; binary past the sniffed bytes it
// is sized and its rest left unread; otherwise read whole, as prepareText would see it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { prepareText, SNIFF_BYTES } from '../../src/detect/text.js';
import { readForSearch } from '../../src/sources/read-for-search.js';

const dir = mkdtempSync(join(tmpdir(), 'leakwatch-read-for-search-'));
const file = (name: string, bytes: Buffer): Buffer => {
  writeFileSync(join(dir, name), bytes);
  return Buffer.from(join(dir, name));
};

describe('readForSearch', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a text whole, even one longer than the sniffed bytes', () => {
    const text = Buffer.from('line of text\n'.repeat(2000));
    assert.deepEqual(readForSearch(file('a.txt', text), 1 << 20, false), { bytes: text });
    assert.deepEqual(readForSearch(file('empty.txt', Buffer.alloc(0)), 1 << 20, false), { bytes: Buffer.alloc(0) });
  });

  it('sizes a file over the limit without reading it', () => {
    assert.deepEqual(readForSearch(file('big.txt', Buffer.alloc(100, 0x61)), 99, false), { bytes: undefined, size: 100, binary: false });
  });

  it('leaves the rest of a long binary file unread, unless binary files are searched', () => {
    const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0, 0]), Buffer.alloc(SNIFF_BYTES * 3, 0x41)]);
    const path = file('lib.node', binary);
    assert.deepEqual(readForSearch(path, 1 << 20, false), { bytes: undefined, size: binary.length, binary: true });
    assert.equal(prepareText(binary).kind, 'binary');
    assert.deepEqual(readForSearch(path, 1 << 20, true), { bytes: binary });
    // Short binary files are read: the search counts them binary from the bytes themselves.
    assert.deepEqual(readForSearch(file('short.bin', Buffer.from([1, 0, 2])), 1 << 20, false), { bytes: Buffer.from([1, 0, 2]) });
  });

  it('reads UTF-16 without a mark whole: NUL bytes there are not binary', () => {
    const utf16 = Buffer.from('a line of text\n'.repeat(1000), 'utf16le');
    assert.deepEqual(readForSearch(file('wide.txt', utf16), 1 << 20, false), { bytes: utf16 });
  });

  it('throws what the file system throws', () => {
    assert.throws(() => readForSearch(Buffer.from(join(dir, 'gone')), 1 << 20, false), { code: 'ENOENT' });
  });
});
